"""Pengaduan, Pesan ke Warga, SKM paper entry and Beranda, driven through their widgets."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop.models.complaints.register import NewComplaint
from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.complaints_screen import ComplaintsScreen
from desktop.ui.screens.home import HomeScreen
from desktop.ui.screens.notifications_screen import NotificationsScreen
from desktop.ui.screens.survey_screen import SurveyScreen
from desktop.ui.table_models.complaints_model import LATE, Column
from tests.conftest import wait_idle


def complaint(**extra):
    return NewComplaint(channel="Telepon", subject="Antrean lama", description="Menunggu dua jam",
                        complainant_name="Budi", category="ringan", **extra)


def test_complaints_screen_register_assign_respond_and_late_in_red(qtbot, office_services, make_ctx, clock,
                                                                    tmp_path):
    koord = office_services.users.authenticate("pengaduan", DEMO_PIN)  # the demo office's Koordinator Pengaduan
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    office_services.complaints.register(complaint(confidential=True), petugas)
    clock.advance(days=3)  # ringan: 2 working days → late now
    ctx = make_ctx(office_services, office_services.users.authenticate("lurah", DEMO_PIN))
    screen = ComplaintsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    assert not screen.new_button.isEnabled()  # the Lurah handles, the counter records
    index = screen.model.index(0, Column.STATUS)
    assert "TERLAMBAT" in screen.model.data(index) and "1 terlambat" in screen.count.text()
    assert screen.model.data(index, Qt.ItemDataRole.ForegroundRole).color() == LATE
    assert screen.model.data(screen.model.index(0, Column.WHO)) == "Budi"  # the Lurah may see a confidential name
    screen.table.selectRow(0)
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5000)
    assert screen.assign_button.isEnabled()
    screen.assign(koord.id)
    qtbot.waitUntil(lambda: "Diproses" in screen.message.text() or "Baru" in screen.message.text(), timeout=5000)
    assert office_services.complaints.list()[0].assignee_name == "Rina Wulandari"
    screen.export_to(tmp_path / "lapor.xlsx")
    qtbot.waitUntil(lambda: "Diekspor" in screen.message.text(), timeout=5000)
    assert load_workbook(tmp_path / "lapor.xlsx").active.cell(2, 1).value == "ADU-2026-0001"
    wait_idle(qtbot, ctx)
    # The counter sees the register but not the confidential name.
    ctx2 = make_ctx(office_services, petugas)
    other = ComplaintsScreen(ctx=ctx2)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.model.rowCount() == 1, timeout=5000)
    assert other.model.data(other.model.index(0, Column.WHO)) == "(dirahasiakan)"
    other.register(complaint(unsur="u3"))
    qtbot.waitUntil(lambda: other.model.rowCount() == 2, timeout=5000)
    wait_idle(qtbot, ctx2)


def test_outbox_screen_states_and_retry(qtbot, office_services, make_ctx):
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    key = office_services.notifications.queue_test("0812 3456 7890", "Kelurahan Kalirejo", petugas)
    note = office_services.notifications.list()[0]
    for _ in range(5):
        office_services.notifications.mark_attempt_failed(note.id, "+CMS ERROR: 500", permanent=True)
    ctx = make_ctx(office_services, petugas)
    screen = NotificationsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    assert "Gagal 1" in screen.counts.text() and "belum diatur" in screen.modem.text()
    assert screen.model.data(screen.model.index(0, 2)) == "081234567890"
    screen.table.selectRow(0)
    screen.retry_button.click()
    qtbot.waitUntil(lambda: "diantrekan lagi" in screen.message.text(), timeout=5000)
    assert office_services.notifications.list()[0].state == "antre"
    assert key.startswith("uji:")
    wait_idle(qtbot, ctx)


def test_paper_questionnaire_entry_and_period_summary(qtbot, office_services, make_ctx, tmp_path):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    screen = SurveyScreen(ctx=ctx)
    qtbot.addWidget(screen)
    wait_idle(qtbot, ctx)
    screen.save_button.click()
    assert "Pilih nilai untuk: U1" in screen.message.text()
    for group in screen.score_groups:
        group.button(3).click()
    screen.characteristics["jenis_kelamin"].setCurrentIndex(2)
    with qtbot.waitSignal(screen.sig_saved, timeout=5000):
        screen.save_button.click()
    qtbot.waitUntil(lambda: "75,00" in screen.summary.text(), timeout=5000)
    assert "mutu <b>C</b>" in screen.summary.text()
    row = office_services.db.execute("SELECT source, jenis_kelamin, u1 FROM survey_responses").fetchone()
    assert row == ("kertas", "Perempuan", 3)
    screen.export_to(tmp_path / "ikm.pdf")
    qtbot.waitUntil(lambda: "Laporan ditulis" in screen.message.text(), timeout=5000)
    wait_idle(qtbot, ctx)


def test_beranda_shows_late_complaints_and_skm_progress(qtbot, office_services, make_ctx, clock):
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    office_services.complaints.register(complaint(), petugas)
    clock.advance(days=3)
    ctx = make_ctx(office_services, petugas)
    home = HomeScreen(ctx=ctx)
    qtbot.addWidget(home)
    qtbot.waitUntil(lambda: hasattr(home, "quality"), timeout=5000)
    text = home.summary.text()
    assert "Pengaduan terlambat: 1" in text and "ADU-2026-0001" in text
    assert "Survei kepuasan (Semester II Tahun 2026)" in text and "Belum ada warga" in text
    wait_idle(qtbot, ctx)


def test_settings_screen_keeps_the_office_holidays(qtbot, office_services, make_ctx):
    from desktop.models.settings import OfficeCalendar
    from desktop.ui.screens.settings_screen import SettingsScreen

    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = SettingsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.holidays.setPlainText("2026-12-25 Natal\n2026-12-24 cuti bersama")
    screen.pin.setText(DEMO_PIN)  # the office identity on the same screen is saved with the admin's PIN
    screen.save_button.click()
    qtbot.waitUntil(lambda: "tersimpan" in screen.message.text(), timeout=5000)
    assert office_services.settings.get(OfficeCalendar).holidays == ["2026-12-24", "2026-12-25"]
    screen.holidays.setPlainText("Natal")
    screen.pin.setText(DEMO_PIN)
    screen.save_button.click()
    qtbot.waitUntil(lambda: "bukan tanggal" in screen.message.text(), timeout=5000)
    assert office_services.settings.get(OfficeCalendar).holidays == ["2026-12-24", "2026-12-25"]
    wait_idle(qtbot, ctx)
