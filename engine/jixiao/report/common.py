"""Small helpers shared by the renderers."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from ..model.schemes import NOT_APPLICABLE_METHODS

CANNOT_ASSESS = "无法评价"


def points(value: Decimal | None) -> str:
    """A score or weight as printed in score tables: 2 decimals, trailing zeros dropped."""
    if value is None:
        return CANNOT_ASSESS
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


def places(evidence) -> str:
    """Evidence as people look it up: file and line numbers, runs collapsed (budget.csv 第 2–5 行)."""
    lines_by_file: dict[str, list[int]] = {}
    for item in evidence:
        if item.get("line") is not None:
            lines_by_file.setdefault(item["file"], []).append(item["line"])
    parts = []
    for file, lines in lines_by_file.items():
        parts.append(f"{file} 第 {_runs(sorted(set(lines)))} 行")
    return "；".join(parts)


def _runs(numbers: list[int]) -> str:
    runs, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            runs.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return "、".join(runs)


def provisional_note(result) -> str:
    """Why the total is provisional, or '' when every leaf was assessed: evidence missing
    (资料不全), facts that cannot be true (数据不可信) or a gap in the rule set (规则缺口),
    counted apart."""
    missing = result.scores.unassessed
    if not missing:
        return ""
    gaps = {g.leaf for g in result.rule_gaps}
    implausible = {rule.indicator for rule in result.cannot_assess if rule.id in result.implausible} - gaps
    groups = [(why, what, rows) for why, what, rows in (
        ("资料不全", "资料", [r for r in missing if r.id not in gaps and r.id not in implausible]),
        ("数据不可信", "核对更正数据", [r for r in missing if r.id in implausible]),
        ("规则缺口", "规则", [r for r in missing if r.id in gaps])) if rows]
    parts = "、".join(f"{len(rows)} 项指标（{points(sum(r.weight for r in rows))} 分）因{why}" for why, _, rows in groups)
    whats = [what for _, what, _ in groups]
    supply = "和".join(w for w in whats if w != "核对更正数据")
    if whats == ["规则"]:
        until = "规则补充"
    else:
        until = "、".join(part for part in (f"补充{supply}" if supply else "",
                                            "核对更正数据" if "核对更正数据" in whats else "") if part)
    return f"{parts}无法评价，未计入总分；总分和等级待{until}后确定"


def note_text(note) -> str:
    """An integrity note with where it stands: the message, then file and lines."""
    where = places(note.evidence())
    return f"{note.message}（{where}）" if where else note.message


def reason(result, rule) -> str:
    """Why a rule could not assess: the implausible facts it would read, or the evidence it lacks."""
    notes = result.implausible.get(rule.id)
    if notes:
        return "数据不可信，请核对更正：" + "；".join(note_text(n) for n in notes)
    return rule.request


def blocked_by(result, note) -> list[str]:
    """The leaves an implausible fact leaves unassessed, in scheme order."""
    leaves = {rule.indicator for rule in result.cannot_assess
              if any(n is note for n in result.implausible.get(rule.id, ()))}
    return sorted(leaves, key=result.scheme.order.index)


def requests(result) -> list[tuple[str, str]]:
    """资料清单: (indicator, evidence to request or facts to correct), one per rule that could not
    assess. A gap in the rule set is not among them (see gap_text): the audited unit cannot fill it."""
    items = [(rule.indicator, reason(result, rule)) for rule in result.cannot_assess]
    return sorted(items, key=lambda item: result.scheme.order.index(item[0]))


GAP_ADVICE = "由规则作者补充适用于该时段的规则，或核对规则的有效期；不需被评价单位提供资料"


def gap_text(gap) -> str:
    """A gap in the rule set as its author reads it: which part of the year, and the rules the
    scheme lists on the leaf with their periods (a RuleGap from engine/gaps.py)."""
    when = "全年" if gap.whole_year else " " + "、".join(f"{a} – {b}" for a, b in gap.missing) + " "
    where = f"{gap.scheme_file}:{gap.line}" if gap.line is not None else gap.scheme_file
    listed = "、".join(f"{rule}：{start} – {end}" if end else f"{rule}：{start} 起" for rule, start, end in gap.rules)
    return f"{gap.year} 年{when}没有在用的规则（{where} " + (f"列出 {listed}）" if listed else "未列出规则）")


def points_lost(result) -> Decimal:
    """Points taken off the assessed leaves (unassessed leaves are not 'lost', just unknown)."""
    return sum((r.weight - r.score for r in result.scores.rows if r.is_leaf and r.score is not None), Decimal(0))


NOT_APPLICABLE = "不适用"
WAIVED = "豁免"


def score_text(row) -> str:
    """A row's score as score tables print it: 不适用, 无法评价, or the score, marked 调整 when the
    evaluation team adjusted it (the computed score is in row_note)."""
    if row.not_applicable is not None:
        return NOT_APPLICABLE
    return points(row.score) + ("（调整）" if row.adjustment is not None else "")


def row_note(row) -> str:
    """What a score table says beside a row: why it does not apply, or the team's adjustment with
    the computed score; '' when nothing."""
    if row.not_applicable is not None:
        return f"{NOT_APPLICABLE}：{row.not_applicable}"
    parts = [f"规则 {waiver.rule} {waiver.describe()}，不扣 {deduction(lost)} 分" for waiver, lost in row.waived]
    if row.adjustment is not None:
        parts.append(f"{row.adjustment.describe()}；计算得分 {points(row.computed)}")
    return "；".join(parts)


def normalisation_note(result) -> str:
    """How the total follows when some indicator does not apply, or ''."""
    scores = result.scores
    if scores.normalisation is None:
        return ""
    dropped = scores.not_applicable
    how = NOT_APPLICABLE_METHODS[scores.normalisation]
    return (f"{len(dropped)} 项指标不适用（{'、'.join(r.id for r in dropped)}，共 {points(sum(r.weight for r in dropped))} "
            f"分），不计入总分；适用指标得分 {points(scores.raw_total)} / {points(scores.applicable_weight)}，"
            f"{how}后总分 {points(scores.total)} / {points(result.scheme.max)}，等级按折算后总分确定")


def waiver_text(waiver) -> str:
    """A waiver as the report states it: the rule, who approved it, why, until when, and whether it lapsed."""
    return f"规则 {waiver.rule} {waiver.describe()}"
