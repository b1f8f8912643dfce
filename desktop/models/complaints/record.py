"""What one complaint is, as read from the register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.models.complaints.categories import OPEN_STATUSES, STATUS_LABELS, category

HIDDEN = "(dirahasiakan)"


@dataclass(frozen=True)
class Complaint:
    id: str
    number: str
    received_at: datetime
    channel: str
    anonymous: bool
    confidential: bool
    complainant_name: str
    complainant_nik: str
    contact: str
    subject: str
    description: str
    reported_party: str
    location: str
    category: str
    service_id: str
    service_name: str
    application_id: str | None
    unsur: str
    status: str
    assignee_id: str | None
    assignee_name: str
    first_response_due: datetime
    resolution_due: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    resolution: str
    created_by: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def category_label(self) -> str:
        return category(self.category).label

    def response_late(self, now: datetime) -> bool:
        answered = self.first_response_at or (now if self.is_open else self.resolved_at or now)
        return answered > self.first_response_due

    def resolution_late(self, now: datetime) -> bool:
        done = self.resolved_at if not self.is_open else now
        return done is not None and done > self.resolution_due

    def late(self, now: datetime) -> bool:
        """Late as it stands: an open complaint past either deadline."""
        return self.is_open and (self.resolution_late(now) or (self.first_response_at is None
                                                               and now > self.first_response_due))

    def who(self, can_see_identity: bool) -> str:
        if self.anonymous:
            return "Anonim"
        if self.confidential and not can_see_identity:
            return HIDDEN
        return self.complainant_name


@dataclass(frozen=True)
class ComplaintEvent:
    at: datetime
    user_name: str
    role: str
    action: str
    note: str


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def from_row(row: dict[str, Any]) -> Complaint:
    values = {k: row[k] for k in Complaint.__dataclass_fields__}
    for key in ("received_at", "first_response_due", "resolution_due", "first_response_at", "resolved_at"):
        values[key] = _dt(row[key])
    values["anonymous"], values["confidential"] = bool(row["anonymous"]), bool(row["confidential"])
    return Complaint(**values)
