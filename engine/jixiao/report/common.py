"""Small helpers shared by the renderers."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from .labels import ZH


def points(value: Decimal | None, t: dict = ZH) -> str:
    """A score or weight as printed in score tables: 2 decimals, trailing zeros dropped; None
    (not assessed) says so in the labels' language."""
    if value is None:
        return t["cannot_assess"]
    text = str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def deduction(value: Decimal) -> str:
    """A deduction for people: 2 decimals, at least one significant digit when tiny."""
    if 0 < value < Decimal("0.005"):
        return f"{value:.4f}"
    return points(value)


def percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def places(evidence, t: dict = ZH) -> str:
    """Evidence as people look it up: file and line numbers, runs collapsed (budget.csv 第 2–5 行)."""
    lines_by_file: dict[str, list[int]] = {}
    for item in evidence:
        if item.get("line") is not None:
            lines_by_file.setdefault(item["file"], []).append(item["line"])
    parts = []
    for file, lines in lines_by_file.items():
        numbers = sorted(set(lines))
        label = t["place"] if len(numbers) == 1 else t["place_lines"]
        parts.append(label.format(file=file, lines=_runs(numbers, t["runs_sep"])))
    return t["places_sep"].join(parts)


def _runs(numbers: list[int], separator: str) -> str:
    runs, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            runs.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return separator.join(runs)


REASONS = ("missing", "implausible", "gap")  # why a leaf is not assessed, in the order the note names them


def provisional_note(result, t: dict = ZH) -> str:
    """Why the total is provisional, or '' when every leaf was assessed: evidence missing
    (资料不全), facts that cannot be true (数据不可信) or a gap in the rule set (规则缺口),
    counted apart."""
    missing = result.scores.unassessed
    if not missing:
        return ""
    gaps = {g.leaf for g in result.rule_gaps}
    implausible = {rule.indicator for rule in result.cannot_assess if rule.id in result.implausible} - gaps
    rows = {"missing": [r for r in missing if r.id not in gaps and r.id not in implausible],
            "implausible": [r for r in missing if r.id in implausible], "gap": [r for r in missing if r.id in gaps]}
    present = tuple(why for why in REASONS if rows[why])
    parts = t["provisional_parts_sep"].join(
        t["provisional_part"].format(n=len(rows[why]), points=points(sum(r.weight for r in rows[why]), t),
                                     why=t["provisional_why"][why]) for why in present)
    return t["provisional_note"].format(parts=parts, until=t["provisional_until"][present])


def note_text(note, t: dict = ZH) -> str:
    """An integrity note with where it stands: the message, then file and lines."""
    where, message = places(note.evidence(), t), note.text(t["lang"])
    return t["note_where"].format(message=message, where=where) if where else message


def reason(result, rule, t: dict = ZH) -> str:
    """Why a rule could not assess: the implausible facts it would read, or the evidence it lacks."""
    notes = result.implausible.get(rule.id)
    if notes:
        return t["implausible_reason"].format(notes=t["notes_sep"].join(note_text(n, t) for n in notes))
    return rule.request


def blocked_by(result, note) -> list[str]:
    """The leaves an implausible fact leaves unassessed, in scheme order."""
    leaves = {rule.indicator for rule in result.cannot_assess
              if any(n is note for n in result.implausible.get(rule.id, ()))}
    return sorted(leaves, key=result.scheme.order.index)


def requests(result, t: dict = ZH) -> list[tuple[str, str]]:
    """资料清单: (indicator, evidence to request or facts to correct), one per rule that could not
    assess. A gap in the rule set is not among them (see gap_text): the audited unit cannot fill it."""
    items = [(rule.indicator, reason(result, rule, t)) for rule in result.cannot_assess]
    return sorted(items, key=lambda item: result.scheme.order.index(item[0]))


def gap_text(gap, t: dict = ZH) -> str:
    """A gap in the rule set as its author reads it: which part of the year, and the rules the
    scheme lists on the leaf with their periods (a RuleGap from jixiao.check.gaps)."""
    when = t["gap_whole_year"] if gap.whole_year else t["gap_periods"].format(
        periods=t["gap_periods_sep"].join(f"{a} – {b}" for a, b in gap.missing))
    where = f"{gap.scheme_file}:{gap.line}" if gap.line is not None else gap.scheme_file
    listed = t["gap_rules_sep"].join((t["gap_rule"] if end else t["gap_rule_open"]).format(rule=rule, start=start, end=end)
                                     for rule, start, end in gap.rules)
    return t["gap_text"].format(year=gap.year, when=when, where=where,
                                listed=t["gap_listed"].format(rules=listed) if listed else t["gap_none_listed"])


def points_lost(result) -> Decimal:
    """Points taken off the assessed leaves (unassessed leaves are not 'lost', just unknown)."""
    return sum((r.weight - r.score for r in result.scores.rows if r.is_leaf and r.score is not None), Decimal(0))


def overview_text(value) -> str:
    """A value of a portfolio's overview as people read it: 2 decimals for a statistic, — for none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # already rounded half up to 2 places (portfolio/overview.py)
    return str(value)
