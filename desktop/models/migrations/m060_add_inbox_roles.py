"""m060_add_inbox_roles: the inbox answered by an index.

`applications.inbox_roles` holds, as a bit set, the roles that may do the active step of an open,
submitted application (0 for drafts and closed files), so a user's inbox, its order, its page and
its counts come from one partial covering index instead of reading every open file. The bits and
the rule are written out here as they were when this migration was made; the application
aggregate keeps the column from now on.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations

BITS = {"admin": 1, "petugas": 2, "kasi": 4, "sekretaris_lurah": 8, "lurah": 16, "sekretaris_camat": 32,
        "camat": 64, "koordinator": 128}
NOT_WAITING = ("draf", "diambil", "ditolak", "dibatalkan")


@migrations()
def m060_add_inbox_roles(db: Database) -> None:
    db.execute("ALTER TABLE applications ADD COLUMN inbox_roles INTEGER NOT NULL DEFAULT 0")
    bits = " ".join(f"WHEN '{role}' THEN {bit}" for role, bit in BITS.items())
    db.execute(
        f"""UPDATE applications SET inbox_roles = coalesce((
                SELECT sum(DISTINCT CASE r.value {bits} ELSE 0 END)
                FROM application_steps s, json_each(s.roles) r
                WHERE s.application_id = applications.id AND s.idx = applications.active_step), 0)
            WHERE active_step IS NOT NULL AND status NOT IN ({", ".join("?" for _ in NOT_WAITING)})""",
        list(NOT_WAITING))
    db.execute("CREATE INDEX applications_inbox ON applications(received_at, inbox_roles, due_at, completed_at) "
               "WHERE inbox_roles != 0")
