"""Complaints for re-keying into SP4N-LAPOR!: one row per complaint, in the order of LAPOR!'s
own entry form (klasifikasi, judul, isi, tanggal/lokasi kejadian, instansi, kategori, anonim,
rahasia), then the office's follow-up. A confidential complainant's identity is left out."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop.models.complaints.record import Complaint

HEADERS = ["Nomor register", "Klasifikasi", "Judul laporan", "Isi laporan", "Tanggal kejadian/diterima",
           "Lokasi kejadian", "Instansi tujuan", "Kategori", "Anonim", "Rahasia", "Nama pelapor", "Kontak pelapor",
           "Saluran", "Status", "Tanggapan pertama", "Batas penyelesaian", "Tindak lanjut"]


def rows(complaints: list[Complaint], office_name: str) -> list[list[str]]:
    out = []
    for c in complaints:
        hidden = c.anonymous or c.confidential
        out.append([
            c.number, "Pengaduan", c.subject, c.description, c.received_at.date().isoformat(), c.location,
            office_name, c.service_name or c.category_label, "Ya" if c.anonymous else "Tidak",
            "Ya" if c.confidential else "Tidak", "" if hidden else c.complainant_name, "" if hidden else c.contact,
            c.channel, c.status_label,
            c.first_response_at.date().isoformat() if c.first_response_at else "",
            c.resolution_due.date().isoformat(), c.resolution])
    return out


def to_csv(complaints: list[Complaint], office_name: str, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(_safe(r) for r in rows(complaints, office_name))
    return path


def to_xlsx(complaints: list[Complaint], office_name: str, path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "SP4N-LAPOR"
    ws.append(HEADERS)
    for row in rows(complaints, office_name):
        ws.append(_safe(row))
    wb.save(path)
    return path


def _safe(row: list[str]) -> list[str]:
    # A complainant's text starting with = + - @ would run as a formula in Excel: keep it text.
    return ["'" + v if v[:1] in ("=", "+", "-", "@") else v for v in row]
