"""Any table of a report pack (printing/reports/tables.ReportTable) in a QTableView."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.printing.reports.tables import TEXT, ReportTable, cell_text

AnyIndex = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """Rows, then the total in bold; numbers right-aligned, as on paper."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: ReportTable | None = None
        self._rows: list[list[Any]] = []

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = [] if table is None else table.rows + ([table.total] if table.total is not None else [])
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        column = self.table.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, column.kind, self.table.minutes_per_day)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind != TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.table.total is not None and index.row() == len(self._rows) - 1:
            font = QFont()
            font.setBold(True)
            return font
        return None
