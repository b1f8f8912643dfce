"""Ask why (return, reject, void, cancel): a reason is required before the button does anything."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    sig_reason = Signal(str)
    """The reason typed (stripped, never empty); emitted when the action button is pressed."""

    def __init__(self, *, title: str, prompt: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Tulis alasannya; alasan ini tercatat dan dapat dibaca pemohon.")
        self.text.setMaximumHeight(110)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.text.setFocus()

    def _on_accepted(self) -> None:
        reason = self.text.toPlainText().strip()
        if not reason:
            self.message.setText("Alasan wajib diisi.")
            self.text.setFocus()
            return
        self.accept()
        self.sig_reason.emit(reason)


def ask_reason(parent: QWidget, *, title: str, prompt: str, action: str, on_reason) -> ReasonDialog:
    """Open the dialog (not blocking) and call `on_reason(text)` once a reason is given."""
    dialog = ReasonDialog(title=title, prompt=prompt, action=action, parent=parent)
    dialog.sig_reason.connect(on_reason)
    dialog.open()
    return dialog
