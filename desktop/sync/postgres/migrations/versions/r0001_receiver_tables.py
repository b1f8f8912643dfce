"""r0001: the receiver's tables, the per-office and dashboard roles, and row-level security.

Revision ID: r0001
Revises:
Create Date: 2026-11-30

Released: never edit; a change is a new revision. Role names carry a hash of the database name,
so several receiver databases can share one PostgreSQL cluster (roles are cluster-wide).
"""

from __future__ import annotations

import hashlib

from alembic import op
from sqlalchemy import text

revision = "r0001"
down_revision = None
branch_labels = None
depends_on = None

DATA_TABLES = ("sync_events", "sync_mirror", "sync_batches", "report_arrivals")


def group_roles(database: str) -> tuple[str, str]:
    tag = hashlib.sha256(database.encode("utf-8")).hexdigest()[:12]
    return f"loket_office_{tag}", f"loket_dashboard_{tag}"


def upgrade() -> None:
    bind = op.get_bind()
    database = bind.execute(text("SELECT current_database()")).scalar_one()
    office, dashboard = group_roles(database)
    op.execute("""CREATE TABLE receiver_identity (
        singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
        office_code TEXT NOT NULL,
        name TEXT NOT NULL,
        level TEXT NOT NULL DEFAULT 'kabupaten',
        public_key TEXT NOT NULL,
        office_group_role TEXT NOT NULL,
        dashboard_role TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""")
    # One row per enrolled office: its key, its database role, and where its stream stands.
    op.execute("""CREATE TABLE offices (
        office_code TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL DEFAULT 'kelurahan',
        kecamatan TEXT NOT NULL DEFAULT '',
        public_key TEXT NOT NULL,
        db_role TEXT NOT NULL UNIQUE,
        active BOOLEAN NOT NULL DEFAULT true,
        enrolled_at TEXT NOT NULL,
        in_last_seq BIGINT NOT NULL DEFAULT 0,
        in_last_batch TEXT,
        in_last_at TEXT,
        in_batches BIGINT NOT NULL DEFAULT 0,
        in_records BIGINT NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        last_error_at TEXT
    )""")
    # Every record received, once: (sender, seq) is the idempotency key. The payload is the JSON
    # text as it travelled, so nothing a valid peer may send is refused by a stricter JSON type.
    op.execute("""CREATE TABLE sync_events (
        office_code TEXT NOT NULL REFERENCES offices(office_code),
        seq BIGINT NOT NULL,
        uuid TEXT NOT NULL,
        at TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL,
        payload TEXT NOT NULL,
        batch_id TEXT NOT NULL,
        PRIMARY KEY (office_code, seq)
    )""")
    # The latest state of each record per office, with the few fields the dashboard counts by.
    op.execute("""CREATE TABLE sync_mirror (
        office_code TEXT NOT NULL REFERENCES offices(office_code),
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        op TEXT NOT NULL,
        at TEXT NOT NULL,
        payload TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        day TEXT NOT NULL DEFAULT '',
        due_at TEXT,
        completed_at TEXT,
        PRIMARY KEY (office_code, entity, entity_id)
    )""")
    op.execute("CREATE INDEX sync_mirror_entity_day ON sync_mirror (entity, day, office_code)")
    op.execute("""CREATE TABLE sync_batches (
        office_code TEXT NOT NULL REFERENCES offices(office_code),
        batch_id TEXT NOT NULL,
        seq_from BIGINT NOT NULL,
        seq_to BIGINT NOT NULL,
        applied INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (office_code, batch_id)
    )""")
    op.execute("""CREATE TABLE report_arrivals (
        office_code TEXT NOT NULL REFERENCES offices(office_code),
        period TEXT NOT NULL,
        revision INTEGER NOT NULL,
        as_of TEXT NOT NULL,
        received_at TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (office_code, period)
    )""")
    for role in (office, dashboard):
        op.execute(f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
        END $$""")
    # The office whose role is in force: every row it may see or write carries its code. Policies call
    # it as (SELECT loket_office()), evaluated once per statement rather than once per row.
    op.execute("""CREATE FUNCTION loket_office() RETURNS TEXT LANGUAGE sql STABLE AS
        $$ SELECT office_code FROM offices WHERE db_role = current_user $$""")
    op.execute(f"GRANT EXECUTE ON FUNCTION loket_office() TO {office}")
    op.execute("ALTER TABLE offices ENABLE ROW LEVEL SECURITY")
    op.execute(f"GRANT SELECT ON offices TO {office}, {dashboard}")
    op.execute(f"GRANT UPDATE (in_last_seq, in_last_batch, in_last_at, in_batches, in_records, last_error, "
               f"last_error_at) ON offices TO {office}")
    op.execute(f"CREATE POLICY own_row ON offices TO {office} USING (db_role = current_user) "
               "WITH CHECK (db_role = current_user)")
    op.execute(f"CREATE POLICY dashboard_reads ON offices FOR SELECT TO {dashboard} USING (true)")
    for table in DATA_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"GRANT SELECT, INSERT, UPDATE ON {table} TO {office}")
        op.execute(f"GRANT SELECT ON {table} TO {dashboard}")
        mine = "office_code = (SELECT loket_office())"
        op.execute(f"CREATE POLICY own_rows ON {table} TO {office} USING ({mine}) WITH CHECK ({mine})")
        op.execute(f"CREATE POLICY dashboard_reads ON {table} FOR SELECT TO {dashboard} USING (true)")
    op.execute(f"GRANT SELECT ON receiver_identity TO {office}, {dashboard}")
    op.execute(f"GRANT {dashboard} TO CURRENT_USER")  # the receiver reads its dashboard as that role


def downgrade() -> None:
    raise NotImplementedError("Penerima kabupaten tidak diturunkan versinya; pulihkan dari cadangan.")
