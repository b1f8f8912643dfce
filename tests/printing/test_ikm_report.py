"""The IKM report per semester/year: read back from the PDF's text (pdftotext) and the XLSX cells."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
from openpyxl import load_workbook

from desktop.models import audit
from desktop.models.clock import WIB
from desktop.models.survey.report import Period
from desktop.models.survey.responses import SurveyAnswers
from desktop.printing.ikm_report import write_ikm_report

KIOSK = audit.Actor(user_id=None, name="Kiosk survei", role="warga")


@pytest.fixture
def surveyed(office_services, clock):
    s = office_services
    clock.set(datetime(2026, 3, 2, 9, 0, tzinfo=WIB))
    for scores, extra in [((4, 4, 3, 4, 4, 4, 4, 3, 2), dict(jenis_kelamin="Perempuan", pekerjaan="Lainnya")),
                          ((3, 3, 3, 4, 3, 3, 4, 3, 2), dict(jenis_kelamin="Laki-laki", umur="30–39 tahun")),
                          ((4, 3, 4, 4, 4, 4, 4, 3, 3), dict())]:
        s.survey.record(SurveyAnswers(scores=scores, service_id="kalirejo-surat-keterangan-domisili",
                                      service_name="Surat Keterangan Domisili", **extra), "kiosk", KIOSK)
    clock.set(datetime(2026, 8, 3, 9, 0, tzinfo=WIB))
    s.survey.record(SurveyAnswers(scores=(1,) * 9), "kertas",  # semester II only; typed in by staff
                    s.users.authenticate("petugas", "246810").actor())
    return s


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_semester_pdf_says_index_grade_lowest_unsur_and_plan(surveyed, tmp_path):
    out = write_ikm_report(surveyed, 2026, 1, tmp_path / "ikm.pdf", follow_up="Perbaiki kotak saran dan SOP pengaduan")
    text = pdf_text(out)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text and "Semester I Tahun 2026" in text
    assert "PEMERINTAH KABUPATEN PASURUAN" in text  # kop surat
    # 3 respondents: Σ = 32+28+33 = 93 over 27 cells → 93/27 × 25 = 86.111… → 86,11 B.
    assert "Nilai IKM (konversi): 86,11" in text and "mutu pelayanan B (Baik)" in text
    assert "Jumlah responden: 3" in text
    assert "Penanganan Pengaduan, Saran dan Masukan" in text.split("terendah:")[1].splitlines()[0]
    assert "Perbaiki kotak saran dan SOP pengaduan" in text
    assert "Surat Keterangan Domisili" in text and "Perempuan" in text
    from pypdf import PdfReader

    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)  # F4


def test_year_xlsx_cells(surveyed, tmp_path):
    out = write_ikm_report(surveyed, 2026, None, tmp_path / "ikm.xlsx")
    wb = load_workbook(out)
    ws = wb["IKM"]
    rows = [r for r in ws.values]
    assert rows[0][0].endswith("Tahun 2026")
    ikm_row = next(r for r in rows if r[0] == "IKM")
    # 4 respondents: (93 + 9) / 36 × 25 = 70.833… → 70,83 C.
    assert ikm_row[2] == 70.83 and ikm_row[4] == "C" and ikm_row[5] == "Kurang Baik"
    u9 = next(r for r in rows if r[0] == "U9")
    assert u9[2] == 2.0 and tuple(u9[3:7]) == (1, 2, 1, 0)
    profile = [r for r in wb["Responden"].values]
    assert ("Jenis kelamin", "Perempuan", 1) in profile and ("Jenis kelamin", "Tidak diisi", 2) in profile


def test_empty_period_still_gives_a_report_that_says_so(office_services, tmp_path):
    text = pdf_text(write_ikm_report(office_services, 2025, 2, tmp_path / "kosong.pdf"))
    assert "Belum ada jawaban survei" in text


def test_semester_bounds_and_bad_values(surveyed, tmp_path):
    from desktop.models.errors import ValidationError

    assert Period.of(2026, 2).start.isoformat() == "2026-07-01"
    with pytest.raises(ValidationError):
        Period.of(2026, 3)
    with pytest.raises(ValidationError):
        write_ikm_report(surveyed, 2026, 1, tmp_path / "ikm.docx")


def test_cli_writes_the_report(surveyed, db_path, tmp_path):
    surveyed.db.conn.close()
    out = tmp_path / "lap.pdf"
    subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_path), "skm", "report", "--year", "2026",
                    "--semester", "1", "--out", str(out)], check=True, capture_output=True)
    assert "86,11" in pdf_text(out)
