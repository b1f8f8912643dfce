"""Bad batches: truncated, bit-flipped, unknown key, replayed, out of order, too new, crash mid-apply.

Every test runs against both receivers: the kecamatan PC (SQLite) and the kabupaten (PostgreSQL).
"""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.sync import apply, batch, outbound
from desktop.sync.errors import BadSignature, BatchCorrupt, FormatTooNew, UnknownSender
from tests.sync.sync_helpers import KEC, KEL, sent, submit


def _state(up):
    return up.received(), *up.state(), up.mirror_count()


@pytest.fixture
def pending(linked_up):
    kel, up = linked_up
    submit(kel)
    submit(kel)
    data = outbound.pending_batch(kel)
    assert data is not None
    return kel, up, data


def test_good_batch_is_applied_once_and_acknowledged(pending):
    kel, up, data = pending
    result = up.receive(data)
    assert result.receipt.status == "applied" and result.receipt.applied == len(sent(kel))
    assert up.received() == sent(kel)
    outbound.accept_receipt(kel, result.receipt_bytes)
    assert outbound.pending_count(kel) == 0 and outbound.pending_batch(kel) is None


def test_truncated_batch_is_refused_and_nothing_applied(pending):
    kel, up, data = pending
    before = _state(up)
    with pytest.raises(BatchCorrupt, match="terpotong"):
        up.receive(data[: len(data) - 40])
    with pytest.raises(BatchCorrupt, match="terpotong"):
        up.receive(data[:30])
    assert _state(up) == before
    assert outbound.pending_count(kel) == len(sent(kel))  # the sender still holds everything


@pytest.mark.parametrize("where", ["body", "manifest"])
def test_bit_flip_is_refused(pending, where):
    kel, up, data = pending
    before = _state(up)
    cut = data.index(b"\n")
    pos = len(data) - 5 if where == "body" else data.index(b'"seq_to"') + 9
    flipped = bytearray(data)
    flipped[pos] ^= 0x01
    with pytest.raises((BatchCorrupt, BadSignature)) as info:
        up.receive(bytes(flipped))
    assert "rusak" in str(info.value) or "diubah" in str(info.value)
    assert _state(up) == before and cut > 0


def test_signed_by_an_unknown_key_is_refused(pending):
    kel, up, data = pending
    records = outbound.pending_records(kel, outbound.peers(kel).get(KEC))
    forged = batch.build_batch(records, sender=KEL, receiver=KEC, batch_id="x", created_at="2026-11-24T08:30:00+07:00",
                               seq_from=1, seq_to=records[-1].seq, key=Ed25519PrivateKey.generate())
    with pytest.raises(BadSignature, match="tidak sah"):
        up.receive(forged)
    stranger = batch.build_batch(records, sender="ZZZ", receiver=KEC, batch_id="y",
                                 created_at="2026-11-24T08:30:00+07:00", seq_from=1, seq_to=records[-1].seq,
                                 key=Ed25519PrivateKey.generate())
    with pytest.raises(UnknownSender, match="belum terdaftar"):
        up.receive(stranger)
    assert up.received() == []


def test_replayed_batch_is_acknowledged_not_applied_twice(pending):
    kel, up, data = pending
    first = up.receive(data)
    again = up.receive(data)
    assert again.receipt.status == "duplicate" and "tidak dimasukkan dua kali" in again.message
    assert up.received() == sent(kel) and up.state()[1] == len(sent(kel))
    outbound.accept_receipt(kel, again.receipt_bytes)
    assert outbound.pending_count(kel) == 0 and first.receipt.acked_seq == again.receipt.acked_seq


