"""The citizens' kiosk window: queue number and survey by taps, nothing else reachable, only the
clerk closes it, and an official stepping in at the clerk's PC does not change who the kiosk is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.citizen_kiosk import CitizenKiosk
from tests.conftest import wait_idle
from tests.ui.test_survey_kiosk import answer_all, tap


def _kiosk(qtbot, office_services, make_ctx):
    admin = office_services.users.authenticate("admin", DEMO_PIN).actor()
    office_services.queue.save_group("A", "Surat Keterangan", [], admin)
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    kiosk = CitizenKiosk(ctx=ctx, survey_thanks_ms=50)
    qtbot.addWidget(kiosk)
    kiosk.show_on(None)
    qtbot.waitUntil(lambda: "A" in kiosk.tickets.group_buttons, timeout=5000)
    return ctx, kiosk


def test_a_citizen_takes_a_number_then_answers_the_survey(qtbot, office_services, make_ctx):
    ctx, kiosk = _kiosk(qtbot, office_services, make_ctx)
    with qtbot.waitSignal(kiosk.tickets.sig_issued, timeout=5000):
        tap(qtbot, kiosk.tickets.group_buttons["A"])
    assert kiosk.tickets.number.text() == "A-001"
    tap(qtbot, kiosk.tickets.survey_button)
    assert kiosk.pages.currentWidget() is kiosk.survey
    with qtbot.waitSignal(kiosk.survey.sig_saved, timeout=5000):
        answer_all(qtbot, kiosk.survey)
    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.tickets, timeout=5000)  # ready for the next
    assert office_services.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 1
    wait_idle(qtbot, ctx)


def test_escape_and_the_window_close_do_not_end_the_kiosk_only_the_clerk_does(qtbot, office_services, make_ctx):
    ctx, kiosk = _kiosk(qtbot, office_services, make_ctx)
    kiosk.show_on(QGuiApplication.primaryScreen())  # full screen on its own monitor, as in the office
    QTest.keyClick(kiosk, Qt.Key.Key_Escape)
    kiosk.close()  # what Alt+F4 or the title bar's X asks
    assert kiosk.isVisible()
    with qtbot.waitSignal(kiosk.sig_closed, timeout=2000):
        kiosk.close_kiosk()
    assert not kiosk.isVisible()
    wait_idle(qtbot, ctx)


def test_on_a_single_monitor_the_kiosk_is_an_ordinary_window(qtbot, office_services, make_ctx):
    ctx, kiosk = _kiosk(qtbot, office_services, make_ctx)  # shown with no monitor of its own
    with qtbot.waitSignal(kiosk.sig_closed, timeout=2000):
        kiosk.close()
    wait_idle(qtbot, ctx)


def test_the_kiosk_keeps_its_own_session_when_the_clerk_switches_user(qtbot, office_services, make_ctx):
    ctx, kiosk = _kiosk(qtbot, office_services, make_ctx)
    ctx.session.sign_in(office_services.users.authenticate("lurah", DEMO_PIN))  # Ganti pengguna at the PC
    ctx.session.sign_out()
    assert kiosk.ctx.user.username == "petugas"
    with qtbot.waitSignal(kiosk.tickets.sig_issued, timeout=5000):
        tap(qtbot, kiosk.tickets.group_buttons["A"])
    wait_idle(qtbot, ctx)
