"""Rows of applications found by number, NIK or name (Lacak Permohonan), newest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.applications.status import Status


class Column(IntEnum):
    NUMBER = 0
    SERVICE = 1
    APPLICANT = 2
    NIK = 3
    STATUS = 4
    RECEIVED = 5


HEADERS = ["No. permohonan", "Layanan", "Pemohon", "NIK", "Status", "Diterima"]


def _status_label(value: str) -> str:
    try:
        return Status(value).label
    except ValueError:
        return value


class ApplicationsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return {
            Column.NUMBER: r["number"],
            Column.SERVICE: r["service_name"],
            Column.APPLICANT: r["applicant_name"],
            Column.NIK: r["applicant_nik"] or "",
            Column.STATUS: _status_label(r["status"]),
            Column.RECEIVED: (r["received_at"] or "")[:16].replace("T", " "),
        }[Column(index.column())]
