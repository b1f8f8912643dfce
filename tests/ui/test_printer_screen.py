"""Printer struk screen: fields per connection, save (admin only), trial print off the GUI thread, PDF fallback."""

from __future__ import annotations

import socket
import threading
from io import BytesIO

import pytest
from pypdf import PdfReader

from desktop.models.audit import history
from desktop.models.settings import PrinterSettings
from desktop.ui.screens import printer_screen
from desktop.ui.screens.printer_screen import PrinterScreen
from tests.identities import admin_actor


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "data"
    monkeypatch.setenv("LOKET_DATA_DIR", str(path))
    return path


@pytest.fixture
def open_screen(qtbot, office_services, make_ctx, sign_in):
    def factory(username: str = "admin") -> PrinterScreen:
        ctx = make_ctx(office_services, sign_in(username))
        with qtbot.waitSignal(ctx.tasks.sig_busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
            screen = PrinterScreen(ctx=ctx)
        qtbot.addWidget(screen)
        return screen

    return factory


def _choose(screen: PrinterScreen, connection: str) -> None:
    screen.connection.setCurrentIndex(screen.connection.findData(connection))


def _shown(screen: PrinterScreen) -> set[str]:
    names = ["usb_vendor", "usb_product", "usb_in_ep", "usb_out_ep", "serial_port", "serial_baud", "host", "port",
             "printer_name", "file_path", "paper", "profile"]
    return {n for n in names if getattr(screen, n).isVisibleTo(screen)}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_only_the_fields_of_the_chosen_connection_are_shown(open_screen):
    screen = open_screen()
    expected = {
        "none": set(),
        "usb": {"usb_vendor", "usb_product", "usb_in_ep", "usb_out_ep", "paper", "profile"},
        "serial": {"serial_port", "serial_baud", "paper", "profile"},
        "network": {"host", "port", "paper", "profile"},
        "win32raw": {"printer_name", "paper", "profile"},
        "cups": {"printer_name", "paper", "profile"},
        "file": {"file_path", "paper", "profile"},
    }
    for connection, fields in expected.items():
        _choose(screen, connection)
        assert _shown(screen) == fields, connection


def test_stored_settings_are_loaded_into_the_form(qtbot, office_services, open_screen):
    stored = PrinterSettings(connection="network", host="10.1.1.5", port=9101, paper_mm=58, profile="POS-5890")
    office_services.settings.put(stored, admin_actor(office_services))
    screen = open_screen()
    assert screen.settings() == stored
    assert _shown(screen) == {"host", "port", "paper", "profile"}


def test_admin_saves_printer_settings_with_an_audit_entry(qtbot, office_services, open_screen):
    screen = open_screen()
    _choose(screen, "network")
    screen.host.setText(" 192.168.1.50 ")
    screen.paper.setCurrentIndex(screen.paper.findData(58))
    with qtbot.waitSignal(screen.sig_saved, timeout=5000):
        screen.save_button.click()
    saved = office_services.settings.get(PrinterSettings)
    assert (saved.connection, saved.host, saved.port, saved.paper_mm) == ("network", "192.168.1.50", 9100, 58)
    assert screen.message.text() == "Pengaturan printer tersimpan."
    entry = history(office_services.db, "settings", "printer")[-1]
    assert (entry.user_name, entry.role, entry.after["host"]) == ("Admin Kantor", "admin", "192.168.1.50")


def test_clerk_cannot_save_printer_settings(qtbot, office_services, open_screen):
    screen = open_screen("petugas")
    _choose(screen, "file")
    screen.file_path.setText("/tmp/x.bin")
    screen.save_button.click()
    qtbot.waitUntil(lambda: not screen.ctx.tasks.busy, timeout=5000)
    assert "tidak berwenang" in screen.message.text()
    assert office_services.settings.get(PrinterSettings) == PrinterSettings()


def test_trial_print_to_file_printer_runs_off_the_gui_thread(qtbot, open_screen, tmp_path, monkeypatch, data_dir):
    threads = []
    real = printer_screen.run_trial
    monkeypatch.setattr(printer_screen, "run_trial",
                        lambda *a: threads.append(threading.current_thread()) or real(*a))
    screen = open_screen("petugas")  # any clerk may test the printer; the form need not be saved
    target = tmp_path / "struk.bin"
    _choose(screen, "file")
    screen.file_path.setText(str(target))
    screen.paper.setCurrentIndex(screen.paper.findData(58))
    with qtbot.waitSignal(screen.sig_trial_finished, timeout=5000) as blocker:
        screen.trial_button.click()
        assert not screen.trial_button.isEnabled()  # no second job while the first runs
    assert blocker.args[0].printed
    assert threads and threads[0] is not threading.main_thread()
    assert screen.message.text() == "Tes cetak berhasil. Printer siap."
    assert screen.trial_button.isEnabled() and not screen.open_pdf_button.isVisibleTo(screen)
    raw = target.read_bytes()
    assert raw.startswith(b"\x1b@\x1bt\x13")
    assert b"UJI CETAK PRINTER" in raw and b"-" * 32 + b"\n" in raw and b"-" * 33 not in raw
    assert "é ² ± €".encode("cp858") in raw


def test_failed_trial_print_explains_and_offers_the_pdf(qtbot, open_screen, data_dir):
    screen = open_screen()
    port = _closed_port()
    _choose(screen, "network")
    screen.host.setText("127.0.0.1")
    screen.port.setValue(port)
    with qtbot.waitSignal(screen.sig_trial_finished, timeout=5000) as blocker:
        screen.trial_button.click()
    outcome = blocker.args[0]
    pdf = data_dir / "arsip" / "slip-uji.pdf"
    assert not outcome.printed and outcome.pdf_path == pdf
    assert screen.message.text() == (f"Printer jaringan 127.0.0.1:{port} tidak dapat dihubungi. Pastikan printer "
                                     f"menyala dan tersambung ke jaringan yang sama.\n"
                                     f"Slip uji disimpan sebagai PDF: {pdf}")
    assert screen.open_pdf_button.isVisibleTo(screen)
    text = PdfReader(BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "UJI CETAK PRINTER" in text and "KELURAHAN KALIREJO" in text
