"""Excel workbooks (.xlsx) as fact tables: one table per sheet, each cell read as what the sheet
really holds, or refused with the cell named the way Excel users find it
(`facts.xlsx[disbursements]!I3`).

Refused, because the value read would not be the value a person sees or typed:
- a formula without a computed value (workbooks written by scripts), or in a workbook that asks
  to be recalculated on opening (its stored results may be placeholders);
- an Excel error value (#N/A, #REF!, …);
- in a text column, a number Excel cannot hold exactly (more than 15 significant digits: an
  18-digit code loses its last digits), a number shown through a format (000123, 40%), or a
  date (Excel turns codes such as 1-2 or 2017-08 into dates);
- in a date column, a date shown without its year or month (Excel stores the year it was
  typed in);
- in a date column, a date shown without its day (2017年6月) that holds a day other than the
  first (2017-06-15): the sheet shows the month, the cell a day no one sees;
- merged cells in the table: only the first cell holds the value;
- values in hidden rows (hidden by hand, collapsed, or filtered out) or hidden columns, and
  hidden sheets: jixiao would read what no one sees in Excel.

Dates are read as the sheet shows them: a date formatted without its day (2017年10月, Oct-17)
on the first of the month is the month, 2017-10, as when it is typed in a text file; a date
and time shown without the time is the day shown. The East Asian built-in date formats
(numFmtId 27–36, 50–58), which openpyxl does not know, are dates (zh-CN forms).

A file that is no workbook says what it seems to be: an Excel 97–2003 workbook (.xls) or a
password-protected one (both OLE2 files), a damaged workbook, or another kind of file.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError

# Imported only when a workbook is read (jixiao.load.readers imports this module then): openpyxl
# takes a tenth of a second to import, which a check of CSV and YAML facts need not pay.
import openpyxl
from openpyxl.utils import column_index_from_string, coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel

from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems
from ..model.vocabulary import EAST_ASIAN_FORMATS, INSTRUCTIONS_SHEET
from .records import HEADER_SEARCH, Schemas, Table, find_header, records_below, rows_said
from .sheet_xml import DAMAGED_SHEET, SAVE_AGAIN, SheetXml, recalculates_on_opening, scan
from .titles import column_code, column_label, table_code

EXACT_DIGITS = 15  # significant digits an Excel number keeps
TEXT_FORMATS = ("General", "@")  # number formats that show a number as it is stored


def read_workbook(raw: bytes, path: Path, schemas: Schemas, problems: Problems) -> list[tuple[str, str, Table | None]]:
    """One table per sheet, named by the sheet (or, for a one-sheet workbook, by the file).
    A sheet whose header is missing or wrong is None (one problem, no knock-on ones); cells
    refused are problems and left out of their record, so the rest of the sheet is still
    validated. A hidden sheet is an empty Table whose `hidden` is its state (the caller
    reports it, with its name). Raises InputError when the file is no workbook at all."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except Exception:  # a damaged or foreign file: say what it seems to be, in the user's terms
        raise InputError([not_a_workbook(raw, path.name)]) from None
    try:
        sheets = workbook.sheetnames
        stale = None
        tables = []
        for sheet in sheets:
            if sheet == INSTRUCTIONS_SHEET and len(sheets) > 1:
                continue  # the data-collection workbook's instructions (jixiao template): no table
            code = table_code(sheet, schemas)  # a sheet may be named by its table's code or Chinese title
            name = code if code in schemas or len(sheets) > 1 else table_code(path.stem, schemas)
            label = f"{path.name}[{sheet}]"
            worksheet = workbook[sheet]
            state = getattr(worksheet, "sheet_state", "visible") or "visible"
            if state != "visible":
                tables.append((name, label, Table(hidden=state)))
                continue
            schema = schemas.get(name)
            if schema is None or getattr(schema, "derived", False):  # reported by the caller, by name
                tables.append((name, label, Table()))
                continue
            try:
                # the sheet's part in the package, as openpyxl resolved it from the workbook's relationships
                xml = scan(archive, getattr(worksheet, "_worksheet_path", ""), label)
                if xml.formulas and stale is None:
                    stale = recalculates_on_opening(archive)
                tables.append((name, label, _Sheet(label, schema, workbook.epoch, xml, stale).read(worksheet, problems)))
            except InputError as exc:
                problems.extend(exc.problems)
                tables.append((name, label, None))
            except (ValueError, KeyError, TypeError, IndexError, ParseError, zipfile.BadZipFile):
                problems.add(label, DAMAGED_SHEET, allowed=SAVE_AGAIN)  # a damaged sheet part
                tables.append((name, label, None))
        return tables
    finally:
        workbook.close()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Excel 97–2003, and of encrypted workbooks
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .xlsx is kept in


