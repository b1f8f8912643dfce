"""Typing a date at the counter: 12-03-2026 is the 12th of March, never 12 November."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.field_form import FieldForm

TODAY = date(2026, 11, 24)


def _typed(qtbot, field: DateField, text: str) -> None:
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    field.edit.editingFinished.emit()


def test_typing_a_date_keeps_every_part(qtbot):
    field = DateField(lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    field.setDate(TODAY)
    _typed(qtbot, field, "12-03-2026")
    assert field.date() == date(2026, 3, 12) and field.text() == "12-03-2026" and not field.error
    _typed(qtbot, field, "5/1/26")
    assert field.date() == date(2026, 1, 5) and field.text() == "05-01-2026"


def test_an_impossible_date_is_named_and_kept_for_correction(qtbot):
    field = DateField(lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    _typed(qtbot, field, "31-02-2026")
    assert "tidak ada" in field.error and field.text() == "31-02-2026"


def test_the_service_form_refuses_a_bad_date_by_its_label(qtbot):
    import pytest

    from desktop.models.errors import ValidationError

    form = FieldForm(lambda: TODAY)
    qtbot.addWidget(form)
    form.set_fields([{"key": "tanggal_meninggal", "label": "Tanggal meninggal", "type": "date", "required": True},
                     {"key": "tanggal_surat_asal", "label": "Tanggal surat asal", "type": "date"}])
    assert form.values() == {"tanggal_meninggal": "2026-11-24", "tanggal_surat_asal": ""}
    dead = form.widgets["tanggal_meninggal"][1]
    dead.edit.setText("12-03-2026")
    assert form.values()["tanggal_meninggal"] == "2026-03-12"
    dead.edit.setText("12-13-2026")
    with pytest.raises(ValidationError, match="Tanggal meninggal: Bulan 13"):
        form.values()
