"""Tipe B across the link: opened at the kecamatan on arrival, decided there, applied back below.

Kecamatan side: a kelurahan application that reaches "dikirim ke kecamatan" arrives with its
dossier and becomes an application here, under this kecamatan's own catalogue entry, so it
waits in the Sekcam/Camat inbox and is signed on the usual approval screens. Decisions are
read back from this office's outbox (written in the signing transaction) into the downlink
stream — so a decision is never lost between "signed" and "queued".

Kelurahan side: an approval completes the waiting step with the camat's letter number and brings
the signed letter itself (printed and handed over here, verifiable like any other); a rejection
makes the application Ditolak with the kecamatan's reason (models/applications/kecamatan_decision.py).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.models import audit, jsonutil
from desktop.models.applications.aggregate import NewApplication
from desktop.models.applications.application import Applicant, Application, RequirementCheck
from desktop.models.applications.kecamatan_decision import Outcome
from desktop.models.applications.status import Status
from desktop.models.applications.workflow import build_steps, signed_steps
from desktop.models.catalog.standard import Service
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import LoketError
from desktop.models.ids import new_uuid
from desktop.models.services import Services
from desktop.models.users.roles import Role
from desktop.sync.batch import Record
from desktop.sync.policy import is_tipe_b_waiting

DECISION = "decision"
APPROVED_OUTCOME, REJECTED_OUTCOME, CANCELLED_OUTCOME = Outcome.APPROVED, Outcome.REJECTED, Outcome.CANCELLED
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


def _own_tipe_b_service(services: Services, service_id: str) -> tuple[Service, int]:
    """The service, if it is one this kecamatan decides (its own catalogue, ending at the kecamatan)."""
    office = services.profile.catalog_office_id
    row = services.db.execute("SELECT office_id FROM services WHERE id = ?", [service_id]).fetchone()
    if row is None or row[0] != office:
        raise LoketError(f"Layanan '{service_id[:80]}' bukan layanan kecamatan ini (katalog {office}); berkas "
                         "tidak dibuka di sini. Periksa kecamatan tujuan di kelurahan pengirim.")
    service, version = services.catalog.service(service_id)
    if service.ends_at != "kecamatan":
        raise LoketError(f"Layanan '{service.name}' diselesaikan di kelurahan, bukan di kecamatan; berkas tidak "
                         "dibuka di sini.")
    return service, version


def _open_here(services: Services, sender: str, record: Record, dossier: dict[str, Any]) -> Application:
    service, version = _own_tipe_b_service(services, str(record.payload.get("service_id", "")))
    steps = build_steps(service, head_role=Role.CAMAT)
    applicant = Applicant(**{k: v for k, v in dossier.get("applicant", {}).items()
                             if k in {f.name for f in dataclasses.fields(Applicant)}})
    applicant.resident_id = None  # the resident lives in the kelurahan's database, not here
    applicant.phone = ""  # the kelurahan tells its applicant (the decree's SMS); never a second message from here
    reqs = [RequirementCheck(idx=i, text=str(r.get("text", "")), required=bool(r.get("required")),
                             received=bool(r.get("received")), copy_kind=str(r.get("copy_kind", "")),
                             note=str(r.get("note", "")))
            for i, r in enumerate(dossier.get("requirements", []))]
    actor = _sync_actor(sender)
    new = NewApplication(
        office_code=services.profile.office_code, service=service, service_version=version, applicant=applicant,
        fields=dict(dossier.get("fields", {})), requirements=reqs, steps=steps, created_by=actor.name,
        request_key=f"sync:{sender}:{record.entity_id}:{record.seq}")
    app = services.applications.aggregate.create(new)
    services.applications.aggregate.submit(app, actor)
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
                       [APPROVED if payload["decision"] == APPROVED_OUTCOME else RETURNED, office, remote_id])
            queued += 1
    return queued


def _decision(services: Services, app: Application, remote_id: str) -> dict[str, Any]:
    """What goes down: the outcome, and for an approval the signed letter itself (its words, the
    camat's QR and this kecamatan's letterhead), so the kelurahan prints the same letter."""
    signed = signed_steps(app.steps)
    approved = app.status in (Status.SIAP_DIAMBIL, Status.DIAMBIL)
    outcome = APPROVED_OUTCOME if approved else (REJECTED_OUTCOME if app.status == Status.DITOLAK else
                                                 CANCELLED_OUTCOME)
    payload: dict[str, Any] = {
        "remote_id": remote_id, "decision": outcome.value, "kecamatan_number": app.number,
        "letter_number": _letter_number(services, app), "signer": signed[-1].done_by_name if signed else "",
        "reason": app.closed_reason or "", "decided_at": iso(app.completed_at or services.clock.now())}
    entry = services.register.live_for_application(app.id) if approved else None
    if entry is not None:
        letter = services.db.execute("SELECT letter FROM register WHERE id = ?", [entry.id]).fetchone()[0]
        payload["letter"] = {"number": entry.number, "letter": jsonutil.loads(letter), "qr_payload": entry.qr_payload,
                             "letterhead": dataclasses.asdict(services.profile)}
    return payload


def _letter_number(services: Services, app: Application) -> str:
    entry = services.register.live_for_application(app.id)
    return entry.number if entry is not None else app.number


# --- kelurahan: applying a decision -----------------------------------------------------------

def apply_decision(services: Services, sender: str, record: Record) -> None:
    """Move the waiting application on; a decision for a file that moved on is kept, not applied twice."""
    from desktop.models.applications.kecamatan_decision import apply_decision as decide
    from desktop.models.applications.kecamatan_decision import waiting_step

    if services.profile.level != "kelurahan":
        return
    data = record.payload
    try:
        app = services.applications.get(str(data.get("remote_id", "")))
        waiting_step(app)
    except LoketError:
        return
    outcome = str(data.get("decision", ""))
    reason = str(data.get("reason") or "Ditolak oleh kecamatan.")
    note = ""
    if outcome == APPROVED_OUTCOME:
        note = f"Disetujui kecamatan: surat nomor {data.get('letter_number', '')}"
        if data.get("signer"):
            note += f", ditandatangani {data['signer']}"
        _keep_letter(services, sender, app.id, data.get("letter"))
    decide(services.applications, app, _sync_actor(sender), outcome, note=note, reason=reason)


def _keep_letter(services: Services, sender: str, app_id: str, letter: Any) -> None:
    if not isinstance(letter, dict) or not isinstance(letter.get("letter"), dict):
        return
    services.db["received_letters"].upsert({
        "application_id": app_id, "office_code": sender, "number": str(letter.get("number", "")),
        "letter": jsonutil.dumps(letter["letter"]), "letterhead": jsonutil.dumps(letter.get("letterhead") or {}),
        "qr_payload": str(letter.get("qr_payload", "")), "signer": str(letter["letter"].get("signer", {}).get("name", "")),
        "received_at": iso(services.clock.now())}, pk="application_id")
