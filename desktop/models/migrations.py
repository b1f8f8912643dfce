"""Schema, one append-only migration per change. Never edit a migration once released."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from desktop.models.errors import DatabaseError

migrations = Migrations("loket")


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



@migrations()
def m002_create_applications(db: Database) -> None:
    db.execute(
        """CREATE TABLE applications (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            number TEXT NOT NULL UNIQUE,
            request_key TEXT NOT NULL UNIQUE,
            service_id TEXT NOT NULL,
            service_name TEXT NOT NULL,
            service_version INTEGER NOT NULL,
            standard TEXT NOT NULL,
            applicant_kind TEXT NOT NULL,
            resident_id TEXT REFERENCES residents(id),
            applicant TEXT NOT NULL,
            applicant_name TEXT NOT NULL,
            applicant_nik TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL,
            status TEXT NOT NULL,
            active_step INTEGER,
            received_at TEXT NOT NULL,
            complete_at TEXT,
            due_at TEXT,
            completed_at TEXT,
            handed_over_at TEXT,
            closed_reason TEXT,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_applications_status ON applications(status, received_at)")
    db.execute("CREATE INDEX idx_applications_nik ON applications(applicant_nik, service_id)")
    db.execute(
        """CREATE TABLE application_requirements (
            application_id TEXT NOT NULL REFERENCES applications(id),
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            required INTEGER NOT NULL,
            received INTEGER NOT NULL,
            copy_kind TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            attachment TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (application_id, idx)
        )"""
    )
    db.execute(
        """CREATE TABLE application_steps (
            application_id TEXT NOT NULL REFERENCES applications(id),
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            roles TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            returns_to INTEGER,
            needs_pin INTEGER NOT NULL,
            auto INTEGER NOT NULL,
            external INTEGER NOT NULL DEFAULT 0,
            also TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            done_by TEXT,
            done_by_name TEXT,
            done_role TEXT,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (application_id, idx)
        )"""
    )
    db.execute(
        """CREATE TABLE application_events (
            seq INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            application_id TEXT NOT NULL REFERENCES applications(id),
            at TEXT NOT NULL,
            user_id TEXT,
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            step_idx INTEGER,
            from_status TEXT,
            to_status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX idx_app_events ON application_events(application_id, seq)")
    db.execute(
        """CREATE TABLE application_counters (
            day TEXT PRIMARY KEY,
            last INTEGER NOT NULL
        )"""
    )
    # Outbox for the kecamatan link: appended in the same transaction as the change it carries.
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            office_code TEXT NOT NULL,
            at TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL,
            payload TEXT NOT NULL
        )"""
    )



@migrations()
def m003_create_queue(db: Database) -> None:
    from desktop.models.queue_schema import create_queue_tables

    create_queue_tables(db)



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



@migrations()
def m005_create_sync(db: Database) -> None:
    from desktop.sync.schema import create_sync_tables

    create_sync_tables(db)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def migrate(db: Database) -> None:
    """Apply pending migrations; refuse a database that a newer Loket has written."""
    applied = {m.name for m in migrations.applied(db)}
    unknown = sorted(applied - set(known_names()))
    if unknown:
        raise DatabaseError(
            "Basis data ini dibuat oleh versi Loket Kelurahan yang lebih baru "
            f"(perubahan skema tidak dikenal: {', '.join(unknown)}). "
            "Pasang versi terbaru aplikasi; basis data tidak diubah."
        )
    migrations.apply(db)
