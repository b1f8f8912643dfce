"""Record a Tipe B decision that arrived from the kecamatan on paper: what was decided, by whom,
with the kecamatan's letter number or its reason for refusing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from desktop.models.applications.kecamatan_decision import PaperDecision


class KecamatanDecisionDialog(QDialog):
    """Disetujui (with the letter number) or Ditolak (with the reason); both name who decided."""

    def __init__(self, *, number: str, service: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Catat keputusan kecamatan — {number}")
        self._build_ui(number, service)
        self._connect_signals()
        self._on_choice_toggled()

    def _build_ui(self, number: str, service: str) -> None:
        self.approve_choice = QRadioButton("&Disetujui (surat kecamatan sudah terbit)")
        self.reject_choice = QRadioButton("Di&tolak kecamatan")
        self.approve_choice.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.approve_choice)
        self.choice.addButton(self.reject_choice)
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText("nama dan jabatan, sesuai surat (mis. Camat Kanigaran)")
        self.letter_number = QLineEdit()
        self.letter_number.setPlaceholderText("nomor surat dari kecamatan")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("alasan penolakan, sesuai surat kecamatan")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Simpan keputusan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Permohonan {number}: {service}"))
        form.addRow(self.approve_choice)
        form.addRow(self.reject_choice)
        form.addRow("Diputuskan oleh", self.decided_by)
        form.addRow("Nomor surat", self.letter_number)
        form.addRow("Alasan", self.reason)
        form.addRow(self.buttons)

    def _connect_signals(self) -> None:
        self.approve_choice.toggled.connect(self._on_choice_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _on_choice_toggled(self, _checked: bool = False) -> None:
        approved = self.approve_choice.isChecked()
        self.letter_number.setEnabled(approved)
        self.reason.setEnabled(not approved)

    def decision(self) -> PaperDecision:
        """What the clerk entered (the model checks it is complete)."""
        return PaperDecision(approved=self.approve_choice.isChecked(), decided_by=self.decided_by.text(),
                             letter_number=self.letter_number.text(), reason=self.reason.text())
