"""Year over year: match this year's findings with last year's by a stable fingerprint.

A finding's fingerprint is its rule and, for rules that deduct per matching fact, the
fact's label (the tranche, the operator): the same problem keeps the same fingerprint from
one year to the next even when its figures change. Last year's findings then become the
`finding_history` facts of this year — each marked repeated or rectified — which follow-up
rules (applying last year's findings, such as C32) can read instead of a hand-typed answer.
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


def compare(findings, previous, unassessed=frozenset()) -> list[HistoryItem]:
    """This year's findings against last year's result. A finding of last year whose rule cannot
    assess this year (`unassessed`: rule ids) is not rectified but unknown: `unassessed_now`."""
    before = {f.fingerprint: f for f in previous.findings}
    assessed_rules = {r.id for r in previous.rules} - {r.id for r in previous.cannot_assess}
    unassessed_before = {f.rule for f in findings} - assessed_rules
    items = []
    for finding in findings:
        old = before.get(finding.fingerprint)
        status = "repeated" if old else ("unassessed_before" if finding.rule in unassessed_before else "new")
        items.append(HistoryItem(finding.fingerprint, finding.rule, finding.indicator, status, finding.text,
                                 old.text if old else ""))
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
