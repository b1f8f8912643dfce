"""Records of the walk-in queue: ticket states, tickets, calls, and the errors a clerk sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from desktop.models.queue.config import QueueError


class QueueEmpty(QueueError):
    """Nobody is waiting in the groups a counter serves."""


class NoCurrentTicket(QueueError):
    """The counter has no called ticket to recall, skip or finish."""


class TicketStatus(str, Enum):
    WAITING = "waiting"
    CALLED = "called"
    SKIPPED = "skipped"  # no-show; can be restored into the line the same day
    DONE = "done"
    TRANSFERRED = "transferred"  # continued as a new ticket in another group

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {TicketStatus.WAITING: "menunggu", TicketStatus.CALLED: "dipanggil",
                 TicketStatus.SKIPPED: "dilewati", TicketStatus.DONE: "selesai",
                 TicketStatus.TRANSFERRED: "dialihkan"}


@dataclass(frozen=True)
class Ticket:
    id: str
    day: str
    group_code: str
    seq: int
    number: str  # "A-001"
    status: TicketStatus
    arrival: int  # place in the day's line; a transfer keeps its source's place
    issued_at: datetime
    called_at: datetime | None = None
    finished_at: datetime | None = None
    counter_id: str | None = None
    call_count: int = 0
    application_id: str | None = None
    transferred_from: str | None = None
    office_code: str = ""


@dataclass(frozen=True)
class IssueResult:
    """What the ticket slip shows: the number, who is ahead, and the expected wait."""

    ticket: Ticket
    people_ahead: int
    estimate_minutes: int | None
    estimate_text: str


@dataclass(frozen=True)
class Call:
    """A call shown on the display board: number → counter."""

    ticket_id: str
    number: str
    counter_id: str
    counter_number: int
    counter_name: str
    at: datetime
    recall: bool


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def ticket_from_row(row: dict[str, Any]) -> Ticket:
    return Ticket(id=row["id"], day=row["day"], group_code=row["group_code"], seq=row["seq"],
                  number=row["number"], status=TicketStatus(row["status"]), arrival=row["arrival"],
                  issued_at=datetime.fromisoformat(row["issued_at"]), called_at=_dt(row["called_at"]),
                  finished_at=_dt(row["finished_at"]), counter_id=row["counter_id"],
                  call_count=row["call_count"], application_id=row["application_id"],
                  transferred_from=row["transferred_from"], office_code=row["office_code"])
