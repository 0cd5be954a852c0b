"""The full report, in Markdown, in the order of an evaluation report:

数据核对 (facts that disagree, first) → 摘要 → 一、评价结论 (score table, grade) → 二、具体绩效分析
(every indicator as a short paragraph: what was checked, the facts, the score and why) →
三、存在的问题 → 四、建议和改进措施 → 五、资料清单 (when some indicator could not be assessed for
want of facts) → 规则缺口 (when no rule covered some indicator for part of the year: for the rule
author) → 附件 (every finding with its evidence; the working papers, the engine's trace; where
the findings come from: rules, versions, hashes). The body cites management documents, never
jixiao or an earlier report; that provenance is the last annex's (and manifest.json's).
Chinese by default; `Settings(lang="en")` gives English headings, labels and notes (labels.py;
rule and fact texts stay as their authors wrote them, with each rule's English title beside it).
"""

from __future__ import annotations

from ..lang.formulas import condition_shown
from ..model.results import CheckResult
from .common import (
    assessable_points,
    blocked_by,
    deduction,
    gap_text,
    normalisation_note,
    note_text,
    open_points,
    percent,
    places,
    points,
    points_lost,
    provisional_note,
    reason,
    requests,
    row_note,
    score_text,
    total_cell,
    waiver_state,
    waiver_text,
)
from ..version import __version__
from .formats import Settings
from .labels import get
from .prose import advice_sources, citation, history_summary, leaf_texts, plain
from .review import review_section
from .workpaper import shown, working_papers

LEVEL_COLUMNS = 4


def render(result: CheckResult, settings: Settings) -> str:
    """The full report in the settings' language (labels.get)."""
    t = get(settings.lang)
    case = result.case
    parts = [
        f"# {t['title'].format(project=case.meta.get('project', case.case))}",
        "",
        t["generated"].format(case=case.case, year=case.year, scheme=result.scheme.name),
        "",
        *integrity_section(result, t),
        f"## {t['summary']}", "", conclusion(result, t), "", summary_of_findings(result, t), "",
        f"## {t['conclusion']}", "", *score_table(result, t), "",
        *review_section(result, t),
        f"## {t['analysis']}", "", *prose_analysis(result, t),
        f"## {t['problems']}", "", *problems(result, t), *rectification(result, t),
        f"## {t['advice']}", "", *recommendations(result, t),
        *request_section(result, t),
        *gap_section(result, t),
        "", f"## {t['annex']}", "", *annex(result, t),
        "", f"## {t['annex_papers']}", "", *analysis(result, t),
        f"## {t['annex_provenance']}", "", *provenance(result, t),
    ]
    return "\n".join(parts).rstrip() + "\n"


def conclusion(result: CheckResult, t: dict) -> str:
    scores = result.scores
    roots = [r for r in scores.rows if r.parent is None]
    parts = t["sep"].join(_part(r, scores, t) for r in roots)
    assessable = assessable_points(result)
    if assessable is not None:  # out of what could be assessed, never a bare “2.89 of 100”
        text = t["sentence_open"].format(total=points(scores.total, t), assessable=points(assessable, t),
                                         open=points(open_points(result), t), max=points(result.scheme.max, t),
                                         grade=scores.grade, parts=parts)
    else:
        mark = t["provisional"] if scores.provisional else ""
        text = t["sentence"].format(total=points(scores.total, t) + mark, max=points(result.scheme.max, t),
                                    grade=scores.grade, parts=parts)
    if scores.provisional:
        text += f"\n\n**{provisional_note(result, t)}**"
    if scores.normalisation:
        text += f"\n\n**{normalisation_note(result, t)}**"
    if result.waivers:
        text += "\n\n" + t["waivers"].format(waivers=t["waivers_sep"].join(waiver_text(w, t) for w in result.waivers))
    reference = result.case.meta.get("expert_score")
    if isinstance(reference, dict) and "total" in reference:
        if reference.get("self_reported"):  # a self-evaluation form's own total (jixiao.check.forms)
            grade = t["self_reported_grade"].format(grade=reference["grade"]) if reference.get("grade") else ""
            if reference.get("printed_grade"):
                grade += t["printed_grade"].format(grade=reference["printed_grade"])
            text += "\n\n" + t["self_reported"].format(total=reference["total"], grade=grade,
                                                       source=reference.get("source", ""))
        else:
            text += "\n\n" + t["reference"].format(total=reference["total"], grade=reference.get("grade", ""),
                                                   source=reference.get("source", ""))
    return text


