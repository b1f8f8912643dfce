"""Applying received records, inside the receiver's one transaction per batch.

Every record is stored once under (sender, seq) — the primary key makes a second copy
impossible — and the latest state of each entity is kept in `sync_mirror`. Entities with a
meaning here get a handler: Tipe B applications open at the kecamatan, decisions move the
kelurahan's application on. Every record reached this point through record_schemas (known
entity, valid payload); a newer sender's new entity is refused there, before anything is applied.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.models import jsonutil
from desktop.models.reports.travel import ENTITY as MONTHLY_REPORT
from desktop.models.services import Services
from desktop.sync import key_exchange, tipe_b
from desktop.sync.batch import Record
from desktop.sync.reports import on_monthly_report

Handler = Callable[[Services, str, Record], None]

HANDLERS: dict[str, Handler] = {
    "application": tipe_b.on_application,
    tipe_b.DECISION: tipe_b.apply_decision,
    MONTHLY_REPORT: on_monthly_report,
    **key_exchange.handlers(),
}


def apply_record(services: Services, sender: str, record: Record, batch_id: str) -> None:
    """Call inside the batch's transaction; raises to roll the whole batch back."""
    db = services.db
    payload = jsonutil.dumps(record.payload)
    db.execute("INSERT INTO sync_events (office_code, seq, uuid, at, entity, entity_id, op, payload, batch_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [sender, record.seq, record.uuid, record.at, record.entity, record.entity_id, record.op, payload,
                batch_id])
    db.execute(
        "INSERT INTO sync_mirror (office_code, entity, entity_id, seq, op, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(office_code, entity, entity_id) DO UPDATE SET seq = excluded.seq, op = excluded.op, "
        "at = excluded.at, payload = excluded.payload WHERE excluded.seq > sync_mirror.seq",
        [sender, record.entity, record.entity_id, record.seq, record.op, record.at, payload])
    handler = HANDLERS.get(record.entity)
    if handler is not None:
        handler(services, sender, record)
