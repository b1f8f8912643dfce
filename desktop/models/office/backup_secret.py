"""The passphrase the daily backup runs with, kept on this PC and never in the database.

A copy of the database file must not carry the key to its own backups (which hold the office's
signing key). The passphrase lives in a file of its own in the user's data folder, readable by this
user only; the backup screen asks for it once and the daily run reads it from there.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.models.errors import ValidationError
from desktop.models.office.backup import MIN_PASSPHRASE

FILE_NAME = "cadangan-otomatis.kunci"


class BackupSecret:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def has(self) -> bool:
        return self.path.exists()

    def get(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except OSError:
            raise ValidationError("Kata sandi cadangan otomatis belum disimpan di komputer ini. "
                                  "Isi di menu Cadangan Data.") from None

    def put(self, passphrase: str, repeat: str) -> None:
        if passphrase != repeat:
            raise ValidationError("Kata sandi cadangan dan ulangannya tidak sama.")
        if len(passphrase) < MIN_PASSPHRASE:
            raise ValidationError(f"Kata sandi cadangan minimal {MIN_PASSPHRASE} karakter.")
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # this user only
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(passphrase)
        os.replace(tmp, self.path)
