"""Score the indicator tree from the findings' deductions and assign the grade.

A leaf scores its weight less the deductions of the findings against it (a waived rule's
findings deduct nothing), kept within [0, weight] and rounded half up to the scheme's precision (2
decimals unless it says `precision:`; 0 for forms scored in whole points); the
evaluation team's adjustment, where there is one, gives the leaf's score and the computed one
is kept beside it; a parent scores the sum of its children's rounded scores; the total is the
sum of the first-level indicators; the grade is the scheme's band the total falls in
(model/results.py grade_of: none when nothing was assessed, the bands within reach while some
indicators are not).

An indicator the case declares 不适用 has no score and is left out; the total is then
normalised as the scheme says (`not_applicable:`): `rescale` (按百分制折算: the applicable
leaves' sum × max / applicable weight) or `redistribute` (an N/A indicator's weight goes to
its applicable siblings pro rata, level by level), at the scheme's precision, the totals adding
the rounded leaves (jixiao.check.normalise).

What a leaf lost (its weight less its score, or less its computed score when the team adjusted
it) is split among its findings at the scheme's precision (`shown`): each finding's deduction
rounded so that the shown deductions of a leaf add up to what it lost, and the leaves' add up to
the points the total lost (largest remainder; a leaf capped at 0 shares its weight in proportion).
Every output shows these; the exact deductions stay in the working papers.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Mapping

from ..load.titles import column_label
from ..model.messages import Message
from ..model.problems import InputError, Problem
from ..model.results import (
    ALL_CHILDREN_NOT_APPLICABLE,
    Adjustment,
    Finding,
    IndicatorScore,
    NotApplicable,
    ScoreTable,
    grade_of,
)
from ..model.schemes import DEFAULT_PRECISION, Scheme
from .normalise import normalised



def round_half_up(value: Decimal, places: int = DEFAULT_PRECISION) -> Decimal:
    """`value` to `places` decimals, half up (8.6 → 9 at 0 places, 1.995 → 2.00 at 2)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def leaf_score(weight: Decimal, deductions: Decimal, places: int = DEFAULT_PRECISION) -> Decimal:
    """A leaf's score: its weight less its deductions (points), kept in [0, weight], rounded
    half up to `places` decimals (the scheme's precision)."""
    return _kept(weight, weight - deductions, places)


def _kept(weight: Decimal, net: Decimal, places: int = DEFAULT_PRECISION) -> Decimal:
    return round_half_up(min(weight, max(Decimal(0), net)), places)


def shown_deductions(lost: Decimal, deductions: list[Decimal], places: int = DEFAULT_PRECISION) -> tuple[Decimal, ...]:
    """`lost` (points, what the leaf lost: weight − score) split among the deductions of its
    findings (points, ≥ 0, in the findings' order) at `places` decimals: each deduction rounded
    down, then the units still missing to the largest remainders (ties to the first); when the
    deductions exceed `lost` by more than rounding (a leaf capped at 0) they are scaled to it
    first. The parts add up to `lost` exactly; all 0 when nothing was deducted."""
    unit = Decimal(1).scaleb(-places)
    zero = Decimal(0).quantize(unit)
    total = sum(deductions, Decimal(0))
    if not deductions or total <= 0 or lost <= 0:
        return tuple(zero for _ in deductions)
    wanted = [d * lost / total for d in deductions] if total >= lost + unit else list(deductions)
    parts = [(w / unit).to_integral_value(rounding=ROUND_FLOOR) * unit for w in wanted]
    missing = int(((lost - sum(parts, Decimal(0))) / unit).to_integral_value(rounding=ROUND_FLOOR))
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(wanted[i] - parts[i]), i))
    for i in by_remainder[:max(0, missing)]:
        parts[i] += unit
    leftover = lost - sum(parts, Decimal(0))  # only for a weight finer than the precision
    if leftover:
        largest = max(range(len(parts)), key=lambda i: (parts[i], -i))
        parts[largest] += leftover
    return tuple(p.quantize(unit) if p == p.quantize(unit) else p for p in parts)  # a finer weight's leftover kept


