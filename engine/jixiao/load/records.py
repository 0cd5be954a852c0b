"""From rows of cells to records: finding the header row (a title above it is one clear
problem) and keying each record by its column; the same for CSV and workbook sheets."""

from __future__ import annotations

import functools
import re
from itertools import chain
from typing import Mapping

from ..model.messages import Code, Joined, Message
from ..model.problems import Problems
from ..model.vocabulary import NOTE_ROW, TOTAL_WORDS
from .titles import column_code, column_label

HEADER_SEARCH = 10  # non-empty rows searched for the header: a title block above a table is short


class Table(list):
    """The records of one table, [(line, record)], each record keyed by column name.

    `header` is the line (row) of the header row and `columns` the names in it (None and []
    for YAML, whose records name their own keys), `positions` each name's place in the row
    (0 for the first cell); `letters` maps each column to its column
    letter in a workbook ({} in a text file), so that a problem names the cell as Excel shows
    it (facts.xlsx[budget]!D3). `hidden` is the state of a hidden sheet ("hidden", "veryHidden"),
    which is not read: the table is empty."""

    def __init__(self, records=(), header: int | None = None, columns: list | None = None,
                 letters: dict | None = None, hidden: str | None = None, positions: dict | None = None):
        super().__init__(records)
        self.header = header
        self.columns = columns or []
        self.positions = positions or {}
        self.letters = letters or {}
        self.hidden = hidden


class CellRecord(dict):
    """A record whose values stand in cells of several rows (a form's header: 年度总体目标 in B5,
    the year in the title A2, 总分 in E15): `key_cells` gives each key's cell as Excel names it
    ("绩效目标表!B5"), also of a key left blank (where its value was looked for), () for a value
    read from no cell (the layout's)."""

    def __init__(self, values: dict, key_cells: dict):
        super().__init__(values)
        self.key_cells = key_cells


Schemas = Mapping[str, object]  # table name -> TableSchema (jixiao.load.table_schemas)


def find_header(label: str, rows: list[tuple[int, list]], schema, problems: Problems, unit: str) -> int | None:
    """The index in `rows` of the header row, or None (and a problem) when there is none.

    The header is the first non-empty row, unless a row below it names more of the schema's
    columns: then the rows above it (a title, a unit line) are one problem, naming where the
    header seems to be; the caller reads nothing more of the table, so no row below is
    misread against the title as its header. `unit` is how a person counts the rows: "line"
    in a text file, "row" in a sheet."""
    filled = _filled(rows, 1)
    if not filled:
        problems.add(label, Message("table.empty"))
        return None
    first = filled[0]
    names = set(schema.columns) if schema is not None else set()
    if schema is None or all(column_code(schema, _text(c)) in names for c in rows[first][1] if _text(c)):
        return first  # an unknown table (reported by the caller), or a header naming only columns
    filled = _filled(rows, HEADER_SEARCH)

    def named(index: int) -> list[str]:
        return list(dict.fromkeys(t for c in rows[index][1] if (t := column_code(schema, _text(c))) in names))

    best = max(filled, key=lambda i: (len(named(i)), -i))
    if not named(best):
        problems.add(label, Message("table.no_header", {"unit": Message(f"unit.{unit}"),
                                                        "table": Code(schema.name, schema.title)}),
                     line=rows[first][0], allowed=column_list(schema))
        return None
    if best != first:
        above = [_text(c) for i in filled if i < best for c in rows[i][1] if _text(c)]
        # the header as the sheet shows it (Chinese titles in a workbook jixiao wrote), not the codes
        typed = [_text(c) for c in rows[best][1] if column_code(schema, _text(c)) in names]
        shown = ", ".join(typed[:4]) + (", …" if len(typed) > 4 else "")
        problems.add(label, Message("table.header_below", {
                         "at": rows_said(unit, [rows[best][0]]), "shown": shown, "unit": Message(f"unit.{unit}"),
                         "above": rows_said(unit, [rows[i][0] for i in filled if i < best])}), found=above[:3])
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


