"""One object the screens and the CLI use for applications (reads, intake, approvals, inbox, SLA)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.applications import approvals, intake
from desktop.models.applications.application import Application, ApplicationReader
from desktop.models.applications.kecamatan_decision import PaperDecision, record_paper_decision
from desktop.models.applications.sla import time_left_text
from desktop.models.applications.status import Status
from desktop.models.catalog.repository import CatalogRepository
from desktop.models.clock import Clock
from desktop.models.settings import SettingsRepository
from desktop.models.users.accounts import User, UserRepository
from desktop.models.users.roles import Role


@dataclass(frozen=True)
class InboxItem:
    app_id: str
    number: str
    service_name: str
    applicant_name: str
    step_idx: int
    step_kind: str
    step_action: str
    received_at: datetime
    due_at: datetime | None
    overdue: bool
    time_left: str
    status: Status


class ApplicationService:
    def __init__(self, db: Database, clock: Clock, settings: SettingsRepository, catalog: CatalogRepository,
                 users: UserRepository) -> None:
        self.db, self.clock, self.settings, self.catalog, self.users = db, clock, settings, catalog, users
        self.reader = ApplicationReader(db)
        # Called inside the transaction of every performed step (the register numbers letters here).
        self.step_hooks: list[Callable[[Any, Application, Any, User], None]] = []
        # Called inside the transaction when a file goes back before its signature, or is rejected or
        # cancelled (the register voids a signed letter here): (ctx, app, actor, reason).
        self.reopen_hooks: list[Callable[[Any, Application, Any, str], None]] = []
        # Called before an application is created (raise ValidationError to refuse it at the counter).
        self.submit_checks: list[Callable[[Any], None]] = []

    # --- writing -------------------------------------------------------------------------
    def submit(self, draft: intake.IntakeDraft, user: User, *, as_draft: bool = False) -> Application:
        return intake.submit(self, draft, user, as_draft=as_draft)

    def perform(self, app_id: str, step_idx: int, user: User, role: Role, *, pin: str | None = None,
                note: str = "", confirmed: bool = False) -> Application:
        """Do the active step; `confirmed`: the doer ticked what the step asks to confirm first."""
        return approvals.perform(self, app_id, step_idx, user, role, pin=pin, note=note, confirmed=confirmed)

    def return_to(self, app_id: str, target_idx: int | None, user: User, role: Role, reason: str) -> Application:
        return approvals.return_to(self, app_id, target_idx, user, role, reason)

    def reject(self, app_id: str, user: User, role: Role, reason: str) -> Application:
        return approvals.close(self, app_id, user, role, reason, status=Status.DITOLAK)

    def cancel(self, app_id: str, user: User, role: Role, reason: str) -> Application:
        return approvals.close(self, app_id, user, role, reason, status=Status.DIBATALKAN)

    def record_kecamatan_decision(self, app_id: str, user: User, decision: PaperDecision) -> Application:
        """A Tipe B decision that arrived on paper: approved with the kecamatan's number, or rejected."""
        return record_paper_decision(self, app_id, user, decision)

    # --- reading -------------------------------------------------------------------------
    def get(self, app_id: str) -> Application:
        return self.reader.get(app_id)

    def inbox(self, user: User) -> list[InboxItem]:
        """What waits for this user's roles, oldest first, with time left against the limit.

        Late means what Beranda counts: past the limit and not yet finished (a letter ready for
        pick-up was finished when it became ready, on time or not)."""
        roles = {r.value for r in user.roles}
        now = self.clock.now()
        items = []
        rows = self.db.execute(
            "SELECT a.id, a.number, a.service_name, a.applicant_name, s.idx, s.kind, s.action, s.roles, "
            "a.received_at, a.due_at, a.status, a.completed_at FROM applications a JOIN application_steps s "
            "ON s.application_id = a.id AND s.idx = a.active_step "
            "WHERE a.status NOT IN ('diambil', 'ditolak', 'dibatalkan', 'draf') ORDER BY a.received_at")
        for r in rows:
            if not roles & set(jsonutil.loads(r[7])):
                continue
            due = datetime.fromisoformat(r[9]) if r[9] else None
            completed = datetime.fromisoformat(r[11]) if r[11] else None
            overdue = due is not None and completed is None and due < now
            left = time_left_text(due, completed or now, finished=completed is not None)
            items.append(InboxItem(r[0], r[1], r[2], r[3], r[4], r[5], r[6], datetime.fromisoformat(r[8]), due,
                                   overdue, left, Status(r[10])))
        return items

    def day_report(self, day: date) -> dict[str, int]:
        """Per day: finished on time vs late, and still open past the limit."""
        prefix = day.isoformat()
        rows = self.db.execute("SELECT completed_at, due_at FROM applications WHERE substr(completed_at, 1, 10) = ?",
                               [prefix]).fetchall()
        on_time = sum(1 for c, d in rows if d is None or c <= d)
        now = self.clock.now().isoformat(timespec="seconds")
        open_late = self.db.execute(
            "SELECT count(*) FROM applications WHERE completed_at IS NULL AND due_at IS NOT NULL AND due_at < ? "
            "AND status NOT IN ('ditolak', 'dibatalkan', 'draf')", [now]).fetchone()[0]
        received = self.db.execute("SELECT count(*) FROM applications WHERE substr(received_at, 1, 10) = ?",
                                   [prefix]).fetchone()[0]
        return {"diterima": received, "selesai_tepat_waktu": on_time, "selesai_terlambat": len(rows) - on_time,
                "terbuka_terlambat": open_late}
