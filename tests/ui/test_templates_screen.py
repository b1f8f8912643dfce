"""Admin edits a letter template: an unknown placeholder is named on save; a good edit is used by letters."""

import subprocess

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.templates_screen import TemplatesScreen
from tests.conftest import wait_idle


def open_screen(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = TemplatesScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.list.count() > 30, timeout=5000)
    screen.list.setCurrentRow(screen.names.index("usaha"))
    return ctx, screen


def test_unknown_placeholder_is_named_and_not_saved(qtbot, office_services, make_ctx):
    from desktop.printing.templates import office_templates_dir

    ctx, screen = open_screen(qtbot, office_services, make_ctx)
    screen.editor.setPlainText(screen.editor.toPlainText().replace("{nama_usaha}", "{nama_toko}", 1))
    screen.save_button.click()
    qtbot.waitUntil(lambda: "{nama_toko}" in screen.message.text(), timeout=5000)
    assert "tidak dikenal" in screen.message.text()
    assert not (office_templates_dir() / "usaha.yaml").exists()
    wait_idle(qtbot, ctx)


def test_saved_edit_is_used_by_the_next_letter(qtbot, office_services, make_ctx, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    from desktop.printing.templates import office_templates_dir

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    ctx, screen = open_screen(qtbot, office_services, make_ctx)
    text = screen.editor.toPlainText()
    closing = next(line for line in text.splitlines() if line.startswith("closing"))
    screen.editor.setPlainText(text.replace(closing, "closing: Surat ini berlaku tiga bulan sejak diterbitkan."))
    screen.save_button.click()
    qtbot.waitUntil(lambda: "tersimpan" in screen.message.text(), timeout=5000)
    try:
        screen.preview_button.click()
        qtbot.waitUntil(lambda: hasattr(screen, "last_preview"), timeout=10000)
        pdf_text = subprocess.run(["pdftotext", str(screen.last_preview), "-"], capture_output=True, text=True,
                                  check=True).stdout
        assert "berlaku tiga bulan" in pdf_text
    finally:
        (office_templates_dir() / "usaha.yaml").unlink(missing_ok=True)  # the data folder is shared by tests
    wait_idle(qtbot, ctx)
