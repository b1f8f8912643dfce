"""Register or edit one resident in a dialog (from the intake screen or the residents screen)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.models.errors import ValidationError
from desktop.models.residents.repository import Resident
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.resident_form import ResidentForm


class ResidentDialog(QDialog):
    def __init__(self, *, ctx: AppContext, resident: Resident | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: Resident | None = None
        self.setWindowTitle("Ubah data penduduk" if resident and resident.id else "Penduduk baru")
        self.form = ResidentForm(lambda: ctx.services.clock.now().date())
        if resident is not None:
            self.form.set_resident(resident)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _on_save(self) -> None:
        try:
            resident = self.form.resident()
        except ValidationError as exc:
            self.message.setText(str(exc))  # nothing saved; the clerk corrects the field
            return
        profile = self.ctx.services.profile
        if not resident.kelurahan and profile.level == "kelurahan":
            resident = dataclasses.replace(resident, kelurahan=profile.kelurahan.replace("KELURAHAN ", "").title())
        if not resident.kelurahan:
            # A kecamatan serves many desa and kelurahan: its letters must name the applicant's.
            self.message.setText("Isi Desa/Kelurahan penduduk: dicetak pada alamat di surat kecamatan.")
            self.form.kelurahan.setFocus()
            return
        actor = self.ctx.user.actor()
        repo = self.ctx.services.residents
        work = (lambda: repo.update(resident, actor)) if resident.id else (lambda: repo.create(resident, actor))
        self.buttons.setEnabled(False)
        self.ctx.tasks.run(work, self._on_saved, self._on_failed)

    def _on_saved(self, resident: Resident) -> None:
        self.saved = resident
        self.buttons.setEnabled(True)
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))
