"""Encrypting a batch's records to the receiving office (libsodium sealed box via PyNaCl).

No extra key to exchange: the receiver's enrolled Ed25519 signing key is converted to its
Curve25519 encryption key (the standard birational map libsodium provides), so enrolment stays
"paste the other office's public key". Only the receiver's private key opens the records; the
manifest stays readable (and signed) so a wrong or damaged file is still named precisely.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.trust.office_keys import b64url_decode
from desktop.sync.errors import BatchCorrupt

ENCODING = "jsonl+zlib+sealedbox"


def seal(data: bytes, receiver_public_key_text: str) -> bytes:
    from nacl.bindings import crypto_sign_ed25519_pk_to_curve25519
    from nacl.public import PublicKey, SealedBox

    curve = crypto_sign_ed25519_pk_to_curve25519(b64url_decode(receiver_public_key_text))
    return SealedBox(PublicKey(curve)).encrypt(data)


def unseal(data: bytes, private_key: Ed25519PrivateKey | None) -> bytes:
    from nacl.bindings import crypto_sign_ed25519_sk_to_curve25519
    from nacl.exceptions import CryptoError
    from nacl.public import PrivateKey, SealedBox

    if private_key is None:
        raise BatchCorrupt("Isi berkas ini terenkripsi untuk kantor penerima; buka di kantor itu.")
    seed = private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                     serialization.NoEncryption())
    public = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    curve = crypto_sign_ed25519_sk_to_curve25519(seed + public)
    try:
        return SealedBox(PrivateKey(curve)).decrypt(data)
    except CryptoError:
        from desktop.sync.errors import SealedForOldKey

        raise SealedForOldKey("Isi berkas tidak dapat dibuka dengan kunci kantor ini: berkas ini bukan untuk "
                           "kantor ini atau rusak. Tidak ada data yang dimasukkan.") from None
