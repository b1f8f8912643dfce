"""Composition root for the GUI: open the database, build services, show the window."""

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
    """Start the app; with `smoke` open and close the main window (packaging check)."""
    if not has_display():
        print(NO_DISPLAY_HELP, file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.models.errors import LoketError
    from desktop.paths import default_db_path

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Loket Kelurahan")
    app.setOrganizationName("LoketKelurahan")
    app.setDesktopFileName("loket")
    try:
        from desktop.models.db import open_database
        from desktop.models.services import build_services

        services = build_services(open_database(db_path or default_db_path()))
        from desktop.printing.issue import attach_letter_issuing

        attach_letter_issuing(services)
    except LoketError as exc:
        QMessageBox.critical(None, "Loket Kelurahan", str(exc))
        print(str(exc), file=sys.stderr)
        return 1
    window = build_window(services)
    window.show()
    if smoke:
        QTimer.singleShot(200, app.quit)
    else:
        # Push to the kecamatan in the background once the window is up (never blocks the clerk).
        QTimer.singleShot(3000, lambda: _start_sync(window, db_path or default_db_path()))
    return app.exec()


def _start_sync(window, db_path: Path) -> None:
    if window.ctx.services.profile.level != "kelurahan":
        return
    from desktop.models.services import open_services
    from desktop.ui.sync_worker import SyncWorker

    worker = SyncWorker(lambda: open_services(db_path))
    worker.setParent(window)
    worker.sig_status.connect(lambda report: window.statusBar().showMessage(report.message, 15000))
    worker.start()
    window.sync_worker = worker


def build_window(services):  # -> MainWindow
    """Main window with the sign-in screen; on first start, the set-up wizard on top of it."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.context import AppContext, Session
    from desktop.ui.main_window import MainWindow
    from desktop.ui.style import apply_style
    from desktop.ui.tasks import TaskManager

    apply_style(QApplication.instance())
    tasks = TaskManager()
    ctx = AppContext(services=services, tasks=tasks, session=Session())
    window = MainWindow(ctx=ctx)
    tasks.setParent(window)
    if not services.is_set_up:
        start_first_run(window)
    return window


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
        wizard.sig_completed.connect(lambda: window.signin.reset())
        window.first_run = wizard
        wizard.open()

    def failed(exc: Exception) -> None:
        text = str(exc) if isinstance(exc, LoketError) else f"Katalog tidak dapat dimuat: {exc}"
        QMessageBox.critical(window, "Katalog layanan", text)

    ctx.tasks.run(load, show, failed)
