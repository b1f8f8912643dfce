"""Draining the notification outbox through the modem, one pass at a time.

An unplugged or missing modem is never the message's fault: the message stays *antre* without
using up a try, and the next pass opens the port again (replugged modems come back by themselves).
A refusal of one message (+CMS ERROR) uses a try; after the last it is *gagal*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.messaging.gsm_modem import GsmModem, ModemRejected, ModemUnavailable
from desktop.models.notifications.outbox import NotificationOutbox


@dataclass(frozen=True)
class PassReport:
    connected: bool
    sent: int
    failed: int
    delivered: int
    message: str


class SmsSender:
    def __init__(self, outbox: NotificationOutbox, open_modem: Callable[[], GsmModem], *, batch: int = 20) -> None:
        self.outbox, self._open_modem, self.batch = outbox, open_modem, batch
        self.modem: GsmModem | None = None

    def run_once(self) -> PassReport:
        sent = failed = delivered = 0
        try:
            modem = self._modem()
            delivered += self._reports(modem)
            for note in self.outbox.due(self.batch):
                try:
                    ref = modem.send_sms(note.phone, note.text)
                except ModemRejected as exc:
                    self.outbox.mark_attempt_failed(note.id, f"Ditolak modem/jaringan: {exc}")
                    failed += 1
                    continue
                self.outbox.mark_sent(note.id, ref)
                sent += 1
            delivered += self._reports(modem)
        except ModemUnavailable as exc:
            self.close()
            return PassReport(False, sent, failed, delivered,
                              f"{exc} Pesan tetap antre dan dikirim saat modem terhubung lagi.")
        return PassReport(True, sent, failed, delivered,
                          f"Modem terhubung: {sent} terkirim, {failed} gagal dicoba, {delivered} laporan diterima.")

    def close(self) -> None:
        if self.modem is not None:
            self.modem.close()
        self.modem = None

    def _modem(self) -> GsmModem:
        if self.modem is None or not self.modem.is_open:
            self.modem = self._open_modem()
        return self.modem

    def _reports(self, modem: GsmModem) -> int:
        count = 0
        for report in modem.poll_reports():
            if report.final and self.outbox.mark_delivery_report(report.reference, report.delivered,
                                                                 f"(status {report.status})"):
                count += 1
        return count
