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

import re

from openpyxl.utils import column_index_from_string, get_column_letter

from ..lang.targets import KIND_LETTERS, indicator_kind, normalize
from ..model.forms import FormLayout
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problem, Problems
from .form_book import BookSheet
from .form_cells import TITLE_ROWS, YEAR, Grid, filled
from .records import CellRecord, Table, rows_said

_BARE_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


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
        _hidden_values(worksheet, grid, label, problems)  # (refused; read on, so nothing else is said missing)
        layout = choose_layout(grid, layouts, label)
        form = path.stem if len(sheets) == 1 else f"{path.stem}:{worksheet.title}"
        for name, table in FormReader(grid, layout, form, problems).tables().items():
            if name in tables:
                tables[name].extend(table)
            else:
                tables[name] = table
    return [(name, f"{path.name}[{sheets[0].title}]" if len(sheets) == 1 else path.name, table)
            for name, table in tables.items()]


def _hidden_values(sheet: BookSheet, grid: Grid, label: str, problems: Problems) -> bool:
    """Rows and columns hidden in the sheet that hold values: one problem for the rows and one per
    column, as a fact workbook's (a printed or published form shows none of them, and a row
    hidden rather than deleted may be a template's leftover or a row that counts). Whether any."""
    rows = sorted({r for r, _ in grid.values if r in sheet.hidden_rows})
    if rows:
        problems.add(label, Message("workbook.hidden_row" + ("s" if len(rows) > 1 else ""),
                                    {"rows": rows_said("row", rows)}), line=rows[0],
                     found=[t for (r, _), t in sorted(grid.values.items()) if r == rows[0]][:4],
                     allowed=Message("workbook.hidden_rows_allowed"))
    columns = sorted({c for _, c in grid.values if c in sheet.hidden_columns})
    for column in columns:
        letter = get_column_letter(column)
        problems.add(f"{label}!{letter}:{letter}", Message("workbook.hidden_column"),
                     found=[t for (_, c), t in sorted(grid.values.items()) if c == column][:4],
                     allowed=Message("workbook.hidden_column_allowed"))
    return bool(rows or columns)


def choose_layout(grid: Grid, layouts, label: str) -> FormLayout:
    # every cell's text in one string, cells apart (a label is never split across two cells)
    texts = "\0".join(text for _, _, text in grid.ordered)

    def missing(layout: FormLayout) -> list[str]:
        return [s for s in layout.signature if normalize(s) not in texts]

    fitting = sorted((lay for lay in layouts if not missing(lay)), key=lambda lay: -len(lay.signature))
    if fitting:
        return fitting[0]
    nearest = min(layouts, key=lambda lay: (len(missing(lay)), lay.id))
    raise InputError([Problem.said(label, Message("form.unknown_layout", {
        "id": nearest.id, "name": nearest.name, "labels": Joined(tuple(missing(nearest)), "、", "、")}),
        allowed=Message("form.unknown_layout_allowed", {"layouts": ", ".join(lay.id for lay in layouts)}))])


