"""scores.csv: one row per indicator, then the total (none for a target-setting form, which is
not scored), for a spreadsheet."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ..model.results import CheckResult
from .common import is_target_setting, normalisation_note, row_note
from .formats import Settings
from .labels import FIXED, get


def render(result: CheckResult, settings: Settings) -> str:
    """One row per indicator, then the total. `provisional` is True where a score leaves out
    indicators that could not be assessed (the leaf itself, its parents, the total). When the
    evaluation team's judgement touches the scores, the columns `computed` (the score computed
    from the findings, where an adjustment changed it), `normalised` (when some indicator does not apply) and `note`
    (不适用 and why, a waiver, the adjustment; in the settings' language) follow, and a
    `raw_total` row (the applicable leaves' sum, before normalising) comes before the total."""
    t = get(settings.lang)
    scores = result.scores
    by_id = {row.id: row for row in scores.rows}
    waiting = set()
    for leaf in scores.unassessed:
        row = leaf
        while row is not None:
            waiting.add(row.id)
            row = by_id.get(row.parent) if row.parent else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    judged = bool(scores.normalisation or scores.adjusted or any(row.waived for row in scores.rows))
    heads = t["csv_columns"]
    writer.writerow([*heads[:8], *(heads[8:] if judged else [])])
    yes_no = {True: t["yes"], False: t["no"]}
    unit = Decimal(1).scaleb(-result.scheme.precision)  # deductions as shown: at the scheme's precision
    for row in scores.rows:
        shown = (t["not_applicable"] if row.not_applicable is not None else "" if row.score is None
                 else t["unscored"] if row.is_leaf and not row.weight else row.score)
        writer.writerow([row.id, row.name, row.level, row.parent or "", row.weight, shown,
                         row.lost.quantize(unit) if row.is_leaf and row.assessed and row.not_applicable is None and row.weight else "",
                         yes_no[row.id in waiting],
                         *([_blank(row.computed), _blank(row.normalised), row_note(row, t)] if judged else [])])
    weight = sum((row.weight for row in scores.rows if row.parent is None), Decimal(0))
    if scores.normalisation:
        writer.writerow(["raw_total", FIXED["raw_total_row"], 0, "", scores.applicable_weight,
                         scores.raw_total, "", yes_no[scores.provisional], "", "", normalisation_note(result, t)])
    if not is_target_setting(result):  # a 绩效目标表 is reviewed, not scored: no total row
        writer.writerow(["total", FIXED["total_row"], 0, "", weight, scores.total, "", yes_no[scores.provisional],
                         *(["", "", ""] if judged else [])])
    return buffer.getvalue()


def _blank(value) -> object:
    return "" if value is None else value
