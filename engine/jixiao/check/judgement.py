"""The evaluation team's judgement, given as fact files and checked like any other input:
indicators that do not apply to the project (`not_applicable`: 不适用, with the reason and its
evidence), adjustments of a leaf's score (`adjustments`: the score or a change, why, who, when)
and waivers of a rule for the case (`waivers`: why, who approved it, until when).

None of them is a score computed from observations: an adjustment stands beside the computed
score, a waived rule's findings stand with the waiver, and N/A indicators are shown with their
reason. Whether a waiver has lapsed is decided by a rule (rules/judgement/waiver-expired.yaml,
over the derived `waiver_checks` table) run in the engine like every other rule; its findings
stand under the leaf the waived rule feeds, and deduct nothing (the lapsed waiver waives nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

from ..model.facts import Case, Fact
from ..load.titles import column_label
from ..model.messages import Joined, Message
from ..model.problems import Problems, closest
from ..model.results import Adjustment, Finding, NotApplicable, Waiver
from ..model.rules import INSTANCE_MARK, Rule
from ..model.schemes import NOT_APPLICABLE_METHODS, Scheme
from ..model.values import FactDate

NOT_APPLICABLE = "not_applicable"
ADJUSTMENTS = "adjustments"
WAIVERS = "waivers"
WAIVER_CHECKS = "waiver_checks"  # derived from waivers: what the waiver-expired rule reads


@dataclass(frozen=True)
class Judgement:
    not_applicable: Mapping[str, NotApplicable]  # leaf id -> why it does not apply (a parent declared: each of its leaves)
    adjustments: Mapping[str, Adjustment]  # leaf id -> the team's adjustment
    waivers: Mapping[str, Waiver]  # rule, method or instance id as named -> its waiver (expired: as the engine found)


NONE = Judgement(MappingProxyType({}), MappingProxyType({}), MappingProxyType({}))


def read_judgement(case: Case, scheme: Scheme, rules: list[Rule], schemas: Mapping | None = None) -> Judgement:
    """The case's judgement facts, checked against its scheme and the rules in force.

    Raises InputError (file, row, line, column with its Chinese title, what was found and what
    is allowed) for: an indicator not in the scheme; N/A declared where the scheme does not say
    how to normalise the total, or for every leaf; an adjustment of a parent or of an N/A leaf,
    or giving both or neither of score and delta; a waiver of a rule the scheme does not use
    that year. A column is named by its title in `schemas` (table name -> TableSchema), when given."""
    tables = case.tables
    if not any(tables.get(t) for t in (NOT_APPLICABLE, ADJUSTMENTS, WAIVERS)):
        return NONE
    problems = _Problems(schemas or {})
    not_applicable = _not_applicable(tables.get(NOT_APPLICABLE, []), scheme, problems)
    adjustments = _adjustments(tables.get(ADJUSTMENTS, []), scheme, not_applicable, problems)
    waivers = _waivers(tables.get(WAIVERS, []), scheme, rules, case.year, problems)
    problems.raise_if_any()
    return Judgement(MappingProxyType(not_applicable), MappingProxyType(adjustments), MappingProxyType(waivers))


def _where(row: Fact) -> Mapping[str, object]:
    return MappingProxyType(row.evidence())


class _Problems(Problems):
    """Problems with the judgement tables, naming each column by its schema's title and code."""

    def __init__(self, schemas: Mapping):
        super().__init__()
        self.schemas = schemas

    def column(self, table: str, column: str) -> str:
        schema = self.schemas.get(table)
        return column_label(schema.columns.get(column) if schema is not None else None, column)


def _add(problems: _Problems, row: Fact, message: Message, column: str, found=None, allowed=None) -> None:
    """A problem with a row of a judgement table, placed as an input problem is
    (load/validation.py): a CSV file's or a sheet's row by its line alone, a YAML record by its
    number beside the line."""
    record = str(row.file).lower().endswith((".yaml", ".yml"))
    if record:
        message = Message("problem.in_record", {"index": row.index, "message": message})
    problems.add(row.file, message, line=row.line, key=problems.column(row.table, column), found=found,
                 allowed=allowed)


def _maybe(name, candidates) -> Message | str:
    """A '（是否应为“…”？）' suffix naming the nearest candidate, or ''."""
    nearest = closest(name, candidates)
    return Message("judgement.meant", {"name": nearest}) if nearest is not None else ""


