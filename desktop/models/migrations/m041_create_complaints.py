"""m041_create_complaints: the complaint register (pengaduan), its history and yearly numbers.

The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m041_create_complaints(db: Database) -> None:
    # Fields offices keep in their complaint book, plus deadlines. `anonymous`: no identity at all;
    # `confidential`: identity kept but shown only to those who handle complaints (Perpres 76/2013).
    db.execute(
        """CREATE TABLE complaints (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            number TEXT NOT NULL UNIQUE,
            received_at TEXT NOT NULL,
            channel TEXT NOT NULL,
            anonymous INTEGER NOT NULL DEFAULT 0,
            confidential INTEGER NOT NULL DEFAULT 0,
            complainant_name TEXT NOT NULL DEFAULT '',
            complainant_nik TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL,
            description TEXT NOT NULL,
            reported_party TEXT NOT NULL DEFAULT '',
            location TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL,
            service_id TEXT NOT NULL DEFAULT '',
            service_name TEXT NOT NULL DEFAULT '',
            application_id TEXT REFERENCES applications(id),
            unsur TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'baru' CHECK (status IN ('baru', 'diproses', 'selesai', 'ditutup')),
            assignee_id TEXT,
            assignee_name TEXT NOT NULL DEFAULT '',
            first_response_due TEXT NOT NULL,
            resolution_due TEXT NOT NULL,
            first_response_at TEXT,
            resolved_at TEXT,
            resolution TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX complaints_status ON complaints(status, resolution_due)")
    db.execute("CREATE INDEX complaints_application ON complaints(application_id)")
    db.execute(
        """CREATE TABLE complaint_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            complaint_id TEXT NOT NULL REFERENCES complaints(id),
            at TEXT NOT NULL,
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE TABLE complaint_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)")
