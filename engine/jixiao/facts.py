"""Load one case (a project and year) from its fact folder and validate it.

A case folder holds `case.yaml` (what the case is, which scheme scores it, where each
table comes from in the source documents) and one file per fact table: CSV, YAML (a list of
records) or an Excel workbook (a table per sheet). The table is named by the file (or sheet);
its schema is in `rules/tables/`. Every problem in the folder is reported at once, each once:
a file or sheet that cannot be read counts as given, so nothing else is reported because
of it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem, Problems, closest, did_you_mean, os_problem
from . import readers
from .folders import inside, leaves, list_case_folder, refused_link
from .tables import Catalog, TableSchema, ValueProblem
from .yamlsrc import check_keys, line_of, parse_yaml, read_capped

CASE_FILE = "case.yaml"
FACT_SUFFIXES = readers.SUFFIXES
_CASE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_CASE_REQUIRED = {"case": str, "year": int, "scheme": str, "project": str}
_CASE_OPTIONAL = {"unit", "department", "commissioned_by", "evaluator", "report_date",
                  "amount_unit", "sources", "notes", "report", "expert_score"}


@dataclass
class Row:
    """One fact: a row of a table, with where it was read (or what it was derived from)."""

    table: str
    index: int
    file: str
    line: int | None
    values: dict
    derived_from: tuple = ()  # the rows a derived fact comes from (its evidence)
    depends_on: tuple = ()  # further rows its values depend on (e.g. the tranches behind a total)

    @property
    def id(self) -> str:
        return f"{self.table}:{self.index}"

    def evidence(self) -> dict:
        """Where this fact stands, for a finding's evidence."""
        place = {"file": self.file, "row": self.index}
        if self.line is not None:
            place["line"] = self.line
        return place


@dataclass
class Case:
    directory: Path
    case: str
    year: int
    scheme: str
    meta: dict
    tables: dict[str, list[Row]] = field(default_factory=dict)
    columns: dict[str, tuple] = field(default_factory=dict)  # each table's declared columns
    attempted: set = field(default_factory=set)  # tables given in a file, even if it failed to load
    files: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of each file read, by file name
    skipped: dict[str, str] = field(default_factory=dict)  # files of the folder not read, by name: why
    opaque: bool = False  # a workbook could not be opened: which tables it holds is unknown

    @property
    def session_id(self) -> str:
        return f"{self.case}/{self.year}"


def observed_sources(row: Row) -> list[Row]:
    """The observed rows a fact rests on: itself when observed, else its sources and the rows
    its values depend on, recursively."""
    if not row.derived_from and not row.depends_on:
        return [row]
    found: list[Row] = []
    for source in (*row.derived_from, *row.depends_on):
        found += observed_sources(source)
    return found


def is_case_dir(path: Path) -> bool:
    return (Path(path) / CASE_FILE).is_file()


def find_cases(directory: Path, refused: list | None = None) -> list[Path]:
    """Every case folder (holding case.yaml) at or below `directory`, in path order. Links to
    folders are not followed: one within `directory` leads to a folder found anyway; one that
    leads out of it is added to `refused` (a list of Problems), unread.

    os.walk lists each folder once with scandir; Path.rglob built a Path for every file
    (1.2 s for a portfolio of 10,000 cases, 0.6 s now)."""
    root = os.path.realpath(directory)
    found = []
    errors: list[OSError] = []  # os.walk passes over a folder it may not list without a word
    for folder, folders, files in os.walk(directory, onerror=errors.append):
        if refused is not None:
            refused += [refused_link(Path(folder) / name, str(directory)) for name in folders
                        if leaves(os.path.join(folder, name), root)]
        if CASE_FILE in files and os.path.isfile(os.path.join(folder, CASE_FILE)):
            found.append(Path(folder))
    errors = [exc for exc in errors  # (a folder that does not exist has no cases: said by the caller)
              if not (isinstance(exc, FileNotFoundError) and Path(exc.filename) == Path(directory))]
    if errors:  # its cases would be missing from the run: the user's to fix, each named
        raise InputError([os_problem(exc.filename, exc, reading=True) for exc in errors])
    return sorted(found)


