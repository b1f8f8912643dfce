"""Signed letter QR: round trip, tampering, foreign keys, content digest, PNG through zbarimg.

Decision (documented in desktop/printing/qr.py): a QR signed with another office's key but
naming a registered office is "diubah" (forged for that office); a QR naming an office that is
not registered here is "tidak_dikenal", whatever key signed it.
"""

import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.trust.keys import key_id, public_key_text
from desktop.printing.qr import (
    LetterClaim,
    VerifyStatus,
    applicant_subject,
    content_digest,
    decode_qr_image,
    nik_hash,
    qr_png,
    sign_claim,
    subject_hash,
    verify_against_content,
    verify_payload,
)

CODE = "424.301.1.04"
NIK = "3514126508900003"
FIELDS = {"nama": "Siti Aminah", "nik": NIK, "keperluan": "Pendaftaran sekolah", "alamat": "RT 002 RW 001"}
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools not installed")


class Keys:
    """One office's signing key and the fixed map that trusts it (the directory is tested elsewhere)."""

    def __init__(self) -> None:
        self.private = Ed25519PrivateKey.generate()
        self.public = public_key_text(self.private.public_key())
        self.known = {CODE: self.public}

    def private_key(self) -> Ed25519PrivateKey:
        return self.private

    def trusted(self) -> dict[str, str]:
        return self.known


@pytest.fixture
def keys() -> Keys:
    return Keys()



def _claim(**changes) -> LetterClaim:
    values = dict(office_code=CODE, number="470/012/424.301.1.04/2026", date="2026-11-24",
                  service="Surat Keterangan Tidak Mampu", signer="Drs. Bambang Purnomo",
                  nik_hash=nik_hash(NIK, CODE), content_sha256=content_digest(FIELDS), key_id="")
    values.update(changes)
    return LetterClaim(**values)


def test_new_letters_name_their_signing_key_and_verify_by_it(keys):
    claim = _claim(key_id=key_id(keys.public))
    payload = sign_claim(keys.private_key(), claim)
    assert payload.startswith("LK2.") and len(payload) < 320
    assert verify_payload(payload, keys.trusted()).claim == claim
    assert verify_payload(payload, keys.trusted()).status == "asli"
    other = Keys()  # a key the office never certified, named in a forged QR
    forged = sign_claim(other.private_key(), _claim(key_id=key_id(other.public)))
    assert verify_payload(forged, keys.trusted()).status == "tidak_dikenal"


@pytest.mark.parametrize(("kind", "applicant_kind", "document"), [
    ("paspor", "wna", "C1234567"), ("lembaga", "lembaga", "AHU-0012345.AH.01.07"),
    ("desa", "desa", "35.14.10.2001"), ("tanpa", "umum", "")])
def test_applicants_without_a_nik_get_a_claim_too(keys, kind, applicant_kind, document):
    subject, identifier = applicant_subject(applicant_kind, "", document)
    assert subject == kind
    hashed = subject_hash(subject, identifier, CODE)
    claim = _claim(key_id=key_id(keys.public), subject=subject, nik_hash=hashed)
    result = verify_payload(sign_claim(keys.private_key(), claim), keys.trusted())
    assert result.status == "asli" and result.claim.subject == kind
    if document:
        assert document not in sign_claim(keys.private_key(), claim)
        assert hashed == subject_hash(subject, f" {document.lower()} ", CODE)  # as the clerk types it
    else:
        assert hashed == "0" * 16


def test_round_trip_is_genuine_with_a_clerk_readable_message(keys):
    payload = sign_claim(keys.private_key(), _claim())
    result = verify_payload(payload, keys.trusted())
    assert result.status == "asli" and result.claim == _claim()
    assert result.message == ("Surat ASLI: nomor 470/012/424.301.1.04/2026, Surat Keterangan Tidak Mampu, "
                              "diterbitkan 24 November 2026 oleh kantor 424.301.1.04, "
                              "ditandatangani Drs. Bambang Purnomo.")


def test_payload_is_short_and_scanner_safe(keys):
    payload = sign_claim(keys.private_key(), _claim())
    assert payload.startswith("LK1.") and len(payload) < 300
    assert set(payload) <= set(B64URL + ".") | set("LK1.")
    assert NIK not in payload and "Siti" not in payload


