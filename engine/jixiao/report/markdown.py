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

from ..model.messages import render_param
from ..model.results import CheckResult, shown_deductions
from .blocks import BREAK, Code, Heading, Item, Items, Para, Strong, Table, markdown_lines, rich, text
from .common import (
    assessable_points,
    blocked_by,
    blocked_sentence,
    bracketed,
    cut_text,
    gap_text,
    is_target_setting,
    normalisation_note,
    note_text,
    nothing_assessed,
    open_points,
    out_of_text,
    percent,
    places,
    points,
    points_lost,
    provisional_note,
    requests,
    row_note,
    score_text,
    total_cell,
    waiver_state,
    waiver_text,
    weight_and_score,
    weight_text,
)
from ..version import __version__
from .formats import Settings
from .labels import counted, get
from .review_labels import for_result
from .prose import advice_sources, citation, history_summary, leaf_texts, ordered_history, plain, sentence
from .review import review_blocks
from .papers import analysis_blocks
from .readable import evidence_values

LEVEL_COLUMNS = 4


def render(result: CheckResult, settings: Settings) -> str:
    """The full report in the settings' language (labels.get)."""
    return "\n".join(markdown_lines(shared_blocks(result, settings))).rstrip() + "\n"


def shared_blocks(result: CheckResult, settings: Settings) -> list:
    """`blocks`, built once for report.md and report.html of one set (kept in settings.memo)."""
    done = settings.memo.get("blocks")
    if done is None or done[0] is not result:
        done = settings.memo["blocks"] = (result, blocks(result, settings))
    return done[1]


def blocks(result: CheckResult, settings: Settings) -> list:
    """The full report as blocks (report/blocks.py): what report.md and report.html are written from."""
    t = for_result(result, get(settings.lang))
    case = result.case
    return [
        Heading(1, text(t["title"].format(project=case.meta.get("project", case.case)))),
        Para(text(t["generated"].format(case=case.case, year=case.year, scheme=result.scheme.name))),
        *integrity_blocks(result, t),
        Heading(2, text(t["summary"])), *conclusion_blocks(result, t), Para(text(summary_of_findings(result, t))),
        # a target-setting form is not scored: its targets and weights (the review sheet) in place of a score table
        *([] if is_target_setting(result) else [Heading(2, text(t["conclusion"])), score_table_block(result, t)]),
        *review_blocks(result, t),
        Heading(2, text(t["analysis"])), *prose_blocks(result, t),
        Heading(2, text(t["problems"])), *problem_blocks(result, t), *rectification_blocks(result, t),
        Heading(2, text(t["advice"])), recommendation_block(result, t),
        *request_blocks(result, t),
        *gap_blocks(result, t),
        Heading(2, text(t["annex"])), annex_block(result, t),
        Heading(2, text(t["annex_papers"])), *analysis_blocks(result, t),
        Heading(2, text(t["annex_provenance"])), *provenance_blocks(result, t),
    ]


def _lines(blocks: list) -> list[str]:
    """Blocks as Markdown lines, without the blank line after the last."""
    lines = markdown_lines(blocks)
    return lines[:-1] if lines and lines[-1] == "" else lines


def conclusion(result: CheckResult, t: dict) -> str:
    """The summary's conclusion as Markdown (paragraphs apart by a blank line)."""
    return "\n".join(_lines(conclusion_blocks(result, t)))


