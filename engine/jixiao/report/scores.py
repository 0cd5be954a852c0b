"""scores.csv: one row per indicator, then the total, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ..model.results import CheckResult
from .formats import Settings
from .labels import FIXED


def render(result: CheckResult, settings: Settings) -> str:
    """One row per indicator, then the total. `provisional` is True where a score leaves out
    indicators that could not be assessed (the leaf itself, its parents, the total)."""
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
    writer.writerow(["id", "name", "level", "parent", "weight", "score", "deductions", "provisional"])
    for row in scores.rows:
        writer.writerow([row.id, row.name, row.level, row.parent or "", row.weight,
                         "" if row.score is None else row.score,
                         f"{row.deductions.quantize(Decimal('0.0001'))}" if row.is_leaf and row.assessed else "",
                         row.id in waiting])
    weight = sum((row.weight for row in scores.rows if row.parent is None), Decimal(0))
    writer.writerow(["total", FIXED["total_row"], 0, "", weight, scores.total, "", scores.provisional])
    return buffer.getvalue()
