"""What to provide or correct for a self-evaluation form's row that cannot be scored, in the
user's words: the workbook, sheet and cell (form.xlsx[自评表]!F13), the column by its Chinese
title (实际完成值), what it holds and what it should, in the labels' language — where a method's
own `request:` (written for any case) names fact tables and their codes (targets, outcomes,
at_least)."""

from __future__ import annotations

from ..check.form_facts import parsed
from ..lang.targets import NO_UNIT, RATIO
from ..model.messages import Message
from ..model.vocabulary import FORM_ACTUAL_TITLE as ACTUAL_TITLE
from ..model.vocabulary import FORM_DATE_EXAMPLE as DATE_EXAMPLE
from ..model.vocabulary import FORM_TARGET_TITLE as TARGET_TITLE


def form_request(result, rule, lang: str) -> str | None:
    """The request for `rule`'s leaf when it is a row of the case's form that cannot be scored
    (its actual value blank or unreadable, or its target qualitative); None otherwise (the rule's
    own request applies). `lang`: "zh" or "en"."""
    # a form's case (report.common.is_form, which imports this module) and a method bound to a row
    if result.scheme.form is None or not result.case.tables.get("form_header") or rule.method is None:
        return None
    row = _row(result, rule.indicator)
    if row is None:
        return None
    v = row.values
    target, actual = parsed(row)
    name = v.get("level3") or v.get("level2") or v["code"]
    if not target.measurable:
        if target.kind != "qualitative":
            return None
        where = _where(row, "target_cell", lang)
        return Message("form_request.qualitative", {"where": where, "column": TARGET_TITLE, "name": name,
                                                     "code": v["code"], "target": target.text}).render(lang)
    if actual.kind == target.kind and actual.unit == target.unit and actual.value is not None:
        return None  # readable and comparable: the method's request (if any) is not about this cell
    unit = (Message("form_request.as_date", {"example": DATE_EXAMPLE}) if target.kind == "date" else
            Message("form_request.in_unit", {"unit": "%" if target.unit == RATIO else target.unit})
            if target.unit and target.unit != NO_UNIT else "")
    params = {"where": _where(row, "actual_cell", lang), "column": ACTUAL_TITLE, "name": name, "code": v["code"], "target": target.text,
              "unit": unit}
    if actual.kind == "blank":
        return Message("form_request.actual_blank", params).render(lang)
    if actual.kind == "quantitative" and target.kind == "quantitative":
        why = Message("form_request.why_unit", {"found": actual.unit or NO_UNIT, "unit": target.unit})
    elif target.kind == "date":
        why = Message("form_request.why_kind")
    else:
        why = Message("form_request.why_text")
    return Message("form_request.actual_unreadable", {**params, "actual": actual.text, "why": why}).render(lang)


def _row(result, code: str):
    form = result.case.tables["form_header"][0].values["form"]
    return next((f for f in result.case.tables.get("form_indicators", [])
                 if f.values["form"] == form and f.values.get("code") == code), None)


def _where(row, cell: str, lang: str) -> str:
    """The cell (form.xlsx[自评表]!F13) when the reader noted it, else the file and row."""
    if row.values.get(cell):
        return f"{row.file}!{row.values[cell]}"
    return Message("form_request.place_row", {"file": row.file, "line": row.line}).render(lang)
