"""The app's icon on the window and taskbar, the Windows exe and installer, the Linux desktop entry."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from desktop.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_window_and_taskbar_icon(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window

    window = build_window(None)
    qtbot.addWidget(window)
    icon = QApplication.instance().windowIcon()
    assert not icon.isNull() and icon.pixmap(64, 64).width() == 64
    assert not window.windowIcon().isNull()
    window.ctx.tasks.wait_idle()


def test_icon_files_and_where_the_installers_take_them():
    png = Image.open(resource_path("images", "loket-kelurahan.png"))
    assert png.size == (256, 256) and png.mode == "RGBA"
    ico = Image.open(resource_path("images", "loket-kelurahan.ico"))
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert "loket-kelurahan.ico" in (ROOT / "installer" / "loket.spec").read_text()
    iss = (ROOT / "installer" / "loket.iss").read_text()
    assert "SetupIconFile=..\\resources\\images\\loket-kelurahan.ico" in iss and "IconFilename" in iss
    desktop_entry = (ROOT / "installer" / "loket.desktop").read_text()
    assert "Icon=loket-kelurahan" in desktop_entry
    assert "hicolor/256x256/apps/loket-kelurahan.png" in (ROOT / "installer" / "README.md").read_text()
