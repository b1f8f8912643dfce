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

    sig_done = Signal(object, object)
    """(callback, result)"""
    sig_failed = Signal(object, object)
    """(callback, exception)"""


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, on_done: Any, on_error: Any) -> None:
        super().__init__()
        self.fn, self.relay, self.on_done, self.on_error = fn, relay, on_done, on_error

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            if not isinstance(exc, LoketError):
                traceback.print_exc()
            self.relay.sig_failed.emit(self.on_error, exc)
        else:
            self.relay.sig_done.emit(self.on_done, result)


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
        self._pool.start(_Job(fn, self._relay, on_done, on_error))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def wait_idle(self, msecs: int = 30000) -> bool:
        """For shutdown and tests: block until the worker has finished queued jobs."""
        return self._pool.waitForDone(msecs)

    @Slot(object, object)
    def _on_relay_done(self, callback: Any, result: Any) -> None:
        self._finish()
        if callback is not None:
            callback(result)

    @Slot(object, object)
    def _on_relay_failed(self, callback: Any, exc: Exception) -> None:
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
    if isinstance(exc, LoketError):
        return str(exc)
    return f"Terjadi kesalahan yang tidak terduga: {exc}. Data yang sudah tersimpan tetap aman."
