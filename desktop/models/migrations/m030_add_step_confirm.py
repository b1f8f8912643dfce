"""m030_add_step_confirm: a step can require its doer to confirm something first.

Kandangan's checks go on only "jika ... data kependudukan sudah terupdate": the clerk confirms that
before the step counts, and the application keeps that wording with its steps (a later catalogue
edit never changes an application in flight).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m030_add_step_confirm(db: Database) -> None:
    db.execute("ALTER TABLE application_steps ADD COLUMN confirm TEXT NOT NULL DEFAULT ''")
