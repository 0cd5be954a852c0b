"""The terminal summary: score table, then the findings with their evidence. Its labels are the
settings' language's (labels.get(lang)["text"]: bilingual in Chinese, English in English), as
are the notes it carries; rule and fact texts are shown as written."""

from __future__ import annotations

from ..model.results import CheckResult, shown_deductions
from .common import (
    assessable_points,
    blocked_by,
    deduction,
    gap_text,
    is_form,
    is_target_setting,
    normalisation_note,
    nothing_assessed,
    open_points,
    out_of_text,
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
    weight_text,
    width,
)
from .formats import Settings
from .labels import get
from .prose import plain


def render(result: CheckResult, settings: Settings) -> str:
    t = get(settings.lang)
    L = t["text"]  # the text labels, given to each part below
    case, scores = result.case, result.scores
    lines = [
        f"{case.meta.get('project', case.case)}  ({case.case} {case.year})",
        L["scheme"].format(name=result.scheme.name, id=result.scheme.id),
        total_line(result, t, L),
        *([L["note"].format(note=provisional_note(result, t))] if scores.provisional else []),
        *([L["normalisation_line"].format(note=normalisation_note(result, t))] if scores.normalisation else []),
        *(L["waiver_line"].format(waiver=waiver_text(w, t)) for w in result.waivers),
        *_reference(result, t, L),
        "",
        *integrity_lines(result, t, L),
        *score_table(result, t, L),
        "",
        *findings_list(result, t, L),
        *request_lines(result, t, L),
        *gap_lines(result, t, L),
    ]
    return "\n".join(lines) + "\n"


def request_lines(result: CheckResult, t: dict, L: dict) -> list[str]:
    if not result.cannot_assess:
        return []
    lines = ["", L["requests"].format(n=len(requests(result, t)))]
    lines += [f"  - [{indicator}] {request}" for indicator, request in requests(result, t)]
    return lines


def gap_lines(result: CheckResult, t: dict, L: dict) -> list[str]:
    if not result.rule_gaps:
        return []
    lines = ["", L["gaps"].format(n=len(result.rule_gaps))]
    lines += [f"  - [{gap.leaf}] {gap_text(gap, t)}" for gap in result.rule_gaps]
    return lines


def _where(note, t: dict) -> str:
    """Where a note's facts stand, in brackets (a note on case.yaml's texts names its line itself)."""
    where = places(note.evidence(), t)
    return f"  [{where}]" if where else ""


def integrity_lines(result: CheckResult, t: dict, L: dict) -> list[str]:
    """Facts that disagree (the score stands), then facts that cannot be true (their leaves are unassessed)."""
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    lines = []
    if disagree:
        lines.append(L["integrity"].format(n=len(disagree)))
        for note in disagree:  # one of the facts is wrong: what reads them (and only that) is not assessed
            leaves = blocked_by(result, note)
            lines.append(f"  ! {note.text(t['lang'])}" + _where(note, t)
                         + (L["blocks"].format(leaves=L["leaves_sep"].join(leaves)) if leaves else ""))
        if not any(blocked_by(result, note) for note in disagree):
            lines.append(L["text_blocks_none"])
        lines.append("")
    if implausible:
        lines.append(L["implausible_plain"].format(n=len(implausible)))
        for note in implausible:
            leaves = blocked_by(result, note)
            lines.append(f"  ✗ {note.text(t['lang'])}" + _where(note, t)
                         + (L["blocks"].format(leaves=L["leaves_sep"].join(leaves)) if leaves else ""))
        if not any(blocked_by(result, note) for note in implausible):
            lines.append(L["text_blocks_none"])
        lines.append("")
    return lines


def total_line(result: CheckResult, t: dict, L: dict) -> str:
    """总分 total: 99.77 / 100 and the grade; a provisional total out of the points that could be
    assessed, with those that could not and the maximum; a target-setting form's: not scored."""
    if is_target_setting(result):
        return L["target_total"]
    scores = result.scores
    if nothing_assessed(result):
        return L["total_none"].format(max=points(result.scheme.max, t), grade=scores.grade)
    assessable = assessable_points(result)
    if assessable is not None:
        return L["total_open"].format(total=points(scores.total, t), assessable=points(assessable, t),
                                      open=points(open_points(result), t), max=points(result.scheme.max, t),
                                      grade=scores.grade)
    return (L["total"].format(total=points(scores.total, t), max=points(result.scheme.max, t), grade=scores.grade)
            + (L["provisional"] if scores.provisional else ""))


def _reference(result: CheckResult, t: dict, L: dict) -> list[str]:
    """The experts' total (case.yaml expert_score), or a form's own total with its grade and the
    gap to the recomputed total (none while that is provisional)."""
    reference = result.case.meta.get("expert_score")
    if not isinstance(reference, dict) or "total" not in reference:
        return []
    if not reference.get("self_reported"):
        return [L["reference"].format(total=reference["total"], grade=reference.get("grade") or "—")]
    from .review import form_totals, signed  # a form's only (its review sheet's blocks): for start-up time

    grade = reference.get("grade") or "—"
    if reference.get("printed_grade"):
        grade += L["printed_grade"].format(grade=reference["printed_grade"])
    _, _, gap = form_totals(result)
    line = L["self_reported"].format(total=out_of_text(reference["total"], result.scheme.max, t), grade=grade)
    return [line + (L["self_reported_gap"].format(gap=signed(gap, t)) if gap is not None else "")]


