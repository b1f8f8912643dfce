"""Bad batches: truncated, bit-flipped, unknown key, replayed, out of order, too new, crash mid-apply."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.sync import apply, batch, outbound
from desktop.sync.errors import BadSignature, BatchCorrupt, FormatTooNew, UnknownSender
from desktop.sync.inbound import receive
from tests.identities import FAST_KDF
from tests.sync.sync_helpers import KEC, KEL, open_office, received, sent, submit


def _state(kec):
    peer = outbound.peers(kec).get(KEL)
    return received(kec), peer.in_last_seq, peer.in_records, kec.db["sync_mirror"].count


@pytest.fixture
def pending(linked):
    kel, kec = linked
    submit(kel)
    submit(kel)
    data = outbound.pending_batch(kel)
    assert data is not None
    return kel, kec, data


def test_good_batch_is_applied_once_and_acknowledged(pending):
    kel, kec, data = pending
    result = receive(kec, data)
    assert result.receipt.status == "applied" and result.receipt.applied == len(sent(kel))
    assert received(kec) == sent(kel)
    outbound.accept_receipt(kel, result.receipt_bytes)
    assert outbound.pending_count(kel) == 0 and outbound.pending_batch(kel) is None


def test_truncated_batch_is_refused_and_nothing_applied(pending):
    kel, kec, data = pending
    before = _state(kec)
    with pytest.raises(BatchCorrupt, match="terpotong"):
        receive(kec, data[: len(data) - 40])
    with pytest.raises(BatchCorrupt, match="terpotong"):
        receive(kec, data[:30])
    assert _state(kec) == before
    assert outbound.pending_count(kel) == len(sent(kel))  # the sender still holds everything


@pytest.mark.parametrize("where", ["body", "manifest"])
def test_bit_flip_is_refused(pending, where):
    kel, kec, data = pending
    before = _state(kec)
    cut = data.index(b"\n")
    pos = len(data) - 5 if where == "body" else data.index(b'"seq_to"') + 9
    flipped = bytearray(data)
    flipped[pos] ^= 0x01
    with pytest.raises((BatchCorrupt, BadSignature)) as info:
        receive(kec, bytes(flipped))
    assert "rusak" in str(info.value) or "diubah" in str(info.value)
    assert _state(kec) == before and cut > 0


def test_signed_by_an_unknown_key_is_refused(pending):
    kel, kec, data = pending
    records = outbound.pending_records(kel, outbound.peers(kel).get(KEC))
    forged = batch.build_batch(records, sender=KEL, receiver=KEC, batch_id="x", created_at="2026-11-24T08:30:00+07:00",
                               seq_from=1, seq_to=records[-1].seq, key=Ed25519PrivateKey.generate())
    with pytest.raises(BadSignature, match="tidak sah"):
        receive(kec, forged)
    stranger = batch.build_batch(records, sender="ZZZ", receiver=KEC, batch_id="y",
                                 created_at="2026-11-24T08:30:00+07:00", seq_from=1, seq_to=records[-1].seq,
                                 key=Ed25519PrivateKey.generate())
    with pytest.raises(UnknownSender, match="belum terdaftar"):
        receive(kec, stranger)
    assert received(kec) == []


def test_replayed_batch_is_acknowledged_not_applied_twice(pending):
    kel, kec, data = pending
    first = receive(kec, data)
    again = receive(kec, data)
    assert again.receipt.status == "duplicate" and "tidak dimasukkan dua kali" in again.message
    assert received(kec) == sent(kel) and outbound.peers(kec).get(KEL).in_records == len(sent(kel))
    outbound.accept_receipt(kel, again.receipt_bytes)
    assert outbound.pending_count(kel) == 0 and first.receipt.acked_seq == again.receipt.acked_seq


def test_out_of_order_is_refused_with_expected_sequence_then_resent(pending):
    kel, kec, first = pending
    outbound.peers(kel).update(KEC, {"out_acked_seq": len(sent(kel))})  # pretend batch 1 was acknowledged
    submit(kel)
    second = outbound.pending_batch(kel)
    result = receive(kec, second)
    assert result.receipt.status == "refused" and result.receipt.expected_seq == 1
    assert "menunggu mulai urutan 1" in result.message
    assert received(kec) == []
    outbound.accept_receipt(kel, result.receipt_bytes)  # the sender rewinds to what is expected
    resent = outbound.pending_batch(kel)
    assert receive(kec, resent).receipt.status == "applied"
    assert receive(kec, first).receipt.status == "duplicate"  # the lost batch turns up late
    assert received(kec) == sent(kel)


def test_too_new_format_is_refused_in_plain_words(pending):
    kel, kec, _ = pending
    newer = outbound.pending_batch(kel, format_version=batch.FORMAT_VERSION + 1)
    with pytest.raises(FormatTooNew, match="versi Loket yang lebih baru"):
        receive(kec, newer)
    assert received(kec) == []


def test_receipt_with_a_forged_signature_does_not_move_the_sender(pending):
    kel, kec, data = pending
    result = receive(kec, data)
    header, _, rest = result.receipt_bytes.partition(b"\n")
    env = json.loads(header)
    env["manifest"]["acked_seq"] = 999
    with pytest.raises(BadSignature):
        outbound.accept_receipt(kel, json.dumps(env).encode() + b"\n" + rest)
    assert outbound.peers(kel).get(KEC).out_acked_seq == 0


def test_receiver_crash_mid_apply_rolls_back_the_whole_batch(pending, monkeypatch):
    kel, kec, data = pending
    calls = []
    real = apply.apply_record

    def crash_on_third(services, sender, record, batch_id):
        calls.append(record.seq)
        if len(calls) == 2:
            raise SystemExit("power cut")  # not an Exception: nothing may catch it half way
        real(services, sender, record, batch_id)

    monkeypatch.setattr("desktop.sync.inbound.apply_record", crash_on_third)
    with pytest.raises(SystemExit):
        receive(kec, data)
    assert len(calls) == 2 and _state(kec) == ([], 0, 0, 0)
    monkeypatch.setattr("desktop.sync.inbound.apply_record", real)
    # Restart: a fresh connection over the same file sees no trace of the half batch.
    path = kec.db.execute("PRAGMA database_list").fetchone()[2]
    restarted = open_office(path, kec.clock, kdf=FAST_KDF)
    try:
        assert _state(restarted) == ([], 0, 0, 0)
        assert receive(restarted, data).receipt.status == "applied"  # applied once, whole
        assert received(restarted) == sent(kel)
    finally:
        restarted.db.conn.close()
