"""Fixtures for the kecamatan link tests; the helpers live in sync_helpers.py and backends.py."""

import pytest

from tests.sync.sync_helpers import kec, kel, linked  # noqa: F401 - fixtures


@pytest.fixture(params=["sqlite", "postgresql"])
def upstream(request, tmp_path, seeded_template, clock):
    """The receiver the kelurahan sends to, on each back end in turn (the same tests for both)."""
    from tests.sync.backends import PostgresUpstream, SqliteUpstream
    from tests.sync.sync_helpers import make_kecamatan

    if request.param == "sqlite":
        up = SqliteUpstream(make_kecamatan(tmp_path, seeded_template, clock))
    else:
        url, key_file = request.getfixturevalue("pg_database")
        up = PostgresUpstream(url, key_file, clock)
    yield up
    up.close()


@pytest.fixture
def linked_up(kel, upstream):  # noqa: F811
    from tests.sync.backends import link_upstream

    link_upstream(kel, upstream)
    return kel, upstream
