"""The mouse wheel scrolls the Pengaturan page and leaves its fields alone unless one has the focus.

Real wheel events are sent through the application (as Xvfb's xdotool delivered them when this
was found: the numbering scope changed under a scrolling admin).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import NumberingSettings
from desktop.ui.wheel_guard import install_wheel_guard
from tests.conftest import wait_idle


def turn_wheel(widget, notches: int = -3) -> bool:
    """Wheel down over the middle of `widget`; whether the widget kept the event (else Qt offers a
    real, window-system wheel event to the parents: the page scrolls, checked by hand under Xvfb)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_scrolling_over_the_settings_page_changes_no_setting(qtbot, office_services, make_ctx):
    from desktop.ui.screens.settings_screen import SettingsScreen

    guard = install_wheel_guard(QApplication.instance())
    assert install_wheel_guard(QApplication.instance()) is guard  # once per application
    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = SettingsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 500)
    screen.show()
    wait_idle(qtbot, ctx)
    for field in (screen.number_scope, screen.paper_size, screen.lock_minutes):
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel turned over it takes no focus
    screen.save_button.setFocus()
    qtbot.waitUntil(screen.save_button.hasFocus, timeout=2000)
    before = (screen.number_scope.currentIndex(), screen.paper_size.currentIndex(), screen.lock_minutes.value())
    for field in (screen.number_scope, screen.paper_size, screen.lock_minutes):
        assert not turn_wheel(field)  # left for the page
    assert (screen.number_scope.currentIndex(), screen.paper_size.currentIndex(),
            screen.lock_minutes.value()) == before
    screen.number_scope.setFocus()  # clicked into: now the wheel is meant for the field
    qtbot.waitUntil(screen.number_scope.hasFocus, timeout=2000)
    assert turn_wheel(screen.number_scope)
    assert screen.number_scope.currentIndex() != before[0]
    assert office_services.settings.get(NumberingSettings).scope == "office"  # nothing saved by scrolling
    wait_idle(qtbot, ctx)
