"""Panel loket: call next, recall, skip, restore, transfer, finish, and link the visit to an application.

Every action is one QueueService call on the task thread (which logs it with the signed-in
user); the result carries the counter's fresh state, so the panel redraws from one answer.
Calls are announced on the QueueBus at once, which the display window listens to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.audit import Actor
from desktop.models.queue.tickets import Call, Counter, QueueGroup, QueueService, Ticket
from desktop.models.services import Services
from desktop.models.users.accounts import require
from desktop.models.users.roles import Permission
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.tasks import error_text

POLL_MS = 3000  # tickets issued on another PC appear in the waiting list within a few seconds


@dataclass(frozen=True)
class CounterState:
    """What the panel shows for one counter."""

    counters: list[Counter]
    groups: list[QueueGroup]
    counter_id: str | None = None
    current: Ticket | None = None
    waiting: list[Ticket] = field(default_factory=list)
    skipped: list[Ticket] = field(default_factory=list)


@dataclass(frozen=True)
class ActionOutcome:
    action: str
    message: str
    state: CounterState
    ticket: Ticket | None = None
    call: Call | None = None


def load_state(queue: QueueService, counter_id: str | None) -> CounterState:
    counters, groups = queue.counters(), queue.groups()
    counter = next((c for c in counters if c.id == counter_id), counters[0] if counters else None)
    if counter is None:
        return CounterState(counters, groups)
    codes = set(counter.group_codes)
    return CounterState(counters, groups, counter.id, queue.current(counter.id),
                        [t for t in queue.waiting() if t.group_code in codes],
                        [t for t in queue.skipped() if t.group_code in codes])


def _link(services: Services, ticket_id: str, text: str, actor: Actor) -> tuple[Ticket, str]:
    app = services.applications.reader.by_number(text) or services.applications.get(text)
    return services.queue.link_application(ticket_id, app.id, actor), app.number


class CounterPanel(QWidget):
    """One counter's controls; pick the counter at the top."""

    sig_state_changed = Signal(object)
    """A CounterState now on screen (after loading or after an action)."""
    sig_action_done = Signal(object)
    """An ActionOutcome: the action succeeded."""
    sig_action_failed = Signal(str)
    """The action failed (empty queue, no current ticket, …): the message shown."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = ctx.queue_bus
        self.state: CounterState | None = None
        self._last_ticket: Ticket | None = None  # finished here last: can still be linked
        self._counter_id: str | None = None  # chosen counter; None: the first one
        self._loading = False
        self._build_ui()
        self._connect_signals()
        self.reload()
        self._poll.start(POLL_MS)

    def _build_ui(self) -> None:
        self.counter_combo = QComboBox()
        self.current_number = QLabel("—")
        self.current_number.setStyleSheet("color: #9aa3ad;")
        font = QFont()
        font.setPointSize(56)
        font.setBold(True)
        self.current_number.setFont(font)
        self.current_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.current_info = QLabel("Belum ada antrean yang dipanggil.")
        self.current_info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_button = QPushButton("&Panggil berikutnya (F5)")
        self.recall_button = QPushButton("Panggil &ulang (F6)")
        self.skip_button = QPushButton("&Lewati – tidak hadir (F7)")
        self.finish_button = QPushButton("&Selesai (F8)")
        for button, key in ((self.call_button, "F5"), (self.recall_button, "F6"), (self.skip_button, "F7"),
                            (self.finish_button, "F8")):
            button.setShortcut(QKeySequence(key))
            button.setMinimumHeight(48)
        self.transfer_combo = QComboBox()
        self.transfer_button = QPushButton("&Alihkan ke kelompok (F9)")
        self.transfer_button.setShortcut(QKeySequence("F9"))
        self.application_input = QLineEdit()
        self.application_input.setPlaceholderText("Nomor permohonan")
        self.link_button = QPushButton("&Kaitkan dengan permohonan")
        self.waiting_list = QListWidget()
        self.skipped_list = QListWidget()
        self.restore_button = QPushButton("Pul&ihkan antrean terpilih")
        self.message = QLabel()
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("Loket:"))
        top.addWidget(self.counter_combo, 1)
        actions = QGridLayout()
        actions.addWidget(self.call_button, 0, 0, 1, 2)
        actions.addWidget(self.recall_button, 1, 0)
        actions.addWidget(self.skip_button, 1, 1)
        actions.addWidget(self.finish_button, 2, 0, 1, 2)
        actions.addWidget(self.transfer_combo, 3, 0)
        actions.addWidget(self.transfer_button, 3, 1)
        actions.addWidget(self.application_input, 4, 0)
        actions.addWidget(self.link_button, 4, 1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.current_number)
        left.addWidget(self.current_info)
        left.addLayout(actions)
        left.addWidget(self.message)
        left.addStretch(1)
        waiting_box = QGroupBox("Menunggu")
        QVBoxLayout(waiting_box).addWidget(self.waiting_list)
        skipped_box = QGroupBox("Dilewati (tidak hadir)")
        skipped_layout = QVBoxLayout(skipped_box)
        skipped_layout.addWidget(self.skipped_list)
        skipped_layout.addWidget(self.restore_button)
        right = QVBoxLayout()
        right.addWidget(waiting_box, 2)
        right.addWidget(skipped_box, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self._poll = QTimer(self)

    def _connect_signals(self) -> None:
        self.counter_combo.activated.connect(self._on_counter_combo_activated)
        self.call_button.clicked.connect(self._on_call_button_clicked)
        self.recall_button.clicked.connect(self._on_recall_button_clicked)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        self.finish_button.clicked.connect(self._on_finish_button_clicked)
        self.transfer_button.clicked.connect(self._on_transfer_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.application_input.returnPressed.connect(self._on_link_button_clicked)
        reload_on_change(self, self.ctx.tasks, self.reload)  # another counter's call, a new ticket
        self._poll.timeout.connect(self.reload)

    @property
    def counter_id(self) -> str | None:
        return self._counter_id

    def select_counter(self, counter_id: str) -> None:
        index = self.counter_combo.findData(counter_id)
        if index >= 0:
            self.counter_combo.setCurrentIndex(index)
            self._on_counter_combo_activated(index)

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self._loading:  # the poll must not pile jobs on a slow worker
            return
        self._loading = True
        queue, counter_id = self.ctx.services.queue, self.counter_id
        self.ctx.tasks.run(lambda: load_state(queue, counter_id), self._on_state_loaded, self._on_load_failed)

    def _on_state_loaded(self, state: CounterState) -> None:
        self._loading = False
        if self._counter_id is None or state.counter_id == self._counter_id:  # else: for a counter left behind
            self._show(state)

    def _on_load_failed(self, exc: Exception) -> None:
        self._loading = False
        self.message.setText(error_text(exc))

    def _on_counter_combo_activated(self, index: int) -> None:
        self._counter_id = self.counter_combo.itemData(index)
        self._last_ticket = None
        self._loading = False
        self.reload()

    def _show(self, state: CounterState) -> None:
        self.state = state
        self._counter_id = state.counter_id
        self.counter_combo.blockSignals(True)
        self.counter_combo.clear()
        for c in state.counters:
            name = f"Loket {c.number}" if c.name == f"Loket {c.number}" else f"Loket {c.number} — {c.name}"
            self.counter_combo.addItem(f"{name} ({', '.join(c.group_codes)})", c.id)
        self.counter_combo.setCurrentIndex(max(0, self.counter_combo.findData(state.counter_id)))
        self.counter_combo.blockSignals(False)
        current = state.current
        self.current_number.setText(current.number if current else "—")
        # "—" (nobody at the counter) in grey: in black at this size it read as a bar, not as "none".
        self.current_number.setStyleSheet("" if current else "color: #9aa3ad;")
        if current is None:
            self.current_info.setText("Belum ada antrean yang dipanggil." if state.counters
                                      else "Belum ada loket. Admin mengaturnya di menu Pengaturan Antrean.")
        else:
            called = current.called_at.strftime("%H.%M") if current.called_at else "-"
            self.current_info.setText(f"Dipanggil pukul {called} · panggilan ke-{current.call_count}")
        self.transfer_combo.clear()
        for g in state.groups:
            if current is None or g.code != current.group_code:
                self.transfer_combo.addItem(f"{g.code} — {g.label}", g.code)
        _fill(self.waiting_list, state.waiting)
        _fill(self.skipped_list, state.skipped)
        has_counter, has_current = state.counter_id is not None, current is not None
        self.call_button.setEnabled(has_counter)
        for button in (self.recall_button, self.skip_button, self.finish_button, self.transfer_button):
            button.setEnabled(has_current)
        self.restore_button.setEnabled(bool(state.skipped))
        self.sig_state_changed.emit(state)

    # --- actions ---------------------------------------------------------------------------
    def _on_call_button_clicked(self) -> None:
        self._act("call", lambda q, c, a: q.call_next(c, a), lambda t: f"Memanggil {t.number}.")

    def _on_recall_button_clicked(self) -> None:
        self._act("recall", lambda q, c, a: q.recall(c, a),
                  lambda t: f"Memanggil ulang {t.number} (panggilan ke-{t.call_count}).")

    def _on_skip_button_clicked(self) -> None:
        self._act("skip", lambda q, c, a: q.skip(c, a),
                  lambda t: f"{t.number} dilewati. Bisa dipulihkan hari ini bila warganya datang.")

    def _on_finish_button_clicked(self) -> None:
        self._act("finish", lambda q, c, a: q.finish(c, a), lambda t: f"{t.number} selesai dilayani.")

    def _on_transfer_button_clicked(self) -> None:
        current, code = self.state.current if self.state else None, self.transfer_combo.currentData()
        if current is None or not code:
            self._fail("Pilih kelompok tujuan; hanya antrean yang sedang dilayani yang dapat dialihkan.")
            return
        self._act("transfer", lambda q, c, a: q.transfer(current.id, code, a),
                  lambda t: f"{current.number} dialihkan ke kelompok {code} sebagai {t.number}.")

    def _on_restore_button_clicked(self) -> None:
        item = self.skipped_list.currentItem()
        if item is None:
            self._fail("Pilih antrean yang dilewati lebih dulu.")
            return
        ticket_id = item.data(Qt.ItemDataRole.UserRole)
        self._act("restore", lambda q, c, a: q.restore(ticket_id, a), lambda t: f"{t.number} kembali ke antrean.")

    def _on_link_button_clicked(self) -> None:
        ticket = (self.state.current if self.state else None) or self._last_ticket
        text = self.application_input.text().strip()
        if ticket is None or not text:
            self._fail("Isi nomor permohonan; antrean yang dikaitkan adalah yang sedang atau terakhir dilayani.")
            return
        services, user, counter_id = self.ctx.services, self.ctx.user, self.counter_id

        def link() -> ActionOutcome:
            require(user, Permission.MANAGE_QUEUE)
            linked, number = _link(services, ticket.id, text, user.actor())
            return ActionOutcome("link", f"{linked.number} dikaitkan dengan permohonan {number}.",
                                 load_state(services.queue, counter_id), linked)

        self.ctx.tasks.run(link, self._on_action_done, self._on_action_failed)

    def _act(self, action: str, fn: Callable[[QueueService, str, Actor], Ticket],
             describe: Callable[[Ticket], str]) -> None:
        counter_id = self.counter_id
        if counter_id is None:
            self._fail("Belum ada loket. Admin mengaturnya di menu Pengaturan Antrean.")
            return
        queue, user, before = self.ctx.services.queue, self.ctx.user, self.state.current if self.state else None

        def run() -> ActionOutcome:
            require(user, Permission.MANAGE_QUEUE)
            ticket = fn(queue, counter_id, user.actor())
            call = queue.recent_calls(1)[0] if action in ("call", "recall") else None
            return ActionOutcome(action, describe(ticket), load_state(queue, counter_id), ticket, call)

        if action in ("call", "finish", "skip") and before is not None:
            self._last_ticket = before
        self.ctx.tasks.run(run, self._on_action_done, self._on_action_failed)

    def _on_action_done(self, outcome: ActionOutcome) -> None:
        self.message.setText(outcome.message)
        if outcome.action == "link":
            self.application_input.clear()
        if outcome.state.counter_id == self._counter_id:
            self._show(outcome.state)
        if outcome.call is not None:
            self.bus.called(outcome.call)  # the board announces it at once
        self.sig_action_done.emit(outcome)

    def _on_action_failed(self, exc: Exception) -> None:
        self._fail(error_text(exc))

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.sig_action_failed.emit(message)


def _fill(widget: QListWidget, tickets: list[Ticket]) -> None:
    selected = widget.currentItem().data(Qt.ItemDataRole.UserRole) if widget.currentItem() else None
    widget.clear()
    for t in tickets:
        item = QListWidgetItem(f"{t.number}  ·  diambil {t.issued_at.strftime('%H.%M')}")
        item.setData(Qt.ItemDataRole.UserRole, t.id)
        widget.addItem(item)
        if t.id == selected:
            widget.setCurrentItem(item)
