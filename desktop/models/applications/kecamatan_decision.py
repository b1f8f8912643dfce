"""Tipe B at a kelurahan: what the kecamatan decided, whether it came over the link or on paper.

Approved: the waiting step is done with the kecamatan's letter number and who decided; the file
goes on to printing and hand-over here. Rejected: the application is Ditolak with the kecamatan's
reason (not sent back to the clerk as if something were missing). A decision arriving on paper is
recorded by counter staff through `record_paper_decision`, which asks for the same facts — never
a one-click close.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from desktop.models import audit
from desktop.models.applications.application import Application
from desktop.models.applications.status import ChangeAction, Status
from desktop.models.applications.workflow import WorkStep, previous_manual
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.text_input import check_text
from desktop.models.users.accounts import User, authorized_actor
from desktop.models.users.roles import Permission

if TYPE_CHECKING:
    from desktop.models.applications.service import ApplicationService


class Outcome(str, Enum):
    """What the kecamatan decided about a waiting Tipe B file (as it travels down the link)."""

    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    RETURNED = "returned"  # only an older kecamatan (release 0.1) sends files back for completion

    def __str__(self) -> str:
        return self.value


APPROVED, REJECTED, CANCELLED, RETURNED = Outcome.APPROVED, Outcome.REJECTED, Outcome.CANCELLED, Outcome.RETURNED


@dataclass(frozen=True)
class PaperDecision:
    """What the kecamatan's letter or rejection slip says."""

    approved: bool
    decided_by: str  # the kecamatan official who decided (name and jabatan as written)
    letter_number: str = ""  # the kecamatan's letter number, when approved
    reason: str = ""  # the kecamatan's reason, when rejected


def waiting_step(app: Application) -> WorkStep:
    step = app.current
    if app.status != Status.DIKIRIM_KE_KECAMATAN or step is None or not step.external:
        raise ValidationError(f"Permohonan {app.number} tidak sedang menunggu keputusan kecamatan.")
    return step


def apply_decision(apps: ApplicationService, app: Application, actor: audit.Actor, outcome: str, *,
                   note: str = "", reason: str = "") -> None:
    """Move the waiting application on; inside the caller's transaction. An unknown outcome changes nothing."""
    step = waiting_step(app)
    if outcome == Outcome.APPROVED:
        apps.aggregate.perform_step(app, step.idx, actor, note=note, action=ChangeAction.KECAMATAN_APPROVED)
    elif outcome in (Outcome.REJECTED, Outcome.CANCELLED):
        rejected = outcome == Outcome.REJECTED
        word = "Ditolak" if rejected else "Dibatalkan"
        apps.aggregate.close(app, Status.DITOLAK if rejected else Status.DIBATALKAN, reason, actor,
                             ChangeAction.KECAMATAN_REJECTED if rejected else ChangeAction.CANCEL,
                             step_idx=step.idx, note=f"{word} kecamatan: {reason}")
    elif outcome == Outcome.RETURNED:
        target = previous_manual(app.steps, step.idx)
        if target is not None:
            text = f"Dikembalikan kecamatan: {reason}"
            apps.aggregate.return_to(app, target, actor, text)


def record_paper_decision(apps: ApplicationService, app_id: str, user: User,
                          decision: PaperDecision) -> Application:
    """Counter staff record a kecamatan decision that arrived on paper (Permission.RECORD_DECISION)."""
    actor = authorized_actor(user, Permission.RECORD_DECISION, db=apps.db)
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
    with transaction(apps.db):
        app = apps.reader.get(app_id)
        apply_decision(apps, app, actor, outcome, note=note, reason=reason)
    return apps.reader.get(app_id)
