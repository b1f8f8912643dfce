"""A draft found in Lacak Permohonan is continued in the intake screen and submitted under its number."""

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.main_window import MainWindow
from tests.conftest import wait_idle


def test_resume_draft_from_tracking(qtbot, office_services, make_ctx):
    from tests.models.test_applications import draft_for

    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    draft = draft_for(office_services)
    draft.requirements[0].received = False
    saved = office_services.applications.submit(draft, petugas, as_draft=True)
    ctx = make_ctx(office_services, petugas)
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    tracking = window.show_screen("tracking")
    qtbot.waitUntil(lambda: tracking.model.rowCount() == 1 and tracking.draft_button.isEnabled(), timeout=5000)
    tracking.draft_button.click()
    intake = window.screen("intake") if window.screen("intake") else None
    qtbot.waitUntil(lambda: window.screen("intake") is not None
                    and window.screen("intake").service is not None, timeout=5000)
    intake = window.screen("intake")
    assert window.stack.currentWidget() is intake and saved.number in intake.message.text()
    assert intake.service.id == saved.service_id and intake.resident.nik == saved.applicant.nik
    intake._on_all_received_clicked()
    intake.submit_button.click()
    qtbot.waitUntil(lambda: getattr(intake, "last_application", None) is not None, timeout=5000)
    done = intake.last_application
    assert done.id == saved.id and done.status == Status.DIAJUKAN
    assert office_services.db["applications"].count == 1
    wait_idle(qtbot, ctx)
