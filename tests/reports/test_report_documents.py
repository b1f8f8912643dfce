"""The pack as PDF and XLSX, read back by content; the same data gives the same bytes."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from datetime import datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from desktop.models.clock import WIB
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.reports.pack import build_pack
from desktop.models.reports.period import PeriodKind, ReportPeriod
from desktop.models.settings import PaperSettings
from desktop.office import open_office
from desktop.printing.reports.pdf import render_pack_pdf
from desktop.printing.reports.xlsx import render_pack_xlsx
from tests.identities import FAST_KDF

NOVEMBER = ReportPeriod.month(2026, 11)


def pdf_text(data: bytes) -> list[str]:
    """Each page's text as pdftotext lays it out, runs of spaces squeezed: one table row per line."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    pages = out.decode("utf-8").split("\f")
    return ["\n".join(" ".join(line.split()) for line in page.splitlines()) for page in pages if page.strip()]


@pytest.fixture
def pack(busy):
    s, _made = busy
    return build_pack(s.db, s.settings, NOVEMBER)


def test_pdf_reads_as_the_months_report(pack, busy):
    _s, made = busy
    pages = pdf_text(render_pack_pdf(pack))
    text = "\n".join(pages)
    first = pages[0]
    assert "KELURAHAN KALIREJO" in first and "LAPORAN BULANAN PELAYANAN" in first
    assert "Kelurahan Kalirejo — November 2026" in first
    for heading in ("1. Ringkasan", "2. Surat keluar per layanan / jenis surat", "3. Surat keluar per hari",
                    "4. Permohonan per layanan", "5. Kepatuhan waktu layanan (SLA) per layanan",
                    "6. Antrean per kelompok layanan", "7. Indeks Kepuasan Masyarakat (IKM)"):
        assert heading in text
    assert "Selesai tepat waktu 2 dari 5 (40,0%)" in text
    assert "Surat Keterangan Domisili 5 Menit 4 2 2 50,0% 5 mnt 7 j 04 mnt 0" in text
    assert "Nilai IKM" in text and "Jumlah responden 3" in text
    assert "LURAH KALIREJO" in text and "Drs. Bambang Purnomo" in text and "NIP. 19700815 199503 1 001" in text
    assert "Bangil, 30 November 2026" in text
    annex = "\n".join(p for p in pages if "LAMPIRAN: BUKU REGISTER SURAT KELUAR" in p or "Nomor surat" in p)
    assert "7 nomor (termasuk BATAL dan yang dicatat manual)" in annex
    assert made.letters["batal"].number in annex and "Salah ketik alamat" in annex
    assert "Surat Pengantar Nikah" in annex and "Dobel catat; dicatat manual" in annex
    assert "data per 2026-11-30 11:00" in pages[-1] and f"Halaman {len(pages)}" in pages[-1]


def test_pdf_page_is_f4_or_a4_as_configured(pack):
    reader = PdfReader(io.BytesIO(render_pack_pdf(pack)))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)
    last = reader.pages[-1].mediabox
    assert float(last.width) > float(last.height)  # the register annex is landscape
    a4 = PdfReader(io.BytesIO(render_pack_pdf(pack, PaperSettings(size="A4")))).pages[0].mediabox
    assert (round(float(a4.width) / 72 * 25.4), round(float(a4.height) / 72 * 25.4)) == (210, 297)


def test_xlsx_has_one_sheet_per_table_with_numbers(pack, busy):
    _s, made = busy
    wb = load_workbook(io.BytesIO(render_pack_xlsx(pack)))
    assert wb.sheetnames == ["Ringkasan", "Surat per jenis", "Surat per hari", "Permohonan", "Waktu layanan",
                             "Antrean", "IKM", "Register"]
    register = list(wb["Register"].iter_rows(min_row=3, values_only=True))
    assert len(register) == 7 and register[0][0] == 1 and isinstance(register[0][0], int)
    by_number = {r[1]: r for r in register}
    voided = by_number[made.letters["batal"].number]
    assert voided[7] == "BATAL" and voided[8] == "Salah ketik alamat"
    assert by_number[made.letters["manual"].number][9] == "ya"
    sla = {r[0]: r for r in wb["Waktu layanan"].iter_rows(min_row=3, values_only=True) if r[0]}
    domisili = sla["Surat Keterangan Domisili"]
    assert domisili[2:6] == (4, 2, 2, 0.5) and domisili[6] == 5.0 and domisili[7] == 424.0
    assert wb["Waktu layanan"]["F3"].number_format == "0.0%"
    days = list(wb["Surat per hari"].iter_rows(min_row=3, values_only=True))
    assert len(days) == 31 and days[-1] == ("Jumlah", 7, 2, 2)  # every day, then the total
    assert wb.properties.creator == "Loket Kelurahan" and wb.properties.modified.isoformat() == "2026-11-30T11:00:00"


