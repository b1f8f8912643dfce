"""The decrees' own conditions as the clerk meets them on screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.models.applications.workflow import NO_PROCEDURE
from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.inbox_screen import InboxScreen
from desktop.ui.screens.intake_screen import IntakeScreen
from tests.conftest import wait_idle
from tests.models.test_chains_per_office import make_draft, setup_office


def test_kandangan_step_waits_for_the_clerks_confirmation(qtbot, services, make_ctx):
    by_role = setup_office(services, "kandangan", "")
    petugas = next(u for r, u in by_role.items() if r.value == "petugas")
    app = services.applications.submit(make_draft(services, "kandangan-legalisasi-sktm"), petugas)
    ctx = make_ctx(services, petugas)
    screen = InboxScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5000)
    assert screen.confirm.isVisible() and "Data kependudukan pemohon sudah mutakhir" in screen.confirm.text()
    screen.do_button.click()
    qtbot.waitUntil(lambda: "Pastikan dulu" in screen.message.text(), timeout=5000)
    assert services.applications.get(app.id).active_step == app.active_step
    qtbot.mouseClick(screen.confirm, Qt.MouseButton.LeftButton, pos=QPoint(8, screen.confirm.height() // 2))
    assert screen.confirm.isChecked()
    screen.do_button.click()
    qtbot.waitUntil(lambda: hasattr(screen, "last_result"), timeout=5000)
    assert services.applications.get(app.id).active_step != app.active_step
    wait_idle(qtbot, ctx)


def test_a_service_without_procedure_says_so_when_picked(qtbot, services, make_ctx):
    setup_office(services, "kalirejo", "")
    ctx = make_ctx(services, services.users.authenticate("petugas", DEMO_PIN))
    screen = IntakeScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot, ctx)
    qtbot.keyClicks(screen.service_picker.edit, "permohonan ktp")
    qtbot.keyClick(screen.service_picker.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.service is not None, timeout=5000)
    assert screen.service.id == "kalirejo-permohonan-ktp"
    assert "prosedur belum ditentukan admin" in screen.service_picker.chosen.text()
    assert screen.warnings.text() == NO_PROCEDURE and not screen.submit_button.isEnabled()
    screen.reset()
    assert screen.submit_button.isEnabled()
    wait_idle(qtbot, ctx)
