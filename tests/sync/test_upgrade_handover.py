"""After the upgrade from 0.1 the kelurahan signs batches with a new key; its kecamatan, which enrolled
the old office key, keeps accepting them because the old key signed a hand-over before it was deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.models.trust.keys import key_id
from desktop.office import open_office
from desktop.printing.qr import verify_payload
from desktop.sync.inbound import receive
from desktop.sync.outbound import accept_receipt, pending_batch
from desktop.sync.peers import ROLE_KECAMATAN, ROLE_KELURAHAN, PeerRepository
from tests.identities import FAST_KDF, admin_actor

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "loket-0.1.0-kelurahan.sqlite3"


def test_upgraded_kelurahan_is_recognised_by_the_key_its_kecamatan_enrolled(tmp_path, kec, clock):
    path = tmp_path / "kbk" / "loket.sqlite3"
    path.parent.mkdir()
    shutil.copy(RELEASE, path)
    kel = open_office(path, clock, kdf=FAST_KDF)
    try:
        old_key = kel.db.execute("SELECT public_key FROM trust_keys WHERE kind = 'legacy' AND office_code = 'KBK'"
                                 ).fetchone()[0]
        # The kecamatan enrolled KBK in 0.1 by the office key that then signed everything.
        PeerRepository(kec.db, kec.clock).enroll("KBK", old_key, admin_actor(kec), role=ROLE_KELURAHAN)
        PeerRepository(kel.db, kel.clock).enroll("KNG", kec.office_keys.public_key(), admin_actor(kel),
                                                 role=ROLE_KECAMATAN)
        data = pending_batch(kel, allow_empty=True)
        result = receive(kec, data)
        assert result.receipt.status == "applied"
        assert PeerRepository(kec.db, kec.clock).key_for("KBK") == kel.office_keys.public_key()  # re-keyed
        accept_receipt(kel, result.receipt_bytes)
        # 0.1's letters of KBK verify at the kecamatan (legacy key) and the voided one says so.
        verdicts = {e.number: verify_payload(e.qr_payload, kec.directory).status.value for e in kel.register.entries()}
        assert verdicts == {"510/001/KBK/2026": "asli", "510/002/KBK/2026": "dibatalkan"}
        assert key_id(old_key) in {r[0] for r in kec.db.execute("SELECT key_id FROM trust_keys")}
    finally:
        kel.db.conn.close()


def test_a_batch_sealed_to_the_old_key_is_answered_and_resent_to_the_new_one(tmp_path, kel, clock):
    """The receiving office was upgraded: it cannot open records sealed to its deleted key, says so in a
    signed receipt carrying its hand-over, and the sender seals the next try to the new key."""
    path = tmp_path / "kbk" / "loket.sqlite3"
    path.parent.mkdir()
    shutil.copy(RELEASE, path)
    upgraded = open_office(path, clock, kdf=FAST_KDF)
    try:
        old_key = upgraded.db.execute("SELECT public_key FROM trust_keys WHERE kind = 'legacy' AND "
                                      "office_code = 'KBK'").fetchone()[0]
        PeerRepository(upgraded.db, clock).enroll("KBW", kel.office_keys.public_key(), admin_actor(upgraded),
                                                  role=ROLE_KELURAHAN)
        kel.db.execute("UPDATE settings SET value = json_set(value, '$.office_code', 'KBW') "
                       "WHERE key = 'office_profile'")
        kel.settings._cache.clear()
        PeerRepository(kel.db, clock).enroll("KBK", old_key, admin_actor(kel), role=ROLE_KECAMATAN)
        first = receive(upgraded, pending_batch(kel, allow_empty=True))
        assert first.receipt.status == "refused" and "kunci baru" in first.message
        accept_receipt(kel, first.receipt_bytes)
        assert PeerRepository(kel.db, clock).key_for("KBK") == upgraded.office_keys.public_key()
        second = receive(upgraded, pending_batch(kel, allow_empty=True))
        assert second.receipt.status == "applied"
    finally:
        upgraded.db.conn.close()


def test_an_upgraded_kelurahan_pushes_over_http_to_a_kecamatan_that_enrolled_its_old_key(tmp_path, kec, clock):
    """The receiver checks signed request headers before reading the body: the hand-over travels there too."""
    from desktop.sync import client, server

    path = tmp_path / "kbk" / "loket.sqlite3"
    path.parent.mkdir()
    shutil.copy(RELEASE, path)
    kel = open_office(path, clock, kdf=FAST_KDF)
    running = server.start_background(kec)
    try:
        old_key = kel.db.execute("SELECT public_key FROM trust_keys WHERE kind = 'legacy' AND office_code = 'KBK'"
                                 ).fetchone()[0]
        PeerRepository(kec.db, kec.clock).enroll("KBK", old_key, admin_actor(kec), role=ROLE_KELURAHAN)
        PeerRepository(kel.db, kel.clock).enroll("KNG", kec.office_keys.public_key(), admin_actor(kel),
                                                 role=ROLE_KECAMATAN, url=running.url)
        result = client.push(kel, sleep=lambda s: None)
        assert "urutan" in result.message
        assert PeerRepository(kec.db, kec.clock).key_for("KBK") == kel.office_keys.public_key()
    finally:
        running.stop()
        kel.db.conn.close()
