"""Intake: the requirement checklist from the standard, the service's own fields, and submission."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from desktop.models.applications.aggregate import NewApplication
from desktop.models.applications.application import Applicant, Application, RequirementCheck
from desktop.models.applications.status import Status
from desktop.models.applications.workflow import build_steps
from desktop.models.audit import Actor
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.ids import new_uuid
from desktop.models.settings import OfficeProfile
from desktop.models.text_input import check_text
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission, Role

if TYPE_CHECKING:
    from desktop.models.applications.service import ApplicationService
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


def submit(apps: ApplicationService, draft: IntakeDraft, user: User, *, as_draft: bool = False) -> Application:
    """Create the application (or return the one this request already created)."""
    user = require(user, Permission.INTAKE, db=apps.db)
    existing = apps.reader.by_request_key(draft.request_key)
    if existing is not None and existing.status == Status.DRAF:
        return _continue_draft(apps, existing, draft, user, as_draft=as_draft)
    if existing is not None:
        return existing
    service, version = apps.catalog.service(draft.service_id)
    check_applicant(draft.applicant)
    for check in apps.submit_checks:  # e.g. the letter fonts can print every character (printing/issue.py)
        check(draft)
    if draft.applicant.kind == "penduduk" and draft.applicant.resident_id and not draft.applicant.details:
        from desktop.models.residents.repository import ResidentRepository

        # The letter prints the resident's data as it was at intake.
        resident = ResidentRepository(apps.db, apps.clock).get(draft.applicant.resident_id)
        draft.applicant.details = dataclasses.asdict(resident)
    if not as_draft:
        _check_complete(service, draft)
    profile: OfficeProfile = apps.settings.get(OfficeProfile)
    tipe_b_here = profile.level == "kelurahan" and service.ends_at == "kecamatan" and service.type == "B"
    head = Role.LURAH if profile.level == "kelurahan" else Role.CAMAT
    new = NewApplication(
        office_code=profile.office_code, service=service, service_version=version, applicant=draft.applicant,
        fields=dict(draft.fields), requirements=draft.requirements, request_key=draft.request_key,
        steps=build_steps(service, tipe_b_at_kelurahan=tipe_b_here, head_role=head), created_by=user.full_name)
    actor = _clerk(user)
    with transaction(apps.db):
        app = apps.aggregate.create(new)
        if as_draft:
            apps.aggregate.keep_draft(app, actor, first=True)
        else:
            apps.aggregate.submit(app, actor)
    return apps.reader.get(app.id)


def _continue_draft(apps: ApplicationService, app: Application, draft: IntakeDraft, user: User, *,
                    as_draft: bool) -> Application:
    """A saved draft, completed later: the same application (same number), now with its checklist."""
    user = require(user, Permission.INTAKE, db=apps.db)
    service, _ = apps.catalog.service(app.service_id)
    if not as_draft:
        _check_complete(service, draft)
    actor = _clerk(user)
    with transaction(apps.db):
        app = apps.reader.get(app.id)
        if app.status != Status.DRAF:  # submitted meanwhile (double click): nothing more to do
            return app
        apps.aggregate.revise_draft(app, draft.fields, draft.requirements)
        if as_draft:
            apps.aggregate.keep_draft(app, actor, first=False)
        else:
            apps.aggregate.submit(app, actor)
    return apps.reader.get(app.id)


def _check_complete(service: Service, draft: IntakeDraft) -> None:
    missing = missing_requirements(draft.requirements)
    if missing:
        raise ValidationError("Persyaratan wajib belum diterima: " + "; ".join(missing) + ".")
    check_fields(service, draft.fields)


def _clerk(user: User) -> Actor:
    """Intake is the counter's act: recorded as petugas when the user holds that role."""
    return user.actor(Role.PETUGAS if user.has(Role.PETUGAS) else user.primary_role)


def duplicate_warnings(apps: ApplicationService, nik: str, service_id: str, validity_days: int = 90) -> list[str]:
    """Open applications or still-valid letters of the same kind for the same NIK."""
    if not nik:
        return []
    notes = [f"Masih ada permohonan terbuka {r['number']} ({Status(r['status']).label}) untuk layanan ini."
             for r in apps.reader.open_for(nik, service_id)]
    since = apps.clock.now() - timedelta(days=validity_days)
    notes += [f"Surat yang sama sudah terbit lewat permohonan {r['number']} ({r['completed_at'][:10]}) dan "
              f"mungkin masih berlaku." for r in apps.reader.recent_done_for(nik, service_id, since)]
    return notes
