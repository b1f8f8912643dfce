"""The PDF fallback carries the same slip: 80 mm wide page, text read back with pypdf."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from desktop.models.clock import WIB
from desktop.printing.slip_pdf import receipt_pdf, ticket_pdf, trial_slip_pdf
from desktop.printing.slips import ReceiptData, TicketData


def _receipt(requirements: list[str] | None = None) -> ReceiptData:
    return ReceiptData(
        office_name="Kelurahan Kalirejo", office_address="Jl. Raya Kalirejo No. 1, Bangil – Pasuruan",
        application_number="PM-2026-000123", service_name="Surat Keterangan Domisili",
        applicant_name="Andé Wijaya", nik_masked="3514********0001",
        requirements_received=requirements if requirements is not None else ["KTP-el asli", "Kartu Keluarga"],
        received_at=datetime(2026, 11, 24, 8, 30, tzinfo=WIB),
        promised_text="Jangka waktu tidak disebutkan dalam standar",
        qr_text="https://loket.example/cek/PM-2026-000123", served_by="Siti Aminah")


def _ticket() -> TicketData:
    return TicketData(office_name="Kelurahan Kalirejo", group_code="B", group_label="Pelayanan Umum",
                      number="B-017", issued_at=datetime(2026, 11, 24, 10, 45, tzinfo=WIB), people_ahead=0,
                      estimate_text="± 5 menit", qr_text="ANTREAN:B-017")


def _page(data: bytes):
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0]


def _lines(data: bytes) -> list[str]:
    return [line.strip() for line in _page(data).extract_text().splitlines() if line.strip()]


def test_receipt_pdf_is_80mm_wide_and_carries_the_receipt_text():
    data = receipt_pdf(_receipt())
    assert float(_page(data).mediabox.width) == pytest.approx(80 * mm, abs=0.01)
    lines = _lines(data)
    text = " ".join(lines)  # wrapped values read as one run of words
    for expected in ["KELURAHAN KALIREJO", "Jl. Raya Kalirejo No. 1, Bangil – Pasuruan", "TANDA TERIMA BERKAS",
                     "PM-2026-000123", "Surat Keterangan Domisili", "Andé Wijaya", "3514********0001",
                     "Selasa, 24 November 2026 pukul 08.30", "KTP-el asli", "Kartu Keluarga",
                     "Jangka waktu tidak disebutkan dalam standar", "Petugas: Siti Aminah"]:
        assert expected in text
    assert lines.index("Perkiraan selesai:") < lines.index("Jangka waktu tidak disebutkan dalam standar")
    assert PdfReader(BytesIO(data)).metadata.title == "Tanda terima PM-2026-000123"


def test_ticket_pdf_shows_number_group_and_wait():
    lines = _lines(ticket_pdf(_ticket()))
    assert lines[:5] == ["KELURAHAN KALIREJO", "NOMOR ANTREAN", "B-017", "Pelayanan Umum",
                         "Selasa, 24 November 2026 pukul 10.45"]
    assert "tidak ada" in lines and "± 5 menit" in lines


def test_page_grows_with_the_content_like_a_roll():
    short = float(_page(receipt_pdf(_receipt(["KTP-el"]))).mediabox.height)
    long = float(_page(receipt_pdf(_receipt([f"Berkas nomor {n}" for n in range(20)]))).mediabox.height)
    assert long > short + 15 * 10  # at least ~19 extra lines of 9 pt text


def test_pdf_is_repeatable():
    assert receipt_pdf(_receipt()) == receipt_pdf(_receipt())


def test_trial_slip_pdf_names_the_office_and_special_characters():
    lines = _lines(trial_slip_pdf("Kelurahan Kalirejo", datetime(2026, 11, 24, 8, 0, tzinfo=WIB)))
    assert "UJI CETAK PRINTER" in lines
    assert "Huruf khusus: é ² ± € – “kutip”" in lines

