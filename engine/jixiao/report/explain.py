"""`jixiao explain`: the working paper (指标工作底稿) as text, from jixiao.report.workpaper (which
reads what the check recorded)."""

from __future__ import annotations

from ..model.results import CheckResult
from ..model.rules import Rule
from .common import gap_text, note_text, points
from .workpaper import MAX_FACTS, shown, working_papers


def _period_line(rule: Rule, year: int) -> list[str]:
    """For a rule in force for part of the year: which facts it judges."""
    start, end = rule.bounds_in(year)
    if start is None and end is None:
        return []
    period = f"{start or '…'} – {end or '…'}"
    return [f"    仅适用于 judges only facts with {rule.date_column} in {period}（{year} 年内的部分有效期）"]


def _condition_lines(rule: Rule) -> list[str]:
    """The condition; of a rule over several tables, each alias, what it must (not) find, and the joins."""
    if not rule.aliases:
        return [f"    条件 condition ({rule.table}): {rule.where.source}"]
    lines = ["    条件 condition — 多表联合 rows of several tables, joined on equal values:"]
    for position, alias in enumerate(rule.aliases):
        where = f" where {alias.where.source}" if alias.where is not None else " (any row 任一行)"
        if alias.absent:
            lines.append(f"      {alias.name}: 不存在 no row of {alias.table}{where}, joined as below")
        else:
            own = "（本规则的事实 the rule's own table）" if position == 0 else ""
            lines.append(f"      {alias.name}: 一行 a row of {alias.table}{where}{own}")
    lines += [f"      连接 join: {a}.{x} == {b}.{y}" for a, x, b, y in rule.on]
    return lines


def working_paper(result: CheckResult, rule_id: str | None = None, indicator: str | None = None) -> str:
    case = result.case
    lines = [f"指标工作底稿 working paper — {case.case} {case.year}, 评价方案 {result.scheme.id}", ""]
    for leaf in working_papers(result, rule_id, indicator):
        lines.append(f"{leaf.id} {leaf.name}  权重 weight {points(leaf.weight)} → 得分 score {points(leaf.score)}")
        if leaf.gap is not None:
            lines.append(f"  规则缺口 gap in the rule set: {gap_text(leaf.gap)}")
        for paper in leaf.rules:
            rule = paper.rule
            fired = sum(f.matched for f in paper.facts)
            lines += [
                f"  规则 rule {rule.id}: {rule.title}",
                f"    依据 source: {rule.citation}",
                f"    有效期 in force: {rule.effective_from} – {rule.effective_to or '…'}",
                *_condition_lines(rule),
                *([f"    参数 params ({case.year}): " + ", ".join(f"{k} = {shown(v)}" for k, v in paper.params.items())]
                  if paper.params else []),
                *_period_line(rule, case.year),
                f"    {'触发 fired' if fired else '未触发 did not fire'}: {fired} of {paper.fact_count} facts",
            ]
            if rule.id in result.implausible:
                lines.append("    无法评价 cannot assess: it reads facts that cannot be true")
                lines += [f"    ✗ {note_text(note)}" for note in result.implausible[rule.id]]
            elif paper.cannot_assess:
                lines.append(f"    无法评价 cannot assess: no fact satisfies requires: {rule.needs}")
                lines.append(f"    请提供 evidence to request: {rule.request}")
            for fact in paper.facts:
                values = ", ".join(f"{k} = {v}" for k, v in fact.values.items())
                check = "" if fact.in_period else "  (outside the rule's period 不在有效期内)"
                lines.append(f"      {'✓' if fact.matched else '·'} {fact.where}  {fact.label}: {values}{check}")
            if paper.fact_count > len(paper.facts):
                lines.append(f"      … {paper.fact_count - len(paper.facts)} more facts")
            if rule.aliases:
                lines.append(f"    联合匹配 joined matches: {len(paper.joined)}")
                lines += [f"      ✓ {joined}" for joined in paper.joined[:MAX_FACTS]]
            lines += [f"    扣分 deduction: {working}" for working in paper.deductions]
        lines.append(f"  得分 score: {leaf.working}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
