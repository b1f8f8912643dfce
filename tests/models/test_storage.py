"""Database opening, migrations, and refusing what must be refused."""

import sqlite3

import pytest

from desktop.models.db import connect, open_database, transaction
from desktop.models.errors import DatabaseError
from desktop.models.migrations import known_names


def test_fresh_database_gets_schema_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    assert {"settings", "offices", "services", "users", "residents", "audit"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r["name"] for r in db["_sqlite_migrations"].rows]
    assert applied == known_names()


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "a.sqlite3"
    open_database(path).conn.close()
    db = open_database(path)
    assert db["_sqlite_migrations"].count == len(known_names())


def test_database_from_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_database(path)
    db["_sqlite_migrations"].insert({"migration_set": "loket", "name": "m999_future_thing", "applied_at": "x"})
    db.conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="versi Loket Kelurahan yang lebih baru"):
        open_database(path)
    assert path.read_bytes() == before


def test_not_a_database_file_gives_clear_message(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseError, match="rusak atau bukan basis data"):
        open_database(path)


def test_locked_database_gives_clear_message(tmp_path):
    path = tmp_path / "a.sqlite3"
    open_database(path).conn.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        db = connect(path)
        db.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(DatabaseError, match="sedang dipakai"):
            with transaction(db):
                db.execute("INSERT INTO settings VALUES ('k', '1', 'now', NULL)")
    finally:
        other.execute("ROLLBACK")


def test_transaction_is_all_or_nothing(tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    with pytest.raises(RuntimeError):
        with transaction(db):
            db.execute("INSERT INTO settings VALUES ('a', '1', 'now', NULL)")
            raise RuntimeError("power cut")
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_full_disk_gives_clear_message_and_keeps_saved_data(tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    with transaction(db):
        db.execute("INSERT INTO settings VALUES ('kept', '1', 'now', NULL)")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    with pytest.raises(DatabaseError, match="Disk penuh"):
        with transaction(db):
            db.execute("INSERT INTO settings VALUES ('big', ?, 'now', NULL)", ["x" * 200_000])
    assert db.execute("SELECT key FROM settings").fetchall() == [("kept",)]
