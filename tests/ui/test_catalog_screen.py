"""Catalogue screen: search by abbreviation, full standard shown, information sheet printed."""

import subprocess

from desktop.ui.screens.catalog_screen import CatalogScreen
from tests.conftest import wait_idle


def test_search_and_detail(qtbot, office_services, make_ctx, sign_in):
    ctx = make_ctx(office_services, sign_in("petugas"))
    screen = CatalogScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 28, timeout=5000)
    qtbot.keyClicks(screen.search, "sktm")
    assert screen.model.rowCount() == 1
    html = screen.detail.toPlainText()
    assert "Surat Keterangan Tidak Mampu" in html and "Surat Pengantar dari RT / RW" in html
    assert "5 Menit" in html
    screen.search.clear()
    qtbot.keyClicks(screen.search, "tidak ada layanan begini")
    assert screen.model.rowCount() == 0 and "Tidak ada layanan" in screen.detail.toPlainText()
    assert not screen.import_button.isVisibleTo(screen)  # clerks do not load catalogue files


def test_information_sheet_pdf_has_the_standard(qtbot, office_services, make_ctx, sign_in, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    ctx = make_ctx(office_services, sign_in("petugas"))
    screen = CatalogScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 28, timeout=5000)
    qtbot.keyClicks(screen.search, "waris")
    screen.print_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    text = subprocess.run(["pdftotext", "-layout", opened[0], "-"], capture_output=True, text=True, check=True).stdout
    assert "LEMBAR INFORMASI LAYANAN" in text
    assert "60 Menit" in text
    assert "065/13/424.301.1.04/2024" in text
    wait_idle(qtbot, ctx)