def conclusion_blocks(result: CheckResult, t: dict) -> list:
    if is_target_setting(result):  # reviewed, not scored: no total, no grade
        return [Para(text(t["target_conclusion"]))]
    scores = result.scores
    roots = [r for r in scores.rows if r.parent is None]
    parts = t["sep"].join(_part(r, scores, t) for r in roots)
    assessable = assessable_points(result)
    if nothing_assessed(result):
        out = [Para(rich(t["sentence_none"], max=points(result.scheme.max, t), grade=scores.grade, parts=parts))]
    elif assessable is not None:  # out of what could be assessed, never a bare “2.89 of 100”
        out = [Para(rich(t["sentence_open"], total=points(scores.total, t), assessable=points(assessable, t),
                         open=points(open_points(result), t), max=points(result.scheme.max, t),
                         grade=scores.grade, parts=parts))]
    else:
        mark = t["provisional"] if scores.provisional else ""
        out_of = t["out_of"].format(max=points(result.scheme.max, t)) if result.scheme.max != 100 else ""
        out = [Para(rich(t["sentence"], total=points(scores.total, t) + mark, max=points(result.scheme.max, t),
                         out_of=out_of, grade=scores.grade, parts=parts))]
    if scores.provisional:
        out.append(Para(text(Strong(provisional_note(result, t)))))
    if scores.normalisation:
        out.append(Para(text(Strong(normalisation_note(result, t)))))
    if result.waivers:
        out.append(Para(text(t["waivers"].format(waivers=t["waivers_sep"].join(waiver_text(w, t)
                                                                               for w in result.waivers)))))
    reference = result.case.meta.get("expert_score")
    if isinstance(reference, dict) and "total" in reference:
        if reference.get("self_reported"):  # a self-evaluation form's own total (jixiao.check.forms)
            grade = t["self_reported_grade"].format(grade=reference["grade"]) if reference.get("grade") else ""
            if reference.get("printed_grade"):
                grade += t["printed_grade"].format(grade=reference["printed_grade"])
            out.append(Para(text(t["self_reported"].format(total=out_of_text(reference["total"], result.scheme.max, t),
                                                           grade=grade,
                                                           source=reference.get("source", "")))))
        else:
            out.append(Para(text(t["reference"].format(total=reference["total"], grade=reference.get("grade", ""),
                                                       source=reference.get("source", "")))))
    return out


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
    n = len(result.findings)
    if is_target_setting(result):  # nothing deducted from nothing scored
        return counted(t["target_findings_count"], n).format(n=n)
    return counted(t["findings_count"], n).format(n=n, lost=points(points_lost(result), t))


def score_table(result: CheckResult, t: dict) -> list[str]:
    """The score table as Markdown lines (score_table_block)."""
    return _lines([score_table_block(result, t)])


def score_table_block(result: CheckResult, t: dict) -> Table:
    """The score table; with a 折算得分 column when some indicator does not apply, and a 说明 column
    (不适用 and why, the team's adjustment and the computed score) when some row has one."""
    scores = result.scores
    spread = scores.normalisation is not None
    notes = [row_note(row, t) for row in scores.rows]
    noted = spread or any(notes)
    header = [*t["levels"], t["weight"], t["score"], *([t["normalised"]] if spread else []),
              *([t["note"]] if noted else [])]
    align = ("l",) * LEVEL_COLUMNS + ("r", "r") + (("r",) if spread else ()) + (("l",) if noted else ())
    rows = []
    for row, note in zip(scores.rows, notes):
        cells = [""] * LEVEL_COLUMNS
        cells[min(row.level, LEVEL_COLUMNS) - 1] = f"{row.id} {row.name}"
        extra = [*([points(row.normalised, t) if row.normalised is not None else ""] if spread else []),
                 *([note] if noted else [])]
        rows.append(tuple(text(c) for c in [*cells, weight_text(row, t), score_text(row, t), *extra]))
    blanks = [()] * (int(spread) + int(noted))
    totals = []
    if scores.normalisation:
        totals.append((text(Strong(t["raw_total"])), (), (), (), text(Strong(points(scores.applicable_weight, t))),
                       text(Strong(points(scores.raw_total, t))), *blanks))
    total = total_cell(result, t)
    totals.append((text(Strong(t["total"])), (), (), (), text(Strong(points(result.scheme.max, t))),
                   text(Strong(total)), *blanks))
    return Table(tuple(text(h) for h in header), align, tuple(rows), tuple(totals))


def prose_analysis(result: CheckResult, t: dict, indicator: str | None = None) -> list[str]:
    return markdown_lines(prose_blocks(result, t, indicator))


def prose_blocks(result: CheckResult, t: dict, indicator: str | None = None) -> list:
    """Every leaf (or one) as the evaluator argues it: a heading with weight and score, then a
    paragraph (report/prose.py)."""
    out = []
    for leaf in leaf_texts(result, t, indicator):
        out += [Heading(3, text(f"{leaf.id} {leaf.name}{bracketed(weight_and_score(result.scores.get(leaf.id), t))}")),
                Para(text(leaf.text))]
    return out


