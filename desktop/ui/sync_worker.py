"""Background sync: when the kecamatan's receiver answers, push what is pending; never block the window.

The push runs on its own QThread with its own database connection (WAL lets it read and write
beside the GUI's connection), so a slow or dead network costs the clerk nothing. After a
failure the interval doubles up to `max_interval_ms`; a success brings it back.

Why not through the task runner (ui/tasks.py) like every other database job: that runner has
one worker thread, and a push can wait many seconds on a dead network (connect and read
timeouts); every screen's query would queue behind it. What the push writes (batches marked sent,
a kecamatan's decisions applied to waiting Tipe B files) still reaches the screens by the one
path: the task runner reads SQLite's `PRAGMA data_version` after each pass (`sig_status` →
`check_outside_changes`, wired in app.py) and every few seconds, and emits `sig_data_changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.models.errors import LoketError
from desktop.models.services import Services
from desktop.sync import client, outbound
from desktop.sync.status import LinkStatus, link_status


@dataclass(frozen=True)
class SyncReport:
    ok: bool
    message: str  # plain words for the status bar
    status: LinkStatus | None


class _Pusher(QObject):
    """Lives in the sync thread."""

    sig_done = Signal(object)
    """A SyncReport."""

    def __init__(self, open_services: Callable[[], Services]) -> None:
        super().__init__()
        self._open = open_services
        self._services: Services | None = None

    @Slot()
    def push(self) -> None:
        services: Services | None = None
        try:
            services = self._services = self._services or self._open()
            peer = outbound.peers(services).upstream(required=False)
            if peer is None or not peer.url:
                report = SyncReport(False, "Sambungan ke kecamatan belum diatur.", link_status(services))
            elif not client.reachable(peer.url):
                report = SyncReport(False, "Kecamatan belum menjawab; data tetap tersimpan dan dikirim nanti.",
                                    link_status(services))
            else:
                result = client.push(services, attempts=3)
                report = SyncReport(True, result.message, link_status(services))
        except LoketError as exc:
            report = SyncReport(False, str(exc), _status_or_none(services))
        except Exception as exc:  # noqa: BLE001 - the worker must survive to try again
            report = SyncReport(False, f"Sinkronisasi gagal: {exc}. Data tetap tersimpan.", None)
        self.sig_done.emit(report)

    def close(self) -> None:
        if self._services is not None:
            self._services.db.conn.close()
            self._services = None


def _status_or_none(services: Services | None) -> LinkStatus | None:
    try:
        return link_status(services) if services is not None else None
    except LoketError:
        return None


class SyncWorker(QObject):
    """Owns the timer (GUI thread) and the sync thread."""

    sig_status = Signal(object)
    """A SyncReport after every attempt."""

    _sig_request = Signal()

    def __init__(self, open_services: Callable[[], Services], *, interval_ms: int = 60_000,
                 max_interval_ms: int = 15 * 60_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms, self.max_interval_ms = interval_ms, max_interval_ms
        self._busy = False
        self._failures = 0
        self._thread = QThread()
        self._thread.setObjectName("loket-sync")
        self._pusher = _Pusher(open_services)
        self._pusher.moveToThread(self._thread)
        self._sig_request.connect(self._pusher.push)
        self._pusher.sig_done.connect(self._on_pusher_done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def next_delay_ms(self) -> int:
        """Wait before the next attempt: the interval, doubled per failure in a row, capped."""
        return min(self.interval_ms * 2 ** self._failures, self.max_interval_ms)

    def start(self) -> None:
        self._timer.start(0)

    def sync_now(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._sig_request.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._thread.quit()
        self._thread.wait(60_000)
        self._pusher.close()

    @Slot(object)
    def _on_pusher_done(self, report: SyncReport) -> None:
        self._busy = False
        self._failures = 0 if report.ok else min(self._failures + 1, 16)
        self._timer.setInterval(self.next_delay_ms)
        if self._thread.isRunning():
            self._timer.start()
        self.sig_status.emit(report)
