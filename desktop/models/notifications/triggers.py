"""Which application changes tell the citizen, decided inside the change's own transaction.

- *Siap diambil*: when the decree has a notification step (Kanigaran: "aplikasi web juga
  mengirimkan sms gateway kepada pemohon"), the message goes when that step is done; otherwise
  when the application first becomes Siap Diambil.
- *Ditolak*: with the reason.
- *Perlu kelengkapan*: a file returned to the counter (by an official or by the kecamatan).
Only when the applicant gave a number at intake; it is used for nothing else.
"""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database

from desktop.models.applications.application import Application
from desktop.models.applications.status import ChangeAction, Status
from desktop.models.applications.step_kinds import StepKind
from desktop.models.applications.workflow import StepState
from desktop.models.audit import Actor
from desktop.models.clock import Clock, iso
from desktop.models.errors import ValidationError
from desktop.models.notifications.outbox import queue_in_transaction
from desktop.models.notifications.phone import normalise_phone
from desktop.models.notifications.texts import (
    INCOMPLETE,
    READY,
    REJECTED,
    incomplete_text,
    ready_text,
    rejected_text,
)
from desktop.models.settings import OfficeProfile, SettingsRepository
from desktop.models.users.roles import Role

NOTIFY = StepKind.NOTIFIKASI
RECENT_MINUTES = 5  # a notification step done in this change (never one done long before this feature)


def _has_notify_step(app: Application) -> bool:
    return any(s.kind == NOTIFY or NOTIFY in (s.also or []) for s in app.steps)


def on_application_change(db: Database, clock: Clock, app: Application, actor: Actor, action: str,
                          before: Status | None, step_idx: int | None, note: str) -> None:
    """Called by the application aggregate inside every change's transaction."""
    try:
        phone = normalise_phone(app.applicant.phone or "")
    except ValidationError:
        return  # a number kept from before numbers were checked; the clerk sees it in the outbox screen
    if not phone:
        return  # no number given at intake
    office = SettingsRepository(db, clock).get(OfficeProfile).office_name
    now = iso(clock.now())
    recent = iso(clock.now() - timedelta(minutes=RECENT_MINUTES))

    def queue(reason: str, text: str, key: str) -> None:
        queue_in_transaction(db, clock, app.office_code, phone=phone, text=text, reason=reason,
                             trigger_key=f"{app.id}:{key}", application_id=app.id, application_number=app.number)

    if _has_notify_step(app):
        for s in app.steps:
            done_now = s.state == StepState.DONE and s.finished_at and s.finished_at >= recent
            if (s.kind == NOTIFY or NOTIFY in (s.also or [])) and done_now:
                queue(READY, ready_text(office, app.number, app.service_name), f"step:{s.idx}:{s.finished_at}")
    elif app.status == Status.SIAP_DIAMBIL and before != Status.SIAP_DIAMBIL:
        queue(READY, ready_text(office, app.number, app.service_name), f"siap:{now}")
    if app.status == Status.DITOLAK and before != Status.DITOLAK:
        queue(REJECTED, rejected_text(office, app.number, app.closed_reason or note), "ditolak")
    if action == ChangeAction.RETURN and app.active_step is not None and Role.PETUGAS.value in app.steps[app.active_step].roles:
        queue(INCOMPLETE, incomplete_text(office, app.number, note or "lihat catatan petugas"), f"kembali:{now}")
