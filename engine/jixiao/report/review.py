"""The review sheet of a self-evaluation form (复核意见): each row of the form with the score the
form gives itself beside the score recomputed from its targets, actuals and weights, and the gap;
then the findings of the form-review rules with what to correct. Only for a form's case (one whose
scheme is built from the form, jixiao.check.forms); the report, report.html and report.xlsx show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..check.form_facts import EXECUTION
from ..check.forms import UNWEIGHTED
from ..model.results import CheckResult
from .blocks import Heading, Item, Items, Para, Strong, Table, markdown_lines, text
from .common import is_form, is_target_setting, places, points, total_cell

REVIEW_FAMILY = "form-review"


@dataclass(frozen=True)
class ReviewRow:
    """A row of the form: its code (A for the funds block), name, 分值 (None where the form gives
    none), the form's own 得分 and the recomputed score (None where there is none: a row the form
    leaves unweighted, or one that cannot be assessed)."""
    code: str
    name: str
    weight: Decimal | None
    self_reported: Decimal | None
    recomputed: Decimal | None
    not_applicable: bool = False  # dropped as 不适用 (a “/” target given points): no recomputed score, and no gap

    @property
    def gap(self) -> Decimal | None:
        """Self-reported less recomputed, in points (positive: the form claims more); None unless both exist."""
        if self.self_reported is None or self.recomputed is None:
            return None
        return self.self_reported - self.recomputed


def form_totals(result: CheckResult) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(self-reported total, recomputed total, gap = self-reported − recomputed), in points; all
    None when the case is no form, and the gap None when either total is missing (no printed 总分,
    or a provisional recomputed total)."""
    if not is_form(result) or is_target_setting(result):  # a 绩效目标表 is not scored: no totals
        return None, None, None
    reported = result.case.tables["form_header"][0].values.get("total_score")
    recomputed = None if result.scores.provisional else result.scores.total
    gap = reported - recomputed if reported is not None and recomputed is not None else None
    return reported, recomputed, gap


def review_rows(result: CheckResult) -> list[ReviewRow]:
    """The funds block's row (when the form scores it), then every indicator row in the form's order."""
    scored = {row.id: row for row in result.scores.rows if row.is_leaf}
    form = result.case.tables["form_header"][0].values["form"]
    rows = []
    total = next((r.values for r in result.case.tables.get("form_funds", [])
                  if r.values["form"] == form and r.values["row_kind"] == "total"), None)
    if EXECUTION in scored:
        rows.append(ReviewRow(EXECUTION, scored[EXECUTION].name, scored[EXECUTION].weight,
                              total.get("score") if total is not None else None, scored[EXECUTION].score))
    for fact in result.case.tables.get("form_indicators", []):
        v = fact.values
        if v["form"] != form:
            continue
        leaf = scored.get(v["code"])
        rows.append(ReviewRow(v["code"], v.get("level3") or v.get("level2") or v["code"], v.get("points"),
                              v.get("score"), leaf.score if leaf is not None else None,
                              leaf is not None and leaf.not_applicable is not None))
    return rows


def self_reported_scores(result: CheckResult) -> dict[str, Decimal]:
    """The form's own 得分 by indicator of the score table: each scored row's (A: the funds
    block's); X (rows scored without a 分值) the sum of those rows' scores; a first-level
    indicator the sum of its rows' when every one of them gives a score. {} for no form."""
    if not is_form(result):
        return {}
    found = {row.code: row.self_reported for row in review_rows(result) if row.self_reported is not None}
    ids = {row.id for row in result.scores.rows}
    reported = {code: value for code, value in found.items() if code in ids}
    form = result.case.tables["form_header"][0].values["form"]
    loose = [f.values["score"] for f in result.case.tables.get("form_indicators", [])
             if f.values["form"] == form and "score" in f.values and "points" not in f.values]
    if UNWEIGHTED in ids and loose:
        reported[UNWEIGHTED] = sum(loose, Decimal(0))
    for row in result.scores.rows:
        children = [r.id for r in result.scores.rows if r.parent == row.id]
        if children and all(c in reported for c in children):
            reported[row.id] = sum((reported[c] for c in children), Decimal(0))
    return reported


def row_gap(result: CheckResult, row, reported: Decimal | None) -> Decimal | None:
    """Self-reported less recomputed for a row of the score table (an IndicatorScore), in points;
    None unless both exist and nothing under the row is left unassessed (never a gap against a
    partial score)."""
    if reported is None or row.score is None or result.scores.unassessed_weight(row.id):
        return None
    return reported - row.score


def self_reported_grade(result: CheckResult, t: dict) -> str | None:
    """The grade of the form's own total by the scheme's bands (jixiao.check.forms), with the
    grade the form prints when that differs; None when the form prints no total."""
    reference = result.case.meta.get("expert_score")
    if not isinstance(reference, dict) or not reference.get("self_reported"):
        return None
    grade = reference.get("grade") or ""
    return grade + (t["printed_grade"].format(grade=reference["printed_grade"]) if reference.get("printed_grade") else "")


