"""Printer settings → python-escpos printer, preflight without printing, print_slip failures."""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from escpos.printer import Dummy, File, Network, Usb

from desktop.models.errors import LoketError
from desktop.models.settings import PrinterSettings
from desktop.printing.escpos_slips import print_receipt
from desktop.printing.printers import PrinterUnavailable, make_printer, preflight, print_slip
from desktop.printing.slips import ReceiptData


def _receipt() -> ReceiptData:
    from datetime import datetime

    from desktop.models.clock import WIB

    return ReceiptData("Kelurahan Kalirejo", "Jl. Raya Kalirejo No. 1", "PM-2026-000123", "Surat Keterangan Usaha",
                       "Budi Santoso", "3514********0002", ["KTP-el", "Kartu Keluarga"],
                       datetime(2026, 11, 24, 9, 0, tzinfo=WIB), "Jangka waktu tidak disebutkan dalam standar",
                       "https://loket.example/cek/PM-2026-000123", "Siti Aminah")


def _closed_port() -> int:
    """A loopback port nobody listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def fake_network_printer(paper_byte: bytes) -> Iterator[int]:
    """A TCP "printer" that answers the DLE EOT 4 paper-status query with `paper_byte`."""
    queries: list[bytes] = []

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            query = self.request.recv(3)
            queries.append(query)
            if query == b"\x10\x04\x04":
                self.request.sendall(paper_byte)

    server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert queries == [b"\x10\x04\x04"]  # only the status query, nothing printed


def test_file_printer_writes_exactly_the_slip_bytes(tmp_path):
    target = tmp_path / "struk.bin"
    settings = PrinterSettings(connection="file", file_path=str(target), paper_mm=58)
    status = print_slip(settings, lambda p: print_receipt(p, _receipt(), settings.paper_mm))
    expected = Dummy(profile="TM-T88V")
    print_receipt(expected, _receipt(), 58)
    assert status.ok
    assert target.read_bytes() == expected.output


def test_make_printer_builds_the_driver_for_each_connection(tmp_path):
    net = make_printer(PrinterSettings(connection="network", host="192.168.1.50", port=9100))
    assert isinstance(net, Network) and (net.host, net.port) == ("192.168.1.50", 9100)
    assert net.profile.profile_data["name"] == "TM-T88V"
    file = make_printer(PrinterSettings(connection="file", file_path=str(tmp_path / "x"), profile="POS-5890"))
    assert isinstance(file, File) and file.profile.profile_data["media"]["width"]["mm"] == 57.5


def test_network_printer_that_is_off_fails_preflight_in_indonesian():
    port = _closed_port()  # tests do not time things; the bench is where speed is measured
    status = preflight(PrinterSettings(connection="network", host="127.0.0.1", port=port))
    assert not status.ok
    assert status.message == (f"Printer jaringan 127.0.0.1:{port} tidak dapat dihubungi. Pastikan printer "
                              "menyala dan tersambung ke jaringan yang sama.")


def test_print_slip_raises_printer_unavailable_and_renders_nothing_when_printer_is_off():
    rendered = []
    settings = PrinterSettings(connection="network", host="127.0.0.1", port=_closed_port())
    with pytest.raises(PrinterUnavailable, match="tidak dapat dihubungi") as info:
        print_slip(settings, rendered.append)
    assert isinstance(info.value, LoketError)
    assert rendered == []


@pytest.mark.parametrize(("reply", "ok", "message"), [
    (b"\x12", True, "Printer siap."),
    (b"\x1e", True, "Printer siap, tetapi kertas hampir habis. Siapkan gulungan kertas baru."),
    (b"\x72", False, "Kertas habis. Pasang gulungan kertas baru lalu coba lagi."),
])
def test_preflight_reports_paper_from_the_printer_status(reply, ok, message):
    with fake_network_printer(reply) as port:
        status = preflight(PrinterSettings(connection="network", host="127.0.0.1", port=port))
    assert (status.ok, status.message) == (ok, message)


def test_print_slip_refuses_when_paper_is_out():
    with fake_network_printer(b"\x72") as port:
        with pytest.raises(PrinterUnavailable, match="Kertas habis"):
            print_slip(PrinterSettings(connection="network", host="127.0.0.1", port=port), lambda p: None)


def test_preflight_of_file_printer_checks_the_folder(tmp_path):
    assert preflight(PrinterSettings(connection="file", file_path=str(tmp_path / "out.bin"))).ok
    missing = tmp_path / "tidak-ada" / "out.bin"
    status = preflight(PrinterSettings(connection="file", file_path=str(missing)))
    assert not status.ok and "tidak dapat ditulis" in status.message
    assert not preflight(PrinterSettings(connection="file", file_path=str(tmp_path))).ok  # a folder
    assert not (tmp_path / "out.bin").exists()  # preflight never prints


@pytest.mark.parametrize(("settings", "message"), [
    (PrinterSettings(), "Printer struk belum diatur"),
    (PrinterSettings(connection="network"), "Alamat IP printer jaringan belum diisi"),
    (PrinterSettings(connection="file"), "Lokasi berkas printer belum diisi"),
    (PrinterSettings(connection="bluetooth"), "Jenis sambungan printer \"bluetooth\" tidak dikenal"),
    (PrinterSettings(connection="network", host="10.0.0.9", profile="TM-XYZ"), "Profil printer \"TM-XYZ\""),
])
def test_preflight_explains_incomplete_settings(settings, message):
    status = preflight(settings)
    assert not status.ok and status.message.startswith(message)


@pytest.mark.skipif(Usb.is_usable(), reason="pyusb is installed here")
def test_usb_without_pyusb_names_the_missing_package():
    with pytest.raises(PrinterUnavailable, match="pyusb"):
        make_printer(PrinterSettings(connection="usb", usb_vendor="04b8", usb_product="0202"))


def test_usb_ids_must_be_hexadecimal():
    with pytest.raises(PrinterUnavailable, match="heksadesimal"):
        make_printer(PrinterSettings(connection="usb", usb_vendor="epson", usb_product="0202"))


def test_printer_failing_mid_slip_becomes_printer_unavailable(tmp_path):
    def unplugged(printer) -> None:
        printer.text("setengah")
        raise OSError(5, "Input/output error")

    settings = PrinterSettings(connection="file", file_path=str(tmp_path / "out.bin"))
    with pytest.raises(PrinterUnavailable, match="Pencetakan gagal"):
        print_slip(settings, unplugged)
