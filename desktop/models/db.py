"""Opening the SQLite database: pragmas, migrations, friendly errors, one write lock."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from desktop.models.errors import DatabaseError

# One connection is shared by the GUI's single database worker thread and by tests; the lock
# makes every transaction exclusive inside the process, SQLite's own locking covers others.
_WRITE_LOCKS: dict[int, threading.RLock] = {}


def _lock_for(db: Database) -> threading.RLock:
    return _WRITE_LOCKS.setdefault(id(db.conn), threading.RLock())


def connect(path: str | Path | None) -> Database:
    """Open (or create) the database at `path`; None gives an in-memory database."""
    target = ":memory:" if path is None else str(path)
    try:
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None, timeout=5.0)
        # No plugin scan: it costs start-up time and would let outside code into the register.
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        # Deleted content is overwritten, not left in free pages: a key or a resident removed is gone
        # from the file too.
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
        # FULL: the register and anything a citizen holds on paper must survive a power cut.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(describe_sqlite_error(exc, target)) from exc
    except OSError as exc:
        raise DatabaseError(f"Folder basis data tidak dapat dibuat ({target}): {exc.strerror}.") from exc
    return db


def open_database(path: str | Path | None) -> Database:
    """Connect and bring the schema up to date; refuses a database from a newer version."""
    from desktop.models.migrations import migrate

    db = connect(path)
    migrate(db)
    return db


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One user action = one transaction: all of it is written, or none of it."""
    lock = _lock_for(db)
    with lock:
        try:
            with db.atomic():
                yield db
        except sqlite3.OperationalError as exc:
            raise DatabaseError(describe_sqlite_error(exc, "basis data")) from exc


def describe_sqlite_error(exc: BaseException, target: str) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"Basis data sedang dipakai program lain ({target}). Tutup program itu lalu coba lagi."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"Berkas basis data rusak atau bukan basis data Loket ({target}). Pulihkan dari cadangan."
    if "disk" in text and ("full" in text or "i/o" in text):
        return "Disk penuh atau tidak dapat ditulis. Kosongkan ruang disk; data yang sudah tersimpan aman."
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"Basis data tidak dapat dibuka untuk ditulis ({target}). Periksa izin folder."
    return f"Kesalahan basis data: {exc}"
