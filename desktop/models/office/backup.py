"""Encrypted backups: the whole database plus this PC's device secret, in one file that only the
backup passphrase opens. Restoring it (the deliberate step) is how an office moves to a new PC.

The database alone holds every private key only encrypted under PIN + device secret
(trust/custody.py), so the backup must carry the device secret too, or the restored office could
not sign. That is why the passphrase matters: whoever has the file and the passphrase has what a
copy of the whole PC gives (they still need an official's PIN to sign a letter).

Format 2: b"LOKETBAK2" + 16-byte salt + 12-byte nonce + AES-256-GCM of
``{"device_binding": ..., "device_secret": hex}\\n`` followed by the SQLite file. The key comes from
scrypt(passphrase, salt); GCM's tag makes a wrong passphrase or a damaged file fail loudly.
Format 1 (release 0.1, database only) still restores.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.errors import ValidationError
from desktop.models.trust.device_secret import DeviceSecret, store_for

MAGIC, MAGIC_V1 = b"LOKETBAK2", b"LOKETBAK1"
MIN_PASSPHRASE = 10
_HEAD = len(MAGIC) + 16 + 12


def _key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**15, r=8, p=1, maxmem=64 * 1024 * 1024,
                          dklen=32)


def _device_of(db: Database) -> tuple[str, bytes | None]:
    row = db.execute("SELECT value FROM settings WHERE key = 'device_binding'").fetchone()
    if row is None:
        return "", None
    binding = str(jsonutil.loads(row[0]))
    path = db.execute("PRAGMA database_list").fetchone()[2]
    return binding, DeviceSecret(store_for(path or None), binding).get()


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
    binding, secret = _device_of(db)
    header = json.dumps({"device_binding": binding, "device_secret": secret.hex() if secret else ""}).encode()
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, header + b"\n" + plain, MAGIC)
    tmp_out = out.with_suffix(out.suffix + ".tmp")
    tmp_out.write_bytes(MAGIC + salt + nonce + sealed)
    os.replace(tmp_out, out)  # a half-written backup never replaces a good one
    return len(plain)


def restore_backup(path: Path, passphrase: str, target: Path) -> None:
    """Decrypt into `target` (which must not exist: restoring never overwrites live data), and put the
    device secret where the office at `target` will look for it on this PC."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if target.exists():
        raise ValidationError(f"{target} sudah ada; pulihkan ke berkas baru agar data sekarang tidak tertimpa.")
    data = path.read_bytes()
    magic = data[:len(MAGIC)]
    if magic not in (MAGIC, MAGIC_V1) or len(data) < _HEAD + 16:
        raise ValidationError(f"{path.name} bukan berkas cadangan Loket.")
    salt, nonce = data[len(MAGIC):len(MAGIC) + 16], data[len(MAGIC) + 16:_HEAD]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, data[_HEAD:], magic)
    except InvalidTag:
        raise ValidationError("Kata sandi cadangan salah, atau berkas cadangan rusak.") from None
    device: dict = {}
    if magic == MAGIC:
        cut = plain.index(b"\n")
        device, plain = json.loads(plain[:cut]), plain[cut + 1:]
    target.write_bytes(plain)
    if device.get("device_binding") and device.get("device_secret"):
        DeviceSecret(store_for(str(target)), device["device_binding"]).put(bytes.fromhex(device["device_secret"]))
