"""Property-based: whatever bytes or records arrive, the receiver refuses with a clear (Indonesian)
SyncError and changes nothing, or applies a valid batch whole; it never crashes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.sync import outbound
from desktop.sync.batch import Record
from desktop.sync.errors import SyncError
from desktop.sync.inbound import receive
from tests.sync.hostile import forge, line, record, state
from tests.sync.sync_helpers import submit

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20)


def _refused_cleanly(kec, data: bytes) -> None:
    before = state(kec)
    try:
        receive(kec, data)
    except SyncError as exc:
        assert str(exc) and not str(exc).startswith(("Traceback", "'")), exc
        assert state(kec) == before


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_refused_cleanly(linked, data):
    _, kec = linked
    _refused_cleanly(kec, data)
    _refused_cleanly(kec, b'{"loket_sync":1,"kind":"batch","manifest":{},"signature":"x"}\n' + data)


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=4),
       truncate=st.integers(0, 10**6))
def test_damaged_real_batches_are_refused_or_applied_whole(linked, cuts, truncate):
    kel, kec = linked
    if not outbound.pending_count(kel):
        submit(kel)
    good = bytearray(outbound.pending_batch(kel))
    for pos, value in cuts:
        good[pos % len(good)] = value
    data = bytes(good[: len(good) - truncate % 50])
    before = state(kec)
    try:
        result = receive(kec, data)
    except SyncError:
        assert state(kec) == before
    else:
        assert result.receipt.status in ("applied", "duplicate", "refused")


@FUZZ
@given(payload=json_values, entity=st.sampled_from(["register", "application", "queue_stats", "decision", "x"]),
       extra=st.dictionaries(st.sampled_from(["seq", "uuid", "at", "op", "entity_id", "zz"]), json_values,
                             max_size=2))
def test_signed_records_of_any_shape_never_crash_the_receiver(linked, payload, entity, extra):
    kel, kec = linked
    peer = outbound.peers(kec).get("KBK")
    seq = peer.in_last_seq + 1
    rec = {**record(seq, entity=entity, payload=payload), **extra}
    data = forge(kel.office_keys.private_key(), line(rec), count=1, seq_from=seq)
    before = state(kec)
    try:
        receive(kec, data)
    except SyncError as exc:
        assert "Tidak ada data yang dimasukkan" in str(exc) or "tidak" in str(exc)
        assert state(kec) == before


def test_the_sender_packs_only_what_one_batch_may_carry():
    from desktop.sync import limits

    big = "x" * (10 * limits.MiB)
    records = [Record(i, f"u{i}", "2026-11-24T08:30:00+07:00", "register", f"e{i}", "terbit", {"subject": big})
               for i in range(1, 5)]
    kept = outbound._within_budget(records)
    assert len(kept) == 2 and outbound._within_budget(records[:1]) == records[:1]


@pytest.mark.parametrize("count", [0, 1])
def test_an_empty_or_single_batch_from_the_real_sender_is_accepted(linked, count):
    kel, kec = linked
    # What the kelurahan had to send from its first run (its keys, for the key directory) goes first.
    outbound.accept_receipt(kel, receive(kec, outbound.pending_batch(kel)).receipt_bytes)
    for _ in range(count):
        submit(kel)
    data = outbound.pending_batch(kel, allow_empty=True)
    assert receive(kec, data).receipt.status == ("applied" if count else "duplicate")
