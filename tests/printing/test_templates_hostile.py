"""Letter templates and the number format: a template that would break letters is refused at save."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.errors import ValidationError
from desktop.models.register.numbering import check_template, format_number
from desktop.printing.templates import allowed_placeholders, fill, parse_template, save_template

FORM_KEYS = {"keperluan"}


@pytest.fixture
def editor(services):
    """An admin signed in: only someone allowed to edit templates may save one (checked in the model)."""
    from tests.identities import office_staff

    return office_staff(services).admin


def _text(opening: str) -> str:
    return yaml.safe_dump({"title": "SURAT KETERANGAN", "opening": opening, "closing": "Demikian.", "body": ["-"]})


@pytest.mark.parametrize("opening, words", [
    ("Nama {nama:{nik.__class__.__mro__}}", "format tidak boleh berisi isian lain"),
    ("Nama {nama:{nama}}", "format tidak boleh berisi isian lain"),
    ("Nama {nama:d}", "Format '{nama:d}' tidak cocok"),
    ("Nama {nama:,}", "tidak cocok"),
    ("Nama {}", "'{}' kosong"),
    ("Nama {0}", "hanya nama isian biasa"),
    ("Nama {nama.__class__}", "hanya nama isian biasa"),
    ("Nama {nama[0]}", "hanya nama isian biasa"),
    ("Nama {nama!r}", "tulis {nama} saja"),
    ("Nama {nama:>999999999}", "terlalu lebar"),
    ("Nama {nama", "tidak berpasangan"),
    ("Nama {rahasia}", "placeholder tidak dikenal"),
])
def test_a_template_that_would_break_letters_is_refused_and_not_written(tmp_path, editor, opening, words):
    path = tmp_path / "umum.yaml"
    path.write_text("asli", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        save_template(path, _text(opening), FORM_KEYS, editor)
    assert words in str(info.value) and "umum.yaml" in str(info.value)
    assert path.read_text(encoding="utf-8") == "asli"


def test_plain_layout_specs_are_fine(tmp_path, editor):
    template = save_template(tmp_path / "umum.yaml", _text("Nama {nama:>12} untuk {keperluan:^20}."), FORM_KEYS, editor)
    assert fill(template.opening, {"nama": "Budi", "keperluan": "sekolah"}) == \
        "Nama         Budi untuk       sekolah       ."


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opening=st.lists(st.sampled_from(list("{}:!.[]0d>,x_ ") + ["nama", "nik", "keperluan", "__class__"]),
                        max_size=30).map("".join),
       values=st.dictionaries(st.sampled_from(sorted(allowed_placeholders(FORM_KEYS))), st.text(max_size=10)))
def test_a_template_that_saves_fills_with_any_values(tmp_path, editor, opening, values):
    path = tmp_path / "umum.yaml"
    try:
        template = save_template(path, _text(opening), FORM_KEYS, editor)
    except ValidationError:
        return
    for text in template.texts():
        fill(text, values)  # never raises for a template that passed the save check
    assert parse_template("umum.yaml", yaml.safe_load(path.read_text(encoding="utf-8")), FORM_KEYS) == template


@pytest.mark.parametrize("fmt", ["{kode_klasifikasi}/{nomor:{nomor}}/{tahun}", "{kode_kantor:d}/{nomor}",
                                 "{nomor.real}/{tahun}", "{}/{nomor}", "{nomor:099999999999}"])
def test_a_letter_number_format_that_would_fail_at_signing_is_refused(fmt):
    with pytest.raises(ValidationError, match="Format nomor surat"):
        check_template(fmt)


def test_the_usual_number_format_still_works():
    from datetime import date

    assert format_number("{kode_klasifikasi}/{nomor:03}/{kode_kantor}/{tahun}", nomor=7, kode_klasifikasi="470",
                         kode_kantor="424.301", when=date(2026, 11, 24)) == "470/007/424.301/2026"
