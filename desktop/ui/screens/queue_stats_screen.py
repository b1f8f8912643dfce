"""Statistik antrean: one day's figures per group and in total (issued, served, waits, busiest hour)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTransposeProxyModel,
    Signal,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.indonesian import format_day_date
from desktop.models.queue import stats as queue_stats
from desktop.models.queue.stats import GroupStats
from desktop.models.services import Services
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.tasks import error_text


def duration_text(seconds: float | None) -> str:
    """12 mnt 05 dtk; '-' when nothing was measured."""
    if seconds is None:
        return "-"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} jam {minutes:02d} mnt"
    return f"{minutes} mnt {secs:02d} dtk"


def hour_text(stats: GroupStats) -> str:
    if stats.busiest_hour is None:
        return "-"
    return f"{stats.busiest_hour:02d}.00–{stats.busiest_hour + 1:02d}.00 ({stats.busiest_hour_issued} tiket)"


class Column(IntEnum):
    GROUP = 0
    ISSUED = 1
    SERVED = 2
    SKIPPED = 3
    TRANSFERRED = 4
    UNSERVED = 5
    WAIT_MEDIAN = 6
    WAIT_P90 = 7
    SERVICE_MEDIAN = 8
    SERVICE_P90 = 9
    BUSIEST = 10


HEADERS = {
    Column.GROUP: "Kelompok", Column.ISSUED: "Diambil", Column.SERVED: "Dilayani", Column.SKIPPED: "Dilewati",
    Column.TRANSFERRED: "Dialihkan (masuk/keluar)", Column.UNSERVED: "Belum selesai",
    Column.WAIT_MEDIAN: "Tunggu (median)", Column.WAIT_P90: "Tunggu (P90)",
    Column.SERVICE_MEDIAN: "Layanan (median)", Column.SERVICE_P90: "Layanan (P90)",
    Column.BUSIEST: "Jam tersibuk",
}


def cell_text(stats: GroupStats, column: Column) -> str:
    values = {
        Column.GROUP: f"{stats.group_code} — {stats.label}" if stats.group_code else stats.label,
        Column.ISSUED: str(stats.issued), Column.SERVED: str(stats.served), Column.SKIPPED: str(stats.skipped),
        Column.TRANSFERRED: f"{stats.transferred_in}/{stats.transferred_out}",
        Column.UNSERVED: str(stats.unserved),
        Column.WAIT_MEDIAN: duration_text(stats.wait_median_s), Column.WAIT_P90: duration_text(stats.wait_p90_s),
        Column.SERVICE_MEDIAN: duration_text(stats.service_median_s),
        Column.SERVICE_P90: duration_text(stats.service_p90_s), Column.BUSIEST: hour_text(stats),
    }
    return values[column]


class StatsModel(QAbstractTableModel):
    """Rows: one GroupStats per group, then the day's total."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[GroupStats] = []

    def set_rows(self, rows: list[GroupStats]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return cell_text(self.rows[index.row()], Column(index.column()))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.rows):
            return cell_text(self.rows[section], Column.GROUP)
        return None


def load_stats(services: Services, day: date) -> list[GroupStats]:
    return [*services.queue.day_stats(day), queue_stats.day_total(services.db, day)]


class QueueStatsScreen(QWidget):
    sig_loaded = Signal(object)
    """The list of GroupStats now in the table (groups, then the total)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = StatsModel()
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd-MM-yyyy")
        self.day_edit.setDate(QDate(self.ctx.services.clock.now().date()))
        self.refresh_button = QPushButton("&Muat ulang")
        self.title = QLabel()
        # Groups across, figures down: eleven figures side by side do not fit a 1024 px screen,
        # while there are only a handful of groups.
        self.view_model = QTransposeProxyModel(self)
        self.view_model.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.view_model)
        self.table.setRowHidden(Column.GROUP, True)  # the group is the column header
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = QLabel("Waktu tunggu: dari nomor diambil sampai dipanggil. Waktu layanan: dari dipanggil sampai "
                           "selesai. P90: 9 dari 10 warga menunggu/dilayani paling lama selama itu.")
        self.note.setWordWrap(True)
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("&Tanggal:"))
        top.itemAt(0).widget().setBuddy(self.day_edit)
        top.addWidget(self.day_edit)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.day_edit.dateChanged.connect(self._on_day_edit_date_changed)
        self.refresh_button.clicked.connect(self.reload)
        reload_on_change(self, self.ctx.tasks, self.reload)

    def reload(self) -> None:
        services, day = self.ctx.services, self.day_edit.date().toPython()
        self.ctx.tasks.run(lambda: (day, load_stats(services, day)), self._on_loaded, self._on_failed)

    def _on_day_edit_date_changed(self, _date: QDate) -> None:
        self.reload()

    def _on_loaded(self, result: tuple[date, list[GroupStats]]) -> None:
        day, rows = result
        self.title.setText(f"Antrean {format_day_date(day)}")
        self.model.set_rows(rows)
        self.table.setRowHidden(Column.GROUP, True)
        self.message.setText("" if rows and rows[-1].issued + rows[-1].transferred_in
                             else "Belum ada antrean pada tanggal ini.")
        self.sig_loaded.emit(rows)

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