def _part(row, scores, t: dict) -> str:
    """A first-level indicator in the summary: its score and rate, only for what was assessed."""
    if row.not_applicable is not None:
        return t["part_na"].format(name=row.name)
    if row.score is None:
        return t["part_none"].format(name=row.name)
    if not row.weight:  # a part that weighs nothing (a form's review leaf): no rate to give
        return t["part_unscored"].format(name=row.name)
    open_weight = scores.unassessed_weight(row.id)
    if open_weight:
        return t["part_open"].format(name=row.name, score=points(row.score, t), open=points(open_weight, t))
    return t["part"].format(name=row.name, score=points(row.score, t), rate=percent(row.rate))


def summary_of_findings(result: CheckResult, t: dict) -> str:
    return t["findings_count"].format(n=len(result.findings), lost=points(points_lost(result), t))


def score_table(result: CheckResult, t: dict) -> list[str]:
    """The score table; with a 折算得分 column when some indicator does not apply, and a 说明 column
    (不适用 and why, the team's adjustment and the computed score) when some row has one."""
    scores = result.scores
    spread = scores.normalisation is not None
    notes = [row_note(row, t) for row in scores.rows]
    noted = spread or any(notes)
    header = [*t["levels"], t["weight"], t["score"], *([t["normalised"]] if spread else []),
              *([t["note"]] if noted else [])]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "---|" * LEVEL_COLUMNS + "---:|---:|" + ("---:|" if spread else "") + ("---|" if noted else "")]
    for row, note in zip(scores.rows, notes):
        cells = [""] * LEVEL_COLUMNS
        cells[min(row.level, LEVEL_COLUMNS) - 1] = f"{row.id} {row.name}"
        extra = [*([points(row.normalised, t) if row.normalised is not None else ""] if spread else []),
                 *([_cell(note)] if noted else [])]
        lines.append("| " + " | ".join([*cells, points(row.weight, t), score_text(row, t), *extra]) + " |")
    blanks = " |" * (int(spread) + int(noted))
    if scores.normalisation:
        lines.append(f"| **{t['raw_total']}** | | | | **{points(scores.applicable_weight, t)}** | "
                     f"**{points(scores.raw_total, t)}** |{blanks}")
    total = total_cell(result, t)
    lines.append(f"| **{t['total']}** | | | | **{points(result.scheme.max, t)}** | **{total}** |{blanks}")
    return lines


def prose_analysis(result: CheckResult, t: dict, indicator: str | None = None) -> list[str]:
    """Every leaf (or one) as the evaluator argues it: a heading with weight and score, then a
    paragraph (report/prose.py)."""
    lines = []
    for leaf in leaf_texts(result, t, indicator):
        lines += [f"### {leaf.id} {leaf.name}（{t['weight']} {points(leaf.weight, t)}，{t['score']} {points(leaf.score, t)}）",
                  "", leaf.text, ""]
    return lines


