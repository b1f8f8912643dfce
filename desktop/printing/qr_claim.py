"""What a letter's QR says, in as few bytes as a USB scanner types reliably.

Payload text: ``LK2.<body>.<signature>``, both parts base64url without padding. The body::

    1 byte subject kind | 8 bytes subject hash | 8 bytes signer key id | 32 bytes content SHA-256 |
    UTF-8 "office␟number␟date␟service␟signer␟replaces"

The Ed25519 signature (the signing official's own key, named by the key id) covers ``b"LK2." +
body``. The subject is the applicant: a NIK, a passport/KITAS number, a lembaga's registration,
a desa's code, or none; only a keyed hash travels, enough to confirm what the checker already holds.
Letters issued by release 0.1 carry ``LK1.`` (no key id, no subject kind; the office key signed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models import jsonutil
from desktop.models.trust.keys import KEY_ID_BYTES, b64url_decode, b64url_encode

PREFIX = "LK2."
LEGACY_PREFIX = "LK1."
PREFIXES = (PREFIX, LEGACY_PREFIX)
_SEP = "\x1f"  # ASCII unit separator: cannot occur in names, numbers or dates typed by clerks
_NIK_HASH_BYTES = 8
_DIGEST_BYTES = 32
_NIK_ITERATIONS = 20_000

# Who the letter is for, by the document that identifies them (Applicant.kind → subject).
SUBJECTS = {"nik": 1, "paspor": 2, "lembaga": 3, "desa": 4, "tanpa": 0}
SUBJECT_LABELS = {"nik": "NIK", "paspor": "nomor paspor/KITAS", "lembaga": "nomor registrasi lembaga",
                  "desa": "kode desa", "tanpa": "tanpa nomor identitas"}
_KIND_SUBJECT = {"penduduk": "nik", "wna": "paspor", "lembaga": "lembaga", "desa": "desa"}


@dataclass(frozen=True)
class LetterClaim:
    """What the QR vouches for: who issued which letter, when, to whom (hashed), with what content."""

    office_code: str
    number: str
    date: str  # ISO date
    service: str
    signer: str
    nik_hash: str  # subject_hash(): 16 hex characters (all zeros when there is no identifier)
    content_sha256: str  # content_digest(): 64 hex characters
    key_id: str = ""  # the signing key (16 hex); empty in 0.1 letters
    subject: str = "nik"  # nik | paspor | lembaga | desa | tanpa
    replaces: str = ""  # the number of the cancelled letter this one takes the place of

    @property
    def legacy(self) -> bool:
        return not self.key_id


def nik_hash(nik: str, office_code: str) -> str:
    """16 hex characters that confirm a NIK the clerk already holds, without revealing it.

    Salted with the office code and stretched (PBKDF2-HMAC-SHA256): a NIK has little entropy
    (region, birth date, serial), so a plain hash could be reversed by trying every NIK.
    """
    raw = hashlib.pbkdf2_hmac("sha256", nik.strip().encode("utf-8"),
                              f"loket-nik:{office_code.strip()}".encode(), _NIK_ITERATIONS)
    return raw[:_NIK_HASH_BYTES].hex()


def subject_hash(subject: str, identifier: str, office_code: str) -> str:
    """Like nik_hash for any identifier (salted with its kind too); zeros when there is none."""
    if subject == "tanpa" or not identifier.strip():
        return "00" * _NIK_HASH_BYTES
    if subject == "nik":
        return nik_hash(identifier, office_code)
    raw = hashlib.pbkdf2_hmac("sha256", " ".join(identifier.upper().split()).encode("utf-8"),
                              f"loket-{subject}:{office_code.strip()}".encode(), _NIK_ITERATIONS)
    return raw[:_NIK_HASH_BYTES].hex()


def applicant_subject(kind: str, nik: str, document: str) -> tuple[str, str]:
    """(subject kind, identifier) for an applicant: NIK for residents, the document otherwise."""
    subject = _KIND_SUBJECT.get(kind, "tanpa")
    identifier = nik if subject == "nik" else document
    if not identifier.strip():
        return "tanpa", ""
    return subject, identifier


def content_digest(fields: dict[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON (sorted keys, compact) of the letter's content fields."""
    return hashlib.sha256(jsonutil.dumps(fields).encode("utf-8")).hexdigest()


