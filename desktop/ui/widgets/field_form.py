"""The service's own fields (from resources/catalog/forms.yaml), built as widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop.models.errors import ValidationError
from desktop.ui.widgets.date_field import DateField


class FieldForm(QWidget):
    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today  # a required date starts at the injected clock's today
        self.layout_ = QFormLayout(self)
        # Long labels put their field on the next line instead of squeezing it (1024 px screens).
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.widgets: dict[str, tuple[dict[str, Any], QWidget]] = {}

    def set_fields(self, fields: list[dict[str, Any]], prefill: dict[str, str] | None = None) -> None:
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.widgets = {}
        prefill = prefill or {}
        for spec in fields:
            widget = self._make(spec)
            self.widgets[spec["key"]] = (spec, widget)
            label = spec["label"] + (" *" if spec.get("required") else "")
            self.layout_.addRow(label, widget)
            if spec["key"] in prefill:
                self._set(widget, prefill[spec["key"]])

    def _make(self, spec: dict[str, Any]) -> QWidget:
        kind = spec.get("type", "text")
        if kind == "multiline" or kind == "people":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(80)
            if kind == "people":
                edit.setPlaceholderText("satu orang per baris: nama; NIK; hubungan")
            return edit
        if kind == "date":
            # A required date starts at today; an optional one empty rather than pretending to be today.
            field = DateField(self.today, optional=not spec.get("required"))
            field.setDate(self.today() if spec.get("required") else None)
            return field
        if kind == "choice":
            combo = QComboBox()
            combo.addItems([str(o) for o in spec.get("options", [])])
            return combo
        edit = QLineEdit()
        if kind == "number":
            edit.setValidator(QIntValidator(0, 2_000_000_000))
        return edit

    @staticmethod
    def _set(widget: QWidget, value: str) -> None:
        if isinstance(widget, DateField):
            widget.setDate(date.fromisoformat(value) if value and len(value) == 10 and value[4] == "-" else None)
        elif isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)

    def values(self) -> dict[str, Any]:
        """The fields as typed; a date that is not one raises ValidationError naming the field."""
        out: dict[str, Any] = {}
        for key, (spec, widget) in self.widgets.items():
            if isinstance(widget, DateField):
                try:
                    when = widget.date()
                except ValidationError as exc:
                    raise ValidationError(f"{spec['label']}: {exc}") from None
                out[key] = when.isoformat() if when else ""
                continue
            if isinstance(widget, QLineEdit):
                out[key] = widget.text().strip()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText().strip()
                out[key] = [line.split(";") for line in text.splitlines() if line.strip()] \
                    if spec.get("type") == "people" else text
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentText()
        return out

    def first_empty_required(self) -> QWidget | None:
        for spec, widget in self.widgets.values():
            if spec.get("required") and isinstance(widget, QLineEdit | QPlainTextEdit):
                text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
                if not text.strip():
                    return widget
        return None