@pytest.mark.parametrize("part", ["body", "signature"])
def test_every_single_character_change_is_caught(keys, part):
    payload = sign_claim(keys.private_key(), _claim())
    trusted = keys.trusted()
    start = len("LK1.") if part == "body" else payload.rindex(".") + 1
    end = payload.rindex(".") if part == "body" else len(payload)
    verdicts = set()
    for i in range(start, end):
        swapped = B64URL[(B64URL.index(payload[i]) + 1) % 64]
        result = verify_payload(payload[:i] + swapped + payload[i + 1:], trusted)
        assert result.status != VerifyStatus.ASLI, f"change at {i} passed"
        verdicts.add(result.status)
    assert VerifyStatus.DIUBAH in verdicts


def test_changed_signature_is_diubah(keys):
    payload = sign_claim(keys.private_key(), _claim())
    i = payload.rindex(".") + 5
    tampered = payload[:i] + ("A" if payload[i] != "A" else "B") + payload[i + 1:]
    result = verify_payload(tampered, keys.trusted())
    assert result.status == "diubah" and result.message.startswith("Surat TELAH DIUBAH atau QR palsu")


def test_other_office_key_claiming_this_office_is_diubah(keys):
    forger = Ed25519PrivateKey.generate()
    result = verify_payload(sign_claim(forger, _claim()), keys.trusted())
    assert result.status == "diubah"


def test_unregistered_office_is_tidak_dikenal(keys):
    other = Ed25519PrivateKey.generate()
    result = verify_payload(sign_claim(other, _claim(office_code="424.301.9.99")), keys.trusted())
    assert result.status == "tidak_dikenal"
    assert result.message == "Kantor 424.301.9.99 tidak dikenal: kunci publiknya belum didaftarkan."


def test_registered_kelurahan_key_verifies_at_the_kecamatan(keys):
    kelurahan = Ed25519PrivateKey.generate()
    keys.known["424.301.1.05"] = public_key_text(kelurahan.public_key())
    result = verify_payload(sign_claim(kelurahan, _claim(office_code="424.301.1.05")), keys.trusted())
    assert result.status == "asli"


@pytest.mark.parametrize("text", ["", "https://example.com", "LK1.", "LK1.abc", "LK1.a.b.c", "LK2.AAAA.AAAA",
                                  "LK1.!!!!.AAAA"])
def test_unreadable_payload_is_tidak_dikenal(keys, text):
    result = verify_payload(text, keys.trusted())
    assert result.status == "tidak_dikenal" and result.claim is None


def test_content_digest_mismatch_is_diubah(keys):
    genuine = verify_payload(sign_claim(keys.private_key(), _claim()), keys.trusted())
    assert verify_against_content(genuine, dict(FIELDS)).status == "asli"
    altered = verify_against_content(genuine, {**FIELDS, "keperluan": "Pinjaman bank"})
    assert altered.status == "diubah" and "isi surat tidak sama" in altered.message


def test_content_digest_is_canonical():
    assert content_digest({"b": 1, "a": "é"}) == content_digest({"a": "é", "b": 1})
    assert content_digest({"a": "1"}) != content_digest({"a": 1})
    assert len(content_digest(FIELDS)) == 64


def test_nik_hash_is_short_salted_and_stable():
    assert nik_hash(NIK, CODE) == nik_hash(f" {NIK} ", CODE)
    assert len(nik_hash(NIK, CODE)) == 16 and NIK not in nik_hash(NIK, CODE)
    assert nik_hash(NIK, CODE) != nik_hash(NIK, "424.301.1.05")
    assert nik_hash(NIK, CODE) != nik_hash("3514126508900004", CODE)


def test_qr_png_is_a_png(keys):
    data = qr_png(sign_claim(keys.private_key(), _claim()))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


@needs_zbar
def test_qr_png_decodes_back_to_the_exact_payload(keys, tmp_path):
    payload = sign_claim(keys.private_key(), _claim())
    image = tmp_path / "qr.png"
    image.write_bytes(qr_png(payload))
    assert decode_qr_image(image) == [payload]
    assert verify_payload(decode_qr_image(image)[0], keys.trusted()).status == "asli"


@needs_zbar
def test_image_without_qr_gives_empty_list(tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("L", (120, 120), 255).save(blank)
    assert decode_qr_image(blank) == []


def test_missing_zbarimg_is_a_clear_error(monkeypatch, tmp_path):
    from desktop.printing import qr

    monkeypatch.setattr(qr.shutil, "which", lambda name: None)
    with pytest.raises(qr.QrError, match="zbar-tools"):
        decode_qr_image(tmp_path / "x.png")
