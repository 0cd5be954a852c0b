"""The machine-readable result: exactly the keys case, year, scheme, total, provisional, grade,
indicators and findings (see README)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from ..model.results import CheckResult
from .common import GAP_ADVICE, gap_text, note_text


def _number(value: Decimal | None, places: str = "0.01") -> float | None:
    return None if value is None else float(value.quantize(Decimal(places), ROUND_HALF_UP))


def to_dict(result: CheckResult) -> dict:
    """The result as JSON data. Keys that only the evaluation team's judgement brings appear only
    with it: `raw_total`, `not_applicable` (the method) and `applicable_weight` when some
    indicator does not apply; on an indicator `not_applicable` (why), `computed` and `adjustment`,
    `normalised` and `effective_weight`; `waivers`, and on a waived finding `waiver`."""
    statuses = {h.fingerprint: h.status for h in result.history}
    data = {
        "case": result.case.case,
        "year": result.case.year,
        "scheme": result.scheme.id,
        "total": _number(result.scores.total),
        "provisional": result.scores.provisional,  # some indicator could not be assessed: total and grade wait
        "grade": result.scores.grade,
        "indicators": [_indicator(row) for row in result.scores.rows],
        # Integrity notes on the facts come first; they deduct nothing. Implausible facts
        # (kind "implausible") leave the indicators that read them unassessed.
        "findings": [*(_integrity(note, result) for note in result.integrity),
                     *(_cannot_assess(rule, result) for rule in result.cannot_assess),
                     *(_gap(gap) for gap in result.rule_gaps), *(
            {"rule": f.rule, "indicator": f.indicator,
             # Exact deductions feed the scores; shown here to 4 decimals.
             "deduction": _number(f.deduction, "0.0001"), "text": f.text,
             "recommendation": f.recommendation, "source": f.source,
             "evidence": [_evidence(item) for item in f.evidence],
             "kind": "deduction" if f.waiver is None else "waived", "fingerprint": f.fingerprint,
             "status": statuses.get(f.fingerprint, "not_compared"),  # no last year to compare with: not compared
             **({"waiver": _waiver(f.waiver)} if f.waiver is not None else {})}
            for f in result.findings),
            *(_rectified(item) for item in result.history if item.status == "rectified")],
    }
    scores = result.scores
    if scores.normalisation:
        data.update(raw_total=_number(scores.raw_total), not_applicable=scores.normalisation,
                    applicable_weight=_number(scores.applicable_weight))
    if result.waivers:
        data["waivers"] = [_waiver(w) for w in result.waivers]
    return data


def _indicator(row) -> dict:
    item = {"id": row.id, "name": row.name, "weight": _number(row.weight), "score": _number(row.score),
            "parent": row.parent, "assessed": row.assessed}
    if row.not_applicable is not None:
        item["not_applicable"] = row.not_applicable
    if row.adjustment is not None:
        adjustment = row.adjustment
        item["computed"] = _number(row.computed)
        item["adjustment"] = {"score": _number(adjustment.score), "delta": _number(adjustment.delta),
                              "reason": adjustment.reason, "by": adjustment.by, "date": adjustment.date,
                              "evidence": dict(adjustment.where)}
    if row.normalised is not None or row.effective_weight is not None:
        item.update(normalised=_number(row.normalised), effective_weight=_number(row.effective_weight))
    return item


def _waiver(waiver) -> dict:
    return {"rule": waiver.rule, "reason": waiver.reason, "approver": waiver.approver, "expires": waiver.expires,
            "expired": waiver.expired, "evidence": dict(waiver.where)}


def _evidence(item) -> dict:
    """A finding's piece of evidence (read-only mappings in the result) as plain JSON data."""
    return {key: dict(value) if key == "values" else value for key, value in item.items()}


INTEGRITY_ADVICE = "核对原始资料，更正录入错误或说明差异原因后重新评价。"
IMPLAUSIBLE_ADVICE = "核对原始资料，更正录入错误后重新评价；读取该数据的指标在此之前无法评价。"


def _integrity(note, result: CheckResult) -> dict:
    schema_file = f"rules/tables/{note.table}.yaml"
    return {"rule": f"integrity:{note.check}", "indicator": None,
            "deduction": None if note.implausible else 0.0, "text": note.message,
            "recommendation": IMPLAUSIBLE_ADVICE if note.implausible else INTEGRITY_ADVICE,
            "source": f"数据核对 integrity check ({schema_file})", "evidence": note.evidence(),
            "kind": "implausible" if note.implausible else "integrity"}


def _cannot_assess(rule, result: CheckResult) -> dict:
    notes = result.implausible.get(rule.id)
    if notes:
        text = "；".join(note_text(n) for n in notes)
        return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
                "text": f"无法评价：数据不可信——{text}", "recommendation": f"请核对更正：{text}",
                "source": rule.citation, "evidence": [e for n in notes for e in n.evidence()], "kind": "cannot_assess"}
    return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
            "text": f"无法评价：缺少{rule.request}", "recommendation": f"请提供：{rule.request}",
            "source": rule.citation, "evidence": [], "kind": "cannot_assess"}


def _rectified(item) -> dict:
    return {"rule": item.rule, "indicator": item.indicator, "deduction": 0.0, "text": item.last_year,
            "recommendation": "", "source": "", "evidence": [], "kind": "rectified", "fingerprint": item.fingerprint,
            "status": "rectified"}


def _gap(gap) -> dict:
    """A gap in the rule set: for the rule author, not evidence to request."""
    return {"rule": None, "indicator": gap.leaf, "deduction": None, "text": f"规则缺口：{gap_text(gap)}",
            "recommendation": GAP_ADVICE, "source": gap.scheme_file, "evidence": [], "kind": "rule_gap"}


def render(result: CheckResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
