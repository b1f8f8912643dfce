"""Register exports for a period: CSV and XLSX (the PDF is in printing/register_pdf.py).

Cells go through models/export_cells.py: a subject or a name that looks like a formula stays text.
"""

from __future__ import annotations

from pathlib import Path

from desktop.models.export_cells import write_csv, write_xlsx
from desktop.models.register.book import RegisterEntry

HEADERS = ["No. urut", "Nomor surat", "Tanggal", "Klasifikasi", "Perihal", "Penerima", "Penanda tangan", "Status",
           "Alasan batal", "Manual"]


def rows(entries: list[RegisterEntry]) -> list[list[str]]:
    return [[str(e.seq), e.number, e.letter_date, e.classification, e.subject, e.recipient, e.signer_name,
             e.status.upper(), e.void_reason or "", "ya" if e.manual else ""] for e in entries]


def to_csv(entries: list[RegisterEntry], path: Path) -> Path:
    return write_csv(path, HEADERS, rows(entries))


def to_xlsx(entries: list[RegisterEntry], path: Path) -> Path:
    return write_xlsx(path, "Register", HEADERS, rows(entries))
