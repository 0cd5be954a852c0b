"""The machine-readable result: exactly the keys case, year, scheme, total, provisional, grade,
indicators and findings (see README)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from ..model.results import CheckResult
from .common import gap_text, note_text
from .formats import Settings
from .labels import FIXED, ZH, get


def _number(value: Decimal | None, places: str = "0.01") -> float | None:
    return None if value is None else float(value.quantize(Decimal(places), ROUND_HALF_UP))


def to_dict(result: CheckResult, t: dict = ZH) -> dict:
    """The result as plain JSON data; its texts (integrity advice, what cannot be assessed) in the
    labels' language `t`."""
    statuses = {h.fingerprint: h.status for h in result.history}
    rules = {r.id: r for r in result.rules}
    return {
        "case": result.case.case,
        "year": result.case.year,
        "scheme": result.scheme.id,
        "total": _number(result.scores.total),
        "provisional": result.scores.provisional,  # some indicator could not be assessed: total and grade wait
        "grade": result.scores.grade,
        "indicators": [
            {"id": row.id, "name": row.name, "weight": _number(row.weight), "score": _number(row.score),
             "parent": row.parent, "assessed": row.assessed}
            for row in result.scores.rows
        ],
        # Integrity notes on the facts come first; they deduct nothing. Implausible facts
        # (kind "implausible") leave the indicators that read them unassessed.
        "findings": [*(_integrity(note, t) for note in result.integrity),
                     *(_cannot_assess(rule, result, t) for rule in result.cannot_assess),
                     *(_gap(gap, t) for gap in result.rule_gaps), *(
            {"rule": f.rule, "indicator": f.indicator,
             # Exact deductions feed the scores; shown here to 4 decimals.
             "deduction": _number(f.deduction, "0.0001"), "text": f.text,
             "recommendation": f.recommendation, "source": f.source,
             "evidence": [_evidence(item) for item in f.evidence],
             "kind": "deduction", "fingerprint": f.fingerprint, # no last year to compare with: not "new", not compared
             "status": statuses.get(f.fingerprint, "not_compared"), **_applied(rules.get(f.rule))}
            for f in result.findings),
            *(_rectified(item) for item in result.history if item.status == "rectified")],
    }


def _applied(rule) -> dict:
    """For a rule a leaf applies with arguments (rule ID@LEAF): the method and its arguments."""
    if rule is None or rule.method is None:
        return {}
    return {"method": rule.method, "arguments": {k: float(v) if isinstance(v, Decimal) else v for k, v in rule.arguments}}


def _evidence(item) -> dict:
    """A finding's piece of evidence (read-only mappings in the result) as plain JSON data."""
    return {key: dict(value) if key == "values" else value for key, value in item.items()}


def _integrity(note, t: dict) -> dict:
    schema_file = f"rules/tables/{note.table}.yaml"
    return {"rule": f"integrity:{note.check}", "indicator": None,
            "deduction": None if note.implausible else 0.0, "text": note.message,
            "recommendation": t["implausible_advice"] if note.implausible else t["integrity_advice"],
            "source": FIXED["integrity_source"].format(file=schema_file), "evidence": note.evidence(),
            "kind": "implausible" if note.implausible else "integrity"}


def _cannot_assess(rule, result: CheckResult, t: dict) -> dict:
    notes = result.implausible.get(rule.id)
    if notes:
        text = t["notes_sep"].join(note_text(n, t) for n in notes)
        return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
                "text": t["cannot_assess_implausible"].format(notes=text), "recommendation": t["correct"].format(notes=text),
                "source": rule.citation, "evidence": [e for n in notes for e in n.evidence()], "kind": "cannot_assess",
                **_applied(rule)}
    return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
            "text": t["cannot_assess_missing"].format(request=rule.request),
            "recommendation": t["provide"].format(request=rule.request),
            "source": rule.citation, "evidence": [], "kind": "cannot_assess", **_applied(rule)}


def _rectified(item) -> dict:
    return {"rule": item.rule, "indicator": item.indicator, "deduction": 0.0, "text": item.last_year,
            "recommendation": "", "source": "", "evidence": [], "kind": "rectified", "fingerprint": item.fingerprint,
            "status": "rectified"}


def _gap(gap, t: dict) -> dict:
    """A gap in the rule set: for the rule author, not evidence to request."""
    return {"rule": None, "indicator": gap.leaf, "deduction": None, "text": t["gap_finding"].format(gap=gap_text(gap, t)),
            "recommendation": t["gap_advice"], "source": gap.scheme_file, "evidence": [], "kind": "rule_gap"}


def render(result: CheckResult, settings: Settings) -> str:
    return json.dumps(to_dict(result, get(settings.lang)), ensure_ascii=False, indent=2) + "\n"


def render_many(results: list[CheckResult], settings: Settings) -> str:
    """Several cases at once: one JSON array of their results."""
    t = get(settings.lang)
    return json.dumps([to_dict(result, t) for result in results], ensure_ascii=False, indent=2) + "\n"
