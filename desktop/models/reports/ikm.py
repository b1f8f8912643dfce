"""IKM (Indeks Kepuasan Masyarakat) section of a report — the seam for the survey capability.

The survey (SKM) and its index belong to `desktop.models.survey` (issue 13). Until that package
exists, the report prints that the IKM is not available yet; when it lands, `ikm_section` is the
one place that turns its figures for a period into label/value rows for the PDF, the XLSX and the
monthly pack (the renderers and the pack need no change).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from sqlite_utils import Database

from desktop.models.reports.period import ReportPeriod

NOT_AVAILABLE = "IKM belum tersedia: survei kepuasan masyarakat (SKM) belum dipasang di aplikasi ini."


@dataclass(frozen=True)
class IkmSection:
    available: bool
    note: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value), in print order


def ikm_section(db: Database, period: ReportPeriod) -> IkmSection:
    """IKM for the period from the survey capability, when it is installed."""
    try:
        survey = importlib.import_module("desktop.models.survey")
    except ImportError:
        return IkmSection(False, NOT_AVAILABLE)
    provider = getattr(survey, "ikm_for_period", None)
    if provider is None:  # an older survey package without the period figure
        return IkmSection(False, NOT_AVAILABLE)
    return _from_survey(provider(db, period.start, period.end))


def _from_survey(result: object) -> IkmSection:
    """SEAM (issue 13): map the survey's period result to rows. Until its shape is fixed, any result
    offering `report_rows()` (label, value pairs) and an optional `note` is printed as it is."""
    rows_of = getattr(result, "report_rows", None)
    if result is None or rows_of is None:
        return IkmSection(False, NOT_AVAILABLE)
    rows = [(str(label), str(value)) for label, value in rows_of()]
    return IkmSection(bool(rows), str(getattr(result, "note", "")), rows)
