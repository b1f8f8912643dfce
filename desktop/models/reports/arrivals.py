"""At the kecamatan: the monthly reports that arrived from each kelurahan, and which did not.

Stored from the sync batch (inside its transaction): the latest revision per kelurahan and month.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.reports.period import ReportPeriod
from desktop.models.reports.travel import MonthlyReport, parse


@dataclass(frozen=True)
class Arrival:
    office_code: str
    period: str
    revision: int
    received_at: str
    report: MonthlyReport


@dataclass(frozen=True)
class ArrivalCell:
    period: str
    arrived: bool
    revision: int = 0
    received_at: str = ""
    due: bool = True  # False for a month that has not ended yet (nothing is missing)


def store_arrival(db: Database, sender: str, payload: object, received_at: str) -> MonthlyReport:
    """Inside the batch's transaction; an older revision never replaces a newer one."""
    report = parse(sender, payload)
    db.execute(
        "INSERT INTO report_arrivals (office_code, period, revision, as_of, received_at, pdf_sha256, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(office_code, period) DO UPDATE SET revision = excluded.revision, "
        "as_of = excluded.as_of, received_at = excluded.received_at, pdf_sha256 = excluded.pdf_sha256, "
        "payload = excluded.payload WHERE excluded.revision > report_arrivals.revision",
        [sender, report.period, report.revision, report.as_of, received_at, report.pdf_sha256,
         jsonutil.dumps(report.model_dump(mode="json"))])
    return report


def arrivals(db: Database, period: ReportPeriod) -> dict[str, Arrival]:
    """Each kelurahan's report for one month, by office code."""
    rows = db.execute("SELECT office_code, period, revision, received_at, payload FROM report_arrivals "
                      "WHERE period = ? ORDER BY office_code", [period.key]).fetchall()
    return {r[0]: Arrival(r[0], r[1], r[2], r[3], MonthlyReport.model_validate(jsonutil.loads(r[4])))
            for r in rows}


def arrival_matrix(db: Database, offices: list[str], year: int, today_iso: str,
                   since: dict[str, str] | None = None) -> dict[str, list[ArrivalCell]]:
    """Per office, January..December of `year`: arrived (with revision and time) or missing. A month
    is due once it has ended, and only from the month the office was enrolled (`since`, ISO)."""
    rows = db.execute("SELECT office_code, period, revision, received_at FROM report_arrivals WHERE period LIKE ?",
                      [f"{year}-%"]).fetchall()
    found = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    out: dict[str, list[ArrivalCell]] = {}
    for code in offices:
        first = (since or {}).get(code, "")[:7]
        cells = []
        for month in (ReportPeriod.month(year, m) for m in range(1, 13)):
            got = found.get((code, month.key))
            due = today_iso[:10] > month.end.isoformat() and month.key >= first
            cells.append(ArrivalCell(month.key, got is not None, got[0] if got else 0, got[1] if got else "", due))
        out[code] = cells
    return out


def enrolled_since(db: Database) -> dict[str, str]:
    """When each kelurahan was enrolled here: nothing is owed for months before that."""
    return {r[0]: r[1] for r in db.execute("SELECT office_code, enrolled_at FROM sync_peers WHERE role = 'kelurahan'")}