def load_case(directory: Path, catalog: Catalog, problems: Problems | None = None) -> Case:
    """Read and validate every file of a case folder.

    Raises InputError with all problems found; when the caller passes its own `problems`,
    table-level problems are added there instead, so it can report them with its own.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError([Problem(str(directory), "no such folder")])
    if not is_case_dir(directory):
        raise InputError([Problem(str(directory / CASE_FILE),
                                   "missing: every case folder needs a case.yaml (case, year, scheme, project)")])
    if not inside(directory / CASE_FILE, os.path.realpath(directory)):
        raise InputError([refused_link(directory / CASE_FILE)])
    own = problems is None
    problems = Problems() if own else problems
    case = _load_manifest(directory, problems)
    try:
        listing = list_case_folder(directory, CASE_FILE)
    except OSError as exc:
        raise InputError([os_problem(directory, exc, reading=True)]) from None
    case.skipped = listing.skipped
    for path, problem in listing.refused:
        problems.items.append(problem)
        _attempted(case, path)
    for path in listing.files:
        if path.suffix.lower() not in FACT_SUFFIXES:
            problems.add(path.name, "not a fact file", found=path.suffix, allowed=", ".join(FACT_SUFFIXES))
            continue
        _load_file(case, path, catalog, problems)
    for table in case.sources:
        if table not in case.tables and table not in case.attempted and not case.opaque:
            problems.add(CASE_FILE, f"'sources' names a table with no file{did_you_mean(table, case.tables)}",
                         key=f"sources.{table}")
    if own:
        problems.raise_if_any()
    return case


def _load_manifest(directory: Path, problems: Problems) -> Case:
    label = CASE_FILE
    raw = read_capped(directory / CASE_FILE, label)
    data = parse_yaml(raw, label)
    if not isinstance(data, dict):
        raise InputError([Problem(label, "case.yaml must be a mapping of case, year, scheme, project")])
    check_keys(label, data, set(_CASE_REQUIRED) | _CASE_OPTIONAL, problems)
    for key, kind in _CASE_REQUIRED.items():
        value = data.get(key)
        if value is None:
            problems.add(label, "missing required key", key=key, line=1)
        elif not isinstance(value, kind) or isinstance(value, bool):
            problems.add(label, f"must be {kind.__name__}", line=line_of(data, key), key=key, found=value)
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        problems.add(label, "'sources' maps each table to where it comes from", line=line_of(data, "sources"),
                     key="sources")
        sources = {}
    if isinstance(data.get("case"), str) and not _CASE_ID.match(data["case"]):
        problems.add(label, "the case id names output folders: lower-case letters, digits, '-', '_', '.'",
                     line=line_of(data, "case"), key="case", found=data["case"], allowed="e.g. shanghai-single-window")
    if isinstance(data.get("year"), int) and not 1900 <= data["year"] <= 2100:
        problems.add(label, "implausible year", line=line_of(data, "year"), key="year", found=data["year"],
                     allowed="1900-2100")
    problems.raise_if_any()
    meta = dict(data)
    return Case(directory, data["case"], data["year"], data["scheme"], meta,
                sources={str(k): str(v) for k, v in sources.items()},
                digests={CASE_FILE: hashlib.sha256(raw).hexdigest()})


def _load_file(case: Case, path: Path, catalog: Catalog, problems: Problems) -> None:
    """One fact file: a CSV or YAML table, or a workbook with one table per sheet."""
    try:
        case.digests[path.name], tables = readers.read(path, catalog.tables, problems)
    except InputError as exc:
        problems.extend(exc.problems)
        _attempted(case, path)
        return
    for name, label, records in tables:
        if _known_table(name, label, case, catalog, problems) and records is not None:
            add_table(case, name, label, records, catalog.tables[name], problems)


def _attempted(case: Case, path: Path) -> None:
    """A file that could not be read counts as given: the table it is named after, or, for a
    workbook, any table (its sheets are unknown)."""
    case.attempted.add(path.stem)
    case.opaque = case.opaque or path.suffix.lower() == ".xlsx"


def _known_table(name: str, label: str, case: Case, catalog: Catalog, problems: Problems) -> bool:
    case.attempted.add(name)
    schema = catalog.get(name)
    if schema is None or schema.derived:
        known = [t for t, s in catalog.tables.items() if not s.derived]
        nearest = closest(name, known)
        if nearest is not None:  # a misspelt name: the table it was meant to be is given too
            case.attempted.add(nearest)
        problems.add(label, f"unknown fact table '{name}'{did_you_mean(name, known)}",
                     allowed=", ".join(sorted(known)))
        return False
    if name in case.tables:
        problems.add(label, f"table '{name}' is given twice", found=case.files[name])
        return False
    return True


def case_from_records(label: str, case_id: str, year: int, scheme: str, tables: dict, catalog: Catalog) -> Case:
    """A case from tables given inline (rule test cases): {table: [record, …]}; validated like files."""
    problems = Problems()
    case = Case(Path(label), case_id, year, scheme, {"project": case_id})
    for name, records in tables.items():
        if not _known_table(name, f"{label} facts.{name}", case, catalog, problems):
            continue
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            problems.add(label, f"facts.{name} must be a list of records", line=getattr(records, "line", None))
            continue
        lines = getattr(records, "item_lines", [None] * len(records))
        add_table(case, name, label, list(zip(lines, records)), catalog.tables[name], problems)
    problems.raise_if_any()
    return case


def add_table(case: Case, name: str, label: str, records: list[tuple[int, dict]], schema: TableSchema,
              problems: Problems) -> None:
    """Validate records against the table's schema and add them to the case as rows.

    A column the schema does not know, or a required column that is missing, is one problem
    for the table (at its header; in YAML, listing the rows), not one per row. A cell of a
    workbook is named as Excel shows it (facts.xlsx[budget]!D3), a column with its title."""
    _check_columns(label, records, schema, problems)
    letters = getattr(records, "letters", {})
    rows = []
    for index, (line, record) in enumerate(records, start=1):
        values = _validate_record(label, index, line, record, schema, problems, letters)
        rows.append(Row(name, index, label, line, values))
    _check_unique_keys(label, rows, records, schema, problems)
    case.tables[name] = rows
    case.columns[name] = tuple(schema.columns)
    case.files[name] = label


def column_key(schema: TableSchema, name: str) -> str:
    """A column as a problem names it: with its title where the schema gives one."""
    column = schema.columns.get(name)
    return f"{name}（{column.title}）" if column is not None and column.title else name


def _place(label: str, index: int, line, record, column: str, letters: dict) -> tuple[str, int | None, str]:
    """Where a value stands: (file, line, prefix): a workbook's cell, else the file, line and row."""
    if column in letters and line is not None:
        return f"{label}!{letters[column]}{line}", None, ""
    return label, line_of(record, column, line), f"row {index}: "


