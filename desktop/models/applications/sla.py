"""Time limits (SLA): the due time from the standard's limit and the office calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from desktop.models.settings import OfficeCalendar

if TYPE_CHECKING:
    from desktop.models.catalog.standard import Duration


@dataclass(frozen=True)
class Limit:
    minutes: int | None = None  # working minutes (counted inside office hours)
    working_days: int | None = None
    days: int | None = None  # calendar days

    @property
    def known(self) -> bool:
        return any(v is not None for v in (self.minutes, self.working_days, self.days))


def limit_of(duration: Duration) -> Limit:
    """The binding limit: a conditional limit ("30 menit jika pejabat ada, maksimal 1 hari kerja")
    uses its stated maximum; a missing limit stays unknown."""
    if duration.max_minutes is not None:
        return Limit(minutes=duration.max_minutes)
    if duration.working_days is not None:
        return Limit(working_days=duration.working_days)
    if duration.days is not None:
        return Limit(days=duration.days)
    if duration.minutes is not None:
        return Limit(minutes=duration.minutes)
    return Limit()


class Calendar:
    def __init__(self, settings: OfficeCalendar) -> None:
        self.workdays = set(settings.workdays)
        self.holidays = {date.fromisoformat(d) for d in settings.holidays}
        self.start = time.fromisoformat(settings.start)
        self.end = time.fromisoformat(settings.end)

    def is_workday(self, day: date) -> bool:
        return day.weekday() in self.workdays and day not in self.holidays

    def next_open(self, when: datetime) -> datetime:
        """`when` itself if the office is open then, else the next opening time."""
        while True:
            day = when.date()
            opens = when.replace(hour=self.start.hour, minute=self.start.minute, second=0, microsecond=0)
            closes = when.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
            if self.is_workday(day) and when < closes:
                return max(when, opens)
            when = (opens + timedelta(days=1))

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        when = self.next_open(start)
        left = minutes
        while True:
            closes = when.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
            available = int((closes - when).total_seconds() // 60)
            if left <= available:
                return when + timedelta(minutes=left)
            left -= available
            when = self.next_open(closes + timedelta(seconds=1))

    @property
    def minutes_per_day(self) -> int:
        """Office minutes in one working day (a working-day limit in minutes, for comparisons)."""
        return max(0, (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute))

    def working_minutes(self, start: datetime, end: datetime) -> int:
        """Office minutes between two moments: nights, weekends and holidays do not count, so a file
        handed in at 15.50 and finished at 08.10 next morning took 20 minutes of the office's time."""
        if end <= start:
            return 0
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_workday(day):
                opens = datetime.combine(day, self.start, start.tzinfo)
                closes = datetime.combine(day, self.end, start.tzinfo)
                lo, hi = max(opens, start), min(closes, end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += timedelta(days=1)
        return int(total // 60)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        when = self.next_open(start)
        added = 0
        while added < days:
            when += timedelta(days=1)
            if self.is_workday(when.date()):
                added += 1
        return when


def due_time(start: datetime, duration: Duration, calendar: Calendar) -> datetime | None:
    limit = limit_of(duration)
    if limit.minutes is not None:
        return calendar.add_working_minutes(start, limit.minutes)
    if limit.working_days is not None:
        return calendar.add_working_days(start, limit.working_days)
    if limit.days is not None:
        return start + timedelta(days=limit.days)
    return None


NO_LIMIT_TEXT = "tidak disebutkan dalam keputusan"  # the decree gives no time limit (as the Katalog says)


def time_left_text(due: datetime | None, now: datetime, *, finished: bool = False) -> str:
    if due is None:
        return NO_LIMIT_TEXT
    if finished:
        return "selesai tepat waktu" if finished_on_time(due, now) else "selesai terlambat"
    delta = due - now
    minutes = int(delta.total_seconds() // 60)
    if minutes < 0:
        return f"terlambat {_span(-minutes)}"
    return f"sisa {_span(minutes)}"


def finished_on_time(due: datetime, completed: datetime) -> bool:
    return completed <= due


def _span(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} menit"
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} jam {rest} menit" if rest else f"{hours} jam"
    days, hours = divmod(hours, 24)
    return f"{days} hari {hours} jam" if hours else f"{days} hari"


def parse_holidays(text: str) -> list[str]:
    """Office holidays typed one per line (YYYY-MM-DD, text after the date is a note): sorted, unique.

    Working-day limits (complaints, "hari kerja" services) skip these days."""
    from desktop.models.errors import ValidationError

    days: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        word = line.strip().split(" ")[0] if line.strip() else ""
        if not word:
            continue
        try:
            days.add(date.fromisoformat(word).isoformat())
        except ValueError as exc:
            raise ValidationError(f"Hari libur baris {n}: '{word[:20]}' bukan tanggal (tulis TTTT-BB-HH, "
                                  "mis. 2026-12-25).") from exc
    return sorted(days)
