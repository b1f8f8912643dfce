"""The decree's own complaint service (Kanigaran's Penanganan Pengaduan Masyarakat, Kalirejo's
Pengaduan Pelayanan Publik…) runs through the register.

An application of a service whose form is "pengaduan" opens a register entry in its submission
transaction; each step of the decree's procedure is written into the complaint's history, the
first step done counts as the first response, and the end of the procedure resolves it. The
decree's own time limit (360 minutes for Kanigaran no. 31) caps the category's deadline.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.models.applications.application import Application
from desktop.models.applications.status import ChangeAction, Status
from desktop.models.applications.workflow import step_label
from desktop.models.audit import Actor
from desktop.models.clock import Clock, iso
from desktop.models.complaints.register import ComplaintRegister, NewComplaint
from desktop.models.settings import SettingsRepository

COMPLAINT_FORM = "pengaduan"


def is_complaint_service(app: Application) -> bool:
    return (app.standard or {}).get("form") == COMPLAINT_FORM


def on_application_change(db: Database, clock: Clock, app: Application, actor: Actor, action: str,
                          before: Status | None, step_idx: int | None, note: str) -> None:
    """Called by the application aggregate inside every change's transaction."""
    if not is_complaint_service(app) or action == ChangeAction.DRAFT:
        return
    register = ComplaintRegister(db, clock, SettingsRepository(db, clock), app.office_code)
    complaint = register.for_application(app.id)
    if complaint is None:
        if action != ChangeAction.SUBMIT:
            return
        _open(register, app, actor)
        return
    if not complaint.is_open:
        return
    now = iso(clock.now())
    step = app.steps[step_idx] if step_idx is not None and step_idx < len(app.steps) else None
    text = f"{step_label(step)}: {step.action[:200]}" if step is not None else action
    if note:
        text += f" — {note}"
    changes: dict[str, Any] = {"status": "diproses", "updated_at": now}
    if complaint.first_response_at is None and action != ChangeAction.SUBMIT:
        changes["first_response_at"] = now
    if app.status in (Status.SIAP_DIAMBIL, Status.DIAMBIL):
        changes.update(status="selesai", resolved_at=now,
                       resolution=f"Diselesaikan melalui layanan {app.service_name} ({app.number}). {note}".strip())
    elif app.status in (Status.DITOLAK, Status.DIBATALKAN):
        changes.update(status="ditutup", resolved_at=now, resolution=f"Permohonan {app.status.label.lower()}: "
                                                                     f"{app.closed_reason or note}")
    db["complaints"].update(complaint.id, changes)
    register._event(complaint.id, actor, "langkah", text)


def _open(register: ComplaintRegister, app: Application, actor: Actor) -> None:
    fields = app.fields or {}
    confidential = str(fields.get("rahasiakan", "")).lower() == "ya"
    description = str(fields.get("isi", "")).strip() or app.service_name
    new = NewComplaint(
        channel="Langsung di loket", subject=description.splitlines()[0][:120], description=description,
        category="normatif", confidential=confidential, complainant_name=app.applicant.name,
        complainant_nik=app.applicant.nik if len(app.applicant.nik) == 16 else "",
        contact=app.applicant.phone, location=str(fields.get("lokasi", "")), service_id=app.service_id,
        service_name=app.service_name, application_id=app.id)
    register.register_in_transaction(new, actor, due_cap=app.due_at)
