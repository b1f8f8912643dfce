"""`loket check`: SQLite's own integrity check, the audit hash chain, the kecamatan's witnessed
checkpoints and the register cross-checked against its audit entries (trust/history_check.py)."""

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
