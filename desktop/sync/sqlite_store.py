"""The receiver's store in an office's own SQLite file (the kecamatan PC): peers, events, mirror,
batches, witnessed checkpoints, and the Tipe B, key-exchange and monthly-report handlers of apply.py,
all in the office's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.services import Services
from desktop.models.trust import checkpoints
from desktop.sync import apply, outbound, protocol
from desktop.sync.batch import Record
from desktop.sync.receiver_store import APPLIED, REFUSED, Arrival, Outcome


class SqliteStore:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def office_code(self) -> str:
        return self.services.profile.office_code

    def private_key(self) -> Ed25519PrivateKey:
        return self.services.office_keys.private_key()

    def handover(self) -> dict[str, Any] | None:
        return self.services.office_keys.handover()

    def key_for(self, office_code: str) -> str | None:
        return outbound.peers(self.services).key_for(office_code)

    def position(self, sender: str) -> int:
        return outbound.peers(self.services).get(sender).in_last_seq

    def apply(self, sender: str, batch_id: str, seq_from: int, seq_to: int, records: Sequence[Record],
              arrival: Arrival) -> Outcome:
        services, repo = self.services, outbound.peers(self.services)
        with transaction(services.db):
            peer = repo.get(sender)
            if arrival.rekeyed_to:  # the sender was upgraded from 0.1: its old key handed over to this one
                repo.update(sender, {"public_key": arrival.rekeyed_to})
                keep_legacy_key(services, sender, arrival.handover)
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
            witness, warning = self._witness(sender, arrival)
            if warning:
                repo.update(sender, {"last_error": warning, "last_error_at": self.now()})
            if decided.status == REFUSED:
                repo.update(sender, {"last_error": decided.message, "last_error_at": self.now()})
        return Outcome(decided.status, len(decided.fresh), last, decided.message, witness)

    def _witness(self, sender: str, arrival: Arrival) -> tuple[dict[str, Any] | None, str]:
        """Keep the sender's signed audit head and countersign it (inside the batch's transaction)."""
        services, me = self.services, self.office_code
        sender_key = self.key_for(sender) or ""
        previous = checkpoints.latest(services.db, sender, me)
        signed, warning = protocol.witness(arrival.checkpoint, sender, sender_key, previous, me, self.private_key(),
                                           services.clock)
        if signed is not None and arrival.checkpoint is not None:
            checkpoints.store(services.db, services.clock, arrival.checkpoint, me, sender_key)
        return signed, warning

    def downlink(self, sender: str) -> bytes | None:
        return outbound.pending_batch(self.services, sender)

    def accept_receipt(self, data: bytes) -> str:
        return outbound.accept_receipt(self.services, data).message

    def now(self) -> str:
        return iso(self.services.clock.now())

    @property
    def clock(self) -> Clock:
        return self.services.clock


def keep_legacy_key(services: Services, office_code: str, handover: dict[str, Any] | None) -> None:
    """The handed-over key signed the sender's 0.1 letters: keep it as their legacy letter key."""
    from desktop.models.trust.keys import key_id

    if not handover:
        return
    public = str(handover["from"])
    services.db.execute("INSERT OR IGNORE INTO trust_keys (key_id, office_code, kind, public_key, holder_name, "
                        "retired_at, source, added_at) VALUES (?, ?, 'legacy', ?, 'Kunci kantor (versi 0.1)', ?, "
                        "'legacy', ?)", [key_id(public), office_code, public, str(handover.get("last_letter", "")),
                                         iso(services.clock.now())])