class FormReader:
    """One sheet read with one layout."""

    def __init__(self, grid: Grid, layout: FormLayout, form: str, problems: Problems | None = None):
        self.grid, self.layout, self.form = grid, layout, form
        self.problems = problems if problems is not None else Problems()

    def tables(self) -> dict[str, Table]:
        header_line, title, year, (title_at, year_at) = self._title()
        funds = self._funds()
        indicators, end = self._indicators()
        amount_unit, unit_at = self._amount_unit()
        header = {"form": self.form, "kind": self.layout.kind, "layout": self.layout.id, "title": title,
                  "year": year, "amount_unit": amount_unit}
        # each field's cell (a blank one's: where it was looked for), so that a finding about the
        # goal or the year names that cell, not the form's rows; the form's name and kind are no cell's
        found = {"title": title_at, "year": year_at or title_at, "amount_unit": unit_at}
        letters = {}
        for field, label in self.layout.header.items():
            header[field], found[field] = self._beside(label)
        goals, goal_cells = self._goals()
        header.update(goals)
        found.update(goal_cells)
        total_line = None
        if end is not None and self._is_total(end):
            total_line = end
            header_letters, values, total_cells = self._total(end)
            header.update(values)
            letters.update(header_letters)
            found.update(total_cells)
        if self.layout.funds_weight is not None:
            header["execution_points"] = f"{self.layout.funds_weight}"
        beside = [self._beside(label) for label in self.layout.deviation_rows]
        deviations = [d for d, _ in beside if d]
        if deviations:
            header["deviation_text"] = "\n".join(deviations)
            found["deviation_text"] = tuple(at for d, at in beside if d)
        cells = {"form": (), "kind": (), "layout": (), "execution_points": ()}
        for field, at in found.items():
            if at:
                cells[field] = tuple(self.grid.cell(*a) for a in at) if isinstance(at[0], tuple) \
                    else (self.grid.cell(*at),)
        record = CellRecord({k: v for k, v in header.items() if v not in (None, "")}, cells)
        head = Table([(total_line or header_line, record)], letters=letters if total_line else {})
        return {"form_header": head, "form_funds": funds, "form_indicators": indicators}

    def _title(self) -> tuple[int, str, str, tuple]:
        """The title's row, the title, the year it names and (the title's cell, the year's cell)."""
        words = [normalize(w) for w in self.layout.title]
        first = self.grid.rows[0]
        lines = self.grid.rows[:TITLE_ROWS]
        title = ""
        year = ""
        title_at = year_at = None
        for r in lines:
            cells = self.grid.row_cells(r)
            text = "".join(t for _, t in cells)
            if not title and any(w in text for w in words):
                title, first = text, r
                title_at = (r, next((c for c, t in cells if any(w in t for w in words)), cells[0][0]))
            match = YEAR.search(text)
            if match and not year and (any(w in text for w in words) or "年度" in text):
                year = match.group(1)
                year_at = (r, next((c for c, t in cells if YEAR.search(t)), cells[0][0]))
        return first, title, year, (title_at, year_at)

    def _amount_unit(self) -> tuple[str, tuple[int, int] | None]:
        """The funds' unit and the cell saying 元; 万元 (the template's) said by no cell."""
        for at, t in self.grid.values.items():
            text = normalize(t)
            if ("项目资金" in text or "预算执行情况" in text or "资金情况" in text) and "(元)" in text:
                return "元", at
        return "万元", None

    def _beside(self, label: str) -> tuple[str, tuple[int, int] | None]:
        """The value right of a label (a 项目名称 cell and its value), or after its colon, and its
        cell: a blank value's is the first cell right of the label (the label's own when another
        label stands there, or the value follows the colon); None when the label is not there."""
        at = self.grid.find(label, start=True)
        if at is None:
            return "", None
        r, c = at
        own = normalize(self.grid.values[at])
        rest = re.sub(r"^[:：]", "", own[len(normalize(label)):])
        rest = re.sub(r"^\([^)]*\)[:：]?", "", rest)  # 实施单位(盖章)
        if rest:
            return rest, at
        first = None
        for col in range(c + 1, self.grid.max_col + 1):
            if self.grid.is_covered(r, col):
                continue
            first = first or (r, col)
            text = self.grid.own(r, col)
            if text:
                labels = [normalize(v) for v in self.layout.header.values()]
                if any(normalize(text).startswith(lab) for lab in labels):
                    return "", (first if first != (r, col) else at)
                return text, (r, col)
        return "", first or at

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
            record.update({f: self.grid.own(r, c) for f, c in columns.items() if filled(self.grid.own(r, c))})
            if _BARE_NUMBER.match(record.get("rate", "")) and float(record["rate"]) > 2:
                # 执行率 is printed as a percentage: 95 typed without its sign is 95 %, not 9500 %
                # (a ratio above 2, 200 %, is no execution rate); 0.95 and 1.2 stay ratios
                record["rate"] += "%"
            records.append((r, record))
        return Table(records, letters={f: get_column_letter(c) for f, c in columns.items()})

    def _goals(self) -> tuple[dict, dict]:
        """The 年度总体目标 texts below their labels, and the cell of each (also of a blank one)."""
        found, cells = {}, {}
        for field, label in self.layout.goals.items():
            at = self.grid.find(label, start=True)
            if at is None:
                continue
            r, c = at
            below = next((x for x in self.grid.rows if x > r), None)
            if below is None:
                continue
            cells[f"goal_{field}"] = self.grid.anchor.get((below, c), (below, c))
            if self.grid.text(below, c):
                found[f"goal_{field}"] = self.grid.text(below, c)
        return found, cells

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
            self._merged_numbers(r, columns, own)
            for field in ("level1", "level2", "level3", "actual", "points", "score", "deviation"):
                value = cell.get(field) if field in ("level1", "level2") else own.get(field)
                if field in ("points", "score") and not filled(value):
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
            # where the target and actual stand: named when one cannot be read (report/form_requests)
            for field, at in (("target", columns.get("target", columns.get("target_value"))),
                              ("actual", columns.get("actual"))):
                if at is not None:
                    record[f"{field}_cell"] = f"{get_column_letter(at)}{r}"
            records.append((r, record))
        letters = {f: get_column_letter(c) for f, c in columns.items() if f in ("points", "score")}
        if "target" in columns or "target_value" in columns:
            letters["target"] = get_column_letter(columns.get("target", columns.get("target_value", 1)))
        return Table(records, letters=letters), end

    def _merged_numbers(self, r: int, columns: dict[str, int], own: dict[str, str]) -> None:
        """A 分值 or 得分 cell of an indicator row covered by a merged cell that holds a number
        anchored elsewhere (two rows' 得分 merged into one, or 分值 and 得分 merged across) is a
        problem naming both cells: read from the top-left only, it would leave this row without
        its number, silently."""
        for field in ("points", "score"):
            c = columns.get(field)
            if c is None or own.get(field) or not self.grid.is_covered(r, c):
                continue
            top = self.grid.anchor[(r, c)]
            if filled(self.grid.values.get(top, "")):
                title = self.layout.indicator_columns.get(field, field)
                self.problems.add(self.grid.ref(r, c), Message("form.merged_value", {
                    "column": title, "anchor": self.grid.ref(*top).split("!")[-1]}),
                    found=self.grid.values[top], allowed=Message("form.merged_value_allowed"))

    def _row_text(self, r: int) -> str:
        return "".join(t for _, t in self.grid.row_cells(r))

    def _is_total(self, r: int) -> bool:
        cells = self.grid.row_cells(r)
        return bool(cells) and any(cells[0][1].startswith(normalize(t)) for t in self.layout.total)

    def _is_deviation_row(self, r: int) -> bool:
        cells = self.grid.row_cells(r)
        return bool(cells) and any(cells[0][1].startswith(normalize(t)) for t in self.layout.deviation_rows)

    def _total(self, r: int) -> tuple[dict, dict, dict]:
        """The printed total: its weight and score in the indicator block's columns (else the
        first numbers right of the label) and, for a layout that prints it, the grade beside it;
        (their column letters, their values, their cells)."""
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
        cells = {key: (r, column_index_from_string(letter)) for key, letter in letters.items()}
        if self.layout.grade_beside_total:
            used = {letters.get("total_score"), letters.get("total_points")}
            rest = [(c, t) for c, t in after if get_column_letter(c) not in used]
            if rest:  # the grade, and its cell, which a finding about it names (form-grade-not-a-band)
                c, values["grade"] = rest[-1]
                letters["grade"] = get_column_letter(c)
                values["grade_cell"] = f"{letters['grade']}{r}"
                cells["grade"] = (r, c)
        return letters, values, cells
