"""IKM arithmetic exactly as PermenPANRB 14/2017 defines it, with no rounding until the end.

NRR per unsur = mean score; IKM = Σ (NRR × 1/9), a value between 1 and 4; the converted value
is IKM × 25 (25–100). Fractions throughout: a weight of 0.11 or 0.111 (what other IKM apps use)
turns a perfect score into 99.00 or 99.90 and moves values across grade edges.

Grades are decided on the converted value as shown, i.e. rounded half up to two decimals, so
the bands A 88.31–100.00, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99 leave no gap: every
shown value belongs to exactly one band, and the grade printed beside a value is the one a
reader looks up for that value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from desktop.models.errors import ValidationError
from desktop.models.survey.unsur import CODES, SCORES, UNSUR

WEIGHT = Fraction(1, len(UNSUR))  # 1/9, never 0.11
CONVERSION = 25


@dataclass(frozen=True)
class Grade:
    mutu: str
    kinerja: str
    lowest: Decimal  # inclusive, on the two-decimal value
    highest: Decimal


GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat Baik", Decimal("88.31"), Decimal("100.00")),
    Grade("B", "Baik", Decimal("76.61"), Decimal("88.30")),
    Grade("C", "Kurang Baik", Decimal("65.00"), Decimal("76.60")),
    Grade("D", "Tidak Baik", Decimal("25.00"), Decimal("64.99")),
)


def two_decimals(value: Fraction) -> Decimal:
    """Round half up to two decimals, exactly (integer arithmetic, no binary floats)."""
    hundredths = value * 100
    sign = -1 if hundredths < 0 else 1
    whole = (abs(hundredths) * 2 + 1) // 2  # floor(|x| + 1/2)
    return (Decimal(sign * whole) / Decimal(100)).quantize(Decimal("0.01"))


def comma(value: Decimal) -> str:
    """Indonesian decimal comma: 88,31."""
    return f"{value:.2f}".replace(".", ",")


def grade_of(converted: Fraction | Decimal) -> Grade:
    """The grade for a converted value (25–100)."""
    shown = two_decimals(Fraction(converted)) if not isinstance(converted, Decimal) else converted.quantize(
        Decimal("0.01"))
    if not Decimal("25.00") <= shown <= Decimal("100.00"):
        raise ValidationError(f"Nilai IKM {shown} di luar rentang 25,00–100,00.")
    for grade in GRADES:
        if shown >= grade.lowest:
            return grade
    raise AssertionError("unreachable: D starts at 25.00")


@dataclass(frozen=True)
class IkmResult:
    responden: int
    nrr: tuple[Fraction, ...]  # exact mean score per unsur, u1…u9
    distribution: tuple[tuple[int, int, int, int], ...]  # per unsur: how many answered 1, 2, 3, 4

    @property
    def index(self) -> Fraction:
        """Σ NRR × 1/9, between 1 and 4."""
        return sum((n * WEIGHT for n in self.nrr), Fraction(0))

    @property
    def converted(self) -> Fraction:
        return self.index * CONVERSION

    @property
    def ikm(self) -> Decimal:
        """The converted value as shown: two decimals."""
        return two_decimals(self.converted)

    @property
    def grade(self) -> Grade:
        return grade_of(self.converted)

    @property
    def nrr_shown(self) -> tuple[Decimal, ...]:
        return tuple(two_decimals(n) for n in self.nrr)

    @property
    def lowest_unsur(self) -> list[int]:
        """Indexes (0-based) of the unsur with the lowest NRR: where to improve first."""
        low = min(self.nrr)
        return [i for i, n in enumerate(self.nrr) if n == low]

    def as_json(self) -> dict[str, object]:
        """The shape `loket skm ikm --json` prints."""
        grade = self.grade
        return {"responden": self.responden, "nrr": [float(n) for n in self.nrr_shown], "ikm": float(self.ikm),
                "mutu": grade.mutu, "kinerja": grade.kinerja}


def check_scores(scores: Sequence[int], where: str = "") -> tuple[int, ...]:
    if len(scores) != len(CODES):
        raise ValidationError(f"{where}Jawaban harus {len(CODES)} unsur (u1–u9), bukan {len(scores)}.")
    for code, score in zip(CODES, scores):
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            raise ValidationError(f"{where}Nilai {code} harus 1, 2, 3 atau 4 (tertulis: {score!r}).")
    return tuple(scores)


def compute_ikm(answers: Iterable[Sequence[int]]) -> IkmResult:
    """IKM from raw answers: one sequence of nine scores (u1…u9, each 1–4) per respondent."""
    totals = [0] * len(CODES)
    counts = [[0, 0, 0, 0] for _ in CODES]
    n = 0
    for row in answers:
        scores = check_scores(row, f"Responden ke-{n + 1}: ")
        n += 1
        for i, s in enumerate(scores):
            totals[i] += s
            counts[i][s - 1] += 1
    if n == 0:
        raise ValidationError("Belum ada jawaban survei pada periode/berkas ini; IKM tidak dapat dihitung.")
    return IkmResult(responden=n, nrr=tuple(Fraction(t, n) for t in totals),
                     distribution=tuple((c[0], c[1], c[2], c[3]) for c in counts))
