"""Catat pengaduan: the fields offices keep in their complaint book (no business rules here)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.models.complaints.categories import CATEGORIES, CHANNELS
from desktop.models.complaints.register import NewComplaint
from desktop.models.survey.unsur import UNSUR


class ComplaintDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catat pengaduan")
        self.channel = QComboBox()
        self.channel.addItems(list(CHANNELS))
        self.anonymous = QCheckBox("Anonim (tanpa identitas)")
        self.confidential = QCheckBox("Rahasiakan identitas pelapor")
        self.name = QLineEdit()
        self.nik = QLineEdit()
        self.contact = QLineEdit()
        self.subject = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(110)
        self.reported = QLineEdit()
        self.reported.setPlaceholderText("siapa/unit yang diadukan (boleh kosong)")
        self.location = QLineEdit()
        self.category = QComboBox()
        for c in CATEGORIES:
            self.category.addItem(f"{c.label} ({c.working_days} hari kerja)", c.key)
        self.category.setCurrentIndex(1)
        self.unsur = QComboBox()
        self.unsur.addItem("(tidak terkait unsur tertentu)", "")
        for u in UNSUR:
            self.unsur.addItem(f"{u.code.upper()} {u.name}", u.code)
        form = QFormLayout(self)
        for label, widget in (("Saluran", self.channel), ("", self.anonymous), ("", self.confidential),
                              ("Nama pelapor", self.name), ("NIK (boleh kosong)", self.nik),
                              ("Kontak (HP/email)", self.contact), ("Pokok pengaduan", self.subject),
                              ("Uraian (apa, kapan)", self.description), ("Yang diadukan", self.reported),
                              ("Lokasi", self.location), ("Kategori", self.category), ("Unsur SKM", self.unsur)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.anonymous.toggled.connect(self._on_anonymous_toggled)

    def _on_anonymous_toggled(self, checked: bool) -> None:
        for w in (self.name, self.nik, self.contact):
            w.setEnabled(not checked)
            if checked:
                w.clear()

    def value(self) -> NewComplaint:
        return NewComplaint(
            channel=self.channel.currentText(), subject=self.subject.text(), description=self.description.toPlainText(),
            category=self.category.currentData(), anonymous=self.anonymous.isChecked(),
            confidential=self.confidential.isChecked(), complainant_name=self.name.text(),
            complainant_nik=self.nik.text().strip(), contact=self.contact.text(), reported_party=self.reported.text(),
            location=self.location.text(), unsur=self.unsur.currentData())
