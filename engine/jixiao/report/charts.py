"""Charts as inline SVG: no plotting library, nothing fetched, prints and scales cleanly."""

from __future__ import annotations

from decimal import Decimal
from html import escape

WIDTH, BAR, GAP, LABEL = 640, 26, 14, 150


def score_rates(rows, title: str, unassessed: str, provisional: str, not_applicable: str) -> str:
    """Horizontal bars: score rate of each first-level indicator; one that could not be assessed
    says so instead of 0 %, and one assessed in part is marked provisional."""
    roots = [r for r in rows if r.parent is None]
    parents = {r.id: r.parent for r in rows}

    def root_of(row_id):
        while parents.get(row_id) is not None:
            row_id = parents[row_id]
        return row_id

    partial = {root_of(r.id) for r in rows if r.is_leaf and not r.assessed}
    height = 40 + len(roots) * (BAR + GAP)
    span = WIDTH - LABEL - 70
    parts = [_open(height, title), f'<text x="0" y="18" class="chart-title">{escape(title)}</text>']
    for i, row in enumerate(roots):
        y = 34 + i * (BAR + GAP)
        rate = row.rate  # over what applies: an N/A leaf's weight is no loss
        width = float(rate) * span
        label = (not_applicable if row.not_applicable is not None else unassessed if row.score is None
                 else f"{rate * 100:.1f}%" + (provisional if row.id in partial else ""))
        parts += [
            f'<text x="0" y="{y + BAR * 0.7:.1f}" class="chart-label">{escape(f"{row.id} {row.name}")}</text>',
            f'<rect x="{LABEL}" y="{y}" width="{span}" height="{BAR}" class="chart-track"/>',
            f'<rect x="{LABEL}" y="{y}" width="{width:.1f}" height="{BAR}" class="chart-bar" '
            f'data-indicator="{escape(row.id)}"/>',
            f'<text x="{LABEL + span + 8}" y="{y + BAR * 0.7:.1f}" class="chart-value">{escape(label)}</text>',
        ]
    return "\n".join(parts) + "</svg>"


def totals_by_year(points: list[tuple], title: str, provisional_label: str, maximum: Decimal = Decimal(100)) -> str:
    """Vertical bars: the total of each year of a case; (year, total[, provisional]), out of the
    scheme's maximum; a provisional total is marked with `provisional_label`."""
    points = sorted(points)
    height, top, base = 230, 30, 200
    step = (WIDTH - 60) / max(1, len(points))
    parts = [_open(height, title), f'<text x="0" y="18" class="chart-title">{escape(title)}</text>',
             f'<line x1="40" y1="{base}" x2="{WIDTH - 10}" y2="{base}" class="chart-axis"/>']
    for i, (year, total, *rest) in enumerate(points):
        mark = provisional_label if rest and rest[0] else ""
        x = 50 + i * step
        bar_height = float(total) / float(maximum) * (base - top)
        parts += [
            f'<rect x="{x:.1f}" y="{base - bar_height:.1f}" width="{step * 0.6:.1f}" height="{bar_height:.1f}" '
            f'class="chart-bar" data-year="{year}"/>',
            f'<text x="{x + step * 0.3:.1f}" y="{base - bar_height - 6:.1f}" class="chart-value" '
            f'text-anchor="middle">{total}{escape(mark)}</text>',
            f'<text x="{x + step * 0.3:.1f}" y="{base + 18}" class="chart-label" text-anchor="middle">{year}</text>',
        ]
    return "\n".join(parts) + "</svg>"


def _open(height: int, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(title)}" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">')