def analysis(result: CheckResult, t: dict, indicator: str | None = None) -> list[str]:
    """Every indicator's working paper (the annex): the facts, the computation, each deduction."""
    lines = []
    for leaf in working_papers(result, indicator=indicator, t=t):
        lines += [f"### {leaf.id} {leaf.name}（{t['weight']} {points(leaf.weight, t)}，{t['score']} {score_text(leaf.row, t)}）", ""]
        if leaf.gap is not None:
            lines += [f"**{t['gap']}**：{gap_text(leaf.gap, t)}", ""]
        for paper in leaf.rules:
            rule = paper.rule
            title = rule.title if t["lang"] == "zh" or not rule.title_en else f"{rule.title_en}（{rule.title}）"
            lines += [f"**{t['rule']} `{rule.id}`**：{title}", "",
                      f"- {t['basis']}：{rule.citation}",
                      f"- {t['condition']}（`{'、'.join(rule.tables)}`）：`{condition_shown(rule, result.case.year)}`"]
            if rule.bounds_in(result.case.year) != (None, None):
                label = t["period"].format(year=result.case.year, column=rule.date_column)
                lines.append(f"- {label}：{rule.effective_from} – {rule.effective_to or '…'}")
            if paper.params and rule.method is None:  # a method's are written into its condition
                values = "，".join(f"{k} = {shown(v)}" for k, v in paper.params.items())
                lines.append(f"- {t['params']}（{result.case.year}）：`{values}`")
            lines += [f"- {t['deductions']}：`{working}`" for working in paper.deductions]
            if paper.cannot_assess:
                lines.append(f"- **{points(None, t)}**：{reason(result, rule, t)}")
            if paper.facts:
                lines += ["", f"| {t['fact']} | | {t['compared']} | {t['fired']} |", "|---|---|---|:---:|"]
                for fact in paper.facts:
                    values = "；".join(f"{k} = {v}" for k, v in fact.values.items())
                    lines.append(f"| {_cell(fact.where)} | {_cell(fact.label)} | {_cell(values)} | "
                                 f"{'✓' if fact.matched else '·' if fact.in_period else t['outside']} |")
            lines.append("")
        lines += [f"{t['working']}：`{leaf.working}`", ""]
    return lines


def problems(result: CheckResult, t: dict) -> list[str]:
    if not result.findings:
        return [t["no_problems"], ""]
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    rules = {r.id: r for r in result.rules}
    lines = []
    key = "title" if t["lang"] == "zh" else "title_en"
    for number, family in enumerate(dict.fromkeys(f.family for f in result.findings), start=1):
        title = result.families.get(family, {}).get(key) or family
        lines += [f"### {number}. {title}", ""]
        for finding in (f for f in result.findings if f.family == family):
            cut = t["cut"].format(d=deduction(finding.deduction)) if finding.deduction else t["no_cut"]
            if finding.waiver is not None:
                cut = t["waived_cut"].format(d=deduction(finding.deduction))
            waiver = f"  \n  {waiver_state(finding.waiver, t)}" if finding.waiver is not None else ""
            basis = citation(rules[finding.rule]) if finding.rule in rules else finding.source
            lines.append(f"- **{finding.indicator} {names[finding.indicator]}（{cut}）** {plain(finding.text)}{waiver}"
                         f"  \n  {t['basis']}：{basis}；{t['evidence']}：{places(finding.evidence, t)}")
        lines.append("")
    return lines


def rectification(result: CheckResult, t: dict) -> list[str]:
    """上年问题整改情况: last year's findings, rectified or repeated, and this year's new ones."""
    if result.previous_year is None:
        return []
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    title = t["rectification"].format(before=result.previous_year, now=result.case.year)
    lines = [f"### {title}", ""]
    if result.previous_note:
        lines += [t["previous_unused"].format(year=result.previous_year, why=result.previous_note), ""]
    lines += [f"| {t['indicator']} | {t['finding_before']} | {t['status']} |", "|---|---|---|"]
    for item in sorted(result.history, key=lambda h: (h.status not in ("rectified", "repeated"), h.status, h.rule)):
        text = item.last_year or item.this_year
        lines.append(f"| {item.indicator} {names.get(item.indicator, '')} | {_cell(plain(text))} | "
                     f"{t['statuses'][item.status]} |")
    lines += ["", history_summary(result, t), ""]
    return lines


def recommendations(result: CheckResult, t: dict) -> list[str]:
    grouped: dict[str, list] = {}
    for finding in result.findings:
        grouped.setdefault(finding.recommendation, []).append(finding)
    lines = []
    for number, (text, findings) in enumerate(grouped.items(), start=1):
        about = "、".join(dict.fromkeys(f.indicator for f in findings))
        lines.append(f"{number}. {text}（{t['for']} {about}）")  # where it comes from: the provenance annex
    return lines or [t["none"]]


