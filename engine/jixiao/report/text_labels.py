"""The text summary's labels in English (`jixiao check --lang en`), key for key beside the
bilingual ones the Chinese summary keeps (labels.FIXED, gathered as labels.TEXT_ZH); both are
given by labels.get(lang)["text"]."""

from __future__ import annotations

TEXT_EN = {
    "scheme": "scheme: {name} ({id})",
    "total": "total: {total} / {max}   grade: {grade}", "provisional": " (provisional)",
    "note": "note: {note}", "reference": "experts' score (report): {total}   grade: {grade}",
    "self_reported": "self-reported (form): {total}   grade: {grade}",
    "integrity": "integrity notes: {n} (no deductions; check these first)",
    "implausible": "implausible facts: {n} (the indicators that read them cannot be assessed)",
    "blocks": "  → cannot assess: {leaves}",
    "indicator": "indicator", "weight": "weight", "score": "score", "deducted": "(* leaf with deductions)",
    "findings": "findings: {n} ({lost} points lost)", "recommendation": "recommendation", "source": "source",
    "evidence": "evidence",
    "requests": "evidence to request: {n} (the indicators concerned cannot be assessed)",
    "gaps": "gaps in the rule set: {n} (the indicators concerned cannot be assessed; for the rule author, not "
            "evidence to request)",
    "normalisation_line": "not applicable: {note}", "waiver_line": "waiver: {waiver}",
    "waived_mark": " waived", "not_deducted": "{waiver}; not deducted",
    "leaves_sep": ", ",
    "form_legend": "(self: the form's own score; recomp: recomputed; gap = self − recomp, none against a score "
                   "not wholly assessed)",
    "form_total": "total", "gap": "gap", "printed_grade": " (the form prints {grade})", "recomputed": "recomp",
    "self_reported_gap": "   gap: {gap}", "self_score": "self",
    "total_open": "total: {total} / {assessable} assessable ({open} points cannot be assessed, out of {max})   "
                  "grade: {grade} (provisional)",
}
