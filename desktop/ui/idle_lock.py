"""Lock the counter when nobody has touched it for a while (Pengaturan → Kunci layar otomatis).

A counter PC stands in a public room: a clerk called away must not leave their session open to
the next person at the desk. The lock listens to the application's input events (keys, mouse,
wheel, touch) and, after `minutes` without any, tells the window to sign the person out; the window
keeps their open screens for when they sign in again ("Ganti pengguna" does the same by hand).
Input on a window for the public (the citizens' kiosk, the queue board: `PUBLIC_WINDOW` set) is not
the clerk's: citizens tapping the kiosk must not keep the clerk's session open.

Only the time since the last input matters, so the check uses a monotonic clock (injected for
tests), not the office's wall clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

PUBLIC_WINDOW = "loket_public_window"  # a window property: citizens use it, not the clerk

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                          QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
CHECK_MS = 15_000  # how often the idle time is looked at: a lock may come up to 15 s late


class IdleLock(QObject):
    sig_idle = Signal(int)
    """Nobody touched the app for this many minutes (emitted once; `start` arms it again)."""

    def __init__(self, app: QObject, *, parent: QObject | None = None, now: Callable[[], float] = time.monotonic,
                 check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)  # destroyed with the window, which also removes the filter
        self._app, self._now = app, now
        self._minutes = 0
        self._last = now()
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        app.installEventFilter(self)

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def start(self, minutes: int) -> None:
        """Watch from now on; 0 minutes: never lock."""
        self._minutes, self._last = minutes, self._now()
        if minutes > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    def arm_for(self, user: Any, services: Any) -> None:
        """Watch while someone is signed in, for as long as Pengaturan says (read at each sign-in)."""
        if user is None or services is None:
            self.stop()
            return
        from desktop.models.settings import SessionSettings

        self.start(services.settings.get(SessionSettings).minutes())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS and isinstance(watched, QWidget) \
                and not watched.window().property(PUBLIC_WINDOW):
            self._last = self._now()
        return False

    def check(self) -> None:
        if self._timer.isActive() and self._now() - self._last >= self._minutes * 60:
            self._timer.stop()
            self.sig_idle.emit(self._minutes)

    def close(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)


def watch_idle(window: QWidget) -> IdleLock:
    """The main window's lock: when it fires, `lock_window` signs the person out."""
    lock = IdleLock(QApplication.instance(), parent=window)
    lock.sig_idle.connect(lambda minutes: lock_window(window, minutes))
    return lock


def lock_window(window: Any, minutes: int) -> None:
    """Sign out as "Ganti pengguna" does (screens kept for the same person); open dialogs are cancelled."""
    if window.ctx.session.user is None:
        return
    for _ in range(10):  # a dialog may sit on another one
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            break
        dialog.close()
    window.switch_user()
    window.signin.message.setText(f"Layar dikunci setelah {minutes} menit tanpa kegiatan. Masuk lagi; "
                                  "layar Anda tetap seperti tadi.")
