"""Injected time, so tests can run a whole day (or a year change) in milliseconds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol

# Offices in East Java keep Western Indonesia Time; stored timestamps are ISO with offset.
WIB = timezone(timedelta(hours=7), "WIB")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(WIB)


class FixedClock:
    """A clock for tests: stays where it is put, moves when told."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=WIB)

    def now(self) -> datetime:
        return self._now

    def advance(self, **kwargs: float) -> None:
        self._now += timedelta(**kwargs)

    def set(self, when: datetime) -> None:
        self._now = when if when.tzinfo else when.replace(tzinfo=WIB)


def iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")
