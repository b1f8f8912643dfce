"""An admin edits a service in the app: a new version for new applications; a broken edit is refused by name."""

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.catalog_screen import CatalogScreen
from tests.conftest import wait_idle


def open_editor(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = CatalogScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 28, timeout=5000)
    qtbot.keyClicks(screen.search, "sku")
    screen.edit_button.click()
    qtbot.waitUntil(lambda: hasattr(screen, "editor") and screen.editor.isVisible(), timeout=5000)
    return ctx, screen


def test_admin_edit_creates_new_version(qtbot, office_services, make_ctx):
    ctx, screen = open_editor(qtbot, office_services, make_ctx)
    text = screen.editor.text.toPlainText()
    assert "kalirejo-surat-keterangan-usaha" in text
    screen.editor.text.setPlainText(text.replace("Gratis", "Gratis (tanpa biaya)", 1))
    screen.editor.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.editor.saved_version is not None, timeout=5000)
    service, version = office_services.catalog.service("kalirejo-surat-keterangan-usaha")
    assert version == 2 and service.fee.text == "Gratis (tanpa biaya)"
    wait_idle(qtbot, ctx)


def test_broken_edit_is_refused_and_nothing_changes(qtbot, office_services, make_ctx):
    ctx, screen = open_editor(qtbot, office_services, make_ctx)
    screen.editor.text.setPlainText(screen.editor.text.toPlainText().replace("ends_at: kelurahan", "ends_at: desa"))
    screen.editor.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "ends_at" in screen.editor.message.text(), timeout=5000)
    assert office_services.catalog.service("kalirejo-surat-keterangan-usaha")[1] == 1
    wait_idle(qtbot, ctx)


def test_clerk_sees_no_edit_button(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    screen = CatalogScreen(ctx=ctx)
    qtbot.addWidget(screen)
    assert not screen.edit_button.isVisibleTo(screen)
    wait_idle(qtbot, ctx)
