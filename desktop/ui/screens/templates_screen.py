"""Templat Surat (admin): edit a letter template; unknown placeholders are named on save; preview it."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.models.users.roles import Permission
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text


class TemplatesScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.names: list[str] = []
        self.list = QListWidget()
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFont("monospace"))
        self.preview_service = QComboBox()
        self.save_button = QPushButton("Simpan templat")
        self.preview_button = QPushButton("Pratinjau PDF")
        self.message = QLabel("Templat disimpan di folder data kantor; templat bawaan tidak diubah.")
        self.message.setWordWrap(True)
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.editor)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(QLabel("Pratinjau untuk layanan:"))
        row.addWidget(self.preview_service, 1)
        row.addWidget(self.preview_button)
        r.addLayout(row)
        r.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([220, 860])
        QVBoxLayout(self).addWidget(splitter)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.ctx.tasks.run(self._load_names, self._on_names_loaded, owner=self)

    def _load_names(self) -> tuple[list[str], list[tuple[str, str, str]]]:
        from desktop.printing.templates import office_templates_dir, templates_dir

        names = sorted({p.stem for folder in (templates_dir(), office_templates_dir()) for p in folder.glob("*.yaml")})
        office = self.ctx.services.profile.catalog_office_id
        services = [(s.id, s.name, s.form) for s in self.ctx.services.catalog.services(office)]
        return names, services

    def _on_names_loaded(self, result) -> None:
        self.names, services = result
        self.services = services
        self.list.addItems(self.names)
        for sid, name, form in services:
            self.preview_service.addItem(name, (sid, form))
        if self.names:
            self.list.setCurrentRow(self.names.index("umum") if "umum" in self.names else 0)

    def _on_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.names):
            from desktop.printing.templates import find_template

            path = find_template(self.names[row])
            self.editor.setPlainText(path.read_text(encoding="utf-8") if path else "")
            for i in range(self.preview_service.count()):  # preview with a service that uses this template
                sid, form = self.preview_service.itemData(i)
                if self.names[row] in (sid, form):
                    self.preview_service.setCurrentIndex(i)
                    break

    def _form_keys(self, name: str) -> set[str]:
        from desktop.models.applications.intake import forms

        form = next((f for sid, _n, f in self.services if sid == name), name)
        return {f["key"] for f in forms().get(form, {}).get("fields", [])}

    def _on_save_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        name, text = self.names[row], self.editor.toPlainText()
        if not self.ctx.user.can(Permission.EDIT_TEMPLATES):
            self.message.setText("Hanya admin yang dapat mengubah templat surat.")
            return
        keys, user = self._form_keys(name), self.ctx.user

        def save() -> str:
            from desktop.printing.templates import office_templates_dir, save_template

            save_template(office_templates_dir() / f"{name}.yaml", text, keys, user)
            return name

        self.ctx.tasks.run(save, lambda n: self.message.setText(f"Templat {n} tersimpan."),
                           lambda exc: self.message.setText(error_text(exc)))

    def _on_preview_clicked(self) -> None:
        data = self.preview_service.currentData()
        if data is None:
            return
        sid = data[0]
        office = self.ctx.services.profile.catalog_office_id

        def render():
            from desktop.paths import archive_dir
            from desktop.printing.issue import preview_letter

            path = archive_dir() / "pratinjau" / f"{sid}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(preview_letter(self.ctx.services, office, sid))
            return path

        self.ctx.tasks.run(render, self._on_preview_ready, lambda exc: self.message.setText(error_text(exc)))

    def _on_preview_ready(self, path) -> None:
        self.last_preview = path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
