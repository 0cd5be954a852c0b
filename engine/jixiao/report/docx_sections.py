"""The body of report.docx, section by section (report/docx.py puts them in order): 摘要,
一、项目基本情况, 二、绩效评价工作情况, 三、评价结论和绩效分析, 四、主要绩效及做法、存在的问题和建议.
The annexes are report/docx_annex.py's."""

from __future__ import annotations

import io
from collections import Counter

from docx.shared import Cm, Pt

from ..model.messages import render_param
from ..model.results import CheckResult, shown_deductions
from . import docx_annex, docx_review, docx_scores, figures
from . import docx_style as style
from . import markdown as markdown_out
from .common import (blocked_sentence, bracketed, cut_text, is_target_setting, points, provisional_note, rounding_text,
                     weight_and_score)
from .formats import Settings
from .labels import DATA_WORDS
from .prose import HISTORY_ORDER, budget_lines, execution, history_summary, leaf_texts, ordered_history, plain, sentence, targets


def _given(result: CheckResult, key: str) -> str:
    """case.yaml's `key` as text, '' when it does not give it (the prose then leaves its clause out)."""
    return str(result.case.meta.get(key) or "").strip()


def _project(result: CheckResult) -> str:
    return str(result.case.meta.get("project", result.case.case))


def _para(document, text: str, style_name: str | None = None):
    return style.paragraph(document, text, style_name)


def _conclusion_text(result: CheckResult, t: dict) -> str:
    return markdown_out.conclusion(result, t).replace("**", "").replace("\n\n", "\n")


def summary(document, result: CheckResult, t: dict) -> None:
    """摘要: the project in one sentence, the conclusion, the problems and advice in short."""
    style.paragraph(document, t["d_summary"], "Heading 1")
    style.paragraph(document, t["d_overview"], "Heading 2")
    _para(document, _profile(result, t))
    style.paragraph(document, t["d_conclusion_short"], "Heading 2")
    for line in _conclusion_text(result, t).split("\n"):
        _para(document, line)
    style.paragraph(document, t["d_findings_short"], "Heading 2")
    _para(document, markdown_out.summary_of_findings(result, t))
    key = "title" if t["lang"] == "zh" else "title_en"
    for number, family in enumerate(dict.fromkeys(f.family for f in result.findings), start=1):
        title = result.families.get(family, {}).get(key) or family
        about = "、".join(dict.fromkeys(f.indicator for f in result.findings if f.family == family))
        _para(document, f"（{number}）{title}（{about}）")


def _profile(result: CheckResult, t: dict) -> str:
    """概况's first sentence: who implements the project and who supervises it, each clause only
    when case.yaml gives it (the cover marks what is missing; the prose does not say “（未提供）”)."""
    unit, department = (_given(result, key) for key in ("unit", "department"))
    return t["d_profile"].format(project=_project(result), year=result.case.year,
                                 unit=t["d_profile_unit"].format(unit=unit) if unit else "",
                                 department=t["d_profile_department"].format(department=department) if department else "")


def project(document, result: CheckResult, t: dict) -> None:
    """一、项目基本情况: the project, its budget and its use (from the facts), its targets."""
    unit = str(result.case.meta.get("amount_unit", DATA_WORDS["amount_unit"]))
    style.paragraph(document, t["d_s1"], "Heading 1")
    style.paragraph(document, t["d_s1_1"], "Heading 2")
    style.paragraph(document, t["d_s1_1_1"], "Heading 3")
    _para(document, _profile(result, t))
    style.paragraph(document, t["d_s1_1_2"], "Heading 3")
    lines = budget_lines(result)
    if lines:
        _para(document, t["d_budget_intro"].format(unit=unit))
        rows = [[str(n), item, amount] for n, (item, amount) in enumerate(lines, start=1)]
        done = execution(result)
        if done is not None:
            rows.append(["", t["d_budget_total"], done[0]])
        style.table(document, t["d_budget_columns"], rows, widths=[1.5, 10.6, 3.5], numeric=(2,))
        if done is not None:
            _para(document, t["d_execution"].format(budget=done[0], spent=done[1], rate=done[2], unit=unit))
    elif execution(result) is not None:  # a total without its parts (a form's funds block with only 年度资金总额)
        done = execution(result)
        _para(document, t["d_execution"].format(budget=done[0], spent=done[1], rate=done[2], unit=unit))
    else:
        _para(document, t["d_budget_none"])
    style.paragraph(document, t["d_s1_2"], "Heading 2")
    goals = targets(result)
    if goals:
        _para(document, t["d_targets_intro"])
        for number, text in enumerate(goals, start=1):
            _para(document, f"{number}. {text}")
    else:
        _para(document, t["d_targets_none"])


