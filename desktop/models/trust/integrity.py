"""`loket check`: SQLite's own integrity check, the audit hash chain, the kecamatan's witnessed
checkpoints and the register cross-checked against its audit entries (trust/history_check.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.models.audit import verify_chain
from desktop.models.trust.file_health import scan_content


@dataclass
class IntegrityReport:
    ok: bool
    text: str


def check_database(db: Database) -> IntegrityReport:
    lines = []
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    ok = result == "ok"
    lines.append("Struktur berkas basis data: baik" if ok else f"Struktur berkas basis data RUSAK: {result}")
    content = scan_content(db)  # damage inside stored values, which integrity_check does not see
    ok = ok and content.ok
    lines.append("Isi basis data: baik (setiap nilai teks dibaca ulang)" if content.ok else content.text)
    try:
        count = db.execute("SELECT count(*) FROM audit").fetchone()[0]
        broken = verify_chain(db)
    except sqlite3.DatabaseError as exc:
        lines.append(f"Rantai audit: tidak dapat dibaca karena berkas rusak ({exc}).")
        return IntegrityReport(ok=False, text="\n".join(lines))
    if broken is None:
        lines.append(f"Rantai audit: utuh ({count} entri)")
    else:
        ok = False
        lines.append(f"Rantai audit PUTUS mulai entri #{broken}: entri itu atau sebelumnya telah diubah atau dihapus")
    # A chain can be recomputed after an edit; the witness and the register cross-check cannot.
    from desktop.models.trust.history_check import register_findings, witnessed_findings

    witnessed, witness_line = witnessed_findings(db)
    register = register_findings(db)
    lines.append(witness_line)
    lines += witnessed
    lines.append("Register cocok dengan audit" if not register else "Register TIDAK cocok dengan audit:")
    lines += [f"  - {p}" for p in register]
    ok = ok and not witnessed and not register
    return IntegrityReport(ok=ok, text="\n".join(lines))