def test_regenerated_from_the_same_data_byte_for_byte(busy, tmp_path):
    s, _made = busy
    first = build_pack(s.db, s.settings, NOVEMBER)
    pdf, xlsx = render_pack_pdf(first), render_pack_xlsx(first)
    path = s.db.execute("PRAGMA database_list").fetchone()[2]
    copy = tmp_path / "copy.sqlite3"
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(path, copy)
    s.clock.advance(days=40)  # printed weeks later, on another PC: the same file
    other = open_office(copy, s.clock, kdf=FAST_KDF)
    try:
        again = build_pack(other.db, other.settings, NOVEMBER)
        assert render_pack_pdf(again) == pdf and render_pack_xlsx(again) == xlsx
    finally:
        other.db.conn.close()
    s.register.void(s.register.entries(query="/001/")[0].id, s.users.authenticate("lurah", DEMO_PIN), "Dicabut",
                    pin=DEMO_PIN)
    changed = build_pack(s.db, s.settings, NOVEMBER)
    assert render_pack_pdf(changed) != pdf and render_pack_xlsx(changed) != xlsx


def test_empty_month_still_makes_a_readable_pack(busy):
    s, _made = busy
    pack = build_pack(s.db, s.settings, ReportPeriod.month(2026, 3))
    text = "\n".join(pdf_text(render_pack_pdf(pack)))
    assert "Maret 2026" in text and "Tidak ada surat keluar pada periode ini." in text
    assert "Antrean tidak dipakai pada periode ini." in text
    assert load_workbook(io.BytesIO(render_pack_xlsx(pack)))["Register"].max_row == 2


def test_cli_writes_monthly_semester_and_year_packs(busy, tmp_path, capsys):
    s, _made = busy
    db = s.db.execute("PRAGMA database_list").fetchone()[2]
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for args, stem in ((["monthly", "--month", "2026-11"], "laporan-bulanan-2026-11-424-301-1-04"),
                       (["semester", "--semester", "2026-S2"], "laporan-semester-2026-s2-424-301-1-04"),
                       (["year", "--year", "2026"], "laporan-tahunan-2026-424-301-1-04")):
        assert main(["--db", db, "report", *args, "--out", str(tmp_path / "out")]) == 0
        pdf, xlsx = tmp_path / "out" / f"{stem}.pdf", tmp_path / "out" / f"{stem}.xlsx"
        assert pdf.exists() and xlsx.exists()
        assert "Kelurahan Kalirejo" in pdf_text(pdf.read_bytes())[0]
    assert "Laporan ditulis" in capsys.readouterr().out
    assert main(["--db", db, "report", "monthly", "--month", "2026-13", "--out", str(tmp_path)]) == 1
    assert "Periode '2026-13' di luar jangkauan" in capsys.readouterr().err
    ReportPeriod.parse(PeriodKind.YEAR, "2026")


def test_names_the_built_in_font_cannot_print_still_read_in_the_pdf(busy):
    """The register annex and the signer's block print any name, as letters do since issue 10
    (embedded fonts for what Helvetica/Times lack), so nothing on the report reads as ■."""
    s, _made = busy
    s.clock.set(datetime(2026, 11, 20, 9, 0, tzinfo=WIB))
    clerk = s.users.authenticate("petugas", DEMO_PIN)
    s.register.add_manual(clerk, classification="470", subject="Surat Keterangan Tinggal",
                          recipient="Nguyễn Thị Ánh 王小明", signer_name="Lurah")
    s.clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
    pack = build_pack(s.db, s.settings, NOVEMBER)
    pack = dataclasses.replace(pack, signer=dataclasses.replace(pack.signer, name="Dra. Đặng Thu Hà"))
    text = "\n".join(pdf_text(render_pack_pdf(pack)))
    assert "Nguyễn Thị Ánh 王小明" in text and "Dra. Đặng Thu Hà" in text
    assert "■" not in text
