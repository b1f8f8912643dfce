"""Failure 6 of issue 10: neighbouring offices could not verify each other's letters.

Reproduced on the old main: after a kelurahan and its kecamatan enrolled each other for sync, the
kecamatan still answered "Kantor … tidak dikenal" for the kelurahan's genuine letter (QR trust
lived in a second list nothing filled). Now one key directory carries every office's keys and
revocations up to the kecamatan and down to every kelurahan, versioned, checked offline.
"""

from __future__ import annotations

import pytest

from desktop.models.errors import ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.printing.qr import verify_payload
from desktop.sync import directory_file
from desktop.sync.peers import ROLE_KECAMATAN, ROLE_KELURAHAN, PeerRepository
from tests.identities import admin_actor
from tests.sync.sync_helpers import KEC, issue_letter, make_office, push


@pytest.fixture
def kelurahan_b(tmp_path, seeded_template, clock, kec):
    b = make_office(tmp_path, seeded_template, clock, "KBW", "Kebonsari Wetan")
    PeerRepository(kec.db, kec.clock).enroll("KBW", b.office_keys.public_key(), admin_actor(kec), role=ROLE_KELURAHAN)
    PeerRepository(b.db, b.clock).enroll(KEC, kec.office_keys.public_key(), admin_actor(b), role=ROLE_KECAMATAN)
    yield b
    b.db.conn.close()


def _kecamatan_admin_signs_in(kec):
    """The kecamatan's root key vouches for newly met kelurahan when its admin types their PIN."""
    kec.users.authenticate("admin", DEMO_PIN)


def test_the_kecamatan_verifies_its_kelurahans_letter_after_one_sync(linked):
    kel, kec = linked
    letter = issue_letter(kel)
    assert verify_payload(letter.qr_payload, kec.directory).status == "tidak_dikenal"  # nothing synced yet
    push(kel, kec)
    result = verify_payload(letter.qr_payload, kec.directory)
    assert result.status == "asli", result.message


def test_every_kelurahan_verifies_every_other_offline_and_sees_cancellations(linked, kelurahan_b):
    kel, kec = linked
    letter = issue_letter(kel)
    push(kel, kec)
    _kecamatan_admin_signs_in(kec)
    push(kelurahan_b, kec)  # B's downlink carries the directory with KBK's endorsed root and keys
    assert verify_payload(letter.qr_payload, kelurahan_b.directory).status == "asli"
    # And the other way round: B's letter at KBK.
    b_letter = issue_letter(kelurahan_b)
    push(kelurahan_b, kec)
    _kecamatan_admin_signs_in(kec)
    push(kel, kec)
    assert verify_payload(b_letter.qr_payload, kel.directory).status == "asli"
    # KBK cancels its letter: the signed revocation reaches B through the kecamatan.
    kel.register.void(letter.id, kel.users.by_role(Role.LURAH)[0], "Salah ketik alamat", pin=DEMO_PIN)
    push(kel, kec)
    assert verify_payload(letter.qr_payload, kec.directory).status == "dibatalkan"
    push(kelurahan_b, kec)
    cancelled = verify_payload(letter.qr_payload, kelurahan_b.directory)
    assert cancelled.status == "dibatalkan" and "Salah ketik alamat" in cancelled.message


def test_an_older_directory_is_not_applied_over_a_newer_one(linked, kelurahan_b):
    kel, kec = linked
    old = directory_file.build_document(kec, for_office="KBW")
    issue_letter(kel)
    push(kel, kec)
    _kecamatan_admin_signs_in(kec)
    push(kelurahan_b, kec)
    newer = kelurahan_b.db.execute("SELECT version FROM key_directory_versions WHERE issuer = ?", [KEC]).fetchone()[0]
    assert newer > old["version"]
    assert directory_file.apply_document(kelurahan_b, old, issuer=KEC) == 0  # replayed: ignored
    assert kelurahan_b.db.execute("SELECT version FROM key_directory_versions").fetchone()[0] == newer


def test_a_directory_cannot_slip_in_a_key_its_office_never_certified(linked, kelurahan_b):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.models.trust.custody import certificate_fields
    from desktop.models.trust.keys import CERTIFICATE, key_id, public_key_text, sign_statement

    kel, kec = linked
    push(kel, kec)
    _kecamatan_admin_signs_in(kec)
    document = directory_file.build_document(kec, for_office="KBW")
    fake_root, fake = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    public = public_key_text(fake.public_key())
    entry = {"office_code": "KBK", "key_id": key_id(public), "kind": "official", "public_key": public,
             "holder_id": "x", "holder_name": "Pemalsu", "valid_from": "2026-11-24"}
    entry |= {"certified_by": key_id(public_key_text(fake_root.public_key())),
              "certificate": sign_statement(fake_root, CERTIFICATE, certificate_fields(entry))}
    document["keys"].append(entry)
    document["version"] += 1
    directory_file.apply_document(kelurahan_b, document, issuer=KEC)
    assert kelurahan_b.directory.key("KBK", entry["key_id"]) is None


def test_directory_file_for_an_office_outside_the_kecamatan(linked, tmp_path, seeded_template, clock):
    kel, kec = linked
    letter = issue_letter(kel)
    push(kel, kec)
    _kecamatan_admin_signs_in(kec)
    data = directory_file.export_file(kec)
    outside = make_office(tmp_path, seeded_template, clock, "LUAR", "Kelurahan Luar")
    try:
        assert verify_payload(letter.qr_payload, outside.directory).status == "tidak_dikenal"
        assert "Sidik kunci induk" in directory_file.describe_file(data)
        tampered = data.replace(b"KBK", b"KBX", 1)
        with pytest.raises(ValidationError, match="tidak sah|bukan direktori"):
            directory_file.import_file(outside, tampered, admin_actor(outside))
        clerk = outside.users.authenticate("petugas", DEMO_PIN)
        with pytest.raises(Exception, match="berwenang|PIN"):
            directory_file.import_file(outside, data, clerk.actor())
        directory_file.import_file(outside, data, admin_actor(outside))
        assert verify_payload(letter.qr_payload, outside.directory).status == "asli"
    finally:
        outside.db.conn.close()


def test_a_key_retired_at_a_pin_reset_is_refused_elsewhere_for_later_letters(linked, clock):
    """The old key's retirement is signed by the office's root and travels: a letter dated after it,
    signed with the old key (someone who stole it), is not genuine at the kecamatan either."""
    from desktop.models.trust.keys import key_id, public_key_text
    from desktop.printing.qr import LetterClaim, content_digest, sign_claim

    kel, kec = linked
    lurah = kel.users.by_role(Role.LURAH)[0]
    stolen, row = kel.users.signing_key(kel.users.confirm(lurah.id, DEMO_PIN))
    issue_letter(kel)
    push(kel, kec)
    admin = kel.users.confirm(kel.users.authenticate("admin", DEMO_PIN).id, DEMO_PIN)
    kel.users.reset_pin(lurah.id, "864213", admin)
    clock.advance(days=1)
    push(kel, kec)
    late = LetterClaim("KBK", "470/099/KBK/2026", clock.now().date().isoformat(), "Surat", lurah.full_name,
                       "00" * 8, content_digest({}), key_id=key_id(public_key_text(stolen.public_key())))
    forged = sign_claim(stolen, late)
    assert verify_payload(forged, kel.directory).status == "diubah"
    assert verify_payload(forged, kec.directory).status == "diubah"
    assert row["key_id"] == late.key_id
