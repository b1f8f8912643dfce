"""Storing SKM answers and reading them back per period, service and respondent group.

Each answer is one transaction with its audit entry and an outbox entry, so a kelurahan's raw
answers travel to the kecamatan; the kecamatan pools them with its own (it never averages the
kelurahan's indices, which would weigh a kelurahan of 5 respondents like one of 500).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil, outbox
from desktop.models.clock import Clock
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.ids import new_uuid
from desktop.models.survey.ikm import IkmResult, check_scores, compute_ikm
from desktop.models.survey.unsur import CHARACTERISTIC_KEYS, CODES, characteristic

ENTITY = "survey_response"
SOURCES = ("kiosk", "kertas", "impor")
MAX_SARAN = 1000


@dataclass
class SurveyAnswers:
    """One questionnaire: nine scores and, optionally, who answered (in bands, never by name)."""

    scores: tuple[int, ...]
    service_id: str = ""
    service_name: str = ""
    jenis_kelamin: str = ""
    umur: str = ""
    pendidikan: str = ""
    pekerjaan: str = ""
    saran: str = ""

    def validate(self) -> None:
        self.scores = check_scores(tuple(self.scores))
        for key in CHARACTERISTIC_KEYS:
            value = getattr(self, key)
            options = characteristic(key).options
            if value and value not in options:
                raise ValidationError(f"{characteristic(key).label} '{value}' tidak dikenal; pilih salah satu: "
                                      f"{', '.join(options)}.")
        if len(self.saran) > MAX_SARAN:
            raise ValidationError(f"Saran terlalu panjang (paling banyak {MAX_SARAN} huruf).")

    def row(self) -> dict[str, Any]:
        data: dict[str, Any] = {key: getattr(self, key) for key in CHARACTERISTIC_KEYS}
        data.update({code: score for code, score in zip(CODES, self.scores)})
        data.update(service_id=self.service_id, service_name=self.service_name, saran=self.saran.strip())
        return data


Group = tuple[str, str]  # (characteristic key, value), e.g. ("jenis_kelamin", "Perempuan")


class SurveyRepository:
    def __init__(self, db: Database, clock: Clock, office_code: str = "") -> None:
        self.db, self.clock, self.office_code = db, clock, office_code

    # --- writing -------------------------------------------------------------------------
    def record(self, answers: SurveyAnswers, source: str, actor: audit.Actor) -> str:
        """A questionnaire: typed in from paper by staff (SURVEY_ENTRY, checked here), or answered by the
        citizen at the kiosk (anonymous: no account acts)."""
        if source != "kiosk":
            from desktop.models.users.accounts import authorized_actor
            from desktop.models.users.roles import Permission

            actor = authorized_actor(actor, Permission.SURVEY_ENTRY, db=self.db)
        answers.validate()
        with transaction(self.db):
            return self.record_in_transaction(answers, source, actor)

    def record_in_transaction(self, answers: SurveyAnswers, source: str, actor: audit.Actor) -> str:
        if source not in SOURCES:
            raise ValidationError(f"Sumber jawaban survei '{source}' tidak dikenal.")
        answers.validate()
        row = {"id": new_uuid(), "office_code": self.office_code, "day": self.clock.now().date().isoformat(),
               "source": source, **answers.row()}
        self.db["survey_responses"].insert(row)
        audit.record(self.db, self.clock, actor, "survey.response", ENTITY, row["id"], office_code=self.office_code,
                     after={"source": source, "service_id": answers.service_id})
        outbox.append(self.db, self.clock, self.office_code, ENTITY, row["id"], "insert", row)
        return row["id"]

    # --- reading -------------------------------------------------------------------------
    def rows(self, start: date, end: date, *, service_id: str | None = None, group: Group | None = None,
             pooled: bool = True) -> list[dict[str, Any]]:
        """Answers given from `start` to `end` (inclusive); with `pooled`, also those that arrived
        from the kelurahan below this office (kept by sync as they were sent)."""
        cursor = self.db.execute("SELECT * FROM survey_responses WHERE day BETWEEN ? AND ? ORDER BY rowid",
                                 [start.isoformat(), end.isoformat()])
        names = [c[0] for c in cursor.description]
        found = [dict(zip(names, r)) for r in cursor.fetchall()]
        if pooled and self._has_mirror():
            for office, payload in self.db.execute(
                    "SELECT office_code, payload FROM sync_mirror WHERE entity = ? AND op = 'insert' "
                    "AND json_extract(payload, '$.day') BETWEEN ? AND ? ORDER BY office_code, seq",
                    [ENTITY, start.isoformat(), end.isoformat()]):
                data = jsonutil.loads(payload)
                if isinstance(data, dict):
                    data["office_code"] = data.get("office_code") or office
                    found.append(data)
        return [r for r in found if _matches(r, service_id, group)]

    def answers(self, start: date, end: date, **filters: Any) -> list[tuple[int, ...]]:
        out = []
        for r in self.rows(start, end, **filters):
            try:
                out.append(check_scores(tuple(r.get(code) for code in CODES)))
            except ValidationError:
                continue  # a damaged row from elsewhere never spoils the office's own figures
        return out

    def ikm(self, start: date, end: date, **filters: Any) -> IkmResult | None:
        answers = self.answers(start, end, **filters)
        return compute_ikm(answers) if answers else None

    def count(self, start: date, end: date, **filters: Any) -> int:
        return len(self.answers(start, end, **filters))

    def _has_mirror(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_mirror'").fetchone() is not None


def _matches(row: dict[str, Any], service_id: str | None, group: Group | None) -> bool:
    if service_id and row.get("service_id") != service_id:
        return False
    if group is not None:
        key, value = group
        if key not in CHARACTERISTIC_KEYS:
            raise ValidationError(f"Kelompok responden '{key}' tidak dikenal.")
        if row.get(key) != value:
            return False
    return True


def ikm_for_period(source: Any, start: date, end: date, service_id: str | None = None,
                   group: Group | None = None, *, pooled: bool = True) -> IkmResult | None:
    """The IKM for a period (inclusive dates), optionally for one service or respondent group.

    `source` is a Services or a Database. None when nobody answered in that period. Reports
    (monthly, semester) call this; the figures match the SKM report and `loket skm ikm`.
    """
    db = getattr(source, "db", source)
    clock = getattr(source, "clock", None)
    return SurveyRepository(db, clock).ikm(start, end, service_id=service_id, group=group, pooled=pooled)
