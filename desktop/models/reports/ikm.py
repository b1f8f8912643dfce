"""IKM (Indeks Kepuasan Masyarakat) section of a report, from the survey capability (models/survey):
the same figure as the SKM report and `loket skm ikm` for the period, as label/value rows for the
PDF, the XLSX, the screen and the monthly pack."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from desktop.models.reports.period import ReportPeriod
from desktop.models.survey.ikm import comma
from desktop.models.survey.responses import ikm_for_period
from desktop.models.survey.unsur import UNSUR

NO_ANSWERS = "Belum ada jawaban survei kepuasan masyarakat (SKM) pada periode ini."
NOTE = ("IKM menurut PermenPANRB 14/2017: nilai rata-rata (NRR) tiap unsur, IKM = Σ NRR × 1/9 × 25. "
        "Jawaban dari kelurahan yang dikirim ke kantor ini ikut dihitung.")


@dataclass(frozen=True)
class IkmSection:
    available: bool
    note: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value), in print order


def ikm_section(db: Database, period: ReportPeriod) -> IkmSection:
    result = ikm_for_period(db, period.start, period.end)
    if result is None:
        return IkmSection(False, NO_ANSWERS)
    grade = result.grade
    rows = [("Jumlah responden", str(result.responden)), ("Nilai IKM", comma(result.ikm)),
            ("Mutu pelayanan", f"{grade.mutu} ({grade.kinerja})")]
    rows += [(f"NRR {u.code.upper()} {u.name}", comma(nrr)) for u, nrr in zip(UNSUR, result.nrr_shown)]
    rows.append(("Unsur terendah", ", ".join(UNSUR[i].name for i in result.lowest_unsur)))
    return IkmSection(True, NOTE, rows)
