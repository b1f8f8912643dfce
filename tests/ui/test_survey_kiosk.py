"""The survey kiosk through the real screens: clicks on the real buttons, as a citizen taps them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.survey.unsur import CHARACTERISTICS, UNSUR
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.survey_kiosk_screen import SurveyKioskScreen
from tests.conftest import wait_idle


def tap(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tap_choice(qtbot, kiosk, text):
    button = next(b for b in kiosk.choice_buttons if b.text() == text)
    tap(qtbot, button)


def answer_all(qtbot, kiosk, unsur_choice=3, characteristics=("Perempuan", "30–39 tahun", "SMA/SMK", "Lainnya")):
    tap(qtbot, kiosk.start_button)
    if kiosk.questions[0].key == "service":
        tap_choice(qtbot, kiosk, kiosk.questions[0].choices[0][0])
    for ch, value in zip(CHARACTERISTICS, characteristics):
        assert kiosk.question_title.text() == ch.label
        tap_choice(qtbot, kiosk, value)
    for u in UNSUR:
        assert kiosk.question_text.text() == u.question
        assert [b.text() for b in kiosk.choice_buttons] == list(u.answers)  # 1 … 4, worst to best
        tap_choice(qtbot, kiosk, u.answer_text(unsur_choice))


def test_a_citizen_answers_alone_and_the_kiosk_returns_to_start(qtbot, office_services, make_ctx):
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    ctx = make_ctx(office_services, petugas)
    kiosk = SurveyKioskScreen(ctx=ctx, thanks_ms=50, idle_ms=60_000)
    qtbot.addWidget(kiosk)
    wait_idle(qtbot, ctx)
    assert kiosk.pages.currentWidget() is kiosk.start_page
    with qtbot.waitSignal(kiosk.sig_saved, timeout=5000):
        answer_all(qtbot, kiosk, unsur_choice=4)
    assert kiosk.pages.currentWidget() is kiosk.thanks_page
    with qtbot.waitSignal(kiosk.sig_reset, timeout=5000):
        pass  # the (injected, short) pause ends by itself
    assert kiosk.pages.currentWidget() is kiosk.start_page
    row = office_services.db.execute("SELECT source, jenis_kelamin, umur, u1, u9, service_id FROM survey_responses"
                                     ).fetchone()
    assert row[:5] == ("kiosk", "Perempuan", "30–39 tahun", 4, 4) and row[5].startswith("kalirejo-")
    wait_idle(qtbot, ctx)


def test_back_button_and_skipping_characteristics(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    kiosk = SurveyKioskScreen(ctx=ctx, thanks_ms=60_000)
    qtbot.addWidget(kiosk)
    wait_idle(qtbot, ctx)
    tap(qtbot, kiosk.start_button)
    tap_choice(qtbot, kiosk, "Lewati")  # service
    tap_choice(qtbot, kiosk, "Laki-laki")
    tap(qtbot, kiosk.back_button)
    assert kiosk.question_title.text() == "Jenis kelamin"
    tap_choice(qtbot, kiosk, "Lewati")
    for _ in CHARACTERISTICS[1:]:
        tap_choice(qtbot, kiosk, "Lewati")
    with qtbot.waitSignal(kiosk.sig_saved, timeout=5000):
        for u in UNSUR:
            tap_choice(qtbot, kiosk, u.answer_text(2))
    row = office_services.db.execute("SELECT jenis_kelamin, service_id, u5 FROM survey_responses").fetchone()
    assert row == ("", "", 2)
    wait_idle(qtbot, ctx)


def test_walking_away_mid_survey_stores_nothing(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    kiosk = SurveyKioskScreen(ctx=ctx, idle_ms=50)
    qtbot.addWidget(kiosk)
    wait_idle(qtbot, ctx)
    tap(qtbot, kiosk.start_button)
    tap_choice(qtbot, kiosk, kiosk.choice_buttons[0].text())
    with qtbot.waitSignal(kiosk.sig_reset, timeout=5000):
        pass
    assert kiosk.pages.currentWidget() is kiosk.start_page and kiosk.answers == {}
    assert office_services.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 0
    wait_idle(qtbot, ctx)


def test_reachable_from_the_queue_kiosk(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    ticket = window.show_screen("queue_ticket")
    tap(qtbot, ticket.survey_button)
    assert window.stack.currentWidget() is window.screen("survey_kiosk")
    wait_idle(qtbot, ctx)


def test_skm_step_of_the_decree_through_the_inbox_and_the_kiosk(qtbot, services, make_ctx, monkeypatch):
    from tests.models.test_survey_records import app_at_skm, setup_kandangan

    people = setup_kandangan(services)
    app = app_at_skm(services, people)
    ctx = make_ctx(services, people["petugas"])
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    inbox = window.show_screen("inbox")
    qtbot.waitUntil(lambda: inbox.current is not None and inbox.current.id == app.id, timeout=5000)
    assert "SKM" in inbox.do_button.text()
    tap(qtbot, inbox.do_button)  # asks how: kiosk, paper, refusal — a bare click records nothing
    assert inbox.skm_box.isVisible()
    kiosk_button = next(b for b in inbox.skm_box.buttons() if b.text() == "Isi di kiosk")
    tap(qtbot, kiosk_button)
    kiosk = window.screen("survey_kiosk")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is kiosk, timeout=5000)
    assert kiosk.request.app_id == app.id
    with qtbot.waitSignal(kiosk.sig_saved, timeout=5000):
        answer_all(qtbot, kiosk)
    done = services.applications.get(app.id)
    assert done.steps[app.active_step].state == "done" and done.steps[app.active_step].note == "SKM diisi responden"
    assert services.db.execute("SELECT service_id FROM survey_responses").fetchone()[0] == app.service_id
    wait_idle(qtbot, ctx)


def test_skm_refusal_from_the_inbox(qtbot, services, make_ctx):
    from tests.models.test_survey_records import app_at_skm, setup_kandangan

    people = setup_kandangan(services)
    app = app_at_skm(services, people)
    ctx = make_ctx(services, people["petugas"])
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    inbox = window.show_screen("inbox")
    qtbot.waitUntil(lambda: inbox.current is not None, timeout=5000)
    tap(qtbot, inbox.do_button)
    refuse = next(b for b in inbox.skm_box.buttons() if b.text() == "Menolak/tidak mengisi")
    tap(qtbot, refuse)
    qtbot.waitUntil(lambda: hasattr(inbox, "last_result"), timeout=5000)
    assert "menolak" in inbox.last_result.steps[app.active_step].note
    wait_idle(qtbot, ctx)


def test_intake_asks_for_the_phone_and_the_ready_sms_follows(qtbot, services, make_ctx):
    from desktop.models.applications.status import Status
    from desktop.ui.screens.intake_screen import IntakeScreen
    from tests.ui.test_intake_and_chain_screens import set_up

    nik = set_up(services, "kalirejo")
    ctx = make_ctx(services, services.users.authenticate("petugas", DEMO_PIN))
    screen = IntakeScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot, ctx)
    qtbot.keyClicks(screen.resident_picker.edit, nik)
    qtbot.keyClick(screen.resident_picker.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.resident is not None, timeout=5000)
    qtbot.keyClicks(screen.notify_phone, "0812-3456-7890")
    qtbot.keyClicks(screen.service_picker.edit, "domisili")
    qtbot.keyClick(screen.service_picker.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.service is not None, timeout=5000)
    for _label, widget in screen.fields.widgets.values():
        if hasattr(widget, "setText"):
            widget.setText("Melamar pekerjaan")
    tap(qtbot, screen.all_received)
    screen._submit(as_draft=False)
    qtbot.waitUntil(lambda: hasattr(screen, "last_application"), timeout=5000)
    app = screen.last_application
    assert app.applicant.phone == "+6281234567890"
    people = {n: services.users.authenticate(n, DEMO_PIN) for n in ("petugas", "kasi", "lurah")}
    from desktop.models.users.roles import Role

    while app.status != Status.SIAP_DIAMBIL:
        step = app.current
        role = Role(step.roles[0])
        app = services.applications.perform(app.id, step.idx, people.get(role.value, people["petugas"]), role,
                                            pin=DEMO_PIN if step.needs_pin else None)
    assert [n.reason for n in services.notifications.list()] == ["siap_diambil"]
    screen.reset()
    assert screen.notify_phone.text() == ""  # asked again for the next applicant
    wait_idle(qtbot, ctx)
