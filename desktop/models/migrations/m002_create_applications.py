"""m002_create_applications: Applications, their steps and history.

Released: never edit. The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


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
