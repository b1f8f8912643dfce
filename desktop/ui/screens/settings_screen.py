"""Pengaturan: office identity and letterhead, letter numbering, paper, holidays, the idle lock. Admin only
(enforced in models)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.applications.sla import parse_holidays
from desktop.models.settings import (
    MAX_LOCK_MINUTES,
    NumberingSettings,
    OfficeCalendar,
    OfficeProfile,
    PaperSettings,
    SessionSettings,
)
from desktop.models.users.roles import Role
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.profile_form import ProfileForm


class SettingsScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build_ui()
        self._connect_signals()
        self._load()

    def _build_ui(self) -> None:
        self.profile_form = ProfileForm()
        office_box = QGroupBox("Identitas kantor dan kop surat")
        QVBoxLayout(office_box).addWidget(self.profile_form)
        self.number_template = QLineEdit()
        self.number_scope = QComboBox()
        self.number_scope.addItem("Satu nomor urut untuk kantor", "office")
        self.number_scope.addItem("Nomor urut per kode klasifikasi", "classification")
        self.default_class = QLineEdit()
        number_box = QGroupBox("Nomor surat")
        number_form = QFormLayout(number_box)
        number_form.addRow("Format", self.number_template)
        number_form.addRow("", QLabel("Token: {kode_klasifikasi} {nomor:03} {kode_kantor} {tahun} {bulan_romawi}"))
        number_form.addRow("Lingkup nomor urut", self.number_scope)
        number_form.addRow("Kode klasifikasi bawaan", self.default_class)
        self.paper_size = QComboBox()
        self.paper_size.addItem("F4 (215 × 330 mm)", "F4")
        self.paper_size.addItem("A4 (210 × 297 mm)", "A4")
        paper_box = QGroupBox("Kertas surat")
        QFormLayout(paper_box).addRow("Ukuran", self.paper_size)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN Anda: identitas kantor dan nomor surat diubah dengan PIN")
        self.holidays = QPlainTextEdit()
        self.holidays.setPlaceholderText("2026-12-25 Natal\n2026-12-24 cuti bersama")
        self.holidays.setMaximumHeight(110)
        calendar_box = QGroupBox("Hari libur kantor (tidak dihitung sebagai hari kerja)")
        QVBoxLayout(calendar_box).addWidget(self.holidays)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, MAX_LOCK_MINUTES)
        self.lock_minutes.setSuffix(" menit")
        self.lock_minutes.setSpecialValueText("tidak pernah")
        lock_box = QGroupBox("Keamanan loket")
        QFormLayout(lock_box).addRow("Kunci layar otomatis setelah tanpa kegiatan", self.lock_minutes)
        self.save_button = QPushButton("Simpan pengaturan")
        self.message = QLabel()
        self.message.setWordWrap(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        for widget in (office_box, number_box, paper_box, calendar_box, lock_box, self.message, self.pin,
                       self.save_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self._on_save_clicked)

    def _load(self) -> None:
        s = self.ctx.services.settings
        self.profile_form.set_profile(s.get(OfficeProfile))
        numbering = s.get(NumberingSettings)
        self.number_template.setText(numbering.template)
        self.number_scope.setCurrentIndex(max(0, self.number_scope.findData(numbering.scope)))
        self.default_class.setText(numbering.default_classification)
        self.paper_size.setCurrentIndex(max(0, self.paper_size.findData(s.get(PaperSettings).size)))
        self.holidays.setPlainText("\n".join(s.get(OfficeCalendar).holidays))
        self.lock_minutes.setValue(s.get(SessionSettings).minutes())

    def _on_save_clicked(self) -> None:
        user = self.ctx.user
        profile = self.profile_form.profile()
        s = self.ctx.services.settings
        numbering = NumberingSettings(template=self.number_template.text().strip(),
                                      scope=self.number_scope.currentData(),
                                      default_classification=self.default_class.text().strip())
        paper = dataclasses.replace(s.get(PaperSettings), size=self.paper_size.currentData())
        pin, _ = self.pin.text(), self.pin.clear()
        users = self.ctx.services.users
        holidays_text = self.holidays.toPlainText()
        session = SessionSettings(lock_after_minutes=self.lock_minutes.value())  # read at the next sign-in

        def save() -> None:
            from desktop.models.db import transaction
            from desktop.models.register.numbering import check_template

            profile.validate()
            check_template(numbering.template)
            calendar = dataclasses.replace(s.get(OfficeCalendar), holidays=parse_holidays(holidays_text))
            acting = users.confirm(user.id, pin) if pin else user
            actor = acting.actor(Role.ADMIN)  # checked in the model
            with transaction(self.ctx.services.db):
                for value in (profile, numbering, paper, calendar, session):
                    s.put_in_transaction(value, actor, office_code=profile.office_code)
            self.ctx.services.rebind_office(acting)

        self.ctx.tasks.run(save, self._on_saved, self._on_failed)

    def _on_saved(self, _result: object) -> None:
        self.message.setText("Pengaturan tersimpan.")

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
