"""Import residents from CSV or XLSX: map columns, preview, import valid rows, report the rest.

Each row is imported whole or not at all; the valid rows go in one transaction, so an
interrupted import leaves the database as it was. Files come from anywhere (Dukcapil exports,
village spreadsheets, a hostile USB stick): sizes are bounded, short rows are fine, and every
refusal says what the clerk sees in the file (a letter in the NIK, Excel's number format, the
row holding the first copy of a duplicate).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.models import audit
from desktop.models.db import transaction
from desktop.models.errors import LoketError, ValidationError
from desktop.models.export_cells import looks_like_formula
from desktop.models.residents.repository import FIELDS, Resident, ResidentRepository, validate

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_XLSX_UNPACKED = 400 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks to more than this

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
LONG_NUMBERS = ("nik", "no_kk")


@dataclass
class ImportPreview:
    headers: list[str]
    mapping: dict[str, str]  # header -> resident field
    rows: list[dict[str, str]]  # raw rows keyed by header
    row_numbers: list[int] = field(default_factory=list)  # each row's line in the file (header = 1)
    numeric_cells: set[tuple[int, str]] = field(default_factory=set)  # (line, header) stored as numbers (XLSX)

    def sample(self, n: int = 5) -> list[dict[str, str]]:
        return self.rows[:n]

    def line_of(self, index: int) -> int:
        return self.row_numbers[index] if index < len(self.row_numbers) else index + 2


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
    numeric: set[tuple[int, int]] = set()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(f"Berkas {path.name} terlalu besar (lebih dari {MAX_FILE_BYTES // 2**20} MB). "
                                  "Bagi menjadi beberapa berkas.")
        if suffix == ".csv":
            table = _read_csv(path)
        elif suffix in (".xlsx", ".xlsm"):
            table = _read_xlsx(path, numeric)
        else:
            raise ValidationError("Berkas harus CSV atau XLSX.")
    except (OSError, csv.Error) as exc:
        raise LoketError(f"Berkas {path.name} tidak dapat dibaca sebagai tabel: {exc}.") from None
    except LoketError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl and zipfile raise many kinds for a broken workbook
        raise LoketError(f"Berkas {path.name} bukan XLSX yang sah ({type(exc).__name__}). Simpan ulang dari "
                         "Excel/LibreOffice sebagai .xlsx, atau sebagai CSV.") from None
    if not table or not any(str(v).strip() for v in table[0]):
        raise ValidationError(f"Berkas {path.name} kosong atau baris pertamanya (judul kolom) kosong.")
    headers = [str(h).strip() for h in table[0]]
    mapping = {h: ALIASES[_key(h)] for h in headers if _key(h) in ALIASES}
    rows, numbers, cells = [], [], set()
    for line, raw in enumerate(table[1:], start=2):
        values = [_unquote(str(v).strip()) for v in raw]
        if not any(values):
            continue
        rows.append(dict(zip(headers, values)))  # a short row leaves its last columns empty
        numbers.append(line)
        cells |= {(line, headers[col]) for (r, col) in numeric if r == line and col < len(headers)}
    return ImportPreview(headers=headers, mapping=mapping, rows=rows, row_numbers=numbers, numeric_cells=cells)


def _key(header: str) -> str:
    return header.lower().replace("_", " ").strip()


def _unquote(text: str) -> str:
    """Undo the apostrophe our own exports put before formula-like text (export_cells.neutralise)."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    first = next((ln for ln in raw.splitlines() if ln.strip()), "")
    # The header line decides the delimiter; rows with trimmed trailing cells are fine.
    delimiter = max(";,\t", key=first.count) if first else ","
    if first and first.count(delimiter) == 0:
        delimiter = ","
    return list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))


def _read_xlsx(path: Path, numeric: set[tuple[int, int]]) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
            raise ValidationError(f"Berkas {path.name} membengkak terlalu besar saat dibuka; bukan lembar penduduk "
                                  "yang wajar. Simpan ulang sebagai CSV.")
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        table = []
        for line, row in enumerate(workbook.active.iter_rows(values_only=True), start=1):
            cells = []
            for col, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    numeric.add((line, col))
                cells.append("" if value is None else _cell(value))
            table.append(cells)
        return table
    finally:
        workbook.close()


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
            if not all(p.isascii() and p.isdigit() for p in parts):
                raise ValidationError(f"Tanggal lahir '{text}' tidak sah (pakai hh-bb-tttt, mis. 12-07-1985).")
            return f"{parts[2]}-{int(parts[1]):02d}-{int(parts[0]):02d}"
    return text


def _excel_damage(preview: ImportPreview, line: int, row: dict[str, str], mapping: dict[str, str]) -> str:
    """A NIK or KK number Excel stored as a number: 15 significant digits, so the 16th became 0."""
    for header, target in mapping.items():
        value = row.get(header, "")
        if target in LONG_NUMBERS and (line, header) in preview.numeric_cells and len(value) == 16 \
                and value.endswith("0"):
            label = "NIK" if target == "nik" else "No. KK"
            return (f"{label} {value} tersimpan sebagai angka di Excel; Excel hanya menyimpan 15 digit, jadi digit "
                    f"terakhir bisa berubah menjadi 0. Format kolom {header} sebagai Teks, ketik ulang, lalu impor lagi.")
    return ""


def import_rows(repo: ResidentRepository, preview: ImportPreview, actor: audit.Actor,
                mapping: dict[str, str] | None = None) -> ImportReport:
    mapping = mapping or preview.mapping
    missing = {"nik", "nama", "tanggal_lahir", "jenis_kelamin"} - set(mapping.values())
    if missing:
        raise ValidationError("Kolom wajib belum dipetakan: " + ", ".join(sorted(missing)) + ".")
    report = ImportReport()
    valid: list[Resident] = []
    first_line: dict[str, int] = {}  # NIK -> line of its first copy in this file
    existing = {r[0] for r in repo.db.execute("SELECT nik FROM residents")}
    for index, row in enumerate(preview.rows):
        line = preview.line_of(index)
        damage = _excel_damage(preview, line, row, mapping)
        if damage:
            report.refused.append((line, damage))
            continue
        try:
            resident = validate(_to_resident(row, mapping))
        except (ValidationError, ValueError) as exc:
            report.refused.append((line, str(exc)))
            continue
        if resident.nik in existing:
            report.refused.append((line, f"NIK {resident.nik} sudah terdaftar di data penduduk."))
            continue
        if resident.nik in first_line:
            report.refused.append((line, f"NIK {resident.nik} sama dengan baris {first_line[resident.nik]} di "
                                         "berkas ini; hanya baris itu yang diimpor."))
            continue
        first_line[resident.nik] = line
        valid.append(resident)
    if valid:
        with transaction(repo.db):
            repo.insert_many([dataclasses.replace(r, id="") for r in valid], actor)
    report.imported = len(valid)
    return report
