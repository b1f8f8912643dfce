"""Buku Register rows on screen: what a clerk reads in the paper book, in six columns.

The export keeps every column (classification, the manual flag…); on screen the classification is
part of the number, and a voided letter shows its reason in the status column.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.models.indonesian import format_date
from desktop.models.register.book import BATAL, RegisterEntry


class Column(IntEnum):
    NUMBER = 0
    DATE = 1
    SUBJECT = 2
    RECIPIENT = 3
    SIGNER = 4
    STATUS = 5


HEADERS = ["Nomor surat", "Tanggal", "Perihal", "Penerima", "Penanda tangan", "Status"]


def status_text(entry: RegisterEntry) -> str:
    text = "BATAL" if entry.status == BATAL else "Terbit"
    if entry.status == BATAL and entry.void_reason:
        text += f": {entry.void_reason}"
    return text + (" (manual)" if entry.manual else "")


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[RegisterEntry] = []

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

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
        e = self.entries[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == Column.DATE:
                return _date(e.letter_date)
            return {Column.NUMBER: e.number, Column.SUBJECT: e.subject, Column.RECIPIENT: e.recipient,
                    Column.SIGNER: e.signer_name, Column.STATUS: status_text(e)}.get(column, "")
        if role == Qt.ItemDataRole.ForegroundRole and e.status == BATAL:
            return QBrush(QColor("#b00020"))
        return None


def _date(iso: str) -> str:
    from datetime import date

    try:
        return format_date(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso
