"""What the IKM report for a semester or a year says (one content model; PDF and XLSX render it).

Respondents' profile, NRR per unsur, how the answers were distributed, the IKM and its grade,
the weakest unsur, the index per service, the sample target against people served, and the
office's follow-up plan.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.models.errors import ValidationError
from desktop.models.survey.ikm import IkmResult, compute_ikm
from desktop.models.survey.sample import SampleProgress, krejcie_morgan
from desktop.models.survey.step import refusals
from desktop.models.survey.unsur import CHARACTERISTICS, CODES, UNSUR

if TYPE_CHECKING:
    from desktop.models.services import Services


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str  # "Semester I Tahun 2026", "Tahun 2026"

    @classmethod
    def of(cls, year: int, semester: int | None = None) -> Period:
        if semester is None:
            return cls(date(year, 1, 1), date(year, 12, 31), f"Tahun {year}")
        if semester not in (1, 2):
            raise ValidationError("Semester hanya 1 atau 2.")
        if semester == 1:
            return cls(date(year, 1, 1), date(year, 6, 30), f"Semester I Tahun {year}")
        return cls(date(year, 7, 1), date(year, 12, 31), f"Semester II Tahun {year}")


@dataclass
class IkmReport:
    office_name: str
    period: Period
    result: IkmResult | None
    progress: SampleProgress
    refused: int
    profile: dict[str, list[tuple[str, int]]]  # characteristic label -> [(option, count)] incl. "Tidak diisi"
    per_service: list[tuple[str, int, IkmResult]]  # (service name, respondents, result)
    follow_up: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def lowest_names(self) -> list[str]:
        if self.result is None:
            return []
        return [UNSUR[i].name for i in self.result.lowest_unsur]


def served_count(db: Any, start: date, end: date) -> int:
    """People served in the period: applications received (drafts and cancellations not counted)."""
    return db.execute("SELECT count(*) FROM applications WHERE substr(received_at, 1, 10) BETWEEN ? AND ? "
                      "AND status NOT IN ('draf', 'dibatalkan')", [start.isoformat(), end.isoformat()]).fetchone()[0]


def progress_for(services: Services, start: date, end: date) -> SampleProgress:
    served = served_count(services.db, start, end)
    return SampleProgress(served=served, target=krejcie_morgan(served), responses=services.survey.count(start, end))


def build_report(services: Services, period: Period, follow_up: str = "") -> IkmReport:
    rows = services.survey.rows(period.start, period.end)
    answers, valid_rows = [], []
    for r in rows:
        try:
            answers.append(tuple(int(r[c]) for c in CODES))
            valid_rows.append(r)
        except (KeyError, TypeError, ValueError):
            continue
    result = compute_ikm(answers) if answers else None
    profile: dict[str, list[tuple[str, int]]] = {}
    for ch in CHARACTERISTICS:
        counts = Counter(r.get(ch.key) or "" for r in valid_rows)
        profile[ch.label] = [(o, counts.get(o, 0)) for o in ch.options] + [("Tidak diisi", counts.get("", 0))]
    by_service: dict[str, list[tuple[int, ...]]] = {}
    names: dict[str, str] = {}
    for r, a in zip(valid_rows, answers):
        key = r.get("service_id") or ""
        by_service.setdefault(key, []).append(a)
        names[key] = r.get("service_name") or ("(layanan tidak disebut)" if not key else key)
    per_service = sorted(((names[k], len(v), compute_ikm(v)) for k, v in by_service.items()),
                         key=lambda t: (-t[1], t[0]))
    report = IkmReport(office_name=services.profile.office_name, period=period, result=result,
                       progress=progress_for(services, period.start, period.end),
                       refused=refusals(services.db, period.start.isoformat(), period.end.isoformat()),
                       profile=profile, per_service=per_service, follow_up=follow_up.strip())
    if result is None:
        report.notes.append("Belum ada jawaban survei pada periode ini.")
    elif not report.progress.reached:
        report.notes.append(f"Jumlah responden belum memenuhi sampel minimal ({report.progress.text})")
    return report
