"""Inbox rows: what waits for me, oldest first; overdue ones stand out."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.models.applications.service import InboxItem
from desktop.models.applications.workflow import KIND_LABELS


class Column(IntEnum):
    NUMBER = 0
    SERVICE = 1
    APPLICANT = 2
    STEP = 3
    RECEIVED = 4
    LEFT = 5


HEADERS = ["No. permohonan", "Layanan", "Pemohon", "Langkah", "Diterima", "Batas waktu"]


class InboxTableModel(QAbstractTableModel):
    """The first page of an inbox, more as the view scrolls (the view asks through fetchMore)."""

    sig_fetch_more = Signal(int)
    """The view scrolled to the end of what is loaded: load the page from this row on."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[InboxItem] = []
        self.total = 0  # items in the whole inbox, loaded or not
        self._fetching = False

    def set_items(self, items: list[InboxItem], total: int | None = None) -> None:
        self.beginResetModel()
        self.rows = list(items)
        self.total = len(self.rows) if total is None else total
        self._fetching = False
        self.endResetModel()

    def append(self, items: list[InboxItem], total: int) -> None:
        """The next page, as asked for by sig_fetch_more."""
        self._fetching = False
        self.total = total
        if items:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(items) - 1)
            self.rows.extend(items)
            self.endInsertRows()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.sig_fetch_more.emit(len(self.rows))

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
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.NUMBER: item.number,
                Column.SERVICE: item.service_name,
                Column.APPLICANT: item.applicant_name,
                Column.STEP: KIND_LABELS.get(item.step_kind, item.step_kind),
                Column.RECEIVED: item.received_at.strftime("%d-%m %H.%M"),
                Column.LEFT: item.time_left,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and item.overdue:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.step_action
        return None
