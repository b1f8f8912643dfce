"""Composition root for the GUI: show the window at once, open the database, build services.

The window appears before the models and sqlite-utils are even imported; the database opens on
the worker thread right after, and sign-in is enabled when it is ready (a few hundred ms).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY_HELP = """Tidak ada layar (DISPLAY/WAYLAND_DISPLAY kosong), jadi jendela Loket tidak dapat dibuka.
Jalankan di layar virtual:   xvfb-run -a make run
atau tanpa jendela (uji):     QT_QPA_PLATFORM=offscreen loket"""


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("win") or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(db_path: Path | None = None, smoke: bool = False) -> int:
    """Start the app; with `smoke` open the main window, run the queue board through a burst of
    updates, and close (packaging check)."""
    if not has_display():
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.qt_import_hook import drop_feature_import_hook

    drop_feature_import_hook()
    from desktop.paths import default_db_path

    app = QApplication.instance() or QApplication(sys.argv)
    if sys.platform.startswith("win"):
        # Its own taskbar button with the app's icon, not Python's.
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("LoketKelurahan.Loket")
    app.setApplicationName("Loket Kelurahan")
    app.setOrganizationName("LoketKelurahan")
    app.setDesktopFileName("loket")
    window = build_window(None, paint_first=True)
    _show_fitted(app, window)
    path = db_path or default_db_path()
    exit_code = {"value": 0}

    def opened(services) -> None:
        attach(window, services)
        if smoke:
            from desktop.ui.smoke import BoardBurst

            def finished(code: int) -> None:
                exit_code["value"] = code
                app.quit()

            window.smoke = BoardBurst(app, window.ctx, finished)
        else:
            # Push to the kecamatan in the background once the counter is ready (never blocks the clerk).
            QTimer.singleShot(3000, lambda: _start_sync(window, path))
            QTimer.singleShot(4000, lambda: _start_sms(window, path))

    def failed(exc: Exception) -> None:
        print(str(exc), file=sys.stderr)
        exit_code["value"] = 1
        if not smoke:
            QMessageBox.critical(window, "Loket Kelurahan", str(exc))
        app.quit()

    def open_database() -> None:
        window.ctx.tasks.run(lambda: open_counter(path), opened, failed)

    # Once the sign-in screen is built and painted: the worker's imports (the models, sqlite-utils,
    # reportlab) would otherwise compete with the first frames for the GIL.
    if window.shell_built:
        QTimer.singleShot(0, open_database)
    else:
        window.sig_shell_built.connect(lambda: QTimer.singleShot(0, open_database))
    code = app.exec()
    window.ctx.tasks.wait_idle()
    return exit_code["value"] or code


def _show_fitted(app, window) -> None:
    """Fill the screen (a 1366×768 laptop has no pixel to spare) and take the keyboard at once."""
    screen = app.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()
    window.raise_()
    window.activateWindow()  # without this, the first field has the cursor but no focus frame


def open_counter(path: Path):
    """Worker side: put a restore staged on the Cadangan Data screen in place, then open and migrate the
    database, check it is not damaged, build services."""
    from desktop.models.clock import SystemClock
    from desktop.models.errors import DatabaseError
    from desktop.models.office.backup_restore import apply_staged_restore
    from desktop.models.trust.file_health import quick_check
    from desktop.office import open_office

    apply_staged_restore(path, SystemClock().now())
    services = open_office(path, seed_catalog=False)  # the first-run wizard seeds an empty database
    health = quick_check(services.db)  # a damaged file is named now, not mid-task (bench_integrity.py)
    if not health.ok:
        services.db.conn.close()
        raise DatabaseError(f"{path}: {health.text}")
    services.profile  # noqa: B018 - read once here, on the worker, so screens get it from memory
    from desktop.models.settings import SessionSettings

    services.settings.get(SessionSettings)  # likewise the idle lock's minutes, read at each sign-in
    return services


def set_app_icon(app) -> None:
    """The window and taskbar icon (also the queue board's and the kiosk's windows)."""
    from PySide6.QtGui import QIcon

    from desktop.paths import resource_path

    if app is not None and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(resource_path("images", "loket-kelurahan.png"))))


def build_window(services, *, paint_first: bool = False):  # -> MainWindow
    """Main window with the sign-in screen; with `services` also ready to use (tests, screenshots).

    `paint_first` (the app's start): the window goes on screen empty, and the style, the Qt
    catalogue, the icon and the shell follow right after its first paint (ui/first_paint.py)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.context import AppContext, Session
    from desktop.ui.main_window import MainWindow
    from desktop.ui.tasks import TaskManager

    app = QApplication.instance()

    def dress() -> None:
        from desktop.ui.style import apply_style
        from desktop.ui.translations import install_indonesian

        apply_style(app)
        install_indonesian(app)
        set_app_icon(app)

    def guard_wheel() -> None:
        from desktop.ui.wheel_guard import install_wheel_guard

        install_wheel_guard(app)

    tasks = TaskManager()
    ctx = AppContext(services=None, tasks=tasks, session=Session())
    if paint_first:
        window = MainWindow(ctx=ctx, after_first_paint=dress)
        # Its Qt classes and enums cost ~10 ms: after the sign-in screen is on screen, not before.
        window.sig_shell_built.connect(lambda: QTimer.singleShot(0, guard_wheel))
    else:
        dress()
        guard_wheel()
        window = MainWindow(ctx=ctx)
    tasks.setParent(window)
    if services is not None:
        attach(window, services)
    return window


def attach(window, services) -> None:
    window.attach_services(services)
    if not services.is_set_up:
        start_first_run(window)


def _start_sync(window, db_path: Path) -> None:
    if not window.ctx.services.is_set_up or window.ctx.services.profile.level != "kelurahan":
        return  # nothing to send yet (first start), or this is the kecamatan itself
    from desktop.office import open_office
    from desktop.ui.sync_worker import SyncWorker

    worker = SyncWorker(lambda: open_office(db_path))
    worker.setParent(window)
    worker.sig_status.connect(lambda report: window.statusBar().showMessage(report.message, 15000))
    worker.sig_status.connect(lambda _report: window.ctx.tasks.check_outside_changes())  # what it wrote shows now
    worker.start()
    window.sync_worker = worker


def _after_first_run(window, clerk) -> None:
    """Set-up saved: show sign-in, or for a demo office go straight to work as the demo clerk."""
    window.attach_services(window.ctx.services)
    if clerk is not None:
        window.ctx.session.sign_in(clerk)
    # The wizard had the keyboard: give it back to the window, in its first field (NIK or Pengguna).
    window.activateWindow()
    window.focus_current_page()


def _start_sms(window, db_path: Path) -> None:
    """Messages to citizens go out through the USB modem when one is set up (Pesan ke Warga)."""
    from desktop.office import open_office
    from desktop.ui.sms_worker import SmsWorker

    worker = SmsWorker(lambda: open_office(db_path))
    worker.setParent(window)
    worker.sig_report.connect(lambda report: report and report.sent and
                              window.statusBar().showMessage(report.message, 15000))
    worker.sig_report.connect(lambda _report: window.ctx.tasks.check_outside_changes())
    worker.start()
    window.sms_worker = worker


def start_first_run(window) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.models.errors import LoketError
    from desktop.ui.screens.first_run import FirstRunWizard

    ctx = window.ctx

    def load():
        ctx.services.catalog.ensure_seeded()
        return ctx.services.catalog.offices(), ctx.services.catalog.offices_covering_kelurahan()

    def show(result) -> None:
        offices, kelurahan_offices = result
        wizard = FirstRunWizard(ctx=ctx, offices=offices, kelurahan_offices=kelurahan_offices, parent=window)
        wizard.sig_completed.connect(lambda clerk: _after_first_run(window, clerk))
        window.first_run = wizard
        wizard.open()

    def failed(exc: Exception) -> None:
        text = str(exc) if isinstance(exc, LoketError) else f"Katalog tidak dapat dimuat: {exc}"
        QMessageBox.critical(window, "Katalog layanan", text)

    ctx.tasks.run(load, show, failed)
