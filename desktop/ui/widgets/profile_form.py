"""Letterhead / office identity fields, shared by the first-run wizard and the settings screen."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.models.settings import OfficeProfile
from desktop.ui.widgets.start_folder import documents

FIELDS: list[tuple[str, str]] = [
    ("pemerintah", "Pemerintah Kota/Kabupaten"),
    ("kecamatan", "Kecamatan"),
    ("kelurahan", "Kelurahan"),
    ("alamat", "Alamat"),
    ("kode_pos", "Kode pos"),
    ("telepon", "Telepon"),
    ("email", "Email"),
    ("website", "Situs web"),
    ("office_code", "Kode kantor (nomor surat)"),
    ("tempat_surat", "Tempat pada tanggal surat"),
]


class ProfileForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = OfficeProfile()
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for key, label in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(label, edit)
        self.edits["office_code"].setPlaceholderText("mis. 424.301.1.04")
        self.edits["pemerintah"].setPlaceholderText("PEMERINTAH KABUPATEN PASURUAN")
        self.logo = self._image_row(form, "Logo (PNG/JPG)")
        self.stamp = self._image_row(form, "Cap/stempel kantor (PNG transparan)")

    def _image_row(self, form: QFormLayout, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setReadOnly(True)
        browse = QPushButton("Pilih…")
        browse.clicked.connect(lambda: self._browse_into(edit))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        form.addRow(label, row)
        return edit

    def set_profile(self, profile: OfficeProfile) -> None:
        self._profile = profile
        for key, edit in self.edits.items():
            edit.setText(str(getattr(profile, key)))
        self.logo.setText(profile.logo_path)
        self.stamp.setText(profile.stamp_path)
        self.edits["kelurahan"].setEnabled(profile.level == "kelurahan")

    def profile(self) -> OfficeProfile:
        values = {key: edit.text().strip() for key, edit in self.edits.items()}
        return dataclasses.replace(self._profile, **values, logo_path=self.logo.text(), stamp_path=self.stamp.text())

    def _browse_into(self, edit: QLineEdit) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Pilih gambar", documents(), "Gambar (*.png *.jpg *.jpeg)")
        if name:
            edit.setText(name)
