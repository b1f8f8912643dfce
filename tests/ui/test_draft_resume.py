"""A draft found in Lacak Permohonan is continued in the intake screen and submitted under its number."""

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.main_window import MainWindow
from tests.conftest import wait_idle
from tests.models.test_applications import draft_for


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
    intake.all_received.click()
    intake.submit_button.click()
    qtbot.waitUntil(lambda: getattr(intake, "last_application", None) is not None, timeout=5000)
    done = intake.last_application
    assert done.id == saved.id and done.status == Status.DIAJUKAN
    assert office_services.db["applications"].count == 1
    wait_idle(qtbot, ctx)


def test_todays_list_from_lacak_permohonan(qtbot, office_services, make_ctx):
    from desktop.ui.screens.tracking_screen import TrackingScreen

    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    office_services.applications.submit(draft_for(office_services), petugas)
    ctx = make_ctx(office_services, petugas)
    screen = TrackingScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.ask_printer = False
    screen.day_list_button.click()
    qtbot.waitUntil(lambda: "PDF disimpan" in screen.message.text(), timeout=10000)
    assert screen.last_day_list.exists() and screen.last_day_list.name == "permohonan-2026-11-24.pdf"
    wait_idle(qtbot, ctx)


def test_lacak_detail_and_buttons_follow_the_same_application_after_each_search(qtbot, office_services, make_ctx,
                                                                                  monkeypatch):
    from desktop.models.users.roles import Role
    from desktop.ui.screens.tracking_screen import TrackingScreen

    apps = office_services.applications
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    draft = apps.submit(draft_for(office_services), petugas, as_draft=True)
    signed = apps.submit(draft_for(office_services), petugas)
    while not any(s.kind == "tanda_tangan" and s.state == "done" for s in signed.steps):
        step = signed.current
        role = Role(step.roles[0])
        signed = apps.perform(signed.id, step.idx, office_services.users.by_role(role)[0], role,
                              pin=DEMO_PIN)
    ctx = make_ctx(office_services, petugas)
    screen = TrackingScreen(ctx=ctx)
    qtbot.addWidget(screen)
    printed = []
    monkeypatch.setattr("desktop.ui.letter_printing.print_letter",
                        lambda _ctx, app_id, *_a, **_k: printed.append(app_id))
    for target, draft_enabled, reprint_enabled in ((draft, True, False), (signed, False, True), (draft, True, False)):
        screen.search.setText(target.number)
        screen.search.returnPressed.emit()
        qtbot.waitUntil(lambda t=target: screen.current is not None and screen.current.id == t.id, timeout=5000)
        wait_idle(qtbot, ctx)
        assert target.number in screen.detail.toPlainText()
        assert screen.draft_button.isEnabled() is draft_enabled and screen.reprint_button.isEnabled() is reprint_enabled
    screen.search.setText(signed.number)
    screen.search.returnPressed.emit()
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.id == signed.id, timeout=5000)
    screen.reprint_button.click()
    assert printed == [signed.id]
    wait_idle(qtbot, ctx)