def score_table(result: CheckResult, t: dict, L: dict) -> list[str]:
    """Each indicator's weight and score; a form's (report/review.py) with its own score beside
    the recomputed one and the gap, then the totals, aligned by display width."""
    if is_target_setting(result):
        return _target_table(result, t, L)
    labels = [("  " * (row.level - 1)) + f"{row.id} {row.name}" for row in result.scores.rows]
    if is_form(result):
        return _form_table(result, t, L, labels)
    column = max(width(label) for label in labels) + 2
    lines = [pad(L["indicator"], column) + _right(L["weight"], 8) + _right(L["score"], 10)]
    for label, row in zip(labels, result.scores.rows):
        mark = "  *" if row.is_leaf and row.score is not None and row.score < row.weight else ""
        note = row_note(row, t)
        lines.append(pad(label, column) + f"{weight_text(row, t):>8}{score_text(row, t):>10}{mark}"
                     + (f"  [{note}]" if note else ""))
    lines.append(L["deducted"])
    return lines


def _form_table(result: CheckResult, t: dict, L: dict, labels: list[str]) -> list[str]:
    from .review import form_totals, row_gap, self_reported_scores, signed  # a form's only: for start-up time

    reported = self_reported_scores(result)
    column = max(width(label) for label in labels + [L["form_total"]]) + 2
    sizes = [8, 10, 12, 10]
    heads = [L["form_weight"], L["self_score"], L["recomputed"], L["gap"]]  # the form's own word: 分值
    lines = [pad(L["indicator"], column) + "".join(_right(h, n) for h, n in zip(heads, sizes))]
    for label, row in zip(labels, result.scores.rows):
        mark = "  *" if row.is_leaf and row.score is not None and row.score < row.weight else ""
        note = row_note(row, t)
        own = reported.get(row.id)
        cells = [weight_text(row, t), "" if own is None else points(own, t), score_text(row, t),
                 signed(row_gap(result, row, own), t)]
        lines.append((pad(label, column) + "".join(_right(c, n) for c, n in zip(cells, sizes))).rstrip()
                     + mark + (f"  [{note}]" if note else ""))
    reported_total, _, gap = form_totals(result)
    cells = [points(result.scheme.max, t), "" if reported_total is None else points(reported_total, t),
             points(result.scores.total, t), signed(gap, t)]
    open_mark = t["provisional_open"].format(open=points(open_points(result), t)) if result.scores.provisional else ""
    lines.append((pad(L["form_total"], column) + "".join(_right(c, n) for c, n in zip(cells, sizes))).rstrip()
                 + (f"  {open_mark}" if open_mark else ""))
    return [*lines, L["deducted"], L["form_legend"]]


def _target_table(result: CheckResult, t: dict, L: dict) -> list[str]:
    """A target-setting form's rows: each weight and target as written, then the weights in all."""
    from .review import target_rows, target_weights  # a form's only: for start-up time

    rows = target_rows(result)
    labels = [f"{code} {name}" for code, name, _, _ in rows]
    column = max(width(label) for label in labels + [L["target_weights"], L["indicator"]]) + 2
    lines = [pad(L["indicator"], column) + _right(L["form_weight"], 8) + "  " + L["target"]]  # the form's 分值
    for label, (_, _, weight, target) in zip(labels, rows):
        lines.append((pad(label, column) + _right("" if weight is None else points(weight, t), 8) + "  " + target).rstrip())
    lines.append(pad(L["target_weights"], column) + _right(points(target_weights(result), t), 8))
    return lines


def findings_list(result: CheckResult, t: dict, L: dict) -> list[str]:
    if is_target_setting(result):  # nothing is scored: no points lost, no leaf to name
        lines = [L["target_findings"].format(n=len(result.findings))]
        for number, finding in enumerate(result.findings, start=1):
            lines.append(f"{number:>2}. {finding.rule}: {plain(finding.text)}")
            lines += [f"    {L['recommendation']}: {finding.recommendation}", f"    {L['source']}: {finding.source}",
                      f"    {L['evidence']}: {places(finding.evidence, t)}"]
        return lines
    lost = points_lost(result)  # after each leaf's cap and rounding
    lines = [L["findings"].format(n=len(result.findings), lost=points(lost, t))]
    weights = {i.id: i.weight for i in result.scheme.indicators.values()}
    for number, (finding, shown) in enumerate(zip(result.findings, shown_deductions(result)), start=1):
        if not weights[finding.indicator]:  # a leaf that weighs nothing: its findings say what to correct
            cut = f" {L['text_unscored']}"
        elif finding.waiver is not None:
            cut = f" −{deduction(finding.deduction, result.scheme.precision)}{L['waived_mark']}"
        else:
            cut = f" −{deduction(shown, result.scheme.precision)}" if shown else f" {L['text_no_cut']}"
        lines.append(f"{number:>2}. [{finding.indicator}{cut}] {finding.rule}: {plain(finding.text)}")  # as the body
        if finding.waiver is not None:
            lines.append("    " + L["not_deducted"].format(waiver=waiver_state(finding.waiver, t)))
        lines.append(f"    {L['recommendation']}: {finding.recommendation}")
        lines.append(f"    {L['source']}: {finding.source}")
        lines.append(f"    {L['evidence']}: {places(finding.evidence, t)}")
    return lines


def _right(text: str, columns: int) -> str:
    """`text` right-aligned in `columns` terminal columns (a CJK character takes two)."""
    return " " * max(0, columns - width(text)) + text
