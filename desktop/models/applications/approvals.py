"""The approval chain: perform the active step, return, reject, cancel — each one transaction.

Who may act is decided here, not by hiding buttons: the active step names its roles, the user
must hold one, and an official's mark (paraf, tanda tangan) needs that official's PIN now.
"""

from __future__ import annotations

from typing import Any

from desktop.models.applications.application import Application
from desktop.models.applications.status import Status
from desktop.models.applications.store import write_change
from desktop.models.applications.workflow import (
    derive_status,
    is_handover,
    next_active,
    return_target,
    returnable,
    step_label,
)
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.survey.step import is_skm, take_outcome
from desktop.models.users.accounts import User
from desktop.models.users.roles import PERMISSIONS, Permission, Role


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


def acting_user(ctx: Any, user: User, *, pin: str | None = None, fresh: bool = False) -> User:
    """Who acts, as the database knows them: from a PIN typed now, else from their session.

    Roles, name and active flag are never taken from the `user` object the caller passes.
    """
    if pin:
        # Checked before any transaction so a wrong PIN is counted even though nothing else changes.
        return ctx.users.confirm(user.id, pin)
    return ctx.users.verify(user, fresh=fresh)


def perform(ctx: Any, app_id: str, step_idx: int, user: User, role: Role, *, pin: str | None = None,
            note: str = "", confirmed: bool = False) -> Application:
    app = ctx.reader.get(app_id)
    user = acting_user(ctx, user, pin=pin)
    _check_actor(app, step_idx, user, role)
    step = app.steps[step_idx]
    if step.confirm and not confirmed:
        raise ValidationError(f"Pastikan dulu: {step.confirm}")
    if step.external:
        raise ValidationError("Keputusan kecamatan dicatat lewat 'Catat keputusan kecamatan': disetujui dengan "
                              "nomor suratnya, atau ditolak dengan alasannya (bukan sekali klik).")
    if step.needs_pin and not ctx.users.sessions.is_fresh(user.session):
        raise ValidationError(f"{step_label(step)} memerlukan PIN {user.full_name}.")
    actor = user.actor(role)
    with transaction(ctx.db):
        app = ctx.reader.get(app_id)  # re-read inside the lock: a double click finds the step done
        _check_actor(app, step_idx, user, role)
        now = iso(ctx.clock.now())
        step = app.steps[step_idx]
        if is_skm(step):  # only against a questionnaire filled in, or an explicit refusal
            take_outcome(ctx.db, app, step_idx)
        step.state, step.finished_at = "done", now
        step.note = f"Dipastikan: {step.confirm}. {note}".strip() if step.confirm else note
        step.done_by, step.done_by_name, step.done_role = user.id, user.full_name, role.value
        before = app.status
        for hook in ctx.step_hooks:
            hook(ctx, app, step, user)
        advance(ctx, app, step_idx + 1)
        if is_handover(step):
            app.handed_over_at = ctx.clock.now()
        write_change(ctx.db, ctx.clock, app, actor, step.kind, before, step_idx=step_idx, note=note)
    return ctx.reader.get(app_id)


def advance(ctx: Any, app: Application, start: int) -> None:
    now = iso(ctx.clock.now())
    following = next_active(app.steps, start)
    for s in app.steps[start:(following if following is not None else len(app.steps))]:
        s.state, s.finished_at, s.done_by_name, s.done_role = "done", now, "Sistem", "sistem"
    app.active_step = following
    if following is not None:
        nxt = app.steps[following]
        nxt.state, nxt.started_at = "active", now
        app.status = derive_status(app.steps, following)
        if app.status == Status.SIAP_DIAMBIL and app.completed_at is None:
            app.completed_at = ctx.clock.now()
    elif app.completed_at is None:
        app.completed_at = ctx.clock.now()
    app.status = derive_status(app.steps, app.active_step)


