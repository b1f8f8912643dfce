"""Opening the SQLite database: pragmas, migrations, friendly errors, one write lock."""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from desktop.models.errors import DatabaseError

# One connection is shared by the GUI's single database worker thread and by tests; the lock
# makes every transaction exclusive inside the process, SQLite's own locking covers others.
_WRITE_LOCKS: dict[int, threading.RLock] = {}

# How long a writer waits for another process (the app beside `loket serve`) before giving up.
BUSY_TIMEOUT_MS = 15000
# After SQLite's own busy wait ran out, try again this many times, pausing a little longer each time.
BUSY_RETRIES = 3


# Told after every committed transaction on a Database (in the committing thread): how the UI learns
# that data changed without the models knowing about Qt (desktop/ui/tasks.py subscribes).
_COMMIT_LISTENERS: weakref.WeakKeyDictionary[Database, list[Callable[[], None]]] = weakref.WeakKeyDictionary()


def _lock_for(db: Database) -> threading.RLock:
    return _WRITE_LOCKS.setdefault(id(db.conn), threading.RLock())


def on_commit(db: Database, listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` after each transaction committed through `transaction(db)`; returns the
    unsubscribe function. It runs in the thread that committed, after the commit: it must be quick
    and must not write (the UI only queues a signal to its own thread)."""
    listeners = _COMMIT_LISTENERS.setdefault(db, [])
    listeners.append(listener)

    def unsubscribe() -> None:
        if listener in listeners:
            listeners.remove(listener)

    return unsubscribe


def _committed(db: Database) -> None:
    for listener in list(_COMMIT_LISTENERS.get(db, ())):
        try:
            listener()
        except Exception:  # noqa: BLE001 - the data is written; a listener's failure must not say otherwise
            traceback.print_exc()


def connect(path: str | Path | None) -> Database:
    """Open (or create) the database at `path`; None gives an in-memory database."""
    target = ":memory:" if path is None else str(path)
    try:
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        # No plugin scan: it costs start-up time and would let outside code into the register.
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        # Deleted content is overwritten, not left in free pages: a key or a resident removed is gone
        # from the file too.
        db.execute("PRAGMA secure_delete = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
    """One user action = one transaction: all of it is written, or none of it.

    The outermost level starts with BEGIN IMMEDIATE: it takes the write lock first, so a
    second process on the same file (the app beside `loket serve`) waits for it through the
    busy timeout instead of failing when a read inside the transaction turns into a write
    (a deferred BEGIN cannot wait there: SQLite refuses the upgrade at once). Nested levels
    are savepoints.
    """
    lock = _lock_for(db)
    with lock:
        try:
            if db.conn.in_transaction:
                with _savepoint(db):
                    yield db
                return
            _begin_immediate(db)
            try:
                yield db
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise
            try:
                db.conn.execute("COMMIT")
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise
            _committed(db)
        except sqlite3.OperationalError as exc:
            raise DatabaseError(describe_sqlite_error(exc, "basis data")) from exc


def _begin_immediate(db: Database) -> None:
    """Take the write lock, waiting for other processes (busy timeout, then a few retries)."""
    for attempt in range(BUSY_RETRIES + 1):
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if attempt == BUSY_RETRIES or not _is_busy(exc):
                raise
            time.sleep(0.05 * 2 ** attempt + secrets.randbelow(50) / 1000)


@contextlib.contextmanager
def _savepoint(db: Database) -> Iterator[None]:
    name = f"loket_{secrets.token_hex(8)}"
    db.conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        # An error such as RAISE(ROLLBACK) can end the whole transaction, savepoints included.
        if db.conn.in_transaction:
            db.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            db.conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    db.conn.execute(f"RELEASE SAVEPOINT {name}")


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def describe_sqlite_error(exc: BaseException, target: str) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"Basis data sedang dipakai program lain ({target}). Tutup program itu lalu coba lagi."
    if "not a database" in text or "malformed" in text or "corrupt" in text or "could not decode" in text:
        return (f"Berkas basis data rusak atau bukan basis data Loket ({target}). Hentikan pekerjaan, jalankan "
                "`loket check` untuk melihat bagian yang rusak, lalu pulihkan dari cadangan terakhir.")
    if "disk" in text and ("full" in text or "i/o" in text):
        return ("Disk penuh atau tidak dapat ditulis; tindakan ini dibatalkan seluruhnya. Kosongkan ruang disk lalu "
                "ulangi.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"Basis data tidak dapat dibuka untuk ditulis ({target}). Periksa izin folder."
    return f"Kesalahan basis data: {exc}"
