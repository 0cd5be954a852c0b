"""The trace of a check: what the rule engine did with a case's facts, recorded as it ran.

The working paper (jixiao.report.workpaper) is rendered from it and from what the rest of the
check recorded (each Finding's deduction with the `inputs` its formula was computed with, each
leaf's IndicatorScore with its `net`): nothing is evaluated or computed again to explain a
result. Records hold references to the facts, never copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Match:
    """A rule fired on a fact (the rule's id, the Fact's id); for a rule that joins tables, on
    the fact of its own table together with one fact per other table it matched (`joined`, in
    the order of its aliases)."""

    rule: str
    fact: str
    joined: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trace:
    """What the engine was given and what it answered, for one case.

    `facts`: per table some rule in force reads, its facts (observed or derived) as asserted,
    the same tuples as CheckResult.tables. `matches`: every (rule, fact) the engine matched (each
    session's sorted by rule and fact), those of a rule that could not assess included.
    `in_period`: for each rule in force for only part of the year, the ids of the facts the
    engine found dated in its period (a rule in force all year judges every fact of its table,
    and is not listed)."""

    facts: Mapping[str, tuple]
    matches: tuple[Match, ...]
    in_period: Mapping[str, frozenset]

    def matched(self, rule: str) -> frozenset:
        """The ids of the facts the engine matched `rule` on."""
        return frozenset(m.fact for m in self.matches if m.rule == rule)
