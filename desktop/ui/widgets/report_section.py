"""One table of a report on screen: its chart (the PDF's own drawing, as an image) above the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.printing.reports.tables import ReportTable
from desktop.ui.table_models.report_table_model import ReportTableModel

CHART_HEIGHT = 240  # pixels: the chart's small print stays readable at 1366×768


class ReportSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportTableModel(self)
        self._build_ui()

    def _build_ui(self) -> None:
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.chart)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_table(self, table: ReportTable, chart_png: bytes | None) -> None:
        self.model.set_table(table)
        # The register can hold thousands of rows: size columns from the first ones only.
        if len(table.rows) < 500:
            self.table.resizeColumnsToContents()
        self.note.setText(table.note)
        self.note.setVisible(bool(table.note))
        if chart_png:
            pixmap = QPixmap()
            pixmap.loadFromData(chart_png, "PNG")
            self.chart.setPixmap(pixmap.scaledToHeight(CHART_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        self.chart.setVisible(bool(chart_png))