def _check_columns(label: str, records, schema: TableSchema, problems: Problems) -> None:
    """Columns the schema does not know, and required columns missing: each reported once."""
    header = getattr(records, "header", None)
    allowed = ", ".join(schema.columns)
    if header is not None:  # a table with a header row (CSV, a sheet): the header is wrong, once
        named = records.columns
        letters = records.letters
        unknown = [c for c in named if c not in schema.columns]
        meant = {closest(c, schema.columns) for c in unknown}  # 'amout' for amount: one problem, not two
        for column in unknown:
            where = f"{label}!{letters[column]}{header}" if column in letters else label
            problems.add(where, f"unknown column in the header{did_you_mean(column, schema.columns)}",
                         line=None if column in letters else header, key=column, allowed=allowed)
        for column in schema.required:
            if column.name not in named and column.name not in meant:
                problems.add(label, f"required column is missing from the header ({'row' if letters else 'line'} "
                                    f"{header})", key=column_key(schema, column.name), allowed=allowed)
        return
    unknown: dict[str, list] = {}
    missing: dict[str, list] = {}
    for index, (line, record) in enumerate(records, start=1):
        for column in record:
            if column not in schema.columns:
                unknown.setdefault(column, []).append((index, line_of(record, column, line)))
        for column in schema.required:
            if column.name not in record:
                missing.setdefault(column.name, []).append((index, line))
    for column, where in unknown.items():
        problems.add(label, f"{readers.unit_list('row', [i for i, _ in where])}: unknown column"
                            f"{did_you_mean(column, schema.columns)}", line=where[0][1], key=column, allowed=allowed)
    misspelt: dict[str, set] = {}  # a column -> the rows that give it under a misspelt name
    for name, where in unknown.items():
        misspelt.setdefault(closest(name, schema.columns), set()).update(i for i, _ in where)
    for column, where in missing.items():
        if {i for i, _ in where} <= misspelt.get(column, set()):
            continue  # every row that misses it has it misspelt: reported as the unknown column
        problems.add(label, f"{readers.unit_list('row', [i for i, _ in where])}: required column is missing",
                     line=where[0][1], key=column_key(schema, column))


def _validate_record(label, index, line, record, schema: TableSchema, problems: Problems, letters: dict) -> dict:
    """A record's typed values; a value that does not parse, or a required one that is empty, is a
    problem. (Unknown and missing columns are the table's problems: _check_columns.)"""
    values = {}
    parsers = schema.parsers
    for column_name, raw in record.items():
        parse = parsers.get(column_name)
        if parse is None:
            continue
        try:
            value = parse(raw)
        except ValueProblem as exc:
            file, where, prefix = _place(label, index, line, record, column_name, letters)
            problems.add(file, f"{prefix}{exc}", line=where, key=column_key(schema, column_name), found=raw,
                         allowed=exc.allowed)
            continue
        if value is not None:
            values[column_name] = value
    for column in schema.required:
        name = column.name
        if name not in values and name in record and _empty(record[name]):  # (one that did not parse: above)
            file, where, prefix = _place(label, index, line, record, name, letters)
            problems.add(file, f"{prefix}required value is empty", line=where, key=column_key(schema, name),
                         allowed=_describe(column))
    return values


def _empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _describe(column) -> str:
    return ", ".join(map(str, column.allowed)) if column.allowed else f"a {column.type} value"


def _check_unique_keys(label, rows: list[Row], records, schema: TableSchema, problems: Problems) -> None:
    """Each key is given once. A row whose key has a value missing or refused (reported
    already) is not compared: it would make a false duplicate of every other such row."""
    if not schema.key:
        return
    letters = getattr(records, "letters", {})
    seen: dict[tuple, int] = {}
    for row in rows:
        values = row.values
        try:
            key = tuple([str(values[k]) for k in schema.key])
        except KeyError:
            continue
        if key in seen:
            file, where, prefix = _place(label, row.index, row.line, {}, schema.key[0], letters)
            problems.add(file, f"{prefix}duplicate key {'/'.join(schema.key)} (also row {seen[key]})",
                         line=where, key="/".join(schema.key), found="/".join(key))
        else:
            seen[key] = row.index
