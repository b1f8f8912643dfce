"""Upgrading a database that an earlier release wrote (Electrum-style frozen samples).

tests/fixtures/loket-0.1.0-kelurahan.sqlite3 was written by release 0.1.0 (migrations m001–m005;
see make_release_db.py) and is never regenerated. Every later migration must open it and keep
every record it holds, value for value, and the office must work on the upgraded file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.trust.integrity import check_database
from desktop.office import open_office
from tests.identities import FAST_KDF

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASES = ["loket-0.1.0-kelurahan.sqlite3"]


def _snapshot(path: Path) -> dict[str, dict[str, tuple]]:
    """Every row of every table, keyed by rowid, as (column → value) for the columns of that release."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%_fts%'")]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]
            rows = conn.execute(f"SELECT rowid, {', '.join(repr(c) for c in cols)} FROM '{table}'").fetchall()
            out[table] = {row[0]: tuple(zip(cols, row[1:])) for row in rows}
        return out
    finally:
        conn.close()


@pytest.fixture(params=RELEASES)
def upgraded(request, tmp_path, clock):
    source = FIXTURES / request.param
    assert source.is_file(), f"frozen sample {source.name} is missing"
    path = tmp_path / "loket.sqlite3"
    shutil.copy(source, path)
    before = _snapshot(path)
    services = open_office(path, clock, kdf=FAST_KDF)
    yield before, services, path
    services.db.conn.close()


def test_every_record_survives_the_upgrade(upgraded):
    before, services, path = upgraded
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    after = _snapshot(path)
    assert before["register"] and before["applications"] and before["queue_tickets"] and before["outbox"]
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        for rowid, old in rows.items():
            new = dict(after[table].get(rowid, ()))
            assert new, f"{table} row {rowid} disappeared"
            changed = {c: (v, new.get(c)) for c, v in old if new.get(c) != v}
            assert not changed, f"{table} row {rowid} changed: {changed}"


def test_the_upgraded_office_works(upgraded):
    _before, services, _path = upgraded
    assert services.is_set_up
    lurah = services.users.authenticate("lurah", DEMO_PIN)
    assert lurah.full_name
    numbers = {e.number: e.status for e in services.register.entries()}
    assert numbers == {"510/001/KBK/2026": "terbit", "510/002/KBK/2026": "batal"}
    assert services.residents.count() == 10
    report = check_database(services.db)
    assert report.ok, report.text
