"""m004_create_register: The letter register and its per-year counters.

Released: never edit. The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m004_create_register(db: Database) -> None:
    # Buku register surat keluar. A number, once given, stays: voided letters keep it (BATAL).
    db.execute(
        """CREATE TABLE register (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            scope TEXT NOT NULL,
            seq INTEGER NOT NULL,
            number TEXT NOT NULL,
            classification TEXT NOT NULL,
            letter_date TEXT NOT NULL,
            subject TEXT NOT NULL,
            recipient TEXT NOT NULL,
            nik_hash TEXT NOT NULL DEFAULT '',
            application_id TEXT REFERENCES applications(id),
            service_id TEXT,
            signer_name TEXT NOT NULL,
            signer_role TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'terbit',
            void_reason TEXT,
            voided_at TEXT,
            voided_by TEXT,
            manual INTEGER NOT NULL DEFAULT 0,
            content_sha256 TEXT NOT NULL DEFAULT '',
            qr_payload TEXT NOT NULL DEFAULT '',
            letter TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (office_code, year, scope, seq)
        )"""
    )
    db.execute("CREATE INDEX idx_register_date ON register(letter_date)")
    db.execute(
        """CREATE TABLE register_counters (
            year INTEGER NOT NULL,
            scope TEXT NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (year, scope)
        )"""
    )
    db.execute("ALTER TABLE applications ADD COLUMN register_id TEXT")
    db.execute("ALTER TABLE users ADD COLUMN signature_path TEXT NOT NULL DEFAULT ''")
