"""Sender side: the pending batch after the last acknowledged sequence, and acknowledgements.

Nothing is deleted or marked sent on export: only a receipt signed by the receiver moves the
acknowledged sequence forward. Exporting twice, or losing a file, therefore loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models import jsonutil
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.residents.nik_hash import office_nik_secret
from desktop.models.services import Services
from desktop.sync import batch, limits, policy
from desktop.sync.errors import SyncError
from desktop.sync.peers import ROLE_KECAMATAN, Peer, PeerRepository

DEFAULT_LIMIT = limits.MAX_RECORDS


@dataclass(frozen=True)
class Receipt:
    batch_id: str
    sender: str  # who sent the batch (us, when we read our own receipt)
    receiver: str
    status: str  # applied | duplicate | refused
    acked_seq: int
    expected_seq: int
    applied: int
    message: str


def peers(services: Services) -> PeerRepository:
    return PeerRepository(services.db, services.clock)


def _target(services: Services, peer_code: str | None) -> Peer:
    repo = peers(services)
    if peer_code is None:
        found = repo.upstream()
        assert found is not None
        return found
    return repo.get(peer_code)


def pending_records(services: Services, peer: Peer, limit: int = DEFAULT_LIMIT) -> list[batch.Record]:
    """Records for `peer` after its acknowledged sequence, oldest first."""
    after = peer.out_acked_seq
    if peer.role == ROLE_KECAMATAN:
        rows = services.db.execute("SELECT seq, uuid, at, entity, entity_id, op, payload FROM outbox "
                                   "WHERE seq > ? ORDER BY seq LIMIT ?", [after, limit]).fetchall()
        rules = policy.load_policy(services.settings)
        secret = office_nik_secret(services.db, services.clock)
        return [_uplink(services, rules, secret, r) for r in rows]
    from desktop.sync.key_exchange import queue_directory
    from desktop.sync.tipe_b import collect_decisions

    collect_decisions(services)
    with transaction(services.db):
        queue_directory(services, peer.office_code)
    rows = services.db.execute("SELECT seq, uuid, at, entity, entity_id, op, payload FROM sync_downlink "
                               "WHERE to_office = ? AND seq > ? ORDER BY seq LIMIT ?",
                               [peer.office_code, after, limit]).fetchall()
    return [batch.Record(r[0], r[1], r[2], r[3], r[4], r[5], jsonutil.loads(r[6])) for r in rows]


def _uplink(services: Services, rules: policy.SyncPolicy, secret: bytes, row: Any) -> batch.Record:
    payload: dict[str, Any] = jsonutil.loads(row[6])
    if policy.is_tipe_b_waiting(row[3], payload):
        payload = {**payload, "tipe_b": policy.dossier(services.applications.reader, row[4], rules)}
    return batch.Record(row[0], row[1], row[2], row[3], row[4], row[5], policy.redact(payload, rules, secret))


def _stream_end(services: Services, peer: Peer) -> int:
    """The last sequence this office has in its stream to `peer` (a receipt cannot ack beyond it)."""
    if peer.role == ROLE_KECAMATAN:
        return int(services.db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])
    return int(services.db.execute("SELECT coalesce(max(seq), 0) FROM sync_downlink WHERE to_office = ?",
                                   [peer.office_code]).fetchone()[0])


def pending_count(services: Services, peer_code: str | None = None) -> int:
    peer = _target(services, peer_code)
    if peer.role == ROLE_KECAMATAN:
        return int(services.db.execute("SELECT count(*) FROM outbox WHERE seq > ?",
                                       [peer.out_acked_seq]).fetchone()[0])
    return int(services.db.execute("SELECT count(*) FROM sync_downlink WHERE to_office = ? AND seq > ?",
                                   [peer.office_code, peer.out_acked_seq]).fetchone()[0])


def pending_batch(services: Services, peer_code: str | None = None, *, limit: int = DEFAULT_LIMIT,
                  format_version: int = batch.FORMAT_VERSION, allow_empty: bool = False) -> bytes | None:
    """The signed batch of what `peer` has not acknowledged yet, or None when nothing is pending.

    `allow_empty`: an empty batch (range acked+1..acked) still proves who we are; the client
    sends one to ask for the downlink and to learn whether the receiver lost data.
    """
    peer = _target(services, peer_code)
    if services.profile.level == "kelurahan":
        from desktop.sync.snapshots import snapshot_queue_stats

        snapshot_queue_stats(services)  # queue figures travel as daily snapshots
    records = _within_budget(pending_records(services, peer, min(limit, limits.MAX_RECORDS)))
    if not records and not allow_empty:
        return None
    me = services.profile.office_code
    seq_from = peer.out_acked_seq + 1
    seq_to = records[-1].seq if records else peer.out_acked_seq
    # The same range always gets the same id, so a re-export is recognisably the same batch.
    batch_id = f"{me}>{peer.office_code}:{seq_from}-{seq_to}"
    from desktop.models.trust import checkpoints

    head = checkpoints.make(services.db, services.clock, me, services.office_keys.private_key())
    return batch.build_batch(records, sender=me, receiver=peer.office_code, batch_id=batch_id,
                             created_at=iso(services.clock.now()), seq_from=seq_from, seq_to=seq_to,
                             key=services.office_keys.private_key(), format_version=format_version,
                             encrypt_to=peer.public_key if policy.load_policy(services.settings).encrypt else None,
                             handover=services.office_keys.handover(), checkpoint=head.as_dict())


def _within_budget(records: list[batch.Record]) -> list[batch.Record]:
    """The first records that fit one batch the receiver accepts (at least one: a record alone always fits)."""
    size = 0
    for i, record in enumerate(records):
        size += len(batch.canonical(record.as_dict())) + 1
        if size > limits.SENDER_BATCH_BUDGET and i > 0:
            return records[:i]
    return records


def accept_receipt(services: Services, data: bytes) -> Receipt:
    """Verify the receiver's signed receipt and move our acknowledged sequence accordingly."""
    repo = peers(services)
    env = batch.read(data, repo.key_for, services.profile.office_code)
    if env.kind != batch.KIND_RECEIPT:
        raise SyncError("Berkas ini bukan tanda terima; impor berkas batch lewat 'Impor berkas'.")
    receipt = receipt_from(env.manifest)
    # The receipt's signer is the office the batch went to; its sender field names us.
    peer = repo.get(env.sender)
    sent = _stream_end(services, peer)
    if receipt.acked_seq > sent or receipt.expected_seq > sent + 1:
        raise SyncError(f"Tanda terima dari kantor {peer.office_code} mengaku menerima sampai urutan "
                        f"{max(receipt.acked_seq, receipt.expected_seq - 1)}, padahal kantor ini baru mengirim sampai "
                        f"urutan {sent}. Tanda terima diabaikan; tidak ada yang dianggap terkirim.")
    with transaction(services.db):
        if env.rekeyed_to:  # the receiver was upgraded from 0.1: seal to and check its new key from now on
            repo.update(peer.office_code, {"public_key": env.rekeyed_to})
            from desktop.sync.sqlite_store import keep_legacy_key

            keep_legacy_key(services, peer.office_code, batch.handover_of(data))
        problem = keep_witness(services, env.manifest.get("witness"), peer.office_code,
                               env.rekeyed_to or peer.public_key)
        if receipt.status == "refused":
            # The receiver is missing a range (or lost data): resend from what it expects.
            acked = receipt.expected_seq - 1
        else:
            acked = max(peer.out_acked_seq, receipt.acked_seq)
        values: dict[str, Any] = {"out_acked_seq": acked}
        if receipt.status != "refused":
            values.update(out_acked_at=iso(services.clock.now()), last_error="", last_error_at=None)
        else:
            values.update(last_error=receipt.message, last_error_at=iso(services.clock.now()))
        if problem:
            values.update(last_error=problem, last_error_at=iso(services.clock.now()))
        repo.update(peer.office_code, values)
    return receipt