_NOTE, _TOTAL = NOTE_ROW, TOTAL_WORDS  # a note or a total row under the table (input vocabulary)


def records_below(label: str, rows: list[tuple[int, list]], at: int, problems: Problems, unit: str,
                  schema=None) -> Table:
    """The header row rows[at] and one record per non-empty row below it, keyed by the header's
    column names. Each row that is no record is a problem of its own, and no record: a note,
    a total (unless the schema records totals: a column allowing `total`) or the header again
    (a second table) under the table, and in a text file (`unit` "line") a row with fewer
    cells than the header, whose values would stand in the wrong columns or be left out
    unnoticed (a sheet has no such rows: its empty cells are shown empty). Values beyond the
    header's last column are one problem for the table, not one per row. In a sheet (`unit`
    "row") the table knows each column's letter."""
    header_line, cells = rows[at]
    header = [column_code(schema, _text(c)) for c in cells]  # a title (实际拨付金额（万元）) names its column
    while header and not header[-1]:
        header.pop()  # trailing empty header cells, as spreadsheets leave them
    for i, column in enumerate(header):
        if not column and unit == "row":  # a sheet: the cell as Excel names it
            cell = f"{_letter(i + 1)}{header_line}"
            problems.add(f"{label}!{cell}", Message("input.empty_header_cell", {"cell": cell}))
        elif not column:
            problems.add(label, Message("table.empty_column_name", {"column": i + 1}), line=header_line)
        elif header.index(column) != i:
            problems.add(label, Message("table.named_twice"), line=header_line, key=column)
    width = len(header)
    totals_are_facts = _totals_are_facts(schema)
    records, beyond, short = [], [], {}
    body = rows[at + 1:]
    # A text file's row of exactly `width` cells, two or more of them filled, none padded with
    # spaces, naming a column or saying 合计, is a record as it stands (the checks below could
    # find nothing in it): such rows skip them. `odd` holds every cell text that is not plain so.
    odd = _odd_cells(body, header, totals_are_facts) if unit == "line" else None
    for line, cells in body:
        if odd is not None and len(cells) == width and width - cells.count("") > 1 \
                and (not odd or odd.isdisjoint(cells)):
            records.append((line, dict(zip(header, cells))))
            continue
        texts = [c.strip() for c in cells] if unit == "line" else [_text(c) for c in cells]  # CSV cells are text
        filled = [t for t in texts if t]
        if not filled:
            continue
        if _not_a_record(label, line, filled, unit, totals_are_facts, header, problems):
            continue
        if any(texts[width:]):
            beyond.append((line, [c for c in cells[width:] if _text(c)]))
            continue
        if unit == "line" and len(cells) < width:
            short.setdefault(len(cells), []).append(line)
            continue
        cells = list(cells[:width]) + [None] * (width - len(cells))
        records.append((line, dict(zip(header, cells))))
    if beyond:
        problems.add(label, Message("table.beyond", {"width": width, "rows": rows_said(unit, [b[0] for b in beyond])}),
                     line=beyond[0][0], found=beyond[0][1])
    for count, lines in short.items():
        lacking = ", ".join(_named(schema, c) for c in header[count:])
        said = Message("table.short" if len(lines) == 1 else "table.short_many",
                       {"rows": rows_said(unit, lines), "count": count, "width": width, "lacking": lacking})
        problems.add(label, said, line=lines[0],
                     found=f"{count} cells", allowed=Message("table.cells_allowed", {"width": width}))
    return Table(records, header=header_line, columns=[c for c in header if c],
                 positions={column: i for i, column in enumerate(header) if column})