def analysis(result: CheckResult, t: dict, indicator: str | None = None) -> list[str]:
    """Every indicator's working paper as Markdown lines (analysis_blocks)."""
    return markdown_lines(analysis_blocks(result, t, indicator))


def problems(result: CheckResult, t: dict) -> list[str]:
    """三、存在的问题 as Markdown lines (problem_blocks)."""
    return markdown_lines(problem_blocks(result, t))


def problem_blocks(result: CheckResult, t: dict) -> list:
    if not result.findings:
        return [Para(text(t["no_problems"]))]
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    rules = {r.id: r for r in result.rules}
    out = []
    key = "title" if t["lang"] == "zh" else "title_en"
    for number, family in enumerate(dict.fromkeys(f.family for f in result.findings), start=1):
        title = result.families.get(family, {}).get(key) or family
        out.append(Heading(3, text(f"{number}. {title}")))
        items = []
        for finding, shown in ((f, s) for f, s in zip(result.findings, shown_deductions(result)) if f.family == family):
            cut = cut_text(result, finding, shown, t)
            waiver = (BREAK, waiver_state(finding.waiver, t)) if finding.waiver is not None else ()
            basis = citation(rules[finding.rule]) if finding.rule in rules else finding.source
            items.append(Item(text(Strong(f"{finding.indicator} {names[finding.indicator]}{bracketed(cut)}"),
                                   f" {sentence(finding.text, t)}", *waiver, BREAK,
                                   f"{t['basis']}：{basis}；{t['evidence']}：{places(finding.evidence, t)}")))
        out.append(Items(tuple(items)))
    return out


def rectification(result: CheckResult, t: dict) -> list[str]:
    return markdown_lines(rectification_blocks(result, t))


def rectification_blocks(result: CheckResult, t: dict) -> list:
    """上年问题整改情况: last year's findings, rectified or repeated, and this year's new ones."""
    if result.previous_year is None:
        return []
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    title = t["rectification"].format(before=result.previous_year, now=result.case.year)
    out = [Heading(3, text(title))]
    if result.previous_note:
        out.append(Para(text(t["previous_unused"].format(year=result.previous_year, why=render_param(result.previous_note, t["lang"])))))
    rows = []
    for item in ordered_history(result):
        said = item.last_year or item.this_year
        rows.append((text(f"{item.indicator} {names.get(item.indicator, '')}"), text(plain(said)),
                     text(t["statuses"][item.status])))
    out += [Table((text(t["indicator"]), text(t["finding_before"]), text(t["status"])), ("l", "l", "l"), tuple(rows)),
            Para(text(history_summary(result, t)))]
    return out


def recommendations(result: CheckResult, t: dict) -> list[str]:
    return _lines([recommendation_block(result, t)])


def recommendation_block(result: CheckResult, t: dict):
    grouped: dict[str, list] = {}
    for finding in result.findings:
        grouped.setdefault(finding.recommendation, []).append(finding)
    items = []
    for said, findings in grouped.items():
        about = "、".join(dict.fromkeys(f.indicator for f in findings))
        items.append(Item(text(f"{said}（{t['for']} {about}）")))  # where it comes from: the provenance annex
    return Items(tuple(items), ordered=True) if items else Para(text(t["none"]))


def provenance(result: CheckResult, t: dict) -> list[str]:
    return _lines(provenance_blocks(result, t))


def provenance_blocks(result: CheckResult, t: dict) -> list:
    """Where the report's findings come from: the tool and its version, each rule in force with
    its file and the report it was transcribed from, each recommendation's source, and the
    SHA-256 of every file read (as manifest.json)."""
    rows = tuple((text(Code(rule.id)), text(rule.indicator), text(rule.provenance))
                 for rule in sorted(result.rules, key=lambda r: (result.scheme.order.index(r.indicator), r.id)))
    out = [Para(rich(t["provenance_intro"], version=__version__, scheme=result.scheme.id)),
           Table((text(t["rule"]), text(t["indicator"]), text(t["provenance_source"])), ("l", "l", "l"), rows)]
    sources = advice_sources(result)
    if sources:
        out += [Para(text(t["provenance_advice"])),
                Items(tuple(Item(text(t["provenance_advice_item"].format(n=n, source=source)))
                            for n, source in sources))]
    out.append(Para(text(t["provenance_files"])))
    files = [Item(text(f"{kind}/{name}：", Code(digest)))
             for kind, files in result.inputs.items() for name, digest in sorted(files.items())]
    if files:
        out.append(Items(tuple(files)))
    return out


