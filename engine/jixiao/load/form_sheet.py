"""A self-evaluation form (项目支出绩效自评表) saved as an Excel workbook, read with its layout
(rules/forms/layouts/) into the fact tables form_header, form_funds and form_indicators.

A workbook is a form when none of its sheets is named as a fact table and a sheet's first rows
hold a layout's title word (自评表, 绩效目标表). Each visible sheet that is a form is one form,
named by the file (`<file>` or `<file>:<sheet>` when the workbook holds several). The layout is
the one whose labels all appear in the sheet (the most specific when several do); a sheet that
matches none is refused, naming the labels the nearest layout misses.

Merged cells are read as the form shows them: a label or value merged over several cells stands
in its top-left cell, and a 一级 / 二级指标 merged down its rows applies to each of them (a blank
一级 / 二级 cell repeats the one above, as copies pasted from Word leave them). Each value keeps
the cell it came from, so a value that does not fit its column is named as Excel names it
(`form.xlsx[自评表]!H12`). Excel error values are refused by cell.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import openpyxl  # (imported when a workbook is read: jixiao.load.readers imports this module lazily)
from openpyxl.utils import get_column_letter, range_boundaries

from ..lang.targets import KIND_LETTERS, indicator_kind, normalize
from ..model.forms import FormLayout
from ..model.problems import InputError, Problem, Problems
from .form_book import BookCell, BookSheet, read_book
from .records import Table
from .titles import table_code

TITLE_ROWS = 4  # rows searched for the title
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_DASHES = {"—", "-", "——", "－", "/", "／", "--", "―"}  # a cell the template leaves as not applicable
_ERRORS = ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!")
# Chinese text: Han ideographs, CJK punctuation (not the ideographic space) and full-width forms
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff60"
# A space between two Chinese characters is a line wrap of the page the form was copied from
# (“纳入医 保统筹”); a line break is one too, unless it ends a sentence or a clause.
_WRAP_SPACE = re.compile(f"(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[{_CJK}])")
_WRAP_BREAK = re.compile(f"(?<=[{_CJK}])(?<![。！？；])[ \t\u3000\u00a0]*\r?\n[ \t\u3000\u00a0]*(?=[{_CJK}])")


def _filled(text: str) -> bool:
    """A number cell holding something other than the template's dash for "not applicable"."""
    return bool(text) and normalize(text) not in _DASHES


class Grid:
    """A sheet's cells as text, with merged ranges resolved: `text(r, c)` is the cell's own text,
    or its merged range's when (r, c) lies inside one; `own(r, c)` is only what the cell holds."""

    def __init__(self, sheet: BookSheet, label: str, problems: Problems):
        self.label = label
        self.values: dict[tuple[int, int], str] = {}
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        for cell in sheet.cells:
            text = _text(cell, label, problems)
            if text:
                self.values[(cell.row, cell.column)] = text
        for merged in sheet.merged:
            min_col, min_row, max_col, max_row = range_boundaries(merged)
            top = (min_row, min_col)
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    if (r, c) != top:
                        self.anchor[(r, c)] = top
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


def _text(cell, label: str, problems: Problems) -> str:
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "e" or (isinstance(value, str) and value.strip() in _ERRORS):
        problems.add(f"{label}!{cell.coordinate}", "Excel 错误值 an Excel error value: the cell shows no value",
                     found=str(value), allowed="a value typed in, or a formula that computes")
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
    return _WRAP_SPACE.sub("", _WRAP_BREAK.sub("", text.strip()))


def form_book(raw: bytes, schemas, layouts) -> list[BookSheet] | None:
    """The workbook's sheets when it is a self-evaluation form: no sheet named as a fact table,
    and a title word of some layout in the first rows of a sheet; else None."""
    if not layouts:
        return None
    book = read_book(raw)
    if book is None:
        book = _with_openpyxl(raw)
    if book is None or any(table_code(sheet.title, schemas) in schemas for sheet in book):
        return None
    words = {normalize(w) for layout in layouts for w in layout.title}
    for sheet in book:
        rows: dict[int, list] = {}
        for cell in sheet.cells:
            if cell.row <= TITLE_ROWS:
                rows.setdefault(cell.row, []).append(cell.value)
        for values in rows.values():
            text = normalize("".join(str(v) for v in values if v is not None))
            if any(w in text for w in words):
                return book
    return None


