"""m008_create_audit_checkpoints: witnessed history.

Each sync batch carries a checkpoint of the sender's audit chain (the last entry's number and hash,
signed by the sender). The receiving kecamatan keeps it and signs it back in its receipt; the
sender keeps that witnessed copy. A chain rewritten or cut short after a witnessed checkpoint no
longer matches it (`loket check`), however carefully every hash was recomputed.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m008_create_audit_checkpoints(db: Database) -> None:
    # office_code: whose chain; witnessed_by: the office that holds it (the kecamatan for a kelurahan's
    # checkpoint). signature/signer_key: the kecamatan's signature on a witnessed checkpoint (kept by
    # the kelurahan), or the kelurahan's on a received one (kept by the kecamatan).
    db.execute(
        """CREATE TABLE audit_checkpoints (
            office_code TEXT NOT NULL,
            witnessed_by TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            at TEXT NOT NULL,
            signature TEXT NOT NULL,
            signer_key TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (office_code, witnessed_by, seq)
        )"""
    )
