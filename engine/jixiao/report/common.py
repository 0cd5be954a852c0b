"""Small helpers shared by the renderers."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from ..model.percents import rate_text
from .direction_requests import direction_request
from .form_requests import form_request
from .labels import ZH


def is_form(result) -> bool:
    """Whether the case is a self-evaluation form scored by its own scheme (its review sheet:
    jixiao.report.review)."""
    return result.scheme.form is not None and bool(result.case.tables.get("form_header"))


def is_target_setting(result) -> bool:
    """Whether the case is a target-setting form (绩效目标表): reviewed, nothing scored: no total,
    no grade, no recomputed score (its review sheet: jixiao.report.review.target_blocks)."""
    return is_form(result) and result.case.tables["form_header"][0].values.get("kind") == "target_setting"


SHOWN_PLACES = 4  # a scheme scores to at most 4 decimals (load.scheme_files.MAX_PRECISION)


def as_shown(value: Decimal, small: bool = False) -> Decimal:
    """A number as every output shows it: as it is when it has at most 4 decimals (scores are
    already at the scheme's precision, 0–4; weights, a form's self-reported scores and facts as
    written), else (computed: a mean, a share, a rate) at 2 decimals, half up — at 4 when `small`
    and it is under 0.01, which 2 decimals would show as 0."""
    if not value.is_finite() or value.as_tuple().exponent >= -SHOWN_PLACES:
        return value
    tiny = small and 0 < abs(value) < Decimal("0.01")
    return value.quantize(Decimal("0.0001") if tiny else Decimal("0.01"), ROUND_HALF_UP)


def points(value: Decimal | None, t: dict = ZH) -> str:
    """A score or weight as printed in score tables (as_shown), trailing zeros dropped; None (not
    assessed) says so in the labels' language."""
    if value is None:
        return t["cannot_assess"]
    text = f"{as_shown(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def out_of_text(total: Decimal | None, out_of: Decimal | None, t: dict = ZH) -> str:
    """A total as shown beside others: with what it is out of where that is not 100 (a form whose
    weights add up to 110: “106.3 / 110”), a total of 100 as it is (“92.5”)."""
    shown = points(total, t)
    return shown if out_of is None or out_of == 100 else f"{shown} / {points(out_of, t)}"