def plain_table(rows: list[tuple[int, list]], schema) -> Table | None:
    """A text file's table as find_header and records_below make it, when that is plain: its
    first row names distinct columns of `schema` by their codes, and every row below is empty
    or a record as it stands (of the header's width, two or more cells filled, none padded,
    naming a column or saying 合计). None for any other table: those two say what is wrong."""
    if schema is None or not rows:
        return None
    header_line, header = rows[0]
    columns = schema.columns
    if not header or not all(c in columns for c in header) or len(set(header)) != len(header):
        return None
    width = len(header)
    body = rows[1:]
    odd = _odd_cells(body, header, _totals_are_facts(schema))
    records = []
    for line, cells in body:
        if len(cells) == width and width - cells.count("") > 1 and (not odd or odd.isdisjoint(cells)):
            records.append((line, dict(zip(header, cells))))
        elif cells:  # ([]: an empty line)
            return None
    return Table(records, header=header_line, columns=list(header), positions={c: i for i, c in enumerate(header)})


def _totals_are_facts(schema) -> bool:
    """Whether a total row is a fact of this table (a column allows `total`), not a row to refuse."""
    return schema is not None and any({"total", "subtotal"} & set(map(str, c.allowed)) for c in schema.columns.values())


def _odd_cells(rows: list[tuple[int, list]], header: list[str], totals_are_facts: bool) -> set:
    """The texts among the rows' cells that a record's row may not hold as they stand: padded
    with spaces (or only spaces), a column's name, or a total (unless totals are facts). The
    empty text is not among them (a row's empty cells are counted)."""
    names = set(header)
    odd = set()
    for text in set(chain.from_iterable(cells for _, cells in rows)):
        if text and (text in names or text.strip() != text
                     or (not totals_are_facts and text[0] in _TOTAL_FIRST and _is_total(text))):
            odd.add(text)
    return odd


def _not_a_record(label: str, line: int, filled: list[str], unit: str, totals_are_facts: bool,
                  header: list[str], problems: Problems) -> bool:
    """Whether a row is a note, a total or a second header under the table (then reported, once)."""
    if len(filled) > 1 and all(t in header for t in filled):
        problems.add(label, Message("table.header_again", {"rows": rows_said(unit, [line])}), line=line,
                     found=filled[:4] + (["…"] if len(filled) > 4 else []))
        return True
    if len(filled) == 1 and _NOTE.match(filled[0]):
        problems.add(label, Message("table.note_row", {"rows": rows_said(unit, [line])}), line=line,
                     found=filled[0] if len(filled[0]) <= 40 else filled[0][:40] + "…")
        return True
    if totals_are_facts:  # a total row is a fact of this table
        return False
    for total in filled:
        if _is_total(total):
            problems.add(label, Message("table.total_row", {"rows": rows_said(unit, [line])}), line=line,
                         found=total)
            return True
    return False


_SEPARATORS = re.compile(r"[\s:：]")
# What a total's text (unpadded) may begin with: a separator, or what a total word begins with
# in either case (no other character's lower case begins with one of these letters)
_TOTAL_FIRST = frozenset(":：" + "".join(w[0] + w[0].upper() for w in _TOTAL))


@functools.lru_cache(maxsize=4096)  # every cell of every row is asked, and cells repeat (yes, no, a role)
def _is_total(text: str) -> bool:
    """Whether a cell says 合计 / total (spaces and colons aside)."""
    return _SEPARATORS.sub("", text).lower() in _TOTAL


def column_list(schema) -> Joined:
    """A table's columns as a problem lists what is allowed: 批次编号（tranche）、… in Chinese,
    tranche, … in English."""
    return Joined(tuple(Code(c.name, c.title) for c in schema.columns.values()))


def _named(schema, column: str) -> str:
    """A column with its title, as problems name it."""
    return column_label(schema.columns.get(column) if schema is not None else None, column)


def rows_said(unit: str, numbers: list[int]) -> Message:
    """Rows ("row", "line" or "record") as a message names them: 第 3–5、9 行, rows 3–5, 9."""
    many = len(numbers) > 1
    return Message(f"rows.{unit}{'s' if many else ''}", {"numbers": unit_list(unit, numbers).split(" ", 1)[1]})


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


def _letter(number: int) -> str:
    """A column's letter as Excel shows it: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()