def score(scheme: Scheme, findings: list[Finding], unassessed: frozenset = frozenset(),
          not_applicable: Mapping[str, NotApplicable] | None = None,
          adjustments: Mapping[str, Adjustment] | None = None, columns: Mapping | None = None) -> ScoreTable:
    """Scores of every indicator; leaves in `unassessed` (facts missing) get no score at all,
    leaves in `not_applicable` (leaf id -> the case's NotApplicable) none either, and are left out of
    the total, which is normalised by the scheme's method. Each assessed leaf keeps its working:
    the sum of its deductions and its weight less them; an adjusted leaf (`adjustments`: leaf
    id -> the team's Adjustment, its `score` ignored when it gives a `delta`) its computed score.

    Raises InputError naming the adjustment's file and line when it adjusts a leaf that cannot
    be assessed, gives more decimals than the scheme's precision, or would put the score outside
    [0, weight]; a column is named by its title in `columns` (the adjustments table's, by name)."""
    if not not_applicable and not adjustments and all(f.waiver is None for f in findings):
        # The same scheme, unassessed leaves and deductions (as written) give the same table:
        # made once (a ScoreTable is read-only), as cases of one scheme lose the same points.
        key = (id(scheme), frozenset(unassessed), tuple([(f.indicator, str(f.deduction)) for f in findings]))
        known = _TABLES.get(key)
        if known is not None and known[0] is scheme:
            return known[1]
        table = _score(scheme, findings, unassessed, {}, {}, columns)
        if len(_TABLES) >= KEPT_TABLES:
            _TABLES.clear()
        _TABLES[key] = (scheme, table)  # (the scheme kept alive with it: its id is not reused)
        return table
    return _score(scheme, findings, unassessed, not_applicable or {}, adjustments or {}, columns)


KEPT_TABLES = 4096  # score tables kept (then forgotten, and made again when asked)
_TABLES: dict[tuple, tuple] = {}  # (id(scheme), unassessed, ((leaf, deduction), …)) -> (scheme, ScoreTable)


def _score(scheme: Scheme, findings: list[Finding], unassessed: frozenset, not_applicable: Mapping[str, NotApplicable],
           adjustments: Mapping[str, Adjustment], columns: Mapping | None) -> ScoreTable:
    deducted: dict[str, Decimal] = {}
    counted: dict[str, list[Decimal]] = {}  # leaf -> each finding's counted deduction, in the findings' order
    waived: dict[str, dict] = {}  # leaf -> {rule: (its Waiver, the points its findings would have deducted)}
    for finding in findings:
        deducted[finding.indicator] = deducted.get(finding.indicator, Decimal(0)) + finding.counted
        counted.setdefault(finding.indicator, []).append(finding.counted)
        if finding.waiver is not None:
            on_leaf = waived.setdefault(finding.indicator, {})
            _, lost = on_leaf.get(finding.rule, (None, Decimal(0)))
            on_leaf[finding.rule] = (finding.waiver, lost + finding.deduction)
    rows: dict[str, IndicatorScore] = {}
    problems: list[Problem] = []

    def visit(indicator_id: str) -> Decimal | None:
        indicator = scheme.indicators[indicator_id]
        deductions = deducted.get(indicator_id, Decimal(0))
        on_leaf = tuple(waived[indicator_id].values()) if indicator_id in waived else ()
        if not indicator.is_leaf:
            children = [visit(c) for c in indicator.children]
            applicable = [c for c in indicator.children if rows[c].not_applicable is None]
            scored = [s for s in children if s is not None]
            row = IndicatorScore(indicator.id, indicator.name, indicator.weight,
                                 sum(scored, Decimal(0)) if scored else None, indicator.parent, indicator.level,
                                 False, deductions, waived=on_leaf,
                                 not_applicable=None if applicable else ALL_CHILDREN_NOT_APPLICABLE,
                                 na_weight=sum((rows[c].na_weight for c in indicator.children), Decimal(0)))
        elif (indicator_id not in unassessed and indicator_id not in not_applicable
              and indicator_id not in adjustments):  # most leaves: scored as the findings say, made at once
            net = indicator.weight - deductions
            kept = _kept(indicator.weight, net, scheme.precision)
            shown = (_split(str(indicator.weight - kept), tuple(map(str, counted[indicator_id])), scheme.precision)
                     if indicator_id in counted else ())  # (as _shown says it)
            row = IndicatorScore(indicator.id, indicator.name, indicator.weight, kept, indicator.parent,
                                 indicator.level, True, deductions, waived=on_leaf, net=net, shown=shown)
            rows[indicator_id] = row
            return kept
        else:
            base = IndicatorScore(indicator.id, indicator.name, indicator.weight, None, indicator.parent,
                                  indicator.level, True, deductions, waived=on_leaf)
            row = _leaf(base, indicator_id in unassessed, not_applicable.get(indicator_id),
                        adjustments.get(indicator_id), scheme.precision, problems, columns)
        if indicator.is_leaf and indicator_id in counted:  # (a leaf without findings shows none)
            row = replace(row, shown=_shown(row, counted[indicator_id], scheme.precision))
        rows[indicator_id] = row
        return row.score

    raw_total = sum((s for s in (visit(root.id) for root in scheme.roots) if s is not None), Decimal(0))
    if problems:
        raise InputError(problems)
    ordered = [rows[i.id] for i in scheme.in_order()]
    if not any(r.not_applicable is not None for r in ordered):
        return ScoreTable(tuple(ordered), raw_total, grade_of(scheme, raw_total, ordered))
    return normalised(scheme, rows, raw_total)


