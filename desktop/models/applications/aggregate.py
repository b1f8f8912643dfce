"""The Application aggregate: the one place that changes an application.

Every write to `applications`, `application_steps`, `application_requirements`,
`application_events` and `application_counters`, and every status transition — created, kept
as a draft or completed later, submitted, a step performed (the hand-over and the kecamatan's
approval included), returned to an earlier step, rejected or cancelled, its letter linked at the
signature — happens here, always together with the history event, the audit entry and the outbox
entry (`tests/test_architecture.py` keeps it so).

Callers decide *whether* (who may act, with which PIN, under which decree); this module decides
*how* the application changes. Every method runs inside the caller's transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil, outbox
from desktop.models.applications.application import Applicant, Application, RequirementCheck
from desktop.models.applications.inbox import role_mask
from desktop.models.applications.sla import Calendar, due_time
from desktop.models.applications.status import ChangeAction, Status
from desktop.models.applications.step_kinds import StepKind
from desktop.models.applications.workflow import (
    StepState,
    WorkStep,
    derive_status,
    is_handover,
    next_active,
    signed_steps,
)
from desktop.models.clock import Clock, iso
from desktop.models.ids import new_uuid
from desktop.models.settings import OfficeCalendar, SettingsRepository

if TYPE_CHECKING:
    from desktop.models.catalog.standard import Service


@dataclass
class NewApplication:
    """What an application is made from: the counter's intake, or a kelurahan's Tipe B dossier."""

    office_code: str
    service: Service
    service_version: int
    applicant: Applicant
    fields: dict[str, Any]
    requirements: list[RequirementCheck]
    steps: list[WorkStep]
    request_key: str
    created_by: str


class ApplicationAggregate:
    """Changes one application at a time; the only writer of the application tables."""

    def __init__(self, db: Database, clock: Clock, settings: SettingsRepository) -> None:
        self.db, self.clock, self.settings = db, clock, settings

    # --- being made ---------------------------------------------------------------------------
    def create(self, new: NewApplication) -> Application:
        """A new application, still a draft: numbered, its checklist and steps stored (no event yet)."""
        self._require_transaction()
        now = self.clock.now()
        app = Application(
            id=new_uuid(), number=self._next_number(now), office_code=new.office_code, service_id=new.service.id,
            service_name=new.service.name, service_version=new.service_version,
            standard=new.service.model_dump(mode="json"), applicant=new.applicant, fields=dict(new.fields),
            status=Status.DRAF, active_step=None, received_at=now, due_at=None, completed_at=None,
            handed_over_at=None, closed_reason=None, created_by=new.created_by, steps=new.steps,
            requirements=new.requirements)
        self.db["applications"].insert({
            "id": app.id, "office_code": app.office_code, "number": app.number, "request_key": new.request_key,
            "service_id": app.service_id, "service_name": app.service_name, "service_version": app.service_version,
            "standard": new.service.model_dump_json(), "applicant_kind": app.applicant.kind,
            "resident_id": app.applicant.resident_id, "applicant": jsonutil.dumps(dataclasses.asdict(app.applicant)),
            "applicant_name": app.applicant.name.upper(), "applicant_nik": app.applicant.nik,
            "fields": jsonutil.dumps(app.fields), "status": app.status.value, "active_step": None,
            "received_at": iso(now), "created_by": app.created_by, "updated_at": iso(now)})
        self._save_requirements(app)
        self._save_steps(app)
        return app

    def revise_draft(self, app: Application, fields: dict[str, Any], requirements: list[RequirementCheck]) -> None:
        """A saved draft completed later: the same application (same number), its new checklist and isian."""
        self._require_transaction()
        app.fields, app.requirements = dict(fields), requirements
        self.db["applications"].update(app.id, {"fields": jsonutil.dumps(app.fields)})
        self._save_requirements(app)

    def keep_draft(self, app: Application, actor: audit.Actor, *, first: bool) -> None:
        self._write(app, actor, ChangeAction.DRAFT, None if first else Status.DRAF)

    def submit(self, app: Application, actor: audit.Actor) -> None:
        """The intake step is done, the time limit starts, the first person's step is active."""
        from desktop.models.catalog.standard import Service

        now = self.clock.now()
        first_manual = next_active(app.steps, 0) or len(app.steps)
        for step in app.steps:
            if step.idx == 0 or (step.auto and step.idx < first_manual):
                step.state, step.finished_at = StepState.DONE, iso(now)
                step.done_by_name, step.done_role = actor.name, actor.role
        app.active_step = next_active(app.steps, 1)
        if app.active_step is not None:
            app.steps[app.active_step].state = StepState.ACTIVE
            app.steps[app.active_step].started_at = iso(now)
        app.received_at = now
        duration = Service.model_validate(app.standard).duration
        app.due_at = due_time(now, duration, Calendar(self.settings.get(OfficeCalendar)))
        before = app.status
        app.status = derive_status(app.steps, app.active_step)
        self._write(app, actor, ChangeAction.SUBMIT, before if before != Status.DRAF else None, step_idx=0,
                    note=f"Diterima: {sum(r.received for r in app.requirements)} persyaratan")

    # --- the chain ------------------------------------------------------------------------------
    def perform_step(self, app: Application, step_idx: int, actor: audit.Actor, *, note: str = "",
                     action: ChangeAction | None = None,
                     on_done: Callable[[WorkStep], None] | None = None) -> None:
        """The active step is done by `actor`; the file moves on to the next step a person does.

        `on_done` runs after the step is marked done and before the file moves on (the letter is
        numbered and sealed there). `action` names the change when it is not the step's own kind
        (the kecamatan's approval of a waiting Tipe B file)."""
        step, before = app.steps[step_idx], app.status
        step.state, step.finished_at = StepState.DONE, iso(self.clock.now())
        # What the doer confirmed (the decree's condition to go on) stays with the step.
        step.note = f"Dipastikan: {step.confirm}. {note}".strip() if step.confirm else note
        step.done_by, step.done_by_name, step.done_role = actor.user_id, actor.name, actor.role
        if on_done is not None:
            on_done(step)
        self._advance(app, step_idx + 1)
        if is_handover(step):
            app.handed_over_at = self.clock.now()
        self._write(app, actor, action or step.kind, before, step_idx=step_idx, note=note)

    def return_to(self, app: Application, target: int, actor: audit.Actor, reason: str, *,
                  step_note: str | None = None, awaiting_signature: bool = False) -> None:
        """Back to an earlier step: it and every later one are to be done again.

        Returned for completion (an official, or the kecamatan) the file shows Dikembalikan;
        `awaiting_signature` (its letter was voided) shows it waiting for the new signature."""
        before, now = app.status, iso(self.clock.now())
        for s in app.steps[target:]:
            if is_handover(s) and s.state == StepState.DONE:
                app.handed_over_at = None
            s.state, s.started_at, s.finished_at = StepState.PENDING, None, None
            s.done_by = s.done_by_name = s.done_role = None
        app.steps[target].state, app.steps[target].started_at = StepState.ACTIVE, now
        app.steps[target].note = step_note if step_note is not None else reason
        app.active_step, app.completed_at = target, None
        app.status = derive_status(app.steps, target, returned=not awaiting_signature)
        self._write(app, actor, ChangeAction.RETURN, before, step_idx=target, note=reason)

    def return_to_signature(self, app: Application, actor: audit.Actor, reason: str) -> bool:
        """Its letter was voided while the file is open: the last signature is to be given again."""
        signed = signed_steps(app.steps)
        if not app.status.is_open or not signed:
            return False
        self.return_to(app, signed[-1].idx, actor, reason, awaiting_signature=True)
        return True

    def close(self, app: Application, status: Status, reason: str, actor: audit.Actor, action: ChangeAction, *,
              step_idx: int | None = None, note: str | None = None) -> None:
        """Rejected or cancelled: no step is active any more, the reason stays with the file."""
        if status not in (Status.DITOLAK, Status.DIBATALKAN):
            raise ValueError(f"close() ends an application as ditolak or dibatalkan, not {status.value}")
        before = app.status
        for s in app.steps:
            if s.state == StepState.ACTIVE:
                s.state = StepState.PENDING
        app.status, app.closed_reason, app.active_step = status, reason, None
        self._write(app, actor, action, before, step_idx=step_idx, note=reason if note is None else note)

    def link_letter(self, app: Application, register_id: str) -> None:
        """The register entry of the letter signed for this application (inside the signing transaction)."""
        self._require_transaction()
        self.db["applications"].update(app.id, {"register_id": register_id})

    # --- inside ---------------------------------------------------------------------------------
    def _advance(self, app: Application, start: int) -> None:
        """Auto steps from `start` are done by the system; the next step a person does becomes active."""
        now, system = iso(self.clock.now()), audit.Actor.system()
        following = next_active(app.steps, start)
        for s in app.steps[start:(following if following is not None else len(app.steps))]:
            s.state, s.finished_at, s.done_by_name, s.done_role = StepState.DONE, now, system.name, system.role
        app.active_step = following
        if following is not None:
            app.steps[following].state, app.steps[following].started_at = StepState.ACTIVE, now
        app.status = derive_status(app.steps, app.active_step)
        if app.completed_at is None and app.status in (Status.SIAP_DIAMBIL, Status.DIAMBIL):
            app.completed_at = self.clock.now()

    def _next_number(self, now: Any) -> str:
        """The day's next application number (yymmdd-nnnn), inside the creating transaction."""
        day = now.strftime("%y%m%d")
        row = self.db.execute("SELECT last FROM application_counters WHERE day = ?", [day]).fetchone()
        last = (row[0] if row else 0) + 1
        self.db.execute("INSERT INTO application_counters(day, last) VALUES (?, ?) "
                        "ON CONFLICT(day) DO UPDATE SET last = excluded.last", [day, last])
        return f"{day}-{last:04d}"

    def _require_transaction(self) -> None:
        if not self.db.conn.in_transaction:
            raise RuntimeError("an application changes only inside the caller's transaction")

    def _save_requirements(self, app: Application) -> None:
        self.db.execute("DELETE FROM application_requirements WHERE application_id = ?", [app.id])
        for r in app.requirements:
            self.db["application_requirements"].insert({"application_id": app.id, **dataclasses.asdict(r),
                                                        "required": int(r.required), "received": int(r.received)})

    def _save_steps(self, app: Application) -> None:
        self.db.execute("DELETE FROM application_steps WHERE application_id = ?", [app.id])
        for s in app.steps:
            row = dataclasses.asdict(s)
            row.update(kind=s.kind.value, state=s.state.value, roles=jsonutil.dumps(s.roles),
                       also=jsonutil.dumps([str(a) for a in s.also]), needs_pin=int(s.needs_pin), auto=int(s.auto),
                       external=int(s.external))
            self.db["application_steps"].insert({"application_id": app.id, **row})

    def _write(self, app: Application, actor: audit.Actor, action: ChangeAction | StepKind, before: Status | None,
               *, step_idx: int | None = None, note: str = "") -> None:
        """The application row and its steps, then history + audit + outbox + what follows, all at once."""
        self._require_transaction()
        name = action.value
        current, waiting = app.current, app.status.is_open and app.status != Status.DRAF
        self.db["applications"].update(app.id, {
            "status": app.status.value, "active_step": app.active_step,
            "inbox_roles": role_mask(current.roles) if current is not None and waiting else 0,
            "completed_at": iso(app.completed_at) if app.completed_at else None,
            "handed_over_at": iso(app.handed_over_at) if app.handed_over_at else None,
            "closed_reason": app.closed_reason, "due_at": iso(app.due_at) if app.due_at else None,
            "updated_at": iso(self.clock.now()),
        })
        self._save_steps(app)
        self.db["application_events"].insert({
            "uuid": new_uuid(), "application_id": app.id, "at": iso(self.clock.now()), "user_id": actor.user_id,
            "user_name": actor.name, "role": actor.role, "action": name, "step_idx": step_idx,
            "from_status": before.value if before else None, "to_status": app.status.value, "note": note,
        })
        audit.record(self.db, self.clock, actor, f"application.{name}", "application", app.id,
                     office_code=app.office_code, before={"status": before.value if before else None},
                     after={"status": app.status.value, "step": step_idx, "note": note})
        outbox.append(self.db, self.clock, app.office_code, "application", app.id, name, summary(app))
        self._follow_up(app, actor, name, before, step_idx, note)

    def _follow_up(self, app: Application, actor: audit.Actor, action: str, before: Status | None,
                   step_idx: int | None, note: str) -> None:
        """Same transaction: the complaint register follows its service, the citizen's message is queued."""
        from desktop.models.complaints.service_link import on_application_change as complaint_follows
        from desktop.models.notifications.triggers import on_application_change as notify_citizen

        complaint_follows(self.db, self.clock, app, actor, action, before, step_idx, note)
        notify_citizen(self.db, self.clock, app, actor, action, before, step_idx, note)


def summary(app: Application) -> dict[str, Any]:
    """What travels to the kecamatan about an application (no scans, NIK as stored)."""
    return {
        "id": app.id, "number": app.number, "office_code": app.office_code, "service_id": app.service_id,
        "service_name": app.service_name, "status": app.status.value, "applicant_kind": app.applicant.kind,
        "applicant_name": app.applicant.name, "applicant_nik": app.applicant.nik,
        "received_at": iso(app.received_at), "due_at": iso(app.due_at) if app.due_at else None,
        "completed_at": iso(app.completed_at) if app.completed_at else None,
        "handed_over_at": iso(app.handed_over_at) if app.handed_over_at else None,
    }