def evaluation(document, result: CheckResult, t: dict) -> None:
    """二、绩效评价工作情况: purpose, indicator system, method, grade bands (from the scheme)."""
    scheme = result.scheme
    style.paragraph(document, t["d_s2"], "Heading 1")
    style.paragraph(document, t["d_s2_1"], "Heading 2")
    evaluator, commissioned_by = (_given(result, key) for key in ("evaluator", "commissioned_by"))
    _para(document, t["d_purpose"].format(
        project=_project(result), by=t["d_purpose_by"].format(evaluator=evaluator) if evaluator else "",
        commissioned=t["d_purpose_for"].format(commissioned_by=commissioned_by) if commissioned_by else ""))
    if is_target_setting(result):  # a 绩效目标表 is reviewed against the target-setting rules: no scoring, no grades
        _target_review_method(document, result, t)
        return
    style.paragraph(document, t["d_s2_2"], "Heading 2")
    levels = max((i.level for i in scheme.indicators.values()), default=1)
    names = "、".join(f"{r.id} {r.name}" for r in scheme.roots)
    _para(document, t["d_system"].format(scheme=scheme.name, levels=levels, roots=len(scheme.roots), names=names,
                                         leaves=len(scheme.leaves), max=points(scheme.max, t)))
    style.paragraph(document, t["d_s2_3"], "Heading 2")
    # the tables the case filled in: a sheet left with its header only is no data the team checked
    tables = "、".join(dict.fromkeys(_table_title(result, name) for name, rows in result.case.tables.items() if rows))
    _para(document, t["d_method"].format(tables=tables or t["d_method_no_tables"],
                                         rounding=rounding_text(result.scheme, t)))
    style.paragraph(document, t["d_s2_4"], "Heading 2")
    bands = []
    for i, grade in enumerate(scheme.grades):
        high = t["d_band_high"].format(high=points(scheme.grades[i - 1].min, t)) if i > 0 else ""
        bands.append(t["d_band"].format(name=grade.name, low=points(grade.min, t), high=high))
    _para(document, t["d_grades"].format(bands=t["d_band_sep"].join(bands)))


def _target_review_method(document, result: CheckResult, t: dict) -> None:
    """二(二)–(四) for a target-setting form: what was reviewed and against what; nothing scored."""
    rows = result.tables.get("form_rows", ())  # the form's indicator rows (derived from what it reads)
    style.paragraph(document, t["d_s2_2"], "Heading 2")
    _para(document, t["d_target_system"].format(scheme=result.scheme.name, rows=len(rows)))
    style.paragraph(document, t["d_s2_3"], "Heading 2")
    _para(document, t["d_target_method"])
    style.paragraph(document, t["d_s2_4"], "Heading 2")
    _para(document, t["d_target_grades"])


def _table_title(result: CheckResult, name: str) -> str:
    schema = result.schemas.get(name) if result.schemas else None
    return plain(schema.title) if schema is not None and schema.title else name


def conclusion(document, result: CheckResult, t: dict, settings: Settings) -> None:
    """三、评价结论和绩效分析: the conclusion, Table 3-1, the charts; each indicator argued."""
    style.paragraph(document, t["d_s3"], "Heading 1")
    style.paragraph(document, t["d_s3_1"], "Heading 2")
    for line in _conclusion_text(result, t).split("\n"):
        _para(document, line)
    if result.integrity:
        _para(document, t["d_integrity_pointer_plain"].format(n=len(result.integrity),
                                                              blocks=blocked_sentence(result, result.integrity, t)))
    target = is_target_setting(result)  # a 绩效目标表: no score table and no charts, its targets instead
    if not target:
        _para(document, t["d_table_caption"].format(project=_project(result)), "Caption")
        docx_scores.score_table(document, result, t)
        charts(document, result, t, settings)
    reviewed = docx_review.review(document, result, t)  # a form's: （二）自评表复核意见
    style.paragraph(document, t["d_s3_2_after_review" if reviewed else "d_s3_2"], "Heading 2")
    texts = {leaf.id: leaf for leaf in leaf_texts(result, t)}
    rows = {r.id: r for r in result.scores.rows}
    for number, root in enumerate(result.scheme.roots, start=1):
        row = rows[root.id]
        style.paragraph(document, f"{number}. {root.name}" + ("" if target else f"（{t['d_weight']} {points(row.weight, t)}，"
                                  f"{t['d_score']} {points(row.score, t)}）"), "Heading 3")
        for index, leaf in enumerate(_leaves_under(result, root.id), start=1):
            text = texts[leaf]
            paragraph = document.add_paragraph()
            shown = weight_and_score(result.scores.get(text.id), t, "d_weight", "d_score")
            head = paragraph.add_run(f"（{index}）{text.id} {text.name}{bracketed(shown)}")
            head.font.bold = True
            paragraph.add_run(text.text)


def _leaves_under(result: CheckResult, root: str) -> list[str]:
    parents = {i.id: i.parent for i in result.scheme.indicators.values()}

    def root_of(ident):
        while parents.get(ident) is not None:
            ident = parents[ident]
        return ident

    return [leaf.id for leaf in result.scheme.leaves if root_of(leaf.id) == root]


