"""The shipped letter templates: one per form, well formed, only known placeholders.

Checks the YAML files themselves, without the rendering engine, so a typo in a template is
caught here rather than on a citizen's letter.
"""

from __future__ import annotations

import math
import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml

from desktop.models.catalog.loader import catalog_files, load_forms
from desktop.paths import resource_path

TEMPLATE_DIR: Path = resource_path("templates")
README: Path = TEMPLATE_DIR / "README.md"

# Copied from resources/templates/README.md ("Placeholders"); the form's own field keys come
# on top of these. test_allowed_list_matches_readme keeps the two in step.
ALLOWED_PLACEHOLDERS: frozenset[str] = frozenset({
    # applicant / resident
    "nama", "nik", "no_kk", "tempat_lahir", "tanggal_lahir", "ttl", "jenis_kelamin", "agama",
    "status_perkawinan", "pekerjaan", "kewarganegaraan", "alamat", "rt", "rw", "alamat_lengkap",
    "nomor_dokumen", "perwakilan",
    # office
    "nama_kantor", "nama_kecamatan", "nama_pemerintah", "alamat_kantor", "tempat_surat",
    # letter and official
    "nomor_surat", "tanggal_surat", "jabatan_penandatangan", "nama_penandatangan",
    "nomor_permohonan", "nama_layanan",
})
REQUIRED_KEYS = {"format", "title", "classification", "opening", "blocks", "body", "closing"}
ALLOWED_BLOCKS = {"pemohon", "isian", "ahli_waris"}
TEXT_PARTS = ("title", "opening", "body", "closing")
# Resident placeholders that a form also defines with the same meaning; any other shared name
# (kelahiran's tempat_lahir/tanggal_lahir: the child's, not the reporter's) is ambiguous in
# prose and must be left to the "isian" table.
SAME_MEANING = {"pekerjaan"}
CLASSIFICATION = re.compile(r"^\d{3}(\.\d+)*$")

FORMS: dict[str, dict[str, Any]] = load_forms()


def _template(form_id: str) -> dict[str, Any]:
    return yaml.safe_load((TEMPLATE_DIR / f"{form_id}.yaml").read_text(encoding="utf-8"))


def _texts(tpl: dict[str, Any]) -> list[str]:
    return [tpl["title"], tpl["opening"], *tpl["body"], tpl["closing"]]


def _placeholders(text: str) -> list[tuple[str, str, str | None]]:
    """(field name, format spec, conversion) of every {…} in text."""
    return [(name, spec or "", conv) for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None]


def _form_keys(form_id: str) -> set[str]:
    return {f["key"] for f in FORMS[form_id]["fields"]}


def test_every_form_has_a_template_and_no_stray_files() -> None:
    assert len(FORMS) == 33 and "umum" in FORMS
    present = {p.stem for p in TEMPLATE_DIR.glob("*.yaml")}
    assert sorted(set(FORMS) - present) == []
    # Anything else must be a per-service override named after a catalogue service id.
    service_ids = {s["id"] for path in catalog_files()
                   for s in yaml.safe_load(path.read_text(encoding="utf-8"))["services"]}
    assert sorted(present - set(FORMS) - service_ids) == []


