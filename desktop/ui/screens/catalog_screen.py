"""Katalog Layanan: find a service by name or abbreviation, read its full standard, print it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.catalog.search import search
from desktop.models.catalog.standard import Service
from desktop.models.users.roles import Permission, Role
from desktop.paths import archive_dir
from desktop.ui.context import AppContext
from desktop.ui.table_models.services_model import Column, ServicesTableModel
from desktop.ui.tasks import error_text
from desktop.ui.widgets.service_view import service_html
from desktop.ui.widgets.start_folder import documents
from desktop.ui.widgets.tables import fit_columns, list_table


class CatalogScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._all: list[Service] = []
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari layanan: nama atau singkatan (SKTM, SKU, SKCK, domisili)…")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.model = ServicesTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table)
        fit_columns(self.table, Column.NAME)
        # Fee and product are in the standard on the right; the list keeps what tells services apart.
        for column in (Column.FEE, Column.PRODUCT, Column.DURATION):
            self.table.setColumnHidden(column, True)
        self.detail = QTextBrowser()
        self.print_button = QPushButton("Cetak lembar informasi (PDF)")
        self.print_button.setEnabled(False)
        self.import_button = QPushButton("Muat berkas katalog…")
        self.import_button.setVisible(self.ctx.user.can(Permission.EDIT_CATALOG))
        self.edit_button = QPushButton("Ubah layanan…")
        self.edit_button.setVisible(self.ctx.user.can(Permission.EDIT_CATALOG))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.import_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.search)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self.table.setFocus)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)

    def reload(self) -> None:
        office_id = self.ctx.services.profile.catalog_office_id
        self.ctx.tasks.run(lambda: self.ctx.services.catalog.services(office_id), self._on_loaded)

    def _on_loaded(self, services: list[Service]) -> None:
        self._all = services
        self._apply_filter()

    def _apply_filter(self) -> None:
        found = search(self._all, self.search.text())
        self.model.set_services(found)
        self.count_label.setText(f"{len(found)} dari {len(self._all)} layanan")
        if found:
            self.table.selectRow(0)
        else:
            self.detail.setHtml("<p>Tidak ada layanan yang cocok.</p>")
            self.print_button.setEnabled(False)

    def selected_service(self) -> Service | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.service(rows[0].row()) if rows else None

    def _on_search_text_changed(self, _text: str) -> None:
        self._apply_filter()

    def _on_table_selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        service = self.selected_service()
        self.print_button.setEnabled(service is not None)
        if service is not None:
            self.detail.setHtml(service_html(service))

    def _on_print_clicked(self) -> None:
        service = self.selected_service()
        if service is None:
            return
        services = self.ctx.services
        profile = services.profile
        out = archive_dir() / "informasi" / f"{service.id}.pdf"

        def render() -> Path:
            from desktop.printing.info_sheet import render_info_sheet

            render_info_sheet(service, services.catalog.office(profile.catalog_office_id), profile.office_name, out)
            return out

        self.ctx.tasks.run(render, self._on_sheet_ready)

    def _on_sheet_ready(self, path: Path) -> None:
        self.last_sheet = path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _on_edit_clicked(self) -> None:
        service = self.selected_service()
        if service is None:
            return
        from desktop.models.catalog.edit import service_yaml
        from desktop.ui.widgets.service_editor import ServiceEditor

        office_id = self.ctx.services.profile.catalog_office_id

        def opened(text: str) -> None:
            self.editor = ServiceEditor(ctx=self.ctx, yaml_text=text, office_id=office_id, parent=self)
            self.editor.accepted.connect(self.reload)
            self.editor.open()

        self.ctx.tasks.run(lambda: service_yaml(self.ctx.services.catalog, service.id), opened)

    def _on_import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Muat berkas katalog", documents(), "Katalog (*.yaml *.yml)")
        if not name:
            return
        actor = self.ctx.user.actor(Role.ADMIN)
        self.ctx.tasks.run(lambda: self.ctx.services.catalog.import_file(Path(name), actor),
                           self._on_imported, self._on_import_failed)

    def _on_imported(self, counts: dict[str, int]) -> None:
        QMessageBox.information(self, "Katalog dimuat", ", ".join(f"{k}: {v}" for k, v in counts.items()))
        self.reload()

    def _on_import_failed(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Katalog ditolak", error_text(exc))
