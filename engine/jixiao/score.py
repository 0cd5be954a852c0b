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
    score: Decimal | None  # None: cannot be assessed (facts missing)
    parent: str | None
    level: int
    is_leaf: bool
    deductions: Decimal  # raw sum of the findings' deductions (leaves only)
    assessed: bool = True

    @property
    def rate(self) -> Decimal:
        return (self.score or Decimal(0)) / self.weight if self.weight else Decimal(0)


@dataclass(frozen=True)
class ScoreTable:
    rows: tuple[IndicatorScore, ...]
    total: Decimal  # the assessed leaves only: an unassessed leaf adds nothing, never full marks
    grade: str

    @property
    def unassessed(self) -> list[IndicatorScore]:
        return [r for r in self.rows if r.is_leaf and not r.assessed]

    @property
    def provisional(self) -> bool:
        """True when some leaf could not be assessed: total and grade wait on the evidence."""
        return bool(self.unassessed)

    def get(self, indicator: str) -> IndicatorScore:
        return next(r for r in self.rows if r.id == indicator)


def round_half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def leaf_score(weight: Decimal, deductions: Decimal) -> Decimal:
    return round_half_up(min(weight, max(Decimal(0), weight - deductions)))


def score(scheme: Scheme, findings: list[Finding], unassessed: frozenset = frozenset()) -> ScoreTable:
    """Scores of every indicator; leaves in `unassessed` (facts missing) get no score at all."""
    deducted: dict[str, Decimal] = {}
    for finding in findings:
        deducted[finding.indicator] = deducted.get(finding.indicator, Decimal(0)) + finding.deduction
    scores: dict[str, Decimal | None] = {}

    def visit(indicator_id: str) -> Decimal | None:
        indicator = scheme.indicators[indicator_id]
        if indicator.is_leaf:
            scores[indicator_id] = None if indicator_id in unassessed else \
                leaf_score(indicator.weight, deducted.get(indicator_id, Decimal(0)))
        else:
            children = [visit(c) for c in indicator.children]
            assessed = [c for c in children if c is not None]
            scores[indicator_id] = sum(assessed, Decimal(0)) if assessed else None
        return scores[indicator_id]

    total = sum((s for s in (visit(root.id) for root in scheme.roots) if s is not None), Decimal(0))
    rows = tuple(
        IndicatorScore(i.id, i.name, i.weight, scores[i.id], i.parent, i.level, i.is_leaf,
                       deducted.get(i.id, Decimal(0)), not (i.is_leaf and i.id in unassessed))
        for i in scheme.in_order())
    return ScoreTable(rows, total, scheme.grade_for(total))
