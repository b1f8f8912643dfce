"""Queue screens: ticket kiosk (printer off, file printer), counter panel actions, display board, admin, stats."""

from __future__ import annotations

import shutil
import socket
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.models.applications.application import Applicant
from desktop.models.applications.intake import IntakeDraft, checklist
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.queue.spoken import SoundOptions, announcement, sound_options
from desktop.models.queue.tickets import TicketStatus
from desktop.models.settings import PrinterSettings
from desktop.ui.announcer import BEEP, Announcer
from desktop.ui.screens.queue_admin_screen import QueueAdminScreen
from desktop.ui.screens.queue_counter_screen import CounterPanel
from desktop.ui.screens.queue_display import QueueDisplay, open_queue_display
from desktop.ui.screens.queue_stats_screen import QueueStatsScreen
from desktop.ui.screens.queue_ticket_screen import NO_PRINTER, TicketScreen
from tests.identities import admin_actor

SURAT = ["kalirejo-surat-keterangan-kematian", "kalirejo-surat-keterangan-domisili"]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("LOKET_DATA_DIR", str(path))
    return path


@pytest.fixture
def loket(office_services):
    """Groups A, B, C; loket 1 serves A and B, loket 2 serves C."""
    admin = office_services.users.authenticate("admin", DEMO_PIN).actor()
    q = office_services.queue
    q.save_group("A", "Surat Keterangan", SURAT, admin)
    q.save_group("B", "Kependudukan", ["kalirejo-pengantar-akte-kelahiran"], admin)
    q.save_group("C", "Pengaduan/Konsultasi", [], admin)
    return {c.number: c for c in (q.save_counter(1, "", ["A", "B"], admin), q.save_counter(2, "", ["C"], admin))}


@pytest.fixture
def keep():
    """Holds the screens until after make_ctx's wait_idle (so requested before make_ctx).

    A parentless widget whose last reference went with a finished background job would be
    destroyed by the worker thread; in the app, screens are owned by their Qt parents instead.
    """
    held: list[QWidget] = []
    yield held
    held.clear()


@pytest.fixture
def ctx(keep, office_services, make_ctx, sign_in, loket, data_dir):
    return make_ctx(office_services, sign_in("petugas"))


