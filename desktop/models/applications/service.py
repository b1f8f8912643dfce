"""One object the screens and the CLI use for applications (reads, intake, approvals, inbox, SLA)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlite_utils import Database

from desktop.models.applications import approvals, intake
from desktop.models.applications.aggregate import ApplicationAggregate
from desktop.models.applications.application import Application, ApplicationReader
from desktop.models.applications.inbox import PAGE, Inbox, InboxItem, InboxPage
from desktop.models.applications.kecamatan_decision import PaperDecision, record_paper_decision
from desktop.models.applications.status import Status
from desktop.models.applications.workflow import WorkStep
from desktop.models.audit import Actor
from desktop.models.catalog.repository import CatalogRepository
from desktop.models.clock import Clock
from desktop.models.settings import SettingsRepository
from desktop.models.users.accounts import User, UserRepository
from desktop.models.users.roles import Role


class StepHook(Protocol):
    """Runs inside a performed step's transaction, once the step is marked done (letters are numbered here)."""

    def __call__(self, apps: ApplicationService, app: Application, step: WorkStep, user: User) -> None: ...


class ReopenHook(Protocol):
    """Runs inside the transaction when a file goes back before its signature, or is rejected or
    cancelled (the register voids a signed letter here)."""

    def __call__(self, app: Application, actor: Actor, reason: str) -> None: ...


class SubmitCheck(Protocol):
    """Runs before an application is created; raises ValidationError to refuse it at the counter."""

    def __call__(self, draft: intake.IntakeDraft) -> None: ...


class ApplicationService:
    def __init__(self, db: Database, clock: Clock, settings: SettingsRepository, catalog: CatalogRepository,
                 users: UserRepository) -> None:
        self.db, self.clock, self.settings, self.catalog, self.users = db, clock, settings, catalog, users
        self.reader = ApplicationReader(db)
        self.aggregate = ApplicationAggregate(db, clock, settings)  # the one writer of applications
        self.inbox_view = Inbox(db, clock)
        self.step_hooks: list[StepHook] = []
        self.reopen_hooks: list[ReopenHook] = []
        self.submit_checks: list[SubmitCheck] = []

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
        """Everything that waits for this user's roles, oldest first (small offices, tests).

        Late means what Beranda counts: past the limit and not yet finished (a letter ready for
        pick-up was finished when it became ready, on time or not)."""
        return self.inbox_view.page(_role_values(user), limit=None).items

    def inbox_page(self, user: User, *, offset: int = 0, limit: int | None = PAGE) -> InboxPage:
        """One page of what waits for this user's roles, oldest first, with the exact counts of all of it."""
        return self.inbox_view.page(_role_values(user), offset=offset, limit=limit)

    def inbox_counts(self, user: User) -> tuple[int, int]:
        """(waiting for this user, of which past the time limit)."""
        return self.inbox_view.counts(_role_values(user))

    def day_report(self, day: date) -> dict[str, int]:
        """Per day: finished on time vs late, and still open past the limit."""
        prefix = day.isoformat()
        rows = self.db.execute("SELECT completed_at, due_at FROM applications WHERE substr(completed_at, 1, 10) = ?",
                               [prefix]).fetchall()
        on_time = sum(1 for c, d in rows if d is None or c <= d)
        now = self.clock.now().isoformat(timespec="seconds")
        open_late = self.db.execute(
            "SELECT count(*) FROM applications WHERE completed_at IS NULL AND due_at IS NOT NULL AND due_at < ? "
            "AND status NOT IN (?, ?, ?)",
            [now, Status.DITOLAK.value, Status.DIBATALKAN.value, Status.DRAF.value]).fetchone()[0]
        received = self.db.execute("SELECT count(*) FROM applications WHERE substr(received_at, 1, 10) = ?",
                                   [prefix]).fetchone()[0]
        return {"diterima": received, "selesai_tepat_waktu": on_time, "selesai_terlambat": len(rows) - on_time,
                "terbuka_terlambat": open_late}


def _role_values(user: User) -> list[str]:
    return [r.value for r in user.roles]
