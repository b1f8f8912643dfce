"""How many respondents a period needs: Krejcie–Morgan, as the SKM guidance's table uses.

s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)) with χ² = 3,841 (1 degree of freedom, 95 %),
P = 0,5 and d = 0,05, rounded to the nearest whole person — this reproduces the published table
(N 100 → 80, 1.000 → 278, 10.000 → 370, 1.000.000 → 384).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

CHI_SQUARE = Fraction(3841, 1000)
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    if population <= 0:
        return 0
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    s = spread * population / (MARGIN ** 2 * (population - 1) + spread)
    return int((s * 2 + 1) // 2)  # nearest, halves up


@dataclass(frozen=True)
class SampleProgress:
    served: int  # people served in the period (the population)
    target: int
    responses: int

    @property
    def percent(self) -> int:
        if self.target == 0:
            return 100
        return min(100, self.responses * 100 // self.target)

    @property
    def reached(self) -> bool:
        return self.responses >= self.target

    @property
    def text(self) -> str:
        if self.served == 0:
            return "Belum ada warga yang dilayani pada periode ini."
        rest = max(0, self.target - self.responses)
        tail = "target tercapai" if rest == 0 else f"kurang {rest} responden"
        return (f"{self.responses} dari {self.target} responden ({self.percent}%) untuk {self.served} warga "
                f"yang dilayani — {tail}.")
