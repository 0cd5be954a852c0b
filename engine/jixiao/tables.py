"""Fact table schemas (rules/tables/*.yaml): columns, types, units, required fields, keys.

A schema turns the text people type into typed values and refuses what does not fit,
naming the file, row, column, the value found and what is allowed.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

from . import schemachecks
from .errors import InputError, Problems, did_you_mean
from .expr import FieldKind
from .yamlsrc import check_keys, line_of, listed, load_mapping

TYPES = ("text", "integer", "number", "date", "answer")
ANSWERS = ("yes", "no", "partial")
MAX_MAGNITUDE = Decimal("1e12")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
# How Excel shows (and saves to CSV) a number of 16 or more digits: 4.40190201307030E+17.
_EXCEL_LONG_NUMBER = re.compile(r"^[+-]?\d\.\d+E\+(?:1[5-9]|[2-9]\d)$", re.IGNORECASE)
LONG_NUMBER_HINT = "请将该列设置为文本格式后重新录入 (format the column as Text, then type the values again)"
RESERVED_COLUMNS = {"weight", "count", "deduction", "labels", "label"}
_COLUMN_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}(?<!_)$")
_SCHEMA_KEYS = {"table", "title", "description", "key", "label", "date", "derived", "columns", "checks"}
_COLUMN_KEYS = {"type", "title", "unit", "required", "allowed", "description", "min", "max", "years"}
RATIO_UNIT = "比例"
DATE_YEARS = (-15, 5)  # a date's plausible years around the case year, unless its column says otherwise


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    title: str = ""
    unit: str = ""
    required: bool = False
    allowed: tuple = ()
    min: Decimal | None = None  # plausible bounds of a number (engine/plausibility.py)
    max: Decimal | None = None
    years: tuple = DATE_YEARS  # a date's plausible years, relative to the case year

    @property
    def label(self) -> str:
        """How messages name the column: its Chinese title and its name, e.g. 实际拨付金额（paid_amount）."""
        return f"{self.title}（{self.name}）" if self.title else self.name

    @property
    def kind(self) -> FieldKind:
        """How conditions may compare this column."""
        if self.type in ("integer", "number"):
            return FieldKind("number", self.allowed)
        if self.type == "date":
            return FieldKind("date")
        allowed = ANSWERS if self.type == "answer" else self.allowed
        return FieldKind("text", tuple(allowed))


@dataclass(frozen=True)
class TableSchema:
    name: str
    title: str
    columns: dict[str, Column]
    key: tuple[str, ...] = ()
    label: str | None = None
    derived: bool = False
    file: str = ""
    checks: tuple = ()  # integrity checks (engine/integrity.py), as data
    date: str | None = None  # the column that dates each fact: which version of a rule judges it

    @property
    def field_kinds(self) -> dict[str, FieldKind]:
        return {name: col.kind for name, col in self.columns.items()}

    @functools.cached_property
    def parsers(self) -> dict[str, Callable]:
        """Each column's cell parser."""
        return {name: parser(column) for name, column in self.columns.items()}

    @functools.cached_property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns.values() if column.required)


@dataclass
class Catalog:
    """Every fact table jixiao knows, observed and derived."""

    tables: dict[str, TableSchema] = field(default_factory=dict)

    def get(self, name: str) -> TableSchema | None:
        return self.tables.get(name)


def load_catalog(directory: Path) -> Catalog:
    """Load every table schema under `directory`; all problems are raised together."""
    problems = Problems()
    catalog = Catalog()
    listed(directory)
    files = sorted(Path(directory).glob("*.yaml"))
    if not files:
        problems.add(directory, "no fact table schemas (*.yaml) found")
    for path in files:
        try:
            schema = _load_schema(path, problems)
        except InputError as exc:  # YAML syntax
            problems.extend(exc.problems)
            continue
        if schema:
            catalog.tables[schema.name] = schema
    problems.raise_if_any()
    return catalog


def _load_schema(path: Path, problems: Problems) -> TableSchema | None:
    label = str(path)
    data = load_mapping(path, _SCHEMA_KEYS, "a table schema (table, title, key, label, columns)", problems)
    if data is None:
        return None
    name = data.get("table")
    if name != path.stem:
        problems.add(label, "'table' must equal the file name", line=line_of(data, "table"),
                     key="table", found=name, allowed=path.stem)
    columns = {}
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, dict) or not raw_columns:
        problems.add(label, "'columns' must map column names to their type", line=line_of(data, "columns"),
                     key="columns")
        return None
    for col_name, spec in raw_columns.items():
        column = _load_column(label, raw_columns, col_name, spec, problems)
        if column:
            columns[col_name] = column
    key = _names(label, data, "key", problems)
    for k in key:
        if k not in raw_columns:
            problems.add(label, f"key column is not a column{did_you_mean(k, raw_columns)}",
                         line=line_of(data, "key"), key="key", found=k)
    label_col = data.get("label")
    if label_col is not None and (not isinstance(label_col, str) or label_col not in raw_columns):
        problems.add(label, f"label column is not a column{did_you_mean(label_col, raw_columns)}",
                     line=line_of(data, "label"), key="label", found=label_col)
    checks = _checks(label, data, raw_columns, columns, problems)
    derived = bool(data.get("derived", False))
    date = _date_column(label, data, columns, derived, problems)
    return TableSchema(str(name), str(data.get("title", "")), columns, key, label_col, derived, label, checks, date)


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
        problems.add(label, f"'date' names the date column that dates each fact{did_you_mean(name, dates)}",
                     line=line_of(data, "date"), key="date", found=name, allowed=", ".join(dates) or "none")
        return None
    if not derived and not column.required:
        problems.add(label, "the column that dates each fact must be required: a fact without a date could "
                     "not be given to the version of a rule in force on it", line=line_of(data, "date"),
                     key="date", found=name, allowed=", ".join(dates) or f"{name} with required: true")
        return None
    return name