def request_section(result: CheckResult, t: dict) -> list[str]:
    blocks_ = request_blocks(result, t)
    return ["", *_lines(blocks_)] if blocks_ else []


def request_blocks(result: CheckResult, t: dict) -> list:
    """资料清单: the evidence to request for the indicators that could not be assessed."""
    if not result.cannot_assess:
        return []
    intro = t["requests_intro_implausible"] if result.implausible else t["requests_intro"]
    items = tuple(Item(text(f"[{indicator}] {request}")) for indicator, request in requests(result, t))
    return [Heading(2, text(t["requests"])), Para(text(intro)), *([Items(items, ordered=True)] if items else [])]


def gap_section(result: CheckResult, t: dict) -> list[str]:
    blocks_ = gap_blocks(result, t)
    return ["", *_lines(blocks_)] if blocks_ else []


def gap_blocks(result: CheckResult, t: dict) -> list:
    """规则缺口: the indicators no rule covered for (part of) the year, for the rule author."""
    if not result.rule_gaps:
        return []
    heading = t["gaps"].format(n=t["numbers"][1 if result.cannot_assess else 0])
    items = tuple(Item(text(f"[{gap.leaf}] {gap_text(gap, t)}")) for gap in result.rule_gaps)
    return [Heading(2, text(heading)), Para(text(t["gaps_intro"])), Items(items, ordered=True)]


def integrity_section(result: CheckResult, t: dict) -> list[str]:
    return markdown_lines(integrity_blocks(result, t))


def integrity_blocks(result: CheckResult, t: dict) -> list:
    """Facts that disagree, then facts that cannot be true, before everything that rests on them."""
    if not result.integrity:
        return []
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    out = [Heading(2, text(t["integrity"]))]
    if disagree:
        items = []
        for note in disagree:
            leaves = blocked_by(result, note)
            items.append(Item(text(note_text(note, t)
                                   + (f" → {t['blocks'].format(leaves='、'.join(leaves))}" if leaves else ""))))
        out += [Para(text(t["integrity_intro_plain"].format(n=len(disagree)))), Items(tuple(items)),
                Para(text(blocked_sentence(result, disagree, t)))]
    if implausible:
        items = []
        for note in implausible:
            leaves = blocked_by(result, note)
            items.append(Item(text(note_text(note, t)
                                   + (f" → {t['blocks'].format(leaves='、'.join(leaves))}" if leaves else ""))))
        out += [Para(text(t["implausible_intro_plain"].format(n=len(implausible)))), Items(tuple(items)),
                Para(text(blocked_sentence(result, implausible, t)))]
    return out


def annex(result: CheckResult, t: dict) -> list[str]:
    return _lines([annex_block(result, t)])


def annex_block(result: CheckResult, t: dict):
    """Every finding with each piece of evidence: file, line, and the values compared (under their
    columns' titles, rounded: report/readable.py)."""
    items = []
    rules = {rule.id: rule for rule in result.rules}
    for finding, shown in zip(result.findings, shown_deductions(result)):
        cut = cut_text(result, finding, shown, t, "annex_cut", "annex_no_cut") + (
            f"，{waiver_state(finding.waiver, t)}" if finding.waiver is not None else "")
        children = []
        for item in finding.evidence:
            values = evidence_values(item, rules.get(finding.rule), result.schemas, t)
            cell = item.get("cell")  # a form's header value: its cell as Excel names it
            where = (f"{item['file']}!{cell}" if cell else f"{item['file']}:{item.get('line', '')}") + (
                f"（{item['alias']}）" if item.get("alias") else "")
            children.append(Item(text(where + (f"（{values}）" if values else ""))))
        items.append(Item(text(Code(finding.rule), f" → {finding.indicator}{bracketed(cut)}{finding.text}"), tuple(children)))
    return Items(tuple(items), ordered=True) if items else Para(text(t["none"]))