def grade_text(result: CheckResult, t: dict) -> str:
    """The recomputed grade, marked 暂定 while the total is provisional."""
    return result.scores.grade + (t["provisional"] if result.scores.provisional else "")


def recomputed_text(row: ReviewRow, t: dict) -> str:
    """A review row's recomputed score as printed: the points; 无法评价 for a weighted row that
    could not be assessed; 不适用 for one dropped as not applicable; blank for a row the form does
    not weight (not scored)."""
    if row.recomputed is not None:
        return points(row.recomputed, t)
    if row.not_applicable:
        return t["not_applicable"]
    return t["cannot_assess"] if row.weight is not None else ""


def signed(value: Decimal | None, t: dict) -> str:
    """A gap as printed: +3, −0.2, 0; blank when there is none."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + points(value, t)


def where(finding, t: dict) -> str:
    """Where on the form a review finding stands, as the reader looks it up: “（位置：form.xlsx[自评表]
    第 13 行）”; '' when its evidence names no row."""
    found = places(finding.evidence, t)
    return t["review_where"].format(where=found) if found else ""


def review_section(result: CheckResult, t: dict) -> list[str]:
    """The Markdown of the review sheet (a section of the report), or nothing for a case that is no form."""
    return markdown_lines(review_blocks(result, t))


def target_rows(result: CheckResult) -> list[tuple[str, str, Decimal | None, str]]:
    """A target-setting form's rows: (code, name, 分值 or None, 指标值 as written), in the form's order."""
    form = result.case.tables["form_header"][0].values["form"]
    return [(v["code"], v.get("level3") or v.get("level2") or v["code"], v.get("points"), str(v.get("target") or ""))
            for v in (f.values for f in result.case.tables.get("form_indicators", [])) if v["form"] == form]


def target_weights(result: CheckResult) -> Decimal:
    """The weights a target-setting form gives its rows, in all (points)."""
    return sum((w for _, _, w, _ in target_rows(result) if w is not None), Decimal(0))


def review_findings(result: CheckResult) -> list:
    """The findings of the form rules (rules/form-review/), in order."""
    return [f for f in result.findings if f.family == REVIEW_FAMILY]


def target_blocks(result: CheckResult, t: dict) -> list:
    """A target-setting form's review sheet (绩效目标表审核意见): each row's target and weight, the
    weights in all, then the findings with what to correct; no score, total or grade."""
    rows = [tuple(text(c) for c in (code, name, "" if weight is None else points(weight, t), target))
            for code, name, weight, target in target_rows(result)]
    rows.append(tuple(text(Strong(c)) if c else () for c in (t["target_total"], "", points(target_weights(result), t), "")))
    out = [Heading(2, text(t["target_review"])), Para(text(t["target_intro"])),
           Table(tuple(text(c) for c in t["target_columns"]), ("l", "l", "r", "l"), tuple(rows)),
           Heading(3, text(t["target_findings"]))]
    return [*out, *_finding_items(result, t)]


def _finding_items(result: CheckResult, t: dict) -> list:
    found = review_findings(result)
    if not found:
        return [Para(text(t["review_none"]))]
    items = tuple(Item(text(finding.text + (f" {t['review_correct']}{finding.recommendation}"
                                            if finding.recommendation else "") + where(finding, t)))
                  for finding in found)
    return [Items(items, ordered=True)]


def review_blocks(result: CheckResult, t: dict) -> list:
    """The review sheet as blocks of the report (report/blocks.py), or none for a case that is no form."""
    if not is_form(result):
        return []
    if is_target_setting(result):
        return target_blocks(result, t)
    reported, _, gap = form_totals(result)
    rows = []
    for row in review_rows(result):
        rows.append(tuple(text(c) for c in [row.code, row.name,
                                            "" if row.weight is None else points(row.weight, t),
                                            "" if row.self_reported is None else points(row.self_reported, t),
                                            recomputed_text(row, t),
                                            signed(row.gap, t)]))
    total = total_cell(result, t)
    cells = [t["total"], "", points(result.scheme.max, t), "" if reported is None else points(reported, t), total,
             signed(gap, t)]
    rows.append(tuple(text(Strong(c)) if c else () for c in cells))
    grades = [t["grade"], "", "", self_reported_grade(result, t) or "", grade_text(result, t), ""]
    rows.append(tuple(text(Strong(c)) if c else () for c in grades))
    out = [Heading(2, text(t["review"])), Para(text(t["review_intro"])),
           Table(tuple(text(c) for c in t["review_columns"]), ("l", "l", "r", "r", "r", "r"), tuple(rows)),
           Heading(3, text(t["review_findings"]))]
    return [*out, *_finding_items(result, t)]