def _checks(label, data, raw_columns, columns, problems) -> tuple:
    """Integrity checks: known kinds, known and required keys, and columns of this table where
    they name one; plausibility checks also need columns of the right type."""
    kinds, required = schemachecks.CHECK_KEYS, schemachecks.REQUIRED_KEYS
    raw = data.get("checks") or []
    if not isinstance(raw, list):
        problems.add(label, "'checks' lists integrity checks", line=line_of(data, "checks"), key="checks")
        return ()
    checks = []
    for check in raw:
        line = getattr(check, "line", line_of(data, "checks"))
        kind = check.get("kind") if isinstance(check, dict) else None
        if kind not in kinds:
            problems.add(label, f"unknown check kind{did_you_mean(kind, kinds)}", line=line, key="checks",
                         found=kind, allowed=", ".join(kinds))
            continue
        check_keys(label, check, kinds[kind], problems, "checks.")
        missing = sorted(required[kind] - set(check))
        if missing:
            problems.add(label, f"check {kind} needs {', '.join(missing)}", line=line, key=f"checks.{kind}",
                         allowed=", ".join(sorted(kinds[kind] - {"kind"})))
            continue
        unknown = [c for c in schemachecks.named_columns(check) if c not in raw_columns]
        for column in unknown:
            problems.add(label, f"check names no column of this table{did_you_mean(column, raw_columns)}",
                         line=line, key=f"checks.{kind}", found=column)
        for key, message, found in ([] if unknown else schemachecks.check_problems(check, columns)):
            problems.add(label, message, line=line, key=f"checks.{key}", found=found)
        checks.append(dict(check))
    return tuple(checks)


def _load_column(label, raw_columns, name, spec, problems) -> Column | None:
    line = line_of(raw_columns, name)
    if name in RESERVED_COLUMNS:
        problems.add(label, "this name is reserved for rule formulas and finding texts", line=line,
                     key=str(name), allowed=f"any name but {', '.join(sorted(RESERVED_COLUMNS))}")
        return None
    if not isinstance(name, str) or not _COLUMN_NAME.match(name):
        problems.add(label, "column names are lower-case identifiers (letters, digits, '_'; not ending in '_')",
                     line=line, key=str(name), found=name, allowed="e.g. paid_date")
        return None
    if not isinstance(spec, dict):
        problems.add(label, "a column is a mapping with at least 'type'", line=line, key=name)
        return None
    check_keys(label, spec, _COLUMN_KEYS, problems, prefix=f"{name}.")
    ctype = spec.get("type")
    if ctype not in TYPES:
        problems.add(label, f"unknown column type{did_you_mean(ctype, TYPES)}", line=line_of(spec, "type"),
                     key=f"{name}.type", found=ctype, allowed=", ".join(TYPES))
        return None
    required = spec.get("required", False)
    if not isinstance(required, bool):
        problems.add(label, "'required' is true or false", line=line_of(spec, "required"), key=f"{name}.required",
                     found=required)
    allowed = spec.get("allowed") or []
    if not isinstance(allowed, list) or not all(isinstance(a, (str, int)) for a in allowed):
        problems.add(label, "'allowed' lists the allowed values", line=line_of(spec, "allowed"),
                     key=f"{name}.allowed", found=allowed)
        allowed = []
    unit = str(spec.get("unit", ""))
    low, high = _bounds(label, name, spec, ctype, unit, problems)
    years = _years(label, name, spec, ctype, problems)
    return Column(name, ctype, str(spec.get("title", "")), unit, required is True, tuple(allowed), low, high, years)


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
            problems.add(label, f"'{key}' bounds a number; this column is a {ctype}", line=line_of(spec, key),
                         key=f"{name}.{key}", found=value, allowed="min / max on integer and number columns")
            bounds[key] = None
        elif value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.add(label, f"'{key}' is a number, or null for no bound", line=line_of(spec, key),
                         key=f"{name}.{key}", found=value, allowed="e.g. 0, 1, null")
            bounds[key] = None
        else:
            bounds[key] = None if value is None else Decimal(str(value))
    if bounds["min"] is not None and bounds["max"] is not None and bounds["min"] > bounds["max"]:
        problems.add(label, "'min' is larger than 'max'", line=line_of(spec, "min"), key=f"{name}.min",
                     found=f"{bounds['min']} > {bounds['max']}")
    return bounds["min"], bounds["max"]


