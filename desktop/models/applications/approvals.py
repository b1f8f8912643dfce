"""The approval chain: perform the active step, return, reject, cancel — each one transaction.

Who may act is decided here, not by hiding buttons: the active step names its roles, the user
must hold one, and an official's mark (paraf, tanda tangan) needs that official's PIN now. How
the application then changes is the aggregate's business (aggregate.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.models.applications.application import Application
from desktop.models.applications.status import ChangeAction, Status
from desktop.models.applications.workflow import WorkStep, return_target, returnable, signed_steps, step_label
from desktop.models.audit import Actor
from desktop.models.db import transaction
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.survey.step import is_skm, take_outcome
from desktop.models.users.accounts import User
from desktop.models.users.roles import PERMISSIONS, Permission, Role

if TYPE_CHECKING:
    from desktop.models.applications.service import ApplicationService


def _check_actor(app: Application, step_idx: int, user: User, role: Role) -> None:
    if not app.status.is_open:
        raise ValidationError(f"Permohonan {app.number} sudah {app.status.label.lower()}; tidak ada langkah lagi.")
    if app.status == Status.DRAF:
        raise ValidationError(f"Permohonan {app.number} masih draf; ajukan dulu.")
    if app.active_step != step_idx:
        raise ValidationError("Langkah ini sudah tidak aktif (mungkin baru saja dikerjakan orang lain). "
                              "Muat ulang daftar.")
    step = app.steps[step_idx]
    if role not in user.roles:
        raise PermissionDenied(f"{user.full_name} tidak memegang peran {role.label}.")
    if role.value not in step.roles:
        allowed = " atau ".join(Role(r).label for r in step.roles)
        raise PermissionDenied(f"Langkah '{step_label(step)}' harus dilakukan oleh {allowed}; "
                               f"Anda bertindak sebagai {role.label}.")



def acting_user(apps: ApplicationService, user: User, *, pin: str | None = None, fresh: bool = False) -> User:
    """Who acts, as the database knows them: from a PIN typed now, else from their session.

    Roles, name and active flag are never taken from the `user` object the caller passes.
    """
    if pin:
        # Checked before any transaction so a wrong PIN is counted even though nothing else changes.
        return apps.users.confirm(user.id, pin)
    return apps.users.verify(user, fresh=fresh)


def perform(apps: ApplicationService, app_id: str, step_idx: int, user: User, role: Role, *,
            pin: str | None = None, note: str = "", confirmed: bool = False) -> Application:
    app = apps.reader.get(app_id)
    user = acting_user(apps, user, pin=pin)
    _check_actor(app, step_idx, user, role)
    step = app.steps[step_idx]
    if step.confirm and not confirmed:
        raise ValidationError(f"Pastikan dulu: {step.confirm}")
    if step.external:
        raise ValidationError("Keputusan kecamatan dicatat lewat 'Catat keputusan kecamatan': disetujui dengan "
                              "nomor suratnya, atau ditolak dengan alasannya (bukan sekali klik).")
    if step.needs_pin and not apps.users.sessions.is_fresh(user.session):
        raise ValidationError(f"{step_label(step)} memerlukan PIN {user.full_name}.")

    def step_hooks(done: WorkStep) -> None:
        for hook in apps.step_hooks:  # the letter is numbered and sealed here at the signature
            hook(apps, app, done, user)

    with transaction(apps.db):
        app = apps.reader.get(app_id)  # re-read inside the lock: a double click finds the step done
        _check_actor(app, step_idx, user, role)
        if is_skm(app.steps[step_idx]):  # only against a questionnaire filled in, or an explicit refusal
            take_outcome(apps.db, app, step_idx)
        apps.aggregate.perform_step(app, step_idx, user.actor(role), note=note, on_done=step_hooks)
    return apps.reader.get(app_id)


def return_to(apps: ApplicationService, app_id: str, target_idx: int | None, user: User, role: Role,
              reason: str) -> Application:
    """Send the file back to an earlier step (the decree's target when `target_idx` is None)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Alasan pengembalian wajib diisi.")
    user = acting_user(apps, user)
    with transaction(apps.db):
        app = apps.reader.get(app_id)
        current = app.active_step
        if current is None:
            raise ValidationError("Tidak ada langkah aktif untuk dikembalikan.")
        _check_actor(app, current, user, role)
        target = target_idx if target_idx is not None else return_target(app.steps, current)
        if target is None or not 0 <= target < current or not returnable(app.steps[target]):
            raise ValidationError("Berkas hanya dapat dikembalikan ke langkah sebelumnya yang dikerjakan orang.")
        actor = user.actor(role)
        if any(s.idx >= target for s in signed_steps(app.steps)):
            for hook in apps.reopen_hooks:  # the signature is undone: its letter is voided
                hook(app, actor, f"Berkas dikembalikan setelah ditandatangani: {reason}")
        apps.aggregate.return_to(app, target, actor, reason, step_note=f"Dikembalikan: {reason}")
    return apps.reader.get(app_id)


def back_to_signature(apps: ApplicationService, app_id: str, actor: Actor, reason: str) -> None:
    """Its letter was voided while the file is still open: the file waits for a new signature (the new
    letter will name the voided number it replaces). Inside the void's transaction."""
    apps.aggregate.return_to_signature(apps.reader.get(app_id), actor, reason)


def close(apps: ApplicationService, app_id: str, user: User, role: Role, reason: str, *,
          status: Status) -> Application:
    """Reject (an official on the active step) or cancel at the citizen's request (counter staff)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Alasan wajib diisi.")
    user = acting_user(apps, user)
    with transaction(apps.db):
        app = apps.reader.get(app_id)
        if not app.status.is_open:
            raise ValidationError(f"Permohonan {app.number} sudah {app.status.label.lower()}.")
        if role not in user.roles:
            raise PermissionDenied(f"{user.full_name} tidak memegang peran {role.label}.")
        if status == Status.DITOLAK:
            if app.active_step is None or role.value not in app.steps[app.active_step].roles:
                raise PermissionDenied("Hanya petugas/pejabat pada langkah yang sedang aktif yang dapat menolak.")
        elif Permission.INTAKE not in PERMISSIONS[role]:
            raise PermissionDenied("Pembatalan atas permintaan pemohon dilakukan oleh petugas loket.")
        actor = user.actor(role)
        word = "ditolak" if status == Status.DITOLAK else "dibatalkan"
        for hook in apps.reopen_hooks:
            hook(app, actor, f"Permohonan {word}: {reason}")
        action = ChangeAction.REJECT if status == Status.DITOLAK else ChangeAction.CANCEL
        apps.aggregate.close(app, status, reason, actor, action)
    return apps.reader.get(app_id)
