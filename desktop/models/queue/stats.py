"""Queue figures: wait estimates for a new ticket and the day's statistics per group.

Durations are in seconds. Percentiles use the nearest-rank method (a value that really
occurred), the median is the usual middle value (mean of the two middle ones for an even count).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from desktop.models.queue.records import TicketStatus

RECENT_SAMPLE = 20  # today's last N services describe "now" better than the morning rush
FALLBACK_DAYS = 30
NO_ESTIMATE = "perkiraan belum tersedia"


@dataclass(frozen=True)
class GroupStats:
    """One group's day. `issued` counts slips printed; transfers in/out are counted apart."""

    day: str
    group_code: str
    label: str
    issued: int
    served: int
    skipped: int
    transferred_in: int
    transferred_out: int
    unserved: int  # still waiting or at a counter (at day's end: left without being finished)
    wait_median_s: float | None
    wait_p90_s: float | None
    service_median_s: float | None
    service_p90_s: float | None
    busiest_hour: int | None  # hour (0-23) with most slips issued; the earliest on a tie
    busiest_hour_issued: int


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `pct`% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _seconds(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


# --- estimates ------------------------------------------------------------------------------
def median_service_seconds(db: Database, group_code: str, today: date) -> float | None:
    """Median call→finish time of the group: today's recent services, else the last 30 days."""
    base = ("SELECT called_at, finished_at FROM queue_tickets WHERE group_code = ? AND status = 'done' "
            "AND called_at IS NOT NULL AND finished_at IS NOT NULL AND ")
    rows = db.execute(base + "day = ? ORDER BY finished_at DESC, rowid DESC LIMIT ?",
                      [group_code, today.isoformat(), RECENT_SAMPLE]).fetchall()
    if not rows:
        since = (today - timedelta(days=FALLBACK_DAYS)).isoformat()
        rows = db.execute(base + "day >= ? AND day < ?", [group_code, since, today.isoformat()]).fetchall()
    durations = [d for d in (_seconds(a, b) for a, b in rows) if d is not None and d >= 0]
    return median(durations)


def estimate(people_ahead: int, median_service_s: float | None) -> tuple[int | None, str]:
    """Minutes (rounded up) and the sentence printed on the slip."""
    if median_service_s is None:
        return None, NO_ESTIMATE
    minutes = math.ceil(people_ahead * median_service_s / 60)
    return minutes, estimate_text(minutes)


def estimate_text(minutes: int) -> str:
    if minutes <= 0:
        return "segera dilayani"
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"sekitar {rest} menit"
    return f"sekitar {hours} jam" + (f" {rest} menit" if rest else "")


# --- statistics -----------------------------------------------------------------------------
_COLUMNS = "group_code, status, issued_at, called_at, finished_at, transferred_from"


def day_stats(db: Database, day: date | str) -> list[GroupStats]:
    """Per-group figures for one day, for every group configured or seen on that day."""
    day_iso = day if isinstance(day, str) else day.isoformat()
    rows = db.execute(f"SELECT {_COLUMNS} FROM queue_tickets WHERE day = ?", [day_iso]).fetchall()
    labels = dict(db.execute("SELECT code, label FROM queue_groups WHERE active = 1").fetchall())
    all_labels = dict(db.execute("SELECT code, label FROM queue_groups").fetchall())
    codes = sorted(set(labels) | {r[0] for r in rows})
    return [_stats(day_iso, code, all_labels.get(code, code), [r for r in rows if r[0] == code])
            for code in codes]


def day_total(db: Database, day: date | str) -> GroupStats:
    """The same figures over all groups together (group_code '')."""
    day_iso = day if isinstance(day, str) else day.isoformat()
    rows = db.execute(f"SELECT {_COLUMNS} FROM queue_tickets WHERE day = ?", [day_iso]).fetchall()
    return _stats(day_iso, "", "Semua kelompok", rows)


def _stats(day: str, code: str, label: str, rows: list[tuple]) -> GroupStats:
    status = Tally(TicketStatus(r[1]) for r in rows)
    waits = [w for w in (_seconds(r[2], r[3]) for r in rows) if w is not None]
    services = [s for s in (_seconds(r[3], r[4]) for r in rows if r[1] == TicketStatus.DONE) if s is not None]
    printed = [r for r in rows if r[5] is None]
    hours = Tally(datetime.fromisoformat(r[2]).hour for r in printed)
    busiest = min(hours, key=lambda h: (-hours[h], h)) if hours else None
    return GroupStats(
        day=day, group_code=code, label=label,
        issued=len(printed), served=status[TicketStatus.DONE], skipped=status[TicketStatus.SKIPPED],
        transferred_in=len(rows) - len(printed), transferred_out=status[TicketStatus.TRANSFERRED],
        unserved=status[TicketStatus.WAITING] + status[TicketStatus.CALLED],
        wait_median_s=median(waits), wait_p90_s=percentile(waits, 90),
        service_median_s=median(services), service_p90_s=percentile(services, 90),
        busiest_hour=busiest, busiest_hour_issued=hours[busiest] if busiest is not None else 0,
    )


def span_stats(db: Database, first: date | str, last: date | str) -> tuple[list[GroupStats], GroupStats]:
    """Per-group figures over several days (a report's month or year) and all groups together; the
    medians are over every ticket of the span, never medians of daily medians."""
    lo = first if isinstance(first, str) else first.isoformat()
    hi = last if isinstance(last, str) else last.isoformat()
    rows = db.execute(f"SELECT {_COLUMNS} FROM queue_tickets WHERE day >= ? AND day <= ? ORDER BY issued_at, id",
                      [lo, hi]).fetchall()
    labels = dict(db.execute("SELECT code, label FROM queue_groups").fetchall())
    span = f"{lo}/{hi}"
    groups = [_stats(span, code, labels.get(code, code), [r for r in rows if r[0] == code])
              for code in sorted({r[0] for r in rows})]
    return groups, _stats(span, "", "Semua kelompok", rows)


def issued_per_day(db: Database, first: date | str, last: date | str) -> dict[str, int]:
    """Slips printed per day (transfers are not new visitors)."""
    lo = first if isinstance(first, str) else first.isoformat()
    hi = last if isinstance(last, str) else last.isoformat()
    rows = db.execute("SELECT day, count(*) FROM queue_tickets WHERE day >= ? AND day <= ? "
                      "AND transferred_from IS NULL GROUP BY day ORDER BY day", [lo, hi]).fetchall()
    return {r[0]: r[1] for r in rows}
