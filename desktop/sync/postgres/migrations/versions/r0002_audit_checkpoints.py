"""r0002: witnessed history at the kabupaten — the audit checkpoints offices send with their batches.

Revision ID: r0002
Revises: r0001
Create Date: 2026-12-08

Each batch from an office of release 0.2 carries the head of its audit chain, signed by the office.
The receiver keeps it (this table) and signs it back in its receipt, as the kecamatan PC does
(models/migrations/m008). Rows are the sending office's own, under the same row-level security as
its records. Released: never edit; a change is a new revision.
"""

from __future__ import annotations

import hashlib

from alembic import op
from sqlalchemy import text

revision = "r0002"
down_revision = "r0001"
branch_labels = None
depends_on = None


def group_roles(database: str) -> tuple[str, str]:
    tag = hashlib.sha256(database.encode("utf-8")).hexdigest()[:12]
    return f"loket_office_{tag}", f"loket_dashboard_{tag}"


def upgrade() -> None:
    database = op.get_bind().execute(text("SELECT current_database()")).scalar_one()
    office, dashboard = group_roles(database)
    # office_code: whose chain; witnessed_by: this receiver's code; signature/signer_key: the office's
    # signature and the key it verified against when it arrived.
    op.execute("""CREATE TABLE audit_checkpoints (
        office_code TEXT NOT NULL REFERENCES offices(office_code),
        witnessed_by TEXT NOT NULL,
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL,
        signature TEXT NOT NULL,
        signer_key TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (office_code, witnessed_by, seq)
    )""")
    op.execute("ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY")
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON audit_checkpoints TO {office}")
    op.execute(f"GRANT SELECT ON audit_checkpoints TO {dashboard}")
    mine = "office_code = (SELECT loket_office())"
    op.execute(f"CREATE POLICY own_rows ON audit_checkpoints TO {office} USING ({mine}) WITH CHECK ({mine})")
    op.execute(f"CREATE POLICY dashboard_reads ON audit_checkpoints FOR SELECT TO {dashboard} USING (true)")


def downgrade() -> None:
    raise NotImplementedError("Penerima kabupaten tidak diturunkan versinya; pulihkan dari cadangan.")