def return_to(ctx: Any, app_id: str, target_idx: int | None, user: User, role: Role, reason: str) -> Application:
    """Send the file back to an earlier step (the decree's target when `target_idx` is None)."""
    if not reason.strip():
        raise ValidationError("Alasan pengembalian wajib diisi.")
    user = acting_user(ctx, user)
    with transaction(ctx.db):
        app = ctx.reader.get(app_id)
        current = app.active_step
        if current is None:
            raise ValidationError("Tidak ada langkah aktif untuk dikembalikan.")
        _check_actor(app, current, user, role)
        target = target_idx if target_idx is not None else return_target(app.steps, current)
        if target is None or not 0 <= target < current or not returnable(app.steps[target]):
            raise ValidationError("Berkas hanya dapat dikembalikan ke langkah sebelumnya yang dikerjakan orang.")
        before = app.status
        now = iso(ctx.clock.now())
        if any(s.kind == "tanda_tangan" and s.state == "done" for s in app.steps[target:]):
            for hook in ctx.reopen_hooks:  # the signature is undone: its letter is voided
                hook(ctx, app, user.actor(role), f"Berkas dikembalikan setelah ditandatangani: {reason.strip()}")
        for s in app.steps[target:]:
            s.state, s.started_at, s.finished_at = "pending", None, None
            s.done_by = s.done_by_name = s.done_role = None
        app.steps[target].state, app.steps[target].started_at = "active", now
        app.steps[target].note = f"Dikembalikan: {reason.strip()}"
        app.active_step = target
        app.completed_at = None
        app.status = derive_status(app.steps, target, returned=True)
        write_change(ctx.db, ctx.clock, app, user.actor(role), "return", before, step_idx=target, note=reason.strip())
    return ctx.reader.get(app_id)


def back_to_signature(ctx: Any, app_id: str, actor: Any, reason: str) -> None:
    """Its letter was voided while the file is still open: the file waits for a new signature (the new
    letter will name the voided number it replaces). Inside the void's transaction."""
    app = ctx.reader.get(app_id)
    signed = [s.idx for s in app.steps if s.kind == "tanda_tangan" and s.state == "done"]
    if not app.status.is_open or not signed:
        return
    target, before, now = signed[-1], app.status, iso(ctx.clock.now())
    for s in app.steps[target:]:
        s.state, s.started_at, s.finished_at = "pending", None, None
        s.done_by = s.done_by_name = s.done_role = None
    app.steps[target].state, app.steps[target].started_at = "active", now
    app.steps[target].note = reason
    app.active_step, app.completed_at, app.handed_over_at = target, None, None
    app.status = derive_status(app.steps, target)
    write_change(ctx.db, ctx.clock, app, actor, "return", before, step_idx=target, note=reason)


def close(ctx: Any, app_id: str, user: User, role: Role, reason: str, *, status: Status) -> Application:
    """Reject (an official on the active step) or cancel at the citizen's request (counter staff)."""
    if not reason.strip():
        raise ValidationError("Alasan wajib diisi.")
    user = acting_user(ctx, user)
    with transaction(ctx.db):
        app = ctx.reader.get(app_id)
        if not app.status.is_open:
            raise ValidationError(f"Permohonan {app.number} sudah {app.status.label.lower()}.")
        if role not in user.roles:
            raise PermissionDenied(f"{user.full_name} tidak memegang peran {role.label}.")
        if status == Status.DITOLAK:
            if app.active_step is None or role.value not in app.steps[app.active_step].roles:
                raise PermissionDenied("Hanya petugas/pejabat pada langkah yang sedang aktif yang dapat menolak.")
        elif Permission.INTAKE not in PERMISSIONS[role]:
            raise PermissionDenied("Pembatalan atas permintaan pemohon dilakukan oleh petugas loket.")
        before = app.status
        word = "ditolak" if status == Status.DITOLAK else "dibatalkan"
        for hook in ctx.reopen_hooks:
            hook(ctx, app, user.actor(role), f"Permohonan {word}: {reason.strip()}")
        app.status, app.closed_reason, app.active_step = status, reason.strip(), None
        for s in app.steps:
            if s.state == "active":
                s.state = "pending"
        action = "reject" if status == Status.DITOLAK else "cancel"
        write_change(ctx.db, ctx.clock, app, user.actor(role), action, before, note=reason.strip())
    return ctx.reader.get(app_id)


def previous_manual(app: Application, current: int) -> int | None:
    """The last step before `current` that a person does, not counting the intake (used by sync)."""
    earlier = [s.idx for s in app.steps[1:current] if not s.auto]
    return earlier[-1] if earlier else None
