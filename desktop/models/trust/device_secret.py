"""The device secret: 32 random bytes this PC keeps outside the database.

Every private key is encrypted with a key that mixes this secret in (with an official's PIN, or
alone for the background sync key). The secret lives in the operating system's credential store
through `keyring` (Windows Credential Manager/DPAPI, macOS Keychain, Secret Service); where no
store exists it is a file readable only by this user (0600) next to — never inside — the
database. A database copied without it holds no key anyone can use.

The secret is named after the database's binding id (a random id kept in the database), so two
offices' databases on one PC never share a secret, and a copy of a database finds nothing on
another PC.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Protocol

SERVICE = "Loket Kelurahan"
SECRET_BYTES = 32


class SecretStore(Protocol):
    """Where device secrets are kept; `where` says it in words for the README/screens."""

    where: str

    def get(self, name: str) -> bytes | None: ...

    def put(self, name: str, secret: bytes) -> None: ...


class KeyringStore:
    """The OS credential store (values stored as hex text)."""

    where = "penyimpanan kredensial sistem operasi"

    def __init__(self, backend: object) -> None:
        self.backend = backend

    def get(self, name: str) -> bytes | None:
        value = self.backend.get_password(SERVICE, name)  # type: ignore[attr-defined]
        return bytes.fromhex(value) if value else None

    def put(self, name: str, secret: bytes) -> None:
        self.backend.set_password(SERVICE, name, secret.hex())  # type: ignore[attr-defined]


class FileStore:
    """One file per secret in `folder`, readable and writable by this user only."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where = f"berkas {folder / '*.kunci-perangkat'} (hanya pengguna ini)"

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.kunci-perangkat"

    def get(self, name: str) -> bytes | None:
        path = self._path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        return bytes.fromhex(data.decode("ascii").strip())

    def put(self, name: str, secret: bytes) -> None:
        path = self._path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret.hex())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)


class MemoryStore:
    """For an in-memory database: the secret lives and dies with the process."""

    where = "memori (basis data sementara)"

    def __init__(self) -> None:
        self._secrets: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        return self._secrets.get(name)

    def put(self, name: str, secret: bytes) -> None:
        self._secrets[name] = secret


def store_for(db_path: str | None) -> SecretStore:
    """The OS credential store when one works here, else a user-only file beside the database."""
    if not db_path:
        return MemoryStore()
    backend = _usable_keyring()
    if backend is not None:
        return KeyringStore(backend)
    return FileStore(Path(db_path).resolve().parent)


def _usable_keyring() -> object | None:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken credential store falls back to the file
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return backend


class DeviceSecret:
    """The secret of one database on this PC (created on first need)."""

    def __init__(self, store: SecretStore, binding: str) -> None:
        self.store, self.binding = store, binding

    @property
    def name(self) -> str:
        return f"perangkat-{self.binding}"

    def get(self, *, create: bool = False) -> bytes | None:
        secret = self.store.get(self.name)
        if secret is None and create:
            secret = secrets.token_bytes(SECRET_BYTES)
            self.store.put(self.name, secret)
        return secret

    def put(self, secret: bytes) -> None:
        """Restoring a backup onto a new PC puts its secret here (a deliberate step: the passphrase)."""
        self.store.put(self.name, secret)
