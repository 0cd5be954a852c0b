"""The working paper (指标工作底稿) as data: for each leaf, each rule in force, the facts it
compared, whether the engine matched them, the deduction with its formula filled in, and how
the leaf's score follows. `explain` prints it; the full report renders it as tables.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import Decimal

from ..check.findings import label_of
from ..lang.conditions import holds, tree_fields
from ..lang.texts import format_value
from ..model.results import CheckResult, Finding, RuleGap
from ..model.rules import Rule
from ..model.values import FactDate
from .common import places

MAX_FACTS = 60


@dataclass
class FactLine:
    where: str      # file and line (or the derived table and its sources)
    label: str
    values: dict    # the compared fields, as shown
    matched: bool   # the engine fired the rule on this fact
    agrees: bool    # the plain evaluation agrees with the engine
    in_period: bool = True  # the fact's date is in the rule's period (always, for a rule in force all year)


@dataclass
class RulePaper:
    rule: Rule
    facts: list[FactLine]
    fact_count: int
    deductions: list[str]   # the working of each deduction
    cannot_assess: bool
    params: dict            # each parameter's value in the check year, as the score used it


@dataclass
class LeafPaper:
    id: str
    name: str
    weight: Decimal
    score: Decimal | None
    rules: list[RulePaper]
    working: str            # weight − deductions = … → score
    gap: RuleGap | None = None  # no rule in force for (part of) the year: 规则缺口


def working_papers(result: CheckResult, rule_id: str | None = None, indicator: str | None = None) -> list[LeafPaper]:
    by_leaf: dict[str, list[Rule]] = {}
    for rule in result.rules:
        by_leaf.setdefault(rule.indicator, []).append(rule)
    gaps = {g.leaf: g for g in result.rule_gaps}
    out = []
    for leaf in result.scheme.leaves:
        chosen = [r for r in by_leaf.get(leaf.id, []) if rule_id in (None, r.id)]
        gap = gaps.get(leaf.id)
        # A leaf without a rule in force still has its paper (saying so), unless one rule is asked for.
        if (indicator and leaf.id != indicator) or not (chosen or (gap and rule_id is None)):
            continue
        row = result.scores.get(leaf.id)
        out.append(LeafPaper(leaf.id, leaf.name, leaf.weight, row.score,
                             [_rule_paper(r, result) for r in sorted(chosen, key=lambda r: r.id)],
                             _working(leaf, row, result.findings, gap), gap))
    return out


def _rule_paper(rule: Rule, result: CheckResult) -> RulePaper:
    findings = [f for f in result.findings if f.rule == rule.id]
    matched = {row.id for f in findings for row in f.rows}
    facts = result.tables.get(rule.table, [])
    year = result.case.year
    params = rule.params_for(year)
    condition = rule.condition_in(year)  # the condition as the engine ran it that year
    fields = sorted(tree_fields(condition) | ({rule.date_column} if rule.bounds_in(year) != (None, None) else set()))
    blocked = rule.id in result.implausible  # its findings were dropped: show the condition as evaluated
    schema = result.schemas.tables[rule.table] if result.schemas else None
    lines = []
    for row in facts[:MAX_FACTS]:
        judged = rule.judges(row.values, year)
        fires = judged and holds(condition, row.values)
        lines.append(FactLine(_where(row), label_of(row, result.schemas),
                              {f: _shown(row, f, result.suspect.get(id(row)), schema) for f in fields},
                              fires if blocked else row.id in matched,
                              blocked or (row.id in matched) == fires, judged))
    cannot = any(r.id == rule.id for r in result.cannot_assess)
    return RulePaper(rule, lines, len(facts), [_deduction(rule, f, result) for f in findings], cannot, params)


def _where(row) -> str:
    if row.derived_from:
        return f"[{row.table}, from {places([s.evidence() for s in row.derived_from])}]"
    return f"{row.file}:{row.line}" if row.line is not None else row.file


IMPLAUSIBLE = "（数据不可信 implausible）"


def _shown(row, column: str, suspect, schema) -> str:
    """A compared value; one resting on a fact that cannot be true is marked, and a derived one
    (computed from it) is not shown at all."""
    if suspect is None or row.values.get(column) is None:
        return shown(row.values.get(column))
    identity = {*schema.key, schema.label} if schema is not None else set()
    if suspect.columns is None and column not in identity:
        return IMPLAUSIBLE
    if suspect.columns is not None and column in suspect.columns:
        return shown(row.values.get(column)) + IMPLAUSIBLE
    return shown(row.values.get(column))


def shown(value) -> str:
    if value is None:
        return "(missing)"
    if isinstance(value, FactDate):
        return value.text
    return format_value(value)


def precise(value: Decimal) -> str:
    """4 decimals, as the working paper shows intermediate results."""
    return format_value(value.quantize(Decimal("0.0001")).normalize())


def _deduction(rule: Rule, finding: Finding, result: CheckResult) -> str:
    weight = result.scheme.indicators[rule.indicator].weight
    env = {**rule.params_for(result.case.year), "weight": weight, "count": Decimal(len(finding.rows))}
    if rule.per == "match":
        env.update({k: v for k, v in finding.rows[0].values.items() if not isinstance(v, FactDate)})
    filled = _substitute(rule.amount.tree, env)
    scope = "once for the rule" if rule.per == "rule" else f"for {label_of(finding.rows[0], result.schemas)}"
    text = rule.amount.source
    if filled != text:
        text += f" = {filled}"
    return f"{text} = {precise(finding.deduction)} ({scope})"


def _substitute(tree: ast.expr, env: dict) -> str:
    class Fill(ast.NodeTransformer):
        def visit_Name(self, node):
            value = env.get(node.id)
            if isinstance(value, Decimal):
                short = value.quantize(Decimal("1e-8")).normalize() if value.as_tuple().exponent < -8 else value
                return ast.Name(id=format_value(short))
            if isinstance(value, str):
                return ast.Constant(value)
            return node
    return ast.unparse(Fill().visit(ast.parse(ast.unparse(tree), mode="eval")))


def _working(leaf, row, findings: list[Finding], gap: RuleGap | None = None) -> str:
    if gap is not None:
        return "无法评价 cannot assess — 规则缺口, not counted in the total until the rule set covers it"
    if not row.assessed:
        return "无法评价 cannot assess — not counted in the total until the evidence is provided"
    taken = [f for f in findings if f.indicator == leaf.id]
    total = sum((f.deduction for f in taken), Decimal(0))
    parts = " + ".join(f"{precise(f.deduction)} {f.rule}" for f in taken) or "0"
    return (f"weight {format_value(leaf.weight)} − deductions ({parts}) = {precise(leaf.weight - total)} "
            f"→ within [0, {format_value(leaf.weight)}], rounded half up → {row.score}")
