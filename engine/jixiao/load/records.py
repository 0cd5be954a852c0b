"""From rows of cells to records: finding the header row (a title above it is one clear
problem) and keying each record by its column; the same for CSV and workbook sheets."""

from __future__ import annotations

from typing import Mapping

from ..model.problems import Problems

HEADER_SEARCH = 10  # non-empty rows searched for the header: a title block above a table is short


class Table(list):
    """The records of one table, [(line, record)], each record keyed by column name.

    `header` is the line (row) of the header row and `columns` the names in it (None and []
    for YAML, whose records name their own keys); `letters` maps each column to its column
    letter in a workbook ({} in a text file), so that a problem names the cell as Excel shows
    it (facts.xlsx[budget]!D3)."""

    def __init__(self, records=(), header: int | None = None, columns: list | None = None,
                 letters: dict | None = None):
        super().__init__(records)
        self.header = header
        self.columns = columns or []
        self.letters = letters or {}


Schemas = Mapping[str, object]  # table name -> TableSchema (engine/tables.py)


def find_header(label: str, rows: list[tuple[int, list]], schema, problems: Problems, unit: str) -> int | None:
    """The index in `rows` of the header row, or None (and a problem) when there is none.

    The header is the first non-empty row, unless a row below it names more of the schema's
    columns: then the rows above it (a title, a unit line) are one problem, naming where the
    header seems to be; the caller reads nothing more of the table, so no row below is
    misread against the title as its header. `unit` is how a person counts the rows: "line"
    in a text file, "row" in a sheet."""
    filled = _filled(rows, 1)
    if not filled:
        problems.add(label, "empty: a header row is required")
        return None
    first = filled[0]
    names = set(schema.columns) if schema is not None else set()
    if schema is None or all(_text(c) in names for c in rows[first][1] if _text(c)):
        return first  # an unknown table (reported by the caller), or a header naming only columns
    filled = _filled(rows, HEADER_SEARCH)

    def named(index: int) -> list[str]:
        return list(dict.fromkeys(t for c in rows[index][1] if (t := _text(c)) in names))

    best = max(filled, key=lambda i: (len(named(i)), -i))
    if not named(best):
        problems.add(label, f"no header row: none of the first {unit}s names a column of table '{schema.name}' "
                            "(未找到表头：第一行应为列名)", line=rows[first][0], allowed=", ".join(schema.columns))
        return None
    if best != first:
        above = [_text(c) for i in filled if i < best for c in rows[i][1] if _text(c)]
        shown = ", ".join(named(best)[:4]) + (", …" if len(named(best)) > 4 else "")
        problems.add(label, f"the header seems to be {unit} {rows[best][0]} (it names {shown}), with "
                            f"{unit_list(unit, [rows[i][0] for i in filled if i < best])} above it: delete the "
                            f"{unit}s above the header (a title or a unit line there is not read) "
                            "表头上方有标题行：请删除表头上方的行",
                     found=above[:3])
    return best


def _filled(rows: list[tuple[int, list]], limit: int) -> list[int]:
    """The indexes of the first `limit` rows that are not empty."""
    found = []
    for index, (_, cells) in enumerate(rows):
        if any(_text(c) for c in cells):
            found.append(index)
            if len(found) == limit:
                break
    return found


def records_below(label: str, rows: list[tuple[int, list]], at: int, problems: Problems, unit: str) -> Table:
    """The header row rows[at] and one record per non-empty row below it, keyed by the header's
    column names (a short row is padded with empty cells). Values beyond the header's last
    column are one problem for the table, not one per row. In a sheet (`unit` "row") the
    table knows each column's letter."""
    header_line, cells = rows[at]
    header = [_text(c) for c in cells]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells, as spreadsheets leave them
    for i, column in enumerate(header):
        if not column:
            problems.add(label, f"empty column name in header (column {i + 1})", line=header_line)
        elif header.index(column) != i:
            problems.add(label, "column named twice in header", line=header_line, key=column)
    width = len(header)
    records, beyond = [], []
    for line, cells in rows[at + 1:]:
        if not any(_text(c) for c in cells):
            continue
        extra = [c for c in cells[width:] if _text(c)]
        if extra:
            beyond.append((line, extra))
            continue
        cells = list(cells[:width]) + [None] * (width - len(cells))
        records.append((line, dict(zip(header, cells))))
    if beyond:
        problems.add(label, f"values beyond the header's {width} columns in {unit_list(unit, [b[0] for b in beyond])}"
                            ": name their columns in the header row, or delete them", line=beyond[0][0],
                     found=beyond[0][1])
    letters = {}
    if unit == "row":
        from openpyxl.utils import get_column_letter
        letters = {column: get_column_letter(i + 1) for i, column in enumerate(header) if column}
    return Table(records, header=header_line, columns=[c for c in header if c], letters=letters)


def unit_list(unit: str, numbers: list[int]) -> str:
    """'row 3', 'rows 3–5, 9': consecutive numbers as ranges."""
    spans: list[list[int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
    return f"{unit}s {text}" if len(numbers) > 1 else f"{unit} {text}"


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()
