"""The receiving side of the sync protocol, once, for every store: check a batch, decide what is
new, have the store apply it all or nothing, answer with a signed receipt.

Per sender the store keeps the last sequence applied. A batch that starts after a gap is refused
with the sequence expected (the sender rewinds and resends); a batch already held is acknowledged
again without touching the data; an overlapping one applies only what is new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.sync import batch
from desktop.sync.batch import Record
from desktop.sync.errors import SyncError
from desktop.sync.outbound import Receipt, receipt_from
from desktop.sync.receiver_store import APPLIED, DUPLICATE, REFUSED, ReceiverStore


@dataclass(frozen=True)
class Plan:
    status: str
    fresh: tuple[Record, ...]
    message: str


@dataclass(frozen=True)
class InboundResult:
    receipt: Receipt
    receipt_bytes: bytes  # signed; goes back to the sender (HTTP answer or receipt file)
    sender: str

    @property
    def message(self) -> str:
        return self.receipt.message


def plan(last: int, seq_from: int, seq_to: int, records: Sequence[Record], batch_id: str) -> Plan:
    """What to do with a batch given the sender's last applied sequence (called under the store's lock)."""
    if seq_from > last + 1:
        return Plan(REFUSED, (), f"Batch {batch_id} ditolak: ada data yang belum diterima sebelum urutan "
                                 f"{seq_from}. Kecamatan menunggu mulai urutan {last + 1}; kirim ulang dari sana.")
    if seq_to <= last:
        return Plan(DUPLICATE, (), f"Batch {batch_id} sudah pernah diterima; tidak dimasukkan dua kali.")
    fresh = tuple(r for r in records if r.seq > last)
    return Plan(APPLIED, fresh, f"Batch {batch_id} diterima: {len(fresh)} catatan baru dimasukkan.")


def receive(store: ReceiverStore, data: bytes) -> InboundResult:
    """Verify and apply one batch. Raises a SyncError (nothing applied) for a file we cannot trust."""
    me = store.office_code
    env = batch.read(data, store.key_for, me, store.private_key())
    if env.kind != batch.KIND_BATCH:
        raise SyncError("Berkas ini tanda terima, bukan batch data; impor lewat 'Impor berkas' di kantor pengirim.")
    m = env.manifest
    seq_from, seq_to, batch_id = int(m["seq_from"]), int(m["seq_to"]), str(m["batch_id"])
    outcome = store.apply(env.sender, batch_id, seq_from, seq_to, env.records)
    fields = {"sender": me, "receiver": env.sender, "batch_sender": env.sender, "batch_id": batch_id,
              "status": outcome.status, "acked_seq": outcome.last, "expected_seq": outcome.last + 1,
              "applied": outcome.applied, "message": outcome.message, "at": store.now()}
    signed = batch.build_receipt(fields, store.private_key())
    return InboundResult(receipt_from({**fields, "format": batch.FORMAT_VERSION}), signed, env.sender)