def test_allowed_list_matches_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("Placeholders"):]
    documented = set(re.findall(r"`\{(\w+)\}`", section))
    # The README also shows a few form keys as examples; those are not global placeholders.
    example_form_keys = set().union(*(_form_keys(f) for f in FORMS)) - ALLOWED_PLACEHOLDERS
    assert documented - example_form_keys == ALLOWED_PLACEHOLDERS


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_template_shape(form_id: str) -> None:
    tpl = _template(form_id)
    assert isinstance(tpl, dict) and set(tpl) == REQUIRED_KEYS
    assert tpl["format"] == 1
    assert isinstance(tpl["classification"], str) and CLASSIFICATION.match(tpl["classification"])
    for key in ("title", "opening", "closing"):
        assert isinstance(tpl[key], str) and tpl[key].strip(), key
    assert isinstance(tpl["body"], list) and tpl["body"]
    assert all(isinstance(p, str) and p.strip() for p in tpl["body"])
    blocks = tpl["blocks"]
    assert isinstance(blocks, list) and blocks and len(set(blocks)) == len(blocks)
    assert set(blocks) <= ALLOWED_BLOCKS
    literal_title = re.sub(r"\{\w+\}", "", tpl["title"])
    assert literal_title == literal_title.upper(), "judul surat ditulis dengan huruf kapital"
    assert "\n" not in tpl["title"]


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_only_known_placeholders(form_id: str) -> None:
    tpl = _template(form_id)
    allowed = ALLOWED_PLACEHOLDERS | _form_keys(form_id)
    used = [ph for text in _texts(tpl) for ph in _placeholders(text)]
    assert used, "a letter names at least its office or applicant"
    for name, spec, conv in used:
        assert name in allowed, f"{form_id}: placeholder tidak dikenal {{{name}}}"
        assert spec == "" and conv is None, f"{form_id}: {{{name}}} has a format spec"


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_prose_names_no_optional_or_ambiguous_field(form_id: str) -> None:
    # A missing value prints as "-", fine in a table, wrong mid-sentence.
    fields = FORMS[form_id]["fields"]
    optional = {f["key"] for f in fields if not f.get("required")}
    people = {f["key"] for f in fields if f["type"] == "people"}
    ambiguous = (_form_keys(form_id) & ALLOWED_PLACEHOLDERS) - SAME_MEANING
    used = {name for text in _texts(_template(form_id)) for name, _, _ in _placeholders(text)}
    assert used & (optional | people | ambiguous) == set()


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_every_field_reaches_the_letter(form_id: str) -> None:
    tpl = _template(form_id)
    fields = FORMS[form_id]["fields"]
    if "isian" in tpl["blocks"]:
        return  # the table prints every field
    used = {name for text in _texts(tpl) for name, _, _ in _placeholders(text)}
    people = {f["key"] for f in fields if f["type"] == "people"}
    if people:
        assert "ahli_waris" in tpl["blocks"]
    missing = {f["key"] for f in fields} - used - people
    assert missing == set(), f"{form_id}: fields never printed: {sorted(missing)}"


def test_heirs_block_only_where_the_form_has_people() -> None:
    for form_id in FORMS:
        has_people = any(f["type"] == "people" for f in FORMS[form_id]["fields"])
        assert ("ahli_waris" in _template(form_id)["blocks"]) == has_people, form_id


# Rough F4 budget: 330 mm minus margins, letterhead, title/number and signature leaves about
# 190 mm of text, i.e. ~36 lines of 12 pt at ~85 characters. Placeholders are counted at a
# typical filled length so a long address does not push the signature to page two.
LINE_CHARS = 85
LINE_BUDGET = 36
TYPICAL_LENGTH = {"alamat_lengkap": 60, "alamat_kantor": 50, "nama_pemerintah": 22}
PEMOHON_ROWS = 7
HEIR_ROWS = 9  # header + eight heirs


def _estimated_lines(form_id: str, tpl: dict[str, Any]) -> int:
    def expanded(text: str) -> int:
        length = len(re.sub(r"\{\w+\}", "", " ".join(text.split())))
        return length + sum(TYPICAL_LENGTH.get(n, 40 if n.startswith("alamat") else 25)
                            for n, _, _ in _placeholders(text))

    paragraphs = [tpl["opening"], *tpl["body"], tpl["closing"]]
    lines = sum(math.ceil(expanded(p) / LINE_CHARS) + 1 for p in paragraphs)
    rows = {"pemohon": PEMOHON_ROWS, "ahli_waris": HEIR_ROWS,
            "isian": sum(3 if f["type"] == "multiline" else 1 for f in FORMS[form_id]["fields"])}
    return lines + sum(rows[b] + 1 for b in tpl["blocks"])


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_fits_one_f4_page(form_id: str) -> None:
    assert _estimated_lines(form_id, _template(form_id)) <= LINE_BUDGET
