"""Report periods: a month, a semester or a year, named the way offices name them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from desktop.models.errors import ValidationError
from desktop.models.indonesian import MONTHS, ROMAN


class PeriodKind(str, Enum):
    MONTH = "bulanan"
    SEMESTER = "semester"
    YEAR = "tahunan"


@dataclass(frozen=True)
class Bucket:
    """One bar of a chart: a day (monthly report) or a month (semester and year)."""

    key: str  # ISO day "2026-11-03" or month "2026-11"
    label: str  # "3" or "Nov"
    start: date
    end: date


@dataclass(frozen=True)
class ReportPeriod:
    kind: PeriodKind
    year: int
    index: int  # month 1-12, semester 1-2, 0 for a year

    @classmethod
    def month(cls, year: int, month: int) -> ReportPeriod:
        return cls(PeriodKind.MONTH, year, month)

    @classmethod
    def parse(cls, kind: PeriodKind | str, text: str) -> ReportPeriod:
        """'2026-11' (month), '2026-2' or '2026-S2' (semester), '2026' (year); refused with the reason."""
        kind = PeriodKind(kind)
        value = text.strip().upper()
        patterns = {PeriodKind.MONTH: r"(\d{4})-(\d{1,2})", PeriodKind.SEMESTER: r"(\d{4})-S?([12])",
                    PeriodKind.YEAR: r"(\d{4})"}
        found = re.fullmatch(patterns[kind], value)
        examples = {PeriodKind.MONTH: "2026-11", PeriodKind.SEMESTER: "2026-S2", PeriodKind.YEAR: "2026"}
        if not found:
            raise ValidationError(f"Periode '{text}' tidak dikenal; tulis seperti {examples[kind]}.")
        year = int(found.group(1))
        index = int(found.group(2)) if kind != PeriodKind.YEAR else 0
        if not 2000 <= year <= 2999 or (kind == PeriodKind.MONTH and not 1 <= index <= 12):
            raise ValidationError(f"Periode '{text}' di luar jangkauan; tulis seperti {examples[kind]}.")
        return cls(kind, year, index)

    @property
    def start(self) -> date:
        if self.kind == PeriodKind.MONTH:
            return date(self.year, self.index, 1)
        if self.kind == PeriodKind.SEMESTER:
            return date(self.year, 1 if self.index == 1 else 7, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day, inclusive."""
        if self.kind == PeriodKind.MONTH:
            return date(self.year, self.index, calendar.monthrange(self.year, self.index)[1])
        if self.kind == PeriodKind.SEMESTER:
            return date(self.year, 6, 30) if self.index == 1 else date(self.year, 12, 31)
        return date(self.year, 12, 31)

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind == PeriodKind.SEMESTER:
            return f"{self.year}-S{self.index}"
        return str(self.year)

    @property
    def label(self) -> str:
        """November 2026 · Semester II (Juli–Desember) 2026 · Tahun 2026"""
        if self.kind == PeriodKind.MONTH:
            return f"{MONTHS[self.index - 1]} {self.year}"
        if self.kind == PeriodKind.SEMESTER:
            months = "Januari–Juni" if self.index == 1 else "Juli–Desember"
            return f"Semester {ROMAN[self.index - 1]} ({months}) {self.year}"
        return f"Tahun {self.year}"

    @property
    def title(self) -> str:
        return {PeriodKind.MONTH: "LAPORAN BULANAN", PeriodKind.SEMESTER: "LAPORAN SEMESTER",
                PeriodKind.YEAR: "LAPORAN TAHUNAN"}[self.kind]

    @property
    def file_stem(self) -> str:
        return f"laporan-{self.kind.value}-{self.key.lower()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def has_ended(self, today: date) -> bool:
        return today > self.end

    def buckets(self) -> list[Bucket]:
        if self.kind == PeriodKind.MONTH:
            days = (self.end - self.start).days + 1
            return [Bucket(d.isoformat(), str(d.day), d, d)
                    for d in (self.start + timedelta(days=i) for i in range(days))]
        out = []
        for month in range(self.start.month, self.end.month + 1):
            first = date(self.year, month, 1)
            last = date(self.year, month, calendar.monthrange(self.year, month)[1])
            out.append(Bucket(f"{self.year}-{month:02d}", MONTHS[month - 1][:3], first, last))
        return out

    def bucket_key(self, iso_day: str) -> str:
        """Which bucket an ISO date (or timestamp) falls in."""
        return iso_day[:10] if self.kind == PeriodKind.MONTH else iso_day[:7]

    def months(self) -> list[ReportPeriod]:
        return [ReportPeriod.month(self.year, m) for m in range(self.start.month, self.end.month + 1)]
