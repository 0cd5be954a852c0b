"""One summary row per case of a portfolio, as data: what portfolio.csv, .html and .xlsx show
and the overview groups. Values keep their types (a total is a Decimal, a count an int); the
renderers (jixiao.report.portfolio_pages) decide how each is written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..load.rulebook import RuleBook
from ..load.form_folder import WORKBOOK, unit_case
from ..load.years import declared_fields
from ..model.results import CheckResult
from ..report.review import REVIEW_FAMILY, form_totals, is_form, is_target_setting


def summary_row(folder, result: CheckResult, rulebook: RuleBook) -> dict:
    """The row of a checked case: total (Decimal) and what it is out of (`out_of`: the scheme's
    maximum, a form's weights' sum), grade, provisional, and counts of findings
    (per rule family too), indicators not assessed and integrity notes; for a self-evaluation
    form, its own total (self_reported), the recomputed one when final, and the gap between them
    (self-reported − recomputed, points), None otherwise, and its findings per kind (`kind:<rule>`,
    a count for every review rule, rules/form-review/). A target-setting form (绩效目标表, scheme
    target-setting) has no total (None), no grade ('') and none of the three."""
    reported, recomputed, gap = form_totals(result)
    # the form's own total and the gap at the scheme's precision, as the recomputed one (95.50 beside
    # 95.50, not 95.5): padded only, never rounded (a total written finer keeps its decimals)
    unit = Decimal(1).scaleb(-result.scheme.precision)
    reported, gap = (v.quantize(unit) if v is not None and v.as_tuple().exponent >= -result.scheme.precision else v
                     for v in (reported, gap))
    families = {name: 0 for name in rulebook.families}
    for finding in result.findings:
        families[finding.family] += 1
    kinds = {}
    if is_form(result):
        kinds = {f"kind:{rule}": 0 for rule in review_rules(rulebook)}
        for finding in result.findings:
            if finding.family == REVIEW_FAMILY:
                kinds[f"kind:{finding.rule}"] += 1
    scored = not is_target_setting(result)  # a 绩效目标表 is reviewed (scheme target-setting): no total, no grade
    return {"folder": str(folder), "case": result.case.case, "year": result.case.year, "scheme": result.scheme.id,
            "total": result.scores.total if scored else None, "out_of": result.scheme.max,
            "grade": result.scores.grade if scored else "",
            "precision": result.scheme.precision,  # how its scores are shown (not a column of the case table)
            "provisional": result.scores.provisional,
            "self_reported": reported, "recomputed": recomputed, "gap": gap, "findings": len(result.findings),
            "cannot_assess": len(result.scores.unassessed), "integrity": len(result.integrity),
            **{f"family:{name}": count for name, count in families.items()}, **kinds, "error": ""}


def review_rules(rulebook: RuleBook) -> list[str]:
    """The review rules of self-evaluation forms (each a kind of slip), by id."""
    return sorted(rule.id for rule in rulebook.rules if rule.family == REVIEW_FAMILY)


def column_titles(rulebook: RuleBook) -> dict[str, tuple[str, str]]:
    """The titles of the case table's family:<family> and kind:<rule> columns, (Chinese, English):
    each family's (rules/families.yaml), each review rule's (its title, title_en)."""
    titles = {f"family:{name}": (family.get("title") or name, family.get("title_en") or family.get("title") or name)
              for name, family in rulebook.families.items()}
    by_id = {rule.id: rule for rule in rulebook.rules if rule.family == REVIEW_FAMILY}
    titles.update({f"kind:{rule}": (by_id[rule].title, by_id[rule].title_en or by_id[rule].title)
                   for rule in review_rules(rulebook)})
    return titles


def error_row(folder, error: str, **extra) -> dict:
    """The row of a folder that could not be checked (or was refused unread): it and why."""
    return {"folder": str(folder), "error": error, **extra}


def case_error_row(folder, error: str, **extra) -> dict:
    """The row of a case that could not be checked: its folder, why, and the case and year its
    case.yaml declares, when they can be read."""
    folder = Path(folder)
    if folder.suffix.lower() == WORKBOOK:  # one form of a folder of several: its own case
        fields = declared_fields(folder.parent)
        if "case" in fields:
            fields["case"] = unit_case(fields["case"], folder)
        return {**fields, **error_row(folder, error, **extra)}
    return {**declared_fields(folder), **error_row(folder, error, **extra)}
