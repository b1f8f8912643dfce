"""Report periods: parsing what a person types, and the days and months they cover."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.errors import ValidationError
from desktop.models.reports.period import PeriodKind, ReportPeriod


def test_month_semester_and_year():
    feb = ReportPeriod.parse(PeriodKind.MONTH, "2028-02")
    assert (feb.start, feb.end, feb.label, feb.key) == (date(2028, 2, 1), date(2028, 2, 29), "Februari 2028",
                                                          "2028-02")
    assert len(feb.buckets()) == 29 and feb.buckets()[0].label == "1"
    s1 = ReportPeriod.parse(PeriodKind.SEMESTER, "2026-1")
    assert (s1.start, s1.end, s1.key) == (date(2026, 1, 1), date(2026, 6, 30), "2026-S1")
    assert s1.label == "Semester I (Januari–Juni) 2026" and [b.label for b in s1.buckets()][-1] == "Jun"
    year = ReportPeriod.parse("tahunan", "2026")
    assert (year.start, year.end, len(year.buckets()), len(year.months())) == (date(2026, 1, 1), date(2026, 12, 31),
                                                                                12, 12)
    assert feb.has_ended(date(2028, 3, 1)) and not feb.has_ended(date(2028, 2, 29))


@pytest.mark.parametrize("kind, text", [(PeriodKind.MONTH, "2026-13"), (PeriodKind.MONTH, "November"),
                                        (PeriodKind.MONTH, "26-11"), (PeriodKind.SEMESTER, "2026-S3"),
                                        (PeriodKind.YEAR, "1999"), (PeriodKind.MONTH, "")])
def test_bad_periods_are_refused_in_words(kind, text):
    with pytest.raises(ValidationError, match="Periode"):
        ReportPeriod.parse(kind, text)


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(list(PeriodKind)), text=st.text(max_size=20))
def test_any_text_is_a_period_or_a_clear_refusal(kind, text):
    try:
        period = ReportPeriod.parse(kind, text)
    except ValidationError as exc:
        assert "Periode" in str(exc)
    else:
        assert period.start <= period.end and period.contains(period.start)
