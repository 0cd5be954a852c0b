"""Records validated against their table's schema: unknown and missing columns reported once
per table, every cell parsed, required values present, keys unique; each problem names the
file, the row (or the Excel cell) and the column with its Chinese title."""

from __future__ import annotations

from ..model.facts import Case, Fact
from ..model.problems import Problems, closest, did_you_mean
from ..model.tables import TableSchema
from .cells import ALLOWED, ValueProblem, parsers_for
from .records import unit_list
from .yaml_source import line_of


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
        rows.append(Fact(name, index, label, line, values))
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
        problems.add(label, f"{unit_list('row', [i for i, _ in where])}: unknown column"
                            f"{did_you_mean(column, schema.columns)}", line=where[0][1], key=column, allowed=allowed)
    misspelt: dict[str, set] = {}  # a column -> the rows that give it under a misspelt name
    for name, where in unknown.items():
        misspelt.setdefault(closest(name, schema.columns), set()).update(i for i, _ in where)
    for column, where in missing.items():
        if {i for i, _ in where} <= misspelt.get(column, set()):
            continue  # every row that misses it has it misspelt: reported as the unknown column
        problems.add(label, f"{unit_list('row', [i for i, _ in where])}: required column is missing",
                     line=where[0][1], key=column_key(schema, column))


def _validate_record(label, index, line, record, schema: TableSchema, problems: Problems, letters: dict) -> dict:
    """A record's typed values; a value that does not parse, or a required one that is empty, is a
    problem. (Unknown and missing columns are the table's problems: _check_columns.)"""
    values = {}
    parsers = parsers_for(schema)
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
    return ", ".join(map(str, column.allowed)) if column.allowed else ALLOWED[column.type]


def _check_unique_keys(label, rows: list[Fact], records, schema: TableSchema, problems: Problems) -> None:
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
