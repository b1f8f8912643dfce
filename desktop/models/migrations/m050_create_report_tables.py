"""m050_create_report_tables: monthly reports sent (kelurahan) and arrived (kecamatan).

The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m050_create_report_tables(db: Database) -> None:
    # At the office: each time a month's report was sent up. A new revision only when the figures
    # changed (a letter voided later, a late entry), so the kecamatan always holds the latest.
    db.execute(
        """CREATE TABLE report_sends (
            period TEXT NOT NULL,
            revision INTEGER NOT NULL,
            digest TEXT NOT NULL,
            pdf_sha256 TEXT NOT NULL,
            xlsx_sha256 TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            sent_by TEXT NOT NULL,
            PRIMARY KEY (period, revision)
        )"""
    )
    # At the kecamatan: the latest revision of each kelurahan's monthly report, as received.
    db.execute(
        """CREATE TABLE report_arrivals (
            office_code TEXT NOT NULL,
            period TEXT NOT NULL,
            revision INTEGER NOT NULL,
            as_of TEXT NOT NULL,
            received_at TEXT NOT NULL,
            pdf_sha256 TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (office_code, period)
        )"""
    )
