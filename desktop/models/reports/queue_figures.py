"""Queue figures of a period: per group and in total, and visitors per day or month for the chart."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.models.queue.stats import GroupStats, issued_per_day, span_stats
from desktop.models.reports.period import ReportPeriod


@dataclass(frozen=True)
class QueueFigures:
    groups: list[GroupStats]
    total: GroupStats
    issued_by_bucket: list[tuple[str, str, int]]  # (bucket key, label, slips printed)

    @property
    def used(self) -> bool:
        return self.total.issued + self.total.transferred_in > 0


def queue_figures(db: Database, period: ReportPeriod) -> QueueFigures:
    groups, total = span_stats(db, period.start, period.end)
    per_day = issued_per_day(db, period.start, period.end)
    tally: dict[str, int] = {}
    for day, count in per_day.items():
        key = period.bucket_key(day)
        tally[key] = tally.get(key, 0) + count
    buckets = [(b.key, b.label, tally.get(b.key, 0)) for b in period.buckets()]
    return QueueFigures(groups, total, buckets)
