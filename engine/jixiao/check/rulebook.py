"""The rule book made ready to check cases: read (jixiao.load.rulebook), every derived table
computable, and per scheme and year the weights and the rules in force, bound to their leaves."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..load.rulebook import RuleBook, read_rulebook
from ..model.rules import Rule
from ..model.schemes import Scheme
from .derive import check_derivations


def load_rulebook(directory: Path, pending: frozenset = frozenset()) -> RuleBook:
    """Read rules/ and check that the engine can compute every derived table it declares
    (`pending`: see read_rulebook). Raises InputError with every problem found."""
    rulebook = read_rulebook(directory, pending)
    check_derivations(rulebook.schemas)
    return rulebook


def in_force(rulebook: RuleBook, scheme_id: str, year: int) -> tuple[Scheme, tuple[Rule, ...]]:
    """A scheme with the weights of `year` and the rules it uses that year, worked out once
    per scheme and year (a batch checks thousands of cases against a few of them).
    Raises InputError when a weight has no value in `year`."""
    key = (scheme_id, year)
    if key not in rulebook.in_force_cache:
        scheme = rulebook.schemes[scheme_id].for_year(year)
        rulebook.in_force_cache[key] = scheme, tuple(rules_of(scheme, rulebook, year))  # shared: immutable
    return rulebook.in_force_cache[key]


def rules_of(scheme: Scheme, rulebook: RuleBook, year: int) -> list[Rule]:
    """The rules a scheme uses, in force in `year`, each bound to the leaf it feeds."""
    leaves = scheme.rule_leaves()
    applied = rulebook.instances.get(scheme.id, {})
    plain = [r for r in rulebook.rules if r.id in leaves]
    return [replace(r, indicator=leaves[r.id]) for r in [*plain, *applied.values()] if r.in_force(year)]
