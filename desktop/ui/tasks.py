"""The one path for slow work: database, printing, PDF and sync run off the GUI thread.

Like Anki's CollectionOp: a single worker thread runs operations in order (so the SQLite
connection is used by one thread at a time); results come back to the GUI thread through a
queued signal, and only the GUI thread touches widgets.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.models.errors import LoketError


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    sig_done = Signal(int, object)
    """(job id, result)"""
    sig_failed = Signal(int, object)
    """(job id, exception)"""


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


class TaskManager(QObject):
    """Runs callables on one background thread and reports back on the GUI thread."""

    sig_busy_changed = Signal(bool)
    """True while any operation is running (status bar shows a busy hint)."""

    sig_error = Signal(str)
    """An operation failed and its caller gave no error handler: the message to show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.sig_done.connect(self._on_relay_done)
        self._relay.sig_failed.connect(self._on_relay_failed)
        self._pending = 0
        self._next_id = 0
        self._jobs: dict[int, tuple[Any, Any, Any]] = {}  # job id -> (fn, on_done, on_error), GUI thread only

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

    @Slot(int, object)
    def _on_relay_failed(self, job_id: int, exc: Exception) -> None:
        _fn, _on_done, callback = self._jobs.pop(job_id)
        self._finish()
        if callback is not None:
            callback(exc)
        else:
            self.sig_error.emit(error_text(exc))

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
