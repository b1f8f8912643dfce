"""Receiver side: check a batch, apply it all or nothing, answer with a signed receipt.

Per sender we keep the last sequence applied. A batch that starts after a gap is refused with
the sequence we expect (the sender rewinds and resends); a batch we already hold is
acknowledged again without touching the data; an overlapping one applies only what is new.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.services import Services
from desktop.sync import batch
from desktop.sync.apply import apply_record
from desktop.sync.errors import SealedForOldKey, SyncError
from desktop.sync.outbound import Receipt, peers, receipt_from

APPLIED, DUPLICATE, REFUSED = "applied", "duplicate", "refused"


@dataclass(frozen=True)
class InboundResult:
    receipt: Receipt
    receipt_bytes: bytes  # signed; goes back to the sender (HTTP answer or receipt file)
    sender: str

    @property
    def message(self) -> str:
        return self.receipt.message


def receive(services: Services, data: bytes) -> InboundResult:
    """Verify and apply one batch. Raises a SyncError (nothing applied) for a file we cannot trust."""
    repo = peers(services)
    me = services.profile.office_code
    try:
        env = batch.read(data, repo.key_for, me, services.office_keys.private_key())
    except SealedForOldKey:
        return _ask_to_rekey(services, data)
    if env.kind != batch.KIND_BATCH:
        raise SyncError("Berkas ini tanda terima, bukan batch data; impor lewat 'Impor berkas' di kantor pengirim.")
    m = env.manifest
    seq_from, seq_to, batch_id = int(m["seq_from"]), int(m["seq_to"]), str(m["batch_id"])
    with transaction(services.db):
        peer = repo.get(env.sender)
        if env.rekeyed_to:  # the sender was upgraded from 0.1: its old key handed over to this one
            repo.update(env.sender, {"public_key": env.rekeyed_to})
            _keep_legacy_key(services, env.sender, batch.handover_of(data))
        last = peer.in_last_seq
        if seq_from > last + 1:
            status, applied = REFUSED, 0
            message = (f"Batch {batch_id} ditolak: ada data yang belum diterima sebelum urutan {seq_from}. "
                       f"Kecamatan menunggu mulai urutan {last + 1}; kirim ulang dari sana.")
        elif seq_to <= last:
            status, applied = DUPLICATE, 0
            message = f"Batch {batch_id} sudah pernah diterima; tidak dimasukkan dua kali."
        else:
            fresh = [r for r in env.records if r.seq > last]
            for record in fresh:
                apply_record(services, env.sender, record, batch_id)
            now = iso(services.clock.now())
            repo.update(env.sender, {"in_last_seq": seq_to, "in_last_batch": batch_id, "in_last_at": now,
                                     "in_batches": peer.in_batches + 1, "in_records": peer.in_records + len(fresh),
                                     "last_error": "", "last_error_at": None})
            # Keyed by sender and id: one office cannot overwrite another's row by reusing its batch id.
            services.db["sync_batches"].upsert({"office_code": env.sender, "batch_id": batch_id,
                                                "seq_from": seq_from, "seq_to": seq_to, "applied": len(fresh),
                                                "received_at": now}, pk=("office_code", "batch_id"))
            status, applied, last = APPLIED, len(fresh), seq_to
            message = f"Batch {batch_id} diterima: {applied} catatan baru dimasukkan."
        witness, warning = _witness(services, env, repo.key_for(env.sender) or "")
        if warning:
            repo.update(env.sender, {"last_error": warning, "last_error_at": iso(services.clock.now())})
        if status == REFUSED:
            repo.update(env.sender, {"last_error": message, "last_error_at": iso(services.clock.now())})
    fields = {"sender": me, "receiver": env.sender, "batch_sender": env.sender, "batch_id": batch_id,
              "status": status, "acked_seq": last, "expected_seq": last + 1, "applied": applied,
              "message": message, "at": iso(services.clock.now())}
    if witness is not None:
        fields["witness"] = witness
    signed = batch.build_receipt(fields, services.office_keys.private_key(), services.office_keys.handover())
    return InboundResult(receipt_from({**fields, "format": batch.FORMAT_VERSION}), signed, env.sender)


def _witness(services: Services, env: batch.Envelope, sender_key: str) -> tuple[dict | None, str]:
    """Keep the sender's signed audit head and countersign it for the receipt (inside the batch's
    transaction). A head behind the last one witnessed means the sender's history was cut short."""
    from desktop.models.trust import checkpoints

    point = checkpoints.parse(env.manifest.get("checkpoint"))
    if point is None or point.office_code != env.sender or not checkpoints.verify(point, sender_key):
        return None, ""
    me = services.profile.office_code
    previous = checkpoints.latest(services.db, env.sender, me)
    warning = ""
    # An old file imported again carries an old head (and an older time): that is no regression.
    if previous is not None and point.seq < previous["seq"] and point.at > previous["at"]:
        warning = (f"Riwayat audit kantor {env.sender} MUNDUR: kemarin disaksikan sampai entri #{previous['seq']}, "
                   f"sekarang hanya sampai #{point.seq}. Entri audit di kantor itu mungkin dihapus.")
    checkpoints.store(services.db, services.clock, point, me, sender_key)
    signed = checkpoints.make(services.db, services.clock, env.sender, services.office_keys.private_key(),
                              witnessed_by=me, seq=point.seq, hash_=point.hash)
    return signed.as_dict(), warning


def _keep_legacy_key(services: Services, office_code: str, handover: dict | None) -> None:
    """The handed-over key signed the sender's 0.1 letters: keep it as their legacy letter key."""
    from desktop.models.trust.keys import key_id

    if not handover:
        return
    public = str(handover["from"])
    services.db.execute("INSERT OR IGNORE INTO trust_keys (key_id, office_code, kind, public_key, holder_name, "
                        "retired_at, source, added_at) VALUES (?, ?, 'legacy', ?, 'Kunci kantor (versi 0.1)', ?, "
                        "'legacy', ?)", [key_id(public), office_code, public, str(handover.get("last_letter", "")),
                                         iso(services.clock.now())])


def _ask_to_rekey(services: Services, data: bytes) -> InboundResult:
    """A genuine batch sealed to the key this office had before its upgrade: answer, signed, that it
    was not applied; the receipt carries our key hand-over, so the sender seals to the new key."""
    header, _body = batch._split(data)
    m = header["manifest"]
    sender, batch_id = str(m["sender"]), str(m["batch_id"])
    last = peers(services).get(sender).in_last_seq
    message = (f"Batch {batch_id} belum dimasukkan: kunci kantor ini sudah diperbarui. Kiriman akan diulang "
               "dengan kunci baru secara otomatis.")
    fields = {"sender": services.profile.office_code, "receiver": sender, "batch_sender": sender,
              "batch_id": batch_id, "status": REFUSED, "acked_seq": last, "expected_seq": last + 1, "applied": 0,
              "message": message, "at": iso(services.clock.now())}
    signed = batch.build_receipt(fields, services.office_keys.private_key(), services.office_keys.handover())
    return InboundResult(receipt_from({**fields, "format": batch.FORMAT_VERSION}), signed, sender)