def provenance(result: CheckResult, t: dict) -> list[str]:
    """Where the report's findings come from: the tool and its version, each rule in force with
    its file and the report it was transcribed from, each recommendation's source, and the
    SHA-256 of every file read (as manifest.json)."""
    lines = [t["provenance_intro"].format(version=__version__, scheme=result.scheme.id), "",
             f"| {t['rule']} | {t['indicator']} | {t['provenance_source']} |", "|---|---|---|"]
    for rule in sorted(result.rules, key=lambda r: (result.scheme.order.index(r.indicator), r.id)):
        lines.append(f"| `{rule.id}` | {rule.indicator} | {_cell(rule.citation)} |")
    sources = advice_sources(result)
    if sources:
        lines += ["", t["provenance_advice"], ""]
        lines += ["- " + t["provenance_advice_item"].format(n=n, source=source) for n, source in sources]
    lines += ["", t["provenance_files"], ""]
    for kind, files in result.inputs.items():
        lines += [f"- {kind}/{name}：`{digest}`" for name, digest in sorted(files.items())]
    return lines


def request_section(result: CheckResult, t: dict) -> list[str]:
    """资料清单: the evidence to request for the indicators that could not be assessed."""
    if not result.cannot_assess:
        return []
    intro = t["requests_intro_implausible"] if result.implausible else t["requests_intro"]
    lines = ["", f"## {t['requests']}", "", intro, ""]
    lines += [f"{n}. [{indicator}] {request}" for n, (indicator, request) in enumerate(requests(result, t), start=1)]
    return lines


def gap_section(result: CheckResult, t: dict) -> list[str]:
    """规则缺口: the indicators no rule covered for (part of) the year, for the rule author."""
    if not result.rule_gaps:
        return []
    heading = t["gaps"].format(n=t["numbers"][1 if result.cannot_assess else 0])
    lines = ["", f"## {heading}", "", t["gaps_intro"], ""]
    lines += [f"{n}. [{gap.leaf}] {gap_text(gap, t)}" for n, gap in enumerate(result.rule_gaps, start=1)]
    return lines


def integrity_section(result: CheckResult, t: dict) -> list[str]:
    """Facts that disagree, then facts that cannot be true, before everything that rests on them."""
    if not result.integrity:
        return []
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    lines = [f"## {t['integrity']}", ""]
    if disagree:
        lines += [t["integrity_intro"].format(n=len(disagree)), ""]
        for note in disagree:
            leaves = blocked_by(result, note)
            lines.append("- " + t["note_where"].format(message=note.text(t["lang"]), where=places(note.evidence(), t))
                         + (f" → {t['blocks'].format(leaves='、'.join(leaves))}" if leaves else ""))
        lines.append("")
    if implausible:
        lines += [t["implausible_intro"].format(n=len(implausible)), ""]
        for note in implausible:
            leaves = blocked_by(result, note)
            lines.append(f"- {note_text(note, t)}" + (f" → {t['blocks'].format(leaves='、'.join(leaves))}" if leaves else ""))
        lines.append("")
    return lines


def annex(result: CheckResult, t: dict) -> list[str]:
    """Every finding with each piece of evidence: file, line, and the values compared."""
    lines = []
    for number, finding in enumerate(result.findings, start=1):
        cut = deduction(finding.deduction) + (f"，{waiver_state(finding.waiver, t)}" if finding.waiver is not None else "")
        lines += [f"{number}. `{finding.rule}` → {finding.indicator}（{cut}）{finding.text}"]
        for item in finding.evidence:
            values = "；".join(f"{k} = {v}" for k, v in (item.get("values") or {}).items())
            where = f"{item['file']}:{item.get('line', '')}" + (f"（{item['alias']}）" if item.get("alias") else "")
            lines.append(f"   - {where}" + (f"（{values}）" if values else ""))
    return lines or [t["none"]]


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
