"""The cells of a self-evaluation form's sheets as text (jixiao.load.form_sheet reads the form
from them): a workbook recognised as a form (form_book), each sheet's cells with merged ranges
resolved (Grid), a cell's value as the form shows it (a date as 2017年6月30日, a percentage as
typed, a line wrap of a copied page removed), Excel error values refused by cell.

The Chinese here is input vocabulary: what a form holds and jixiao reads (the year in its title,
是 / 否 for a yes/no cell), not words jixiao says.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

import openpyxl  # (imported when a workbook is read: jixiao.load.readers imports this module lazily)
from openpyxl.utils import get_column_letter, range_boundaries

from ..lang.targets import normalize
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problem, Problems
from .form_book import BookCell, BookSheet, read_book
from .titles import table_code

TITLE_ROWS = 4  # rows searched for the title
YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
DASHES = {"—", "-", "——", "－", "/", "／", "--", "―"}  # a cell the template leaves as not applicable
_ERRORS = ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!")
# Chinese text: Han ideographs, CJK punctuation (not the ideographic space) and full-width forms
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff60"
# A space between two Chinese characters is a line wrap of the page the form was copied from
# (“纳入医 保统筹”); a line break is one too, unless it ends a sentence or a clause.
_WRAP_SPACE = re.compile(f"(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[{_CJK}])")
_WRAP_BREAK = re.compile(f"(?<=[{_CJK}])(?<![。！？；])[ \t\u3000\u00a0]*\r?\n[ \t\u3000\u00a0]*(?=[{_CJK}])")
_WRAPS = re.compile("[ \t\u3000\u00a0\n]")  # what either of them needs (most cells have none)


def filled(text: str) -> bool:
    """A number cell holding something other than the template's dash for "not applicable"."""
    return bool(text) and normalize(text) not in DASHES


class Grid:
    """A sheet's cells as text, with merged ranges resolved: `text(r, c)` is the cell's own text,
    or its merged range's when (r, c) lies inside one; `own(r, c)` is only what the cell holds."""

    def __init__(self, sheet: BookSheet, label: str, problems: Problems):
        self.label, self.sheet = label, sheet.title
        self.values: dict[tuple[int, int], str] = {}
        for cell in sheet.cells:
            text = _text(cell, label, problems)
            if text:
                self.values[(cell.row, cell.column)] = text
        self.anchor: Mapping[tuple[int, int], tuple[int, int]] = _anchors(tuple(sheet.merged))
        self.rows = sorted({r for r, _ in self.values} | {r for r, _ in self.anchor})
        self.max_col = max((c for _, c in [*self.values, *self.anchor]), default=0)
        # each cell's normalized text, in row order, and by row: what find and row_cells search
        self.ordered = [(r, c, normalize(t)) for (r, c), t in sorted(self.values.items())]
        self.by_row: dict[int, list[tuple[int, str]]] = {}
        for r, c, text in self.ordered:
            self.by_row.setdefault(r, []).append((c, text))

    def text(self, r: int, c: int) -> str:
        return self.values.get(self.anchor.get((r, c), (r, c)), "")

    def own(self, r: int, c: int) -> str:
        return "" if (r, c) in self.anchor else self.values.get((r, c), "")

    def is_covered(self, r: int, c: int) -> bool:
        return (r, c) in self.anchor

    def row_cells(self, r: int) -> list[tuple[int, str]]:
        """(column, normalized text) of each cell holding text in row r, merged ones once."""
        return self.by_row.get(r, [])

    def find(self, label: str, rows=None, start: bool = False) -> tuple[int, int] | None:
        """The first cell (row order) whose normalized text holds (or starts with) `label`."""
        wanted = normalize(label)
        for r, c, text in self.ordered:
            if rows is not None and r not in rows:
                continue
            if (text.startswith(wanted) if start else wanted in text):
                return r, c
        return None

    def ref(self, r: int, c: int) -> str:
        return f"{self.label}!{get_column_letter(c)}{r}"

    def cell(self, r: int, c: int) -> str:
        """The cell as Excel names it in a formula: 绩效目标表!B5."""
        return f"{self.sheet}!{get_column_letter(c)}{r}"


@functools.lru_cache(maxsize=256)  # the forms of one template share their merged ranges
def _anchors(merged: tuple[str, ...]) -> Mapping[tuple[int, int], tuple[int, int]]:
    """Each cell covered by a merged range (not its top-left one) -> the range's top-left cell."""
    anchor = {}
    for ref in merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        top = (min_row, min_col)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != top:
                    anchor[(r, c)] = top
    return MappingProxyType(anchor)