@functools.lru_cache(maxsize=4096)  # a leaf's loss and its findings' deductions recur from case to case
def _split(lost: str, deductions: tuple[str, ...], places: int) -> tuple[Decimal, ...]:
    """shown_deductions of numbers given as text: as written (12.5 and 12.50 are one number, but
    not one text), so that a result kept is the one these very numbers give."""
    return shown_deductions(Decimal(lost), [Decimal(d) for d in deductions], places)


def _shown(row: IndicatorScore, deductions: list[Decimal], places: int) -> tuple[Decimal, ...]:
    """The leaf's findings' deductions as shown: what the leaf lost split among them (an N/A
    leaf lost nothing; an unassessed one has no score, its findings' deductions are rounded)."""
    if row.not_applicable is not None:
        return shown_deductions(Decimal(0), deductions, places)
    kept = row.computed if row.adjustment is not None else row.score
    if kept is None:
        return tuple(round_half_up(d, places) for d in deductions)
    return shown_deductions(row.weight - kept, deductions, places)


def _leaf(row: IndicatorScore, unassessed: bool, not_applicable: NotApplicable | None, adjustment: Adjustment | None,
          places: int, problems: list[Problem], columns: Mapping | None = None) -> IndicatorScore:
    if not_applicable is not None:  # (an adjustment of it is refused with the declarations: judgement.py)
        return replace(row, not_applicable=not_applicable, deductions=Decimal(0), na_weight=row.weight)
    if unassessed:
        if adjustment is not None:
            problems.append(_problem(adjustment, Message("adjust.unassessed"), "indicator", adjustment.indicator,
                                     Message("adjust.unassessed_allowed"), columns))
        return replace(row, assessed=False)
    net = row.weight - row.deductions
    computed = _kept(row.weight, net, places)
    if adjustment is None:
        return replace(row, score=computed, net=net)
    final = adjustment.score if adjustment.delta is None else computed + adjustment.delta
    column = "score" if adjustment.delta is None else "delta"
    given = adjustment.score if adjustment.delta is None else adjustment.delta
    if round_half_up(given, places) != given:  # a form scored in whole points is adjusted in whole points
        problems.append(_problem(adjustment, Message("adjust.precision", {"places": places, "leaf": row.id}), column,
                                 str(given), Message("adjust.whole") if places == 0 else
                                 Message("adjust.places", {"places": places}), columns))
        return replace(row, score=computed, net=net)
    if not Decimal(0) <= final <= row.weight:
        outside = Message("adjust.outside", {
            "leaf": row.id, "final": final, "weight": row.weight,
            "computed": "" if adjustment.delta is None else Message("adjust.computed", {"computed": computed})})
        problems.append(_problem(adjustment, outside, column, str(given),
                                 Message("adjust.score_range", {"weight": row.weight}) if adjustment.delta is None else
                                 Message("adjust.delta_range", {"low": -computed, "high": row.weight - computed}),
                                 columns))
        return replace(row, score=computed, net=net)
    final = round_half_up(final, places)  # 3 → 3.00 at 2 places: shown like every score of the scheme
    return replace(row, score=final, net=net, computed=computed, adjustment=replace(adjustment, score=final))


def _problem(adjustment: Adjustment, message: Message, column: str, found, allowed: Message,
             columns: Mapping | None) -> Problem:
    """A problem with an adjustment, its column named by its title in `columns` (the
    adjustments table's, when given)."""
    where = adjustment.where
    file = str(where.get("file", "adjustments"))
    if file.lower().endswith((".yaml", ".yml")):  # placed as an input problem is (check/judgement._add)
        message = Message("problem.in_record", {"index": where.get("row"), "message": message})
    key = column_label((columns or {}).get(column), column)
    return Problem.said(file, message, line=where.get("line"), key=key, found=found, allowed=allowed)
