"""The NIK travels as a keyed hash: the kecamatan can match it, nobody can reverse it without the
kelurahan's secret, and the secret never travels."""

from __future__ import annotations

import base64
import hashlib

from desktop.models.residents.nik_hash import SECRET_KEY, nik_keyed_hash, office_nik_secret
from desktop.sync import batch, outbound
from tests.sync.sync_helpers import KEC, submit


def _records(kel, kec):
    data = outbound.pending_batch(kel)
    env = batch.read(data, outbound.peers(kec).key_for, KEC, kec.office_keys.private_key())
    return data, [r for r in env.records if r.entity == "application"]


def test_nik_travels_as_an_hmac_under_a_secret_that_stays_home(linked):
    kel, kec = linked
    app = submit(kel)
    submit(kel)
    data, records = _records(kel, kec)
    nik = app.applicant.nik
    hashes = {r.payload["applicant_nik_hash"] for r in records}
    secret = office_nik_secret(kel.db, kel.clock)
    assert hashes == {nik_keyed_hash(nik, secret)}  # same person, same hash: the kecamatan can match
    assert all("applicant_nik" not in r.payload for r in records)
    # Trying every serial for the known region and birth date with a plain hash finds nothing.
    plain = {hashlib.sha256(f"{nik[:12]}{serial:04d}".encode()).hexdigest() for serial in range(10000)}
    assert not plain & hashes
    stored = kel.db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_KEY]).fetchone()[0]
    assert base64.b64encode(secret) not in data and stored.strip('"').encode() not in data
    audit_text = " ".join(r[0] or "" for r in kel.db.execute("SELECT after FROM audit"))
    assert stored.strip('"') not in audit_text  # the secret is never written into the audit trail


def test_another_office_gets_another_hash_for_the_same_nik(linked):
    kel, kec = linked
    nik = "3514134505900001"
    assert nik_keyed_hash(nik, office_nik_secret(kel.db, kel.clock)) != \
        nik_keyed_hash(nik, office_nik_secret(kec.db, kec.clock))
    assert office_nik_secret(kel.db, kel.clock) == office_nik_secret(kel.db, kel.clock)  # made once, kept
