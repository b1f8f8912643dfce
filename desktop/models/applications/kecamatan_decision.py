"""Tipe B at a kelurahan: what the kecamatan decided, whether it came over the link or on paper.

Approved: the waiting step is done with the kecamatan's letter number and who decided; the file
goes on to printing and hand-over here. Rejected: the application is Ditolak with the kecamatan's
reason (not sent back to the clerk as if something were missing). A decision arriving on paper is
recorded by counter staff through `record_paper_decision`, which asks for the same facts — never
a one-click close.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models import audit
from desktop.models.applications.application import Application
from desktop.models.applications.approvals import advance, previous_manual
from desktop.models.applications.status import Status
from desktop.models.applications.store import write_change
from desktop.models.applications.workflow import derive_status
from desktop.models.clock import iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.text_input import check_text
from desktop.models.users.accounts import User, authorized_actor
from desktop.models.users.roles import Permission

APPROVED, REJECTED, CANCELLED, RETURNED = "approved", "rejected", "cancelled", "returned"


@dataclass(frozen=True)
class PaperDecision:
    """What the kecamatan's letter or rejection slip says."""

    approved: bool
    decided_by: str  # the kecamatan official who decided (name and jabatan as written)
    letter_number: str = ""  # the kecamatan's letter number, when approved
    reason: str = ""  # the kecamatan's reason, when rejected


def waiting_step(app: Application) -> Any:
    step = app.current
    if app.status != Status.DIKIRIM_KE_KECAMATAN or step is None or not step.external:
        raise ValidationError(f"Permohonan {app.number} tidak sedang menunggu keputusan kecamatan.")
    return step


def apply_decision(ctx: Any, app: Application, actor: audit.Actor, outcome: str, *, note: str = "",
                   reason: str = "") -> None:
    """Move the waiting application on; inside the caller's transaction."""
    step = waiting_step(app)
    now, before = iso(ctx.clock.now()), app.status
    if outcome == APPROVED:
        step.state, step.finished_at, step.note = "done", now, note
        step.done_by, step.done_by_name, step.done_role = actor.user_id, actor.name, actor.role
        advance(ctx, app, step.idx + 1)
        write_change(ctx.db, ctx.clock, app, actor, "kecamatan_setuju", before, step_idx=step.idx, note=note)
    elif outcome in (REJECTED, CANCELLED):
        step.state = "pending"
        app.status = Status.DITOLAK if outcome == REJECTED else Status.DIBATALKAN
        app.closed_reason, app.active_step = reason, None
        word = "Ditolak" if outcome == REJECTED else "Dibatalkan"
        write_change(ctx.db, ctx.clock, app, actor, "kecamatan_tolak" if outcome == REJECTED else "cancel", before,
                     step_idx=step.idx, note=f"{word} kecamatan: {reason}")
    else:  # RETURNED: an older kecamatan (release 0.1) sends files back for completion
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
        write_change(ctx.db, ctx.clock, app, actor, "return", before, step_idx=target,
                     note=f"Dikembalikan kecamatan: {reason}")


def record_paper_decision(ctx: Any, app_id: str, user: User, decision: PaperDecision) -> Application:
    """Counter staff record a kecamatan decision that arrived on paper (Permission.RECORD_DECISION)."""
    actor = authorized_actor(user, Permission.RECORD_DECISION, db=ctx.db)
    decided_by = decision.decided_by.strip()
    if not decided_by:
        raise ValidationError("Isi siapa yang memutuskan di kecamatan (nama dan jabatan sesuai surat).")
    check_text("Pejabat kecamatan", decided_by, 150)
    if decision.approved:
        number = decision.letter_number.strip()
        if not number:
            raise ValidationError("Isi nomor surat kecamatan yang menyetujui permohonan ini.")
        check_text("Nomor surat kecamatan", number, 80)
        note = (f"Disetujui kecamatan (dicatat dari surat kertas): surat nomor {number}, diputuskan {decided_by}, "
                f"dicatat {actor.name}")
        outcome, reason = APPROVED, ""
    else:
        reason = decision.reason.strip()
        if not reason:
            raise ValidationError("Isi alasan penolakan dari kecamatan.")
        check_text("Alasan penolakan", reason, 500)
        note, outcome = "", REJECTED
        reason = f"{reason} (diputuskan {decided_by}; dicatat dari surat kertas oleh {actor.name})"
    with transaction(ctx.db):
        app = ctx.reader.get(app_id)
        apply_decision(ctx, app, actor, outcome, note=note, reason=reason)
    return ctx.reader.get(app_id)
