"""Encrypting private keys at rest (libsodium through PyNaCl).

* An official's keys: XSalsa20-Poly1305 (`SecretBox`) under a key made from their PIN by argon2id
  (memory-hard: every guess costs `KdfParams.key_mem` of memory) and then mixed, with BLAKE2b, with
  the device secret. Without the device secret the PIN alone opens nothing; without the PIN the
  device secret alone opens nothing.
* The sync key: the same box under a key made from the device secret alone (it signs batches in
  the background, when nobody is there to type a PIN).
* A root-key share for a new admin whose PIN is not at hand: sealed (`SealedBox`) to that person's
  own signing key, opened and re-wrapped under their PIN the next time they type it.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.errors import LoketError
from desktop.models.trust.kdf import KdfParams
from desktop.models.trust.keys import b64url_decode, b64url_encode

SALT_BYTES = 16


class CustodyError(LoketError):
    """A key cannot be opened or used here (wrong PIN, missing device secret, no key yet)."""


def new_salt() -> bytes:
    from nacl.utils import random

    return random(SALT_BYTES)


def pin_unlock_key(pin: str, salt: bytes, ops: int, mem: int, device_secret: bytes) -> bytes:
    """The 32-byte key that opens one person's wraps: argon2id(PIN) mixed with the device secret."""
    from nacl.encoding import RawEncoder
    from nacl.hash import blake2b
    from nacl.pwhash import argon2id

    stretched = argon2id.kdf(32, pin.encode("utf-8"), salt, opslimit=ops, memlimit=mem)
    return blake2b(stretched, digest_size=32, key=device_secret, person=b"loket-kunci-pin", encoder=RawEncoder)


def device_unlock_key(device_secret: bytes) -> bytes:
    from nacl.encoding import RawEncoder
    from nacl.hash import blake2b

    return blake2b(b"kunci-sinkronisasi", digest_size=32, key=device_secret, person=b"loket-perangkat",
                   encoder=RawEncoder)


def params_valid(params: KdfParams) -> bool:
    from nacl.pwhash import argon2id

    return (argon2id.OPSLIMIT_MIN <= params.key_ops <= argon2id.OPSLIMIT_MAX
            and argon2id.MEMLIMIT_MIN <= params.key_mem <= argon2id.MEMLIMIT_MAX)


def seed_of(private: Ed25519PrivateKey) -> bytes:
    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())


def wrap(seed: bytes, unlock_key: bytes) -> str:
    from nacl.secret import SecretBox

    return b64url_encode(bytes(SecretBox(unlock_key).encrypt(seed)))


def unwrap(blob: str, unlock_key: bytes) -> Ed25519PrivateKey:
    from nacl.exceptions import CryptoError
    from nacl.secret import SecretBox

    try:
        seed = SecretBox(unlock_key).decrypt(b64url_decode(blob))
    except (CryptoError, ValueError):
        raise CustodyError("Kunci tanda tangan tidak dapat dibuka dengan PIN ini di komputer ini. Bila basis "
                           "data dipindah dari komputer lain, pulihkan dengan berkas cadangan (kata sandi "
                           "cadangan) agar rahasia perangkat ikut pindah.") from None
    return Ed25519PrivateKey.from_private_bytes(seed)


def seal_to(seed: bytes, recipient_public_text: str) -> str:
    from nacl.bindings import crypto_sign_ed25519_pk_to_curve25519
    from nacl.public import PublicKey, SealedBox

    curve = crypto_sign_ed25519_pk_to_curve25519(b64url_decode(recipient_public_text))
    return b64url_encode(bytes(SealedBox(PublicKey(curve)).encrypt(seed)))


def open_sealed(blob: str, recipient: Ed25519PrivateKey) -> Ed25519PrivateKey:
    from nacl.bindings import crypto_sign_ed25519_sk_to_curve25519
    from nacl.exceptions import CryptoError
    from nacl.public import PrivateKey, SealedBox

    public = recipient.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    curve = crypto_sign_ed25519_sk_to_curve25519(seed_of(recipient) + public)
    try:
        return Ed25519PrivateKey.from_private_bytes(SealedBox(PrivateKey(curve)).decrypt(b64url_decode(blob)))
    except (CryptoError, ValueError):
        raise CustodyError("Bagian kunci kantor untuk admin ini rusak; minta admin lain membagikannya ulang.") from None
