"""Typed dates: day first, every common way of writing one, and nothing silently changed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.errors import ValidationError
from desktop.models.typed_dates import parse_typed_date, typed

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize("text", ["12-03-2026", "12/3/2026", "12.03.2026", "12 03 2026", "12032026", "2026-03-12",
                                  "12 Maret 2026", "12 mar 2026", "12-Mar-26", "  12 - 03 - 2026 ", "12-03-26"])
def test_the_twelfth_of_march_however_it_is_typed(text):
    assert parse_typed_date(text, TODAY) == date(2026, 3, 12)


def test_two_digit_years_are_never_in_the_future():
    assert parse_typed_date("15-08-70", TODAY) == date(1970, 8, 15)
    assert parse_typed_date("15-08-26", TODAY) == date(2026, 8, 15)
    assert parse_typed_date("15-08-27", TODAY) == date(1927, 8, 15)


@pytest.mark.parametrize("text,reason", [("31-02-2026", "tidak ada"), ("12-13-2026", "Bulan 13"),
                                         ("kemarin", "tidak dikenali"), ("12-03", "tidak dikenali"),
                                         ("03/12/2026x", "tidak dikenali"), ("12-03-0001", "Tahun")])
def test_what_is_not_a_date_is_refused_with_the_reason(text, reason):
    with pytest.raises(ValidationError, match=reason):
        parse_typed_date(text, TODAY)


def test_empty_is_no_date():
    assert parse_typed_date("   ", TODAY) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_shown_date_reads_back_as_itself(when):
    assert parse_typed_date(typed(when), TODAY) == when


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=25))
def test_any_text_is_a_real_date_or_a_clear_refusal(text):
    try:
        result = parse_typed_date(text, TODAY)
    except ValidationError as exc:
        assert str(exc)
    else:
        assert result is None or isinstance(result, date)
