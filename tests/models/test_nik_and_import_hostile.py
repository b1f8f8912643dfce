"""NIKs and resident imports as they arrive from spreadsheets, phones and hostile files."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.models.errors import LoketError, ValidationError
from desktop.models.residents.importing import import_rows, read_file
from desktop.models.residents.nik import check_nik
from desktop.models.residents.repository import Resident
from tests.identities import admin_actor

NIK = "3514101207850003"  # a man born 12-07-1985
ARABIC_INDIC = NIK.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
FULL_WIDTH = NIK.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ETHIOPIC = NIK.translate(str.maketrans("123456789", "፩፪፫፬፭፮፯፰፱"))  # isdigit() is True, int() fails


@pytest.mark.parametrize("typed, words", [
    (ARABIC_INDIC, "angka dari huruf lain"),
    (FULL_WIDTH, "angka dari huruf lain"),
    (ETHIOPIC, "angka dari huruf lain"),
    ("35141O1207850003", "huruf 'O' di posisi 6, bukan angka. Mungkin maksudnya angka 0"),
    ("3.51410E+15", "angka ilmiah (3.51410E+15)"),
    ("3,51410E+15", "angka ilmiah"),
    ("35141012078500\u200b3", "tanda 'U+200B' di posisi 15"),
    ("", "wajib diisi"),
])
def test_only_ascii_digits_make_a_nik_and_the_message_says_what_is_wrong(typed, words):
    with pytest.raises(ValidationError, match=re.escape(words)):
        check_nik(typed, date(1985, 7, 12), "L")


def test_the_same_nik_in_other_digit_scripts_does_not_make_more_residents(services):
    for typed in (NIK, ARABIC_INDIC, FULL_WIDTH, ETHIOPIC):
        try:
            services.residents.create(Resident(nik=typed, nama="Budi", tanggal_lahir="1985-07-12", jenis_kelamin="L"),
                                      admin_actor(services))
        except ValidationError:
            pass
    assert [r[0] for r in services.db.execute("SELECT nik FROM residents")] == [NIK]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=24))
def test_any_typed_nik_is_accepted_as_16_ascii_digits_or_refused_in_words(text):
    try:
        value = check_nik(text)
    except ValidationError as exc:
        assert str(exc).startswith("NIK")
    else:
        assert len(value) == 16 and value.isascii() and value.isdigit()


HEADER = "NIK;Nama Lengkap;Tempat Lahir;Tanggal Lahir;JK;Agama;Alamat;RT;RW;Telepon\n"


def _write(tmp_path, text, name="p.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_with_trimmed_trailing_cells_are_imported(services, tmp_path):
    text = HEADER + f"{NIK};Budi;Bangil;12-07-1985;L\n" + "3514105207850004;Siti;Bangil;12-07-1985;P;Islam;;;\n"
    report = import_rows(services.residents, read_file(_write(tmp_path, text)), admin_actor(services))
    assert report.imported == 2 and report.refused == []


def test_refusals_speak_of_what_the_clerk_sees(services, tmp_path):
    text = (HEADER + f"{NIK};Budi;Bangil;12-07-1985;L\n\n"
            "35141O5207850004;Siti;Bangil;12-07-1985;P\n"
            "3.51410E+15;Ani;Bangil;12-07-1985;P\n"
            f"{NIK};Budi Lagi;Bangil;12-07-1985;L\n")
    report = import_rows(services.residents, read_file(_write(tmp_path, text)), admin_actor(services))
    reasons = dict(report.refused)
    assert report.imported == 1
    assert "huruf 'O' di posisi 6" in reasons[4]  # line numbers as in the file (line 3 is empty)
    assert "angka ilmiah" in reasons[5] and "format kolom NIK sebagai Teks" in reasons[5].replace("Format", "format")
    assert "sama dengan baris 2" in reasons[6]


def test_a_nik_excel_stored_as_a_number_is_refused_with_the_reason(services, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin"])
    ws.append([3514101207850010, "Budi", "1985-07-12", "L"])  # Excel keeps 15 digits: the 16th became 0
    path = tmp_path / "p.xlsx"
    wb.save(path)
    report = import_rows(services.residents, read_file(path), admin_actor(services))
    assert report.imported == 0 and "tersimpan sebagai angka di Excel" in report.refused[0][1]


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04 bukan xlsx", "bukan XLSX yang sah"),
    (b"", "kosong"),
])
def test_broken_files_are_refused_in_indonesian(tmp_path, content, words):
    path = tmp_path / ("p.xlsx" if content.startswith(b"PK") else "p.csv")
    path.write_bytes(content)
    with pytest.raises(LoketError, match=words):
        read_file(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20),
                              max_size=12), max_size=8),
       delimiter=st.sampled_from([";", ",", "\t"]))
def test_any_csv_is_imported_or_refused_row_by_row_never_a_crash(services, tmp_path, rows, delimiter):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADER.strip().split(";"), *rows])
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    before = services.residents.count()
    try:
        report = import_rows(services.residents, read_file(path), admin_actor(services))
    except LoketError:
        assert services.residents.count() == before
    else:
        assert services.residents.count() == before + report.imported
        assert all(isinstance(n, int) and reason for n, reason in report.refused)


def test_cli_import_reports_as_json_and_export_writes_the_file(db_path, tmp_path, capsys, monkeypatch):
    import json

    from desktop.office import open_office
    from tests.identities import FAST_KDF, PIN, staff

    office = open_office(db_path, kdf=FAST_KDF)
    staff(office.db, office.clock, office.users)  # the command acts as a person: the admin, by PIN
    office.db.conn.close()
    monkeypatch.setenv("LOKET_PIN", PIN)
    text = HEADER + f"{NIK};Budi;Bangil;12-07-1985;L\n" + "12345;Ani;Bangil;12-07-1985;P\n"
    code = main(["--db", str(db_path), "residents", "import", str(_write(tmp_path, text)), "--json",
                 "--user", "admin"])
    report = json.loads(capsys.readouterr().out)
    assert code == 2 and report["imported"] == 1
    assert report["refused"] == [{"row": 3, "reason": "NIK harus 16 angka (yang diisi: 5 angka)."}]
    out = tmp_path / "penduduk.xlsx"
    assert main(["--db", str(db_path), "residents", "export", "--format", "xlsx", "--out", str(out),
                 "--user", "admin"]) == 0
    assert "1 penduduk diekspor" in capsys.readouterr().out
    from openpyxl import load_workbook

    assert [c.value for c in load_workbook(out).active[2]][:3] == [NIK, None, "BUDI"]
    assert main(["--db", str(db_path), "residents", "import", str(tmp_path / "tidak-ada.csv"),
                 "--user", "admin"]) == 1
    assert "Galat:" in capsys.readouterr().err