def not_a_workbook(raw: bytes, name: str) -> Problem:
    """The problem of a file named .xlsx that openpyxl cannot open: what it seems to be."""
    if raw.startswith(OLE2) and _ENCRYPTED in raw:
        return Problem.said(name, Message("workbook.encrypted"), allowed=Message("workbook.encrypted_allowed"))
    if raw.startswith(OLE2):
        return Problem.said(name, Message("workbook.xls"), allowed=Message("workbook.xls_allowed"))
    if raw.startswith(b"PK"):
        return Problem.said(name, Message("workbook.damaged"), allowed=SAVE_AGAIN)
    return Problem.said(name, Message("workbook.foreign"), allowed=SAVE_AGAIN)


class _Sheet:
    """One sheet read as a table: its header found, each cell converted for its column."""

    def __init__(self, label: str, schema, epoch, xml: SheetXml, stale: bool | None):
        self.label, self.schema, self.epoch, self.xml = label, schema, epoch, xml
        self.formulas, self.stale, self.merged = xml.formulas, bool(stale), xml.merged
        self.issues: dict[tuple, list] = {}  # (what, column key) -> [(cell, found)]: one problem per column

    def read(self, worksheet, problems: Problems) -> Table | None:
        worksheet.reset_dimensions()  # a wrong <dimension> (some writers leave A1) would cut rows and columns
        cells = list(enumerate(worksheet.iter_rows(), start=1))
        own = Problems()
        if self._hidden(cells, own):  # values no one sees: one problem each, and nothing read of the sheet
            problems.extend(own.items)
            return None
        at = find_header(self.label, [(n, [_header_text(c) for c in row]) for n, row in cells], self.schema, own,
                         "row")
        if at is None:
            problems.extend(own.items)
            return None
        header_line, header = cells[at][0], [_header_text(c) for c in cells[at][1]]
        if self._merged_header(header_line, header, problems):  # one problem per merged range, nothing else
            return None
        columns = {i: self.schema.columns.get(str(column_code(self.schema, h)).strip()) for i, h in enumerate(header)
                   if h is not None}
        rows = [(header_line, header)]
        for number, row in cells[at + 1:]:
            rows.append((number, [self._value(number, i + 1, cell, columns.get(i)) for i, cell in enumerate(row)]))
        table = records_below(self.label, rows, 0, own, "row", self.schema)
        if table is not None:  # problems name cells as Excel shows them: facts.xlsx[budget]!D3
            table.letters = {column: get_column_letter(i + 1) for column, i in table.positions.items()}
        if own:  # the header itself is wrong: one problem, and no knock-on problems from its rows
            problems.extend(own.items)
            return None
        self._formulas_below(header_line, columns)
        refused = self._report(problems)
        refused |= self._merged_below(header_line, problems)
        for line, record in table:
            for column in list(record):
                letter = table.letters.get(column)
                if letter and (line, column_index_from_string(letter)) in refused:
                    del record[column]  # reported above: not also "required value is empty"
        return table

    def _hidden(self, cells: list, problems: Problems) -> bool:
        """Hidden rows and columns holding values, each kind one problem (whether any was)."""
        rows = [n for n, row in cells if n in self.xml.hidden_rows and any(_shown(c) for c in row)]
        if rows:
            what = ("workbook.filtered_row" if self.xml.filtered else "workbook.hidden_row") + ("s" if len(rows) > 1 else "")
            problems.add(self.label, Message(what, {"rows": rows_said("row", rows)}), line=rows[0],
                         found=[_shown(c) for c in dict(cells)[rows[0]] if _shown(c)][:4],
                         allowed=Message("workbook.hidden_rows_allowed"))
        names = set(self.schema.columns)
        for col in sorted(self.xml.hidden_columns):
            values = [(n, _shown(row[col - 1])) for n, row in cells if len(row) >= col and _shown(row[col - 1])]
            if values:
                letter = get_column_letter(col)
                named = next((v for _, v in values[:HEADER_SEARCH] if v in names), None)
                problems.add(f"{self.label}!{letter}:{letter}", Message("workbook.hidden_column"),
                             key=_column_key(self.schema.columns.get(named)), found=[v for _, v in values[:4]],
                             allowed=Message("workbook.hidden_column_allowed"))
        return bool(problems)

    def _report(self, problems: Problems) -> set:
        """One problem per kind of refused cell and column, naming its first cell and the others."""
        refused = set()
        for (what, key), found in sorted(self.issues.items(), key=lambda item: coordinate_to_tuple(item[1][0][0])):
            cell, value = found[0]
            said = Message(what)
            if len(found) > 1:
                said = Message("rows.also", {"message": said, "cells": _cell_list([c for c, _ in found[1:]])})
            problems.add(f"{self.label}!{cell}", said, key=key, found=value, allowed=_HINTS[what])
            refused.update(coordinate_to_tuple(c) for c, _ in found)
        return refused

    def _value(self, number: int, col: int, cell, column):
        """The value of one cell below the header, as text (a number as typed, a date ISO) or as
        stored (text, true/false); a cell that cannot be read as it is shown is an issue, None."""
        if (number, col) in self.formulas:
            formula, computed = self.formulas[number, col]
            if self.stale or not computed:
                return None  # reported with the formulas
        value = cell.value
        if value is None:
            return None
        kind = cell.data_type
        if kind == "e":
            return self._issue(ERROR_VALUE, column, number, col, value)
        code, east_asian_date = _format_code(cell)
        if _hidden_by_format(code, value):  # ;;; shows nothing: the value is there, unseen
            return self._issue(HIDDEN_BY_FORMAT, column, number, col, f"{value} ({code})")
        if kind in ("s", "b") or isinstance(value, str):
            return value
        if east_asian_date and isinstance(value, (int, float)):
            try:
                value = from_excel(value, self.epoch)
            except (OverflowError, ValueError):
                return self._issue(ERROR_VALUE, column, number, col, value)
        ctype = column.type if column is not None else None
        if isinstance(value, (datetime.datetime, datetime.date)):
            return self._date(value, code, ctype, column, number, col)
        if isinstance(value, (datetime.time, datetime.timedelta)):
            return str(value)
        if ctype == "text":
            if not _exact(value):
                return self._issue(LONG_NUMBER, column, number, col, _number_text(value))
            if code not in TEXT_FORMATS and not (code == "0" and value == int(value)):
                return self._issue(FORMATTED_NUMBER, column, number, col, f"{_number_text(value)} ({code})")
        return _number_text(value)

    def _date(self, value, code: str, ctype, column, number: int, col: int):
        shows = _date_parts(code)
        day = value.date() if isinstance(value, datetime.datetime) else value
        timed = isinstance(value, datetime.datetime) and value.time() != datetime.time()
        text = value.isoformat() if timed and shows["time"] else day.isoformat()  # a time not shown is not read
        if shows["month"] and not shows["day"] and not shows["time"]:  # shown as 2017年10月 or Oct-17
            if day.day == 1:
                text = text[:7]  # the month, as typed
            elif ctype == "date":  # holding 15 June: the sheet shows a month, the cell a day no one sees
                return self._issue(HIDDEN_DAY, column, number, col, f"{text} ({code})")
        if ctype == "text":
            return self._issue(DATE_IN_TEXT, column, number, col, text)
        if ctype == "date" and not (shows["year"] and shows["month"]):
            return self._issue(PARTIAL_DATE, column, number, col, f"{text} ({code})")
        return text

    def _issue(self, what: str, column, number: int, col: int, found):
        self.issues.setdefault((what, _column_key(column)), []).append((f"{get_column_letter(col)}{number}", found))
        return None

    def _formulas_below(self, header_line: int, columns: dict) -> None:
        for (number, col), (formula, computed) in sorted(self.formulas.items()):
            if number > header_line and (self.stale or not computed):  # above the header: a title block
                what = STALE_FORMULA if computed else NO_VALUE
                self.issues.setdefault((what, _column_key(columns.get(col - 1))), []).append(
                    (f"{get_column_letter(col)}{number}", formula))

    def _merged_header(self, header_line: int, header: list, problems: Problems) -> bool:
        """Merged ranges in the header row: each one problem naming its cells and the names it
        holds (a merged header leaves every cell but the first without a name); True if any."""
        found = False
        for ref in self.merged:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            if min_row <= header_line <= max_row:
                found = True
                names = [str(h) for h in header[min_col - 1:max_col] if h not in (None, "")]
                problems.add(f"{self.label}!{ref}", Message("input.merged_header", {"cells": ref}),
                             found=names[0] if len(names) == 1 else (names or None),
                             allowed=Message("input.merged_header_allowed"))
        return found

    def _merged_below(self, header_line: int, problems: Problems) -> set:
        """Merged ranges reaching into the table: one problem each; their cells are refused."""
        refused = set()
        for ref in self.merged:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            if max_row >= header_line:
                problems.add(f"{self.label}!{ref}", Message(MERGED), allowed=_HINTS[MERGED])
                refused.update((r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1))
        return refused


