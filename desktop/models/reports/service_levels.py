"""Time-limit compliance per service: finished on time or late against the decree's limit, and the
working time it took (median and 90th percentile, counted in office hours with the office calendar).

The limit of each application is the one of the standard it was received under (its snapshot), so a
changed decree does not rewrite last month's figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from desktop.models.applications.sla import Calendar
from desktop.models.catalog.standard import Duration, Service
from desktop.models.queue.stats import median, percentile
from desktop.models.reports.applications import AppRow, end_moment, in_period, is_open_at
from desktop.models.reports.period import ReportPeriod


@dataclass(frozen=True)
class SlaRow:
    service: str
    limit_text: str  # as the decree prints it; "tidak ditentukan" when it names none
    limit_minutes: int | None  # the binding limit in office minutes (a working day = the office's hours)
    finished: int
    on_time: int
    late: int
    without_limit: int  # finished, but the decree gives no limit to measure against
    open_late: int  # still open at the period's end and already past the limit
    median_minutes: float | None
    p90_minutes: float | None

    @property
    def on_time_pct(self) -> float | None:
        measured = self.on_time + self.late
        return round(100 * self.on_time / measured, 1) if measured else None


def limit_text(duration: Duration) -> str:
    parts = [t for t in (duration.text, duration.max_text) if t]
    return "; ".join(parts) if parts else "tidak ditentukan"


def _durations(db: Database, rows: list[AppRow]) -> dict[tuple[str, int], Duration]:
    """The standard's duration per (service, version), parsed once: a snapshot is a large JSON text."""
    found: dict[tuple[str, int], Duration] = {}
    for key in sorted({(r.service_id, r.service_version) for r in rows}):
        row = db.execute("SELECT standard FROM applications WHERE service_id = ? AND service_version = ? LIMIT 1",
                         list(key)).fetchone()
        found[key] = Service.model_validate_json(row[0]).duration if row else Duration()
    return found


def sla_figures(db: Database, rows: list[AppRow], calendar: Calendar, period: ReportPeriod,
                as_of: str) -> tuple[list[SlaRow], SlaRow]:
    """Per service (most finished first) and for all services together; the total's median is over
    every finished application, not a median of medians."""
    durations = _durations(db, rows)
    moment = end_moment(period, as_of)
    taken: dict[int, float] = {}
    for i, r in enumerate(rows):
        if r.completed_at and in_period(r.completed_at, period):
            taken[i] = float(calendar.working_minutes(datetime.fromisoformat(r.received_at),
                                                      datetime.fromisoformat(r.completed_at)))
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(r.service_name, []).append(i)
    out = []
    for service, members in groups.items():
        finished = [i for i in members if i in taken]
        open_late = sum(1 for i in members if is_open_at(rows[i], moment) and rows[i].due_at
                        and str(rows[i].due_at)[:19] < moment)
        if not finished and not open_late:
            continue
        measured = [rows[i] for i in finished if rows[i].due_at]
        on_time = sum(1 for r in measured if str(r.completed_at)[:19] <= str(r.due_at)[:19])
        latest = max((rows[i] for i in members), key=lambda r: (r.service_version, r.service_id))
        duration = durations[(latest.service_id, latest.service_version)]
        minutes = [taken[i] for i in finished]
        out.append(SlaRow(service=service, limit_text=limit_text(duration),
                          limit_minutes=duration.limit_minutes(calendar.minutes_per_day),
                          finished=len(finished), on_time=on_time, late=len(measured) - on_time,
                          without_limit=len(finished) - len(measured), open_late=open_late,
                          median_minutes=median(minutes), p90_minutes=percentile(minutes, 90)))
    out.sort(key=lambda r: (-r.finished, r.service))
    every = list(taken.values())
    total = SlaRow(service="Semua layanan", limit_text="", limit_minutes=None,
                   finished=sum(r.finished for r in out), on_time=sum(r.on_time for r in out),
                   late=sum(r.late for r in out), without_limit=sum(r.without_limit for r in out),
                   open_late=sum(r.open_late for r in out), median_minutes=median(every),
                   p90_minutes=percentile(every, 90))
    return out, total


def working_time_text(minutes: float | None, minutes_per_day: int = 480) -> str:
    """45 mnt · 2 j 05 mnt · 1 hr kerja 3 j  ('-' when nothing was measured)."""
    if minutes is None:
        return "-"
    total = int(round(minutes))
    if total < 60:
        return f"{total} mnt"
    if minutes_per_day and total >= minutes_per_day:
        days, rest = divmod(total, minutes_per_day)
        hours = rest // 60
        return f"{days} hr kerja {hours} j" if hours else f"{days} hr kerja"
    hours, rest = divmod(total, 60)
    return f"{hours} j {rest:02d} mnt"
