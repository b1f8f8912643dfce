"""The receiver's store in an office's own SQLite file (the kecamatan PC): peers, events, mirror,
batches, and the Tipe B and monthly-report handlers of apply.py, all in the office's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.services import Services
from desktop.sync import apply, outbound, protocol
from desktop.sync.batch import Record
from desktop.sync.receiver_store import APPLIED, REFUSED, Outcome


class SqliteStore:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def office_code(self) -> str:
        return self.services.profile.office_code

    def private_key(self) -> Ed25519PrivateKey:
        return self.services.office_keys.private_key()

    def key_for(self, office_code: str) -> str | None:
        return outbound.peers(self.services).key_for(office_code)

    def apply(self, sender: str, batch_id: str, seq_from: int, seq_to: int, records: Sequence[Record]) -> Outcome:
        services, repo = self.services, outbound.peers(self.services)
        with transaction(services.db):
            peer = repo.get(sender)
            decided = protocol.plan(peer.in_last_seq, seq_from, seq_to, records, batch_id)
            last = peer.in_last_seq
            if decided.status == APPLIED:
                for record in decided.fresh:
                    apply.apply_record(services, sender, record, batch_id)
                now = self.now()
                repo.update(sender, {"in_last_seq": seq_to, "in_last_batch": batch_id, "in_last_at": now,
                                     "in_batches": peer.in_batches + 1,
                                     "in_records": peer.in_records + len(decided.fresh),
                                     "last_error": "", "last_error_at": None})
                # Keyed by sender and id: one office cannot overwrite another's row by reusing its batch id.
                services.db["sync_batches"].upsert({"office_code": sender, "batch_id": batch_id,
                                                    "seq_from": seq_from, "seq_to": seq_to,
                                                    "applied": len(decided.fresh), "received_at": now},
                                                   pk=("office_code", "batch_id"))
                last = seq_to
            elif decided.status == REFUSED:
                repo.update(sender, {"last_error": decided.message, "last_error_at": self.now()})
        return Outcome(decided.status, len(decided.fresh), last, decided.message)

    def downlink(self, sender: str) -> bytes | None:
        return outbound.pending_batch(self.services, sender)

    def accept_receipt(self, data: bytes) -> str:
        return outbound.accept_receipt(self.services, data).message

    def now(self) -> str:
        return iso(self.services.clock.now())

    @property
    def clock(self) -> Clock:
        return self.services.clock
