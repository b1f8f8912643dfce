"""Printer settings → a python-escpos printer; a preflight that checks it without printing.

A slip printer that is off must never freeze the counter: the preflight uses short timeouts,
and `print_slip` turns every driver failure into PrinterUnavailable, whose message the clerk
reads before being offered the same slip as PDF.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from escpos import printer as drivers
from escpos.capabilities import get_profile
from escpos.escpos import Escpos
from escpos.exceptions import Error as EscposError

from desktop.models.errors import LoketError
from desktop.models.settings import PrinterSettings

DEFAULT_PROFILE = "TM-T88V"
PREFLIGHT_TIMEOUT_S = 2.0  # a printer on the LAN answers in milliseconds; off means refused/timeout
PRINT_TIMEOUT_S = 15.0  # a raster QR over a slow link can take a few seconds
USB_TIMEOUT_MS = 5000  # pyusb counts milliseconds; python-escpos' default 0 waits forever


class Connection(str, Enum):
    NONE = "none"
    USB = "usb"
    SERIAL = "serial"
    NETWORK = "network"
    WIN32RAW = "win32raw"
    CUPS = "cups"
    FILE = "file"


CONNECTION_LABELS: dict[Connection, str] = {
    Connection.NONE: "Tidak ada printer struk",
    Connection.USB: "USB",
    Connection.SERIAL: "Serial (COM)",
    Connection.NETWORK: "Jaringan (LAN/Wi-Fi)",
    Connection.WIN32RAW: "Printer Windows",
    Connection.CUPS: "Printer CUPS (Linux)",
    Connection.FILE: "Berkas/perangkat (uji)",
}

# Optional driver libraries python-escpos needs per connection (not installed everywhere).
_DEPENDENCY = {Connection.USB: (drivers.Usb, "pyusb"), Connection.SERIAL: (drivers.Serial, "pyserial"),
               Connection.WIN32RAW: (drivers.Win32Raw, "pywin32"), Connection.CUPS: (drivers.CupsPrinter, "pycups")}


class PrinterUnavailable(LoketError):
    """The slip printer is not set up, not reachable, out of paper, or failed while printing."""


@dataclass(frozen=True)
class PrinterStatus:
    ok: bool
    message: str  # Indonesian, shown as is


READY = "Printer siap."


def make_printer(settings: PrinterSettings, *, timeout_s: float = PRINT_TIMEOUT_S) -> Escpos:
    """Build (not open) the python-escpos printer these settings describe."""
    kind = _connection(settings)
    if kind is Connection.NONE:
        raise PrinterUnavailable("Printer struk belum diatur. Atur di menu Pengaturan › Printer struk.")
    profile = settings.profile.strip() or DEFAULT_PROFILE
    try:
        get_profile(profile)
    except KeyError:
        raise PrinterUnavailable(f"Profil printer \"{profile}\" tidak dikenal.") from None
    if kind is Connection.NETWORK:
        _require(settings.host, "Alamat IP printer jaringan belum diisi.")
        return drivers.Network(host=settings.host.strip(), port=int(settings.port), timeout=timeout_s,
                               profile=profile)
    if kind is Connection.FILE:
        _require(settings.file_path, "Lokasi berkas printer belum diisi.")
        return drivers.File(devfile=settings.file_path, profile=profile)
    if kind is Connection.USB:
        ids = [_hex(settings.usb_vendor, "ID vendor USB"), _hex(settings.usb_product, "ID produk USB"),
               _hex(settings.usb_in_ep, "Endpoint masuk USB"), _hex(settings.usb_out_ep, "Endpoint keluar USB")]
        _require_driver(kind)
        return drivers.Usb(idVendor=ids[0], idProduct=ids[1], in_ep=ids[2], out_ep=ids[3],
                           timeout=USB_TIMEOUT_MS, profile=profile)
    if kind is Connection.SERIAL:
        _require(settings.serial_port, "Port serial printer belum diisi (misalnya COM3 atau /dev/ttyUSB0).")
        _require_driver(kind)
        return drivers.Serial(devfile=settings.serial_port, baudrate=int(settings.serial_baud),
                              timeout=min(timeout_s, PREFLIGHT_TIMEOUT_S), profile=profile)
    _require(settings.printer_name, "Nama printer belum diisi.")
    _require_driver(kind)
    if kind is Connection.WIN32RAW:
        return drivers.Win32Raw(printer_name=settings.printer_name, profile=profile)
    return drivers.CupsPrinter(printer_name=settings.printer_name, profile=profile)


def preflight(settings: PrinterSettings) -> PrinterStatus:
    """Can a slip be printed now? Checks reachability and paper without printing anything."""
    try:
        kind = _connection(settings)
        if kind is Connection.FILE:
            return _file_status(settings.file_path)
        printer = make_printer(settings, timeout_s=PREFLIGHT_TIMEOUT_S)
    except PrinterUnavailable as exc:
        return PrinterStatus(False, str(exc))
    try:
        printer.open()
    except (EscposError, OSError, RuntimeError):
        return PrinterStatus(False, _unreachable(settings, kind))
    try:
        return _paper_status(printer)
    finally:
        printer.close()


def print_slip(settings: PrinterSettings, render: Callable[[Escpos], None]) -> PrinterStatus:
    """Preflight, print with `render(printer)`, close. Returns the preflight status (paper warning)."""
    status = preflight(settings)
    if not status.ok:
        raise PrinterUnavailable(status.message)
    printer = make_printer(settings)
    try:
        printer.open()
        render(printer)
        printer.close()  # CUPS and Win32Raw send the job only here
    except (EscposError, OSError) as exc:
        raise PrinterUnavailable("Pencetakan gagal: printer terputus atau mati saat mencetak. Periksa "
                                 "printer lalu cetak ulang, atau simpan slip sebagai PDF.") from exc
    finally:
        printer.close()
    return status


def _connection(settings: PrinterSettings) -> Connection:
    try:
        return Connection(settings.connection)
    except ValueError:
        raise PrinterUnavailable(f"Jenis sambungan printer \"{settings.connection}\" tidak dikenal.") from None


def _require(value: str, message: str) -> None:
    if not str(value).strip():
        raise PrinterUnavailable(message)


def _require_driver(kind: Connection) -> None:
    cls, package = _DEPENDENCY[kind]
    if not cls.is_usable():
        raise PrinterUnavailable(f"Sambungan printer {CONNECTION_LABELS[kind]} belum bisa dipakai di "
                                 f"komputer ini: paket {package} belum terpasang.")


def _hex(value: str, what: str) -> int:
    try:
        return int(str(value).strip(), 16)
    except ValueError:
        raise PrinterUnavailable(f"{what} harus berupa angka heksadesimal, misalnya 04b8.") from None


def _file_status(file_path: str) -> PrinterStatus:
    if not file_path.strip():
        return PrinterStatus(False, "Lokasi berkas printer belum diisi.")
    path = Path(file_path)
    # A device node (/dev/usb/lp0) exists and must be writable; a new file needs a writable folder.
    if path.exists():
        writable = not path.is_dir() and os.access(path, os.W_OK)
    else:
        writable = path.parent.is_dir() and os.access(path.parent, os.W_OK)
    if not writable:
        return PrinterStatus(False, f"Berkas printer {path} tidak dapat ditulis. Periksa folder dan izinnya.")
    return PrinterStatus(True, READY)


def _paper_status(printer: Escpos) -> PrinterStatus:
    try:
        level = printer.paper_status()
    except (NotImplementedError, EscposError, OSError):
        return PrinterStatus(True, READY)  # the link cannot report paper (CUPS, Windows spooler, clones)
    if level == 0:
        return PrinterStatus(False, "Kertas habis. Pasang gulungan kertas baru lalu coba lagi.")
    if level == 1:
        return PrinterStatus(True, "Printer siap, tetapi kertas hampir habis. Siapkan gulungan kertas baru.")
    return PrinterStatus(True, READY)


def _unreachable(settings: PrinterSettings, kind: Connection) -> str:
    hint = "Pastikan printer menyala"
    if kind is Connection.NETWORK:
        return (f"Printer jaringan {settings.host}:{settings.port} tidak dapat dihubungi. {hint} dan "
                f"tersambung ke jaringan yang sama.")
    if kind is Connection.USB:
        return (f"Printer USB {settings.usb_vendor}:{settings.usb_product} tidak ditemukan. {hint} "
                f"dan kabel USB tersambung.")
    if kind is Connection.SERIAL:
        return f"Port serial {settings.serial_port} tidak dapat dibuka. {hint} dan kabelnya tersambung."
    return f"Printer \"{settings.printer_name}\" tidak ditemukan atau belum siap. {hint}."
