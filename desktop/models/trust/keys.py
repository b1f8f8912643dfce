"""Ed25519 keys as text, their short ids, and signed statements (certificates, revocations).

A statement is canonical JSON (sorted keys, compact) after a domain tag that says what it is, so a
signature made for one purpose can never be replayed as another (a certificate is not a batch).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.models import jsonutil

KEY_BYTES = 32
KEY_ID_BYTES = 8  # 16 hex characters in tables, 8 bytes in a QR

# What a signature vouches for (the tag is signed with the statement).
CERTIFICATE = "loket-sertifikat-kunci-v1"  # an office's root key vouches for one of its keys
KEY_STATUS = "loket-status-kunci-v1"  # an office's root key retires or revokes one of its keys
REVOCATION = "loket-pembatalan-surat-v1"  # an office cancels one of its letters
ENDORSEMENT = "loket-pengesahan-kantor-v1"  # a kecamatan vouches for a kelurahan's root key
HANDOVER = "loket-serah-kunci-v1"  # a release-0.1 office key hands sync over to the new sync key
DIRECTORY = "loket-direktori-kunci-v1"  # a kecamatan's signed key directory
CHECKPOINT = "loket-titik-audit-v1"  # an office's audit chain head, witnessed by the kecamatan

_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict decoding: only the canonical spelling is accepted.

    Lenient decoders ignore the spare low bits of the last character, so two different
    texts would decode to the same bytes; for signed QR payloads that would let a changed
    character pass unnoticed. Raises ValueError.
    """
    if not text or any(c not in _ALPHABET for c in text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc
    if b64url_encode(data) != text:
        raise ValueError("non-canonical base64url")
    return data


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """Parse a public key written as 43 base64url characters; ValueError if it is not one."""
    raw = b64url_decode(text.strip())
    if len(raw) != KEY_BYTES:
        raise ValueError("wrong key length")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    return b64url_encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_text_of(private: Ed25519PrivateKey) -> str:
    return public_key_text(private.public_key())


def key_id(public_text: str) -> str:
    """16 hex characters naming a key (SHA-256 of the raw public key); a QR carries its 8 bytes."""
    return hashlib.sha256(b64url_decode(public_text)).hexdigest()[:2 * KEY_ID_BYTES]


def fingerprint(public_text: str) -> str:
    """The key id in groups of four, for reading aloud over the phone: 'a1b2-c3d4-e5f6-0718'."""
    kid = key_id(public_text)
    return "-".join(kid[i:i + 4] for i in range(0, len(kid), 4))


def statement_bytes(tag: str, fields: dict[str, Any]) -> bytes:
    return tag.encode("ascii") + b"\n" + jsonutil.dumps(fields).encode("utf-8")


def sign_statement(private: Ed25519PrivateKey, tag: str, fields: dict[str, Any]) -> str:
    return b64url_encode(private.sign(statement_bytes(tag, fields)))


def verify_statement(public_text: str, signature: str, tag: str, fields: dict[str, Any]) -> bool:
    try:
        public_key_from_text(public_text).verify(b64url_decode(signature), statement_bytes(tag, fields))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
