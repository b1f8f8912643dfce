"""m042_create_notifications: messages to citizens (SMS), their delivery states and retries.

The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m042_create_notifications(db: Database) -> None:
    # antre: waiting for the modem; terkirim: the modem accepted it (+CMGS reference); diterima: the
    # network reported delivery to the phone; gagal: given up after the retries (can be retried by hand).
    db.execute(
        """CREATE TABLE notifications (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            application_id TEXT REFERENCES applications(id),
            application_number TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT 'sms',
            phone TEXT NOT NULL,
            text TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'antre' CHECK (state IN ('antre', 'terkirim', 'diterima', 'gagal')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT NOT NULL DEFAULT '',
            modem_ref INTEGER,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            delivered_at TEXT,
            trigger_key TEXT NOT NULL UNIQUE
        )"""
    )
    db.execute("CREATE INDEX notifications_state ON notifications(state, next_attempt_at)")
    db.execute("CREATE INDEX notifications_ref ON notifications(modem_ref)")
