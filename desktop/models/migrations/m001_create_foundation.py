"""m001_create_foundation: Settings, offices, catalogue, users, residents (with FTS5 search), audit trail, outbox.

Released: never edit. The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m001_create_foundation(db: Database) -> None:
    db.execute(
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE offices (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL,
            data TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE services (
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            standard TEXT NOT NULL,
            source TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_services_office ON services(office_id, position)")
    db.execute(
        """CREATE TABLE users (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            full_name TEXT NOT NULL,
            roles TEXT NOT NULL,
            jabatan TEXT NOT NULL DEFAULT '',
            nip TEXT NOT NULL DEFAULT '',
            pangkat TEXT NOT NULL DEFAULT '',
            pin_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE residents (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            nik TEXT NOT NULL UNIQUE,
            no_kk TEXT NOT NULL DEFAULT '',
            nama TEXT NOT NULL,
            tempat_lahir TEXT NOT NULL DEFAULT '',
            tanggal_lahir TEXT NOT NULL DEFAULT '',
            jenis_kelamin TEXT NOT NULL DEFAULT '',
            agama TEXT NOT NULL DEFAULT '',
            status_perkawinan TEXT NOT NULL DEFAULT '',
            pekerjaan TEXT NOT NULL DEFAULT '',
            kewarganegaraan TEXT NOT NULL DEFAULT 'WNI',
            alamat TEXT NOT NULL DEFAULT '',
            rt TEXT NOT NULL DEFAULT '',
            rw TEXT NOT NULL DEFAULT '',
            kelurahan TEXT NOT NULL DEFAULT '',
            telepon TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    # External-content FTS5 index over name and NIK, kept in step by triggers.
    db.execute(
        """CREATE VIRTUAL TABLE residents_fts USING fts5(
            nama, nik, content='residents', content_rowid='rowid',
            tokenize="unicode61 remove_diacritics 2", prefix='2 3'
        )"""
    )
    db.execute(
        """CREATE TRIGGER residents_ai AFTER INSERT ON residents BEGIN
            INSERT INTO residents_fts(rowid, nama, nik) VALUES (new.rowid, new.nama, new.nik);
        END"""
    )
    db.execute(
        """CREATE TRIGGER residents_ad AFTER DELETE ON residents BEGIN
            INSERT INTO residents_fts(residents_fts, rowid, nama, nik) VALUES ('delete', old.rowid, old.nama, old.nik);
        END"""
    )
    db.execute(
        """CREATE TRIGGER residents_au AFTER UPDATE ON residents BEGIN
            INSERT INTO residents_fts(residents_fts, rowid, nama, nik) VALUES ('delete', old.rowid, old.nama, old.nik);
            INSERT INTO residents_fts(rowid, nama, nik) VALUES (new.rowid, new.nama, new.nik);
        END"""
    )
    db.execute(
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            office_code TEXT NOT NULL,
            at TEXT NOT NULL,
            user_id TEXT,
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            before TEXT,
            after TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_audit_entity ON audit(entity, entity_id)")
