"""Checkpoints of the audit chain: signed by the office, witnessed by its kecamatan.

Like a Certificate Transparency signed tree head: the head of the hash chain (its last entry's
number and hash) is signed and handed to someone else. Editing or deleting any entry up to that
point — even with every later hash recomputed — changes the hash at the witnessed number, and
cutting entries off the end leaves the chain shorter than what was witnessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from desktop.models.audit import GENESIS
from desktop.models.clock import Clock, iso
from desktop.models.trust.keys import CHECKPOINT, public_text_of, sign_statement, verify_statement


@dataclass(frozen=True)
class Checkpoint:
    office_code: str
    seq: int
    hash: str
    at: str
    witnessed_by: str = ""  # empty: the office's own claim; else the office that countersigned it
    signature: str = ""

    def fields(self) -> dict[str, Any]:
        return {"office_code": self.office_code, "seq": self.seq, "hash": self.hash, "at": self.at,
                "witnessed_by": self.witnessed_by}

    def as_dict(self) -> dict[str, Any]:
        return {**self.fields(), "signature": self.signature}


def head(db: Database) -> tuple[int, str]:
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def hash_at(db: Database, seq: int) -> str | None:
    if seq == 0:
        return GENESIS
    row = db.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
    return str(row[0]) if row else None


def make(db: Database, clock: Clock, office_code: str, key: Ed25519PrivateKey, *, witnessed_by: str = "",
         seq: int | None = None, hash_: str | None = None) -> Checkpoint:
    """This office's head (or, as a witness, `seq`/`hash_` of another office), signed by `key`."""
    if seq is None or hash_ is None:
        seq, hash_ = head(db)
    return _signed(Checkpoint(office_code, seq, hash_, iso(clock.now()), witnessed_by), key)


def countersign(point: Checkpoint, clock: Clock, witness: str, key: Ed25519PrivateKey) -> Checkpoint:
    """`witness`'s signed copy of another office's head (no database: a kabupaten receiver keeps its
    checkpoints in PostgreSQL)."""
    return _signed(Checkpoint(point.office_code, point.seq, point.hash, iso(clock.now()), witness), key)


def _signed(unsigned: Checkpoint, key: Ed25519PrivateKey) -> Checkpoint:
    return Checkpoint(**{**unsigned.fields(), "signature": sign_statement(key, CHECKPOINT, unsigned.fields())})


def parse(value: Any) -> Checkpoint | None:
    if not isinstance(value, dict):
        return None
    try:
        return Checkpoint(str(value["office_code"]), int(value["seq"]), str(value["hash"]), str(value["at"]),
                          str(value.get("witnessed_by", "")), str(value.get("signature", "")))
    except (KeyError, TypeError, ValueError):
        return None


def verify(checkpoint: Checkpoint, public_text: str) -> bool:
    return verify_statement(public_text, checkpoint.signature, CHECKPOINT, checkpoint.fields())


def store(db: Database, clock: Clock, checkpoint: Checkpoint, holder: str, signer_public: str) -> None:
    """Keep a checkpoint: `holder` is the office that witnessed it (PK office, holder, seq)."""
    db.execute("INSERT OR REPLACE INTO audit_checkpoints (office_code, witnessed_by, seq, hash, at, signature, "
               "signer_key, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [checkpoint.office_code, holder, checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.signature,
                signer_public, iso(clock.now())])


def latest(db: Database, office_code: str, holder: str | None = None) -> dict[str, Any] | None:
    sql, args = "SELECT * FROM audit_checkpoints WHERE office_code = ?", [office_code]
    if holder:
        sql, args = sql + " AND witnessed_by = ?", [*args, holder]
    rows = list(db.query(sql + " ORDER BY seq DESC LIMIT 1", args))
    return rows[0] if rows else None


def signer_text(key: Ed25519PrivateKey) -> str:
    return public_text_of(key)