def _not_applicable(rows: list[Fact], scheme: Scheme, problems: Problems) -> dict[str, NotApplicable]:
    declared: dict[str, NotApplicable] = {}
    known = []
    for row in rows:
        ident = row.values.get("indicator")
        if ident not in scheme.indicators:
            _add(problems, row, Message("judgement.not_indicator", {"scheme": scheme.id,
                                                                    "meant": _maybe(ident, scheme.indicators)}),
                 "indicator", ident, ", ".join(scheme.order))
        else:
            known.append((scheme.indicators[ident].level, row))
    # The most specific declaration gives a leaf its reason, whatever the order of the rows: the
    # deepest first (a leaf has one ancestor per level, so declarations of one level never overlap).
    for _, row in sorted(known, key=lambda item: -item[0]):
        reason = NotApplicable(row.values["reason"], row.values["evidence"], _where(row))
        for leaf in _leaves_under(scheme, row.values["indicator"]):
            declared.setdefault(leaf, reason)
    if rows and declared and scheme.not_applicable is None:
        methods = tuple(Message("judgement.method", {"name": k, "meaning": v}) for k, v in NOT_APPLICABLE_METHODS.items())
        problems.add(rows[0].file, Message("judgement.no_method", {"scheme": scheme.id, "file": scheme.file}),
                     line=rows[0].line, key=problems.column(NOT_APPLICABLE, "indicator"),
                     found=", ".join(sorted(declared, key=scheme.order.index)),
                     allowed=Message("judgement.no_method_allowed", {"methods": Joined.by(methods, "judgement.or")}))
    if declared and len(declared) == len(scheme.leaves):
        problems.add(rows[0].file, Message("judgement.all_not_applicable"), line=rows[0].line,
                     key=problems.column(NOT_APPLICABLE, "indicator"), found=len(declared),
                     allowed=Message("judgement.all_not_applicable_allowed", {"count": len(scheme.leaves)}))
    elif declared and scheme.not_applicable is not None:
        for where, what in _nothing_to_share(scheme, declared):
            problems.add(rows[0].file, Message("judgement.nothing_to_share", {"where": where, "what": what}),
                         line=rows[0].line, key=problems.column(NOT_APPLICABLE, "indicator"),
                         found=", ".join(sorted(declared, key=scheme.order.index)),
                         allowed=Message("judgement.nothing_to_share_allowed"))
    return declared


def _nothing_to_share(scheme: Scheme, declared: dict) -> list[tuple[Message, Message]]:
    """Where normalising would divide by nothing: the whole scheme (rescale), or, redistributing, a
    parent with weight whose applicable children all weigh nothing."""
    def dropped(ident: str) -> bool:
        node = scheme.indicators[ident]
        return ident in declared if node.is_leaf else all(dropped(c) for c in node.children)

    if sum((scheme.indicators[leaf].weight for leaf in declared), Decimal(0)) >= scheme.max:
        return [(Message("judgement.in_scheme"), Message("judgement.the_total"))]
    if scheme.not_applicable != "redistribute":
        return []
    groups = [(None, scheme.max, [r.id for r in scheme.roots])]
    groups += [(i.id, i.weight, list(i.children)) for i in scheme.in_order() if i.children and not dropped(i.id)]
    return [(Message("judgement.under", {"parent": parent}) if parent else Message("judgement.first_level"),
             Message("judgement.the_weight", {"weight": weight}))
            for parent, weight, children in groups
            if weight > 0 and sum((scheme.indicators[c].weight for c in children if not dropped(c)), Decimal(0)) == 0]


def _leaves_under(scheme: Scheme, ident: str) -> list[str]:
    node = scheme.indicators[ident]
    return [ident] if node.is_leaf else [leaf for c in node.children for leaf in _leaves_under(scheme, c)]


