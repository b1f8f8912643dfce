"""Schema, one append-only migration per change, applied in order, each atomically with its record.

One module per migration (`mNNN_verb_noun.py`), imported below in the order they apply.
Never edit a released migration: a change to the schema is a new module at the end of the list.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.errors import DatabaseError
from desktop.models.migrations import (
    m001_create_foundation,  # noqa: F401
    m002_create_applications,  # noqa: F401
    m003_create_queue,  # noqa: F401
    m004_create_register,  # noqa: F401
    m005_create_sync,  # noqa: F401
    m006_create_key_directory,  # noqa: F401
    m007_add_letter_replacement,  # noqa: F401
    m008_create_audit_checkpoints,  # noqa: F401
    m009_create_received_letters,  # noqa: F401
    m020_namespace_sync_batches,  # noqa: F401
    m030_add_step_confirm,  # noqa: F401
    m031_create_backup_runs,  # noqa: F401
    m040_create_survey,  # noqa: F401
    m041_create_complaints,  # noqa: F401
    m042_create_notifications,  # noqa: F401
    m050_create_report_tables,  # noqa: F401
    m060_add_inbox_roles,  # noqa: F401
    m061_index_applications_by_nik,  # noqa: F401
)
from desktop.models.migrations.registry import migrations


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
