"""The total when some indicators do not apply (不适用), normalised as the scheme says
(`not_applicable:`), at the scheme's precision.

Each applicable indicator gets an effective weight: `rescale` (按百分制折算) multiplies every
weight by max / applicable weight; `redistribute` shares an N/A indicator's weight among its
applicable siblings in proportion to their weights, level by level. An assessed leaf's exact
normalised score is its (rounded) score × effective / own weight, kept as a fraction.

Rounding, as for ordinary scores, gives totals that add the rounded leaves: the total is the
exact normalised total rounded half up to the scheme's precision (so full marks on what applies
is exactly the maximum, and nothing exceeds it); it is then shared down the tree by the largest
remainder method (最大余额法): each indicator gets its exact normalised score rounded down to the
precision, and the units left go one each to those with the largest remainders (ties: scheme
order). Every normalised score is thus within one unit of its exact value, and each parent's is
the sum of its children's.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from ..model.results import IndicatorScore, ScoreTable, grade_of
from ..model.schemes import Scheme


def normalised(scheme: Scheme, rows: dict[str, IndicatorScore], raw_total: Decimal) -> ScoreTable:
    """The score table of `rows` (id -> IndicatorScore, N/A leaves marked) with each applicable
    indicator's `normalised` score and `effective_weight` (Decimal, at the scheme's precision),
    the normalised total and the grade it gives; `raw_total` (the applicable leaves' sum) kept."""
    unit = Fraction(1, 10 ** scheme.precision)
    effective = _effective_weights(scheme, rows)
    exact: dict[str, Fraction] = {}
    for ident, weight in effective.items():
        row = rows[ident]
        if row.is_leaf and row.score is not None:
            exact[ident] = Fraction(row.score) * weight / Fraction(row.weight) if row.weight else Fraction(0)

    def exact_of(ident: str) -> Fraction | None:
        node = scheme.indicators[ident]
        if not node.children:
            return exact.get(ident)
        parts = [p for p in (exact_of(c) for c in node.children) if p is not None]
        return sum(parts, Fraction(0)) if parts else None

    exact_total = sum(exact.values(), Fraction(0))
    total_units = _half_up(exact_total / unit)
    shares: dict[str, int] = {}
    _share([r.id for r in scheme.roots], total_units, exact_of, unit, shares, scheme)
    ordered = []
    for indicator in scheme.in_order():
        row = rows[indicator.id]
        if indicator.id in effective:
            units = shares.get(indicator.id)
            row = replace(row, normalised=None if units is None else _decimal(units, scheme.precision),
                          effective_weight=_decimal(_half_up(effective[indicator.id] / unit), scheme.precision))
        ordered.append(row)
    total = _decimal(total_units, scheme.precision)
    open_weight = sum((effective[r.id] for r in ordered if r.is_leaf and not r.assessed and r.id in effective),
                      Fraction(0))
    high = _decimal(_half_up((exact_total + open_weight) / unit), scheme.precision)
    applicable = scheme.max - sum((r.weight for r in ordered if r.is_leaf and r.not_applicable is not None),
                                  Decimal(0))
    return ScoreTable(tuple(ordered), total, grade_of(scheme, total, ordered, high - total), raw_total,
                      scheme.not_applicable or "rescale", applicable)


def _effective_weights(scheme: Scheme, rows: dict[str, IndicatorScore]) -> dict[str, Fraction]:
    """Each applicable indicator's weight once the N/A weight is shared out (exact)."""
    effective: dict[str, Fraction] = {}
    if scheme.not_applicable != "redistribute":
        na = sum((r.weight for r in rows.values() if r.is_leaf and r.not_applicable is not None), Decimal(0))
        factor = Fraction(scheme.max) / Fraction(scheme.max - na)
        return {ident: Fraction(row.weight) * factor for ident, row in rows.items() if row.not_applicable is None}

    def spread(children: tuple[str, ...], available: Fraction) -> None:
        applicable = [c for c in children if rows[c].not_applicable is None]
        base = sum((Fraction(rows[c].weight) for c in applicable), Fraction(0))
        for child in applicable:
            effective[child] = available * Fraction(rows[child].weight) / base if base else Fraction(0)
            spread(scheme.indicators[child].children, effective[child])

    spread(tuple(r.id for r in scheme.roots), Fraction(scheme.max))
    return effective


def _share(children: list[str], units: int, exact_of, unit: Fraction, shares: dict[str, int], scheme: Scheme) -> None:
    """Give `units` (a parent's normalised score, in units of the precision) to the `children`
    that have a score, by the largest remainder method; then each child's to its own children."""
    scored = [(c, exact_of(c) / unit) for c in children if exact_of(c) is not None]
    floors = {c: value.numerator // value.denominator for c, value in scored}
    left = units - sum(floors.values())
    by_remainder = sorted(scored, key=lambda item: (-(item[1] - floors[item[0]]), scheme.order.index(item[0])))
    for position, (child, _) in enumerate(by_remainder):
        shares[child] = floors[child] + (1 if position < left else 0)
        grandchildren = scheme.indicators[child].children
        if grandchildren:
            _share(list(grandchildren), shares[child], exact_of, unit, shares, scheme)


def _half_up(value: Fraction) -> int:
    """A non-negative fraction rounded half up to a whole number, exactly."""
    return (value.numerator * 2 + value.denominator) // (value.denominator * 2)


def _decimal(units: int, places: int) -> Decimal:
    return Decimal(units).scaleb(-places).quantize(Decimal(1).scaleb(-places))
