"""Fact file formats: CSV (UTF-8, UTF-8 with BOM, or GBK as saved by Chinese Excel), YAML (a
list of records, or one record), and Excel workbooks (one table per sheet, jixiao.load.workbook).

Each reader returns the tables of one file as (table name, label, Table), where the label
names the file (and sheet) and each record's line is where a person finds the row: the line
in a text file, the row number in a spreadsheet. A table that could not be read at all is
None, its problems added to `problems`. Validation against the table's schema happens
afterwards, the same for every format; the readers use the schema only to find the header.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from ..disk.reading import read_capped
from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems
from .records import Schemas, Table, find_header, plain_table, records_below
from .titles import table_code
from .yaml_source import LineDict, LineList, parse_yaml

SUFFIXES = (".csv", ".yaml", ".yml", ".xlsx")
ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 reads GBK and GB2312, as Chinese Excel saves CSV


def read(path: Path, schemas: Schemas, problems: Problems, layouts: tuple = (),
         forms_only: bool = False) -> tuple[str, list[tuple[str, str, Table | None]]]:
    """The SHA-256 of one fact file and the tables in it. The file is read once: the hash is of
    the bytes parsed. A workbook that is a self-evaluation form (a layout of `layouts`) is read
    with its layout (jixiao.load.form_sheet). `forms_only`: the case's scheme is read from forms,
    so a workbook that holds neither a form nor a sheet named as a fact table is refused as no
    form (form_cells.form_book), not looked up as fact tables. Raises InputError when the file
    cannot be read at all."""
    raw = read_capped(path, path.name)
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        # lazily: openpyxl's import cost is for workbooks only
        from .form_cells import form_book
        from .form_sheet import read_forms
        from .workbook import read_workbook
        book = form_book(raw, schemas, layouts, path.name, forms_only)
        if book is not None:
            return digest, read_forms(book, path, layouts, problems)
        return digest, read_workbook(raw, path, schemas, problems)
    name = table_code(path.stem, schemas)  # a file may be named by its table's code or Chinese title
    if suffix == ".csv":
        return digest, [(name, path.name, read_csv(raw, path.name, schemas.get(name), problems))]
    return digest, [(name, path.name, read_yaml(raw, path.name))]


def import_workbook_readers() -> None:
    """Import what reading a workbook needs (openpyxl and numpy: about a quarter of a second of
    CPU), which `read` otherwise imports at the first workbook. A batch's parent calls this before
    its workers fork, so that they share the modules instead of each importing them."""
    from . import form_cells, form_sheet, workbook  # noqa: F401 (lazily, as in `read`: see the docstring)


def decode(raw: bytes, label: str) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else GBK/GB18030."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError([Problem.said(label, Message("file.encoding"), allowed=Message("file.encoding_allowed"))])


def read_csv(raw: bytes, label: str, schema, problems: Problems) -> Table | None:
    """A CSV table; None (and its problems) when the file is not valid CSV or has no header."""
    text = decode(raw, label)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:  # (each row's line: the reader's line count once the row is read, its last line)
        rows = [(reader.line_num, cells) for cells in reader]
    except csv.Error:  # read again, up to the line it names
        rows = None
    table = plain_table(rows, schema) if rows is not None else None
    if table is not None:  # a plain table: nothing to say of it
        return table
    own = Problems()
    if rows is None:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows = [(reader.line_num, cells) for cells in _csv_rows(reader, label, own)]
    at = None if own else find_header(label, rows, schema, own, "line")
    table = None if at is None else records_below(label, rows, at, own, "line", schema)
    problems.extend(own.items)
    return None if own else table


def _csv_rows(reader, label: str, problems: Problems):
    """The reader's rows; a malformed line (unclosed quote, huge cell) is a problem, not a crash."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(label, Message("file.csv", {"error": exc}), line=reader.line_num)
            return


def read_yaml(raw: bytes, label: str) -> Table:
    """A YAML table: its records, each value the text written (or None), read by the schema
    afterwards exactly as the same text in a CSV cell."""
    data = parse_yaml(raw, label, as_text=True)
    if isinstance(data, LineDict):
        return Table([(data.line, data)])
    if not isinstance(data, LineList):
        raise InputError([Problem.said(label, Message("file.yaml_records"))])
    records = []
    for item, line in zip(data, data.item_lines):
        if not isinstance(item, dict):
            raise InputError([Problem.said(label, Message("file.yaml_record"), line=line)])
        records.append((line, item))
    return Table(records)
