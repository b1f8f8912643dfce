"""Services as a table: number, name, time limit, fee, product."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.catalog.standard import Service
from desktop.models.indonesian import rupiah


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    DURATION = 2
    FEE = 3
    PRODUCT = 4


HEADERS = {Column.NUMBER: "No.", Column.NAME: "Layanan", Column.DURATION: "Jangka waktu",
           Column.FEE: "Biaya", Column.PRODUCT: "Produk"}


class ServicesTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Service] = []

    def set_services(self, services: list[Service]) -> None:
        self.beginResetModel()
        self._rows = list(services)
        self.endResetModel()

    def service(self, row: int) -> Service:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[Column(section)]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        service = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.NUMBER:
                return service.number or (str(service.order) if service.order else "")
            if column is Column.NAME:
                suffix = " (tanpa rincian di keputusan)" if service.detail_missing else ""
                return service.name + suffix
            if column is Column.DURATION:
                return service.duration.text or "tidak disebutkan"
            if column is Column.FEE:
                return rupiah(service.fee.rupiah) if service.fee.rupiah is not None else (service.fee.text or "-")
            if column is Column.PRODUCT:
                return service.product
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NAME:
            return ", ".join(service.abbreviations)
        return None
