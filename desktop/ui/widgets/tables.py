"""Column sizing every list uses: short columns as wide as their content, one long column takes the rest.

A table whose columns keep Qt's default 100 px cuts headers ("Penanda tangan") and pushes the last
columns off-screen at 1024 px; sizing by content with one stretching column keeps all of it in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QListView,
    QScrollArea,
    QTableView,
    QWidget,
)


def fit_columns(view: QTableView, *stretch: int) -> None:
    """Size columns by content; the `stretch` columns share the remaining width (and elide)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(200)  # look at the first rows only: fast on a 20 000-row register
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(not stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)


def list_table(view: QTableView) -> None:
    """Whole-row selection, one row at a time, no editing, no row numbers: how every list here behaves."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)


def wrapping_list(view: QListView) -> None:
    """A list whose long lines (service names, requirements) wrap instead of running off to the side."""
    view.setWordWrap(True)
    view.setSpacing(2)  # a little air between entries, or two wrapped names read as one
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def scrolling(content: QWidget) -> QScrollArea:
    """A tall form in a vertical scroll area, so its screen still fits 768 px (never scrolls sideways)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area
