"""The working paper (指标工作底稿): for each indicator and rule, what was compared and computed.

For every rule in force: its condition, every fact of the table it reads with the values
the condition compares and whether the engine matched it, the deduction with the formula
filled in, and how the leaf score follows from weight and deductions.
"""

from __future__ import annotations

import ast
from decimal import Decimal

from .check import Result
from .expr import holds
from .findings import Finding, format_value, label_of
from .render.common import places, points
from .rules import Rule
from .tables import FactDate

MAX_FACTS = 60


def working_paper(result: Result, catalog, rule_id: str | None = None, indicator: str | None = None) -> str:
    case = result.case
    lines = [f"指标工作底稿 working paper — {case.case} {case.year}, 评价方案 {result.scheme.id}", ""]
    rules_by_leaf: dict[str, list[Rule]] = {}
    for rule in result.rules:
        rules_by_leaf.setdefault(rule.indicator, []).append(rule)
    for leaf in result.scheme.leaves:
        chosen = [r for r in rules_by_leaf.get(leaf.id, []) if rule_id in (None, r.id)]
        if (indicator and leaf.id != indicator) or not chosen:
            continue
        row = result.scores.get(leaf.id)
        lines.append(f"{leaf.id} {leaf.name}  权重 weight {points(leaf.weight)} → 得分 score {points(row.score)}")
        for rule in sorted(chosen, key=lambda r: r.id):
            lines += _rule_section(rule, result, catalog)
        lines += _score_lines(leaf, row, result.findings)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _rule_section(rule: Rule, result: Result, catalog) -> list[str]:
    findings = [f for f in result.findings if f.rule == rule.id]
    matched = {row.id for f in findings for row in f.rows}
    facts = result.tables.get(rule.table, [])
    fields = sorted(rule.where.names)
    lines = [
        f"  规则 rule {rule.id}: {rule.title}",
        f"    依据 source: {rule.citation}",
        f"    有效期 in force: {rule.effective_from} – {rule.effective_to or '…'}",
        f"    条件 condition ({rule.table}): {rule.where.source}",
        f"    {'触发 fired' if matched else '未触发 did not fire'}: {len(matched)} of {len(facts)} facts",
    ]
    if any(r.id == rule.id for r in result.cannot_assess):
        needed = rule.requires.source if rule.requires else f"some fact of {rule.table}"
        lines.append(f"    无法评价 cannot assess: no fact satisfies requires: {needed}")
        lines.append(f"    请提供 evidence to request: {rule.request}")
    for row in facts[:MAX_FACTS]:
        mark = "✓" if row.id in matched else "·"
        values = ", ".join(f"{f} = {_shown(row.values.get(f))}" for f in fields)
        check = "" if (row.id in matched) == holds(rule.where, row.values) else "  (!) plain evaluation disagrees"
        lines.append(f"      {mark} {_where(row)}  {label_of(row, catalog)}: {values}{check}")
    if len(facts) > MAX_FACTS:
        lines.append(f"      … {len(facts) - MAX_FACTS} more facts")
    for finding in findings:
        lines.append(f"    扣分 deduction: {_deduction_working(rule, finding, result, catalog)}")
    return lines


def _where(row) -> str:
    if row.derived_from:
        return f"[{row.table}, from {places([s.evidence() for s in row.derived_from])}]"
    return f"{row.file}:{row.line}" if row.line is not None else row.file


def _shown(value) -> str:
    if value is None:
        return "(missing)"
    if isinstance(value, FactDate):
        return value.text
    return format_value(value)


def _deduction_working(rule: Rule, finding: Finding, result: Result, catalog) -> str:
    weight = result.scheme.indicators[rule.indicator].weight
    env = {"weight": weight, "count": Decimal(len(finding.rows))}
    if rule.per == "match":
        env.update({k: v for k, v in finding.rows[0].values.items() if not isinstance(v, FactDate)})
    filled = _substitute(rule.amount.tree, env)
    scope = "once for the rule" if rule.per == "rule" else f"for {label_of(finding.rows[0], catalog)}"
    text = rule.amount.source
    if filled != text:
        text += f" = {filled}"
    return f"{text} = {_precise(finding.deduction)} ({scope})"


def _substitute(tree: ast.expr, env: dict) -> str:
    class Fill(ast.NodeTransformer):
        def visit_Name(self, node):
            value = env.get(node.id)
            if isinstance(value, Decimal):
                return ast.Name(id=format_value(value))
            if isinstance(value, str):
                return ast.Constant(value)
            return node
    return ast.unparse(Fill().visit(ast.parse(ast.unparse(tree), mode="eval")))


def _precise(value: Decimal) -> str:
    """4 decimals, as the working paper shows intermediate results."""
    return format_value(value.quantize(Decimal("0.0001")).normalize())


def _score_lines(leaf, row, findings: list[Finding]) -> list[str]:
    if not row.assessed:
        return ["  得分 score: 无法评价 cannot assess — not counted in the total until the evidence is provided"]
    taken = [f for f in findings if f.indicator == leaf.id]
    total = sum((f.deduction for f in taken), Decimal(0))
    parts = " + ".join(f"{_precise(f.deduction)} {f.rule}" for f in taken) or "0"
    return [f"  得分 score: weight {points(leaf.weight)} − deductions ({parts}) = "
            f"{_precise(leaf.weight - total)} → within [0, {points(leaf.weight)}], "
            f"rounded half up → {row.score}"]