def keep_witness(services: Services, value: Any, witness: str, witness_key: str) -> str:
    """Keep the kecamatan's signed copy of our audit head; a message when it disagrees with our chain."""
    from desktop.models.trust import checkpoints

    point = checkpoints.parse(value)
    me = services.profile.office_code
    if point is None or point.office_code != me or point.witnessed_by != witness or \
            not checkpoints.verify(point, witness_key):
        return ""
    checkpoints.store(services.db, services.clock, point, witness, witness_key)
    if checkpoints.hash_at(services.db, point.seq) != point.hash:
        return (f"Riwayat audit kantor ini berbeda dari yang disaksikan kecamatan {witness} (entri #{point.seq}). "
                "Jalankan 'loket check' dan hubungi kecamatan.")
    return ""


def receipt_from(manifest: dict[str, Any]) -> Receipt:
    """A receipt's fields; a signed receipt with nonsense in them is refused, not half read."""
    try:
        receipt = Receipt(batch_id=str(manifest.get("batch_id", ""))[:160],
                          sender=str(manifest.get("batch_sender", ""))[:64],
                          receiver=str(manifest.get("sender", ""))[:64], status=str(manifest.get("status", "")),
                          acked_seq=_count(manifest.get("acked_seq", 0)),
                          expected_seq=_count(manifest.get("expected_seq", 1)),
                          applied=_count(manifest.get("applied", 0)), message=str(manifest.get("message", ""))[:2000])
    except (TypeError, ValueError):
        raise SyncError("Tanda terima dari kantor penerima tidak dapat dibaca (isinya tidak sah); urutan yang "
                        "terkirim tidak diubah.") from None
    if receipt.status not in ("applied", "duplicate", "refused") or receipt.expected_seq < 1:
        raise SyncError("Tanda terima dari kantor penerima tidak dapat dibaca (status tidak dikenal); urutan yang "
                        "terkirim tidak diubah.")
    return receipt


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2**53:
        raise ValueError("not a count")
    return value
