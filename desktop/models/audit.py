"""Hash-chained audit trail: each entry holds the hash of the one before it.

Written inside the same transaction as the change it records, so the trail and the data
can never disagree. Editing or deleting an entry breaks the chain, which `verify_chain` finds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.ids import new_uuid

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who did it: a signed-in user acting in one role, or the system itself."""

    user_id: str | None
    name: str
    role: str
    # The session it was made from (User.actor); the core authorises from that, never from the names.
    session: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def system(cls) -> Actor:
        return cls(user_id=None, name="Sistem", role="sistem")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    user_name: str
    role: str
    action: str
    entity: str
    entity_id: str
    before: Any
    after: Any


_HASHED = ("uuid", "office_code", "at", "user_id", "user_name", "role", "action", "entity",
           "entity_id", "before", "after", "prev_hash")


def _digest(row: dict[str, Any]) -> str:
    payload = jsonutil.dumps({k: row[k] for k in _HASHED})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(db: Database, clock: Clock, actor: Actor, action: str, entity: str, entity_id: str,
           *, office_code: str = "", before: Any = None, after: Any = None) -> None:
    """Append one entry. Call inside the transaction that makes the change."""
    last = db.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    row: dict[str, Any] = {
        "uuid": new_uuid(),
        "office_code": office_code,
        "at": iso(clock.now()),
        "user_id": actor.user_id,
        "user_name": actor.name,
        "role": actor.role,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": None if before is None else jsonutil.dumps(before),
        "after": None if after is None else jsonutil.dumps(after),
        "prev_hash": last[0] if last else GENESIS,
    }
    row["hash"] = _digest(row)
    db["audit"].insert(row)


def history(db: Database, entity: str, entity_id: str) -> list[AuditEntry]:
    rows = db.execute(
        "SELECT seq, at, user_name, role, action, entity, entity_id, before, after FROM audit "
        "WHERE entity = ? AND entity_id = ? ORDER BY seq",
        [entity, entity_id],
    ).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], jsonutil.loads(r[7]), jsonutil.loads(r[8]))
            for r in rows]


def verify_chain(db: Database) -> int | None:
    """Return the seq of the first broken entry, or None when the whole chain holds."""
    prev = GENESIS
    expected_seq = None
    cursor = db.execute(f"SELECT seq, hash, {', '.join(_HASHED)} FROM audit ORDER BY seq")
    names = ["seq", "hash", *_HASHED]
    for values in cursor:
        row = dict(zip(names, values))
        if expected_seq is not None and row["seq"] != expected_seq:
            return expected_seq  # an entry was deleted
        if row["prev_hash"] != prev or _digest(row) != row["hash"]:
            return row["seq"]
        prev = row["hash"]
        expected_seq = row["seq"] + 1
    return None
