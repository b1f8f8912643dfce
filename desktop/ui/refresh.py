"""Screens that show data reload themselves when it changed (TaskManager.sig_data_changed).

A screen on show reloads at once after a change; several changes in a row give one reload. A
screen that is hidden (another page of the window, a closed board) is left alone: it reloads when
it is shown again (its `on_shown`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

from desktop.ui.tasks import TaskManager


class _FollowChanges(QObject):
    """The screen's child: dies with it, and so does its connection to the task runner. It holds the
    screen only weakly, so no reference cycle keeps a closed screen's wrapper alive."""

    def __init__(self, screen: QWidget, tasks: TaskManager, reload: Callable[[], None]) -> None:
        super().__init__(screen)
        self._screen = weakref.ref(screen)
        self._reload = weakref.WeakMethod(reload) if hasattr(reload, "__self__") else (lambda: reload)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the event that announced it: changes in one burst give one reload
        self._timer.timeout.connect(self._on_timer_timeout)
        tasks.sig_data_changed.connect(self._on_data_changed)

    @Slot()
    def _on_data_changed(self) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        screen, reload = self._screen(), self._reload()
        if screen is not None and reload is not None and screen.isVisible():
            reload()


def reload_on_change(screen: QWidget, tasks: TaskManager, reload: Callable[[], None]) -> None:
    """Call `reload` after data changed, while `screen` is on show."""
    _FollowChanges(screen, tasks, reload)
