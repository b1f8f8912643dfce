"""IKM arithmetic (PermenPANRB 14/2017): exact at every grade edge, no 0.11 weight, no gaps."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.errors import ValidationError
from desktop.models.survey.ikm import GRADES, compute_ikm, grade_of, two_decimals
from desktop.models.survey.sample import SampleProgress, krejcie_morgan


def answers_with_total(n: int, total: int) -> list[tuple[int, ...]]:
    """n respondents whose 9n scores add up to `total` (so IKM = 25·total / 9n exactly)."""
    assert 9 * n <= total <= 36 * n
    cells = [1] * (9 * n)
    rest = total - 9 * n
    for i in range(len(cells)):
        add = min(3, rest)
        cells[i] += add
        rest -= add
    return [tuple(cells[r * 9:(r + 1) * 9]) for r in range(n)]


def ikm_of(n: int, total: int):
    return compute_ikm(answers_with_total(n, total))


def test_perfect_score_is_exactly_100_not_99():
    result = compute_ikm([(4,) * 9] * 7)
    assert result.ikm == Decimal("100.00")
    assert result.converted == 100
    assert result.as_json() == {"responden": 7, "nrr": [4.0] * 9, "ikm": 100.0, "mutu": "A", "kinerja": "Sangat Baik"}


def test_lowest_score_is_25_and_grade_d():
    result = compute_ikm([(1,) * 9])
    assert result.ikm == Decimal("25.00") and result.grade.mutu == "D"


# With 2500 respondents the converted value is total/36 exactly; each shown value v needs total = 900·v.
@pytest.mark.parametrize(("value", "mutu", "kinerja"), [
    ("100.00", "A", "Sangat Baik"), ("88.31", "A", "Sangat Baik"), ("88.30", "B", "Baik"),
    ("76.61", "B", "Baik"), ("76.60", "C", "Kurang Baik"), ("65.00", "C", "Kurang Baik"),
    ("64.99", "D", "Tidak Baik"), ("25.00", "D", "Tidak Baik"), ("88.32", "A", "Sangat Baik"),
    ("76.62", "B", "Baik"), ("65.01", "C", "Kurang Baik"), ("88.29", "B", "Baik"), ("76.59", "C", "Kurang Baik"),
])
def test_exact_values_on_and_beside_each_band_edge(value, mutu, kinerja):
    total = int(Decimal(value) * 900)
    result = ikm_of(2500, total)
    assert result.converted == Fraction(Decimal(value))
    assert result.ikm == Decimal(value)
    assert (result.grade.mutu, result.grade.kinerja) == (mutu, kinerja)


# Between two shown values: 5000 respondents give steps of 1/1800; the grade follows the value as shown.
@pytest.mark.parametrize(("total", "shown", "mutu"), [
    (158949, "88.31", "A"),  # 88.305 exactly: half up to 88.31
    (158948, "88.30", "B"),  # 88.3044…
    (137898, "76.61", "B"),  # 76.61
    (137889, "76.61", "B"),  # 76.605 exactly
    (137888, "76.60", "C"),  # 76.6044…
    (116991, "65.00", "C"),  # 64.995 exactly
    (116990, "64.99", "D"),  # 64.9944…
])
def test_values_between_two_decimals_take_the_grade_of_the_shown_value(total, shown, mutu):
    result = ikm_of(5000, total)
    assert result.ikm == Decimal(shown)
    assert result.grade.mutu == mutu


def test_every_shown_value_from_25_to_100_has_exactly_one_grade():
    for hundredths in range(2500, 10001):
        value = Decimal(hundredths) / 100
        owners = [g.mutu for g in GRADES if g.lowest <= value <= g.highest]
        assert owners == [grade_of(value).mutu], value


def test_the_old_0_11_weight_would_have_graded_this_b_but_it_is_a():
    # 88.31 exactly: Σ NRR = 31.7916; with 0.11 per unsur: 31.7916 × 0.11 × 25 = 87.43 (B).
    result = ikm_of(2500, 79479)
    assert result.ikm == Decimal("88.31") and result.grade.mutu == "A"
    old_way = sum(result.nrr) * Fraction(11, 100) * 25
    assert two_decimals(old_way) == Decimal("87.43") and grade_of(old_way).mutu == "B"


def test_nrr_per_unsur_distribution_and_lowest():
    rows = [(4, 3, 2, 4, 4, 4, 4, 3, 1), (3, 3, 2, 4, 4, 4, 4, 3, 2)]
    result = compute_ikm(rows)
    assert result.nrr[0] == Fraction(7, 2) and result.nrr_shown[0] == Decimal("3.50")
    assert result.distribution[8] == (1, 1, 0, 0)
    assert result.lowest_unsur == [8]


@pytest.mark.parametrize("row", [(4,) * 8, (4,) * 10, (0,) + (4,) * 8, (5,) + (4,) * 8, ("4",) + (4,) * 8,
                                 (True,) + (4,) * 8, (3.5,) + (4,) * 8])
def test_bad_answers_are_refused_with_a_reason(row):
    with pytest.raises(ValidationError):
        compute_ikm([row])


def test_no_answers_no_index():
    with pytest.raises(ValidationError, match="Belum ada jawaban"):
        compute_ikm([])


rows_strategy = st.lists(st.tuples(*[st.integers(1, 4)] * 9), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(rows_strategy)
def test_ikm_is_25_times_the_mean_of_all_scores_exactly(rows):
    result = compute_ikm(rows)
    assert result.converted == Fraction(25 * sum(map(sum, rows)), 9 * len(rows))
    assert Decimal("25.00") <= result.ikm <= Decimal("100.00")
    assert compute_ikm(list(reversed(rows))).converted == result.converted


@settings(max_examples=40, deadline=None)
@given(rows_strategy, rows_strategy)
def test_pooling_uses_raw_answers_not_the_average_of_indices(a, b):
    pooled = compute_ikm(a + b).converted
    weighted = (compute_ikm(a).converted * len(a) + compute_ikm(b).converted * len(b)) / (len(a) + len(b))
    assert pooled == weighted
    assert min(compute_ikm(a).converted, compute_ikm(b).converted) <= pooled
    assert pooled <= max(compute_ikm(a).converted, compute_ikm(b).converted)


@settings(max_examples=40, deadline=None)
@given(rows_strategy)
def test_a_perfect_answer_never_lowers_the_index(rows):
    assert compute_ikm(rows + [(4,) * 9]).converted >= compute_ikm(rows).converted


@settings(max_examples=200, deadline=None)
@given(st.fractions(min_value=0, max_value=100, max_denominator=100000))
def test_two_decimals_is_exact_half_up(value):
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    # Decimal division is exact enough here for every denominator drawn (28 significant digits).
    assert two_decimals(value) == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_grade_refuses_values_outside_the_scale():
    for bad in (Decimal("24.99"), Decimal("100.01")):
        with pytest.raises(ValidationError):
            grade_of(bad)


@pytest.mark.parametrize(("population", "sample"), [
    (0, 0), (1, 1), (10, 10), (15, 14), (20, 19), (30, 28), (50, 44), (70, 59), (100, 80), (150, 108),
    (200, 132), (300, 169), (500, 217), (1000, 278), (2000, 322), (5000, 357), (10000, 370), (100000, 383),
    (1000000, 384),
])
def test_krejcie_morgan_reproduces_the_published_table(population, sample):
    assert krejcie_morgan(population) == sample


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 2_000_000))
def test_sample_target_never_exceeds_the_population_or_384(n):
    s = krejcie_morgan(n)
    assert 0 < s <= min(n, 384)
    assert krejcie_morgan(n + 1) >= s


def test_sample_progress_text():
    progress = SampleProgress(served=100, target=80, responses=20)
    assert progress.percent == 25 and not progress.reached
    assert "20 dari 80 responden" in progress.text and "kurang 60" in progress.text
    assert SampleProgress(0, 0, 0).text.startswith("Belum ada warga")
