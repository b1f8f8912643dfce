"""The window on screen first, filled right after: what start-up defers until the first paint.

Building the shell costs more than a bare window: Qt's own enum namespace (`Qt.…`, ~13 ms the
first time anything touches it), the style sheet, the Indonesian Qt catalogue, the icon, the
navigation and the sign-in screen. A clerk waiting for the program to appear does not need them
in the first frame. `FirstPaint` is the main window's stand-in central widget: when it has been
painted once it asks for the rest (`then`), and a short fallback timer does so if no paint comes
(a minimised or hidden start). See bench/bench_startup.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 300  # no paint (minimised, hidden): build anyway


class FirstPaint(QWidget):
    """An empty central widget that calls `then` once, after it has been painted."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self._then: Callable[[], None] | None = then
        QTimer.singleShot(FALLBACK_MS, self._go)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        QTimer.singleShot(0, self._go)  # after this frame reaches the screen

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