def charts(document, result: CheckResult, t: dict, settings: Settings) -> None:
    """The charts as PNG images, each with its caption; without a CJK font, a note instead."""
    images = figures.images(result, t, settings)
    if images is None:
        _para(document, t["d_chart_missing"])
        return
    for number, chart in enumerate(images, start=1):
        picture = document.add_paragraph()
        picture.alignment = 1  # centred
        picture.paragraph_format.first_line_indent = Pt(0)
        picture.paragraph_format.line_spacing = None
        picture.add_run().add_picture(io.BytesIO(chart.png), width=Cm(14))
        _para(document, t["d_figure"].format(n=number, title=chart.title), "Caption")
    note = figures.years_note(settings, t)  # a provisional year's total is not drawn as a score
    if note:
        _para(document, note)


def problems_and_advice(document, result: CheckResult, t: dict) -> None:
    """四: what went well (the leaves at full marks), the problems by family, last year's
    findings, and the recommendations with the indicators they answer."""
    style.paragraph(document, t["d_s4"], "Heading 1")
    style.paragraph(document, t["d_s4_1"], "Heading 2")
    good = [(root, [leaf for leaf in _leaves_under(result, root.id) if _full(result, leaf)])
            for root in result.scheme.roots]
    if is_target_setting(result):  # reviewed, not scored: no leaf has marks to lose or keep
        _para(document, t["d_good_unscored"])
    elif any(leaves for _, leaves in good):
        _para(document, t["d_good_intro"])
        names = {i.id: i.name for i in result.scheme.indicators.values()}
        for root, leaves in good:
            if leaves:
                _para(document, t["d_good_part"].format(name=root.name,
                                                        leaves="、".join(f"{i} {names[i]}" for i in leaves)))
    else:
        _para(document, t["d_good_none"])
    style.paragraph(document, t["d_s4_2"], "Heading 2")
    problems(document, result, t)
    style.paragraph(document, t["d_s4_3"], "Heading 2")
    grouped: dict[str, list] = {}
    for finding in result.findings:
        grouped.setdefault(finding.recommendation, []).append(finding)
    if not grouped:
        _para(document, t["none"])
    for number, (text, findings) in enumerate(grouped.items(), start=1):
        about = "、".join(dict.fromkeys(f.indicator for f in findings))
        _para(document, f"{number}. {text}{t['d_rec_for'].format(about=about)}")


def _full(result: CheckResult, leaf: str) -> bool:
    row = result.scores.get(leaf)  # a leaf of weight 0 (a form's review) has no marks to be full
    return bool(row.weight) and row.score is not None and row.score == row.weight and row.assessed


def problems(document, result: CheckResult, t: dict) -> None:
    if not result.findings:
        _para(document, t["no_problems"])
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    rules = {r.id: r for r in result.rules}
    key = "title" if t["lang"] == "zh" else "title_en"
    for number, family in enumerate(dict.fromkeys(f.family for f in result.findings), start=1):
        title = result.families.get(family, {}).get(key) or family
        style.paragraph(document, f"{number}. {title}", "Heading 3")
        chosen = ((f, s) for f, s in zip(result.findings, shown_deductions(result)) if f.family == family)
        for index, (finding, shown) in enumerate(chosen, start=1):
            cut = cut_text(result, finding, shown, t)
            paragraph = document.add_paragraph()
            paragraph.add_run(f"（{index}）{finding.indicator} {names[finding.indicator]}{bracketed(cut)}：").font.bold = True
            paragraph.add_run(sentence(finding.text, t))  # its basis: annex 1
    if result.previous_year is not None:
        style.paragraph(document, t["rectification"].format(before=result.previous_year, now=result.case.year), "Heading 3")
        if result.previous_note:
            _para(document, t["previous_unused"].format(year=result.previous_year, why=render_param(result.previous_note, t["lang"])))
        # a row per status, in the order of the summary: last year's problems each by its
        # indicator and rule title (the texts are in the section above); this year's that
        # cannot be compared by their indicators alone
        by_status: dict[str, list] = {}
        for item in sorted(ordered_history(result), key=lambda h: HISTORY_ORDER.index(h.status)):  # stable: by code within
            by_status.setdefault(item.status, []).append(item)
        rows = []
        for status, items in by_status.items():
            if status in BY_TITLE:
                listed = "\n".join(f"{h.indicator} {names.get(h.indicator, '')}："
                                   f"{_rule_title(rules.get(h.rule), t) or plain(h.last_year or h.this_year)}"
                                   for h in items)
            else:  # an indicator with several such problems: how many
                counts = Counter(h.indicator for h in items)
                listed = "、".join(ident if n == 1 else t["d_times"].format(indicator=ident, n=n)
                                  for ident, n in counts.items())
            rows.append([t["statuses"][status], str(len(items)), listed])
        style.table(document, [t["status"], t["d_count"], t["finding_before"]], rows, widths=[3.4, 1.4, 10.8],
                    numeric=(1,))
        _para(document, history_summary(result, t))
    note = provisional_note(result, t)
    if note:
        _para(document, note + t["full_stop"])


BY_TITLE = ("rectified", "repeated", "unassessed_now")  # last year's problems: listed one by one


def _rule_title(rule, t: dict) -> str:
    if rule is None:
        return ""
    return rule.title if t["lang"] == "zh" or not rule.title_en else rule.title_en


def annexes(document, result: CheckResult, t: dict) -> None:
    docx_annex.annexes(document, result, t)
