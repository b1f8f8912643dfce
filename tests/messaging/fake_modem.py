"""A simulated USB GSM modem on a pseudo-terminal: the code under test opens a real tty.

It answers AT, ATE0, AT+CMGF=1, AT+CSMP, AT+CNMI, AT+CMGS (prompt "> ", then +CMGS: <ref>/OK or
+CMS ERROR), sends +CDS delivery reports on request, and can be unplugged (the pty closed: the
port's reads and writes fail like a pulled USB cable) and replugged (a new pty behind the same
path, as udev gives a replugged modem its name again).
"""

from __future__ import annotations

import os
import select
import threading
from pathlib import Path


class SimulatedModem:
    def __init__(self, link: Path, *, reports: bool = True) -> None:
        self.link = link  # the path the app is configured with (a symlink to the current pty)
        self.reports = reports
        self.sent: list[tuple[int, str, str]] = []  # (reference, number, text)
        self.refuse_numbers: set[str] = set()
        self.commands: list[str] = []
        self._ref = 0
        self._lock = threading.Lock()
        self._master: int | None = None
        self._thread: threading.Thread | None = None
        self.plug()

    # --- cable ------------------------------------------------------------------------------
    def plug(self) -> None:
        master, slave = os.openpty()
        name = os.ttyname(slave)
        # Kept open (never read here) so the master does not see a hang-up before the app opens the
        # port by name, like /dev/ttyUSB0.
        self._slave = slave
        self._master = master
        tmp = self.link.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(name)
        tmp.replace(self.link)
        self._thread = threading.Thread(target=self._serve, args=(master,), daemon=True)
        self._thread.start()

    def unplug(self) -> None:
        master, self._master = self._master, None
        if self._thread is not None:
            self._thread.join(5)  # the loop sees the cable gone within one select interval
        if master is not None:
            with self._lock:
                os.close(master)
            os.close(self._slave)

    replug = plug

    # --- network ----------------------------------------------------------------------------
    def deliver(self, reference: int, status: int = 0) -> None:
        """The network's status report for a sent message (0 delivered, 64+ failed)."""
        number = next((n for r, n, _ in self.sent if r == reference), "+620")
        self._write(f'\r\n+CDS: 6,{reference},"{number}",145,"26/11/24,08:30:00+28","26/11/24,08:30:05+28",'
                    f'{status}\r\n')

    # --- the modem's side of the line -------------------------------------------------------
    def _write(self, text: str) -> None:
        with self._lock:
            if self._master is not None:
                os.write(self._master, text.encode("ascii"))

    def _serve(self, master: int) -> None:
        buffer = b""
        pending_number: str | None = None
        while self._master == master:
            try:
                ready, _, _ = select.select([master], [], [], 0.02)
                if not ready:
                    continue
                data = os.read(master, 1024)
            except (OSError, ValueError):
                return
            if not data:
                return
            buffer += data
            while True:
                if pending_number is not None:
                    if b"\x1a" not in buffer:
                        break
                    body, buffer = buffer.split(b"\x1a", 1)
                    self._finish_sms(pending_number, body.decode("ascii", "replace"))
                    pending_number = None
                    continue
                if b"\r" not in buffer:
                    break
                line, buffer = buffer.split(b"\r", 1)
                command = line.decode("ascii", "replace").strip()
                if not command:
                    continue
                self.commands.append(command)
                if command.upper().startswith("AT+CMGS="):
                    pending_number = command.split("=", 1)[1].strip('"')
                    self._write("\r\n> ")
                else:
                    self._answer(command.upper())

    def _answer(self, command: str) -> None:
        known = command in ("AT", "ATE0", "AT+CMGF=1") or command.startswith(("AT+CSMP", "AT+CNMI"))
        if command.startswith(("AT+CSMP", "AT+CNMI")) and not self.reports:
            known = False
        self._write("\r\nOK\r\n" if known else "\r\nERROR\r\n")

    def _finish_sms(self, number: str, text: str) -> None:
        if number in self.refuse_numbers:
            self._write("\r\n+CMS ERROR: 500\r\n")
            return
        self._ref = (self._ref + 1) % 256
        self.sent.append((self._ref, number, text))
        self._write(f"\r\n+CMGS: {self._ref}\r\n\r\nOK\r\n")
