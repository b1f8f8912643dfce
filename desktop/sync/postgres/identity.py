"""Who the kabupaten receiver is: its office code, name and key pair.

The private key lives in a file beside the server (mode 0600), not in the database: a copy of the
database alone cannot sign receipts or open sealed records. The database keeps the public half.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.errors import ValidationError
from desktop.models.trust.office_keys import public_key_text
from desktop.sync.errors import SyncError


@dataclass(frozen=True)
class Identity:
    office_code: str
    name: str
    level: str
    public_key: str
    office_group_role: str
    dashboard_role: str


def load_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise SyncError(f"Kunci penerima {path} tidak dapat dibaca: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SyncError(f"Berkas {path} bukan kunci Ed25519 penerima Loket.")
    return key


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    path = Path(path)
    if path.exists():
        return load_key(path)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return key


def read_identity(conn: Any) -> Identity:
    row = conn.execute("SELECT office_code, name, level, public_key, office_group_role, dashboard_role "
                       "FROM receiver_identity").fetchone()
    if row is None:
        raise SyncError("Penerima kabupaten belum diberi identitas: jalankan loket kabupaten init.")
    return Identity(*row)


def init_receiver(url: str, office_code: str, name: str, key_file: Path, now: str) -> Identity:
    """Create (or bring up to date) the schema, the key file and the identity row. Re-running with
    the same code is harmless; another code or another key is refused."""
    import psycopg

    from desktop.sync.postgres.database import group_roles, migrate

    code, name = office_code.strip(), name.strip()
    if not code or not name:
        raise ValidationError("Kode dan nama penerima kabupaten wajib diisi.")
    migrate(url)
    public = public_key_text(load_or_create_key(key_file).public_key())
    with psycopg.connect(url) as conn:
        database = conn.execute("SELECT current_database()").fetchone()[0]
        office, dashboard = group_roles(database)
        current = conn.execute("SELECT office_code, public_key FROM receiver_identity").fetchone()
        if current is not None and (current[0] != code or current[1] != public):
            raise ValidationError(f"Basis data ini sudah milik penerima {current[0]} dengan kunci lain; "
                                  "tidak diubah.")
        conn.execute("INSERT INTO receiver_identity (office_code, name, public_key, office_group_role, "
                     "dashboard_role, created_at) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (singleton) "
                     "DO UPDATE SET name = excluded.name", [code, name, public, office, dashboard, now])
        return read_identity(conn)
