"""Register exports for a period: CSV and XLSX (the PDF is in printing/register_pdf.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop.models.register.book import RegisterEntry

HEADERS = ["No. urut", "Nomor surat", "Tanggal", "Klasifikasi", "Perihal", "Penerima", "Penanda tangan", "Status",
           "Alasan batal", "Manual"]


def rows(entries: list[RegisterEntry]) -> list[list[str]]:
    return [[str(e.seq), e.number, e.letter_date, e.classification, e.subject, e.recipient, e.signer_name,
             e.status.upper(), e.void_reason or "", "ya" if e.manual else ""] for e in entries]


def to_csv(entries: list[RegisterEntry], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(rows(entries))
    return path


def to_xlsx(entries: list[RegisterEntry], path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(HEADERS)
    for row in rows(entries):
        ws.append(row)
    wb.save(path)
    return path
