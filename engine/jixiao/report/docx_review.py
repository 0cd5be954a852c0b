"""The review sheet of a self-evaluation form (复核意见) in report.docx: after Table 3-1, as
（二）自评表复核意见 — the form's own score beside the recomputed one for every row, with the
gap, the totals and grades (Table 3-2); then the form-review findings, each with what to correct.
The same rows as report.md / .html / .xlsx (report/review.py); other cases have none."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ..model.results import CheckResult
from . import docx_style as style
from .common import points, total_cell
from .prose import sentence
from .review import (form_totals, grade_text, is_form, is_target_setting, recomputed_text, review_findings, review_rows,
                     self_reported_grade, signed, target_rows, target_weights, where)

WIDTHS = [1.4, 5.6, 1.4, 1.8, 3.8, 1.6]  # cm: code, indicator, 分值, 自评得分, 复算得分, 差额 (15.6 in all)
TARGET_WIDTHS = [1.4, 7.4, 1.8, 5.0]  # cm: code, indicator, 分值, 指标值 (15.6 in all)


def review(document, result: CheckResult, t: dict) -> bool:
    """Add the review sheet of a form's case; returns whether there was one (no form: nothing added)."""
    if not is_form(result):
        return False
    target = is_target_setting(result)  # a 绩效目标表: its targets and weights, nothing scored
    style.paragraph(document, t["d_s3_target"] if target else t["d_s3_review"], "Heading 2")
    style.paragraph(document, t["target_intro"] if target else t["review_intro"])
    style.paragraph(document, (t["d_target_caption"] if target else t["d_review_caption"]).format(
        project=result.case.meta.get("project", result.case.case)), "Caption")
    if target:
        target_table(document, result, t)
    else:
        table(document, result, t)
    style.paragraph(document, t["target_findings"] if target else t["review_findings"], "Heading 3")
    found = review_findings(result)
    if not found:
        style.paragraph(document, t["review_none"])
    for number, finding in enumerate(found, start=1):
        paragraph = style.paragraph(document, f"（{number}）{sentence(finding.text, t)}")
        if finding.recommendation:
            paragraph.add_run(t["review_correct"]).font.bold = True
            paragraph.add_run(finding.recommendation)
        paragraph.add_run(where(finding, t))
    return True


def target_table(document, result: CheckResult, t: dict):
    """Table 3-2 of a target-setting form: a row per row of the form (weight, target), then the weights in all, in bold."""
    rows = [[code, name, "" if weight is None else points(weight, t), target]
            for code, name, weight, target in target_rows(result)]
    rows.append([t["target_total"], "", points(target_weights(result), t), ""])
    grid = style.table(document, t["target_columns"], rows, widths=TARGET_WIDTHS, numeric=(2,))
    for cell in grid.rows[-1].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.bold = True
    return grid


def table(document, result: CheckResult, t: dict):
    """Table 3-2: a row per row of the form, then 合计 and 等级 in bold; numbers right-aligned."""
    def number(value) -> str:
        return "" if value is None else points(value, t)

    rows = [[r.code, r.name, number(r.weight), number(r.self_reported), recomputed_text(r, t), signed(r.gap, t)]
            for r in review_rows(result)]
    reported, _, gap = form_totals(result)
    rows.append([t["total"], "", points(result.scheme.max, t), number(reported), total_cell(result, t), signed(gap, t)])
    rows.append([t["grade"], "", "", self_reported_grade(result, t) or "", grade_text(result, t), ""])
    grid = style.table(document, t["review_columns"], rows, widths=WIDTHS, numeric=(2, 3, 4, 5))
    for row in grid.rows[-2:]:
        label = row.cells[0].merge(row.cells[1])  # 合计 / 等级 across the code and indicator columns
        for extra in label.paragraphs[1:]:  # the merged-in cell's empty paragraph
            extra._p.getparent().remove(extra._p)
        label.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.bold = True
    return grid