def _years(label, name, spec, ctype, problems) -> tuple:
    """A date column's plausible years relative to the case year, e.g. [-50, 5] for documents in force."""
    if "years" not in spec:
        return DATE_YEARS
    value = spec["years"]
    if ctype != "date":
        problems.add(label, f"'years' bounds a date; this column is a {ctype}", line=line_of(spec, "years"),
                     key=f"{name}.years", found=value)
        return DATE_YEARS
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool)
                                                                   for v in value) or value[0] > value[1]):
        problems.add(label, "'years' is [earliest, latest] in years from the case year", line=line_of(spec, "years"),
                     key=f"{name}.years", found=value, allowed="e.g. [-50, 5]")
        return DATE_YEARS
    return tuple(value)


def _names(label, data, key, problems) -> tuple:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(label, f"'{key}' lists column names", line=line_of(data, key), key=key, found=value,
                     allowed="e.g. [operator, tranche]")
        return ()
    return tuple(value)


# ---------------------------------------------------------------- values

def is_iso_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD (2017-02-31 is not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class ValueProblem(ValueError):
    """A cell that does not fit its column; the message says what is allowed."""

    def __init__(self, message: str, allowed: str):
        super().__init__(message)
        self.allowed = allowed


@functools.lru_cache(maxsize=None)
def parser(column: Column) -> Callable:
    """The cell parser of one column, built once (it runs in the hot loop of loading facts): it
    returns a cell's typed value, or None for an empty cell, and raises ValueProblem."""
    convert = _CONVERTERS[column.type]
    allowed = column.allowed
    listing = ", ".join(map(str, allowed))
    wanted = f"one {column.type} value"

    plain_text = column.type == "text"

    def parse(raw):
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            value = text if plain_text and "+" not in text else convert(text)
        elif raw is None:
            return None
        elif isinstance(raw, (list, dict)):
            raise ValueProblem("a single value expected, found a list or mapping", wanted)
        else:
            value = convert(raw)
        if allowed and value not in allowed:
            raise ValueProblem("value not allowed", listing)
        return value
    return parse


def _text(raw) -> str:
    """Text; a long code that Excel turned into a number (its last digits lost) is refused."""
    if isinstance(raw, bool):
        raise ValueProblem("text expected", "text")
    if isinstance(raw, float) and abs(raw) >= 1e15:
        raw = f"{raw:.14E}"
    text = str(raw).strip()
    if _EXCEL_LONG_NUMBER.match(text):
        raise ValueProblem("Excel 只保存 15 位有效数字 a long code saved by Excel as a number: its last digits are "
                           "lost", LONG_NUMBER_HINT)
    return text


def _answer(raw):
    value = raw.strip().lower() if isinstance(raw, str) else raw
    if value not in ANSWERS:
        raise ValueProblem("not an answer", ", ".join(ANSWERS))
    return value


def _integer(raw) -> int:
    if isinstance(raw, bool):
        raise ValueProblem("whole number expected", "a whole number, e.g. 12")
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().replace(",", "")
    if not re.fullmatch(r"[+-]?\d{1,15}", text):
        raise ValueProblem("whole number expected", "a whole number, e.g. 12")
    return int(text)


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueProblem("number expected", "a number, e.g. 3064.72")
    text = str(raw).strip().replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueProblem("number expected", "a number, e.g. 3064.72") from None
    if not value.is_finite() or abs(value) >= MAX_MAGNITUDE:
        raise ValueProblem("number out of range", f"a finite number below {MAX_MAGNITUDE:,.0f}")
    return value


@dataclass(frozen=True, order=True)
class FactDate:
    """A date as observed: a day (2017-06-30) or only a month (2017-10).

    For comparisons a month stands for its last day: the latest the event can have
    happened, so a payment known only by month is never taken as earlier than it was.
    """

    latest: str
    text: str

    def __str__(self) -> str:
        return self.text


def _date(raw) -> FactDate:
    text = str(raw).strip()
    match = _DATE.match(text)
    allowed = "a date YYYY-MM-DD, or YYYY-MM when only the month is known"
    if not match:
        raise ValueProblem("date expected", allowed)
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        raise ValueProblem("no such date", allowed)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return FactDate(f"{year:04d}-{month:02d}-{last:02d}", text)
    if not 1 <= int(day) <= last:
        raise ValueProblem("no such date", allowed)
    return FactDate(text, text)


_CONVERTERS = {"text": _text, "answer": _answer, "integer": _integer, "number": _number, "date": _date}
