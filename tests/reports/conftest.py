"""A busy November 2026 at a demo Kelurahan Kalirejo, made once per session and copied per test."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from desktop.models.clock import WIB, FixedClock
from desktop.models.office.first_run import complete_first_run, demo_input
from desktop.office import open_office
from tests.identities import FAST_KDF
from tests.reports.busy_office import busy_month
from tests.sync.sync_helpers import kec, kel, linked  # noqa: F401 - fixtures for the travel tests


@pytest.fixture(scope="session")
def busy_template(tmp_path_factory, seeded_template):
    path = tmp_path_factory.mktemp("busy") / "busy.sqlite3"
    shutil.copy(seeded_template, path)
    clock = FixedClock(datetime(2026, 10, 1, 8, 0, tzinfo=WIB))
    s = open_office(path, clock, kdf=FAST_KDF)
    complete_first_run(s, demo_input(s.catalog.office("kalirejo"), residents=20))
    made = busy_month(s, clock)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.db.conn.close()
    return path, made


@pytest.fixture
def busy_clock():
    return FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))


@pytest.fixture
def busy(tmp_path, busy_template, busy_clock):
    """(services, what the month made); the clock stands on 2 December 2026."""
    source, made = busy_template
    path = tmp_path / "busy.sqlite3"
    shutil.copy(source, path)
    for secret in source.parent.glob("*.kunci-perangkat"):  # the same PC: its device secret comes along
        shutil.copy(secret, tmp_path / secret.name)
    s = open_office(path, busy_clock, kdf=FAST_KDF)
    yield s, made
    s.db.conn.close()