def _adjustments(rows: list[Fact], scheme: Scheme, not_applicable: dict, problems: Problems) -> dict[str, Adjustment]:
    leaves = [leaf.id for leaf in scheme.leaves]
    found: dict[str, Adjustment] = {}
    for row in rows:
        values = row.values
        ident = values.get("indicator")
        if ident not in leaves:
            parent = ident in scheme.indicators
            what = Message("judgement.parent") if parent else \
                Message("judgement.not_leaf", {"scheme": scheme.id, "meant": _maybe(ident, leaves)})
            _add(problems, row, what, "indicator", ident, ", ".join(leaves))
            continue
        if ident in not_applicable:
            _add(problems, row, Message("judgement.adjust_not_applicable", {"leaf": ident}), "indicator", ident,
                 Message("judgement.applicable_leaf"))
            continue
        if ("score" in values) == ("delta" in values):
            _add(problems, row, Message("judgement.both" if "score" in values else "judgement.neither"),
                 "score", None if "score" not in values else str(values["score"]),
                 Message("judgement.one_of", {"score": problems.column(ADJUSTMENTS, "score"),
                                              "delta": problems.column(ADJUSTMENTS, "delta")}))
            continue
        found[ident] = Adjustment(ident, values.get("score", Decimal(0)), values.get("delta"), values["reason"],
                                  values["by"], _text(values["date"]), _where(row))
    return found


def _waivers(rows: list[Fact], scheme: Scheme, rules: list[Rule], year: int, problems: Problems) -> dict[str, Waiver]:
    """A waiver names a rule the scheme uses that year: a rule id (for a method, every instance
    ID@LEAF the scheme applies), or one instance ID@LEAF."""
    applied = [r for r in rules if r.table != WAIVER_CHECKS]
    used = sorted({r.id for r in applied} | {r.method for r in applied if r.method is not None})
    found: dict[str, Waiver] = {}
    testing = any(r.table == WAIVER_CHECKS for r in rules)  # a rule test of the waiver rule itself: a stand-in scheme
    for row in rows:
        values = row.values
        rule = values.get("rule")
        if rule not in used and not testing:
            _add(problems, row, Message("judgement.waiver_unused", {"scheme": scheme.id, "year": year,
                                                                    "meant": _maybe(rule, used)}),
                 "rule", rule, ", ".join(used))
            continue
        found[rule] = Waiver(rule, values["reason"], values["approver"], _text(values["expires"]), _where(row))
    return found


def waiver_of(rule: str, waivers: Mapping[str, Waiver]) -> Waiver | None:
    """The waiver that governs a rule or an instance ID@LEAF: its own, the most specific, whether
    in force or lapsed; else, for an instance, its method's; else None."""
    if rule in waivers:
        return waivers[rule]
    method, mark, _ = rule.partition(INSTANCE_MARK)
    return waivers.get(method) if mark else None


def waived_leaf(scheme: Scheme, rule: str) -> str:
    """The leaf a lapsed waiver's finding stands under: the one the waived rule or instance
    feeds; for a method, the first (in scheme order) of the leaves that apply it.
    Raises KeyError when the scheme uses no such rule (refused before, by read_judgement)."""
    leaves = scheme.rule_leaves()
    if rule in leaves:
        return leaves[rule]
    return next(leaf for use, leaf in leaves.items() if use.partition(INSTANCE_MARK)[0] == rule)


def _text(value) -> str:
    return value.text if isinstance(value, FactDate) else str(value)


def judgement_rules(rulebook_rules: list[Rule], rules: list[Rule], year: int) -> list[Rule]:
    """The rules that judge the case's waivers (they read waiver_checks), in force in `year`, not
    already among `rules` (a rule test binds one to a stand-in leaf)."""
    given = {r.id for r in rules}
    return [r for r in rulebook_rules if r.table == WAIVER_CHECKS and r.in_force(year) and r.id not in given]


def with_expiry(judgement: Judgement, lapsed: set[str]) -> Judgement:
    """The waivers, those of the rules in `lapsed` (the waiver checks the engine matched) marked expired."""
    waivers = {rule: replace(w, expired=rule in lapsed) for rule, w in judgement.waivers.items()}
    return replace(judgement, waivers=MappingProxyType(waivers))


def waived(findings: list[Finding], judgement: Judgement) -> list[Finding]:
    """The findings, those of a rule (or instance) whose governing waiver (waiver_of) is in force
    carrying it: they then deduct nothing."""
    out = []
    for finding in findings:
        waiver = waiver_of(finding.rule, judgement.waivers)
        out.append(replace(finding, waiver=waiver) if waiver is not None and not waiver.expired else finding)
    return out
