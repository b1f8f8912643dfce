"""A turned mouse wheel scrolls the page; it never changes a field the clerk did not click into.

Qt lets the wheel change any combo box, spin box or date field under the pointer, focused or not.
Scrolling down the Pengaturan page over "Lingkup nomor urut" silently switched the letter numbering
from one counter per office to one per classification code (seen under Xvfb with real wheel
events). The guard, on the whole application, hands such a wheel event to the field's parent (the
page scrolls on) unless the field has the keyboard focus, when turning the wheel is deliberate.
Qt's combo boxes and spin boxes also take the focus from a wheel turned over them (`WheelFocus`),
before any filter sees the event; the guard turns that into `StrongFocus` (click or Tab) as each
one is polished.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox: spin boxes and date/time fields


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not watched.hasFocus():
            # Not for this field: left unaccepted, Qt offers the event to its parents (the scroll area).
            event.ignore()
            return True
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED) \
                and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Once per application; returns the guard in place."""
    guard = getattr(app, "_loket_wheel_guard", None)  # findChild by type costs ~5 ms at start-up
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._loket_wheel_guard = guard
    return guard
