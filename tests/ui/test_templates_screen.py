"""Admin edits a letter template as a form: an unknown placeholder is named on save; the letter is
previewed inside the app from the unsaved text; a saved edit is used by the next letter."""

import subprocess

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.templates_screen import TemplatesScreen
from tests.conftest import wait_idle
from tests.ui.screen_walk import english_in


def open_screen(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = TemplatesScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.list.count() > 30, timeout=5000)
    screen.list.setCurrentRow(screen.names.index("usaha"))
    return ctx, screen


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_template_reads_as_a_form_in_indonesian(qtbot, office_services, make_ctx):
    ctx, screen = open_screen(qtbot, office_services, make_ctx)
    assert screen.form.title.text() == "SURAT KETERANGAN USAHA"
    assert screen.list.currentItem().text() == "Surat Keterangan Usaha"  # titles, not file names
    assert "{nama_usaha}" in screen.form.opening.toPlainText() + screen.form.body.toPlainText()
    shown = " ".join(screen.list.item(i).text() for i in range(screen.list.count()))
    shown += " " + " ".join(screen.form.keys.item(i).text() for i in range(screen.form.keys.count()))
    assert not english_in(shown), english_in(shown)  # keys only inside {…}, everything else in words
    assert "Nama pemohon  {nama}" in shown and "_" not in screen.list.currentItem().text()
    wait_idle(qtbot, ctx)


def test_unknown_placeholder_is_named_and_not_saved(qtbot, office_services, make_ctx):
    from desktop.printing.templates import office_templates_dir

    ctx, screen = open_screen(qtbot, office_services, make_ctx)
    screen.form.closing.setPlainText("Berlaku untuk toko {nama_toko}.")
    screen.save_button.click()
    qtbot.waitUntil(lambda: "{nama_toko}" in screen.message.text(), timeout=5000)
    assert "tidak dikenal" in screen.message.text()
    assert not (office_templates_dir() / "usaha.yaml").exists()
    wait_idle(qtbot, ctx)


def test_preview_shows_the_unsaved_text_inside_the_app(qtbot, office_services, make_ctx):
    from desktop.printing.templates import office_templates_dir

    ctx, screen = open_screen(qtbot, office_services, make_ctx)
    screen.form.closing.setPlainText("Surat ini berlaku tiga bulan sejak diterbitkan.")
    screen.preview_button.click()
    qtbot.waitUntil(lambda: getattr(screen, "preview", None) is not None, timeout=15000)
    assert screen.preview.isVisible() and screen.preview.page_labels[0].pixmap().width() > 300
    assert "berlaku tiga bulan" in _pdf_text(screen.last_preview)
    assert not (office_templates_dir() / "usaha.yaml").exists()  # previewing saves nothing
    wait_idle(qtbot, ctx)


def test_saved_edit_is_used_by_the_next_letter(qtbot, office_services, make_ctx):
    from desktop.printing.issue import preview_letter
    from desktop.printing.templates import office_templates_dir

    ctx, screen = open_screen(qtbot, office_services, make_ctx)
    screen.form.closing.setPlainText("Surat ini berlaku enam bulan sejak diterbitkan.")
    screen.save_button.click()
    qtbot.waitUntil(lambda: "tersimpan" in screen.message.text(), timeout=5000)
    try:
        pdf = preview_letter(office_services, "kalirejo", "kalirejo-surat-keterangan-usaha")
        path = office_templates_dir().parent / "x.pdf"
        path.write_bytes(pdf)
        assert "berlaku enam bulan" in _pdf_text(path)
        path.unlink()
    finally:
        (office_templates_dir() / "usaha.yaml").unlink(missing_ok=True)  # the data folder is shared by tests
    wait_idle(qtbot, ctx)
