"""Tipe B across the link: opened at the kecamatan on arrival, decided there, applied back below.

Kecamatan side: a kelurahan application that reaches "dikirim ke kecamatan" arrives with its
dossier and becomes an application here, under this kecamatan's own catalogue entry, so it
waits in the Sekcam/Camat inbox and is signed on the usual approval screens. Decisions are
read back from this office's outbox (written in the signing transaction) into the downlink
stream — so a decision is never lost between "signed" and "queued".

Kelurahan side: a decision performs the waiting external step (approved → Siap Diambil, with
the camat's letter number) or returns the file to the clerk with the reason.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.models import audit, jsonutil
from desktop.models.applications.application import Applicant, Application, RequirementCheck
from desktop.models.applications.approvals import advance, previous_manual
from desktop.models.applications.intake import allocate_number, start_workflow
from desktop.models.applications.status import Status
from desktop.models.applications.store import save_steps, write_change
from desktop.models.applications.workflow import build_steps, derive_status
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import LoketError
from desktop.models.ids import new_uuid
from desktop.models.services import Services
from desktop.models.users.roles import Role
from desktop.sync.batch import Record
from desktop.sync.policy import is_tipe_b_waiting

DECISION = "decision"
WAITING, APPROVED, RETURNED, UNKNOWN_SERVICE = "menunggu", "disetujui", "dikembalikan", "layanan_tidak_dikenal"


def _sync_actor(office: str) -> audit.Actor:
    return audit.Actor(user_id=None, name=f"Sinkronisasi ({office})", role="sistem")


# --- kecamatan: arrival -------------------------------------------------------------------

def on_application(services: Services, sender: str, record: Record) -> None:
    if services.profile.level != "kecamatan" or not is_tipe_b_waiting(record.entity, record.payload):
        return
    dossier = record.payload.get("tipe_b")
    if not isinstance(dossier, dict):
        return
    row = services.db.execute("SELECT state FROM sync_tipe_b WHERE office_code = ? AND remote_id = ?",
                              [sender, record.entity_id]).fetchone()
    if row is not None and row[0] in (WAITING, UNKNOWN_SERVICE):
        return  # already here and not yet decided
    now = iso(services.clock.now())
    mapping = {"office_code": sender, "remote_id": record.entity_id,
               "remote_number": str(record.payload.get("number", "")), "received_at": now}
    try:
        with transaction(services.db):  # a savepoint: a failed opening leaves no half application
            local = _open_here(services, sender, record, dossier)
        mapping.update(local_id=local.id, state=WAITING, note="")
    except Exception as exc:  # noqa: BLE001 - kept on the dashboard instead of blocking every later batch
        note = str(exc) if isinstance(exc, LoketError) else f"Permohonan tidak dapat dibuka di kecamatan: {exc}"
        mapping.update(local_id=None, state=UNKNOWN_SERVICE, note=note)
    services.db["sync_tipe_b"].upsert(mapping, pk=("office_code", "remote_id"))


def _open_here(services: Services, sender: str, record: Record, dossier: dict[str, Any]) -> Application:
    ctx = services.applications
    service, version = services.catalog.service(str(record.payload.get("service_id", "")))
    steps = build_steps(service, head_role=Role.CAMAT)
    applicant = Applicant(**{k: v for k, v in dossier.get("applicant", {}).items()
                             if k in {f.name for f in dataclasses.fields(Applicant)}})
    applicant.resident_id = None  # the resident lives in the kelurahan's database, not here
    applicant.phone = ""  # the kelurahan tells its applicant (the decree's SMS); never a second message from here
    reqs = [RequirementCheck(idx=i, text=str(r.get("text", "")), required=bool(r.get("required")),
                             received=bool(r.get("received")), copy_kind=str(r.get("copy_kind", "")),
                             note=str(r.get("note", "")))
            for i, r in enumerate(dossier.get("requirements", []))]
    now = services.clock.now()
    actor = _sync_actor(sender)
    number = allocate_number(ctx, now)
    app = Application(
        id=new_uuid(), number=number, office_code=services.profile.office_code, service_id=service.id,
        service_name=service.name, service_version=version, standard=service.model_dump(mode="json"),
        applicant=applicant, fields=dict(dossier.get("fields", {})), status=Status.DRAF, active_step=None,
        received_at=now, due_at=None, completed_at=None, handed_over_at=None, closed_reason=None,
        created_by=actor.name, steps=steps, requirements=reqs)
    services.db["applications"].insert({
        "id": app.id, "office_code": app.office_code, "number": number,
        "request_key": f"sync:{sender}:{record.entity_id}:{record.seq}", "service_id": service.id,
        "service_name": service.name, "service_version": version, "standard": service.model_dump_json(),
        "applicant_kind": applicant.kind, "resident_id": None,
        "applicant": jsonutil.dumps(dataclasses.asdict(applicant)), "applicant_name": applicant.name.upper(),
        "applicant_nik": applicant.nik, "fields": jsonutil.dumps(app.fields), "status": Status.DRAF.value,
        "active_step": None, "received_at": iso(now), "created_by": actor.name, "updated_at": iso(now)})
    for r in reqs:
        services.db["application_requirements"].insert({"application_id": app.id, **dataclasses.asdict(r),
                                                        "required": int(r.required), "received": int(r.received)})
    save_steps(services.db, app.id, steps)
    start_workflow(ctx, app, actor)
    return app


# --- kecamatan: decisions into the downlink ---------------------------------------------------

def collect_decisions(services: Services) -> int:
    """Queue a downlink decision for every waiting Tipe B application decided here; returns how many."""
    db = services.db
    queued = 0
    with transaction(db):
        rows = db.execute("SELECT t.office_code, t.remote_id, t.local_id FROM sync_tipe_b t "
                          "JOIN applications a ON a.id = t.local_id WHERE t.state = ? AND a.status IN (?, ?, ?, ?)",
                          [WAITING, Status.SIAP_DIAMBIL.value, Status.DIAMBIL.value, Status.DITOLAK.value,
                           Status.DIBATALKAN.value]).fetchall()
        for office, remote_id, local_id in rows:
            app = services.applications.get(local_id)
            payload = _decision(services, app, remote_id)
            last = db.execute("SELECT coalesce(max(seq), 0) FROM sync_downlink WHERE to_office = ?",
                              [office]).fetchone()[0]
            db["sync_downlink"].insert({
                "to_office": office, "seq": last + 1, "uuid": new_uuid(), "at": iso(services.clock.now()),
                "entity": DECISION, "entity_id": remote_id, "op": payload["decision"],
                "payload": jsonutil.dumps(payload), "source_key": f"{office}:{remote_id}:{local_id}"})
            db.execute("UPDATE sync_tipe_b SET state = ? WHERE office_code = ? AND remote_id = ?",
                       [APPROVED if payload["decision"] == "approved" else RETURNED, office, remote_id])
            queued += 1
    return queued


def _decision(services: Services, app: Application, remote_id: str) -> dict[str, Any]:
    signed = [s for s in app.steps if s.kind == "tanda_tangan" and s.state == "done"]
    approved = app.status in (Status.SIAP_DIAMBIL, Status.DIAMBIL)
    return {"remote_id": remote_id, "decision": "approved" if approved else "returned",
            "kecamatan_number": app.number, "letter_number": _letter_number(services, app),
            "signer": signed[-1].done_by_name if signed else "", "reason": app.closed_reason or "",
            "decided_at": iso(app.completed_at or services.clock.now())}


def _letter_number(services: Services, app: Application) -> str:
    # The register (when present) writes an outbox entry per letter; take the one for this application.
    for (payload,) in services.db.execute("SELECT payload FROM outbox WHERE entity = 'register' ORDER BY seq DESC"):
        data = jsonutil.loads(payload)
        if app.id in (data.get("application_id"), data.get("app_id")) and data.get("number"):
            return str(data["number"])
    return app.number


# --- kelurahan: applying a decision -----------------------------------------------------------

def apply_decision(services: Services, sender: str, record: Record) -> None:
    """Perform the waiting external step; a decision for a file that moved on is kept, not applied twice."""
    if services.profile.level != "kelurahan":
        return
    data = record.payload
    try:
        app = services.applications.get(str(data.get("remote_id", "")))
    except LoketError:
        return
    step = app.current
    if app.status != Status.DIKIRIM_KE_KECAMATAN or step is None or not step.external:
        return
    ctx, actor = services.applications, _sync_actor(sender)
    now, before = iso(services.clock.now()), app.status
    if data.get("decision") == "approved":
        note = f"Disetujui kecamatan: surat nomor {data.get('letter_number', '')}"
        if data.get("signer"):
            note += f", ditandatangani {data['signer']}"
        step.state, step.finished_at, step.note = "done", now, note
        step.done_by_name, step.done_role = actor.name, actor.role
        advance(ctx, app, step.idx + 1)
        write_change(services.db, services.clock, app, actor, "kecamatan_setuju", before, step_idx=step.idx, note=note)
        return
    reason = str(data.get("reason") or "Dikembalikan oleh kecamatan.")
    target = previous_manual(app, step.idx)
    if target is None:
        return
    for s in app.steps[target:]:
        s.state, s.started_at, s.finished_at = "pending", None, None
        s.done_by = s.done_by_name = s.done_role = None
    app.steps[target].state, app.steps[target].started_at = "active", now
    app.steps[target].note = f"Dikembalikan kecamatan: {reason}"
    app.active_step, app.completed_at = target, None
    app.status = derive_status(app.steps, target, returned=True)
    write_change(services.db, services.clock, app, actor, "return", before, step_idx=target,
                 note=f"Dikembalikan kecamatan: {reason}")
