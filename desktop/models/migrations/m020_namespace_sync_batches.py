"""m020_namespace_sync_batches: received batches are keyed by (sender, batch id).

A batch id is chosen by the sender; keyed by the id alone, one kelurahan could overwrite
another's row by reusing its id. The table is rebuilt with the sender in the key; rows kept.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m020_namespace_sync_batches(db: Database) -> None:
    db.execute(
        """CREATE TABLE sync_batches_new (
            office_code TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            seq_from INTEGER NOT NULL,
            seq_to INTEGER NOT NULL,
            applied INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (office_code, batch_id)
        )"""
    )
    db.execute(
        "INSERT INTO sync_batches_new (office_code, batch_id, seq_from, seq_to, applied, received_at) "
        "SELECT office_code, batch_id, seq_from, seq_to, applied, received_at FROM sync_batches"
    )
    db.execute("DROP TABLE sync_batches")
    db.execute("ALTER TABLE sync_batches_new RENAME TO sync_batches")
