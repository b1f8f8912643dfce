"""Penduduk: find as you type, register, edit, import from CSV/XLSX with a report, export (admin)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.residents.repository import Resident
from desktop.models.users.roles import Permission
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.resident_dialog import ResidentDialog
from desktop.ui.widgets.start_folder import documents, in_documents
from desktop.ui.widgets.tables import fit_columns, list_table

COLUMNS = ["NIK", "Nama", "Tempat/tgl lahir", "L/P", "Alamat", "RT/RW"]


class ResidentsScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Resident] = []
        self.dialog: ResidentDialog | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari penduduk: NIK atau nama…")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        list_table(self.table)
        fit_columns(self.table, COLUMNS.index("Alamat"))
        self.add_button = QPushButton("Penduduk baru (F2)")
        self.edit_button = QPushButton("Ubah…")
        self.import_button = QPushButton("Impor CSV/XLSX…")
        self.export_button = QPushButton("Ekspor…")
        self.export_button.setToolTip("Seluruh data penduduk ke berkas XLSX atau CSV (hanya admin; dicatat di log)")
        self.export_button.setVisible(ctx.user.can(Permission.EXPORT_RESIDENTS))  # the core checks again
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.import_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.add_button.clicked.connect(lambda: self._open_dialog(None))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(lambda _i: self._on_edit_clicked())
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        QShortcut(QKeySequence("F2"), self, activated=lambda: self._open_dialog(None))
        self.setFocusProxy(self.search)
        self.ctx.tasks.run(self.ctx.services.residents.count,
                           lambda n: self.count.setText(f"{n:,} penduduk terdaftar".replace(",", ".")), owner=self)

    def _on_search_text_changed(self, text: str) -> None:
        self.ctx.tasks.run(lambda: self.ctx.services.residents.search(text), self._show, owner=self)

    def _show(self, rows: list[Resident]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for c, v in enumerate([r.nik, r.nama, r.ttl, r.jenis_kelamin, r.alamat, f"{r.rt}/{r.rw}"]):
                self.table.setItem(i, c, QTableWidgetItem(v))

    def _on_edit_clicked(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self._open_dialog(self.rows[selected[0].row()])

    def _open_dialog(self, resident: Resident | None) -> None:
        self.dialog = ResidentDialog(ctx=self.ctx, resident=resident, parent=self)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog and self.dialog.saved:
            self.message.setText(f"Tersimpan: {self.dialog.saved.nama} ({self.dialog.saved.nik}).")
            self.search.setText(self.dialog.saved.nik)

    def _on_import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Impor penduduk", documents(), "Data penduduk (*.csv *.xlsx)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, confirm: bool = True) -> None:
        from desktop.models.residents.importing import read_file

        self.ctx.tasks.run(lambda: read_file(path), lambda p: self._on_preview(p, confirm), self._on_failed)

    def _on_export_clicked(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, "Ekspor penduduk", in_documents("penduduk.xlsx"),
                                                   "Excel (*.xlsx);;CSV (*.csv)")
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".xlsx", ".csv"):
                path = path.with_suffix(".csv" if chosen.startswith("CSV") else ".xlsx")
            self.export_file(path)

    def export_file(self, path: Path) -> None:
        from desktop.models.residents.export import export_residents

        actor, fmt = self.ctx.user.actor(), path.suffix.lower().lstrip(".")
        self.ctx.tasks.run(lambda: export_residents(self.ctx.services.residents, path, fmt, actor),
                           lambda n: self.message.setText(f"{n:,} penduduk diekspor ke {path}.".replace(",", ".")),
                           self._on_failed)

    def _on_preview(self, preview, confirm: bool) -> None:
        from desktop.models.residents.importing import import_rows

        mapped = ", ".join(f"{h} → {f}" for h, f in preview.mapping.items())
        unmapped = [h for h in preview.headers if h not in preview.mapping]
        text = (f"{len(preview.rows)} baris. Kolom dikenali: {mapped}."
                + (f"\nKolom diabaikan: {', '.join(unmapped)}." if unmapped else "") + "\nLanjutkan impor?")
        if confirm and QMessageBox.question(self, "Pratinjau impor", text) != QMessageBox.StandardButton.Yes:
            return
        actor = self.ctx.user.actor()
        self.ctx.tasks.run(lambda: import_rows(self.ctx.services.residents, preview, actor),
                           self._on_imported, self._on_failed)

    def _on_imported(self, report) -> None:
        self.last_report = report
        self.message.setText(report.text)

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
