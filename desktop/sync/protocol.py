"""The receiving side of the sync protocol, once, for every store: check a batch, decide what is
new, have the store apply it all or nothing, answer with a signed receipt.

Per sender the store keeps the last sequence applied. A batch that starts after a gap is refused
with the sequence expected (the sender rewinds and resends); a batch already held is acknowledged
again without touching the data; an overlapping one applies only what is new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.clock import Clock
from desktop.models.trust import checkpoints
from desktop.models.trust.checkpoints import Checkpoint
from desktop.sync import batch
from desktop.sync.batch import Record
from desktop.sync.errors import SealedForOldKey, SyncError
from desktop.sync.outbound import Receipt, receipt_from
from desktop.sync.receiver_store import APPLIED, DUPLICATE, REFUSED, Arrival, ReceiverStore


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


def witness(point: Checkpoint | None, sender: str, sender_key: str, previous: dict[str, Any] | None, me: str,
            key: Ed25519PrivateKey, clock: Clock) -> tuple[dict[str, Any] | None, str]:
    """The sender's audit head countersigned for its receipt, and a warning when its history went
    backwards. `previous` is the last head of `sender` this receiver witnessed (seq, at), or None.
    The store keeps `point` under its lock when a witness comes back."""
    if point is None or point.office_code != sender or not checkpoints.verify(point, sender_key):
        return None, ""
    warning = ""
    # An old file imported again carries an old head (and an older time): that is no regression.
    if previous is not None and point.seq < int(previous["seq"]) and point.at > str(previous["at"]):
        warning = (f"Riwayat audit kantor {sender} MUNDUR: kemarin disaksikan sampai entri #{previous['seq']}, "
                   f"sekarang hanya sampai #{point.seq}. Entri audit di kantor itu mungkin dihapus.")
    return checkpoints.countersign(point, clock, me, key).as_dict(), warning


def receive(store: ReceiverStore, data: bytes) -> InboundResult:
    """Verify and apply one batch. Raises a SyncError (nothing applied) for a file we cannot trust."""
    me = store.office_code
    try:
        env = batch.read(data, store.key_for, me, store.private_key())
    except SealedForOldKey:
        if store.handover() is None:  # this receiver never had another key: the file is not for it
            raise
        return _ask_to_rekey(store, data)
    if env.kind != batch.KIND_BATCH:
        raise SyncError("Berkas ini tanda terima, bukan batch data; impor lewat 'Impor berkas' di kantor pengirim.")
    m = env.manifest
    seq_from, seq_to, batch_id = int(m["seq_from"]), int(m["seq_to"]), str(m["batch_id"])
    arrival = Arrival(rekeyed_to=env.rekeyed_to, handover=batch.handover_of(data) if env.rekeyed_to else None,
                      checkpoint=checkpoints.parse(m.get("checkpoint")))
    outcome = store.apply(env.sender, batch_id, seq_from, seq_to, env.records, arrival)
    fields: dict[str, Any] = {
        "sender": me, "receiver": env.sender, "batch_sender": env.sender, "batch_id": batch_id,
        "status": outcome.status, "acked_seq": outcome.last, "expected_seq": outcome.last + 1,
        "applied": outcome.applied, "message": outcome.message, "at": store.now()}
    if outcome.witness is not None:
        fields["witness"] = outcome.witness
    signed = batch.build_receipt(fields, store.private_key(), store.handover())
    return InboundResult(receipt_from({**fields, "format": batch.FORMAT_VERSION}), signed, env.sender)


def _ask_to_rekey(store: ReceiverStore, data: bytes) -> InboundResult:
    """A genuine batch sealed to the key this office had before its upgrade: answer, signed, that it
    was not applied; the receipt carries our key hand-over, so the sender seals to the new key."""
    header, _body = batch._split(data)
    m = header["manifest"]
    sender, batch_id = str(m["sender"]), str(m["batch_id"])
    last = store.position(sender)
    message = (f"Batch {batch_id} belum dimasukkan: kunci kantor ini sudah diperbarui. Kiriman akan diulang "
               "dengan kunci baru secara otomatis.")
    fields = {"sender": store.office_code, "receiver": sender, "batch_sender": sender,
              "batch_id": batch_id, "status": REFUSED, "acked_seq": last, "expected_seq": last + 1, "applied": 0,
              "message": message, "at": store.now()}
    signed = batch.build_receipt(fields, store.private_key(), store.handover())
    return InboundResult(receipt_from({**fields, "format": batch.FORMAT_VERSION}), signed, sender)
