"""What issue 10's offices send besides their records — audit checkpoints, keys, revocations, the 0.1
key hand-over — arriving at either receiver: the kecamatan PC (SQLite) and the kabupaten (PostgreSQL).

Both witness the checkpoint and sign it back in the receipt, notice a history that went backwards,
re-key a sender whose enrolled 0.1 key handed over, keep the trust records under the sender's name,
and refuse cleanly what is sealed to a key they do not hold.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.trust import checkpoints
from desktop.models.trust.integrity import check_database
from desktop.models.trust.office_keys import public_key_text
from desktop.models.users.roles import Role
from desktop.office import open_office
from desktop.sync import outbound
from desktop.sync.errors import BatchCorrupt
from desktop.sync.peers import ROLE_KECAMATAN, PeerRepository
from tests.identities import FAST_KDF, admin_actor
from tests.sync.sync_helpers import KEC, KEL, issue_letter, sent

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "loket-0.1.0-kelurahan.sqlite3"


def _push(kel, up):
    result = up.receive(outbound.pending_batch(kel, allow_empty=True))
    outbound.accept_receipt(kel, result.receipt_bytes)
    return result


def test_the_receipt_carries_the_checkpoint_countersigned_and_the_kelurahan_keeps_it(linked_up):
    kel, up = linked_up
    issue_letter(kel)
    result = _push(kel, up)
    head = checkpoints.head(kel.db)
    witness = checkpoints.parse(_manifest(result.receipt_bytes).get("witness"))
    assert witness is not None and (witness.office_code, witness.witnessed_by) == (KEL, KEC)
    assert checkpoints.verify(witness, up.public_key)  # signed by the receiver's own key
    # The batch was built before the receipt was kept, so the witnessed head is the chain's head then.
    assert up.witnessed() == [(witness.seq, witness.hash)] and witness.seq <= head[0]
    kept = kel.db.execute("SELECT seq, hash FROM audit_checkpoints WHERE office_code = ? AND witnessed_by = ?",
                          [KEL, KEC]).fetchall()
    assert [tuple(r) for r in kept] == [(witness.seq, witness.hash)]
    report = check_database(kel.db)
    assert report.ok and f"entri #{witness.seq} disaksikan {KEC}" in report.text, report.text


def test_a_forged_checkpoint_is_not_witnessed(linked_up, monkeypatch):
    """A checkpoint that does not verify against the sender's key gets no countersignature (and is not
    kept), though the batch's records are applied as usual."""
    kel, up = linked_up
    issue_letter(kel)
    stranger = Ed25519PrivateKey.generate()
    real = checkpoints.make

    def forged(db, clock, office_code, key, **kw):
        return real(db, clock, office_code, stranger, **kw)

    monkeypatch.setattr(checkpoints, "make", forged)
    result = up.receive(outbound.pending_batch(kel))
    assert result.receipt.status == "applied" and up.received() == sent(kel)
    assert "witness" not in _manifest(result.receipt_bytes) and up.witnessed() == []


def test_a_history_cut_short_is_noticed_by_the_receiver(linked_up):
    kel, up = linked_up
    issue_letter(kel)
    _push(kel, up)
    last = kel.db.execute("SELECT max(seq) FROM audit").fetchone()[0]
    kel.db.execute("DELETE FROM audit WHERE seq >= ?", [last - 1])
    kel.clock.advance(minutes=5)
    _push(kel, up)
    assert "MUNDUR" in up.last_error()


def test_keys_and_revocations_arrive_under_the_senders_name(linked_up):
    kel, up = linked_up
    entry = issue_letter(kel)
    lurah = kel.users.by_role(Role.LURAH)[0]
    kel.register.void(entry.id, lurah, "Salah ketik", pin=DEMO_PIN)
    result = _push(kel, up)
    assert result.receipt.status == "applied" and up.received() == sent(kel)
    travelled = {r[0] for r in kel.db.execute("SELECT DISTINCT entity FROM outbox")}
    assert {"trust_root", "trust_key", "letter_revocation"} <= travelled
    for entity in ("trust_root", "trust_key", "letter_revocation"):
        assert up.mirror_count(entity) == kel.db.execute("SELECT count(DISTINCT entity_id) FROM outbox WHERE "
                                                         "entity = ?", [entity]).fetchone()[0]
    rows = up._rows("SELECT DISTINCT office_code FROM sync_mirror WHERE entity IN ('trust_root', 'trust_key', "
                    "'letter_revocation')", [])
    assert rows == [(KEL,)]


def test_a_sender_upgraded_from_0_1_is_rekeyed_by_its_hand_over(tmp_path, upstream, clock):
    path = tmp_path / "kbk" / "loket.sqlite3"
    path.parent.mkdir()
    shutil.copy(RELEASE, path)
    kel = open_office(path, clock, kdf=FAST_KDF)
    try:
        old_key = kel.db.execute("SELECT public_key FROM trust_keys WHERE kind = 'legacy' AND office_code = ?",
                                 [KEL]).fetchone()[0]
        upstream.enroll(KEL, old_key)  # enrolled in 0.1 by the office key that then signed everything
        PeerRepository(kel.db, kel.clock).enroll(KEC, upstream.public_key, admin_actor(kel), role=ROLE_KECAMATAN)
        result = _push(kel, upstream)
        assert result.receipt.status == "applied" and upstream.received() == sent(kel)
        assert upstream.key_of() == kel.office_keys.public_key() != old_key
        assert len(upstream.witnessed()) == 1  # checked against the new key
        kel.clock.advance(minutes=1)
        assert _push(kel, upstream).receipt.status in ("applied", "duplicate")  # and it goes on
    finally:
        kel.db.conn.close()


def test_records_sealed_to_another_key_are_refused_and_nothing_applied(linked_up):
    """Neither receiver was ever upgraded from 0.1, so a batch sealed to a key it does not hold is not
    for it: refused with a clear message, not answered with a re-key request."""
    kel, up = linked_up
    issue_letter(kel)
    other = public_key_text(Ed25519PrivateKey.generate().public_key())
    kel.db.execute("UPDATE sync_peers SET public_key = ? WHERE office_code = ?", [other, KEC])
    data = outbound.pending_batch(kel)
    with pytest.raises(BatchCorrupt, match="tidak dapat dibuka"):
        up.receive(data)
    assert up.received() == [] and up.witnessed() == []


def _manifest(receipt_bytes: bytes) -> dict:
    from desktop.sync import batch

    header, _body = batch._split(receipt_bytes)
    return header["manifest"]