def test_out_of_order_is_refused_with_expected_sequence_then_resent(pending):
    kel, up, first = pending
    outbound.peers(kel).update(KEC, {"out_acked_seq": len(sent(kel))})  # pretend batch 1 was acknowledged
    submit(kel)
    second = outbound.pending_batch(kel)
    result = up.receive(second)
    assert result.receipt.status == "refused" and result.receipt.expected_seq == 1
    assert "menunggu mulai urutan 1" in result.message
    assert up.received() == []
    outbound.accept_receipt(kel, result.receipt_bytes)  # the sender rewinds to what is expected
    resent = outbound.pending_batch(kel)
    assert up.receive(resent).receipt.status == "applied"
    assert up.receive(first).receipt.status == "duplicate"  # the lost batch turns up late
    assert up.received() == sent(kel)


def test_overlapping_batch_applies_only_what_is_new(pending):
    kel, up, data = pending
    assert len(sent(kel)) >= 2
    first = outbound.pending_batch(kel, limit=1)
    assert up.receive(first).receipt.applied == 1
    whole = up.receive(data)  # covers 1..n again: only 2..n are new
    assert whole.receipt.status == "applied" and whole.receipt.applied == len(sent(kel)) - 1
    assert up.received() == sent(kel) and up.state() == (len(sent(kel)), len(sent(kel)))


def test_too_new_format_is_refused_in_plain_words(pending):
    kel, up, _ = pending
    newer = outbound.pending_batch(kel, format_version=batch.FORMAT_VERSION + 1)
    with pytest.raises(FormatTooNew, match="versi Loket yang lebih baru"):
        up.receive(newer)
    assert up.received() == []


def test_receipt_with_a_forged_signature_does_not_move_the_sender(pending):
    kel, up, data = pending
    result = up.receive(data)
    header, _, rest = result.receipt_bytes.partition(b"\n")
    env = json.loads(header)
    env["manifest"]["acked_seq"] = 999
    with pytest.raises(BadSignature):
        outbound.accept_receipt(kel, json.dumps(env).encode() + b"\n" + rest)
    assert outbound.peers(kel).get(KEC).out_acked_seq == 0


def _crash_midway(up, monkeypatch, calls):
    """Cut the power after the first record of the batch is written (not an Exception: nothing may
    catch it half way)."""
    if up.backend == "sqlite":
        real = apply.apply_record

        def crash(services, sender, record, batch_id):
            calls.append(record.seq)
            if len(calls) == 2:
                raise SystemExit("power cut")
            real(services, sender, record, batch_id)

        monkeypatch.setattr("desktop.sync.apply.apply_record", crash)
    else:
        from desktop.sync.postgres import store

        real = store.dashboard_fields

        def crash(entity, payload):  # the events are written; the mirror is half prepared
            calls.append(entity)
            if len(calls) == 2:
                raise SystemExit("power cut")
            return real(entity, payload)

        monkeypatch.setattr("desktop.sync.postgres.store.dashboard_fields", crash)


def test_receiver_crash_mid_apply_rolls_back_the_whole_batch(pending, monkeypatch):
    kel, up, data = pending
    calls: list = []
    _crash_midway(up, monkeypatch, calls)
    with pytest.raises(SystemExit):
        up.receive(data)
    assert len(calls) == 2 and _state(up) == ([], 0, 0, 0)
    monkeypatch.undo()
    # Restart: a fresh connection over the same data sees no trace of the half batch.
    restarted = up.restarted()
    try:
        assert _state(restarted) == ([], 0, 0, 0)
        assert restarted.receive(data).receipt.status == "applied"  # applied once, whole
        assert restarted.received() == sent(kel)
    finally:
        restarted.close()


def test_text_with_unicode_line_separators_travels_intact(linked_up):
    """A name pasted from elsewhere may hold U+0085 or U+2028: the batch must still read as sent."""
    from desktop.models import outbox
    from desktop.models.db import transaction

    kel, up = linked_up
    odd = {"id": "x1", "subject": "SURAT\u0085KETERANGAN\u2028USAHA\x1c", "status": "terbit"}
    with transaction(kel.db):
        outbox.append(kel.db, kel.clock, KEL, "register", "x1", "terbit", odd)
    result = up.receive(outbound.pending_batch(kel))
    assert result.receipt.status == "applied" and up.received() == sent(kel)
