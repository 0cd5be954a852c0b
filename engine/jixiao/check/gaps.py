"""Gaps in the rule set (规则缺口): the parts of a check year in which no rule of a leaf is in force.

Such a leaf earns no points (无法评价, never full marks) and is reported for the rule
author to fix, apart from the evidence the audited unit must supply (资料清单): the facts
of that period were judged by no rule.
"""

from __future__ import annotations

from ..model.results import Period, RuleGap
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..model.values import day_after, day_before


KEPT = 256  # rule sets whose gaps are kept (then forgotten, and found again)
_KEPT: dict[tuple, tuple] = {}  # (ids of the scheme, the rules, year, file) -> (them, the gaps)


def find_rule_gaps(scheme: Scheme, in_force: list[Rule], rules: list[Rule], year: int, scheme_file: str) -> list[RuleGap]:
    """Every leaf of `scheme` that the rules in force (bound to their leaves) leave uncovered for
    some day of `year`, in the scheme's order; `rules` gives the periods of those it lists.
    Found once per scheme, rule objects and year (the entry keeps them alive: their ids are not
    reused), not for every case of a batch: most share their rule set."""
    key = (id(scheme), tuple(map(id, in_force)), tuple(map(id, rules)), year, scheme_file)
    known = _KEPT.get(key)
    if known is None:
        if len(_KEPT) >= KEPT:
            _KEPT.clear()
        known = _KEPT[key] = (scheme, tuple(in_force), tuple(rules), tuple(_gaps(scheme, in_force, rules, year,
                                                                                 scheme_file)))
    return list(known[-1])


def _gaps(scheme: Scheme, in_force: list[Rule], rules: list[Rule], year: int, scheme_file: str) -> list[RuleGap]:
    by_id = {r.id: r for r in rules}
    covering: dict[str, list[Period]] = {}
    for rule in in_force:
        covering.setdefault(rule.indicator, []).append((rule.effective_from, rule.effective_to or "9999-12-31"))
    gaps = []
    for leaf in scheme.leaves:
        missing = uncovered(covering.get(leaf.id, []), f"{year}-01-01", f"{year}-12-31")
        if missing:
            listed = tuple((r, by_id[r].effective_from, by_id[r].effective_to) for r in leaf.rules if r in by_id)
            gaps.append(RuleGap(leaf.id, year, tuple(missing), listed, scheme_file,
                                scheme.lines.get(f"{leaf.id}.rules")))
    return gaps


def uncovered(periods: list[tuple[str, str | None]], start: str, end: str) -> list[Period]:
    """The days from `start` to `end` (inclusive) that none of `periods` (from, to or None) covers."""
    holes, cursor = [], start  # cursor: the first day not known to be covered
    for first, last in sorted((f, t or "9999-12-31") for f, t in periods):
        if first > end:
            break
        if first > cursor:
            holes.append((cursor, day_before(first)))
        if last >= end:
            return holes
        cursor = max(cursor, day_after(last))
    if cursor <= end:
        holes.append((cursor, end))
    return holes
