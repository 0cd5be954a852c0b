"""What a sheet's XML says that openpyxl's read-only reader does not: which cells hold formulas
(and whether a computed value is stored), merged ranges, rows and columns hidden (by hand,
collapsed in an outline, or by a filter), and whether the workbook asks to be recalculated."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, fromstring, iterparse

from openpyxl.utils import coordinate_to_tuple, range_boundaries  # only workbooks get here: see workbook.py

from ..model.messages import Message
from ..model.problems import InputError, Problem

# Only a sheet holding one of these is parsed: the common sheet (typed values) costs one search.
_OF_INTEREST = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s>/]|\shidden=\"(?:1|true)\"")
_TRUE = ("1", "true")

DAMAGED_SHEET = Message("workbook.damaged_sheet")
SAVE_AGAIN = Message("workbook.save_again")


@dataclass
class SheetXml:
    """A sheet's formulas {(row, column): (formula, whether a computed value is stored)}, its
    merged ranges ['A3:A7'], its hidden rows {row} and columns {column index}, and whether it
    has a filter (then hidden rows are most likely filtered out)."""

    formulas: dict = field(default_factory=dict)
    merged: list = field(default_factory=list)
    hidden_rows: set = field(default_factory=set)
    hidden_columns: set = field(default_factory=set)
    filtered: bool = False


def scan(archive: zipfile.ZipFile, part: str, label: str) -> SheetXml:
    """The sheet part `part` of a workbook scanned; InputError when its XML is damaged."""
    try:
        data = archive.read(part.lstrip("/"))
    except KeyError:
        return SheetXml()
    found = SheetXml()
    if not _OF_INTEREST.search(data):
        return found
    valued, arrays = set(), []
    row = col = 0
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    row, col = int(element.get("r") or row + 1), 0
                    if element.get("hidden") in _TRUE:
                        found.hidden_rows.add(row)
                continue
            if tag == "c":
                ref = element.get("r")
                row, col = coordinate_to_tuple(ref) if ref else (row, col + 1)
                formula = value = None
                for child in element:
                    name = child.tag.rpartition("}")[2]
                    formula = child if name == "f" else formula
                    value = child if name == "v" else value
                computed = value is not None and (bool(value.text) or element.get("t") == "str")
                if computed:
                    valued.add((row, col))
                if formula is not None:
                    text = ("=" + formula.text) if formula.text else "(shared formula)"
                    found.formulas[(row, col)] = (text, computed)
                    if formula.get("t") in ("array", "dataTable") and formula.get("ref"):
                        arrays.append((formula.get("ref"), text))
                element.clear()
            elif tag == "mergeCell" and element.get("ref"):
                found.merged.append(element.get("ref"))
            elif tag == "col" and element.get("hidden") in _TRUE:
                first = int(element.get("min") or 1)
                found.hidden_columns.update(range(first, min(int(element.get("max") or first), 16384) + 1))
            elif tag == "autoFilter":
                found.filtered = True
            elif tag == "row":
                element.clear()
    except (ParseError, ValueError) as exc:
        raise InputError([Problem.said(label, DAMAGED_SHEET, found=str(exc), allowed=SAVE_AGAIN)]) from None
    for ref, text in arrays:  # an array formula's result fills its whole range, cell by cell
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                found.formulas.setdefault((r, c), (text, (r, c) in valued))
    return found


def recalculates_on_opening(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to be recalculated when opened (calcPr fullCalcOnLoad), as
    workbooks written by scripts (openpyxl, XlsxWriter) do: their stored formula results are
    then not computed values (XlsxWriter stores 0)."""
    try:
        rels = fromstring(archive.read("_rels/.rels"))
        part = next(r.get("Target") for r in rels if (r.get("Type") or "").endswith("/officeDocument"))
        root = fromstring(archive.read(part.lstrip("/")))
    except (KeyError, StopIteration, ParseError):
        return False
    for element in root:
        if element.tag.rpartition("}")[2] == "calcPr":
            return element.get("fullCalcOnLoad") in _TRUE
    return False
