"""Score the indicator tree from the findings' deductions and assign the grade.

A leaf scores its weight less the deductions of the findings against it, kept within
[0, weight] and rounded to 2 decimals half up; a parent scores the sum of its children's
rounded scores; the total is the sum of the first-level indicators; the grade is the
scheme's band the total falls in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .findings import Finding
from .scheme import Scheme

CENT = Decimal("0.01")


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    name: str
    weight: Decimal
    score: Decimal
    parent: str | None
    level: int
    is_leaf: bool
    deductions: Decimal  # raw sum of the findings' deductions (leaves only)

    @property
    def rate(self) -> Decimal:
        return self.score / self.weight if self.weight else Decimal(0)


@dataclass(frozen=True)
class ScoreTable:
    rows: tuple[IndicatorScore, ...]
    total: Decimal
    grade: str

    def get(self, indicator: str) -> IndicatorScore:
        return next(r for r in self.rows if r.id == indicator)


def round_half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def leaf_score(weight: Decimal, deductions: Decimal) -> Decimal:
    return round_half_up(min(weight, max(Decimal(0), weight - deductions)))


def score(scheme: Scheme, findings: list[Finding]) -> ScoreTable:
    deducted: dict[str, Decimal] = {}
    for finding in findings:
        deducted[finding.indicator] = deducted.get(finding.indicator, Decimal(0)) + finding.deduction
    scores: dict[str, Decimal] = {}

    def visit(indicator_id: str) -> Decimal:
        indicator = scheme.indicators[indicator_id]
        if indicator.is_leaf:
            scores[indicator_id] = leaf_score(indicator.weight, deducted.get(indicator_id, Decimal(0)))
        else:
            scores[indicator_id] = sum((visit(c) for c in indicator.children), Decimal(0))
        return scores[indicator_id]

    total = sum((visit(root.id) for root in scheme.roots), Decimal(0))
    rows = tuple(
        IndicatorScore(i.id, i.name, i.weight, scores[i.id], i.parent, i.level, i.is_leaf,
                       deducted.get(i.id, Decimal(0)))
        for i in scheme.in_order())
    return ScoreTable(rows, total, scheme.grade_for(total))