def _texts(claim: LetterClaim) -> list[str]:
    texts = [claim.office_code, claim.number, claim.date, claim.service, claim.signer]
    if not claim.legacy:
        texts.append(claim.replaces)
    if any(_SEP in t for t in texts):
        raise ValueError("claim text contains the field separator")
    return texts


def encode(claim: LetterClaim) -> tuple[str, bytes]:
    """(prefix, body) of a claim; ValueError when a field does not fit."""
    if len(claim.nik_hash) != 2 * _NIK_HASH_BYTES or len(claim.content_sha256) != 2 * _DIGEST_BYTES:
        raise ValueError("nik_hash or content_sha256 has the wrong length")
    texts = _SEP.join(_texts(claim)).encode("utf-8")
    if claim.legacy:
        return LEGACY_PREFIX, bytes.fromhex(claim.nik_hash) + bytes.fromhex(claim.content_sha256) + texts
    if len(claim.key_id) != 2 * KEY_ID_BYTES or claim.subject not in SUBJECTS:
        raise ValueError("key id or subject kind is wrong")
    head = (bytes([SUBJECTS[claim.subject]]) + bytes.fromhex(claim.nik_hash) + bytes.fromhex(claim.key_id)
            + bytes.fromhex(claim.content_sha256))
    return PREFIX, head + texts


def decode(prefix: str, body: bytes) -> LetterClaim:
    """ValueError/UnicodeDecodeError when the body is not a well-formed claim."""
    if prefix == LEGACY_PREFIX:
        head = _NIK_HASH_BYTES + _DIGEST_BYTES
        if len(body) < head:
            raise ValueError("body too short")
        texts = body[head:].decode("utf-8").split(_SEP)
        if len(texts) != 5:
            raise ValueError("wrong field count")
        date.fromisoformat(texts[2])
        return LetterClaim(*texts, body[:_NIK_HASH_BYTES].hex(), body[_NIK_HASH_BYTES:head].hex())
    head = 1 + _NIK_HASH_BYTES + KEY_ID_BYTES + _DIGEST_BYTES
    if len(body) < head:
        raise ValueError("body too short")
    kinds = {v: k for k, v in SUBJECTS.items()}
    if body[0] not in kinds:
        raise ValueError("unknown subject kind")
    texts = body[head:].decode("utf-8").split(_SEP)
    if len(texts) != 6:
        raise ValueError("wrong field count")
    office, number, issued, service, signer, replaces = texts
    date.fromisoformat(issued)
    at = 1 + _NIK_HASH_BYTES
    return LetterClaim(office, number, issued, service, signer, body[1:at].hex(),
                       body[at + KEY_ID_BYTES:head].hex(), key_id=body[at:at + KEY_ID_BYTES].hex(),
                       subject=kinds[body[0]], replaces=replaces)


def sign_claim(private_key: Ed25519PrivateKey, claim: LetterClaim) -> str:
    """The QR text for a letter."""
    prefix, body = encode(claim)
    signature = private_key.sign(prefix.encode("ascii") + body)
    return f"{prefix}{b64url_encode(body)}.{b64url_encode(signature)}"


def split_payload(text: str) -> tuple[str, bytes, bytes] | None:
    """(prefix, body, signature) of a Loket QR text; None when it is not one (ValueError if damaged)."""
    text = text.strip()
    prefix = next((p for p in PREFIXES if text.startswith(p)), None)
    if prefix is None:
        return None
    parts = text[len(prefix):].split(".")
    if len(parts) != 2:
        raise ValueError("wrong part count")
    return prefix, b64url_decode(parts[0]), b64url_decode(parts[1])
