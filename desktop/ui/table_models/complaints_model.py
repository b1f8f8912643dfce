"""Complaint register rows for a QTableView; late ones in red."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.models.complaints.record import Complaint


class Column(IntEnum):
    NUMBER = 0
    RECEIVED = 1
    WHO = 2
    SUBJECT = 3
    CATEGORY = 4
    STATUS = 5
    ASSIGNEE = 6
    DUE = 7


HEADERS = ["Nomor", "Diterima", "Pelapor", "Pokok pengaduan", "Kategori", "Status", "Petugas", "Batas\nselesai"]
LATE = QColor("#b00020")


class ComplaintsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Complaint] = []
        self.now: datetime | None = None
        self.can_see_identity = False

    def set_rows(self, rows: list[Complaint], now: datetime, can_see_identity: bool) -> None:
        self.beginResetModel()
        self.rows, self.now, self.can_see_identity = rows, now, can_see_identity
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def is_late(self, row: int) -> bool:
        return self.now is not None and self.rows[row].late(self.now)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and self.is_late(index.row()):
            return QBrush(LATE)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = Column(index.column())
        if col == Column.NUMBER:
            return c.number
        if col == Column.RECEIVED:
            return c.received_at.strftime("%d-%m-%Y %H.%M")
        if col == Column.WHO:
            return c.who(self.can_see_identity)
        if col == Column.SUBJECT:
            return c.subject
        if col == Column.CATEGORY:
            return c.category_label
        if col == Column.STATUS:
            return c.status_label + (" — TERLAMBAT" if self.is_late(index.row()) else "")
        if col == Column.ASSIGNEE:
            return c.assignee_name or "-"
        return c.resolution_due.strftime("%d-%m-%Y %H.%M")
