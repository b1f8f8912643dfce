"""Outbox: every change to a record that travels to the kecamatan appends an entry here,
in the same transaction, with a monotonically increasing sequence number."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.ids import new_uuid


def append(db: Database, clock: Clock, office_code: str, entity: str, entity_id: str, op: str,
           payload: dict[str, Any]) -> None:
    """Call inside the transaction that makes the change."""
    db.execute(
        "INSERT INTO outbox (uuid, office_code, at, entity, entity_id, op, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [new_uuid(), office_code, iso(clock.now()), entity, entity_id, op, jsonutil.dumps(payload)],
    )


def pending_count(db: Database, after_seq: int = 0) -> int:
    return db.execute("SELECT count(*) FROM outbox WHERE seq > ?", [after_seq]).fetchone()[0]
