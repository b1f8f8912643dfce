"""m007_add_letter_replacement: one number per letter.

A re-signed letter records which number it replaces, the key that signed it, and the database
refuses a second live (TERBIT) letter for one application. Release 0.1 could leave two TERBIT
letters for one application (a signed file returned and signed again): the older ones are marked
BATAL here with the reason, before the rule is switched on (their signed revocations are made at
the first open, with the old office key — trust/office_keys.py).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations

DOUBLE = "Dibatalkan saat pembaruan aplikasi: dua nomor untuk satu permohonan, yang lebih baru berlaku"


@migrations()
def m007_add_letter_replacement(db: Database) -> None:
    db.execute("ALTER TABLE register ADD COLUMN replaces TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE register ADD COLUMN signer_key_id TEXT NOT NULL DEFAULT ''")
    doubles = db.execute(
        "SELECT application_id FROM register WHERE status = 'terbit' AND application_id IS NOT NULL "
        "GROUP BY application_id HAVING count(*) > 1").fetchall()
    for (app_id,) in doubles:
        rows = db.execute("SELECT id, created_at FROM register WHERE application_id = ? AND status = 'terbit' "
                          "ORDER BY created_at, seq", [app_id]).fetchall()
        for entry_id, created_at in rows[:-1]:
            db.execute("UPDATE register SET status = 'batal', void_reason = ?, voided_at = ?, voided_by = 'Sistem' "
                       "WHERE id = ?", [DOUBLE, created_at, entry_id])
    db.execute("CREATE UNIQUE INDEX register_one_live_letter ON register(application_id) "
               "WHERE status = 'terbit' AND application_id IS NOT NULL")
