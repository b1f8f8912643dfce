"""Start-up paints the window first and builds the shell right after (desktop/ui/first_paint.py).

What a clerk must never see: a window that stays empty, a shell built twice, or sign-in reachable
before the shell exists. bench/bench_startup.py prints both moments (window on screen, sign-in
screen painted).
"""

from __future__ import annotations

from desktop.ui.context import AppContext, Session
from desktop.ui.first_paint import FALLBACK_MS
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskManager


def deferred_window(qtbot) -> tuple[MainWindow, list[str]]:
    calls: list[str] = []
    window = MainWindow(ctx=AppContext(services=None, tasks=TaskManager(), session=Session()),
                        after_first_paint=lambda: calls.append("dress"))
    qtbot.addWidget(window)
    window.sig_shell_built.connect(lambda: calls.append("built"))
    return window, calls


def test_the_shell_follows_the_first_paint_once(qtbot):
    window, calls = deferred_window(qtbot)
    assert not window.shell_built and not hasattr(window, "signin") and calls == []
    window.show()
    qtbot.waitUntil(lambda: window.shell_built, timeout=2000)
    assert calls == ["dress", "built"]  # the style and Qt catalogue first, then the screens
    assert window.stack.currentWidget() is window.signin
    qtbot.waitUntil(lambda: window.signin.isVisible(), timeout=2000)
    window.complete_ui()  # a second call (attach_services, the fallback timer) builds nothing again
    window.repaint()
    qtbot.wait(FALLBACK_MS + 50)
    assert calls == ["dress", "built"]


def test_a_window_that_is_never_painted_is_built_anyway(qtbot):
    window, calls = deferred_window(qtbot)  # minimised or hidden at start: no paint event comes
    qtbot.waitUntil(lambda: window.shell_built, timeout=FALLBACK_MS + 1000)
    assert calls == ["dress", "built"] and hasattr(window, "signin")


def test_the_database_arriving_first_builds_the_shell_before_sign_in(qtbot, office_services):
    window, calls = deferred_window(qtbot)
    window.attach_services(office_services)  # before any paint
    assert calls == ["dress", "built"]
    assert window.ctx.services is office_services and window.signin.isEnabled()
    window.ctx.tasks.wait_idle()


def test_the_app_guards_the_wheel_once_its_sign_in_screen_is_built(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window

    app = QApplication.instance()
    earlier = getattr(app, "_loket_wheel_guard", None)  # another test's window may have installed it
    if earlier is not None:
        app.removeEventFilter(earlier)
        del app._loket_wheel_guard
    window = build_window(None, paint_first=True)
    qtbot.addWidget(window)
    assert getattr(app, "_loket_wheel_guard", None) is None  # not before the first paint
    window.show()
    qtbot.waitUntil(lambda: getattr(app, "_loket_wheel_guard", None) is not None, timeout=3000)
    assert window.shell_built
    window.ctx.tasks.wait_idle()
