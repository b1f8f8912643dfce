"""Forging batches as a hostile but enrolled kelurahan would: real key, any content."""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

from desktop.sync import batch
from tests.sync.sync_helpers import KEC, KEL

AT = "2026-11-24T08:30:00+07:00"


def record(seq: int, entity: str = "register", payload: dict[str, Any] | None = None, **over: Any) -> dict[str, Any]:
    rec = {"seq": seq, "uuid": f"u-{seq}", "at": AT, "entity": entity, "entity_id": f"e-{seq}", "op": "terbit",
           "payload": {"number": f"470/{seq:03d}/KBK/2026", "subject": "SKTM"} if payload is None else payload}
    rec.update(over)
    return rec


def line(rec: Any) -> bytes:
    return json.dumps(rec, separators=(",", ":")).encode() + b"\n"


def forge(key, lines: bytes, *, count: int, seq_from: int = 1, seq_to: int | None = None,
          batch_id: str | None = None, sender: str = KEL, receiver: str = KEC, part: bytes | None = None) -> bytes:
    """A batch signed with `key` whose records part is `lines` (compressed), claims as given."""
    seq_to = seq_from + count - 1 if seq_to is None else seq_to
    body = zlib.compress(lines, 9) if part is None else part
    manifest = {"format": 1, "sender": sender, "receiver": receiver,
                "batch_id": batch_id or f"{sender}>{receiver}:{seq_from}-{seq_to}", "seq_from": seq_from,
                "seq_to": seq_to, "count": count, "counts": {}, "created_at": AT,
                "parts": {"records": {"sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body),
                                      "encoding": "jsonl+zlib"}}}
    return batch._sign("batch", manifest, key, body)


def state(kec, sender: str = KEL) -> tuple:
    """Everything a batch could change at the kecamatan."""
    db = kec.db
    return (db.execute("SELECT count(*) FROM sync_events").fetchone()[0],
            db.execute("SELECT count(*) FROM sync_mirror").fetchone()[0],
            db.execute("SELECT count(*) FROM applications").fetchone()[0],
            db.execute("SELECT count(*) FROM sync_tipe_b").fetchone()[0],
            db.execute("SELECT in_last_seq, in_records FROM sync_peers WHERE office_code = ?", [sender]).fetchone())
