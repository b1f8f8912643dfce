"""Resident fields, keyboard-first: typing a NIK fills the birth date and sex it encodes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from desktop.models.errors import ValidationError
from desktop.models.residents.nik import decode_birth
from desktop.models.residents.repository import MARITAL, RELIGIONS, SEXES, Resident
from desktop.ui.widgets.date_field import DateField


class ResidentForm(QWidget):
    sig_nik_decoded = Signal(str)
    """A plausible 16-digit NIK was typed and birth date/sex were filled from it."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today  # the injected clock's date: a NIK's century depends on it
        self._resident = Resident(nik="", nama="")
        self.nik = QLineEdit()
        self.nik.setMaxLength(16)
        self.nik.setPlaceholderText("16 angka")
        # Wide enough for all 16 digits with room to spare: a cut NIK cannot be checked by eye.
        self.nik.setMinimumWidth(self.nik.fontMetrics().horizontalAdvance("0" * 16) + 24)
        self.nama = QLineEdit()
        self.tempat_lahir = QLineEdit()
        self.tanggal_lahir = DateField(today)
        self.jenis_kelamin = QComboBox()
        for code, label in SEXES.items():
            self.jenis_kelamin.addItem(label, code)
        self.agama = QComboBox()
        self.agama.addItems(RELIGIONS)
        self.status_perkawinan = QComboBox()
        self.status_perkawinan.addItems(MARITAL)
        self.pekerjaan = QLineEdit()
        self.alamat = QLineEdit()
        self.rt = QLineEdit()
        self.rt.setMaximumWidth(60)
        self.rw = QLineEdit()
        self.rw.setMaximumWidth(60)
        self.kelurahan = QLineEdit()
        self.kelurahan.setPlaceholderText("mis. Desa Kalianyar / Kelurahan Kalirejo")
        self.no_kk = QLineEdit()
        self.no_kk.setMaxLength(16)
        self.telepon = QLineEdit()
        rtrw = QHBoxLayout()
        rtrw.addWidget(self.rt)
        rtrw.addWidget(self.rw)
        rtrw.addStretch(1)
        form = QFormLayout(self)
        form.addRow("NIK", self.nik)
        form.addRow("Nama lengkap", self.nama)
        form.addRow("Tempat lahir", self.tempat_lahir)
        form.addRow("Tanggal lahir", self.tanggal_lahir)
        form.addRow("Jenis kelamin", self.jenis_kelamin)
        form.addRow("Agama", self.agama)
        form.addRow("Status perkawinan", self.status_perkawinan)
        form.addRow("Pekerjaan", self.pekerjaan)
        form.addRow("Alamat", self.alamat)
        form.addRow("RT / RW", rtrw)
        form.addRow("Desa/Kelurahan", self.kelurahan)
        form.addRow("No. KK", self.no_kk)
        form.addRow("Telepon (boleh kosong)", self.telepon)
        self.nik.textChanged.connect(self._on_nik_text_changed)

    def _on_nik_text_changed(self, text: str) -> None:
        if len(text) != 16 or not text.isdigit():
            return
        decoded = decode_birth(text, self.today())
        if decoded is None:
            return  # the model's check will name the problem on save
        born, sex = decoded
        self.tanggal_lahir.setDate(born)
        self.jenis_kelamin.setCurrentIndex(self.jenis_kelamin.findData(sex))
        self.sig_nik_decoded.emit(text)

    def set_resident(self, r: Resident) -> None:
        self._resident = r
        for name in ("nik", "nama", "tempat_lahir", "pekerjaan", "alamat", "rt", "rw", "kelurahan", "no_kk", "telepon"):
            getattr(self, name).setText(getattr(r, name))
        self.tanggal_lahir.setDate(r.birth_date)
        self.jenis_kelamin.setCurrentIndex(max(0, self.jenis_kelamin.findData(r.jenis_kelamin)))
        self.agama.setCurrentText(r.agama or RELIGIONS[0])
        self.status_perkawinan.setCurrentText(r.status_perkawinan or MARITAL[0])

    def resident(self) -> Resident:
        """The resident as typed; ValidationError (in words) when the birth date is not a date."""
        try:
            born = self.tanggal_lahir.date()
        except ValidationError as exc:
            raise ValidationError(f"Tanggal lahir: {exc}") from None
        if born is None:
            raise ValidationError("Tanggal lahir wajib diisi (atau ketik NIK: tanggal lahir terisi sendiri).")
        return Resident(
            id=self._resident.id, office_code=self._resident.office_code, nik=self.nik.text().strip(),
            nama=self.nama.text(), tempat_lahir=self.tempat_lahir.text().strip(), tanggal_lahir=born.isoformat(),
            jenis_kelamin=self.jenis_kelamin.currentData(), agama=self.agama.currentText(),
            status_perkawinan=self.status_perkawinan.currentText(), pekerjaan=self.pekerjaan.text().strip(),
            kewarganegaraan=self._resident.kewarganegaraan or "WNI", alamat=self.alamat.text().strip(),
            rt=self.rt.text().strip(), rw=self.rw.text().strip(), kelurahan=self.kelurahan.text().strip(),
            no_kk=self.no_kk.text().strip(), telepon=self.telepon.text().strip())

    def clear(self) -> None:
        self.set_resident(Resident(nik="", nama=""))
