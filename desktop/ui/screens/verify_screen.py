"""Cek keaslian surat: scan or paste a letter's QR, or open a photo/PDF of the letter.

USB QR scanners act as keyboards: they type the payload and press Enter, so the line edit
keeps focus and selects its text after each check, ready for the next scan to replace it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.printing.qr import VerifyResult, VerifyStatus
from desktop.printing.verify_cli import verify_source
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.start_folder import documents

# Background, text colour per verdict; grey is also used for "checking…" and errors.
_COLOURS = {
    VerifyStatus.ASLI: ("#1f6f43", "white"),
    VerifyStatus.DIUBAH: ("#b00020", "white"),
    VerifyStatus.TIDAK_DIKENAL: ("#6b6b6b", "white"),
    VerifyStatus.DIBATALKAN: ("#8a4b00", "white"),
}
_NEUTRAL = ("#e6e6e6", "#333333")


class VerifyScreen(QWidget):
    """Checks letter QR codes against the office keys registered in this installation."""

    sig_verified = Signal(object)
    """A check finished: the VerifyResult (also emitted for unreadable input, as tidak_dikenal)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._directory = ctx.services.directory  # the one key directory (with revocations)
        self._build_ui()
        self._connect_signals()
        self._show("Pindai QR pada surat, atau tempel isinya di kolom di atas lalu tekan Enter.", _NEUTRAL)

    def _build_ui(self) -> None:
        title = QLabel("Cek keaslian surat")
        title.setObjectName("title")
        self.payload_edit = QLineEdit()
        self.payload_edit.setPlaceholderText("Pindai QR surat dengan pemindai, atau tempel isinya di sini")
        self.payload_edit.setClearButtonEnabled(True)
        self.check_button = QPushButton("Periksa")
        self.open_button = QPushButton("Buka gambar/PDF…")
        row = QHBoxLayout()
        row.addWidget(self.payload_edit, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.open_button)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_label.setMinimumHeight(140)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.setFocusProxy(self.payload_edit)

    def _connect_signals(self) -> None:
        self.payload_edit.returnPressed.connect(self._on_payload_edit_return)
        self.check_button.clicked.connect(self._on_payload_edit_return)
        self.open_button.clicked.connect(self._on_open_button_clicked)

    def _on_payload_edit_return(self) -> None:
        text = self.payload_edit.text().strip()
        if text:
            self.verify(text)

    def _on_open_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Buka gambar atau PDF surat", documents(), "Surat (*.png *.jpg *.jpeg *.pdf);;Semua berkas (*)")
        if path:
            self.verify(path)

    def verify(self, source: str) -> None:
        """Check a payload text or an image/PDF path in the background; the result comes by signal."""
        self._show("Memeriksa…", _NEUTRAL)
        directory = self._directory
        self.ctx.tasks.run(lambda: verify_source(source, directory), self._on_verified, self._on_failed)

    def _on_verified(self, result: VerifyResult) -> None:
        self._show(result.message, _COLOURS[result.status])
        self.payload_edit.selectAll()
        self.payload_edit.setFocus()
        self.sig_verified.emit(result)

    def _on_failed(self, exc: Exception) -> None:
        result = VerifyResult(VerifyStatus.TIDAK_DIKENAL, None, error_text(exc))
        self._on_verified(result)

    def _show(self, text: str, colours: tuple[str, str]) -> None:
        background, foreground = colours
        self.result_label.setText(text)
        self.result_label.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; font-size: 18pt; "
            "font-weight: 600; padding: 16px; border-radius: 6px; }")
