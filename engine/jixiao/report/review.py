"""The review sheet of a self-evaluation form (复核意见): each row of the form with the score the
form gives itself beside the score recomputed from its targets, actuals and weights, and the gap;
then the findings of the form-review rules with what to correct. Only for a form's case (one whose
scheme is built from the form, jixiao.check.forms); the report, report.html and report.xlsx show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..check.form_facts import EXECUTION
from ..model.results import CheckResult
from .blocks import Heading, Item, Items, Para, Strong, Table, markdown_lines, text
from .common import points

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

    @property
    def gap(self) -> Decimal | None:
        """Self-reported less recomputed, in points (positive: the form claims more); None unless both exist."""
        if self.self_reported is None or self.recomputed is None:
            return None
        return self.self_reported - self.recomputed


def is_form(result: CheckResult) -> bool:
    """Whether the case is a self-evaluation form scored by its own scheme."""
    return result.scheme.form is not None and bool(result.case.tables.get("form_header"))


def form_totals(result: CheckResult) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(self-reported total, recomputed total, gap = self-reported − recomputed), in points; all
    None when the case is no form, and the gap None when either total is missing (no printed 总分,
    or a provisional recomputed total)."""
    if not is_form(result):
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
                              v.get("score"), leaf.score if leaf is not None else None))
    return rows


def signed(value: Decimal | None, t: dict) -> str:
    """A gap as printed: +3, −0.2, 0; blank when there is none."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + points(value, t)


def review_section(result: CheckResult, t: dict) -> list[str]:
    """The Markdown of the review sheet (a section of the report), or nothing for a case that is no form."""
    return markdown_lines(review_blocks(result, t))


def review_blocks(result: CheckResult, t: dict) -> list:
    """The review sheet as blocks of the report (report/blocks.py), or none for a case that is no form."""
    if not is_form(result):
        return []
    reported, _, gap = form_totals(result)
    rows = []
    for row in review_rows(result):
        rows.append(tuple(text(c) for c in [row.code, row.name,
                                            "" if row.weight is None else points(row.weight, t),
                                            "" if row.self_reported is None else points(row.self_reported, t),
                                            "" if row.recomputed is None else points(row.recomputed, t),
                                            signed(row.gap, t)]))
    total = points(result.scores.total, t) + (t["provisional"] if result.scores.provisional else "")
    cells = [t["total"], "", "", "" if reported is None else points(reported, t), total, signed(gap, t)]
    rows.append(tuple(text(Strong(c)) if c else () for c in cells))
    out = [Heading(2, text(t["review"])), Para(text(t["review_intro"])),
           Table(tuple(text(c) for c in t["review_columns"]), ("l", "l", "r", "r", "r", "r"), tuple(rows)),
           Heading(3, text(t["review_findings"]))]
    found = [f for f in result.findings if f.family == REVIEW_FAMILY]
    if not found:
        return [*out, Para(text(t["review_none"]))]
    items = tuple(Item(text(finding.text + (f" {t['review_correct']}{finding.recommendation}"
                                            if finding.recommendation else ""))) for finding in found)
    return [*out, Items(items, ordered=True)]
