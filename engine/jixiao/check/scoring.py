"""Score the indicator tree from the findings' deductions and assign the grade.

A leaf scores its weight less the deductions of the findings against it, kept within
[0, weight] and rounded half up to the scheme's precision (2 decimals unless it says
`precision:`; 0 for forms scored in whole points); a parent scores the sum of its children's
rounded scores; the total is the sum of the first-level indicators; the grade is the
scheme's band the total falls in (model/results.py grade_of: none when nothing was assessed,
the bands within reach while some indicators are not).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..model.results import Finding, IndicatorScore, ScoreTable, grade_of
from ..model.schemes import DEFAULT_PRECISION, Scheme


def round_half_up(value: Decimal, places: int = DEFAULT_PRECISION) -> Decimal:
    """`value` to `places` decimals, half up (8.6 → 9 at 0 places, 1.995 → 2.00 at 2)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def leaf_score(weight: Decimal, deductions: Decimal, places: int = DEFAULT_PRECISION) -> Decimal:
    """A leaf's score: its weight less its deductions (points), kept in [0, weight], rounded
    half up to `places` decimals (the scheme's precision)."""
    return _kept(weight, weight - deductions, places)


def _kept(weight: Decimal, net: Decimal, places: int = DEFAULT_PRECISION) -> Decimal:
    return round_half_up(min(weight, max(Decimal(0), net)), places)


def score(scheme: Scheme, findings: list[Finding], unassessed: frozenset = frozenset()) -> ScoreTable:
    """Scores of every indicator; leaves in `unassessed` (facts missing) get no score at all.
    Each assessed leaf keeps its working: the sum of its deductions and its weight less them."""
    deducted: dict[str, Decimal] = {}
    for finding in findings:
        deducted[finding.indicator] = deducted.get(finding.indicator, Decimal(0)) + finding.deduction
    scores: dict[str, Decimal | None] = {}
    nets: dict[str, Decimal] = {}

    def visit(indicator_id: str) -> Decimal | None:
        indicator = scheme.indicators[indicator_id]
        if indicator.is_leaf:
            if indicator_id in unassessed:
                scores[indicator_id] = None
            else:
                net = nets[indicator_id] = indicator.weight - deducted.get(indicator_id, Decimal(0))
                scores[indicator_id] = _kept(indicator.weight, net, scheme.precision)
        else:
            children = [visit(c) for c in indicator.children]
            assessed = [c for c in children if c is not None]
            scores[indicator_id] = sum(assessed, Decimal(0)) if assessed else None
        return scores[indicator_id]

    total = sum((s for s in (visit(root.id) for root in scheme.roots) if s is not None), Decimal(0))
    rows = tuple(
        IndicatorScore(i.id, i.name, i.weight, scores[i.id], i.parent, i.level, i.is_leaf,
                       deducted.get(i.id, Decimal(0)), not (i.is_leaf and i.id in unassessed), nets.get(i.id))
        for i in scheme.in_order())
    return ScoreTable(rows, total, grade_of(scheme, total, rows))
