"""What waits for whom: the inbox of each user, oldest first, with exact counts.

An office keeps thousands of open files, and the counter clerk's inbox can hold all of them. So
the role filter, the order, the page and the counts ("n menunggu, n terlambat") are all answered
by SQL from one indexed column: `applications.inbox_roles`, a bit set of the roles that may do
the active step. The aggregate keeps it (aggregate.py, in every change's transaction); it is
0 for drafts and closed files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from desktop.models.applications.sla import time_left_text
from desktop.models.applications.status import Status
from desktop.models.applications.step_kinds import StepKind
from desktop.models.clock import Clock, iso
from desktop.models.users.roles import Role

# One bit per role, stored in the database: never renumber, only add (m060 backfilled with these).
ROLE_BITS: dict[str, int] = {
    Role.ADMIN.value: 1,
    Role.PETUGAS.value: 2,
    Role.KASI.value: 4,
    Role.SEKRETARIS_LURAH.value: 8,
    Role.LURAH.value: 16,
    Role.SEKRETARIS_CAMAT.value: 32,
    Role.CAMAT.value: 64,
    Role.KOORDINATOR.value: 128,
}
PAGE = 200  # rows per page of the inbox screen; more are fetched as the clerk scrolls


def role_mask(roles: Iterable[str]) -> int:
    """The bit set of role values (a step's roles, or a user's)."""
    mask = 0
    for role in roles:
        mask |= ROLE_BITS.get(str(Role(role).value), 0)
    return mask


@dataclass(frozen=True)
class InboxItem:
    app_id: str
    number: str
    service_name: str
    applicant_name: str
    step_idx: int
    step_kind: StepKind
    step_action: str
    received_at: datetime
    due_at: datetime | None
    overdue: bool
    time_left: str
    status: Status


@dataclass(frozen=True)
class InboxPage:
    """One page of a user's inbox and the counts over all of it."""

    items: list[InboxItem]
    total: int  # menunggu
    overdue: int  # terlambat


class Inbox:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def page(self, roles: Iterable[str], *, offset: int = 0, limit: int | None = PAGE) -> InboxPage:
        """Oldest first; `limit=None` gives every item."""
        roles = list(roles)
        mask, now = role_mask(roles), self.clock.now()
        now_text = iso(now)  # "terlambat" means the same here as in counts(): past the limit, to the second
        total, overdue = self._counts(mask, now_text)
        rows = self.db.execute(
            "SELECT a.id, a.number, a.service_name, a.applicant_name, s.idx, s.kind, s.action, a.received_at, "
            "a.due_at, a.status, a.completed_at FROM applications a JOIN application_steps s "
            "ON s.application_id = a.id AND s.idx = a.active_step "
            "WHERE a.inbox_roles != 0 AND a.inbox_roles & ? != 0 ORDER BY a.received_at LIMIT ? OFFSET ?",
            [mask, -1 if limit is None else limit, offset])
        items = []
        for r in rows:
            due = datetime.fromisoformat(r[8]) if r[8] else None
            completed = datetime.fromisoformat(r[10]) if r[10] else None
            late = bool(r[8] and r[10] is None and r[8] < now_text)
            left = time_left_text(due, completed or now, finished=completed is not None)
            items.append(InboxItem(r[0], r[1], r[2], r[3], r[4], StepKind(r[5]), r[6], datetime.fromisoformat(r[7]),
                                   due, late, left, Status(r[9])))
        return InboxPage(items, total, overdue)

    def counts(self, roles: Iterable[str]) -> tuple[int, int]:
        """(waiting, of which late) for these roles. Late means what Beranda counts: past the limit and not
        yet finished (a letter ready for pick-up was finished when it became ready, on time or not)."""
        return self._counts(role_mask(roles), iso(self.clock.now()))

    def _counts(self, mask: int, now_text: str) -> tuple[int, int]:
        row = self.db.execute(
            "SELECT count(*), count(CASE WHEN due_at < ? AND completed_at IS NULL THEN 1 END) FROM applications "
            "WHERE inbox_roles != 0 AND inbox_roles & ? != 0", [now_text, mask]).fetchone()
        return row[0], row[1]
