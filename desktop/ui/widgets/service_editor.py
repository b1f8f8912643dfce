"""Admin: edit one service's standard (or add one) as YAML text; checked by the same rules as the files."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.models.users.roles import Role
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text


class ServiceEditor(QDialog):
    def __init__(self, *, ctx: AppContext, yaml_text: str, office_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.office_id = ctx, office_id
        self.saved_version: int | None = None
        self.setWindowTitle("Ubah standar layanan")
        self.resize(820, 640)
        self.text = QPlainTextEdit(yaml_text)
        self.text.setFont(QFont("monospace"))
        self.message = QLabel("Perubahan hanya berlaku untuk permohonan baru; permohonan lama tetap memakai "
                              "standar saat diajukan.")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _on_save(self) -> None:
        text, office_id = self.text.toPlainText(), self.office_id
        actor = self.ctx.user.actor(Role.ADMIN)
        user = self.ctx.user

        def save() -> int:
            from desktop.models.catalog.edit import save_service_yaml

            return save_service_yaml(self.ctx.services.catalog, office_id, text, user, actor)

        self.ctx.tasks.run(save, self._on_saved, lambda exc: self.message.setText(error_text(exc)))

    def _on_saved(self, version: int) -> None:
        self.saved_version = version
        self.accept()
