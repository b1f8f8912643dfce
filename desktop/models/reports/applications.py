"""Applications in a period per service: received, finished, rejected, cancelled, still open at its end.

"Finished" is the moment the letter was ready (completed_at), the same moment the time limit is
measured against; a rejection or cancellation counts on the day it was decided (its history event).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from desktop.models.applications.status import Status
from desktop.models.reports.period import ReportPeriod


@dataclass(frozen=True)
class AppRow:
    """One application as the report sees it (timestamps ISO with offset)."""

    service_id: str
    service_version: int
    service_name: str
    received_at: str
    completed_at: str | None
    due_at: str | None
    status: str
    closed_at: str | None  # when it was rejected or cancelled


@dataclass(frozen=True)
class ApplicationCount:
    service: str
    received: int
    finished: int
    rejected: int
    cancelled: int
    open_at_end: int


_CLOSING = (Status.DITOLAK.value, Status.DIBATALKAN.value)


def application_rows(db: Database, period: ReportPeriod) -> list[AppRow]:
    """Every submitted application that matters for the period: received by its end, and not
    closed before it started."""
    start, end = period.start.isoformat(), period.end.isoformat()
    rows = db.execute(
        "SELECT a.service_id, a.service_version, a.service_name, a.received_at, a.completed_at, a.due_at, a.status, "
        "(SELECT max(e.at) FROM application_events e WHERE e.application_id = a.id AND e.to_status IN (?, ?)) "
        "FROM applications a WHERE a.status != ? AND substr(a.received_at, 1, 10) <= ? "
        "ORDER BY a.received_at, a.number",
        [*_CLOSING, Status.DRAF.value, end]).fetchall()
    out = [AppRow(*r) for r in rows]
    return [r for r in out if not _closed_before(r, start)]


def _closed_before(row: AppRow, start: str) -> bool:
    done = row.completed_at and row.completed_at[:10] < start
    closed = row.status in _CLOSING and row.closed_at and row.closed_at[:10] < start
    return bool(done or closed)


def in_period(stamp: str | None, period: ReportPeriod) -> bool:
    return bool(stamp) and period.start.isoformat() <= stamp[:10] <= period.end.isoformat()


def is_open_at(row: AppRow, moment: str) -> bool:
    """Received and neither finished nor closed at `moment` (local time, ISO without offset: every
    stored stamp is in the office's own zone, so comparing the first 19 characters is exact)."""
    if row.received_at[:19] > moment:
        return False
    if row.completed_at and row.completed_at[:19] <= moment:
        return False
    return not (row.status in _CLOSING and row.closed_at and row.closed_at[:19] <= moment)


def end_moment(period: ReportPeriod, as_of: str) -> str:
    """The end of the period, or the moment the data stops if the period is still running."""
    last = datetime.combine(period.end, datetime.max.time()).isoformat(timespec="seconds")
    return min(last[:19], as_of[:19])


def application_counts(rows: list[AppRow], period: ReportPeriod, as_of: str) -> list[ApplicationCount]:
    moment = end_moment(period, as_of)
    tally: dict[str, list[int]] = {}
    for r in rows:
        counts = tally.setdefault(r.service_name, [0, 0, 0, 0, 0])
        counts[0] += in_period(r.received_at, period)
        counts[1] += in_period(r.completed_at, period)
        counts[2] += r.status == Status.DITOLAK.value and in_period(r.closed_at, period)
        counts[3] += r.status == Status.DIBATALKAN.value and in_period(r.closed_at, period)
        counts[4] += is_open_at(r, moment)
    out = [ApplicationCount(name, *c) for name, c in tally.items() if any(c)]
    return sorted(out, key=lambda c: (-c.received, c.service))


def total(counts: list[ApplicationCount]) -> ApplicationCount:
    return ApplicationCount("Jumlah", sum(c.received for c in counts), sum(c.finished for c in counts),
                            sum(c.rejected for c in counts), sum(c.cancelled for c in counts),
                            sum(c.open_at_end for c in counts))
