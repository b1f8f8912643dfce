"""The SKM step of a decree's procedure: done only against a real questionnaire or the
respondent's explicit refusal, both written in the same transaction as the step.

The outcome row says *that* the applicant answered, never *what*: the answers are stored
without the application, so the survey stays anonymous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

from desktop.models.applications.application import Application
from desktop.models.applications.step_kinds import StepKind
from desktop.models.applications.workflow import WorkStep
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.survey.responses import SurveyAnswers, SurveyRepository
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission, Role

if TYPE_CHECKING:
    from desktop.models.services import Services

FILLED, REFUSED = "diisi", "menolak"
REFUSAL_TEXT = "Responden menolak/tidak mengisi survei"


def is_skm(step: WorkStep) -> bool:
    return step.kind == StepKind.SKM or StepKind.SKM in (step.also or [])


def record_step(services: Services, app_id: str, step_idx: int, user: User, role: Role, *,
                answers: SurveyAnswers | None = None, source: str = "kiosk", refusal_note: str = "") -> Application:
    """Finish the SKM step with a filled questionnaire (`answers`) or a refusal (`answers=None`)."""
    user = require(user, Permission.SURVEY_ENTRY, db=services.db)
    app = services.applications.get(app_id)
    if app.active_step != step_idx or not is_skm(app.steps[step_idx]):
        raise ValidationError("Langkah survei (SKM) permohonan ini tidak sedang aktif. Muat ulang daftar.")
    if answers is not None:
        answers.service_id = answers.service_id or app.service_id
        answers.service_name = answers.service_name or app.service_name
        answers.validate()
    repo = SurveyRepository(services.db, services.clock, services.profile.office_code)
    with transaction(services.db):
        if answers is not None:
            repo.record_in_transaction(answers, source, user.actor(role))
            outcome, note = FILLED, "SKM diisi responden" + (" (kuesioner kertas)" if source == "kertas" else "")
        else:
            outcome = REFUSED
            note = REFUSAL_TEXT + (f": {refusal_note.strip()}" if refusal_note.strip() else "")
        services.db["survey_step_outcomes"].insert({
            "application_id": app_id, "step_idx": step_idx, "outcome": outcome,
            "day": services.clock.now().date().isoformat(), "service_id": app.service_id,
            "recorded_by": user.full_name, "note": note})
        return services.applications.perform(app_id, step_idx, user, role, note=note)


def take_outcome(db: Database, app: Application, step_idx: int) -> None:
    """Inside the step's transaction: consume the recorded outcome, or refuse a click that records nothing."""
    row = db.execute("SELECT id FROM survey_step_outcomes WHERE application_id = ? AND step_idx = ? AND used = 0 "
                     "ORDER BY id DESC LIMIT 1", [app.id, step_idx]).fetchone()
    if row is None:
        raise ValidationError("Langkah survei kepuasan (SKM) dicatat lewat survei: isi jawaban responden "
                              "(kiosk atau kuesioner kertas) atau catat bahwa responden menolak/tidak mengisi.")
    db.execute("UPDATE survey_step_outcomes SET used = 1 WHERE id = ?", [row[0]])


def refusals(db: Database, start: str, end: str) -> int:
    return db.execute("SELECT count(*) FROM survey_step_outcomes WHERE outcome = ? AND day BETWEEN ? AND ?",
                      [REFUSED, start, end]).fetchone()[0]
