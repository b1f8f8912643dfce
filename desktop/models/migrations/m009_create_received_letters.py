"""m009_create_received_letters: a Tipe B letter signed at the kecamatan comes back to be printed.

The kecamatan's decision brings the letter itself (its words, the camat's signed QR and the
kecamatan's letterhead), so the kelurahan prints the same letter and anyone can verify it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m009_create_received_letters(db: Database) -> None:
    db.execute(
        """CREATE TABLE received_letters (
            application_id TEXT PRIMARY KEY REFERENCES applications(id),
            office_code TEXT NOT NULL,
            number TEXT NOT NULL,
            letter TEXT NOT NULL,
            letterhead TEXT NOT NULL,
            qr_payload TEXT NOT NULL,
            signer TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL
        )"""
    )
