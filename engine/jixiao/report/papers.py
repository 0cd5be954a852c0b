"""The working papers (指标工作底稿) of report.md and report.html, as blocks (report/blocks.py):
read as report.docx's annex reads them (report/readable.py), not as the engine's trace."""

from __future__ import annotations

from ..model.results import CheckResult
from .blocks import Code, Heading, Item, Items, Para, Strong, Table, text
from .common import bracketed, gap_text, points, weight_and_score
from .labels import counted
from .readable import readable, sheets
from .readable import title as title_of
from .workpaper import working_papers

PAPER_FACTS = 20  # facts listed per rule in the working papers (the rest counted; all in `jixiao explain`)


def analysis_blocks(result: CheckResult, t: dict, indicator: str | None = None) -> list:
    """Every indicator's working paper (the annex), as report.docx's annex reads it
    (report/readable.py): each rule's basis, its condition and scoring standard in words, the
    facts it compared under their columns' titles with units and rounded numbers, each deduction
    worked out, and how the score follows. The engine's trace is `jixiao explain`'s."""
    out = []
    gaps = {gap.leaf: gap for gap in result.rule_gaps}
    for leaf in sheets(result, t, limit=PAPER_FACTS, indicator=indicator):
        row = result.scores.get(leaf.id)
        out.append(Heading(3, text(f"{leaf.id} {leaf.name}{bracketed(weight_and_score(row, t))}")))
        if leaf.id in gaps:
            out.append(Para(text(Strong(t["gap"]), f"：{gap_text(gaps[leaf.id], t)}")))
        for sheet in leaf.rules:
            out += _rule_paper(sheet, result, t)
        plain_score = row.assessed and row.not_applicable is None and row.adjustment is None and row.normalised is None
        if not plain_score or leaf.id in gaps:  # 不适用, adjusted, rescaled, not assessed: as scoring recorded it
            working = working_papers(result, indicator=leaf.id, t=t, facts=False)[0].working
        else:
            working = leaf.working
        out.append(Para(text(f"{t['working']}：{working}")))
    return out


def _rule_paper(sheet, result: CheckResult, t: dict) -> list:
    rule = sheet.rule
    year = result.case.year
    title = rule.title if t["lang"] == "zh" or not rule.title_en else f"{rule.title_en}（{rule.title}）"
    items = [f"{t['basis']}：{sheet.basis}", f"{t['condition']}：{sheet.condition}"]
    if rule.bounds_in(year) != (None, None):
        schema = result.schemas.tables.get(rule.table) if result.schemas else None
        items.append(f"{t['period'].format(year=year, column=title_of(schema, rule.date_column))}："
                     f"{rule.effective_from} – {rule.effective_to or '…'}")
    params = rule.params_for(year)
    if params and rule.method is None:  # a method's are written into its condition (condition_shown)
        items.append(t["wp_params"].format(year=year) + "："
                     + "，".join(f"{name} = {readable(value, '', t)}" for name, value in params.items()))
    if sheet.formula and sheet.formula != "0":  # a rule that only reports (deducts 0): no standard, no working
        items.append(f"{t['wp_formula']}：{sheet.formula}")
        items += [f"{t['deductions']}：{working}" for working in sheet.deductions]
    out = [Para(text(Strong(f"{t['rule']} ", Code(rule.id)), f"：{title}")), Items(tuple(Item(text(i)) for i in items))]
    if sheet.cannot_assess:
        out[-1] = Items((*out[-1].items, Item(text(Strong(points(None, t)), f"：{sheet.cannot_assess}"))))
    if sheet.facts.rows:
        columns = sheet.facts.columns
        out.append(Table(tuple(text(c) for c in columns), ("l",) * (len(columns) - 1) + ("c",),
                         tuple(tuple(text(c) for c in row) for row in sheet.facts.rows)))
    if sheet.more:
        out.append(Para(text(counted(t["wp_more"], sheet.more).format(n=sheet.more))))
    return out
