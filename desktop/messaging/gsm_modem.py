"""A USB GSM modem driven with AT commands over pyserial, in text mode (AT+CMGF=1).

What real modems (Wavecom, Huawei, SIM800 clones) need, and what this does:
- echo off (ATE0) so replies are not mixed with our own commands;
- text mode, and delivery reports requested (AT+CSMP first octet 49 = status report request)
  and routed to us as unsolicited +CDS lines (AT+CNMI=2,1,0,1,0); a modem that refuses either
  still sends, it just never reports delivery, so messages stay *terkirim*;
- AT+CMGS="+62…" waits for the "> " prompt, then the text and Ctrl-Z; "+CMGS: <ref>" is the
  modem's acceptance and the reference its later +CDS report carries;
- +CMS ERROR / ERROR is a refusal of that message (ModemRejected); a port that vanishes (the
  modem was unplugged) is ModemUnavailable: the caller closes it and opens it again later.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CTRL_Z = b"\x1a"
CDS = re.compile(r"^\+CDS:\s*\d+\s*,\s*(\d+)\s*,.*,\s*(\d+)\s*$")
CMGS = re.compile(r"^\+CMGS:\s*(\d+)")


class ModemUnavailable(Exception):
    """The port cannot be used (unplugged, busy, wrong port): nothing was sent."""


class ModemRejected(Exception):
    """The modem or network refused this one message (+CMS ERROR, ERROR)."""


@dataclass(frozen=True)
class DeliveryReport:
    reference: int
    status: int  # TP-Status: 0–31 delivered, 32–63 still trying, 64+ failed

    @property
    def final(self) -> bool:
        return self.status < 32 or self.status >= 64

    @property
    def delivered(self) -> bool:
        return self.status < 32


def _open_serial(port: str, baudrate: int) -> Any:
    import serial

    return serial.serial_for_url(port, baudrate=baudrate, timeout=0.05, write_timeout=2, exclusive=True)


class GsmModem:
    """One open modem. Not thread-safe: the SMS worker thread owns it."""

    def __init__(self, port: str, baudrate: int = 115200, *, timeout: float = 20.0,
                 opener: Callable[[str, int], Any] = _open_serial) -> None:
        self.port, self.baudrate, self.timeout = port, baudrate, timeout
        self._opener = opener
        self._serial: Any = None
        self._buffer = b""
        self.reports: list[DeliveryReport] = []
        self.delivery_reports = False  # whether the modem agreed to report delivery

    # --- life cycle ----------------------------------------------------------------------------
    def open(self) -> GsmModem:
        try:
            self._serial = self._opener(self.port, self.baudrate)
        except Exception as exc:  # noqa: BLE001 - pyserial raises SerialException/OSError/ValueError
            raise ModemUnavailable(f"Modem di {self.port} tidak dapat dibuka: {exc}") from exc
        try:
            self.command("AT")
            self.command("ATE0")
            self.command("AT+CMGF=1")
            self.delivery_reports = self._optional("AT+CSMP=49,167,0,0") and self._optional("AT+CNMI=2,1,0,1,0")
        except ModemRejected as exc:
            self.close()
            raise ModemUnavailable(f"Perangkat di {self.port} tidak menjawab sebagai modem GSM: {exc}") from exc
        return self

    def close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except Exception:  # noqa: BLE001 - closing a vanished port may fail; it is gone either way
                pass
        self._serial = None
        self._buffer = b""

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    # --- commands ------------------------------------------------------------------------------
    def command(self, text: str) -> list[str]:
        """Send one AT command; the lines before OK. ModemRejected on ERROR."""
        self._write(text.encode("ascii") + b"\r")
        return self._until_final()

    def send_sms(self, number: str, text: str) -> int:
        """Send one text; returns the modem's message reference (for the delivery report)."""
        if not re.fullmatch(r"\+?\d{6,15}", number):
            raise ModemRejected(f"Nomor tujuan tidak sah: {number}")
        body = text.encode("ascii", "replace").replace(CTRL_Z, b"?").replace(b"\x1b", b"?")
        self._write(f'AT+CMGS="{number}"\r'.encode("ascii"))
        self._wait_prompt()
        self._write(body + CTRL_Z)
        lines = self._until_final()
        for line in lines:
            match = CMGS.match(line)
            if match:
                return int(match.group(1))
        raise ModemRejected("Modem tidak memberi nomor referensi pesan (+CMGS).")

    def poll_reports(self) -> list[DeliveryReport]:
        """Delivery reports that arrived since the last call (reads what is waiting, never blocks long)."""
        self._read_available()
        self._take_lines(keep_partial=True)
        reports, self.reports = self.reports, []
        return reports

    # --- reading and writing -------------------------------------------------------------------
    def _optional(self, text: str) -> bool:
        try:
            self.command(text)
        except ModemRejected:
            return False
        return True

    def _write(self, data: bytes) -> None:
        if self._serial is None:
            raise ModemUnavailable("Modem belum dibuka.")
        try:
            self._serial.write(data)
            self._serial.flush()
        except Exception as exc:  # noqa: BLE001 - SerialException, OSError (EIO) when unplugged
            self.close()
            raise ModemUnavailable(f"Modem terputus: {exc}") from exc

    def _read_available(self) -> bool:
        if self._serial is None:
            raise ModemUnavailable("Modem belum dibuka.")
        try:
            data = self._serial.read(max(1, self._serial.in_waiting))
        except Exception as exc:  # noqa: BLE001
            self.close()
            raise ModemUnavailable(f"Modem terputus: {exc}") from exc
        self._buffer += data
        return bool(data)

    def _take_lines(self, keep_partial: bool = True) -> list[str]:
        """Complete lines from the buffer; unsolicited +CDS reports are set aside as they pass."""
        *complete, rest = self._buffer.split(b"\n")
        self._buffer = rest if keep_partial else b""
        lines = []
        for raw in complete:
            line = raw.decode("ascii", "replace").strip()
            if not line:
                continue
            match = CDS.match(line)
            if match:
                self.reports.append(DeliveryReport(int(match.group(1)), int(match.group(2))))
            else:
                lines.append(line)
        return lines

    def _until_final(self) -> list[str]:
        deadline = time.monotonic() + self.timeout
        collected: list[str] = []
        while time.monotonic() < deadline:
            self._read_available()
            for line in self._take_lines():
                if line == "OK":
                    return collected
                if line == "ERROR" or line.startswith(("+CMS ERROR", "+CME ERROR")):
                    raise ModemRejected(line)
                collected.append(line)
        raise ModemUnavailable(f"Modem tidak menjawab dalam {self.timeout:.0f} detik.")

    def _wait_prompt(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            self._read_available()
            if b">" in self._buffer:
                self._buffer = self._buffer.split(b">", 1)[1]
                return
            for line in self._take_lines():
                if line == "ERROR" or line.startswith(("+CMS ERROR", "+CME ERROR")):
                    raise ModemRejected(line)
        raise ModemUnavailable("Modem tidak meminta isi pesan (tanda '>').")
