"""A clerk's day through the two application-wide input filters (the idle lock and the wheel guard):
30 000 keys, clicks and wheel turns on the real main window keep the clerk signed in, cost no
memory, and a quiet spell afterwards still locks the counter."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow
from desktop.ui.wheel_guard import install_wheel_guard
from tests.soak.memory import Watch, settle

EVENTS = 30_000


def test_thirty_thousand_inputs_through_the_app_filters(qtbot, keep, clerk_ctx):
    install_wheel_guard(QApplication.instance())
    window = MainWindow(ctx=clerk_ctx)
    qtbot.addWidget(window)
    keep.append(window)
    window.show()
    settle(clerk_ctx)
    now = [1000.0]
    window.idle_lock._now = lambda: now[0]
    window.idle_lock.start(10)
    intake = window.screen("intake")
    field, combo = intake.resident_picker.edit, intake.kind
    centre = QPointF(combo.rect().center())
    watch = Watch()
    for i in range(EVENTS):
        now[0] += 1.0  # a second between inputs: over 8 hours of them
        kind = i % 3
        if kind == 0:
            QApplication.sendEvent(field, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_3, Qt.KeyboardModifier.NoModifier, "3"))
        elif kind == 1:
            QApplication.sendEvent(field, QMouseEvent(QMouseEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5),
                                                      Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                                      Qt.KeyboardModifier.NoModifier))
        else:
            QApplication.sendEvent(combo, QWheelEvent(centre, centre, QPoint(0, 0), QPoint(0, -120),
                                                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                      Qt.ScrollPhase.NoScrollPhase, False))
        if i % 500 == 499:
            window.idle_lock.check()
            field.clear()
            QApplication.processEvents()
        if i == EVENTS // 10:
            watch.rebase()
    assert clerk_ctx.session.user is not None  # never ten minutes without input
    assert combo.currentIndex() == 0  # the wheel never turned the unfocused applicant kind
    watch.check(max_growth_mib=20)
    now[0] += 10 * 60
    window.idle_lock.check()
    assert clerk_ctx.session.user is None
    settle(clerk_ctx)
