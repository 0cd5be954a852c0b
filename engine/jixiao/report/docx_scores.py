"""Table 3-1 in report.docx: the score table in the report's multi-level layout.

One row per leaf indicator. The columns are the levels of the scheme (一级指标 … as deep as its
deepest leaf), then 权重 and 得分. A parent's cell is merged down over the rows of its leaves
and names it with its weight and score (“A 项目决策\n8 / 7”); a leaf's name is merged across the
level columns below its own. The last row, 合计, is merged across the level columns.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.simpletypes import ST_Merge

from ..model.results import CheckResult
from .common import points, score_text, total_cell, weight_text
from . import docx_style as style

def layout(result: CheckResult) -> tuple[int, list[list]]:
    """(depth, rows): for each leaf, in scheme order, its chain of indicators from the root
    (IndicatorScore rows). depth is the deepest leaf's level."""
    rows = {r.id: r for r in result.scores.rows}
    chains = []
    for row in result.scores.rows:
        if not row.is_leaf:
            continue
        chain = [row]
        while chain[0].parent is not None:
            chain.insert(0, rows[chain[0].parent])
        chains.append(chain)
    depth = max((len(c) for c in chains), default=1)
    return depth, chains


def score_table(document, result: CheckResult, t: dict):
    """Add Table 3-1 to the document; returns the table."""
    depth, chains = layout(result)
    levels = (list(t["levels"]) + [""] * depth)[:depth]
    grid = document.add_table(rows=1 + len(chains) + 1, cols=depth + 2)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    # the cells by row and column, taken once: grid.cell() walks the whole table on every call.
    # Merging keeps the top-left cell of a span and removes only cells never addressed again.
    cells = [list(row.cells) for row in grid.rows]
    header = grid.rows[0]
    style.repeat_header(header)
    for cell, title in zip(header.cells, [*levels, t["d_weight"], t["d_score"]]):
        style.write(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        style.shade(cell)
    for number, chain in enumerate(chains, start=1):
        leaf = chain[-1]
        for level, row in enumerate(chain[:-1]):
            # a parent's cell: written on its first leaf's row, merged down over the rest
            if _first_under(chains, number - 1, level):
                last = _last_under(chains, number - 1, level)
                cell = cells[number][level]
                if last > number - 1:
                    _merge_down(cells, level, number, last + 1)
                style.write(cell, f"{row.id} {row.name}\n{points(row.weight, t)} / {score_text(row, t)}")
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell = cells[number][len(chain) - 1]
        if len(chain) < depth:
            _merge_right(cell, depth - len(chain))
        style.write(cell, f"{leaf.id} {leaf.name}")
        style.write(cells[number][depth], weight_text(leaf, t), align=WD_ALIGN_PARAGRAPH.RIGHT)
        # 不适用 / 无法评价 / a score marked 调整, as every score table says it (report/common.py)
        style.write(cells[number][depth + 1], score_text(leaf, t), align=WD_ALIGN_PARAGRAPH.RIGHT)
    total_row = len(chains) + 1
    label = cells[total_row][0]
    if depth > 1:
        _merge_right(label, depth - 1)
    style.write(label, t["d_total"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    style.write(cells[total_row][depth], points(result.scheme.max, t), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    style.write(cells[total_row][depth + 1], total_cell(result, t), bold=True,
                align=WD_ALIGN_PARAGRAPH.RIGHT)
    style.set_widths(grid, [*([round((style.TEXT_WIDTH_CM - 2.8) / depth, 2)] * depth), 1.3, 1.5])
    style.keep_together(grid)
    return grid


# Merging on the cell elements as python-docx's Cell.merge leaves them (the cells are empty
# then): it finds every cell of a span by walking the table, most of the time Table 3-1 took.

def _merge_down(cells: list[list], column: int, first: int, last: int) -> None:
    """The cell of `column` in row `first` spans down to row `last`."""
    cells[first][column]._tc.vMerge = ST_Merge.RESTART
    for row in range(first + 1, last + 1):
        cells[row][column]._tc.vMerge = ST_Merge.CONTINUE


def _merge_right(cell, more: int) -> None:
    """The cell spans `more` further columns of its row (the cells it takes in are removed)."""
    tc = cell._tc
    for _ in range(more):
        following = tc._next_tc
        tc.grid_span += following.grid_span
        following.getparent().remove(following)


def _first_under(chains: list[list], index: int, level: int) -> bool:
    return index == 0 or len(chains[index - 1]) <= level + 1 or chains[index - 1][level].id != chains[index][level].id


def _last_under(chains: list[list], index: int, level: int) -> int:
    ident = chains[index][level].id
    last = index
    while last + 1 < len(chains) and len(chains[last + 1]) > level + 1 and chains[last + 1][level].id == ident:
        last += 1
    return last
