"""Writing an application's state: steps, status, history event, audit and outbox — always together."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil, outbox
from desktop.models.applications.application import Application
from desktop.models.applications.status import Status
from desktop.models.applications.workflow import WorkStep
from desktop.models.clock import Clock, iso
from desktop.models.ids import new_uuid


def save_steps(db: Database, app_id: str, steps: list[WorkStep]) -> None:
    db.execute("DELETE FROM application_steps WHERE application_id = ?", [app_id])
    for s in steps:
        row = dataclasses.asdict(s)
        row.update(roles=jsonutil.dumps(s.roles), also=jsonutil.dumps(s.also), needs_pin=int(s.needs_pin),
                   auto=int(s.auto), external=int(s.external))
        db["application_steps"].insert({"application_id": app_id, **row})


def record_event(db: Database, clock: Clock, app: Application, actor: audit.Actor, action: str,
                 to_status: Status, *, step_idx: int | None = None, note: str = "",
                 from_status: Status | None = None) -> None:
    db["application_events"].insert({
        "uuid": new_uuid(), "application_id": app.id, "at": iso(clock.now()), "user_id": actor.user_id,
        "user_name": actor.name, "role": actor.role, "action": action, "step_idx": step_idx,
        "from_status": from_status.value if from_status else None, "to_status": to_status.value, "note": note,
    })


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


def write_change(db: Database, clock: Clock, app: Application, actor: audit.Actor, action: str,
                 before: Status | None, *, step_idx: int | None = None, note: str = "") -> None:
    """Persist the application row, then history + audit + outbox, inside the caller's transaction."""
    db["applications"].update(app.id, {
        "status": app.status.value, "active_step": app.active_step,
        "completed_at": iso(app.completed_at) if app.completed_at else None,
        "handed_over_at": iso(app.handed_over_at) if app.handed_over_at else None,
        "closed_reason": app.closed_reason, "due_at": iso(app.due_at) if app.due_at else None,
        "updated_at": iso(clock.now()),
    })
    save_steps(db, app.id, app.steps)
    record_event(db, clock, app, actor, action, app.status, step_idx=step_idx, note=note, from_status=before)
    audit.record(db, clock, actor, f"application.{action}", "application", app.id, office_code=app.office_code,
                 before={"status": before.value if before else None},
                 after={"status": app.status.value, "step": step_idx, "note": note})
    outbox.append(db, clock, app.office_code, "application", app.id, action, summary(app))
    _follow_up(db, clock, app, actor, action, before, step_idx, note)


def _follow_up(db: Database, clock: Clock, app: Application, actor: audit.Actor, action: str,
               before: Status | None, step_idx: int | None, note: str) -> None:
    """Same transaction: the complaint register follows its service, the citizen's message is queued."""
    from desktop.models.complaints.service_link import on_application_change as complaint_follows
    from desktop.models.notifications.triggers import on_application_change as notify_citizen

    complaint_follows(db, clock, app, actor, action, before, step_idx, note)
    notify_citizen(db, clock, app, actor, action, before, step_idx, note)
