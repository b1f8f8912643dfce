"""A date field that takes the date as typed (12-03-2026, 12/3/26, 12 Maret 2026…) or from a calendar.

QDateEdit jumps sections on "-" and silently kept the old month when "12-03-2026" was typed; this
field parses the whole text when the clerk leaves it, shows it back as 12-03-2026, and names the
problem when the text is not a date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop.models.errors import ValidationError
from desktop.models.typed_dates import EXAMPLE, parse_typed_date, typed


class DateField(QWidget):
    sig_changed = Signal(object)
    """The date now in the field (a datetime.date), or None when it was emptied."""

    def __init__(self, today: Callable[[], date], *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today, self.optional = today, optional
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(f"tgl-bln-tahun, mis. {EXAMPLE}" + (" (boleh kosong)" if optional else ""))
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00-00-00000") + 16)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pilih dari kalender")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the next field, not to the button
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.error = ""
        self.edit.editingFinished.connect(self._on_edit_finished)
        self.button.clicked.connect(self._on_button_clicked)

    def date(self) -> date | None:
        """The date typed; ValidationError (in words) when the text is not one."""
        return parse_typed_date(self.edit.text(), self.today())

    def setDate(self, when: date | None) -> None:  # noqa: N802 - Qt naming, like QDateEdit
        self.edit.setText(typed(when) if when else "")
        self._show_error("")

    def text(self) -> str:
        return self.edit.text()

    def _on_edit_finished(self) -> None:
        try:
            when = self.date()
        except ValidationError as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        if when is not None:
            self.edit.setText(typed(when))  # shown back unambiguously: the clerk sees what was understood
        self.sig_changed.emit(when)

    def _show_error(self, message: str) -> None:
        self.error = message
        self.edit.setToolTip(message)
        self.edit.setStyleSheet("border: 2px solid #b00020;" if message else "")

    def _on_button_clicked(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        try:
            current = self.date() or self.today()
        except ValidationError:
            current = self.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.clicked.connect(lambda d: self._on_calendar_picked(calendar, d))
        calendar.activated.connect(lambda d: self._on_calendar_picked(calendar, d))
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        self.calendar = calendar

    def _on_calendar_picked(self, calendar: QCalendarWidget, picked: QDate) -> None:
        calendar.close()
        self.setDate(picked.toPython())
        self.sig_changed.emit(picked.toPython())
        self.edit.setFocus()
