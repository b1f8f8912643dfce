"""Background SMS: drains the notification outbox through the USB GSM modem, off the GUI thread.

Like the sync worker: its own QThread and its own database connection, so a slow or absent modem
never holds up the window or the database worker. The modem port is read from the settings on
every pass, so setting it up (or replugging the modem) takes effect without a restart.

Not through the task runner: a modem answers in seconds per message (and times out when
unplugged), which would hold every screen's query behind it on the runner's single thread. The
states it writes (terkirim, gagal, diterima) reach the screens the same way as the sync worker's:
the task runner's `PRAGMA data_version` check after each pass (`sig_report`, wired in app.py) and
every few seconds, then `sig_data_changed`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.messaging.gsm_modem import GsmModem
from desktop.messaging.sms_sender import PassReport, SmsSender
from desktop.models.notifications.config import fresh_notification_settings
from desktop.models.services import Services


class _Runner(QObject):
    sig_done = Signal(object)
    """A PassReport, or None when SMS is switched off."""

    def __init__(self, open_services: Callable[[], Services]) -> None:
        super().__init__()
        self._open = open_services
        self._services: Services | None = None
        self._sender: SmsSender | None = None
        self._port = ""

    @Slot()
    def run_pass(self) -> None:
        try:
            services = self._services = self._services or self._open()
            config = fresh_notification_settings(services.settings)
            if not config.sms_enabled or not config.modem_port:
                self._close_sender()
                self.sig_done.emit(None)
                return
            if self._sender is None or self._port != config.modem_port:
                self._close_sender()
                self._port = config.modem_port
                self._sender = SmsSender(services.notifications,
                                         lambda: GsmModem(config.modem_port, config.modem_baud).open())
            report = self._sender.run_once()
        except Exception as exc:  # noqa: BLE001 - the worker must survive to try again
            report = PassReport(False, 0, 0, 0, f"Pengiriman SMS gagal: {exc}. Pesan tetap antre.")
        self.sig_done.emit(report)

    def _close_sender(self) -> None:
        if self._sender is not None:
            self._sender.close()
        self._sender = None

    def close(self) -> None:
        self._close_sender()
        if self._services is not None:
            self._services.db.conn.close()
            self._services = None


class SmsWorker(QObject):
    sig_report = Signal(object)
    _sig_request = Signal()

    def __init__(self, open_services: Callable[[], Services], *, interval_ms: int = 30_000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self._thread = QThread()
        self._thread.setObjectName("loket-sms")
        self._runner = _Runner(open_services)
        self._runner.moveToThread(self._thread)
        self._sig_request.connect(self._runner.run_pass)
        self._runner.sig_done.connect(self._on_done)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.send_now)
        self._thread.start()

    def start(self) -> None:
        self._timer.start()
        self.send_now()

    def send_now(self) -> None:
        if not self._busy:
            self._busy = True
            self._sig_request.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._thread.quit()
        self._thread.wait(60_000)
        self._runner.close()

    @Slot(object)
    def _on_done(self, report: PassReport | None) -> None:
        self._busy = False
        self.sig_report.emit(report)
