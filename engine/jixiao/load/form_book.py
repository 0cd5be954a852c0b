"""A workbook's cells as a self-evaluation form needs them, read straight from the package's XML:
each sheet's name and state, its cells (value, type, number format) and merged ranges.

openpyxl's full reader builds a style object for every cell of every merged range (a form has
dozens of merged ranges: three quarters of the time of checking one form went there), and its
read-only reader does not give merged ranges; a form needs values, number formats and merges
only. Values are typed as openpyxl types them (a number with a point or an exponent a float,
else an int; a date format's number a datetime; booleans; Excel error values with type "e"),
so that jixiao.load.form_sheet reads them as it would from openpyxl.
"""

from __future__ import annotations

import datetime
import functools
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import NamedTuple
from xml.etree.ElementTree import ParseError, fromstring

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format  # a workbook is being read: see readers.py
from openpyxl.utils import coordinate_to_tuple
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_INTEGER = re.compile(r"^-?[0-9]+$")


class BookCell(NamedTuple):
    """A cell holding a value: where it is, the value as openpyxl types it, its type letter
    (n, s, b, e, d) and its number format. (A named tuple: a form has a hundred of them, made
    in a tenth of the time of a frozen dataclass.)"""

    row: int
    column: int
    coordinate: str
    value: object
    data_type: str
    number_format: str


@dataclass
class BookSheet:
    title: str
    sheet_state: str = "visible"
    cells: list[BookCell] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # ranges as written: "A3:B3"
    hidden_rows: set = field(default_factory=set)  # rows hidden (by hand or by a filter): numbers
    hidden_columns: set = field(default_factory=set)  # columns hidden: indexes (A is 1)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _texts(element) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t>s (not phonetic ones)."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in child if _local(t.tag) == "t"]
    return "".join(parts)


