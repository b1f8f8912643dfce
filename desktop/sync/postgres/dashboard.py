"""The kabupaten dashboard's figures, read as the read-only dashboard role in a read-only transaction:
which offices are active, whose monthly reports are late, letters per month and type, and time-limit
compliance per office. Each query is timed (the benchmark prints the times)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from psycopg import sql

from desktop.models.applications.status import CLOSED, Status
from desktop.models.reports.period import ReportPeriod

ACTIVE_DAYS = 7


@dataclass(frozen=True)
class OfficeActivity:
    office_code: str
    name: str
    kecamatan: str
    level: str
    last_at: str | None
    records: int
    active: bool  # sent something in the last ACTIVE_DAYS days
    last_error: str
    reports: int  # monthly reports of the year that arrived
    last_month_report: str | None  # when last month's report arrived


@dataclass(frozen=True)
class LateReport:
    office_code: str
    name: str
    kecamatan: str
    missing: list[str]  # periods of the year that have ended without a report


@dataclass(frozen=True)
class LettersByKind:
    kind: str
    per_month: list[int]  # January..December

    @property
    def total(self) -> int:
        return sum(self.per_month)


@dataclass(frozen=True)
class OfficeSla:
    office_code: str
    name: str
    finished: int
    on_time: int
    late: int
    open_late: int

    @property
    def on_time_pct(self) -> float | None:
        return round(100 * self.on_time / (self.on_time + self.late), 1) if self.on_time + self.late else None


@dataclass
class Dashboard:
    receiver: str
    now: str
    year: int
    month: int
    offices: list[OfficeActivity] = field(default_factory=list)
    late: list[LateReport] = field(default_factory=list)
    letters: list[LettersByKind] = field(default_factory=list)
    sla: list[OfficeSla] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def letters_per_month(self) -> list[int]:
        return [sum(row.per_month[m] for row in self.letters) for m in range(12)]


def _timed(board: Dashboard, name: str, conn: Any, query: str, args: Any) -> list[tuple]:
    start = time.perf_counter()
    rows = conn.execute(query, args).fetchall()
    board.timings_ms[name] = (time.perf_counter() - start) * 1000
    return rows


def load_dashboard(conn: Any, dashboard_role: str, receiver: str, now: datetime, year: int,
                   month: int) -> Dashboard:
    """`conn` is a fresh connection (no transaction open); nothing is written."""
    board = Dashboard(receiver, now.isoformat(timespec="seconds"), year, month)
    period = ReportPeriod.month(year, month)
    last_month = ReportPeriod.month(now.year - (now.month == 1), 12 if now.month == 1 else now.month - 1)
    since = datetime.fromtimestamp(now.timestamp() - ACTIVE_DAYS * 86400, now.tzinfo).isoformat(timespec="seconds")
    with conn.transaction():
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(dashboard_role)))
        rows = _timed(board, "kantor aktif", conn,
                      "SELECT o.office_code, o.name, o.kecamatan, o.level, o.in_last_at, o.in_records, o.last_error, "
                      "count(r.period), max(r.received_at) FILTER (WHERE r.period = %s), o.enrolled_at FROM offices o "
                      "LEFT JOIN report_arrivals r ON r.office_code = o.office_code AND r.period LIKE %s "
                      "WHERE o.active GROUP BY o.office_code ORDER BY o.kecamatan, o.office_code",
                      [last_month.key, f"{year}-%"])
        board.offices = [OfficeActivity(r[0], r[1] or r[0], r[2], r[3], r[4], int(r[5]),
                                        bool(r[4]) and r[4][:19] >= since[:19], r[6], int(r[7]), r[8]) for r in rows]
        enrolled = {r[0]: r[9][:7] for r in rows}
        arrived = {(r[0], r[1]) for r in _timed(board, "laporan terlambat", conn,
                                                 "SELECT office_code, period FROM report_arrivals WHERE period LIKE %s",
                                                 [f"{year}-%"])}
        ended = [ReportPeriod.month(year, m).key for m in range(1, 13)
                 if ReportPeriod.month(year, m).has_ended(now.date())]
        for o in board.offices:  # nothing is owed for months before the office was enrolled
            missing = [p for p in ended if (o.office_code, p) not in arrived and p >= enrolled[o.office_code]]
            if missing:
                board.late.append(LateReport(o.office_code, o.name, o.kecamatan, missing))
        tally: dict[str, list[int]] = {}
        for kind, m, count in _timed(board, "surat per bulan dan jenis", conn,
                                     "SELECT kind, substr(day, 6, 2), count(*) FROM sync_mirror WHERE entity = 'register' "
                                     "AND status <> 'batal' AND day >= %s AND day <= %s GROUP BY 1, 2",
                                     [f"{year}-01-01", f"{year}-12-31"]):
            tally.setdefault(kind or "(tanpa perihal)", [0] * 12)[int(m) - 1] += int(count)
        board.letters = sorted((LettersByKind(k, v) for k, v in tally.items()), key=lambda r: (-r.total, r.kind))
        closed = [s.value for s in CLOSED] + [Status.DRAF.value]
        names = {o.office_code: o.name for o in board.offices}
        sla = _timed(board, "SLA per kantor", conn,
                     "SELECT office_code, "
                     "count(*) FILTER (WHERE completed_at >= %(lo)s AND completed_at < %(hi)s), "
                     "count(*) FILTER (WHERE completed_at >= %(lo)s AND completed_at < %(hi)s AND due_at IS NOT NULL "
                     "AND left(completed_at, 19) <= left(due_at, 19)), "
                     "count(*) FILTER (WHERE completed_at >= %(lo)s AND completed_at < %(hi)s AND due_at IS NOT NULL "
                     "AND left(completed_at, 19) > left(due_at, 19)), "
                     "count(*) FILTER (WHERE completed_at IS NULL AND status <> ALL(%(closed)s) AND due_at IS NOT NULL "
                     "AND left(due_at, 19) < %(now)s) "
                     "FROM sync_mirror WHERE entity = 'application' GROUP BY office_code ORDER BY office_code",
                     {"lo": period.start.isoformat(), "hi": _next_day(period.end.isoformat()), "closed": closed,
                      "now": board.now[:19]})
        board.sla = [OfficeSla(r[0], names.get(r[0], r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in sla]
    return board


def _next_day(iso_day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso_day) + timedelta(days=1)).isoformat()
