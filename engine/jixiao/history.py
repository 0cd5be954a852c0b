"""Year over year: match this year's findings with last year's by a stable fingerprint.

A finding's fingerprint is its rule and, for rules that deduct per matching fact, the
fact's label (the tranche, the operator): the same problem keeps the same fingerprint from
one year to the next even when its figures change. Last year's findings then become the
`finding_history` facts of this year — each marked repeated or rectified — which follow-up
rules (applying last year's findings, such as C32) can read instead of a hand-typed answer.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem, os_problem
from .facts import CASE_FILE, Row
from .folders import inside
from .yamlsrc import load_yaml

HISTORY_TABLE = "finding_history"


def fingerprint(rule_id: str, per: str, label: str) -> str:
    key = f"{rule_id}|{label if per == 'match' else ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class HistoryItem:
    fingerprint: str
    rule: str
    indicator: str
    status: str            # new, repeated, rectified, unassessed_before, unassessed_now
    this_year: str         # the finding's text this year ('' when rectified)
    last_year: str         # its text last year ('' when new)


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


def history_rows(items: list[HistoryItem], previous_year: int) -> list[Row]:
    """Last year's findings as this year's facts: which were repeated, which rectified."""
    label = f"({previous_year} 年检查结果 findings of {previous_year})"
    rows = [it for it in items if it.status in ("repeated", "rectified")]
    return [Row(HISTORY_TABLE, i, label, None,
                {"fingerprint": it.fingerprint, "rule": it.rule, "finding": it.last_year, "year": previous_year,
                 "status": it.status})
            for i, it in enumerate(rows, start=1)]


def sibling_years(facts_dir: Path, refused: list | None = None) -> dict[int, Path]:
    """The other years of the same case: sibling folders whose case.yaml names the same case.
    A sibling that is a link leading out of the case's folder (facts/<case>/), or whose
    case.yaml is one, is not read: it is added to `refused` (a list of Paths). Raises
    InputError when two of them declare the same year (which one is last year's?) or when the
    folder holding them cannot be listed."""
    facts_dir = Path(facts_dir)
    own = case_and_year(facts_dir)
    if own is None:
        return {}
    parent = os.path.realpath(facts_dir.parent)
    years: dict[int, Path] = {}
    try:
        siblings = sorted(facts_dir.parent.iterdir())
    except OSError as exc:
        raise InputError([os_problem(facts_dir.parent, exc, reading=True)]) from None
    for folder in siblings:
        if folder != facts_dir and not (inside(folder, parent) and inside(folder / CASE_FILE, os.path.realpath(folder))):
            if refused is not None and (folder / CASE_FILE).exists():
                refused.append(folder)
            continue
        found = case_and_year(folder)
        if found is None or found[0] != own[0]:
            continue
        if found[1] in years:
            raise InputError([duplicate(folder, years[found[1]], found)])
        years[found[1]] = folder
    return dict(sorted(years.items()))


def duplicate(folder: Path, first: Path, key: tuple):
    """The problem of a second folder declaring the case and year `key` of `first`."""
    return Problem(str(Path(folder) / CASE_FILE), f"案例重复 case {key[0]} {key[1]} is also declared by "
                   f"{Path(first) / CASE_FILE}; each case and year is one folder: change `case` or `year` in "
                   "one of them (a copied folder?)")


def case_and_year(folder: Path):
    """(case, year) as the folder's case.yaml declares them, or None (no case.yaml, a broken one
    — reported when the case itself is checked — or one that is a link out of its folder, which
    is not read: load_case says so)."""
    if not inside(folder / CASE_FILE, os.path.realpath(folder)):
        return None
    try:
        data = load_yaml(folder / CASE_FILE) if (folder / CASE_FILE).is_file() else None
    except Exception:
        return None
    if isinstance(data, dict) and isinstance(data.get("case"), str) and isinstance(data.get("year"), int):
        return data["case"], data["year"]
    return None
