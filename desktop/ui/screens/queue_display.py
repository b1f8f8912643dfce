"""Layar antrean for the waiting room: a top-level window, full screen on a chosen monitor.

It shows the number now called at each counter, the last calls, how many wait per group, the
office's running text, date and clock. A call made in this app arrives through the QueueBus and
is shown and announced at once; a call from another PC is picked up by a 1-second poll. When its
monitor is unplugged the window closes itself; `open_queue_display` shows it again.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QPainter, QScreen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QInputDialog, QLabel, QVBoxLayout, QWidget

from desktop.models.indonesian import format_day_date
from desktop.models.queue import spoken
from desktop.models.queue.tickets import Call, Counter, QueueGroup, Ticket
from desktop.models.services import Services
from desktop.ui.announcer import Announcer
from desktop.ui.context import AppContext
from desktop.ui.idle_lock import PUBLIC_WINDOW
from desktop.ui.refresh import reload_on_change
from desktop.ui.tasks import error_text

POLL_MS = 1000
RECENT = 5
STYLE = """
QueueDisplay { background: #0d3b2e; }
QLabel { color: #ffffff; }
QLabel#tileNumber, QLabel#callNumber { color: #ffd54f; }
QWidget#tile { background: #145a45; border-radius: 12px; }
"""


@dataclass(frozen=True)
class DisplayState:
    office_name: str
    counters: list[Counter]
    current: dict[str, Ticket | None]
    recent: list[Call]
    waiting: dict[str, int]
    groups: list[QueueGroup]
    announcement: str
    sound: spoken.SoundOptions = field(default_factory=spoken.SoundOptions)


def load_display_state(services: Services) -> DisplayState:
    queue = services.queue
    counters = queue.counters()
    return DisplayState(services.profile.office_name, counters, {c.id: queue.current(c.id) for c in counters},
                        queue.recent_calls(RECENT), queue.waiting_counts(), queue.groups(),
                        spoken.announcement(services.settings), spoken.sound_options(services.settings))


class Marquee(QWidget):
    """A line of text running right to left (the office's maklumat)."""

    STEP_PX, TICK_MS, GAP = 2, 30, "          "

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text, self._offset = "", 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - reads like QLabel
        if text != self._text:
            self._text, self._offset = text, 0
            self.update()

    def set_pixel_size(self, pixels: int) -> None:
        font = QFont(self.font())
        font.setPixelSize(pixels)
        self.setFont(font)
        self.setFixedHeight(int(pixels * 1.6))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._timer.start(self.TICK_MS)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        super().hideEvent(event)

    def _on_timer_timeout(self) -> None:
        if self._text:
            self._offset += self.STEP_PX
            self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        if not self._text:
            return
        painter = QPainter(self)
        painter.setPen(Qt.GlobalColor.white)
        loop = self._text + self.GAP
        width = max(1, painter.fontMetrics().horizontalAdvance(loop))
        x = self.width() - self._offset % (width + self.width())
        baseline = (self.height() + painter.fontMetrics().ascent() - painter.fontMetrics().descent()) // 2
        while x < self.width():
            painter.drawText(x, baseline, loop)
            x += width
        painter.end()


def _call_key(call: Call) -> tuple[str, str, bool]:
    return call.ticket_id, call.at.isoformat(), call.recall


def _label(name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(align)
    return label


class QueueDisplay(QWidget):
    """The waiting-room board."""

    sig_updated = Signal()
    """The board shows fresh state (after a poll or a bus notification)."""
    sig_screen_lost = Signal()
    """Its monitor was unplugged; the window closed itself."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.bus = ctx.queue_bus
        self.state: DisplayState | None = None
        self.target_screen: QScreen | None = None
        self.announcer = Announcer(self)
        self.counter_numbers: dict[str, QLabel] = {}
        self._announced: deque[tuple[str, str, bool]] = deque(maxlen=50)
        self._primed = False  # calls made before the board opened are not announced
        self._loading = False
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        self.setWindowTitle("Layar Antrean")
        self.setProperty(PUBLIC_WINDOW, True)  # its input is the citizens', never keeps the clerk signed in
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.office = _label("office", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.clock = _label("clock", Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tiles = QWidget()
        self.tiles_grid = QGridLayout(self.tiles)
        self.tiles_grid.setSpacing(16)
        self.recent_title = _label("sideTitle", Qt.AlignmentFlag.AlignLeft)
        self.recent_title.setText("Panggilan terakhir")
        self.recent = _label("recent", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.waiting_title = _label("sideTitle", Qt.AlignmentFlag.AlignLeft)
        self.waiting_title.setText("Menunggu")
        self.waiting = _label("waiting", Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.marquee = Marquee()
        header = QHBoxLayout()
        header.addWidget(self.office, 1)
        header.addWidget(self.clock)
        side = QVBoxLayout()
        for widget in (self.recent_title, self.recent, self.waiting_title, self.waiting):
            side.addWidget(widget)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.tiles, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.marquee)
        self._poll = QTimer(self)
        self._apply_scale(720)

    def _connect_signals(self) -> None:
        self.bus.sig_called.connect(self._on_bus_called)
        reload_on_change(self, self.ctx.tasks, self.reload)
        self._poll.timeout.connect(self._on_poll_timeout)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_app_screen_removed)

    # --- showing on a monitor --------------------------------------------------------------
    def show_on(self, screen: QScreen | None) -> None:
        """Full screen on `screen`; None: an ordinary window on this monitor."""
        self.target_screen = screen
        if screen is None:
            self.showNormal()
            self.resize(1280, 720)
        else:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        self.raise_()
        self.reload()

    def _on_app_screen_removed(self, screen: QScreen) -> None:
        if screen is not (self.target_screen or self.screen()):
            return
        # Qt would move the window onto the clerk's monitor; close instead, until asked again.
        self.target_screen = None
        self.announcer.stop()
        self.hide()
        self.sig_screen_lost.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._poll.start(POLL_MS)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._poll.stop()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        elif event.key() == Qt.Key.Key_F11 and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_F11:
            self.showFullScreen()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_scale(event.size().height())

    # --- state -----------------------------------------------------------------------------
    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        services = self.ctx.services
        self.ctx.tasks.run(lambda: load_display_state(services), self._on_state_loaded, self._on_load_failed)

    def _on_poll_timeout(self) -> None:
        self._update_clock()
        self.reload()

    def _on_state_loaded(self, state: DisplayState) -> None:
        self._loading = False
        self.state = state
        self.announcer.options = state.sound
        self.office.setText(state.office_name)
        self._update_clock()
        self._show_tiles(state)
        self.recent.setText("\n".join(f"{c.number}  →  Loket {c.counter_number}" for c in state.recent) or "-")
        labels = {g.code: g.label for g in state.groups}
        self.waiting.setText("\n".join(f"{code} {labels.get(code, '')}: {n} orang"
                                       for code, n in sorted(state.waiting.items())) or "-")
        self.marquee.setText(state.announcement)
        newest = state.recent[0] if state.recent else None
        if newest is not None and _call_key(newest) not in self._announced:
            self._announced.append(_call_key(newest))
            if self._primed:  # a call made on another PC
                self._announce(newest)
        self._primed = True
        self.sig_updated.emit()

    def _on_load_failed(self, exc: Exception) -> None:
        self._loading = False
        self.marquee.setText(error_text(exc))

    def _on_bus_called(self, call: Call) -> None:
        label = self.counter_numbers.get(call.counter_id)
        if label is not None:
            label.setText(call.number)
        if _call_key(call) not in self._announced:
            self._announced.append(_call_key(call))
            self._announce(call)
        self.sig_updated.emit()

    def _announce(self, call: Call) -> None:
        if self.isVisible():  # a closed board stays silent
            self.announcer.announce(call.number, call.counter_number)

    def _show_tiles(self, state: DisplayState) -> None:
        if [c.id for c in state.counters] != list(self.counter_numbers):
            while self.tiles_grid.count():
                self.tiles_grid.takeAt(0).widget().deleteLater()
            self.counter_numbers = {}
            columns = 2 if len(state.counters) <= 4 else 3
            for index, counter in enumerate(state.counters):
                tile = QWidget()
                tile.setObjectName("tile")
                tile.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
                title, number = _label("tileTitle"), _label("tileNumber")
                title.setText(f"LOKET {counter.number}")
                box = QVBoxLayout(tile)
                box.addWidget(title)
                box.addWidget(number, 1)
                self.tiles_grid.addWidget(tile, index // columns, index % columns)
                self.counter_numbers[counter.id] = number
            self._apply_scale(self.height())
        for counter_id, label in self.counter_numbers.items():
            ticket = state.current.get(counter_id)
            label.setText(ticket.number if ticket else "—")

    def _update_clock(self) -> None:
        now = self.ctx.services.clock.now()
        self.clock.setText(f"{format_day_date(now)}   {now:%H.%M.%S}")

    def _apply_scale(self, height: int) -> None:
        """Type sizes follow the window height, so the board reads the same on any monitor."""
        sizes = {"office": 0.045, "clock": 0.04, "tileTitle": 0.045, "tileNumber": 0.13, "sideTitle": 0.035,
                 "recent": 0.032, "waiting": 0.032}
        for label in self.findChildren(QLabel):
            if label.objectName() in sizes:
                font = QFont(label.font())
                font.setPixelSize(max(10, int(height * sizes[label.objectName()])))
                font.setBold(label.objectName() in ("office", "tileTitle", "tileNumber", "sideTitle"))
                label.setFont(font)
        self.marquee.set_pixel_size(max(12, int(height * 0.045)))


def choose_screen(parent: QWidget | None) -> QScreen | None | bool:
    """Ask which monitor to use when there are several; False when the clerk cancelled."""
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        return None
    primary = QGuiApplication.primaryScreen()
    names = [f"{s.name()} ({s.geometry().width()}×{s.geometry().height()})"
             + (" – layar utama" if s is primary else "") for s in screens]
    default = next((i for i, s in enumerate(screens) if s is not primary), 0)
    name, ok = QInputDialog.getItem(parent, "Layar antrean", "Tampilkan di monitor:", names, default, False)
    return screens[names.index(name)] if ok else False


def open_queue_display(ctx: AppContext, parent: QWidget | None = None, screen: QScreen | None = None,
                       *, ask: bool = True) -> QueueDisplay:
    """Show the board (reusing the one already open under `parent`) on `screen` or a chosen monitor."""
    display = parent.findChild(QueueDisplay) if parent is not None else None
    if display is None:
        display = QueueDisplay(ctx=ctx, parent=parent)
    if screen is None and ask:
        chosen = choose_screen(parent)
        if chosen is False:
            return display
        screen = chosen or None
    display.show_on(screen)
    return display