@pytest.fixture
def open_screen(qtbot, keep):
    def factory(cls, ctx):
        with qtbot.waitSignal(ctx.tasks.sig_busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
            screen = cls(ctx=ctx)
        qtbot.addWidget(screen)
        keep.append(screen)
        return screen

    return factory


def _printer(services, **kwargs) -> None:
    services.settings.put(PrinterSettings(**kwargs), admin_actor(services))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _issue(qtbot, screen: TicketScreen, code: str):
    with qtbot.waitSignal(screen.sig_issued, timeout=10000) as blocker:
        screen.group_buttons[code].click()
    return blocker.args[0]


# --- ticket screen -------------------------------------------------------------------------
def test_numbers_are_issued_and_shown_when_the_printer_is_off(qtbot, ctx, open_screen, office_services, data_dir):
    port = _closed_port()
    _printer(office_services, connection="network", host="127.0.0.1", port=port)
    screen = open_screen(TicketScreen, ctx)
    assert sorted(screen.group_buttons) == ["A", "B", "C"]
    assert screen.group_buttons["A"].text().startswith("A\nSurat Keterangan")

    first = _issue(qtbot, screen, "A")
    assert (first.number, first.printed) == ("A-001", False)
    second = _issue(qtbot, screen, "A")
    assert (second.number, second.result.people_ahead) == ("A-002", 1)
    assert screen.number.text() == "A-002"
    assert "Antrean di depan: 1 orang" in screen.details.text()
    assert screen.message.text().startswith("Tiket tidak tercetak. Printer jaringan 127.0.0.1:")
    assert "Pastikan printer menyala" in screen.message.text() and "A-002 tetap berlaku" in screen.message.text()
    assert screen.open_pdf_button.isVisibleTo(screen)
    assert second.pdf_path == data_dir / "arsip" / "tiket-2026-11-24-A-002.pdf"
    text = PdfReader(BytesIO(second.pdf_path.read_bytes())).pages[0].extract_text()
    assert "A-002" in text and "KELURAHAN KALIREJO" in text
    assert [t.number for t in office_services.queue.waiting("A")] == ["A-001", "A-002"]


def test_file_printer_receives_the_ticket(qtbot, ctx, open_screen, office_services, tmp_path):
    target = tmp_path / "struk.bin"
    _printer(office_services, connection="file", file_path=str(target), paper_mm=58)
    screen = open_screen(TicketScreen, ctx)
    outcome = _issue(qtbot, screen, "B")
    assert outcome.printed and outcome.pdf_path is None
    assert screen.message.text() == "Tiket tercetak."
    raw = target.read_bytes()
    assert b"B-001" in raw and b"KELURAHAN KALIREJO" in raw and b"NOMOR ANTREAN" in raw
    assert not screen.open_pdf_button.isVisibleTo(screen)


def test_without_a_printer_the_number_is_only_shown(qtbot, ctx, open_screen):
    screen = open_screen(TicketScreen, ctx)
    outcome = _issue(qtbot, screen, "C")
    assert (outcome.number, outcome.printed, screen.number.text()) == ("C-001", False, "C-001")
    assert screen.message.text() == NO_PRINTER


def test_group_letter_and_function_keys_issue_numbers(qtbot, ctx, open_screen):
    screen = open_screen(TicketScreen, ctx)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(screen.sig_issued, timeout=5000) as by_letter:
        qtbot.keyClick(screen, Qt.Key.Key_B)
    with qtbot.waitSignal(screen.sig_issued, timeout=5000) as by_function_key:
        qtbot.keyClick(screen, Qt.Key.Key_F7)  # F5 = A, F6 = B, F7 = C
    assert (by_letter.args[0].number, by_function_key.args[0].number) == ("B-001", "C-001")


def test_user_without_queue_permission_gets_no_number(qtbot, keep, open_screen, office_services, make_ctx, sign_in,
                                                     loket):
    ctx = make_ctx(office_services, sign_in("lurah"))
    screen = open_screen(TicketScreen, ctx)
    with qtbot.waitSignal(screen.sig_failed, timeout=5000) as blocker:
        screen.group_buttons["A"].click()
    assert "tidak berwenang" in blocker.args[0]
    assert office_services.queue.waiting() == [] and screen.number.text() == ""


# --- counter panel and display -------------------------------------------------------------
def _act(qtbot, panel: CounterPanel, button):
    with qtbot.waitSignal(panel.sig_action_done, timeout=5000) as blocker:
        button.click()
    return blocker.args[0]


def _fail(qtbot, panel: CounterPanel, button) -> str:
    with qtbot.waitSignal(panel.sig_action_failed, timeout=5000) as blocker:
        button.click()
    return blocker.args[0]


def _waiting(panel: CounterPanel) -> list[str]:
    return [panel.waiting_list.item(i).text().split()[0] for i in range(panel.waiting_list.count())]


@pytest.fixture
def issued(office_services):
    clerk = office_services.users.authenticate("petugas", DEMO_PIN).actor()
    return [office_services.queue.issue(code, clerk).ticket for code in "ABA"]


def test_call_next_reaches_the_display_through_the_bus(qtbot, ctx, open_screen, loket, issued):
    display = open_screen(QueueDisplay, ctx)
    panel = open_screen(CounterPanel, ctx)
    display.show_on(None)
    heard = []
    display.announcer.announce = lambda number, counter: heard.append((number, counter))
    assert _waiting(panel) == ["A-001", "B-001", "A-002"]
    on_board = []  # what the board shows at the moment the panel reports the call
    panel.sig_action_done.connect(lambda _o: on_board.append(display.counter_numbers[loket[1].id].text()))
    with qtbot.waitSignal(ctx.queue_bus.sig_called, timeout=5000):
        outcome = _act(qtbot, panel, panel.call_button)
    assert on_board == ["A-001"]  # set through the bus, not by a later poll
    assert heard == [("A-001", 1)]
    assert outcome.message == "Memanggil A-001." and panel.current_number.text() == "A-001"
    assert _waiting(panel) == ["B-001", "A-002"]
    qtbot.waitUntil(lambda: display.recent.text().startswith("A-001  →  Loket 1"), timeout=5000)


def test_recall_skip_restore_transfer_finish(qtbot, ctx, open_screen, office_services, loket, issued):
    panel = open_screen(CounterPanel, ctx)
    _act(qtbot, panel, panel.call_button)
    recall = _act(qtbot, panel, panel.recall_button)
    assert recall.message == "Memanggil ulang A-001 (panggilan ke-2)."

    skip = _act(qtbot, panel, panel.skip_button)
    assert skip.ticket.status is TicketStatus.SKIPPED and panel.current_number.text() == "—"
    assert panel.skipped_list.item(0).text().startswith("A-001") and not panel.recall_button.isEnabled()
    panel.skipped_list.setCurrentRow(0)
    restore = _act(qtbot, panel, panel.restore_button)
    assert restore.message == "A-001 kembali ke antrean." and _waiting(panel)[0] == "A-001"

    _act(qtbot, panel, panel.call_button)
    panel.transfer_combo.setCurrentIndex(panel.transfer_combo.findData("C"))
    transfer = _act(qtbot, panel, panel.transfer_button)
    assert transfer.message == "A-001 dialihkan ke kelompok C sebagai C-001."
    assert panel.current_number.text() == "—"

    panel.select_counter(loket[2].id)
    qtbot.waitUntil(lambda: panel.state.counter_id == loket[2].id and _waiting(panel) == ["C-001"], timeout=5000)
    assert _act(qtbot, panel, panel.call_button).ticket.number == "C-001"
    finish = _act(qtbot, panel, panel.finish_button)
    assert finish.message == "C-001 selesai dilayani." and finish.ticket.status is TicketStatus.DONE
    actions = [e["action"] for e in office_services.queue.events(issued[0].id)]
    assert actions == ["issue", "call", "recall", "skip", "restore", "call", "transfer"]
    assert {e["user_name"] for e in office_services.queue.events(issued[0].id)[1:]} == {"Dewi Lestari"}


def test_empty_queue_gives_a_clear_message(qtbot, ctx, open_screen, loket):
    panel = open_screen(CounterPanel, ctx)
    assert _fail(qtbot, panel, panel.call_button) == "Tidak ada antrean yang menunggu untuk loket 1."
    assert panel.message.text() == "Tidak ada antrean yang menunggu untuk loket 1."


def test_linking_an_unknown_application_is_refused(qtbot, ctx, open_screen, issued):
    panel = open_screen(CounterPanel, ctx)
    _act(qtbot, panel, panel.call_button)
    panel.application_input.setText("TIDAK-ADA")
    assert _fail(qtbot, panel, panel.link_button) == "Permohonan tidak ditemukan."


def _domisili_draft(services) -> IntakeDraft:
    service, _ = services.catalog.service("kalirejo-surat-keterangan-domisili")
    items = checklist(service)
    for item in items:
        item.received = True
    r = services.residents.search("a")[0]
    applicant = Applicant(kind="penduduk", name=r.nama, nik=r.nik, resident_id=r.id, address=r.alamat)
    return IntakeDraft(service_id=service.id, applicant=applicant, requirements=items,
                       fields={"keperluan": "Melamar pekerjaan", "alamat_domisili": "Jl. Bader 1"})


def test_linking_the_visit_to_its_application(qtbot, ctx, open_screen, office_services, issued):
    app = office_services.applications.submit(_domisili_draft(office_services), ctx.user)
    panel = open_screen(CounterPanel, ctx)
    _act(qtbot, panel, panel.call_button)
    _act(qtbot, panel, panel.finish_button)  # the last ticket served here can still be linked
    panel.application_input.setText(app.number)
    outcome = _act(qtbot, panel, panel.link_button)
    assert outcome.message == f"A-001 dikaitkan dengan permohonan {app.number}."
    assert office_services.queue.ticket(issued[0].id).application_id == app.id
    assert panel.application_input.text() == ""


def test_a_restarted_app_continues_the_queue(qtbot, keep, open_screen, office_services, make_ctx, sign_in, loket,
                                            issued):
    office_services.queue.call_next(loket[1].id, office_services.users.authenticate("petugas", DEMO_PIN).actor())
    ctx = make_ctx(office_services, sign_in("petugas"))  # a new window over the same database
    panel = open_screen(CounterPanel, ctx)
    assert panel.current_number.text() == "A-001" and _waiting(panel) == ["B-001", "A-002"]
    assert _act(qtbot, panel, panel.call_button).ticket.number == "B-001"


def test_display_closes_when_its_monitor_goes_and_reopens(qtbot, keep, open_screen, ctx, loket, issued):
    parent = QWidget()
    qtbot.addWidget(parent)
    keep.append(parent)
    screen = QGuiApplication.primaryScreen()
    display = open_queue_display(ctx, parent, screen)
    qtbot.waitUntil(lambda: display.state is not None, timeout=5000)
    assert display.isVisible() and display.isWindow() and display.target_screen is screen
    with qtbot.waitSignal(display.sig_screen_lost, timeout=1000):
        display._on_app_screen_removed(screen)
    assert not display.isVisible() and display.target_screen is None
    again = open_queue_display(ctx, parent, screen)
    assert again is display and display.isVisible()
    panel = open_screen(CounterPanel, ctx)
    _act(qtbot, panel, panel.call_button)
    assert display.counter_numbers[loket[1].id].text() == "A-001"


def test_display_polls_calls_made_on_another_pc(qtbot, ctx, open_screen, office_services, loket, issued):
    display = open_screen(QueueDisplay, ctx)
    heard = []
    display.announcer.announce = lambda number, counter: heard.append((number, counter))
    office_services.queue.call_next(loket[1].id, office_services.users.authenticate("petugas", DEMO_PIN).actor())  # not through this app's bus
    display.show_on(None)
    qtbot.waitUntil(lambda: display.counter_numbers[loket[1].id].text() == "A-001", timeout=5000)
    qtbot.waitUntil(lambda: heard == [("A-001", 1)], timeout=5000)
    assert display.waiting.text().splitlines()[0] == "A Surat Keterangan: 1 orang"


# --- announcer -----------------------------------------------------------------------------
def test_announcer_chimes_and_speaks_in_indonesian(qtbot, tmp_path):
    true = shutil.which("true")
    tools = {"aplay": true, "espeak-ng": true}
    announcer = Announcer(options=SoundOptions(chime=True, speech=True), which=tools.get,
                          chime_path=lambda: tmp_path / "chime.wav")
    with qtbot.waitSignal(announcer.sig_idle, timeout=5000):
        commands = announcer.announce("A-003", 2)
    assert commands == [(true, [str(tmp_path / "chime.wav")]),
                        (true, ["-v", "id", "-s", "140", "Nomor antrian A nol nol tiga, silakan ke loket dua"])]


def test_announcer_without_tools_beeps_or_stays_silent():
    assert Announcer(options=SoundOptions(chime=True, speech=True), which=lambda _n: None).plan("A-001", 1) \
        == [(BEEP, [])]
    assert Announcer(options=SoundOptions(chime=False, speech=False)).plan("A-001", 1) == []


# --- admin and statistics ------------------------------------------------------------------
def test_admin_configures_groups_counters_and_the_board(qtbot, keep, open_screen, office_services, make_ctx, sign_in,
                                                         loket):
    ctx = make_ctx(office_services, sign_in("admin"))
    screen = open_screen(QueueAdminScreen, ctx)
    assert screen.groups_table.rowCount() == 3 and screen.counters_table.rowCount() == 2
    screen.group_code.setText("d")
    screen.group_label.setText("Legalisir")
    item = screen.group_services.findItems("Surat Legalisir KTP", Qt.MatchFlag.MatchContains)[0]
    item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(screen.sig_saved, timeout=5000) as blocker:
        screen.save_group_button.click()
    assert blocker.args[0] == "Kelompok D — Legalisir tersimpan."
    assert office_services.queue.config.group("D").service_ids == ("kalirejo-surat-legalisir-ktp",)

    screen.announcement.setPlainText("Jam layanan 08.00–15.00")
    screen.chime_check.setChecked(False)
    with qtbot.waitSignal(screen.sig_saved, timeout=5000):
        screen.save_board_button.click()
    assert announcement(office_services.settings) == "Jam layanan 08.00–15.00"
    assert sound_options(office_services.settings) == SoundOptions(chime=False, speech=False)


def test_clerk_cannot_change_queue_configuration(qtbot, ctx, open_screen):
    screen = open_screen(QueueAdminScreen, ctx)
    with qtbot.waitSignal(screen.sig_failed, timeout=5000) as blocker:
        screen.save_board_button.click()
    assert "tidak berwenang" in blocker.args[0]


def test_stats_screen_shows_the_day_per_group(qtbot, ctx, open_screen, office_services, clock, loket, issued):
    actor = office_services.users.authenticate("petugas", DEMO_PIN).actor()
    clock.advance(minutes=10)
    office_services.queue.call_next(loket[1].id, actor)
    clock.advance(minutes=5)
    office_services.queue.finish(loket[1].id, actor)
    screen = open_screen(QueueStatsScreen, ctx)
    rows = {screen.model.index(r, 0).data(): [screen.model.index(r, c).data() for c in range(11)]
            for r in range(screen.model.rowCount())}
    assert rows["A — Surat Keterangan"][1:4] == ["2", "1", "0"]
    assert rows["A — Surat Keterangan"][6] == "10 mnt 00 dtk" and rows["A — Surat Keterangan"][8] == "5 mnt 00 dtk"
    assert rows["A — Surat Keterangan"][10] == "08.00–09.00 (2 tiket)"
    assert rows["Semua kelompok"][1] == "3"
    assert screen.title.text() == "Antrean Selasa, 24 November 2026"