# Kinds of cell refused: catalogue keys (jixiao/model/catalogue_input.py), each with what to do.
NO_VALUE, STALE_FORMULA, ERROR_VALUE = "workbook.no_value", "workbook.stale_formula", "workbook.error_value"
LONG_NUMBER, FORMATTED_NUMBER, DATE_IN_TEXT = "workbook.long_number", "workbook.formatted_number", "workbook.date_in_text"
PARTIAL_DATE, HIDDEN_BY_FORMAT, HIDDEN_DAY = "workbook.partial_date", "workbook.hidden_by_format", "workbook.hidden_day"
MERGED = "workbook.merged"
_RECALCULATE, _AS_TEXT = Message("workbook.recalculate"), Message("allowed.as_text")
_HINTS = {NO_VALUE: _RECALCULATE, STALE_FORMULA: _RECALCULATE, ERROR_VALUE: Message("workbook.error_value_allowed"),
          LONG_NUMBER: _AS_TEXT, FORMATTED_NUMBER: _AS_TEXT, DATE_IN_TEXT: _AS_TEXT,
          **{kind: Message(f"{kind}_allowed") for kind in (PARTIAL_DATE, HIDDEN_BY_FORMAT, HIDDEN_DAY, MERGED)}}


def _shown(cell) -> str:
    """A cell's value as text, '' when empty (to see whether a row or column holds anything)."""
    value = getattr(cell, "value", None)
    return "" if value is None else str(value).strip()


