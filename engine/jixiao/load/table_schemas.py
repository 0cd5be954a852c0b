"""Fact table schemas (rules/tables/*.yaml): columns, types, units, required fields, keys.

A schema turns the text people type into typed values and refuses what does not fit,
naming the file, row, column, the value found and what is allowed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from ..disk.reading import listed
from ..model.messages import Message, Named
from ..model.problems import InputError, Problems, meant
from ..model.tables import DATE_YEARS, RATIO_UNIT, RESERVED_COLUMNS, TYPES, Column, TableSchema, TableSchemas
from . import check_kinds as schemachecks
from .titles import plain_name, sheet_title
from .yaml_source import check_keys, line_of, load_mapping

_COLUMN_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}(?<!_)$")
BY_ROW = "row"  # `label: row`: rows are named by table and row number, for a table of one row a case
_SCHEMA_KEYS = {"table", "title", "description", "key", "label", "date", "derived", "inputs", "columns", "checks",
                "gives", "caption", "former_titles"}
_COLUMN_KEYS = {"type", "title", "unit", "unit_in", "required", "allowed", "description", "min", "max", "years"}


def load_catalog(directory: Path) -> TableSchemas:
    """Load every table schema under `directory`; all problems are raised together."""
    problems = Problems()
    schemas = TableSchemas()
    listed(directory)
    files = sorted(Path(directory).glob("*.yaml"))
    if not files:
        problems.add(directory, Message("schema.none"))
    for path in files:
        try:
            schema = _load_schema(path, problems)
        except InputError as exc:  # YAML syntax
            problems.extend(exc.problems)
            continue
        if schema:
            schemas.tables[schema.name] = schema
    _check_former_titles(schemas, problems)
    problems.raise_if_any()
    return schemas


def _check_former_titles(schemas: TableSchemas, problems: Problems) -> None:
    """A table's former title may not be another table's name now (its code, title or sheet
    name): a sheet so named would be read as the other table."""
    current = {}
    for code, schema in schemas.tables.items():
        for name in (code, schema.title, sheet_title(schema)):
            current.setdefault(plain_name(name), code)
    for code, schema in schemas.tables.items():
        for former in schema.former_titles:
            other = current.get(plain_name(former))
            if other is not None and other != code:
                problems.add(schema.file, Message("schema.former_title_taken", {"table": other}), key="former_titles",
                             found=former)


def _load_schema(path: Path, problems: Problems) -> TableSchema | None:
    label = str(path)
    data = load_mapping(path, _SCHEMA_KEYS, Message("yaml.what_schema"), problems)
    if data is None:
        return None
    name = data.get("table")
    if name != path.stem:
        problems.add(label, Message("schema.table_is_file_name"), line=line_of(data, "table"),
                     key="table", found=name, allowed=path.stem)
    columns = {}
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, dict) or not raw_columns:
        problems.add(label, Message("schema.columns"), line=line_of(data, "columns"),
                     key="columns")
        return None
    for col_name, spec in raw_columns.items():
        column = _load_column(label, raw_columns, col_name, spec, problems)
        if column:
            columns[col_name] = column
    key = _names(label, data, "key", problems)
    for k in key:
        if k not in raw_columns:
            problems.add(label, Message("schema.key_column", {"meant": meant(k, raw_columns)}),
                         line=line_of(data, "key"), key="key", found=k)
    for column in columns.values():  # a number whose unit each row names in another (text) column
        if column.unit_in and (column.unit_in not in columns or columns[column.unit_in].type != "text"):
            problems.add(label, Message("schema.unit_in", {"meant": meant(column.unit_in, raw_columns)}),
                         line=line_of(raw_columns.get(column.name) or {}, "unit_in"), key=f"{column.name}.unit_in",
                         found=column.unit_in)
    label_col = data.get("label")  # a column, or `row`: by table and row number (budget_execution:1)
    if label_col is not None and (not isinstance(label_col, str) or label_col not in (*raw_columns, BY_ROW)):
        problems.add(label, Message("schema.label_column", {"meant": meant(label_col, raw_columns)}),
                     line=line_of(data, "label"), key="label", found=label_col,
                     allowed=Message("schema.label_column_allowed", {"by_row": BY_ROW}))
    caption = data.get("caption")  # a text column that says what a row is, shown beside its label in reports
    if caption is not None and (not isinstance(caption, str) or caption not in columns or columns[caption].type != "text"):
        problems.add(label, Message("schema.caption", {"meant": meant(caption, raw_columns)}),
                     line=line_of(data, "caption"), key="caption", found=caption)
        caption = None
    checks = _checks(label, data, raw_columns, columns, problems)
    derived = bool(data.get("derived", False))
    date = _date_column(label, data, columns, derived, problems)
    inputs = _inputs(label, data, derived, problems)
    gives = data.get("gives") or {}
    if not isinstance(gives, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in gives.items()):
        problems.add(label, Message("schema.gives"), line=line_of(data, "gives"), key="gives", found=gives)
        gives = {}
    return TableSchema(str(name), str(data.get("title", "")), columns, key, label_col, derived, label, checks, date,
                       inputs, tuple(gives.items()), caption, _former_titles(label, data, problems))


def _former_titles(label: str, data: dict, problems: Problems) -> tuple[str, ...]:
    """`former_titles: [市口岸办向主运维商拨付运维补贴资金，按批次]`: what the table was titled before
    (a workbook collected then names its sheet so): a list of texts."""
    titles = data.get("former_titles") or []
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        problems.add(label, Message("schema.former_titles"), line=line_of(data, "former_titles"), key="former_titles",
                     found=titles)
        return ()
    return tuple(t.strip() for t in titles)


def _inputs(label, data, derived: bool, problems) -> tuple:
    """`inputs: [budget, [expenditures, disbursements]]`: the observed tables a derived table is
    computed from (a list inside: one of these). Whether they exist is checked with the others."""
    raw = data.get("inputs")
    if not derived:
        if raw is not None:
            problems.add(label, Message("schema.inputs_underived"), line=line_of(data, "inputs"),
                         key="inputs")
        return ()
    items = raw if isinstance(raw, list) else None
    good = items and all(isinstance(i, str) or (isinstance(i, list) and i and all(isinstance(o, str) for o in i))
                         for i in items)
    if not good:
        problems.add(label, Message("schema.inputs"), line=line_of(data, "inputs"),
                     key="inputs", found=raw, allowed=Message("schema.inputs_allowed"))
        return ()
    return tuple(tuple(i) if isinstance(i, list) else i for i in items)


def _date_column(label, data, columns: dict[str, Column], derived: bool, problems) -> str | None:
    """`date: due_date`: the column whose date places each fact in time, so that a rule in force
    for part of a year judges only the facts dated in its period. Every observed fact must
    have one (a derived table takes it from a required column of its source)."""
    name = data.get("date")
    if name is None:
        return None
    dates = sorted(n for n, c in columns.items() if c.type == "date" and (derived or c.required))
    column = columns.get(name) if isinstance(name, str) else None
    if column is None or column.type != "date":
        problems.add(label, Message("schema.date", {"meant": meant(name, dates)}),
                     line=line_of(data, "date"), key="date", found=name,
                     allowed=", ".join(dates) or Message("schema.none_allowed"))
        return None
    if not derived and not column.required:
        problems.add(label, Message("schema.date_required"), line=line_of(data, "date"), key="date", found=name,
                     allowed=", ".join(dates) or Message("schema.date_required_allowed", {"name": name}))
        return None
    return name


def _checks(label, data, raw_columns, columns, problems) -> tuple:
    """Integrity checks: known kinds, known and required keys, and columns of this table where
    they name one; plausibility checks also need columns of the right type."""
    kinds, required = schemachecks.CHECK_KEYS, schemachecks.REQUIRED_KEYS
    raw = data.get("checks") or []
    if not isinstance(raw, list):
        problems.add(label, Message("schema.checks"), line=line_of(data, "checks"), key="checks")
        return ()
    checks = []
    for check in raw:
        line = getattr(check, "line", line_of(data, "checks"))
        kind = check.get("kind") if isinstance(check, dict) else None
        if kind not in kinds:
            problems.add(label, Message("schema.check_kind", {"meant": meant(kind, kinds)}), line=line, key="checks",
                         found=kind, allowed=", ".join(kinds))
            continue
        check_keys(label, check, kinds[kind], problems, "checks.")
        missing = sorted(required[kind] - set(check))
        if missing:
            problems.add(label, Message("schema.check_needs", {"kind": kind, "keys": ", ".join(missing)}), line=line, key=f"checks.{kind}",
                         allowed=", ".join(sorted(kinds[kind] - {"kind"})))
            continue
        unknown = [c for c in schemachecks.named_columns(check) if c not in raw_columns]
        for column in unknown:
            problems.add(label, Message("schema.check_column", {"meant": meant(column, raw_columns)}),
                         line=line, key=f"checks.{kind}", found=column)
        for key, message, found in ([] if unknown else schemachecks.check_problems(check, columns)):  # Messages
            problems.add(label, message, line=line, key=f"checks.{key}", found=found)
        checks.append(dict(check))
    return tuple(checks)


def _load_column(label, raw_columns, name, spec, problems) -> Column | None:
    line = line_of(raw_columns, name)
    if name in RESERVED_COLUMNS:
        problems.add(label, Message("schema.reserved"), line=line, key=str(name),
                     allowed=Message("schema.reserved_allowed", {"names": ", ".join(sorted(RESERVED_COLUMNS))}))
        return None
    if not isinstance(name, str) or not _COLUMN_NAME.match(name):
        problems.add(label, Message("schema.column_name"), line=line, key=str(name), found=name,
                     allowed=Message("schema.column_name_allowed"))
        return None
    if not isinstance(spec, dict):
        problems.add(label, Message("schema.column_mapping"), line=line, key=name)
        return None
    check_keys(label, spec, _COLUMN_KEYS, problems, prefix=f"{name}.")
    ctype = spec.get("type")
    if ctype not in TYPES:
        problems.add(label, Message("schema.column_type", {"meant": meant(ctype, TYPES)}), line=line_of(spec, "type"),
                     key=f"{name}.type", found=ctype, allowed=", ".join(TYPES))
        return None
    required = spec.get("required", False)
    if not isinstance(required, bool):
        problems.add(label, Message("schema.required"), line=line_of(spec, "required"), key=f"{name}.required",
                     found=required)
    allowed = spec.get("allowed") or []
    words = ()
    if isinstance(allowed, dict):  # {code: 中文}: the Chinese word people type (and drop-downs show) for each
        words = tuple((code, str(word)) for code, word in allowed.items())
        allowed = list(allowed)
        if not all(isinstance(w, str) and w.strip() for w in dict(words).values()) \
                or len({w for _, w in words}) != len(words):
            problems.add(label, Message("schema.allowed_words"),
                         line=line_of(spec, "allowed"), key=f"{name}.allowed", found=dict(words))
            words = ()
    if not isinstance(allowed, list) or not all(isinstance(a, (str, int)) for a in allowed):
        problems.add(label, Message("schema.allowed"), line=line_of(spec, "allowed"),
                     key=f"{name}.allowed", found=allowed)
        allowed, words = [], ()
    unit = str(spec.get("unit", ""))
    unit_in = spec.get("unit_in") or ""
    if ctype not in ("integer", "number") or not isinstance(unit_in, str) or (unit_in and unit):
        if unit_in:
            problems.add(label, Message("schema.unit_in", {"meant": ""}),
                         line=line_of(spec, "unit_in"), key=f"{name}.unit_in", found=unit_in)
        unit_in = ""
    low, high = _bounds(label, name, spec, ctype, unit, problems)
    years = _years(label, name, spec, ctype, problems)
    return Column(name, ctype, str(spec.get("title", "")), unit, required is True, tuple(allowed), low, high, years,
                  str(spec.get("description") or ""), words, unit_in)


def _bounds(label, name, spec, ctype, unit, problems) -> tuple:
    """A number's plausible bounds: as declared (`min: null` for none), else implied by its unit:
    a ratio (比例) lies in [0, 1], any other quantity with a unit (万元, 个, 分钟…) is not negative."""
    implied = {"min": Decimal(0) if unit else None, "max": Decimal(1) if unit == RATIO_UNIT else None}
    bounds = {}
    for key in ("min", "max"):
        if key not in spec:
            bounds[key] = implied[key] if ctype in ("integer", "number") else None
            continue
        value = spec[key]
        if ctype not in ("integer", "number"):
            problems.add(label, Message("schema.bound_type", {"key": key, "column": _named(name, spec), "type": ctype}),
                         line=line_of(spec, key), key=f"{name}.{key}", found=value,
                         allowed=Message("schema.bound_type_allowed"))
            bounds[key] = None
        elif value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.add(label, Message("schema.bound", {"key": key}), line=line_of(spec, key),
                         key=f"{name}.{key}", found=value, allowed=Message("schema.bound_allowed"))
            bounds[key] = None
        else:
            bounds[key] = None if value is None else Decimal(str(value))
    if bounds["min"] is not None and bounds["max"] is not None and bounds["min"] > bounds["max"]:
        problems.add(label, Message("schema.min_above_max"), line=line_of(spec, "min"), key=f"{name}.min",
                     found=f"{bounds['min']} > {bounds['max']}")
    return bounds["min"], bounds["max"]


def _years(label, name, spec, ctype, problems) -> tuple:
    """A date column's plausible years relative to the case year, e.g. [-50, 5] for documents in force."""
    if "years" not in spec:
        return DATE_YEARS
    value = spec["years"]
    if ctype != "date":
        problems.add(label, Message("schema.years_type", {"column": _named(name, spec), "type": ctype}),
                     line=line_of(spec, "years"),
                     key=f"{name}.years", found=value)
        return DATE_YEARS
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool)
                                                                   for v in value) or value[0] > value[1]):
        problems.add(label, Message("schema.years"), line=line_of(spec, "years"),
                     key=f"{name}.years", found=value, allowed=Message("schema.years_allowed"))
        return DATE_YEARS
    return tuple(value)


def _names(label, data, key, problems) -> tuple:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(label, Message("schema.names", {"key": key}), line=line_of(data, key), key=key, found=value,
                     allowed=Message("schema.names_allowed"))
        return ()
    return tuple(value)


# ---------------------------------------------------------------- values


def _named(name, spec) -> Named:
    """A column of the schema being read, by its title and code."""
    return Named(str(name), str(spec.get("title") or "") if isinstance(spec, dict) else "")