def _with_openpyxl(raw: bytes) -> list[BookSheet] | None:
    """A package jixiao.load.form_book does not understand, read by openpyxl (slower: every
    merged cell gets a style object); None when it is no workbook."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)  # not read-only: merged ranges
    except Exception:
        return None  # not a workbook: the ordinary reader says what it is
    return [BookSheet(ws.title, ws.sheet_state or "visible",
                      [BookCell(c.row, c.column, c.coordinate, c.value, c.data_type, c.number_format)
                       for row in ws.iter_rows() for c in row if c.value is not None],
                      [str(r) for r in ws.merged_cells.ranges]) for ws in workbook.worksheets]


def read_forms(book: list[BookSheet], path, layouts, problems: Problems) -> list[tuple[str, str, Table | None]]:
    """The tables of every form in the workbook (its sheets, from form_book): (form_header |
    form_funds | form_indicators, label, Table). Raises InputError when a sheet matches no
    layout (the reason named)."""
    sheets = [sheet for sheet in book if sheet.sheet_state == "visible"]
    tables: dict[str, Table] = {}
    for worksheet in sheets:
        label = f"{path.name}[{worksheet.title}]"
        grid = Grid(worksheet, label, problems)
        if not grid.values:
            continue
        layout = choose_layout(grid, layouts, label)
        form = path.stem if len(sheets) == 1 else f"{path.stem}:{worksheet.title}"
        for name, table in FormReader(grid, layout, form).tables().items():
            if name in tables:
                tables[name].extend(table)
            else:
                tables[name] = table
    return [(name, f"{path.name}[{sheets[0].title}]" if len(sheets) == 1 else path.name, table)
            for name, table in tables.items()]


def choose_layout(grid: Grid, layouts, label: str) -> FormLayout:
    # every cell's text in one string, cells apart (a label is never split across two cells)
    texts = "\0".join(text for _, _, text in grid.ordered)

    def missing(layout: FormLayout) -> list[str]:
        return [s for s in layout.signature if normalize(s) not in texts]

    fitting = sorted((lay for lay in layouts if not missing(lay)), key=lambda lay: -len(lay.signature))
    if fitting:
        return fitting[0]
    nearest = min(layouts, key=lambda lay: (len(missing(lay)), lay.id))
    raise InputError([Problem(
        label, f"无法识别的表样 a form of unknown layout: the nearest layout, {nearest.id} ({nearest.name}), "
               f"needs the labels {'、'.join(missing(nearest))}, which the sheet does not hold",
        allowed="a layout of rules/forms/layouts/: " + ", ".join(lay.id for lay in layouts)
                + "; or describe this one as a layout file (docs/authoring.md)")])


class FormReader:
    """One sheet read with one layout."""

    def __init__(self, grid: Grid, layout: FormLayout, form: str):
        self.grid, self.layout, self.form = grid, layout, form

    def tables(self) -> dict[str, Table]:
        header_line, title, year = self._title()
        funds = self._funds()
        indicators, end = self._indicators()
        header = {"form": self.form, "kind": self.layout.kind, "layout": self.layout.id, "title": title,
                  "year": year, "amount_unit": self._amount_unit()}
        letters = {}
        for field, label in self.layout.header.items():
            header[field] = self._beside(label)
        header.update(self._goals())
        total_line = None
        if end is not None and self._is_total(end):
            total_line = end
            header_letters, values = self._total(end)
            header.update(values)
            letters.update(header_letters)
        if self.layout.funds_weight is not None:
            header["execution_points"] = f"{self.layout.funds_weight}"
        deviations = [self._beside(label) for label in self.layout.deviation_rows]
        if any(deviations):
            header["deviation_text"] = "\n".join(d for d in deviations if d)
        head = Table([(total_line or header_line, {k: v for k, v in header.items() if v not in (None, "")})],
                     letters=letters if total_line else {})
        return {"form_header": head, "form_funds": funds, "form_indicators": indicators}

    def _title(self) -> tuple[int, str, str]:
        words = [normalize(w) for w in self.layout.title]
        first = self.grid.rows[0]
        lines = self.grid.rows[:TITLE_ROWS]
        title = ""
        year = ""
        for r in lines:
            text = "".join(t for _, t in self.grid.row_cells(r))
            if not title and any(w in text for w in words):
                title, first = text, r
            match = _YEAR.search(text)
            if match and not year and (any(w in text for w in words) or "年度" in text):
                year = match.group(1)
        return first, title, year

    def _amount_unit(self) -> str:
        for t in self.grid.values.values():
            text = normalize(t)
            if ("项目资金" in text or "预算执行情况" in text or "资金情况" in text) and "(元)" in text:
                return "元"
        return "万元"

    def _beside(self, label: str) -> str:
        """The value right of a label (a 项目名称 cell and its value), or after its colon."""
        at = self.grid.find(label, start=True)
        if at is None:
            return ""
        r, c = at
        own = normalize(self.grid.values[at])
        rest = re.sub(r"^[:：]", "", own[len(normalize(label)):])
        rest = re.sub(r"^\([^)]*\)[:：]?", "", rest)  # 实施单位(盖章)
        if rest:
            return rest
        for col in range(c + 1, self.grid.max_col + 1):
            if self.grid.is_covered(r, col):
                continue
            text = self.grid.own(r, col)
            if text:
                labels = [normalize(v) for v in self.layout.header.values()]
                return "" if any(normalize(text).startswith(lab) for lab in labels) else text
        return ""

    def _columns(self, fields: dict, row: int, below: bool) -> tuple[dict[str, int], bool]:
        """field -> column of its label in the header row (and the row below, for a split header);
        whether the row below held some of them. Exact labels first, then the cell that starts
        with the label, then one that holds it."""
        rows = [row, row + 1] if below else [row]
        found, used_below = {}, False
        for field, label in fields.items():
            wanted = normalize(label)
            best = None
            for r in rows:
                for c, text in self.grid.row_cells(r):
                    rank = 0 if text == wanted else 1 if text.startswith(wanted) else 2 if wanted in text else None
                    if rank is not None and (best is None or (rank, r, c) < best):
                        best = (rank, r, c)
            if best is not None:
                found[field] = best[2]
                used_below = used_below or best[1] != row
        return found, used_below

    def _funds(self) -> Table:
        layout = self.layout
        if not layout.funds_columns:
            return Table()
        first = next(iter(layout.funds_columns.values()))
        at = self.grid.find(first)
        if at is None:
            return Table()
        head = at[0]
        columns, _ = self._columns(layout.funds_columns, head, False)
        left = min(columns.values())
        records = []
        for r in [r for r in self.grid.rows if r > head]:
            label = "".join(normalize(self.grid.own(r, c)) for c in range(1, left))
            if not label:
                if any(self.grid.own(r, c) for c in columns.values()):
                    continue
                continue
            kind = next((k for k, labels in layout.funds_rows.items()
                         if any(normalize(lab) in label for lab in labels)), None)
            if kind is None:
                if records:
                    break  # the block ended
                continue
            record = {"form": self.form, "row_kind": kind, "row_label": label}
            record.update({f: self.grid.own(r, c) for f, c in columns.items() if _filled(self.grid.own(r, c))})
            records.append((r, record))
        return Table(records, letters={f: get_column_letter(c) for f, c in columns.items()})

    def _goals(self) -> dict:
        if not self.layout.goals:
            return {}
        found = {}
        for field, label in self.layout.goals.items():
            at = self.grid.find(label, start=True)
            if at is None:
                continue
            r, c = at
            below = next((x for x in self.grid.rows if x > r), None)
            if below is not None and self.grid.text(below, c):
                found[f"goal_{field}"] = self.grid.text(below, c)
        return found

    def _indicators(self) -> tuple[Table, int | None]:
        layout = self.layout
        at = self.grid.find(layout.indicator_columns.get("level3", "三级指标"))
        if at is None:
            return Table(), None
        head = at[0]
        columns, split = self._columns(layout.indicator_columns, head, True)
        start = head + (2 if split else 1)
        records, counters, previous = [], {}, {"level1": "", "level2": ""}
        end = None
        for r in [r for r in self.grid.rows if r >= start]:
            if self._is_total(r) or self._is_deviation_row(r):
                end = r
                break
            cell = {f: self.grid.text(r, c) for f, c in columns.items()}
            own = {f: self.grid.own(r, c) for f, c in columns.items()}
            for level in ("level1", "level2"):
                if not cell.get(level):
                    cell[level] = previous[level]
                previous[level] = cell.get(level, "")
            body = [f for f in columns if f not in ("level1", "level2")]
            if not any(own.get(f) for f in body) and not own.get("level2"):
                continue
            record = {"form": self.form}
            for field in ("level1", "level2", "level3", "actual", "points", "score", "deviation"):
                value = cell.get(field) if field in ("level1", "level2") else own.get(field)
                if field in ("points", "score") and not _filled(value):
                    continue
                if value:
                    record[field] = value
            target = own.get("target") or "".join(own.get(f, "") for f in ("target_op", "target_value", "target_unit"))
            if target:
                record["target"] = target
            kind = indicator_kind(cell.get("level1"), cell.get("level2"))
            counters[kind] = counters.get(kind, 0) + 1
            record["code"] = f"{KIND_LETTERS[kind]}{counters[kind]}"
            record["position"] = str(len(records) + 1)
            records.append((r, record))
        letters = {f: get_column_letter(c) for f, c in columns.items() if f in ("points", "score")}
        if "target" in columns or "target_value" in columns:
            letters["target"] = get_column_letter(columns.get("target", columns.get("target_value", 1)))
        return Table(records, letters=letters), end

    def _row_text(self, r: int) -> str:
        return "".join(t for _, t in self.grid.row_cells(r))

    def _is_total(self, r: int) -> bool:
        cells = self.grid.row_cells(r)
        return bool(cells) and any(cells[0][1].startswith(normalize(t)) for t in self.layout.total)

    def _is_deviation_row(self, r: int) -> bool:
        cells = self.grid.row_cells(r)
        return bool(cells) and any(cells[0][1].startswith(normalize(t)) for t in self.layout.deviation_rows)

    def _total(self, r: int) -> tuple[dict, dict]:
        """The printed total: its weight and score in the indicator block's columns (else the
        first numbers right of the label) and, for a layout that prints it, the grade beside it."""
        head = self.grid.find(self.layout.indicator_columns.get("level3", "三级指标"))
        columns, _ = self._columns(self.layout.indicator_columns, head[0], True) if head else ({}, False)
        label_col = self.grid.row_cells(r)[0][0]
        after = [(c, self.grid.own(r, c)) for c in range(label_col + 1, self.grid.max_col + 1) if self.grid.own(r, c)]
        values, letters = {}, {}
        for field, key in (("points", "total_points"), ("score", "total_score")):
            c = columns.get(field)
            if c is not None and self.grid.own(r, c):
                values[key], letters[key] = self.grid.own(r, c), get_column_letter(c)
        if "total_points" not in values and "total_score" not in values and after:
            keys = ["total_points", "total_score"] if "points" in columns else ["total_score"]
            for key, (c, text) in zip(keys, after):
                values[key], letters[key] = text, get_column_letter(c)
        if self.layout.grade_beside_total:
            used = {letters.get("total_score"), letters.get("total_points")}
            rest = [t for c, t in after if get_column_letter(c) not in used]
            if rest:
                values["grade"] = rest[-1]
        return letters, values
