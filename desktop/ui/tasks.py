"""The one path for slow work: database, printing, PDF and sync run off the GUI thread.

Like Anki's CollectionOp: a single worker thread runs operations in order (so the SQLite
connection is used by one thread at a time); results come back to the GUI thread through a
queued signal, and only the GUI thread touches widgets.

It is also where the app learns that data changed (`sig_data_changed`, one signal for every
screen). Commits on the connection it runs jobs on are reported by the models' commit listener
(desktop/models/db.py `on_commit`) the moment they happen; the signal follows the job's own
callback. Commits on any other connection — the sync and SMS workers' own (ui/sync_worker.py,
ui/sms_worker.py), `loket serve` beside the app, a second copy on the same file — are noticed by
SQLite's `PRAGMA data_version` on that same connection, read every few seconds while the app is
idle (`OUTSIDE_CHECK_MS`, the main window's timer) and after each pass of those workers.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.models.errors import LoketError

if TYPE_CHECKING:
    from sqlite_utils import Database

# How often to look whether another connection committed (a worker thread, another program).
OUTSIDE_CHECK_MS = 3000


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    sig_done = Signal(int, object)
    """(job id, result)"""
    sig_failed = Signal(int, object)
    """(job id, exception)"""

    sig_committed = Signal()
    """A transaction was committed on the watched connection (emitted from the committing thread)."""

    sig_outside = Signal(int)
    """PRAGMA data_version of the watched connection, read on the worker."""


class _Job(QRunnable):
    """Runs on the worker. It holds no callbacks: those stay in the GUI thread's table, so the last
    reference to a screen is never dropped (and the screen destroyed) off the GUI thread."""

    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.job_id, self.fn, self.relay = job_id, fn, relay

    def run(self) -> None:
        fn, self.fn = self.fn, None
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            if not isinstance(exc, LoketError):
                traceback.print_exc()
            del fn
            self.relay.sig_failed.emit(self.job_id, exc)
        else:
            del fn
            self.relay.sig_done.emit(self.job_id, result)


class _DataVersionProbe(QRunnable):
    """Reads PRAGMA data_version on the worker (the connection's thread); not counted as a job."""

    def __init__(self, db: Database, relay: _Relay) -> None:
        super().__init__()
        self.db, self.relay = db, relay

    def run(self) -> None:
        try:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
        except Exception:  # noqa: BLE001 - a closed or damaged file: the next real job reports it
            return
        if shiboken6.isValid(self.relay):
            self.relay.sig_outside.emit(version)


class TaskManager(QObject):
    """Runs callables on one background thread and reports back on the GUI thread."""

    sig_busy_changed = Signal(bool)
    """True while any operation is running (status bar shows a busy hint)."""

    sig_data_changed = Signal()
    """Data was committed — by a job here, a worker with its own connection, or another program on
    the same file. Screens that show data reload it. Emitted on the GUI thread after the callback of
    the job that wrote, once per job however many transactions it committed."""

    sig_error = Signal(str)
    """An operation failed and its caller gave no error handler: the message to show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.sig_done.connect(self._on_relay_done)
        self._relay.sig_failed.connect(self._on_relay_failed)
        self._relay.sig_committed.connect(self._on_relay_committed)
        self._relay.sig_outside.connect(self._on_relay_outside)
        self._pending = 0
        self._next_id = 0
        self._jobs: dict[int, tuple[Any, Any, Any]] = {}  # job id -> (fn, on_done, on_error), GUI thread only
        self._changed = False  # committed since sig_data_changed was last emitted
        self._watched: Database | None = None
        self._data_version: int | None = None

    def watch(self, db: Database) -> None:
        """Report commits on `db`, the connection the jobs use, as sig_data_changed. Commits by other
        connections are seen by `check_outside_changes`, which the main window calls every
        OUTSIDE_CHECK_MS (a timer there, not here: the window lives as long as the app)."""
        from desktop.models.db import on_commit

        if self._watched is db:
            return
        relay = self._relay

        def committed() -> None:  # in the committing thread: only queue a signal to the GUI thread
            if shiboken6.isValid(relay):
                relay.sig_committed.emit()

        on_commit(db, committed)
        self._watched, self._data_version = db, None
        self.check_outside_changes()  # the version to compare with

    def check_outside_changes(self) -> None:
        """Ask SQLite whether another connection committed since the last look (on the worker)."""
        if self._watched is not None and not self.busy:
            self._pool.start(_DataVersionProbe(self._watched, self._relay))

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Exception], None] | None = None, *, owner: QObject | None = None) -> None:
        """Run `fn` on the worker; call back on the GUI thread unless `owner` was deleted meanwhile.

        A bound method's own object counts as its owner, so a screen closed while its query
        runs is never called back.
        """
        owner = owner if owner is not None else getattr(on_done, "__self__", None)
        if isinstance(owner, QObject):
            on_done = _guarded(on_done, owner)
            on_error = _guarded(on_error, owner) if on_error is not None else None
        self._pending += 1
        if self._pending == 1:
            self.sig_busy_changed.emit(True)
        self._next_id += 1
        self._jobs[self._next_id] = (fn, on_done, on_error)
        self._pool.start(_Job(self._next_id, fn, self._relay))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def wait_idle(self, msecs: int = 30000) -> bool:
        """For shutdown and tests: block until the worker has finished queued jobs."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_relay_done(self, job_id: int, result: Any) -> None:
        _fn, callback, _on_error = self._jobs.pop(job_id)
        self._finish()
        if callback is not None:
            callback(result)
        self._announce()

    @Slot(int, object)
    def _on_relay_failed(self, job_id: int, exc: Exception) -> None:
        _fn, _on_done, callback = self._jobs.pop(job_id)
        self._finish()
        if callback is not None:
            callback(exc)
        else:
            self.sig_error.emit(error_text(exc))
        self._announce()

    @Slot()
    def _on_relay_committed(self) -> None:
        self._changed = True
        if not self.busy:  # not one of our jobs (a commit made outside the runner): say so now
            self._announce()

    @Slot(int)
    def _on_relay_outside(self, version: int) -> None:
        seen, self._data_version = self._data_version, version
        if seen is not None and version != seen:
            self._changed = True
            if not self.busy:
                self._announce()

    def _announce(self) -> None:
        if self._changed:
            self._changed = False
            self.sig_data_changed.emit()

    def _finish(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.sig_busy_changed.emit(False)


def _guarded(callback: Callable[[Any], None] | None, owner: QObject) -> Callable[[Any], None] | None:
    if callback is None:
        return None

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call


def error_text(exc: BaseException) -> str:
    """The message for a failed operation. It claims nothing it has not checked: an unknown error
    may have left the action half done (never half written: each action is one transaction)."""
    if isinstance(exc, LoketError):
        return str(exc)
    import sqlite3  # here, not at the top: this module loads before the first paint

    if isinstance(exc, sqlite3.DatabaseError):  # e.g. a damaged file read outside a transaction
        from desktop.models.db import describe_sqlite_error

        return describe_sqlite_error(exc, "basis data")
    return (f"Terjadi kesalahan yang tidak terduga ({type(exc).__name__}: {exc}). Tindakan ini mungkin tidak "
            "selesai: periksa hasilnya sebelum melanjutkan. Bila terulang, catat pesan ini dan minta admin "
            "menjalankan `loket check`.")
