"""Lacak Permohonan: find by number, NIK or name; the full history on one screen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.app_status import Status
from desktop.ui.context import AppContext
from desktop.ui.widgets.application_view import application_html

COLUMNS = ["No. permohonan", "Layanan", "Pemohon", "NIK", "Status", "Diterima"]


class TrackingScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("No. permohonan, NIK atau nama pemohon…")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.detail = QTextBrowser()
        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        QVBoxLayout(self).addWidget(splitter)
        self.search.returnPressed.connect(self._on_search)
        self.search.textChanged.connect(lambda t: self._on_search() if not t else None)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.setFocusProxy(self.search)
        self._on_search()

    def _on_search(self) -> None:
        query = self.search.text()
        self.ctx.tasks.run(lambda: self.ctx.services.applications.reader.find(query), self._on_found, owner=self)

    def _on_found(self, rows: list[dict]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = [r["number"], r["service_name"], r["applicant_name"], r["applicant_nik"],
                      Status(r["status"]).label, r["received_at"][:16].replace("T", " ")]
            for c, v in enumerate(values):
                self.table.setItem(i, c, QTableWidgetItem(v))
        if rows:
            self.table.selectRow(0)
        else:
            self.detail.setHtml("<p>Tidak ditemukan.</p>")

    def _on_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        app_id = self.rows[selected[0].row()]["id"]
        apps = self.ctx.services.applications
        self.ctx.tasks.run(lambda: application_html(apps.get(app_id), apps.reader.history(app_id)),
                           self.detail.setHtml, owner=self)
