"""m005_create_sync: The kecamatan link: peers, batches sent and received, Tipe B files.

Released: never edit. The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m005_create_sync(db: Database) -> None:
    # Tables of the kecamatan link. Both ends use them: a kelurahan has one peer (its kecamatan),
    # a kecamatan one peer per enrolled kelurahan.
    # role: "kelurahan" = an office enrolled here that sends up to us;
    #       "kecamatan" = the office we send up to (a kelurahan has exactly one).
    db.execute(
        """CREATE TABLE sync_peers (
            office_code TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            public_key TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            enrolled_at TEXT NOT NULL,
            enrolled_by TEXT NOT NULL DEFAULT '',
            in_last_seq INTEGER NOT NULL DEFAULT 0,
            in_last_batch TEXT,
            in_last_at TEXT,
            in_batches INTEGER NOT NULL DEFAULT 0,
            in_records INTEGER NOT NULL DEFAULT 0,
            out_acked_seq INTEGER NOT NULL DEFAULT 0,
            out_acked_at TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            last_error_at TEXT
        )"""
    )
    # Every record received, once: (sender, seq) is the idempotency key.
    db.execute(
        """CREATE TABLE sync_events (
            office_code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            uuid TEXT NOT NULL,
            at TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL,
            payload TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            PRIMARY KEY (office_code, seq)
        )"""
    )
    # The latest state of each travelling record per sender (what dashboards count).
    db.execute(
        """CREATE TABLE sync_mirror (
            office_code TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            op TEXT NOT NULL,
            at TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (office_code, entity, entity_id)
        )"""
    )
    db.execute(
        """CREATE TABLE sync_batches (
            batch_id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            seq_from INTEGER NOT NULL,
            seq_to INTEGER NOT NULL,
            applied INTEGER NOT NULL,
            received_at TEXT NOT NULL
        )"""
    )
    # Downlink stream, one sequence per kelurahan: decisions, announcements, catalogue updates.
    db.execute(
        """CREATE TABLE sync_downlink (
            to_office TEXT NOT NULL,
            seq INTEGER NOT NULL,
            uuid TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL,
            payload TEXT NOT NULL,
            source_key TEXT UNIQUE,
            PRIMARY KEY (to_office, seq)
        )"""
    )
    # Tipe B at the kecamatan: the kelurahan's application and the one decided here.
    db.execute(
        """CREATE TABLE sync_tipe_b (
            office_code TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            remote_number TEXT NOT NULL,
            local_id TEXT,
            state TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            PRIMARY KEY (office_code, remote_id)
        )"""
    )
    db.execute("CREATE INDEX idx_sync_tipe_b_local ON sync_tipe_b(local_id)")
