"""Fact file formats: CSV (UTF-8, UTF-8 with BOM, or GBK as saved by Chinese Excel), YAML (a
list of records, or one record), and Excel workbooks (one table per sheet).

Each reader returns the tables of one file as (table name, label, [(line, record)]), where
the label names the file (and sheet) and the line is where a person finds the row: the line
in a text file, the row number in a spreadsheet. Validation against the table's schema
happens afterwards, the same for every format.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from decimal import Decimal
from pathlib import Path

from .errors import InputError, Problem, Problems
from .yamlsrc import LineDict, LineList, parse_yaml, read_capped

SUFFIXES = (".csv", ".yaml", ".yml", ".xlsx")
ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 reads GBK and GB2312, as Chinese Excel saves CSV

Records = list[tuple[int, dict]]


def read(path: Path, known: set[str]) -> tuple[str, list[tuple[str, str, Records]]]:
    """The SHA-256 of one fact file and the tables in it; `known` names the tables a
    workbook's sheets may hold. The file is read once: the hash is of the bytes parsed."""
    raw = read_capped(path, path.name)
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return digest, [(path.stem, path.name, read_csv(raw, path.name))]
    if suffix == ".xlsx":
        return digest, read_workbook(raw, path, known)
    return digest, [(path.stem, path.name, read_yaml(raw, path.name))]


def decode(raw: bytes, label: str) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else GBK/GB18030."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError([Problem(label, "text in an unknown encoding", allowed="UTF-8 (with or without BOM) or GBK")])


def read_csv(raw: bytes, label: str) -> Records:
    text = decode(raw, label)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems = Problems()
    rows = []
    for cells in _csv_rows(reader, label, problems):
        rows.append((reader.line_num, cells))
    records = _records(label, rows, problems)
    problems.raise_if_any()
    return records


def _csv_rows(reader, label: str, problems: Problems):
    """The reader's rows; a malformed line (unclosed quote, huge cell) is a problem, not a crash."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(label, f"not valid CSV: {exc}", line=reader.line_num)
            return


def _records(label: str, rows: list[tuple[int, list]], problems: Problems) -> Records:
    """Header row, then one record per non-empty row, keyed by the header's column names."""
    header = None
    records = []
    for line, cells in rows:
        if not any(_text(c) for c in cells):
            continue
        if header is None:
            header = [_text(c) for c in cells]
            while header and not header[-1]:
                header.pop()  # trailing empty header cells, as spreadsheets leave them
            for i, column in enumerate(header):
                if not column:
                    problems.add(label, f"empty column name in header (column {i + 1})", line=line)
                elif header.index(column) != i:
                    problems.add(label, "column named twice in header", line=line, key=column)
            continue
        extra = [c for c in cells[len(header):] if _text(c)]
        if extra:
            problems.add(label, f"row has values beyond the header's {len(header)} columns", line=line, found=extra)
            continue
        records.append((line, dict(zip(header, cells))))
    if header is None:
        problems.add(label, "empty: a header row is required")
    return records


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()


def read_yaml(raw: bytes, label: str) -> Records:
    data = parse_yaml(raw, label)
    if isinstance(data, LineDict):
        return [(data.line, data)]
    if not isinstance(data, LineList):
        raise InputError([Problem(label, "a YAML fact file is a list of records (or one record)")])
    records = []
    for item, line in zip(data, data.item_lines):
        if not isinstance(item, dict):
            raise InputError([Problem(label, "each item must be a record (key: value)", line)])
        records.append((line, item))
    return records


def read_workbook(raw: bytes, path: Path, known: set[str]) -> list[tuple[str, str, Records]]:
    """One table per sheet, named by the sheet (or, for a one-sheet workbook, by the file)."""
    try:
        import openpyxl
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: say so, in the user's terms
        raise InputError([Problem(path.name, f"not a readable Excel workbook (.xlsx): {type(exc).__name__}")])
    try:
        sheets = workbook.sheetnames
        problems = Problems()
        tables = []
        for sheet in sheets:
            name = sheet if sheet in known or len(sheets) > 1 else path.stem
            label = f"{path.name}[{sheet}]"
            rows = [(number, [_cell(v) for v in values])
                    for number, values in enumerate(workbook[sheet].iter_rows(values_only=True), start=1)]
            tables.append((name, label, _records(label, rows, problems)))
        problems.raise_if_any()
        return tables
    finally:
        workbook.close()


def _cell(value):
    """A spreadsheet cell as the text a person typed: numbers without float noise, dates ISO."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
