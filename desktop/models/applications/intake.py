"""Intake: the requirement checklist from the standard, the service's own fields, and submission."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from desktop.models import jsonutil
from desktop.models.applications.application import Applicant, Application, RequirementCheck
from desktop.models.applications.sla import Calendar, due_time
from desktop.models.applications.status import Status
from desktop.models.applications.store import save_steps, write_change
from desktop.models.applications.workflow import build_steps, derive_status, next_active
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.ids import new_uuid
from desktop.models.settings import OfficeCalendar, OfficeProfile
from desktop.models.text_input import check_text
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission, Role

if TYPE_CHECKING:
    from desktop.models.catalog.standard import Service


@dataclass
class IntakeDraft:
    service_id: str
    applicant: Applicant
    requirements: list[RequirementCheck]
    fields: dict[str, Any] = field(default_factory=dict)
    variant: str | None = None
    # Made when the intake form opens; a second click on "Ajukan" sends the same key and gets the
    # same application back instead of a duplicate.
    request_key: str = field(default_factory=new_uuid)


@lru_cache(maxsize=1)
def forms() -> dict[str, Any]:
    from desktop.models.catalog.loader import load_forms

    return load_forms()


def form_fields(service: Service) -> list[dict[str, Any]]:
    return forms().get(service.form, forms()["umum"])["fields"]


def checklist(service: Service, variant: str | None = None) -> list[RequirementCheck]:
    """One line per requirement of the standard; conditional and optional ones do not block."""
    items = []
    for i, r in enumerate(service.requirements):
        required = not r.optional and r.condition is None and (r.variant is None or r.variant == variant)
        text = r.text
        if r.variant:
            text += f" [varian: {r.variant}]"
        if r.condition:
            text += f" [{r.condition}]"
        items.append(RequirementCheck(idx=i, text=text, required=required))
    return items


def variants(service: Service) -> list[str]:
    return sorted({r.variant for r in service.requirements if r.variant})


def missing_requirements(items: list[RequirementCheck]) -> list[str]:
    return [r.text for r in items if r.required and not r.received]


def check_applicant(applicant: Applicant) -> None:
    if not applicant.name.strip():
        raise ValidationError("Pemohon belum dipilih atau namanya kosong.")
    for label, text, limit in (("Nama pemohon", applicant.name, 150), ("Alamat pemohon", applicant.address, 300),
                               ("Nomor dokumen", applicant.document, 60), ("Perwakilan", applicant.representative, 150)):
        check_text(label, text, limit)
    if applicant.kind == "penduduk" and not applicant.nik:
        raise ValidationError("Pemohon penduduk harus dipilih dari data penduduk (NIK).")
    if applicant.kind == "wna" and not applicant.document.strip():
        raise ValidationError("Untuk WNA isi nomor paspor/KITAS.")
    from desktop.models.notifications.phone import normalise_phone

    applicant.phone = normalise_phone(applicant.phone)  # optional; only for telling this applicant


MAX_TEXT = 500  # one isian on a letter; longer text does not fit the page


def check_fields(service: Service, values: dict[str, Any]) -> None:
    fields = form_fields(service)
    empty = [f["label"] for f in fields if f.get("required") and not str(values.get(f["key"], "")).strip()]
    if empty:
        raise ValidationError("Isian wajib belum diisi: " + ", ".join(empty) + ".")
    for f in fields:
        value = values.get(f["key"])
        if f.get("type") == "date" and value not in (None, ""):
            try:
                date.fromisoformat(str(value))
            except ValueError:
                raise ValidationError(f"Tanggal pada isian '{f['label']}' tidak sah ({value}).") from None
    for label, text in _typed_texts(fields, values):
        check_text(label, text, MAX_TEXT)


def _typed_texts(fields: list[dict[str, Any]], values: dict[str, Any]) -> list[tuple[str, str]]:
    labels = {f["key"]: f["label"] for f in fields}
    out = []
    for key, value in values.items():
        rows = value if isinstance(value, list) else [value]
        out += [(labels.get(key, key), " ".join(map(str, r)) if isinstance(r, list) else str(r)) for r in rows]
    return out


def submit(ctx: Any, draft: IntakeDraft, user: User, *, as_draft: bool = False) -> Application:
    """Create the application (or return the one this request already created)."""
    user = require(user, Permission.INTAKE, db=ctx.db)
    existing = ctx.reader.by_request_key(draft.request_key)
    if existing is not None and existing.status == Status.DRAF:
        return _continue_draft(ctx, existing, draft, user, as_draft=as_draft)
    if existing is not None:
        return existing
    service, version = ctx.catalog.service(draft.service_id)
    check_applicant(draft.applicant)
    for check in ctx.submit_checks:  # e.g. the letter fonts can print every character (printing/issue.py)
        check(draft)
    if draft.applicant.kind == "penduduk" and draft.applicant.resident_id and not draft.applicant.details:
        from desktop.models.residents.repository import ResidentRepository

        # The letter prints the resident's data as it was at intake.
        resident = ResidentRepository(ctx.db, ctx.clock).get(draft.applicant.resident_id)
        draft.applicant.details = dataclasses.asdict(resident)
    if not as_draft:
        missing = missing_requirements(draft.requirements)
        if missing:
            raise ValidationError("Persyaratan wajib belum diterima: " + "; ".join(missing) + ".")
        check_fields(service, draft.fields)
    profile: OfficeProfile = ctx.settings.get(OfficeProfile)
    now = ctx.clock.now()
    tipe_b_here = profile.level == "kelurahan" and service.ends_at == "kecamatan" and service.type == "B"
    head = Role.LURAH if profile.level == "kelurahan" else Role.CAMAT
    steps = build_steps(service, tipe_b_at_kelurahan=tipe_b_here, head_role=head)
    actor = user.actor(Role.PETUGAS if user.has(Role.PETUGAS) else user.primary_role)
    with transaction(ctx.db):
        number = allocate_number(ctx, now)
        app = Application(
            id=new_uuid(), number=number, office_code=profile.office_code, service_id=service.id,
            service_name=service.name, service_version=version, standard=service.model_dump(mode="json"),
            applicant=draft.applicant, fields=dict(draft.fields), status=Status.DRAF, active_step=None,
            received_at=now, due_at=None, completed_at=None, handed_over_at=None, closed_reason=None,
            created_by=user.full_name, steps=steps, requirements=draft.requirements)
        ctx.db["applications"].insert({
            "id": app.id, "office_code": app.office_code, "number": number, "request_key": draft.request_key,
            "service_id": service.id, "service_name": service.name, "service_version": version,
            "standard": service.model_dump_json(), "applicant_kind": draft.applicant.kind,
            "resident_id": draft.applicant.resident_id, "applicant": jsonutil.dumps(dataclasses.asdict(draft.applicant)),
            "applicant_name": draft.applicant.name.upper(), "applicant_nik": draft.applicant.nik,
            "fields": jsonutil.dumps(app.fields), "status": Status.DRAF.value, "active_step": None,
            "received_at": iso(now), "created_by": user.full_name, "updated_at": iso(now)})
        for r in draft.requirements:
            ctx.db["application_requirements"].insert({"application_id": app.id, **dataclasses.asdict(r),
                                                       "required": int(r.required), "received": int(r.received)})
        save_steps(ctx.db, app.id, steps)
        if as_draft:
            write_change(ctx.db, ctx.clock, app, actor, "draft", None)
        else:
            start_workflow(ctx, app, actor)
    return ctx.reader.get(app.id)


def _continue_draft(ctx: Any, app: Application, draft: IntakeDraft, user: User, *, as_draft: bool) -> Application:
    """A saved draft, completed later: the same application (same number), now with its checklist."""
    user = require(user, Permission.INTAKE, db=ctx.db)
    service, _ = ctx.catalog.service(app.service_id)
    if not as_draft:
        missing = missing_requirements(draft.requirements)
        if missing:
            raise ValidationError("Persyaratan wajib belum diterima: " + "; ".join(missing) + ".")
        check_fields(service, draft.fields)
    actor = user.actor(Role.PETUGAS if user.has(Role.PETUGAS) else user.primary_role)
    with transaction(ctx.db):
        app = ctx.reader.get(app.id)
        if app.status != Status.DRAF:  # submitted meanwhile (double click): nothing more to do
            return app
        ctx.db.execute("DELETE FROM application_requirements WHERE application_id = ?", [app.id])
        for r in draft.requirements:
            ctx.db["application_requirements"].insert({"application_id": app.id, **dataclasses.asdict(r),
                                                       "required": int(r.required), "received": int(r.received)})
        ctx.db["applications"].update(app.id, {"fields": jsonutil.dumps(dict(draft.fields))})
        app.fields, app.requirements = dict(draft.fields), draft.requirements
        if as_draft:
            write_change(ctx.db, ctx.clock, app, actor, "draft", Status.DRAF)
        else:
            start_workflow(ctx, app, actor)
    return ctx.reader.get(app.id)


def start_workflow(ctx: Any, app: Application, actor: Any) -> None:
    """Submission: the intake step is done, the clock starts, the first person's step is active."""
    now = ctx.clock.now()
    for step in app.steps:
        if step.idx == 0 or (step.auto and step.idx < (next_active(app.steps, 0) or len(app.steps))):
            step.state, step.finished_at = "done", iso(now)
            step.done_by_name, step.done_role = actor.name, actor.role
    app.active_step = next_active(app.steps, 1)
    if app.active_step is not None:
        app.steps[app.active_step].state = "active"
        app.steps[app.active_step].started_at = iso(now)
    app.received_at = now
    from desktop.models.catalog.standard import Service

    service = Service.model_validate(app.standard)
    calendar = Calendar(ctx.settings.get(OfficeCalendar))
    app.due_at = due_time(now, service.duration, calendar)
    before = app.status
    app.status = derive_status(app.steps, app.active_step)
    write_change(ctx.db, ctx.clock, app, actor, "submit", before if before != Status.DRAF else None,
                 step_idx=0, note=f"Diterima: {sum(r.received for r in app.requirements)} persyaratan")


def allocate_number(ctx: Any, now: Any) -> str:
    day = now.strftime("%y%m%d")
    row = ctx.db.execute("SELECT last FROM application_counters WHERE day = ?", [day]).fetchone()
    last = (row[0] if row else 0) + 1
    ctx.db.execute("INSERT INTO application_counters(day, last) VALUES (?, ?) "
                   "ON CONFLICT(day) DO UPDATE SET last = excluded.last", [day, last])
    return f"{day}-{last:04d}"


def duplicate_warnings(ctx: Any, nik: str, service_id: str, validity_days: int = 90) -> list[str]:
    """Open applications or still-valid letters of the same kind for the same NIK."""
    if not nik:
        return []
    notes = [f"Masih ada permohonan terbuka {r['number']} ({Status(r['status']).label}) untuk layanan ini."
             for r in ctx.reader.open_for(nik, service_id)]
    since = ctx.clock.now() - timedelta(days=validity_days)
    notes += [f"Surat yang sama sudah terbit lewat permohonan {r['number']} ({r['completed_at'][:10]}) dan "
              f"mungkin masih berlaku." for r in ctx.reader.recent_done_for(nik, service_id, since)]
    return notes
