"""Is the database file damaged? A quick check for every start, a thorough one for `loket check`.

SQLite's own check finds a broken page structure, but bytes overwritten *inside* a stored value
(a disk fault, a bad USB stick, a tool writing into the file) pass it: the damage then shows up
much later, mid-task, as an English decoding error. So both checks also read stored text back
and check it is valid UTF-8 and, where a column holds JSON, valid JSON.

- `quick_check` (start-up): SQLite's quick_check over the whole file while it is small, over the
  critical tables beyond that, plus the content of the small tables every screen relies on.
- `scan_content` (full, `loket check`): every text value of every table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from sqlite_utils import Database

# Whole-file quick_check while the file is at most this big (measured: bench/bench_integrity.py).
QUICK_BUDGET_BYTES = 48 * 1024 * 1024
CRITICAL_TABLES = ("settings", "users", "offices", "services", "register", "register_counters", "outbox")
SMALL_TABLES = ("settings", "users", "offices", "services", "register_counters", "_sqlite_migrations")
JSON_COLUMNS = {
    "settings": ("value",), "offices": ("data",), "services": ("standard",), "users": ("roles",),
    "applications": ("standard", "applicant", "fields"), "audit": ("before", "after"), "outbox": ("payload",),
    "sync_events": ("payload",), "sync_mirror": ("payload",), "sync_downlink": ("payload",), "register": ("letter",),
}
MAX_LISTED = 20

WHAT_TO_DO = (
    "Yang harus dilakukan: (1) hentikan pekerjaan dan tutup Loket di semua komputer yang memakai berkas ini; "
    "(2) salin berkas basis data (beserta berkas -wal dan -shm di sebelahnya) ke flashdisk sebagai bukti; "
    "(3) pulihkan cadangan terakhir: loket backup restore CADANGAN --to pulih.sqlite3, lalu jalankan "
    "loket --db pulih.sqlite3 check; (4) masukkan ulang pekerjaan sejak cadangan itu dari buku register dan "
    "arsip kertas. Bila tidak ada cadangan, hubungi admin TI sebelum menulis apa pun ke berkas ini.")


@dataclass
class HealthReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    checked: str = ""

    @property
    def text(self) -> str:
        if self.ok:
            return f"Berkas basis data: baik ({self.checked})."
        shown = self.problems[:MAX_LISTED]
        more = f" … dan {len(self.problems) - MAX_LISTED} lagi." if len(self.problems) > MAX_LISTED else ""
        return ("Berkas basis data RUSAK: " + "; ".join(shown) + more + "\n" + WHAT_TO_DO)


def quick_check(db: Database) -> HealthReport:
    """Fast enough for every start (see bench/bench_integrity.py); never raises for damage."""
    problems: list[str] = []
    try:
        pages, page_size = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        if pages * page_size <= QUICK_BUDGET_BYTES:
            problems += _sqlite_check(db, "PRAGMA quick_check(50)")
            scope = "seluruh berkas diperiksa cepat"
        else:
            for table in _existing(db, CRITICAL_TABLES):
                problems += _sqlite_check(db, f"PRAGMA quick_check('{table}')")
            scope = "tabel penting diperiksa cepat"
        for table in _existing(db, SMALL_TABLES):
            problems += _scan_table(db, table)
    except sqlite3.DatabaseError as exc:
        problems.append(f"berkas tidak dapat dibaca ({exc})")
        scope = ""
    return HealthReport(not problems, problems, scope)


def scan_content(db: Database) -> HealthReport:
    """Every stored text value decodes and every JSON column parses (for `loket check`)."""
    problems: list[str] = []
    try:
        for table in _existing(db, _user_tables(db)):
            problems += _scan_table(db, table)
            if len(problems) > MAX_LISTED:
                break
    except sqlite3.DatabaseError as exc:
        problems.append(f"berkas tidak dapat dibaca ({exc})")
    return HealthReport(not problems, problems, "setiap nilai teks dibaca ulang")


def _sqlite_check(db: Database, pragma: str) -> list[str]:
    rows = [r[0] for r in db.execute(pragma).fetchall()]
    return [] if rows == ["ok"] else [f"struktur halaman rusak ({r})" for r in rows]


def _user_tables(db: Database) -> tuple[str, ...]:
    # FTS shadow tables hold binary index data; their text is checked through the main table.
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    tables = {name: (sql or "").upper() for name, sql in rows}
    virtual = [name for name, sql in tables.items() if "VIRTUAL TABLE" in sql]
    shadows = {n for n in tables for v in virtual if n.startswith(v + "_")}
    return tuple(n for n in tables if n not in shadows and n not in virtual)


def _existing(db: Database, tables: tuple[str, ...]) -> list[str]:
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in tables if t in present]


def _scan_table(db: Database, table: str) -> list[str]:
    columns = [r[1] for r in db.execute(f"PRAGMA table_info('{table}')")]
    if not columns:
        return []
    problems: list[str] = []
    json_columns = set(JSON_COLUMNS.get(table, ()))
    # CAST AS BLOB hands Python the raw bytes, so damaged text is found here instead of raising later.
    select = ", ".join(f'CAST("{c}" AS BLOB), typeof("{c}")' for c in columns)
    sql = (db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone() or [""])[0] or ""
    key = "NULL" if "WITHOUT ROWID" in sql.upper() else "rowid"
    for number, row in enumerate(db.execute(f'SELECT {key}, {select} FROM "{table}"'), start=1):
        rowid = row[0] if row[0] is not None else number
        for i, column in enumerate(columns):
            raw, kind = row[1 + 2 * i], row[2 + 2 * i]
            if kind != "text":
                continue
            try:
                text = bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"tabel {table}, baris {rowid}, kolom {column}: teks rusak (bukan UTF-8)")
                continue
            if column in json_columns and text and not _json_ok(text):
                problems.append(f"tabel {table}, baris {rowid}, kolom {column}: isi JSON rusak")
            if len(problems) > MAX_LISTED:
                return problems
    return problems


def _json_ok(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
