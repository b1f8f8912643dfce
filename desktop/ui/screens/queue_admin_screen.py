"""Pengaturan antrean (admin): groups with their letter and services, counters, and the display board.

Every save runs on the task thread, checks the admin's permission there, and is audited by the
model; the commit makes the task runner announce a data change, and the ticket screen, the counter
panels and the board reload.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.queue import spoken
from desktop.models.queue.tickets import Counter, QueueGroup
from desktop.models.services import Services
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission, Role
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.tasks import error_text
from desktop.ui.widgets.tables import fit_columns, list_table, scrolling, wrapping_list


@dataclass(frozen=True)
class AdminState:
    groups: list[QueueGroup]
    counters: list[Counter]
    services: list[tuple[str, str]]  # (id, name) of the office's catalogue
    announcement: str
    sound: spoken.SoundOptions


def load_admin_state(services: Services) -> AdminState:
    queue = services.queue
    office_id = services.profile.catalog_office_id
    catalogue = [(s.id, s.name) for s in services.catalog.services(office_id)] if office_id else []
    return AdminState(queue.groups(include_inactive=True), queue.counters(include_inactive=True), catalogue,
                      spoken.announcement(services.settings), spoken.sound_options(services.settings))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    list_table(table)  # as every list here: whole rows, one at a time, no row numbers
    fit_columns(table, 1, 2)
    return table


def _fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


def _checkable(widget: QListWidget, items: list[tuple[str, str]], checked: set[str]) -> None:
    widget.clear()
    for key, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class QueueAdminScreen(QWidget):
    sig_loaded = Signal(object)
    """An AdminState now on the form."""
    sig_saved = Signal(str)
    """Something was saved: the message shown."""
    sig_failed = Signal(str)
    """A save failed: the message shown."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: AdminState | None = None
        self._build_ui()
        self._connect_signals()
        reload_on_change(self, ctx.tasks, self.reload)
        self.reload()

    def _build_ui(self) -> None:
        self.groups_table = _table(["Kode", "Nama kelompok", "Jumlah\nlayanan", "Aktif"])
        self.group_code, self.group_label = QLineEdit(), QLineEdit()
        self.group_code.setMaxLength(1)
        self.group_code.setPlaceholderText("A")
        self.group_label.setPlaceholderText("Surat Keterangan")
        self.group_services = QListWidget()
        wrapping_list(self.group_services)
        self.group_active = QCheckBox("Aktif")
        self.group_active.setChecked(True)
        self.save_group_button = QPushButton("Simpan kelompok")
        group_form = QFormLayout()
        group_form.addRow("&Huruf", self.group_code)
        group_form.addRow("&Nama", self.group_label)
        group_form.addRow("Layanan katalog", self.group_services)
        group_form.addRow("", self.group_active)
        group_form.addRow("", self.save_group_button)
        groups_box = QGroupBox("Kelompok antrean")
        groups_layout = QHBoxLayout(groups_box)
        groups_layout.addWidget(self.groups_table, 1)
        groups_layout.addLayout(group_form, 1)

        self.counters_table = _table(["Nomor", "Nama loket", "Kelompok\ndilayani", "Aktif"])
        self.counter_number = QSpinBox()
        self.counter_number.setRange(1, 99)
        self.counter_name = QLineEdit()
        self.counter_name.setPlaceholderText("Loket 1")
        self.counter_groups = QListWidget()
        wrapping_list(self.counter_groups)
        self.counter_active = QCheckBox("Aktif")
        self.counter_active.setChecked(True)
        self.save_counter_button = QPushButton("Simpan loket")
        counter_form = QFormLayout()
        counter_form.addRow("N&omor loket", self.counter_number)
        counter_form.addRow("Nama", self.counter_name)
        counter_form.addRow("Kelompok dilayani", self.counter_groups)
        counter_form.addRow("", self.counter_active)
        counter_form.addRow("", self.save_counter_button)
        counters_box = QGroupBox("Loket")
        counters_layout = QHBoxLayout(counters_box)
        counters_layout.addWidget(self.counters_table, 1)
        counters_layout.addLayout(counter_form, 1)

        self.announcement = QPlainTextEdit()
        self.announcement.setPlaceholderText("Maklumat pelayanan atau pengumuman yang berjalan di layar antrean")
        self.announcement.setMaximumHeight(80)
        self.chime_check = QCheckBox("Bunyikan nada panggilan")
        self.speech_check = QCheckBox("Ucapkan panggilan (\"Nomor antrian A nol nol satu, silakan ke loket satu\")")
        has_voice = any(shutil.which(n) for n in ("espeak-ng", "espeak"))
        self.voice_hint = QLabel("" if has_voice else "espeak-ng belum terpasang di komputer ini: panggilan tidak "
                                 "diucapkan sampai paket itu dipasang.")
        self.voice_hint.setWordWrap(True)
        self.save_board_button = QPushButton("Simpan pengaturan layar")
        board_box = QGroupBox("Layar antrean")
        board_layout = QVBoxLayout(board_box)
        for widget in (QLabel("Teks berjalan:"), self.announcement, self.chime_check, self.speech_check,
                       self.voice_hint, self.save_board_button):
            board_layout.addWidget(widget)

        self.message = QLabel()
        self.message.setWordWrap(True)
        content = QWidget()
        inner = QVBoxLayout(content)
        for widget in (groups_box, counters_box, board_box):
            inner.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(content), 1)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.groups_table.itemSelectionChanged.connect(self._on_groups_table_selection_changed)
        self.counters_table.itemSelectionChanged.connect(self._on_counters_table_selection_changed)
        self.save_group_button.clicked.connect(self._on_save_group_button_clicked)
        self.save_counter_button.clicked.connect(self._on_save_counter_button_clicked)
        self.save_board_button.clicked.connect(self._on_save_board_button_clicked)

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        services = self.ctx.services
        self.ctx.tasks.run(lambda: load_admin_state(services), self._on_loaded, self._on_failed)

    def _on_loaded(self, state: AdminState) -> None:
        self.state = state
        names = dict(state.services)
        _fill_table(self.groups_table, [[g.code, g.label, str(len(g.service_ids)), "ya" if g.active else "tidak"]
                                        for g in state.groups])
        _fill_table(self.counters_table, [[str(c.number), c.name, ", ".join(c.group_codes),
                                           "ya" if c.active else "tidak"] for c in state.counters])
        _checkable(self.group_services, list(names.items()), set(_checked(self.group_services)))
        _checkable(self.counter_groups, [(g.code, f"{g.code} — {g.label}") for g in state.groups if g.active],
                   set(_checked(self.counter_groups)))
        self.announcement.setPlainText(state.announcement)
        self.chime_check.setChecked(state.sound.chime)
        self.speech_check.setChecked(state.sound.speech)
        self.sig_loaded.emit(state)

    def _on_groups_table_selection_changed(self) -> None:
        rows = self.groups_table.selectionModel().selectedRows()
        if not rows or self.state is None:
            return
        group = self.state.groups[rows[0].row()]
        self.group_code.setText(group.code)
        self.group_label.setText(group.label)
        self.group_active.setChecked(group.active)
        _checkable(self.group_services, self.state.services, set(group.service_ids))

    def _on_counters_table_selection_changed(self) -> None:
        rows = self.counters_table.selectionModel().selectedRows()
        if not rows or self.state is None:
            return
        counter = self.state.counters[rows[0].row()]
        self.counter_number.setValue(counter.number)
        self.counter_name.setText(counter.name)
        self.counter_active.setChecked(counter.active)
        _checkable(self.counter_groups, [(g.code, f"{g.code} — {g.label}") for g in self.state.groups if g.active],
                   set(counter.group_codes))

    # --- saving ----------------------------------------------------------------------------
    def _on_save_group_button_clicked(self) -> None:
        code, label, ids = self.group_code.text(), self.group_label.text(), _checked(self.group_services)
        active = self.group_active.isChecked()
        self._save(lambda s, u: s.queue.save_group(code, label, ids, u.actor(Role.ADMIN), active=active),
                   lambda g: f"Kelompok {g.code} — {g.label} tersimpan.")

    def _on_save_counter_button_clicked(self) -> None:
        number, name, codes = self.counter_number.value(), self.counter_name.text(), _checked(self.counter_groups)
        active = self.counter_active.isChecked()
        self._save(lambda s, u: s.queue.save_counter(number, name, codes, u.actor(Role.ADMIN), active=active),
                   lambda c: f"Loket {c.number} tersimpan.")

    def _on_save_board_button_clicked(self) -> None:
        text = self.announcement.toPlainText()
        options = spoken.SoundOptions(chime=self.chime_check.isChecked(), speech=self.speech_check.isChecked())

        def save(services: Services, user: User) -> None:
            spoken.save_announcement(services.settings, text, user.actor(Role.ADMIN))
            spoken.save_sound_options(services.settings, options, user.actor(Role.ADMIN))

        self._save(save, lambda _r: "Pengaturan layar antrean tersimpan.")

    def _save(self, fn: Callable[[Services, User], Any], describe: Callable[[Any], str]) -> None:
        services, user = self.ctx.services, self.ctx.user

        def run() -> str:
            require(user, Permission.EDIT_SETTINGS)
            return describe(fn(services, user))

        self.ctx.tasks.run(run, self._on_saved, self._on_failed)

    def _on_saved(self, message: str) -> None:
        self.message.setText(message)
        self.sig_saved.emit(message)  # every queue screen reloads: the change was committed

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
        self.sig_failed.emit(error_text(exc))
