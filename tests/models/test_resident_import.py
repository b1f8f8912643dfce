"""Importing residents from CSV and XLSX: mapping, report of refused rows, nothing half-imported."""

from desktop.models.residents.importing import import_rows, read_file
from tests.identities import admin_actor

HEADER = "NIK;Nama Lengkap;Tempat Lahir;Tanggal Lahir;JK;Agama;Alamat;RT;RW;Keterangan\n"
GOOD = "3514101207850003;budi santoso;Bangil;12-07-1985;L;Islam;Jl. Bader 1;001;002;x\n"
GOOD_F = "3514105207850004;siti aminah;Bangil;12/07/1985;P;Islam;Jl. Bader 2;001;002;y\n"
BAD_DATE = "3514101207850005;salah tanggal;Bangil;13-07-1985;L;Islam;Jl. Bader 3;001;002;z\n"
BAD_NIK = "12345;nik pendek;Bangil;12-07-1985;L;Islam;Jl. Bader 4;001;002;z\n"


def test_csv_import_reports_refused_rows_and_imports_the_rest(services, tmp_path):
    path = tmp_path / "penduduk.csv"
    path.write_text(HEADER + GOOD + GOOD_F + BAD_DATE + BAD_NIK + GOOD, encoding="utf-8")
    preview = read_file(path)
    assert preview.mapping["NIK"] == "nik" and preview.mapping["JK"] == "jenis_kelamin"
    assert "Keterangan" not in preview.mapping
    report = import_rows(services.residents, preview, admin_actor(services))
    assert report.imported == 2
    reasons = dict(report.refused)
    assert "Tanggal lahir tidak cocok" in reasons[4]
    assert "16 angka" in reasons[5]
    assert "sama dengan baris 2" in reasons[6]  # the same NIK twice in one file names the first copy
    assert services.residents.by_nik("3514105207850004").nama == "SITI AMINAH"


def test_xlsx_import(services, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin"])
    ws.append([3514101207850003, "Budi", "1985-07-12", "Laki-laki"])
    path = tmp_path / "penduduk.xlsx"
    wb.save(path)
    report = import_rows(services.residents, read_file(path), admin_actor(services))
    assert report.imported == 1 and report.refused == []


def test_missing_required_column_changes_nothing(services, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Nama;Alamat\nBudi;Jl. A\n", encoding="utf-8")
    import pytest

    from desktop.models.errors import ValidationError

    with pytest.raises(ValidationError, match="Kolom wajib"):
        import_rows(services.residents, read_file(path), admin_actor(services))
    assert services.residents.count() == 0
