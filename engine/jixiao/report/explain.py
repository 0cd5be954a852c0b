"""`jixiao explain`: the working paper (指标工作底稿) as text, from jixiao.report.workpaper (which
reads what the check recorded)."""

from __future__ import annotations

from ..model.results import CheckResult
from ..model.rules import Rule
from .common import gap_text, normalisation_note, note_text, points, score_text, waiver_text
from .workpaper import shown, working_papers


def _period_line(rule: Rule, year: int) -> list[str]:
    """For a rule in force for part of the year: which facts it judges."""
    start, end = rule.bounds_in(year)
    if start is None and end is None:
        return []
    period = f"{start or '…'} – {end or '…'}"
    return [f"    仅适用于 judges only facts with {rule.date_column} in {period}（{year} 年内的部分有效期）"]


def working_paper(result: CheckResult, rule_id: str | None = None, indicator: str | None = None) -> str:
    case = result.case
    lines = [f"指标工作底稿 working paper — {case.case} {case.year}, 评价方案 {result.scheme.id}", ""]
    for leaf in working_papers(result, rule_id, indicator):
        lines.append(f"{leaf.id} {leaf.name}  权重 weight {points(leaf.weight)} → 得分 score {score_text(leaf.row)}")
        if leaf.gap is not None:
            lines.append(f"  规则缺口 gap in the rule set: {gap_text(leaf.gap)}")
        for paper in leaf.rules:
            rule = paper.rule
            fired = sum(f.matched for f in paper.facts)
            lines += [
                f"  规则 rule {rule.id}: {rule.title}",
                f"    依据 source: {rule.citation}",
                f"    有效期 in force: {rule.effective_from} – {rule.effective_to or '…'}",
                f"    条件 condition ({rule.table}): {rule.where.source}",
                *([f"    参数 params ({case.year}): " + ", ".join(f"{k} = {shown(v)}" for k, v in paper.params.items())]
                  if paper.params else []),
                *_period_line(rule, case.year),
                f"    {'触发 fired' if fired else '未触发 did not fire'}: {fired} of {paper.fact_count} facts",
            ]
            if rule.id in result.implausible:
                lines.append("    无法评价 cannot assess: it reads facts that cannot be true")
                lines += [f"    ✗ {note_text(note)}" for note in result.implausible[rule.id]]
            elif paper.cannot_assess:
                needed = rule.requires.source if rule.requires else f"some fact of {rule.table}"
                lines.append(f"    无法评价 cannot assess: no fact satisfies requires: {needed}")
                lines.append(f"    请提供 evidence to request: {rule.request}")
            for fact in paper.facts:
                values = ", ".join(f"{k} = {v}" for k, v in fact.values.items())
                check = "" if fact.in_period else "  (outside the rule's period 不在有效期内)"
                lines.append(f"      {'✓' if fact.matched else '·'} {fact.where}  {fact.label}: {values}{check}")
            if paper.fact_count > len(paper.facts):
                lines.append(f"      … {paper.fact_count - len(paper.facts)} more facts")
            lines += [f"    扣分 deduction: {working}" for working in paper.deductions]
        lines.append(f"  得分 score: {leaf.working}")
        lines.append("")
    if result.scores.normalisation:
        lines += [f"总分 total: {normalisation_note(result)}", ""]
    lines += [f"豁免 waiver: {waiver_text(w)}" for w in result.waivers]
    return "\n".join(lines).rstrip() + "\n"
