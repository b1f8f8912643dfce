"""Templat Surat (admin): a letter template as a form in Indonesian; unknown placeholders are named on
save; the letter is previewed inside the app from what is on screen, saved or not."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.models.users.roles import Permission
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.letter_preview import LetterPreview
from desktop.ui.widgets.tables import scrolling, wrapping_list
from desktop.ui.widgets.template_form import TemplateForm


class TemplatesScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.names: list[str] = []
        self.services: list[tuple[str, str, str, str | None]] = []
        self._build_ui()
        self._connect_signals()
        self.ctx.tasks.run(self._load_names, self._on_names_loaded, owner=self)

    def _build_ui(self) -> None:
        self.list = QListWidget()
        wrapping_list(self.list)
        self.form = TemplateForm()
        self.preview_service = QComboBox()
        self.save_button = QPushButton("Simpan templat")
        self.preview_button = QPushButton("Pratinjau")
        self.preview_button.setDefault(True)
        self.title_note = QLabel()
        self.title_note.setObjectName("hint")
        self.title_note.setWordWrap(True)
        self.message = QLabel("Templat disimpan di folder data kantor; templat bawaan tidak diubah.")
        self.message.setWordWrap(True)
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(scrolling(self.form), 1)
        r.addWidget(self.title_note)
        row = QHBoxLayout()
        row.addWidget(QLabel("Contoh untuk layanan:"))
        row.addWidget(self.preview_service, 1)
        row.addWidget(self.preview_button)
        row.addWidget(self.save_button)
        r.addLayout(row)
        r.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([230, 900])
        QVBoxLayout(self).addWidget(splitter)

    def _connect_signals(self) -> None:
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.preview_service.currentIndexChanged.connect(self._on_preview_service_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.preview_button.clicked.connect(self._on_preview_clicked)

    # --- loading ---------------------------------------------------------------------------
    def _load_names(self) -> tuple[list[tuple[str, str, dict]], list[tuple[str, str, str, str | None]]]:
        from desktop.printing.templates import _read, find_template, office_templates_dir, templates_dir

        names = sorted({p.stem for folder in (templates_dir(), office_templates_dir()) for p in folder.glob("*.yaml")})
        entries = []
        for name in names:
            path = find_template(name)
            data = _read(path, path.stat().st_mtime) if path else {}
            entries.append((name, str((data or {}).get("title") or name), data or {}))
        office = self.ctx.services.profile.catalog_office_id
        services = [(s.id, s.name, s.form, s.letter_title) for s in self.ctx.services.catalog.services(office)]
        return entries, services

    def _on_names_loaded(self, result) -> None:
        entries, self.services = result
        self.names = [name for name, _title, _data in entries]
        self.templates = {name: data for name, _title, data in entries}
        for name, title, _data in entries:
            users = [n for sid, n, form, _t in self.services if name in (sid, form)]
            item = QListWidgetItem(readable_title(title))
            item.setToolTip("Dipakai untuk: " + ("; ".join(users) if users else "layanan tanpa templat sendiri"))
            self.list.addItem(item)
        for sid, name, form, letter_title in self.services:
            self.preview_service.addItem(name, (sid, form, letter_title))
        if self.names:
            self.list.setCurrentRow(self.names.index("umum") if "umum" in self.names else 0)

    def _on_list_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.names):
            return
        name = self.names[row]
        self.form.set_data(self.templates.get(name, {}))
        self.form.set_form_keys(self._form_fields(name))
        for i in range(self.preview_service.count()):  # the example is a service that uses this template
            sid, form, _title = self.preview_service.itemData(i)
            if name in (sid, form):
                self.preview_service.setCurrentIndex(i)
                break
        self._on_preview_service_changed()

    def _on_preview_service_changed(self, _index: int = 0) -> None:
        data = self.preview_service.currentData()
        title = data[2] if data else None
        self.title_note.setText(f"Untuk layanan ini judul surat diambil dari produk di keputusan: “{title}”."
                                if title else "")

    def _form_fields(self, name: str) -> list[dict[str, Any]]:
        from desktop.models.applications.intake import forms

        form = next((f for sid, _n, f, _t in self.services if sid == name), name)
        return list(forms().get(form, {}).get("fields", []))

    # --- saving and preview ----------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        name, text = self.names[row], self.form.yaml_text()
        if not self.ctx.user.can(Permission.EDIT_TEMPLATES):
            self.message.setText("Hanya admin yang dapat mengubah templat surat.")
            return
        keys, user = {f["key"] for f in self._form_fields(name)}, self.ctx.user

        def save() -> str:
            from desktop.printing.templates import office_templates_dir, save_template

            save_template(office_templates_dir() / f"{name}.yaml", text, keys, user)
            return name

        self.ctx.tasks.run(save, self._on_saved, lambda exc: self.message.setText(error_text(exc)))

    def _on_saved(self, name: str) -> None:
        self.templates[name] = self.form.data()
        self.list.item(self.names.index(name)).setText(readable_title(self.form.data()["title"]))
        self.message.setText(f"Templat “{self.form.data()['title']}” tersimpan.")

    def _on_preview_clicked(self) -> None:
        data = self.preview_service.currentData()
        row = self.list.currentRow()
        if data is None or row < 0:
            return
        sid, name, draft = data[0], self.names[row], self.form.data()
        keys = {f["key"] for f in self._form_fields(name)}
        services, office = self.ctx.services, self.ctx.services.profile.catalog_office_id

        def render():
            from desktop.paths import archive_dir
            from desktop.printing.issue import preview_letter
            from desktop.printing.pdf_pages import rasterize
            from desktop.printing.templates import parse_template

            template = parse_template(f"{name}.yaml", draft, keys)  # the same checks as saving
            pdf = preview_letter(services, office, sid, template=template)
            path = archive_dir() / "pratinjau" / f"{sid}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            pages = [img.convert("RGB") for img in rasterize(pdf, dpi=80)]
            return path, [(p.tobytes(), p.width, p.height) for p in pages]

        self.ctx.tasks.run(render, self._on_preview_ready, lambda exc: self.message.setText(error_text(exc)),
                           owner=self)

    def _on_preview_ready(self, result) -> None:
        self.last_preview, pages = result
        self.preview = LetterPreview(title=f"Pratinjau: {self.preview_service.currentText()}", pages=pages,
                                     parent=self)
        self.preview.open()


ABBREVIATIONS = {"PBB", "PNS", "TNI", "POLRI", "SKCK", "SKTM", "KK", "KTP", "KIA", "WNA", "DD", "ADD", "BPD", "RT",
                 "RW", "BKK", "BHPRD", "BPHRD", "SKKB", "SKBD", "KTP-EL", "NIK", "SKU", "SKD"}


def readable_title(title: str) -> str:
    """"SURAT PENGANTAR SKCK" as "Surat Pengantar SKCK": capitalised words, abbreviations kept."""
    if not title.isupper():
        return title
    def word(w: str) -> str:
        parts = w.split("/")
        return "/".join(p if p.strip("().,") in ABBREVIATIONS else p.capitalize() for p in parts)
    return " ".join(word(w) for w in title.split())
