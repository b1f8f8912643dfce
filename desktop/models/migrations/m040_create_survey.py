"""m040_create_survey: SKM answers (anonymous), and the SKM step's recorded outcome.

The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m040_create_survey(db: Database) -> None:
    # One row per questionnaire. Anonymous on purpose: no name, NIK, application number or time of
    # day, only the date — so an answer cannot be traced back to the citizen who gave it.
    db.execute(
        """CREATE TABLE survey_responses (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            day TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('kiosk', 'kertas', 'impor')),
            service_id TEXT NOT NULL DEFAULT '',
            service_name TEXT NOT NULL DEFAULT '',
            jenis_kelamin TEXT NOT NULL DEFAULT '',
            umur TEXT NOT NULL DEFAULT '',
            pendidikan TEXT NOT NULL DEFAULT '',
            pekerjaan TEXT NOT NULL DEFAULT '',
            u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
            u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
            u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
            u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
            u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
            u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
            u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
            u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
            u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
            saran TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX survey_responses_day ON survey_responses(day)")
    # The workflow's SKM step (named in several decrees) is done only against one of these rows:
    # a questionnaire really filled in, or the respondent's explicit refusal.
    db.execute(
        """CREATE TABLE survey_step_outcomes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            application_id TEXT NOT NULL REFERENCES applications(id),
            step_idx INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('diisi', 'menolak')),
            day TEXT NOT NULL,
            service_id TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            used INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX survey_step_outcomes_app ON survey_step_outcomes(application_id, step_idx)")
