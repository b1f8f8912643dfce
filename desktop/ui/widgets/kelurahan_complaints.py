"""At the kecamatan: the complaints of the kelurahan below it, per office and one by one.

Read-only: the kelurahan handles its own complaints; the kecamatan watches deadlines. What arrives
carries no complainant's name, NIK or contact (models/complaints/kelurahan_outcomes.py).
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.models.complaints.kelurahan_outcomes import (
    KelurahanComplaint,
    OfficeComplaints,
    kelurahan_complaints,
    office_names,
    per_office,
)
from desktop.models.indonesian import format_date
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.tasks import error_text
from desktop.ui.widgets.tables import fit_columns, list_table

SUMMARY = ["Kelurahan", "Masuk", "Belum selesai", "Terlambat", "Selesai", "Selesai terlambat"]
LIST = ["Kelurahan", "Nomor", "Diterima", "Kategori", "Perihal", "Status", "Batas selesai"]
LATE = QColor("#b00020")


class KelurahanComplaints(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.note = QLabel("Pengaduan yang dicatat kelurahan, dikirim lewat sinkronisasi tanpa identitas "
                           "pengadu. Ditangani oleh kelurahan; di sini dipantau batas waktunya.")
        self.note.setWordWrap(True)
        self.summary = QTableWidget(0, len(SUMMARY))
        self.summary.setHorizontalHeaderLabels(SUMMARY)
        self.table = QTableWidget(0, len(LIST))
        self.table.setHorizontalHeaderLabels(LIST)
        for view, stretch in ((self.summary, 0), (self.table, LIST.index("Perihal"))):
            list_table(view)
            fit_columns(view, stretch)
        self.summary.setMaximumHeight(160)
        self.message = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        reload_on_change(self, ctx.tasks, self.reload)
        self.reload()

    def reload(self) -> None:
        services = self.ctx.services

        def load() -> tuple[list[KelurahanComplaint], list[OfficeComplaints], dict[str, str]]:
            rows = kelurahan_complaints(services.db)
            return rows, per_office(rows, services.clock.now()), office_names(services.db)

        self.ctx.tasks.run(load, self._show, lambda exc: self.message.setText(error_text(exc)), owner=self)

    def _show(self, result: tuple[list[KelurahanComplaint], list[OfficeComplaints], dict[str, str]]) -> None:
        rows, offices, names = result
        now = self.ctx.services.clock.now()
        self.summary.setRowCount(len(offices))
        for i, o in enumerate(offices):
            values = [names.get(o.office_code, o.office_code), o.received, o.open, o.late, o.resolved, o.resolved_late]
            for c, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if c == SUMMARY.index("Terlambat") and o.late:
                    item.setForeground(QBrush(LATE))
                self.summary.setItem(i, c, item)
        self.table.setRowCount(len(rows))
        for i, k in enumerate(rows):
            due = format_date(k.resolution_due) if k.resolution_due else ""
            values = [names.get(k.office_code, k.office_code), k.number, format_date(k.received_at),
                      k.category_label, k.subject, k.status_label + (" — TERLAMBAT" if k.late(now) else ""), due]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if k.late(now):
                    item.setForeground(QBrush(LATE))
                self.table.setItem(i, c, item)
        self.message.setText(f"{len(rows)} pengaduan dari {len(offices)} kelurahan." if rows
                             else "Belum ada pengaduan yang masuk dari kelurahan.")
