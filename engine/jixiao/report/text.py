"""The terminal summary: score table, then the findings with their evidence. Its labels are the
settings' language's (labels.get(lang)["text"]: bilingual in Chinese, English in English), as
are the notes it carries; rule and fact texts are shown as written."""

from __future__ import annotations

from ..model.results import CheckResult
from .common import (
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
    waiver_state,
    waiver_text,
    width,
)
from .formats import Settings
from .labels import get


def render(result: CheckResult, settings: Settings) -> str:
    t = get(settings.lang)
    L = t["text"]
    case, scores = result.case, result.scores
    lines = [
        f"{case.meta.get('project', case.case)}  ({case.case} {case.year})",
        L["scheme"].format(name=result.scheme.name, id=result.scheme.id),
        L["total"].format(total=points(scores.total, t), max=points(result.scheme.max, t), grade=scores.grade)
        + (L["provisional"] if scores.provisional else ""),
        *([L["note"].format(note=provisional_note(result, t))] if scores.provisional else []),
        *([L["normalisation_line"].format(note=normalisation_note(result, t))] if scores.normalisation else []),
        *(L["waiver_line"].format(waiver=waiver_text(w, t)) for w in result.waivers),
        *_reference(case, L),
        "",
        *integrity_lines(result, t),
        *score_table(result, t),
        "",
        *findings_list(result, t),
        *request_lines(result, t),
        *gap_lines(result, t),
    ]
    return "\n".join(lines) + "\n"


def request_lines(result: CheckResult, t: dict) -> list[str]:
    L = t["text"]
    if not result.cannot_assess:
        return []
    lines = ["", L["requests"].format(n=len(requests(result, t)))]
    lines += [f"  - [{indicator}] {request}" for indicator, request in requests(result, t)]
    return lines


def gap_lines(result: CheckResult, t: dict) -> list[str]:
    L = t["text"]
    if not result.rule_gaps:
        return []
    lines = ["", L["gaps"].format(n=len(result.rule_gaps))]
    lines += [f"  - [{gap.leaf}] {gap_text(gap, t)}" for gap in result.rule_gaps]
    return lines


def integrity_lines(result: CheckResult, t: dict) -> list[str]:
    """Facts that disagree (the score stands), then facts that cannot be true (their leaves are unassessed)."""
    L = t["text"]
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    lines = []
    if disagree:
        lines.append(L["integrity"].format(n=len(disagree)))
        for note in disagree:  # one of the facts is wrong: what reads them is not assessed
            leaves = blocked_by(result, note)
            lines.append(f"  ! {note.text(t['lang'])}  [{places(note.evidence(), t)}]"
                         + (L["blocks"].format(leaves=L["leaves_sep"].join(leaves)) if leaves else ""))
        lines.append("")
    if implausible:
        lines.append(L["implausible"].format(n=len(implausible)))
        for note in implausible:
            leaves = blocked_by(result, note)
            lines.append(f"  ✗ {note.text(t['lang'])}  [{places(note.evidence(), t)}]"
                         + (L["blocks"].format(leaves=L["leaves_sep"].join(leaves)) if leaves else ""))
        lines.append("")
    return lines


def _reference(case, L: dict) -> list[str]:
    reference = case.meta.get("expert_score")
    if not isinstance(reference, dict) or "total" not in reference:
        return []
    key = "self_reported" if reference.get("self_reported") else "reference"
    return [L[key].format(total=reference["total"], grade=reference.get("grade") or "—")]


def score_table(result: CheckResult, t: dict) -> list[str]:
    L = t["text"]
    labels = [("  " * (row.level - 1)) + f"{row.id} {row.name}" for row in result.scores.rows]
    column = max(width(label) for label in labels) + 2
    lines = [pad(L["indicator"], column) + _right(L["weight"], 8) + _right(L["score"], 10)]
    for label, row in zip(labels, result.scores.rows):
        mark = "  *" if row.is_leaf and row.score is not None and row.score < row.weight else ""
        note = row_note(row, t)
        lines.append(pad(label, column) + f"{points(row.weight, t):>8}{score_text(row, t):>10}{mark}"
                     + (f"  [{note}]" if note else ""))
    lines.append(L["deducted"])
    return lines


def findings_list(result: CheckResult, t: dict) -> list[str]:
    L = t["text"]
    lost = points_lost(result)  # after each leaf's cap and rounding
    lines = [L["findings"].format(n=len(result.findings), lost=points(lost, t))]
    for number, finding in enumerate(result.findings, start=1):
        waived = L["waived_mark"] if finding.waiver is not None else ""
        lines.append(f"{number:>2}. [{finding.indicator} −{deduction(finding.deduction)}{waived}] {finding.rule}: "
                     f"{finding.text}")
        if finding.waiver is not None:
            lines.append("    " + L["not_deducted"].format(waiver=waiver_state(finding.waiver, t)))
        lines.append(f"    {L['recommendation']}: {finding.recommendation}")
        lines.append(f"    {L['source']}: {finding.source}")
        lines.append(f"    {L['evidence']}: {places(finding.evidence, t)}")
    return lines


def _right(text: str, columns: int) -> str:
    """`text` right-aligned in `columns` terminal columns (a CJK character takes two)."""
    return " " * max(0, columns - width(text)) + text
