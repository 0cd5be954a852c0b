"""Year over year: match this year's findings with last year's by a stable fingerprint.

A finding's fingerprint is its rule and, for rules that deduct per matching fact, the
fact's label (the tranche, the operator): the same problem keeps the same fingerprint from
one year to the next even when its figures change. Last year's findings then become the
`finding_history` facts of this year — each marked repeated or rectified — which follow-up
rules (applying last year's findings, such as C32) can read instead of a hand-typed answer.

Where last year's check could not assess a rule, the case's own record of last year's problems
(`prior_findings`, a row naming the `rule` whose finding it is) says whether this year's finding
of that rule is one last year raised: open there (partial, not_rectified), the finding is
repeated, as C32 counts it, not 上年未评价. One source of truth for both.
"""

from __future__ import annotations

import hashlib

from ..model.facts import Fact
from ..model.messages import Message
from ..model.results import HistoryItem

HISTORY_TABLE = "finding_history"


def fingerprint(rule_id: str, per: str, label: str) -> str:
    key = f"{rule_id}|{label if per == 'match' else ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def compare(findings, previous, unassessed=frozenset(), recorded=()) -> list[HistoryItem]:
    """This year's findings against last year's result. A finding of last year whose rule cannot
    assess this year (`unassessed`: rule ids) is not rectified but unknown: `unassessed_now`. A
    finding whose rule last year's check could not assess is repeated when the case's record of
    last year's problems (`recorded`: prior_findings Facts) names its rule as still open, with
    that record's issue as last year's text; else 上年未评价 (unassessed_before)."""
    before = {f.fingerprint: f for f in previous.findings}
    assessed_rules = {r.id for r in previous.rules} - {r.id for r in previous.cannot_assess}
    unassessed_before = {f.rule for f in findings} - assessed_rules
    still_open = {str(row.values["rule"]): str(row.values.get("issue", "")) for row in recorded
                  if row.values.get("rule") and row.values.get("rectification") in ("partial", "not_rectified")}
    items = []
    for finding in findings:
        old = before.get(finding.fingerprint)
        last_text = old.text if old else ""
        if old:
            status = "repeated"
        elif finding.rule in unassessed_before and finding.rule in still_open:
            status, last_text = "repeated", still_open[finding.rule]
        else:
            status = "unassessed_before" if finding.rule in unassessed_before else "new"
        items.append(HistoryItem(finding.fingerprint, finding.rule, finding.indicator, status, finding.text,
                                 last_text))
    now = {f.fingerprint for f in findings}
    items += [HistoryItem(f.fingerprint, f.rule, f.indicator,
                          "unassessed_now" if f.rule in unassessed else "rectified", "", f.text)
              for f in previous.findings if f.fingerprint not in now]
    return items


def history_rows(items: list[HistoryItem], previous_year: int) -> list[Fact]:
    """Last year's findings as this year's facts: which were repeated, which rectified."""
    label = Message("history.label", {"year": previous_year}).render("zh")  # a fact's label: data, as written
    rows = [it for it in items if it.status in ("repeated", "rectified")]
    return [Fact(HISTORY_TABLE, i, label, None,
                {"fingerprint": it.fingerprint, "rule": it.rule, "finding": it.last_year, "year": previous_year,
                 "status": it.status})
            for i, it in enumerate(rows, start=1)]


def not_compared(findings) -> list[HistoryItem]:
    """This year's findings when last year's result, which may have had findings, is not there to
    compare them with (its folder could not be read or checked, or the case was checked alone):
    each has the status not_compared, rather than new."""
    return [HistoryItem(f.fingerprint, f.rule, f.indicator, "not_compared", f.text, "") for f in findings]
