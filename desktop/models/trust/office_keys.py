"""Each office's Ed25519 signing key, and the public keys of offices whose letters it trusts.

The private key signs the QR on every letter; anyone holding the public key can check that
QR offline. A kecamatan keeps the public keys of its kelurahan so it can check their letters.

Keys are stored as base64url text (no padding) in the settings table, so they are backed up
with the data. The private key never leaves this module in text form: it is not shown, not
exported and not written to the audit trail (only the public half is audited).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.models import audit, jsonutil
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import LoketError, ValidationError
from desktop.models.settings import OfficeProfile, SettingsRepository

SIGNING_KEY = "office_signing_key"
TRUSTED_KEYS = "trusted_office_keys"
KEY_BYTES = 32


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


_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """Parse a public key written as 43 base64url characters; ValueError if it is not one."""
    raw = b64url_decode(text.strip())
    if len(raw) != KEY_BYTES:
        raise ValueError("wrong key length")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return b64url_encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


class OfficeKeys:
    """Repository for this office's key pair and the trusted public keys of other offices."""

    def __init__(self, settings: SettingsRepository) -> None:
        self.settings = settings

    # -- own key ---------------------------------------------------------------------------

    def ensure_key(self, actor: audit.Actor) -> str:
        """Create the office key pair once; return the public key text (same on every call)."""
        with transaction(self.settings.db):
            stored = self._stored_key()
            if stored is not None:
                return str(stored["public"])
            private = Ed25519PrivateKey.generate()
            public = public_key_text(private.public_key())
            self._write(SIGNING_KEY, {"public": public, "private": b64url_encode(private.private_bytes_raw())},
                        actor, audited={"public": public})
            return public

    def has_key(self) -> bool:
        return self._stored_key() is not None

    def public_key(self) -> str:
        return str(self._require_key()["public"])

    def private_key(self) -> Ed25519PrivateKey:
        """For signing inside the app only; there is deliberately no way to get it as text."""
        return Ed25519PrivateKey.from_private_bytes(b64url_decode(str(self._require_key()["private"])))

    # -- trusted keys ------------------------------------------------------------------------

    def trust(self, office_code: str, public_key_b64: str, actor: audit.Actor) -> None:
        """Record another office's public key (a kecamatan holds those of its kelurahan)."""
        from desktop.models.users.accounts import authorized_actor
        from desktop.models.users.roles import Permission

        actor = authorized_actor(actor, Permission.MANAGE_KEYS)
        code = office_code.strip()
        key = public_key_b64.strip()
        if not code:
            raise ValidationError("Kode kantor wajib diisi untuk mendaftarkan kunci publik.")
        try:
            public_key_from_text(key)
        except ValueError as exc:
            raise ValidationError(
                f"Kunci publik untuk kantor {code} tidak sah: harus 43 karakter base64url "
                "seperti yang ditampilkan di menu kunci kantor asal. Periksa salinannya."
            ) from exc
        own = self._stored_key()
        if code == self._own_code() and own is not None and own["public"] != key:
            raise ValidationError(
                f"Kode kantor {code} adalah kantor ini sendiri; kuncinya tidak dapat diganti dari sini."
            )
        keys = dict(self.settings.get_raw(TRUSTED_KEYS, {}) or {})
        keys[code] = key
        self.settings.put_raw(TRUSTED_KEYS, keys, actor)

    def trusted(self) -> dict[str, str]:
        """Office code → public key text, including this office's own key when it exists."""
        keys: dict[str, str] = dict(self.settings.get_raw(TRUSTED_KEYS, {}) or {})
        own = self._stored_key()
        code = self._own_code()
        if own is not None and code:
            keys[code] = str(own["public"])
        return keys

    # -- storage -----------------------------------------------------------------------------

    def _own_code(self) -> str:
        return self.settings.get(OfficeProfile).office_code.strip()

    def _stored_key(self) -> dict[str, Any] | None:
        value = self.settings.get_raw(SIGNING_KEY)
        return value if isinstance(value, dict) and value.get("public") and value.get("private") else None

    def _require_key(self) -> dict[str, Any]:
        stored = self._stored_key()
        if stored is None:
            raise LoketError("Kunci tanda tangan kantor belum dibuat. Selesaikan pengaturan kantor terlebih dahulu.")
        return stored

    def _write(self, key: str, value: Any, actor: audit.Actor, *, audited: Any) -> None:
        # Not SettingsRepository.put_raw: that audits the full value, which would copy the
        # private key into the audit trail (and into every export or sync of it).
        db, clock = self.settings.db, self.settings.clock
        db["settings"].upsert(
            {"key": key, "value": jsonutil.dumps(value), "updated_at": iso(clock.now()),
             "updated_by": actor.name},
            pk="key",
        )
        audit.record(db, clock, actor, "settings.update", "settings", key, after=audited)
