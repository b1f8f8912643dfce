"""`loket check`: SQLite's own integrity check plus the audit hash chain."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.models.audit import verify_chain


@dataclass
class IntegrityReport:
    ok: bool
    text: str


def check_database(db: Database) -> IntegrityReport:
    lines = []
    result = db.execute("PRAGMA integrity_check").fetchone()[0]
    ok = result == "ok"
    lines.append("Integritas basis data: baik" if ok else f"Integritas basis data RUSAK: {result}")
    count = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    broken = verify_chain(db)
    if broken is None:
        lines.append(f"Rantai audit: utuh ({count} entri)")
    else:
        ok = False
        lines.append(f"Rantai audit PUTUS mulai entri #{broken}: entri itu atau sebelumnya telah diubah atau dihapus")
    return IntegrityReport(ok=ok, text="\n".join(lines))
