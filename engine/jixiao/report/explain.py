"""`jixiao explain`: the working paper (指标工作底稿) as text, from jixiao.report.workpaper (which
reads what the check recorded). Its labels (labels.get(lang)["paper"]) and the notes it quotes
(a gap, an implausible fact) are in the settings' language, and so are the lines it shares with
the report's annex (a leaf's working, a deduction's scope, a fact's place: labels.get(lang)'s
wp_ labels, through workpaper)."""

from __future__ import annotations

from ..lang.formulas import alias_conditions, condition_shown, joins_shown
from ..model.messages import Message
from ..model.problems import InputError, Problem, meant
from ..model.results import CheckResult
from ..model.rules import Rule
from .common import gap_text, is_target_setting, normalisation_note, note_text, points, request, score_text, waiver_text
from .formats import Settings
from .labels import counted, get
from .workpaper import MAX_FACTS, shown, working_papers


def _period_line(rule: Rule, year: int, L: dict) -> list[str]:
    """For a rule in force for part of the year: which facts it judges."""
    start, end = rule.bounds_in(year)
    if start is None and end is None:
        return []
    period = f"{start or '…'} – {end or '…'}"
    return ["    " + L["paper_period"].format(column=rule.date_column, period=period, year=year)]


def _condition_lines(rule: Rule, year: int, L: dict) -> list[str]:
    """The condition as condition_shown gives it (jixiao.lang.formulas: a method's parameters
    written in); of a rule over several tables, one line for each alias, what it must (not) find,
    and one for each join."""
    if not rule.aliases:
        return ["    " + L["paper_condition"].format(table=rule.table, source=condition_shown(rule, year))]
    lines = ["    " + L["paper_joined_condition"]]
    for position, (alias, where) in enumerate(alias_conditions(rule, year)):
        where = L["paper_where"].format(where=where) if where is not None else L["paper_any_row"]
        if alias.absent:
            lines.append("      " + L["paper_alias_absent"].format(alias=alias.name, table=alias.table, where=where))
        else:
            own = L["paper_own_table"] if position == 0 else ""
            lines.append("      " + L["paper_alias"].format(alias=alias.name, table=alias.table, where=where, own=own))
    lines += ["      " + L["paper_join"].format(join=join) for join in joins_shown(rule)]
    return lines


def render(result: CheckResult, settings: Settings) -> str:
    """The working paper of every leaf, or of `settings.rule` / `settings.indicator` only."""
    return working_paper(result, settings.rule, settings.indicator, get(settings.lang))


def refuse_unknown_indicator(result: CheckResult, indicator: str | None) -> None:
    """InputError when `indicator` (explain --indicator) is not a leaf of the result's scheme."""
    leaves = [leaf.id for leaf in result.scheme.leaves]
    if indicator and indicator not in leaves:
        raise InputError([Problem.said("--indicator", Message("explain.not_a_leaf", {
            "scheme": result.scheme.id, "meant": meant(indicator, leaves)}), found=indicator)])


def working_paper(result: CheckResult, rule_id: str | None = None, indicator: str | None = None,
                  t: dict | None = None) -> str:
    t = t or get("zh")
    L = t["paper"]
    case = result.case
    target = is_target_setting(result)  # a 绩效目标表: its rules review it, nothing is scored
    lines = [L["paper"].format(case=case.case, year=case.year, scheme=result.scheme.id),
             *([L["paper_target"]] if target else []), ""]
    for leaf in working_papers(result, rule_id, indicator, t):
        lines.append(L["paper_target_leaf"].format(id=leaf.id, name=leaf.name) if target else
                     L["paper_leaf"].format(id=leaf.id, name=leaf.name, weight=points(leaf.weight, t),
                                            score=score_text(leaf.row, t)))
        if leaf.gap is not None:
            lines.append("  " + L["paper_gap"].format(gap=gap_text(leaf.gap, t)))
        for paper in leaf.rules:
            rule = paper.rule
            fired = sum(f.matched for f in paper.facts)
            params = ", ".join(f"{k} = {shown(v)}" for k, v in paper.params.items())
            lines += [
                "  " + L["paper_rule"].format(id=rule.id, title=rule.title),
                "    " + L["paper_source"].format(citation=rule.provenance),
                "    " + L["paper_in_force"].format(start=rule.effective_from, end=rule.effective_to or "…"),
                *_condition_lines(rule, case.year, L),
                *(["    " + L["paper_params"].format(year=case.year, values=params)]
                  if paper.params and rule.method is None else []),  # a method's are in its condition
                *_period_line(rule, case.year, L),
                "    " + counted(L["paper_fired" if fired else "paper_not_fired"], paper.fact_count).format(
                    n=fired, count=paper.fact_count),
            ]
            if rule.id in result.implausible:
                lines.append("    " + L["paper_implausible"])
                lines += [f"    ✗ {note_text(note, t)}" for note in result.implausible[rule.id]]
            elif paper.cannot_assess:
                lines.append("    " + L["paper_cannot"].format(needed=rule.needs))
                lines.append("    " + L["paper_request"].format(request=request(result, rule, t)))
            for fact in paper.facts:
                values = ", ".join(f"{k} = {v}" for k, v in fact.values.items())
                check = "" if fact.in_period else L["paper_outside"]
                lines.append(f"      {'✓' if fact.matched else '·'} {fact.where}  {fact.label}: {values}{check}")
            if paper.fact_count > len(paper.facts):
                more = paper.fact_count - len(paper.facts)
                lines.append("      " + counted(L["paper_more"], more).format(n=more))
            if rule.aliases:
                lines.append("    " + L["paper_joined"].format(n=len(paper.joined)))
                lines += [f"      ✓ {joined}" for joined in paper.joined[:MAX_FACTS]]
            if leaf.weight:  # a leaf that weighs nothing (a form's review) deducts nothing: its ✓ facts are its findings
                lines += ["    " + L["paper_deduction"].format(working=working) for working in paper.deductions]
        if not target:
            lines.append("  " + L["paper_score"].format(working=leaf.working))
        lines.append("")
    if result.scores.normalisation:
        lines += [L["paper_total"].format(note=normalisation_note(result, t)), ""]
    lines += [L["paper_waiver"].format(waiver=waiver_text(w, t)) for w in result.waivers]
    return "\n".join(lines).rstrip() + "\n"