def _text(cell, label: str, problems: Problems) -> str:
    value = cell.value
    if value is None:
        return ""
    if type(value) is str and cell.data_type != "e" and value.strip() not in _ERRORS:  # most cells: text
        return unwrapped(value)
    if cell.data_type == "e" or (isinstance(value, str) and value.strip() in _ERRORS):
        problems.add(f"{label}!{cell.coordinate}", Message("form.error_value"), found=str(value),
                     allowed=Message("form.error_value_allowed"))
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (cell.number_format or ""):  # a ratio shown as a percentage: read as shown
            return f"{(number * 100).normalize():f}%"
        return f"{number.normalize():f}" if number == number.to_integral() else f"{number:f}"
    return unwrapped(str(value))


def unwrapped(text: str) -> str:
    """A text cell as the form means it: stripped, and the spaces and line breaks a copied page
    left between two Chinese characters removed (“纳入医 保统筹” → “纳入医保统筹”). Spaces
    between Latin words or numbers, or between Chinese and Latin (“(50分) 产出”, “新型 (个)”),
    stay, and so does a line break after 。！？；."""
    text = text.strip()
    return _WRAP_SPACE.sub("", _WRAP_BREAK.sub("", text)) if _WRAPS.search(text) else text


def form_book(raw: bytes, schemas, layouts, label: str = "", forms_only: bool = False) -> list[BookSheet] | None:
    """The workbook's sheets when it is a self-evaluation form: no sheet named as a fact table,
    and a title word of some layout in the first rows of a sheet; else None. `forms_only`: the
    case's scheme is read from forms (a form folder), so a workbook none of whose sheets is a form
    or a fact table is no table to look up either: InputError naming the file (`label`), its
    sheets (an empty one said so) and the title words looked for."""
    if not layouts:
        return None
    book = read_book(raw)
    if book is None:
        book = _with_openpyxl(raw)
    if book is None or any(table_code(sheet.title, schemas) in schemas for sheet in book):
        return None
    words = list(dict.fromkeys(normalize(w) for layout in layouts for w in layout.title))
    for sheet in book:
        rows: dict[int, list] = {}
        for cell in sheet.cells:
            if cell.row <= TITLE_ROWS:
                rows.setdefault(cell.row, []).append(cell.value)
        for values in rows.values():
            text = normalize("".join(str(v) for v in values if v is not None))
            if any(w in text for w in words):
                return book
    if forms_only:
        sheets = tuple(Message("form.sheet_empty", {"sheet": s.title}) if not s.cells else f"“{s.title}”" for s in book)
        raise InputError([Problem.said(label, Message("form.no_form_sheet", {"sheets": Joined(sheets)}),
                                       allowed=Message("form.no_form_sheet_allowed", {
                                           "rows": TITLE_ROWS, "words": Joined(tuple(f"“{w}”" for w in words))}))])
    return None


def _with_openpyxl(raw: bytes) -> list[BookSheet] | None:
    """A package jixiao.load.form_book does not understand, read by openpyxl (slower: every
    merged cell gets a style object); None when it is no workbook."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)  # not read-only: merged ranges
    except Exception:
        return None  # not a workbook: the ordinary reader says what it is
    # a formula no spreadsheet has computed has no value: what was typed is read instead (as
    # jixiao.load.form_book reads it), e.g. a target “=100%”
    typed = openpyxl.load_workbook(io.BytesIO(raw))
    return [BookSheet(ws.title, ws.sheet_state or "visible",
                      [cell for row in ws.iter_rows() for c in row
                       if (cell := _computed_or_typed(c, typed[ws.title])) is not None],
                      [str(r) for r in ws.merged_cells.ranges],
                      {n for n, dimension in ws.row_dimensions.items() if dimension.hidden},
                      {c for dimension in ws.column_dimensions.values() if dimension.hidden
                       for c in range(dimension.min or 1, min(dimension.max or dimension.min or 1, 16384) + 1)})
            for ws in workbook.worksheets]


def _computed_or_typed(cell, typed_sheet) -> BookCell | None:
    """A cell's stored value; a formula's text ("=…", as text) when it has none; None when empty."""
    if cell.value is not None:
        return BookCell(cell.row, cell.column, cell.coordinate, cell.value, cell.data_type, cell.number_format)
    typed = typed_sheet[cell.coordinate].value
    if isinstance(typed, str) and typed.startswith("="):
        return BookCell(cell.row, cell.column, cell.coordinate, typed, "s", cell.number_format)
    return None
