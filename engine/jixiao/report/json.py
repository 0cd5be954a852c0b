"""The machine-readable result: exactly the keys case, year, scheme, total, provisional, grade,
indicators and findings (see README); a target-setting form's (绩效目标表) has total and grade
null and `form_kind: target_setting` besides."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from ..model.facts import CASE_FILE
from ..model.results import CheckResult, shown_deductions
from .common import as_shown, gap_text, is_form, is_target_setting, not_applicable_text, note_text, request
from .formats import Settings
from .labels import FIXED, ZH, get
from .review import form_totals, row_gap, self_reported_scores


def _kind(finding, result: CheckResult) -> str:
    """A finding's kind: `waived`; `review` for one of a leaf that weighs nothing (a form's review,
    a target-setting form's: it says what to correct and deducts nothing); else `deduction`."""
    if finding.waiver is not None:
        return "waived"
    return "deduction" if result.scheme.indicators[finding.indicator].weight else "review"


def _number(value: Decimal | None, places: str | None = None) -> float | None:
    """A number as the outputs show it: at `places` (a unit such as "0.01") when given, else as_shown."""
    if value is None:
        return None
    return float(value.quantize(Decimal(places), ROUND_HALF_UP) if places else as_shown(value))


def to_dict(result: CheckResult, t: dict = ZH) -> dict:
    """The result as plain JSON data; its texts (integrity advice, what cannot be assessed, why an
    indicator does not apply) in the labels' language `t`. Keys that only the evaluation team's
    judgement brings appear only with it: `raw_total`, `not_applicable` (the method) and
    `applicable_weight` when some indicator does not apply; on an indicator `not_applicable`
    (why), `computed` and `adjustment`, `normalised` and `effective_weight`; `waivers`, and on a
    waived finding `waiver`. `max`, the points the total is out of, only where it is not 100 (a
    form whose weights add up to more or less). A self-evaluation form's case adds the form's own
    scores beside the recomputed ones: `self_reported` (its printed 总分), `self_reported_grade`
    (that total on the scheme's bands), `gap` (self-reported − recomputed, points; null while the
    recomputed total is provisional), and on each indicator `self_reported` and `gap` (null where
    the form gives no score or the recomputed one is not wholly assessed)."""
    statuses = {h.fingerprint: h.status for h in result.history}
    unit = str(Decimal(1).scaleb(-result.scheme.precision))
    rules = {r.id: r for r in result.rules}
    data = {
        "case": result.case.case,
        "year": result.case.year,
        "scheme": result.scheme.id,
        "total": _number(result.scores.total),
        "provisional": result.scores.provisional,  # some indicator could not be assessed: total and grade wait
        "grade": result.scores.grade,
        "indicators": [_indicator(row, t) for row in result.scores.rows],
        # Integrity notes on the facts come first; they deduct nothing. Implausible facts
        # (kind "implausible") leave the indicators that read them unassessed.
        "findings": [*(_integrity(note, t) for note in result.integrity),
                     *(_cannot_assess(rule, result, t) for rule in result.cannot_assess),
                     *(_gap(gap, t) for gap in result.rule_gaps), *(
            {"rule": f.rule, "indicator": f.indicator,
             # As every output shows it: at the scheme's precision, a leaf's adding up to what it
             # lost (a waived finding's: what it would have deducted); the exact ones are in explain.
             "deduction": _number(f.deduction if f.waiver is not None else shown, unit), "text": f.text,
             "recommendation": f.recommendation, "source": f.source,
             "evidence": [_evidence(item) for item in f.evidence],
             "kind": _kind(f, result), "fingerprint": f.fingerprint,
             "status": statuses.get(f.fingerprint, "not_compared"),  # no last year to compare with: not compared
             **_applied(rules.get(f.rule)), **({"waiver": _waiver(f.waiver)} if f.waiver is not None else {})}
            for f, shown in zip(result.findings, shown_deductions(result))),
            *(_rectified(item) for item in result.history if item.status == "rectified")],
    }
    scores = result.scores
    if result.scheme.max != 100:
        data["max"] = _number(result.scheme.max)
    if is_form(result):
        own = self_reported_scores(result)
        reported, _, gap = form_totals(result)
        reference = result.case.meta.get("expert_score")
        graded = reference.get("grade") if isinstance(reference, dict) and reference.get("self_reported") else None
        data.update(self_reported=_number(reported), self_reported_grade=graded, gap=_number(gap))
        for item, row in zip(data["indicators"], scores.rows):
            item.update(self_reported=_number(own.get(row.id)), gap=_number(row_gap(result, row, own.get(row.id))))
    if scores.normalisation:
        data.update(raw_total=_number(scores.raw_total), not_applicable=scores.normalisation,
                    applicable_weight=_number(scores.applicable_weight))
    if result.waivers:
        data["waivers"] = [_waiver(w) for w in result.waivers]
    if is_target_setting(result):  # a 绩效目标表 is reviewed, never scored: no total, no grade
        data.update(total=None, grade=None, form_kind="target_setting")
    return data


def _indicator(row, t: dict) -> dict:
    item = {"id": row.id, "name": row.name, "weight": _number(row.weight), "score": _number(row.score),
            "parent": row.parent, "assessed": row.assessed}
    if row.not_applicable is not None:
        item["not_applicable"] = not_applicable_text(row.not_applicable, t)
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


def _applied(rule) -> dict:
    """For a rule a leaf applies with arguments (rule ID@LEAF): the method and its arguments."""
    if rule is None or rule.method is None:
        return {}
    return {"method": rule.method, "arguments": {k: float(v) if isinstance(v, Decimal) else v for k, v in rule.arguments}}


def _evidence(item) -> dict:
    """A finding's piece of evidence (read-only mappings in the result) as plain JSON data."""
    return {key: dict(value) if key == "values" else value for key, value in item.items()}


def _integrity(note, t: dict) -> dict:
    schema_file = note.table if note.table == CASE_FILE else f"rules/tables/{note.table}.yaml"  # case.yaml's own
    return {"rule": f"integrity:{note.check}", "indicator": None,
            "deduction": None if note.implausible else 0.0, "text": note.text(t["lang"]),
            "recommendation": t["implausible_advice"] if note.implausible else t["integrity_advice"],
            "source": FIXED["integrity_source"].format(file=schema_file), "evidence": note.evidence(),
            "kind": "implausible" if note.implausible else "integrity", **note.said.plain()}


def _cannot_assess(rule, result: CheckResult, t: dict) -> dict:
    notes = result.implausible.get(rule.id)
    if notes:
        text = t["notes_sep"].join(note_text(n, t) for n in notes)
        return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
                "text": t["cannot_assess_implausible"].format(notes=text), "recommendation": t["correct"].format(notes=text),
                "source": rule.citation, "evidence": [e for n in notes for e in n.evidence()], "kind": "cannot_assess",
                **_applied(rule)}
    asked = request(result, rule, t)
    return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
            "text": t["cannot_assess_missing"].format(request=asked),
            "recommendation": t["provide"].format(request=asked),
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
