"""Import residents from CSV or XLSX: map columns, preview, import valid rows, report the rest.

Each row is imported whole or not at all; the valid rows go in one transaction, so an
interrupted import leaves the database as it was.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass, field
from pathlib import Path

from desktop.models import audit
from desktop.models.db import transaction
from desktop.models.errors import LoketError, ValidationError
from desktop.models.residents.repository import FIELDS, Resident, ResidentRepository, validate

# Header spellings seen in Dukcapil/SIAK exports and village spreadsheets -> resident field.
ALIASES: dict[str, str] = {
    "nik": "nik", "no nik": "nik", "nomor induk kependudukan": "nik",
    "no kk": "no_kk", "no_kk": "no_kk", "nomor kk": "no_kk", "kk": "no_kk",
    "nama": "nama", "nama lengkap": "nama",
    "tempat lahir": "tempat_lahir", "tempat_lahir": "tempat_lahir",
    "tanggal lahir": "tanggal_lahir", "tgl lahir": "tanggal_lahir", "tanggal_lahir": "tanggal_lahir",
    "jenis kelamin": "jenis_kelamin", "jk": "jenis_kelamin", "l/p": "jenis_kelamin", "jenis_kelamin": "jenis_kelamin",
    "agama": "agama", "status perkawinan": "status_perkawinan", "status kawin": "status_perkawinan",
    "status_perkawinan": "status_perkawinan", "pekerjaan": "pekerjaan", "kewarganegaraan": "kewarganegaraan",
    "alamat": "alamat", "rt": "rt", "rw": "rw", "kelurahan": "kelurahan", "desa/kelurahan": "kelurahan",
    "telepon": "telepon", "no hp": "telepon", "hp": "telepon",
}
IMPORTABLE = [f for f in FIELDS if f not in ("id", "office_code")]


@dataclass
class ImportPreview:
    headers: list[str]
    mapping: dict[str, str]  # header -> resident field
    rows: list[dict[str, str]]  # raw rows keyed by header

    def sample(self, n: int = 5) -> list[dict[str, str]]:
        return self.rows[:n]


@dataclass
class ImportReport:
    imported: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (row number as in the file, reason)

    @property
    def text(self) -> str:
        lines = [f"{self.imported} penduduk diimpor, {len(self.refused)} baris ditolak."]
        lines += [f"Baris {n}: {reason}" for n, reason in self.refused[:50]]
        if len(self.refused) > 50:
            lines.append(f"… dan {len(self.refused) - 50} baris lain.")
        return "\n".join(lines)


def read_file(path: Path) -> ImportPreview:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = path.read_bytes().decode("utf-8-sig", errors="replace")
            dialect = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t") if raw.strip() else csv.excel
            table = list(csv.reader(io.StringIO(raw), dialect))
        elif suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            sheet = load_workbook(path, read_only=True, data_only=True).active
            table = [["" if v is None else _cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        else:
            raise ValidationError("Berkas harus CSV atau XLSX.")
    except (OSError, csv.Error) as exc:
        raise LoketError(f"Berkas {path.name} tidak dapat dibaca: {exc}") from None
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        if isinstance(exc, LoketError):
            raise
        raise LoketError(f"Berkas {path.name} bukan XLSX yang sah: {exc}") from None
    if not table or not any(table[0]):
        raise ValidationError(f"Berkas {path.name} kosong.")
    headers = [str(h).strip() for h in table[0]]
    mapping = {h: ALIASES[h.lower().replace("_", " ").strip()] for h in headers
               if h.lower().replace("_", " ").strip() in ALIASES}
    rows = [dict(zip(headers, [str(v).strip() for v in r])) for r in table[1:] if any(str(v).strip() for v in r)]
    return ImportPreview(headers=headers, mapping=mapping, rows=rows)


def _cell(value: object) -> str:
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_resident(row: dict[str, str], mapping: dict[str, str]) -> Resident:
    values = {f: "" for f in IMPORTABLE}
    for header, target in mapping.items():
        values[target] = row.get(header, "")
    values["jenis_kelamin"] = {"laki-laki": "L", "perempuan": "P", "lk": "L", "pr": "P"}.get(
        values["jenis_kelamin"].lower(), values["jenis_kelamin"].upper()[:1])
    values["tanggal_lahir"] = _iso_date(values["tanggal_lahir"])
    values["kewarganegaraan"] = values["kewarganegaraan"] or "WNI"
    return Resident(**values)


def _iso_date(text: str) -> str:
    text = text.strip()[:10]
    for sep in ("-", "/"):
        parts = text.split(sep)
        if len(parts) == 3 and len(parts[0]) <= 2 and len(parts[2]) == 4:  # dd-mm-yyyy
            return f"{parts[2]}-{int(parts[1]):02d}-{int(parts[0]):02d}"
    return text


def import_rows(repo: ResidentRepository, preview: ImportPreview, actor: audit.Actor,
                mapping: dict[str, str] | None = None) -> ImportReport:
    mapping = mapping or preview.mapping
    missing = {"nik", "nama", "tanggal_lahir", "jenis_kelamin"} - set(mapping.values())
    if missing:
        raise ValidationError("Kolom wajib belum dipetakan: " + ", ".join(sorted(missing)) + ".")
    report = ImportReport()
    valid: list[Resident] = []
    seen: set[str] = set()
    existing = {r[0] for r in repo.db.execute("SELECT nik FROM residents")}
    for number, row in enumerate(preview.rows, start=2):  # row 1 is the header
        try:
            resident = validate(_to_resident(row, mapping))
        except (ValidationError, ValueError) as exc:
            report.refused.append((number, str(exc)))
            continue
        if resident.nik in existing or resident.nik in seen:
            report.refused.append((number, f"NIK {resident.nik} sudah terdaftar."))
            continue
        seen.add(resident.nik)
        valid.append(resident)
    if valid:
        with transaction(repo.db):
            repo.insert_many([dataclasses.replace(r, id="") for r in valid], actor)
    report.imported = len(valid)
    return report
