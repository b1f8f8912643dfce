"""An official confirms a paraf or signature with their own PIN, at this moment, on this PC."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.models.users.accounts import User
from desktop.models.users.roles import Role


class PinDialog(QDialog):
    """Choose which official acts (any holder of the step's roles) and take their PIN."""

    def __init__(self, *, title: str, officials: list[tuple[User, Role]], preferred: User | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.officials = officials
        self.who = QComboBox()
        for user, role in officials:
            self.who.addItem(f"{user.full_name} — {role.label}")
        if preferred is not None:
            for i, (user, _role) in enumerate(officials):
                if user.id == preferred.id:
                    self.who.setCurrentIndex(i)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN pejabat yang bersangkutan")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Konfirmasi")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        form = QFormLayout(self)
        form.addRow(QLabel(title))
        form.addRow("Pejabat", self.who)
        form.addRow("PIN", self.pin)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.pin.setFocus()

    def chosen(self) -> tuple[User, Role, str]:
        user, role = self.officials[self.who.currentIndex()]
        return user, role, self.pin.text()
