"""m031_create_backup_runs: every backup run, made or failed, with the reason.

The daily backup runs without anyone signed in, so what happened is kept in a log of its own (the
settings table only takes changes made by a signed-in admin); the reminder reads the last success.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m031_create_backup_runs(db: Database) -> None:
    db.execute(
        """CREATE TABLE backup_runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            folder TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL DEFAULT '',
            error TEXT NOT NULL DEFAULT ''
        )"""
    )