def read_book(raw: bytes) -> list[BookSheet] | None:
    """Every sheet of the workbook, in order, with its cells; None when the bytes are not a
    workbook this reader understands (the ordinary reader then says what is wrong)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return _read(archive)
    except (zipfile.BadZipFile, KeyError, ParseError, ValueError, IndexError, StopIteration, OverflowError,
            TypeError, AttributeError):  # (a cell without its reference, a part missing: openpyxl reads it)
        return None


def _read(archive: zipfile.ZipFile) -> list[BookSheet]:
    # The package's relationships, the workbook part and the styles are the same bytes in every
    # form one program wrote from one template: each distinct part is parsed once (_parts,
    # _formats); the sheets and their strings are each form's own.
    rels = archive.read("_rels/.rels")
    book_part = _book_part(rels)
    base = posixpath.dirname(book_part)
    rels_part = posixpath.join(base, "_rels", posixpath.basename(book_part) + ".rels")
    epoch, sheets, targets = _parts(archive.read(book_part), archive.read(rels_part))
    names = set(archive.namelist())
    strings = _shared_strings(archive, base, targets, names)
    styles = _part(base, targets, "styles.xml")
    formats = _formats(archive.read(styles)) if styles is not None and styles in names else ()
    result = []
    for title, state, target in sheets:
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        result.append(_sheet(archive.read(part), BookSheet(title, state), strings, formats, epoch))
    return result


@functools.lru_cache(maxsize=16)
def _book_part(rels: bytes) -> str:
    return next(r.get("Target") for r in fromstring(rels) if (r.get("Type") or "").endswith("/officeDocument")).lstrip("/")


@functools.lru_cache(maxsize=64)
def _parts(book: bytes, rels: bytes) -> tuple:
    """(the date epoch, ((sheet name, state, target), …), {relationship id: target})."""
    targets = {r.get("Id"): r.get("Target") for r in fromstring(rels)}
    epoch = CALENDAR_WINDOWS_1900
    sheets = ()
    for element in fromstring(book):
        name = _local(element.tag)
        if name == "workbookPr" and element.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        elif name == "sheets":
            sheets = tuple((s.get("name"), s.get("state") or "visible", targets[s.get(_REL)]) for s in element)
    return epoch, sheets, targets


def _part(base: str, targets: dict, suffix: str) -> str | None:
    for target in targets.values():
        if target.endswith(suffix):
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
    return None


def _shared_strings(archive, base, targets, names) -> list[str]:
    part = _part(base, targets, "sharedStrings.xml")
    if part is None or part not in names:
        return []
    return [_texts(si) for si in fromstring(archive.read(part))]


@functools.lru_cache(maxsize=64)
def _formats(data: bytes) -> tuple[str, ...]:
    """The number format of each cell style (cellXfs), by style index."""
    styles = fromstring(data)
    custom = {}
    xfs = []
    for element in styles:
        name = _local(element.tag)
        if name == "numFmts":
            custom = {int(f.get("numFmtId")): f.get("formatCode") or "General" for f in element}
        elif name == "cellXfs":
            xfs = [int(xf.get("numFmtId") or 0) for xf in element]
    return tuple(custom.get(ident) or BUILTIN_FORMATS.get(ident, "General") for ident in xfs)


def _sheet(data: bytes, sheet: BookSheet, strings, formats, epoch) -> BookSheet:
    root = fromstring(data)
    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    value_tag, inline_tag = namespace + "v", namespace + "is"  # (every cell's children: compared as they are)
    formula_tag = namespace + "f"
    cells = sheet.cells
    for element in root:
        name = _local(element.tag)
        if name == "sheetData":
            for row in element:
                if row.get("hidden") in _TRUE and (row.get("r") or "").isdigit():
                    sheet.hidden_rows.add(int(row.get("r")))
                for cell in row:
                    if not len(cell):  # a blank cell with its border: no value
                        continue
                    found = _cell(cell, strings, formats, epoch, value_tag, inline_tag, formula_tag)
                    if found is not None:
                        cells.append(found)
        elif name == "mergeCells":
            sheet.merged = [m.get("ref") for m in element if m.get("ref")]
        elif name == "cols":
            for col in element:
                first, last = col.get("min") or "", col.get("max") or col.get("min") or ""
                if col.get("hidden") in _TRUE and first.isdigit() and last.isdigit():
                    sheet.hidden_columns.update(range(int(first), min(int(last), 16384) + 1))
    return sheet


_TRUE = ("1", "true")  # how a sheet's XML says a row or column is hidden


def _cell(cell, strings, formats, epoch, value_tag: str, inline_tag: str, formula_tag: str) -> BookCell | None:
    kind = cell.get("t") or "n"
    value_element = inline = formula = None
    for child in cell:
        tag = child.tag
        if tag == value_tag:
            value_element = child
        elif tag == inline_tag:
            inline = child
        elif tag == formula_tag:
            formula = child
    style = int(cell.get("s") or 0)
    number_format = formats[style] if style < len(formats) else "General"
    if kind == "inlineStr":
        if inline is None:
            return None
        value, kind = _texts(inline), "s"
    else:
        text = value_element.text if value_element is not None else None
        if text is None:
            if formula is None or not formula.text:
                return None
            # a formula no spreadsheet has computed (a file a program wrote): what was typed is all
            # there is, e.g. a target “=100%”; a number column names it as text, never reads it as blank
            text, kind = "=" + formula.text, "str"
        if kind == "s":
            value = strings[int(text)]
        elif kind == "str":
            value, kind = text, "s"
        elif kind == "b":
            value = text.strip() in ("1", "true")
        elif kind == "e":
            value = text
        elif kind == "d":
            value, kind = from_iso(text), "d"
        else:
            value = int(text) if _INTEGER.match(text) else float(text)
            if _is_date_format(number_format):
                value, kind = from_excel(value, epoch), "d"
    reference = cell.get("r")
    row, column = _coordinates(reference)
    return BookCell(row, column, reference, value, kind, number_format)


# Every cell of every form asks these, and forms of one template share their cells' references
# and number formats: each answered once (both are pure).
_coordinates = functools.lru_cache(maxsize=4096)(coordinate_to_tuple)
_is_date_format = functools.lru_cache(maxsize=1024)(is_date_format)


def from_iso(text: str) -> datetime.datetime:
    """A cell of type d: ISO 8601 text."""
    return datetime.datetime.fromisoformat(text.rstrip("Z"))