def _header_text(cell):
    value = cell.value
    if isinstance(value, float):
        return _number_text(value)
    return value


def _column_key(column) -> str | None:
    return None if column is None else column_label(column)


def _format_code(cell) -> tuple[str, bool]:
    """The number format a cell is shown with, and whether it is one of the East Asian built-in
    date formats (then by its zh-CN code: openpyxl reads those cells as plain numbers)."""
    if not cell.has_style:
        return "General", False
    builtin = EAST_ASIAN_FORMATS.get(cell.style_array.numFmtId)
    if builtin:
        return builtin, True
    try:
        return cell.number_format or "General", False
    except IndexError:  # a style naming a custom format the workbook does not define
        return "General", False


def _hidden_by_format(code: str, value) -> bool:
    """Whether a number format shows nothing of this value: its section (positive; negative;
    zero; text) is empty, as in ;;; (a zero shown blank is still the zero it holds)."""
    if ";" not in code or isinstance(value, bool):
        return False
    sections = re.sub(r'"[^"]*"', "x", code).split(";")
    if isinstance(value, str):
        return len(sections) > 3 and not sections[3].strip()
    if isinstance(value, (int, float)) and value != 0:
        section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
        return not section.strip()
    return False


def _date_parts(code: str) -> dict:
    """Which parts of a date a number format shows: year, month, day, time (an 'm' after hours
    or before seconds is minutes)."""
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|am/pm|a/p', "", code.split(";")[0], flags=re.IGNORECASE).lower()
    tokens = re.findall(r"y+|m+|d+|h+|s+|e+", plain)
    shows = {"year": False, "month": False, "day": False, "time": False}
    for i, token in enumerate(tokens):
        if token[0] in "ye":
            shows["year"] = True
        elif token[0] == "d":
            shows["day"] = True
        elif token[0] in "hs":
            shows["time"] = True
        elif token[0] == "m":
            after_hours = i > 0 and tokens[i - 1][0] == "h"
            before_seconds = i + 1 < len(tokens) and tokens[i + 1][0] == "s"
            shows["month"] = shows["month"] or not (after_hours or before_seconds)
    return shows


def _exact(value) -> bool:
    """Whether a number is one Excel holds exactly: at most 15 significant digits, below 1e15."""
    if isinstance(value, bool):
        return True
    if abs(value) >= 10 ** EXACT_DIGITS:
        return False
    digits = Decimal(repr(value)).normalize().as_tuple().digits
    return len(digits) <= EXACT_DIGITS


def _number_text(value) -> str:
    """A number as a person typed it: no float noise (3064.72, not 3064.7199999999998)."""
    if isinstance(value, bool) or isinstance(value, int):
        return str(value)
    if value != value:  # NaN
        return ""
    return format(Decimal(repr(value)).normalize(), "f")


def _cell_list(cells: list[str]) -> Message | str:
    """'I4:I9, I12': runs of cells down one column as ranges, at most 8 shown."""
    runs: list[list] = []
    for cell in cells:
        row, col = coordinate_to_tuple(cell)
        if runs and runs[-1][2] == col and runs[-1][1] + 1 == row:
            runs[-1][1] = row
            runs[-1][4] = cell
        else:
            runs.append([row, row, col, cell, cell])
    shown = [r[3] if r[0] == r[1] else f"{r[3]}:{r[4]}" for r in runs[:8]]
    listed = ", ".join(shown)
    return Message("rows.more", {"cells": listed, "more": len(runs) - 8}) if len(runs) > 8 else listed
