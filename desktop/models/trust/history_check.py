"""`loket check`, the part that a recomputed hash chain cannot fool.

* Witnessed checkpoints: the kecamatan signed "your chain was at entry N with hash H". If the
  chain here no longer has that hash at N (an entry edited or deleted, everything recomputed), or
  ends before N (the tail deleted), history was rewritten.
* The register against its audit entries: every number has the audit entry of its allocation with
  the same number; a void has its audit entry and its signed revocation; nothing exists on one side
  only. Editing the register table directly shows up here even without any sync.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.trust import checkpoints

# m007 voided 0.1's double numbers without an audit entry of its own; its reason says so.
_MIGRATION_VOID = "Dibatalkan saat pembaruan aplikasi"


def _office(db: Database) -> str:
    row = db.execute("SELECT value FROM settings WHERE key = 'office_profile'").fetchone()
    return str((jsonutil.loads(row[0]) or {}).get("office_code", "")) if row else ""


def _witness_keys(db: Database, office: str) -> set[str]:
    keys = {r[0] for r in db.execute("SELECT public_key FROM sync_peers WHERE office_code = ?", [office])}
    keys |= {r[0] for r in db.execute("SELECT public_key FROM trust_keys WHERE office_code = ? AND kind = 'sync'",
                                      [office])}
    return keys


def witnessed_findings(db: Database) -> tuple[list[str], str]:
    """(problems, a line about the last witnessed checkpoint)."""
    me = _office(db)
    rows = list(db.query("SELECT * FROM audit_checkpoints WHERE office_code = ? AND witnessed_by != ? "
                         "ORDER BY seq", [me, me]))
    if not rows:
        return [], "Titik saksi kecamatan: belum ada (riwayat dilindungi saksi mulai sinkronisasi pertama)"
    problems = []
    head_seq, _ = checkpoints.head(db)
    for row in rows:
        point = checkpoints.parse(row)
        assert point is not None
        if not any(checkpoints.verify(point, key) for key in _witness_keys(db, row["witnessed_by"])):
            problems.append(f"Titik saksi #{row['seq']} dari {row['witnessed_by']} tidak sah: tanda tangannya tidak "
                            "cocok dengan kunci kantor itu (dipalsukan atau diubah).")
            continue
        here = checkpoints.hash_at(db, row["seq"])
        if here is None and row["seq"] > head_seq:
            problems.append(f"Entri audit terakhir TELAH DIHAPUS: kecamatan {row['witnessed_by']} menyaksikan rantai "
                            f"sampai entri #{row['seq']} ({row['at'][:16].replace('T', ' ')}), di sini rantai hanya "
                            f"sampai #{head_seq}.")
        elif here != row["hash"]:
            problems.append(f"Riwayat audit TELAH DIUBAH: entri sampai #{row['seq']} tidak sama dengan yang disaksikan "
                            f"kecamatan {row['witnessed_by']} pada {row['at'][:16].replace('T', ' ')}, walaupun "
                            "rantainya tampak utuh.")
    last = rows[-1]
    return problems, (f"Titik saksi kecamatan: entri #{last['seq']} disaksikan {last['witnessed_by']} pada "
                      f"{last['at'][:16].replace('T', ' ')}")


def register_findings(db: Database) -> list[str]:
    """Register rows and their audit entries must tell the same story."""
    allocated: dict[str, Any] = {}
    voided: set[str] = set()
    for action, entity_id, after in db.execute("SELECT action, entity_id, after FROM audit WHERE entity = 'register' "
                                               "AND action IN ('register.allocate', 'register.void')"):
        if action == "register.allocate":
            allocated[entity_id] = jsonutil.loads(after) or {}
        else:
            voided.add(entity_id)
    me = _office(db)
    revoked = {r[0] for r in db.execute("SELECT number FROM letter_revocations WHERE office_code = ?", [me])}
    problems = []
    seen = set()
    for entry_id, number, status, reason in db.execute("SELECT id, number, status, coalesce(void_reason, '') "
                                                       "FROM register ORDER BY year, scope, seq"):
        seen.add(entry_id)
        record = allocated.get(entry_id)
        if record is None:
            problems.append(f"Nomor {number} ada di register tanpa catatan audit penerbitannya (ditambahkan langsung "
                            "ke basis data).")
        elif record.get("number") != number:
            problems.append(f"Nomor surat di register diubah: audit mencatat {record.get('number')}, register "
                            f"menulis {number}.")
        if status == "batal" and entry_id not in voided and not reason.startswith(_MIGRATION_VOID) \
                and number not in revoked:
            problems.append(f"Surat {number} berstatus BATAL tanpa catatan audit pembatalannya.")
        if status != "batal" and (entry_id in voided or number in revoked):
            problems.append(f"Surat {number} dibatalkan menurut audit/pembatalan bertanda tangan, tetapi register "
                            "menulisnya TERBIT lagi.")
    for entry_id, record in allocated.items():
        if entry_id not in seen:
            problems.append(f"Surat {record.get('number', entry_id)} tercatat di audit tetapi barisnya di register "
                            "hilang.")
    return problems
