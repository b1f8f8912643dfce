"""Records are sealed to the receiving office: unreadable on the way, opened only with its key."""

import zlib

import pytest

from desktop.sync import batch
from desktop.sync.errors import BatchCorrupt
from desktop.sync.inbound import receive
from desktop.sync.outbound import pending_batch
from tests.identities import admin_actor
from tests.sync.sync_helpers import KEC, KEL, kec, kel, linked  # noqa: F401 - fixtures


def make_pending(kel):  # noqa: F811
    admin = admin_actor(kel)
    kel.settings.put_raw("contoh", {"nama": "SITI AMINAH"}, admin)
    from desktop.models import outbox
    from desktop.models.db import transaction

    with transaction(kel.db):
        outbox.append(kel.db, kel.clock, KEL, "register", "r1", "terbit", {"subject": "SKTM untuk SITI AMINAH RAHASIA"})


def test_records_are_sealed_and_still_applied(kel, kec, linked):  # noqa: F811
    make_pending(kel)
    data = pending_batch(kel)
    header, body = batch._split(data)
    assert header["manifest"]["parts"]["records"]["encoding"] == "jsonl+zlib+sealedbox"
    assert b"RAHASIA" not in data
    with pytest.raises(zlib.error):
        zlib.decompress(body)  # not just compressed: encrypted
    result = receive(kec, data)
    assert result.receipt.status == "applied"
    payload = kec.db.execute("SELECT payload FROM sync_mirror WHERE entity = 'register'").fetchone()[0]
    assert "SITI AMINAH RAHASIA" in payload


def test_another_office_cannot_open_the_records(kel, kec, linked):  # noqa: F811
    make_pending(kel)
    data = pending_batch(kel)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with pytest.raises(BatchCorrupt, match="tidak dapat dibuka"):
        batch.read(data, lambda code: kel.office_keys.public_key() if code == KEL else None, KEC,
                   Ed25519PrivateKey.generate())
    with pytest.raises(BatchCorrupt, match="terenkripsi"):
        batch.read(data, lambda code: kel.office_keys.public_key() if code == KEL else None, KEC, None)
