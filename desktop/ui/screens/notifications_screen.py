"""Pesan ke Warga: every SMS the office owes a citizen, its state (antre, terkirim, diterima, gagal),
retry, a test message, and a WhatsApp click-to-chat link for the same text."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.notifications.config import save_notification_settings
from desktop.models.notifications.outbox import STATE_LABELS, STATES
from desktop.models.settings import NotificationSettings
from desktop.models.users.roles import Permission
from desktop.printing.receipts import whatsapp_link
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.table_models.notifications_model import Column, NotificationsTableModel
from desktop.ui.tasks import error_text


class NotificationsScreen(QWidget):
    sig_loaded = Signal()

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build_ui()
        self._connect_signals()
        reload_on_change(self, ctx.tasks, self.reload)  # the SMS worker's sends show at once
        self.reload()
        self._fresh = True

    def _build_ui(self) -> None:
        self.state = QComboBox()
        self.state.addItem("Semua", None)
        for s in STATES:
            self.state.addItem(STATE_LABELS[s], s)
        self.counts = QLabel()
        self.modem = QLabel()
        self.model = NotificationsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ERROR, QHeaderView.ResizeMode.Stretch)
        self.retry_button = QPushButton("Kirim ulang")
        self.whatsapp_button = QPushButton("Buka di WhatsApp")
        self.test_button = QPushButton("Uji kirim SMS…")
        self.refresh_button = QPushButton("Muat ulang")
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Status:"))
        top.addWidget(self.state)
        top.addWidget(self.counts, 1)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        for b in (self.retry_button, self.whatsapp_button, self.test_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.modem)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.config_box = QGroupBox("Pengaturan pesan (admin)")
        form = QFormLayout(self.config_box)
        self.sms_enabled = QCheckBox("Kirim SMS lewat modem GSM USB")
        self.modem_port = QLineEdit()
        self.modem_port.setPlaceholderText("COM3 atau /dev/ttyUSB0")
        self.whatsapp_number = QLineEdit()
        self.whatsapp_number.setPlaceholderText("nomor WhatsApp kantor untuk QR di tanda terima (boleh kosong)")
        self.save_config_button = QPushButton("Simpan pengaturan pesan")
        form.addRow(self.sms_enabled)
        form.addRow("Port modem", self.modem_port)
        form.addRow("WhatsApp kantor", self.whatsapp_number)
        form.addRow(self.save_config_button)
        self.config_box.setVisible(self.ctx.user.can(Permission.EDIT_SETTINGS))
        layout.addWidget(self.config_box)

    def _connect_signals(self) -> None:
        self.state.currentIndexChanged.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.whatsapp_button.clicked.connect(self._on_whatsapp_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.save_config_button.clicked.connect(self._on_save_config_clicked)

    def on_shown(self) -> None:
        """Opened again: what changed while another screen was in front shows now."""
        if getattr(self, "_fresh", False):
            self._fresh = False  # just loaded by the constructor
            return
        self.reload()

    def reload(self) -> None:
        outbox, state = self.ctx.services.notifications, self.state.currentData()
        settings = self.ctx.services.settings

        def load() -> tuple:
            return outbox.list(state), outbox.counts(), settings.get(NotificationSettings)

        self.ctx.tasks.run(load, self._on_loaded, self._on_failed)

    def _on_loaded(self, result: tuple) -> None:
        rows, counts, config = result
        self.model.set_rows(rows)
        self.counts.setText(" · ".join(f"{STATE_LABELS[s]} {counts[s]}" for s in STATES))
        self.modem.setText(f"Modem SMS: {config.modem_port}" if config.sms_enabled and config.modem_port else
                           "Modem SMS belum diatur: pesan tetap antre dan dikirim begitu modem terpasang.")
        self.sms_enabled.setChecked(config.sms_enabled)
        self.modem_port.setText(config.modem_port)
        self.whatsapp_number.setText(config.whatsapp_number)
        self.sig_loaded.emit()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _on_retry_clicked(self) -> None:
        note = self.selected()
        if note is None:
            self.message.setText("Pilih pesan lebih dulu.")
            return
        outbox, user = self.ctx.services.notifications, self.ctx.user
        self.ctx.tasks.run(lambda: outbox.retry(note.id, user), lambda _r: self._after("Pesan diantrekan lagi."),
                           self._on_failed)

    def _on_whatsapp_clicked(self) -> None:
        note = self.selected()
        if note is not None:
            # Opens WhatsApp (desktop or web) with the citizen's number and the same text, for offices
            # that prefer to send it by hand from their own WhatsApp account.
            QDesktopServices.openUrl(QUrl(whatsapp_link(note.phone, note.text)))

    def _on_test_clicked(self) -> None:
        phone, ok = QInputDialog.getText(self, "Uji kirim SMS", "Nomor HP tujuan:")
        if ok:
            outbox, user, office = self.ctx.services.notifications, self.ctx.user, self.ctx.services.profile.office_name
            self.ctx.tasks.run(lambda: outbox.queue_test(phone, office, user),
                               lambda _r: self._after("Pesan uji diantrekan."), self._on_failed)

    def _on_save_config_clicked(self) -> None:
        settings, user = self.ctx.services.settings, self.ctx.user
        value = settings.get(NotificationSettings)
        value.sms_enabled = self.sms_enabled.isChecked()
        value.modem_port = self.modem_port.text()
        value.whatsapp_number = self.whatsapp_number.text()
        self.ctx.tasks.run(lambda: save_notification_settings(settings, value, user),
                           lambda _r: self._after("Pengaturan pesan disimpan."), self._on_failed)

    def _after(self, text: str) -> None:
        self.message.setText(text)
        self.reload()

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
