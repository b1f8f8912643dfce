"""Lacak Permohonan: find by number, NIK or name; the full history on one screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.applications.status import Status
from desktop.ui.context import AppContext
from desktop.ui.widgets.application_view import application_html

COLUMNS = ["No. permohonan", "Layanan", "Pemohon", "NIK", "Status", "Diterima"]


class TrackingScreen(QWidget):
    sig_continue_draft = Signal(object)
    """An Application in Draf status the clerk wants to complete (the shell opens the intake screen)."""

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
        self.reprint_button = QPushButton("Cetak ulang surat (SALINAN)")
        self.draft_button = QPushButton("Lanjutkan draf")
        self.draft_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.addWidget(self.reprint_button)
        row.addWidget(self.draft_button)
        row.addStretch(1)
        right_layout.addLayout(row)
        right_layout.addWidget(self.message)
        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        splitter.addWidget(left)
        splitter.addWidget(right)
        QVBoxLayout(self).addWidget(splitter)
        self.search.returnPressed.connect(self._on_search)
        self.search.textChanged.connect(lambda t: self._on_search() if not t else None)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.draft_button.clicked.connect(self._on_draft_clicked)
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
        row = self.rows[selected[0].row()]
        self.draft_button.setEnabled(row["status"] == Status.DRAF.value)
        app_id = row["id"]
        apps = self.ctx.services.applications
        self.ctx.tasks.run(lambda: application_html(apps.get(app_id), apps.reader.history(app_id)),
                           self.detail.setHtml, owner=self)

    def _on_reprint_clicked(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            from desktop.ui.letter_printing import print_letter

            print_letter(self.ctx, self.rows[selected[0].row()]["id"], self, self.message.setText, reprint=True)

    def _on_draft_clicked(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            app_id = self.rows[selected[0].row()]["id"]
            self.ctx.tasks.run(lambda: self.ctx.services.applications.get(app_id), self.sig_continue_draft.emit,
                               owner=self)
