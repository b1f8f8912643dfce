"""Encrypted backups: the whole database (the office's signing key included) in one file that only
the passphrase opens. The only way the private key leaves the PC.

Format: b"LOKETBAK1" + 16-byte salt + 12-byte nonce + AES-256-GCM(ciphertext of the SQLite file).
The key comes from scrypt(passphrase, salt); GCM's tag makes a wrong passphrase or a damaged file
fail loudly instead of restoring garbage.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlite_utils import Database

from desktop.models.errors import ValidationError

MAGIC = b"LOKETBAK1"
MIN_PASSPHRASE = 10


def _key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**15, r=8, p=1, maxmem=64 * 1024 * 1024,
                          dklen=32)


def create_backup(db: Database, out: Path, passphrase: str) -> int:
    """Write an encrypted, consistent copy (SQLite's online backup: works while the app runs)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"Kata sandi cadangan minimal {MIN_PASSPHRASE} karakter.")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        target = sqlite3.connect(copy)
        try:
            db.conn.backup(target)
        finally:
            target.close()
        plain = copy.read_bytes()
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, MAGIC)
    tmp_out = out.with_suffix(out.suffix + ".tmp")
    tmp_out.write_bytes(MAGIC + salt + nonce + sealed)
    os.replace(tmp_out, out)  # a half-written backup never replaces a good one
    return len(plain)


def restore_backup(path: Path, passphrase: str, target: Path) -> None:
    """Decrypt into `target` (which must not exist: restoring never overwrites live data)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if target.exists():
        raise ValidationError(f"{target} sudah ada; pulihkan ke berkas baru agar data sekarang tidak tertimpa.")
    data = path.read_bytes()
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 28 + 16:
        raise ValidationError(f"{path.name} bukan berkas cadangan Loket.")
    salt = data[len(MAGIC):len(MAGIC) + 16]
    nonce = data[len(MAGIC) + 16:len(MAGIC) + 28]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, data[len(MAGIC) + 28:], MAGIC)
    except InvalidTag:
        raise ValidationError("Kata sandi cadangan salah, atau berkas cadangan rusak.") from None
    target.write_bytes(plain)
