"""Regenerate the README's report images from a demo office's busy November 2026:

    .venv/bin/python scripts/report_images.py

docs/report-page.png (first page of the monthly pack PDF) and docs/screenshot-laporan.png (the
Laporan screen, offscreen at 1280×800).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOKET_DATA_DIR", tempfile.mkdtemp(prefix="loket-report-shots-"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    app = QApplication(sys.argv)
    from desktop.app import build_window
    from desktop.models.clock import WIB, FixedClock
    from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
    from desktop.models.reports.pack import build_pack
    from desktop.models.reports.period import ReportPeriod
    from desktop.office import open_office
    from desktop.printing.reports.pdf import render_pack_pdf
    from tests.reports.busy_office import busy_month

    out = ROOT / "docs"
    clock = FixedClock(datetime(2026, 10, 1, 8, 0, tzinfo=WIB))
    services = open_office(Path(os.environ["LOKET_DATA_DIR"]) / "demo.sqlite3", clock)
    complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=50))
    busy_month(services, clock)
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
    pdf = out / "report.pdf"
    pdf.write_bytes(render_pack_pdf(build_pack(services.db, services.settings, ReportPeriod.month(2026, 11))))
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(out / "report-page")], check=True)
    pdf.unlink()
    window = build_window(services)
    window.resize(1280, 800)
    window.show()
    window.ctx.session.sign_in(services.users.authenticate("lurah", DEMO_PIN))
    screen = window.show_screen("reports")
    spin(2500)
    screen.tabs.setCurrentIndex(4)  # Waktu layanan
    spin(300)
    window.grab().save(str(out / "screenshot-laporan.png"))
    window.ctx.tasks.wait_idle()
    app.quit()


if __name__ == "__main__":
    main()
