"""At the kecamatan: which kelurahan sent which month's report (a year's grid), the report that
arrived (opened as sent), and the kecamatan's own roll-up for a month."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.indonesian import MONTHS
from desktop.models.reports.arrivals import ArrivalCell
from desktop.models.reports.period import ReportPeriod
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.start_folder import documents

AnyIndex = QModelIndex | QPersistentModelIndex
Row = tuple[str, str, list[ArrivalCell]]


class ArrivalsModel(QAbstractTableModel):
    """Rows: kelurahan; columns: name, then January..December (masuk / BELUM / not due yet)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 13

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return "Kelurahan" if section == 0 else MONTHS[section - 1][:3]
        return None

    def cell(self, index: AnyIndex) -> ArrivalCell | None:
        return self.rows[index.row()][2][index.column() - 1] if index.column() > 0 else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code, name, _cells = self.rows[index.row()]
        cell = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if cell is None:
                return f"{name} ({code})"
            if cell.arrived:
                return f"masuk {cell.received_at[8:10]}/{cell.received_at[5:7]}" + \
                    (f" r{cell.revision}" if cell.revision > 1 else "")
            return "BELUM" if cell.due else ""
        if role == Qt.ItemDataRole.ForegroundRole and cell is not None and not cell.arrived and cell.due:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and cell is not None and cell.arrived:
            return f"Revisi {cell.revision}, diterima {cell.received_at.replace('T', ' ')[:16]}"
        return None


class KelurahanReports(QWidget):
    sig_message = Signal(str)
    """A result or an error, in words."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ArrivalsModel()
        self._build_ui()
        self._connect_signals()
        self.refresh()

    def _build_ui(self) -> None:
        today = self.ctx.services.clock.now().date()
        self.year = QComboBox()
        for y in (today.year, today.year - 1):
            self.year.addItem(str(y), y)
        self.month = QComboBox()
        for m in range(1, 13):
            self.month.addItem(MONTHS[m - 1], m)
        self.month.setCurrentIndex((today.month - 2) % 12)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.open_button = QPushButton("&Buka laporan yang masuk")
        self.rollup_button = QPushButton("&Cetak rekap kecamatan…")
        self.message = QLabel("Pilih sel bulan untuk membuka laporan kelurahan itu (PDF seperti yang dikirim).")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        for label, widget in (("&Tahun:", self.year), ("Bula&n rekap:", self.month)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        # The buttons on their own row under the table: beside the period they widened the page past 1024 px.
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.rollup_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.rollup_button.clicked.connect(self._on_rollup_button_clicked)

    def refresh(self) -> None:
        from desktop.models.reports.rollup import arrivals_overview

        services, year = self.ctx.services, self.year.currentData()
        today = services.clock.now().isoformat(timespec="seconds")
        self.ctx.tasks.run(lambda: arrivals_overview(services.db, year, today), self.model.set_rows, self._on_failed,
                           owner=self)

    def write_rollup_to(self, folder: Path) -> None:
        from desktop.printing.reports.rollup_files import write_rollup

        services = self.ctx.services
        period = ReportPeriod.month(self.year.currentData(), self.month.currentData())
        self.ctx.tasks.run(lambda: write_rollup(services, period, folder),
                           lambda f: self._say(f"Rekap {period.label} disimpan: {f.pdf.name} dan {f.xlsx.name}."),
                           self._on_failed, owner=self)

    def open_selected(self, index: QModelIndex) -> None:
        from desktop.models.reports.arrivals import arrivals
        from desktop.paths import data_dir

        cell = self.model.cell(index) if index.isValid() else None
        if cell is None or not cell.arrived:
            self._say("Pilih sel bulan yang laporannya sudah masuk.")
            return
        code, services = self.model.rows[index.row()][0], self.ctx.services
        period = ReportPeriod.parse("bulanan", cell.period)

        def job() -> Path:
            report = arrivals(services.db, period)[code].report
            data = report.file("pdf")
            if data is None:
                raise LookupError("PDF laporan ini tidak ikut terkirim (terlalu besar); lihat angkanya di rekap.")
            path = data_dir() / "laporan" / f"{code}-{period.key}-rev{report.revision}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return path

        self.ctx.tasks.run(job, lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))), self._on_failed,
                           owner=self)

    def _on_open_button_clicked(self) -> None:
        self.open_selected(self.table.currentIndex())

    def _on_rollup_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Simpan rekap ke folder", documents())
        if folder:
            self.write_rollup_to(Path(folder))

    def _on_failed(self, exc: Exception) -> None:
        self._say(str(exc) if isinstance(exc, LookupError) else error_text(exc))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.sig_message.emit(text)