def deduction(value: Decimal, places: int = 2) -> str:
    """A deduction for people at `places` decimals (the scheme's precision), half up, trailing
    zeros dropped: a finding's deduction as shown (CheckResult's shown_deductions) is already
    at that precision, so it reads exactly as the leaf's scores add up."""
    text = str(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def cut_text(result, finding, shown: Decimal, t: dict = ZH, cut: str = "cut", none: str = "no_cut") -> str:
    """A finding's deduction as a report states it (`shown`: its deduction as shown): 扣 1 分
    (the labels' `cut`), 未扣分 (`none`), 不计分 on a leaf that weighs nothing, or waived with
    what it would have taken off (at the scheme's precision)."""
    places = result.scheme.precision
    leaf = result.scheme.indicators[finding.indicator]
    if not leaf.weight:  # '' when the leaf's name says so already: 复核（不计分）
        return "" if t["cut_unscored"] in leaf.name else t["cut_unscored"]
    if finding.waiver is not None:
        return t["waived_cut"].format(d=deduction(finding.deduction, places))
    return t[cut].format(d=deduction(shown, places)) if shown else t[none]


def weight_and_score(row, t: dict = ZH, weight: str = "weight", score: str = "score") -> str:
    """A heading's “权重 10，得分 9” (the labels' `weight` and `score` words); 不计分 for a leaf that
    weighs nothing."""
    if row.is_leaf and not row.weight and row.not_applicable is None:
        return "" if t["unscored"] in row.name else t["unscored"]
    return f"{t[weight]} {points(row.weight, t)}{t['d_comma']}{t[score]} {score_text(row, t)}"


def bracketed(text: str) -> str:
    """（text）, or '' for no text."""
    return f"（{text}）" if text else ""


def rounding_text(scheme, t: dict = ZH) -> str:
    """How the scheme rounds a leaf's score, in words: 取整, 保留 2 位小数."""
    places = scheme.precision
    return t["rounding_whole"] if places == 0 else t["rounding_places"].format(places=t["place_words"][places])


def weight_text(row, t: dict = ZH) -> str:
    """A row's weight as score tables print it; — for a leaf that weighs nothing (不计分)."""
    return t["unscored_weight"] if row.is_leaf and not row.weight else points(row.weight, t)


def percent(value: Decimal) -> str:
    """A score rate (score / weight) as a percentage, by the one rule of jixiao.model.percents at
    one decimal: 47.2 of 50 reads 94.4%; 19.99 of 20 reads 99.95%, never 100%; 18 of 20, 90%."""
    return rate_text(value)


def width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def places(evidence, t: dict = ZH) -> str:
    """Evidence as people look it up: file and line numbers, runs collapsed (budget.csv 第 2–5 行);
    a value read from a cell of a form's header by its cell (目标表.xlsx[绩效目标表] B5)."""
    lines_by_file: dict[str, list[int]] = {}
    cells_by_file: dict[str, list[str]] = {}
    for item in evidence:
        if item.get("cell") is not None:
            cells_by_file.setdefault(item["file"], []).append(item["cell"])
        elif item.get("line") is not None:
            lines_by_file.setdefault(item["file"], []).append(item["line"])
    parts = []
    for file, lines in lines_by_file.items():
        numbers = sorted(set(lines))
        label = t["place"] if len(numbers) == 1 else t["place_lines"]
        parts.append(label.format(file=file, lines=_runs(numbers, t["runs_sep"])))
    for file, cells in cells_by_file.items():
        parts.append(t["place_cells"].format(file=file, cells=t["runs_sep"].join(dict.fromkeys(cells))))
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
    return request(result, rule, t)


def request(result, rule, t: dict = ZH) -> str:
    """The evidence a rule lacks, as the user asks for it: a form's row by its cell and column
    (report/form_requests), a target whose direction the rule does not read by its row and
    column (report/direction_requests), else the rule's `request:`."""
    return form_request(result, rule, t["lang"]) or direction_request(result, rule, t) or rule.request


def blocked_by(result, note) -> list[str]:
    """The leaves an implausible fact leaves unassessed, in scheme order."""
    leaves = {rule.indicator for rule in result.cannot_assess
              if any(n is note for n in result.implausible.get(rule.id, ()))}
    return sorted(leaves, key=result.scheme.order.index)


def blocked_sentence(result, notes, t: dict = ZH) -> str:
    """What a list of integrity notes leaves unassessed, in a sentence naming exactly those
    indicators (in scheme order), or saying that none is."""
    leaves = {leaf for note in notes for leaf in blocked_by(result, note)}
    if not leaves:
        return t["integrity_blocks_none"]
    ordered = sorted(leaves, key=result.scheme.order.index)
    return t["integrity_blocks_some"].format(leaves=t["ids_sep"].join(ordered))


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
    """Points the findings took off the assessed leaves, as shown: the sum of the shown deductions
    (unassessed leaves are not 'lost', just unknown; a team's adjustment is shown beside its leaf)."""
    return sum((r.lost for r in result.scores.rows if r.is_leaf), Decimal(0))


def overview_text(value) -> str:
    """A value of a portfolio's overview as people read it: 2 decimals for a statistic, — for none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # already rounded half up to 2 places (portfolio/overview.py)
    return str(value)


def not_applicable_text(na, t: dict = ZH) -> str:
    """Why an indicator does not apply (a NotApplicable of jixiao.model.results): the case's reason
    and evidence, or, for a parent, that none of its leaves applies."""
    if na.reason is None:
        return t["na_children"]
    return t["na_reason"].format(reason=na.reason, evidence=na.evidence)


def score_text(row, t: dict = ZH) -> str:
    """A row's score as score tables print it: 不适用, 无法评价, or the score, marked 调整 when the
    evaluation team adjusted it (the computed score is in row_note)."""
    if row.not_applicable is not None:
        return t["not_applicable"]
    if row.is_leaf and not row.weight and row.score is not None:  # weighs nothing: its findings say what to correct
        return t["unscored"]
    return points(row.score, t) + (t["adjusted"] if row.adjustment is not None else "")


def adjustment_text(adjustment, t: dict = ZH) -> str:
    """The evaluation team's adjustment of a leaf: the change (or the score set), why, who, when."""
    if adjustment.delta is not None:
        given = f"{'+' if adjustment.delta > 0 else ''}{adjustment.delta}"
    else:
        given = t["adjustment_to"].format(score=adjustment.score)
    return t["adjustment"].format(given=given, reason=adjustment.reason, by=adjustment.by, date=adjustment.date)


def waiver_state(waiver, t: dict = ZH) -> str:
    """A waiver: in force or lapsed, who approved it, why, until when."""
    return t["waiver_expired" if waiver.expired else "waiver"].format(
        approver=waiver.approver, reason=waiver.reason, expires=waiver.expires)


def waiver_text(waiver, t: dict = ZH) -> str:
    """A waiver as the report states it: the rule (or instance) it names, then waiver_state."""
    return t["waiver_text"].format(rule=waiver.rule, waiver=waiver_state(waiver, t))


def row_note(row, t: dict = ZH) -> str:
    """What a score table says beside a row: why it does not apply, or the waived rules' deductions
    and the team's adjustment with the computed score; '' when nothing."""
    if row.not_applicable is not None:
        return t["na_note"].format(why=not_applicable_text(row.not_applicable, t))
    parts = [t["waived_note"].format(rule=waiver.rule, waiver=waiver_state(waiver, t), d=deduction(lost))
             for waiver, lost in row.waived]
    if row.adjustment is not None:
        parts.append(t["adjusted_note"].format(adjustment=adjustment_text(row.adjustment, t),
                                               computed=points(row.computed, t)))
    return t["row_notes_sep"].join(parts)


def normalisation_note(result, t: dict = ZH) -> str:
    """How the total follows when some indicator does not apply, or ''."""
    scores = result.scores
    if scores.normalisation is None:
        return ""
    dropped = scores.not_applicable
    return t["normalisation_note"].format(
        n=len(dropped), ids=t["ids_sep"].join(r.id for r in dropped),
        weight=points(sum((r.weight for r in dropped), Decimal(0)), t), raw=points(scores.raw_total, t),
        applicable=points(scores.applicable_weight, t), how=t["normalisation"][scores.normalisation],
        total=points(scores.total, t), max=points(result.scheme.max, t))


def open_points(result) -> Decimal:
    """The weight, in points, of the leaves that could not be assessed (不适用 ones aside): what a
    provisional total leaves out; 0 when the total is final."""
    return sum((r.weight for r in result.scores.unassessed if r.not_applicable is None), Decimal(0))


def total_cell(result, t: dict = ZH) -> str:
    """The total as a score table's cell prints it: 99.77; while provisional, marked so with the
    points that could not be assessed: 2.89（暂定；80 分无法评价）."""
    text = points(result.scores.total, t)
    if not result.scores.provisional:
        return text
    return text + t["provisional_open"].format(open=points(open_points(result), t))


def nothing_assessed(result) -> bool:
    """Whether no indicator could be assessed (a workbook sent back empty): the total is then no
    score at all, and is said so rather than as 0 (无法评级)."""
    scores = result.scores
    return scores.provisional and scores.normalisation is None and result.scheme.max - open_points(result) <= 0


def assessable_points(result) -> Decimal | None:
    """The points a provisional total is out of: the scheme's maximum less the points that could
    not be assessed; None when the total is final, or normalised for indicators that do not apply
    (then it is on the scale of the maximum, see normalisation_note), or when nothing could be
    assessed."""
    if not result.scores.provisional or result.scores.normalisation is not None:
        return None
    assessable = result.scheme.max - open_points(result)
    return assessable if assessable > 0 else None  # nothing assessed: 无法评级, no “0 / 0”
