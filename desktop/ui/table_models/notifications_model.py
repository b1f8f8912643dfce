"""Notification outbox rows for a QTableView."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.models.notifications.outbox import Notification
from desktop.models.notifications.phone import local_form
from desktop.models.notifications.texts import REASON_LABELS


class Column(IntEnum):
    CREATED = 0
    NUMBER = 1
    PHONE = 2
    REASON = 3
    STATE = 4
    ATTEMPTS = 5
    ERROR = 6


HEADERS = ["Dibuat", "Permohonan", "No. HP", "Isi", "Status", "Percobaan", "Keterangan"]
COLORS = {"gagal": QColor("#b00020"), "diterima": QColor("#1b5e20")}


class NotificationsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Notification] = []

    def set_rows(self, rows: list[Notification]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        n = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and n.state in COLORS:
            return QBrush(COLORS[n.state])
        if role == Qt.ItemDataRole.ToolTipRole:
            return n.text
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = [n.created_at.strftime("%d-%m-%Y %H.%M"), n.application_number or "-", local_form(n.phone),
                  REASON_LABELS.get(n.reason, n.reason), n.state_label, str(n.attempts), n.last_error]
        return values[index.column()]
