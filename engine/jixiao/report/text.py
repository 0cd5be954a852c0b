"""The terminal summary: score table, then the findings with their evidence."""

from __future__ import annotations

from ..model.results import CheckResult
from .common import (
    WAIVED,
    blocked_by,
    deduction,
    gap_text,
    normalisation_note,
    pad,
    places,
    points,
    points_lost,
    provisional_note,
    requests,
    row_note,
    score_text,
    waiver_text,
    width,
)


def render(result: CheckResult) -> str:
    case, scores = result.case, result.scores
    lines = [
        f"{case.meta.get('project', case.case)}  ({case.case} {case.year})",
        f"评价方案 scheme: {result.scheme.name} ({result.scheme.id})",
        f"总分 total: {points(scores.total)} / {points(result.scheme.max)}"
        f"   等级 grade: {scores.grade}" + ("（暂定 provisional）" if scores.provisional else ""),
        *([f"注意 note: {provisional_note(result)}"] if scores.provisional else []),
        *([f"不适用 not applicable: {normalisation_note(result)}"] if scores.normalisation else []),
        *(f"豁免 waiver: {waiver_text(w)}" for w in result.waivers),
        *_reference(case),
        "",
        *integrity_lines(result),
        *score_table(result),
        "",
        *findings_list(result),
        *request_lines(result),
        *gap_lines(result),
    ]
    return "\n".join(lines) + "\n"


def request_lines(result: CheckResult) -> list[str]:
    if not result.cannot_assess:
        return []
    lines = ["", f"资料清单 evidence to request: {len(requests(result))}（相关指标无法评价 cannot assess）"]
    lines += [f"  - [{indicator}] {request}" for indicator, request in requests(result)]
    return lines


def gap_lines(result: CheckResult) -> list[str]:
    if not result.rule_gaps:
        return []
    lines = ["", f"规则缺口 gaps in the rule set: {len(result.rule_gaps)}（相关指标无法评价；由规则作者补充规则，"
                 "不需被评价单位提供资料 for the rule author, not evidence to request）"]
    lines += [f"  - [{gap.leaf}] {gap_text(gap)}" for gap in result.rule_gaps]
    return lines


def integrity_lines(result: CheckResult) -> list[str]:
    """Facts that disagree, then facts that cannot be true; with each, the leaves it leaves unassessed."""
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    lines = []
    if disagree:
        lines.append(f"数据核对 integrity notes: {len(disagree)}（不扣分，请先核对 check these first）")
        for note in disagree:  # one of the facts is wrong: what reads them is not assessed
            leaves = blocked_by(result, note)
            lines.append(f"  ! {note.message}  [{places(note.evidence())}]"
                         + (f"  → 无法评价 cannot assess: {'、'.join(leaves)}" if leaves else ""))
        lines.append("")
    if implausible:
        lines.append(f"数据不可信 implausible facts: {len(implausible)}（读取它们的指标无法评价 "
                     "the indicators that read them cannot be assessed）")
        for note in implausible:
            leaves = blocked_by(result, note)
            lines.append(f"  ✗ {note.message}  [{places(note.evidence())}]"
                         + (f"  → 无法评价 cannot assess: {'、'.join(leaves)}" if leaves else ""))
        lines.append("")
    return lines


def _reference(case) -> list[str]:
    reference = case.meta.get("expert_score")
    if not isinstance(reference, dict) or "total" not in reference:
        return []
    return [f"专家评分 experts' score (report): {reference['total']}   等级 grade: {reference.get('grade', '')}"]


def score_table(result: CheckResult) -> list[str]:
    labels = [("  " * (row.level - 1)) + f"{row.id} {row.name}" for row in result.scores.rows]
    column = max(width(label) for label in labels) + 2
    lines = [pad("指标 indicator", column) + f"{'权重':>6}{'得分':>8}"]
    for label, row in zip(labels, result.scores.rows):
        mark = "  *" if row.is_leaf and row.score is not None and row.score < row.weight else ""
        note = row_note(row)
        lines.append(pad(label, column) + f"{points(row.weight):>8}{score_text(row):>10}{mark}"
                     + (f"  [{note}]" if note else ""))
    lines.append("(* 扣分指标 leaf with deductions)")
    return lines


def findings_list(result: CheckResult) -> list[str]:
    lost = points_lost(result)  # after each leaf's cap and rounding
    lines = [f"发现 findings: {len(result.findings)}（共失分 {points(lost)}）"]
    for number, finding in enumerate(result.findings, start=1):
        waived = f" {WAIVED} waived" if finding.waiver is not None else ""
        lines.append(f"{number:>2}. [{finding.indicator} −{deduction(finding.deduction)}{waived}] {finding.rule}: "
                     f"{finding.text}")
        if finding.waiver is not None:
            lines.append(f"    {finding.waiver.describe()}；不扣分 not deducted")
        lines.append(f"    建议: {finding.recommendation}")
        lines.append(f"    依据: {finding.source}")
        lines.append(f"    证据: {places(finding.evidence)}")
    return lines
