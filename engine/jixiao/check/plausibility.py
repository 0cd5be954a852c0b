"""Facts that cannot be true, or are incomplete: found, and reported as integrity notes that
name their values.

What is plausible is declared in the table schemas (the kinds are listed in
check/integrity.py): a column's bounds (`min`, `max`, or those its unit implies) and date
years, and the `bounds`, `at_most`, `sum_at_most`, `dates_in_order`, `not_before`,
`duration`, `term_ends`, `required_with` and `equal` checks. Each note names the file and
row (its evidence), the column with its Chinese title and the value with its unit, e.g.
“实际拨付金额（paid_amount）16520 万元 超过 核定金额 6520 万元”, and carries the cells that
cannot be true (IntegrityNote.cells): for a relation, every value it relates; for a missing
value, the column that lacks it.

Every rule that reads such a value, directly or through a derived fact resting on it, cannot
assess (check/suspect.py; check/case.py drops its findings before any deduction is
computed), so its leaf is 无法评价 with the note as its reason. A derived row is checked
only when the observed values it rests on are plausible; otherwise it already carries
their notes.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from ..load.check_kinds import DURATION_UNITS, as_list
from ..load.titles import sheet_title
from ..model.catalogue import CATALOGUE
from ..model.facts import Case, Fact
from ..model.messages import Joined, Message, Named, Said, Value
from ..model.results import IntegrityNote
from ..model.tables import Column, TableSchema, TableSchemas
from ..model.values import FactDate
from .integrity import in_schema_order
from .suspect import suspects


def check_plausibility(case: Case, schemas: TableSchemas, derived: dict[str, list[Fact]] | None = None) -> list[IntegrityNote]:
    """The implausible facts of a case: observed rows, then the derived rows (`derived`, by table)
    whose observed sources are all plausible. Each IntegrityNote names the cells that cannot be true."""
    notes: list[IntegrityNote] = []
    for table in in_schema_order(case, schemas):
        notes += _table_notes(case, schemas, schemas.tables[table], case.tables[table], observed=True)
    if derived:
        inherited = suspects(notes, derived)
        for table, rows in derived.items():
            fresh = [row for row in rows if id(row) not in inherited]  # else it has its sources' notes
            notes += _table_notes(case, schemas, schemas.tables[table], fresh, observed=False)
    return notes


def _table_notes(case, schemas, schema: TableSchema, rows: list[Fact], observed: bool) -> list[IntegrityNote]:
    notes = []
    columns = schema.columns
    bounded = _bounded(schema)  # (most columns have no bounds: no call for them)
    for row in rows if bounded or (observed and _dated(schema)) else ():  # (no value to look at: no row)
        for name, value in row.values.items():
            column = bounded.get(name)
            if column is not None:
                low, high = column.min, column.max
                if not (type(value) in _NUMBERS and (low is None or value >= low) and (high is None or value <= high)):
                    notes += _column_bounds(schema, row, column, value, low, high)  # (a number within bounds: no note)
            if observed and type(value) is FactDate:  # (FactDate has no subclass)
                notes += _date_in_range(case, schema, row, columns[name], value)
    for check in schema.checks:
        if check["kind"] in _CHECKS:
            notes += _CHECKS[check["kind"]](case, schemas, schema, rows, check)
    return notes


_BOUNDED: dict[int, tuple] = {}  # id(schema) -> (schema, its columns with bounds): schemas live as long as the rules


def _bounded(schema: TableSchema) -> dict[str, Column]:
    """The columns of a table that have plausible bounds (min or max), by name."""
    entry = _BOUNDED.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = _BOUNDED[id(schema)] = (schema, {name: column for name, column in schema.columns.items()
                                                 if column.min is not None or column.max is not None})
    return entry[1]


_NUMBERS = (int, Decimal)  # (exactly: a bool is no number here)


def _dated(schema: TableSchema) -> bool:
    """Whether a table has a date column (an observed date is checked against the case year)."""
    return any(column.type == "date" for column in schema.columns.values())


def _column_bounds(schema, row, column, value, low, high) -> list[IntegrityNote]:
    if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
        return []
    if low is not None and value < low:
        unit = _unit(column, row)
        key, limit = ("plausible.negative", None) if low == 0 else ("plausible.below", Value(low, unit))
    elif high is not None and value > high:
        unit = _unit(column, row)
        key, limit = "plausible.above", Value(high, unit)
    else:
        return []
    said = Said(_named(column), Message("plausible.is", {"value": Value(value, unit)}))
    text = Message(key, {"who": _who(schema, row), "said": said, **({"limit": limit} if limit is not None else {})})
    return [_note("bounds", schema, row, text, (column.name,))]


def _date_in_range(case, schema, row, column, value: FactDate) -> list[IntegrityNote]:
    low, high = case.year + column.years[0], case.year + column.years[1]
    if low <= int(value.latest[:4]) <= high:
        return []
    text = Message("plausible.date_range", {"who": _who(schema, row), "said": Said(_named(column), str(value)),
                                            "year": case.year, "low": low, "high": high})
    return [_note("plausible_date", schema, row, text, (column.name,))]


def _bounds(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    low, high = (None if check.get(k) is None else Decimal(str(check[k])) for k in ("min", "max"))
    notes = []
    for row in rows:
        if _matches(row, check.get("where") or {}):
            for name in as_list(check["columns"]):
                notes += _column_bounds(schema, row, schema.columns[name], row.values.get(name), low, high)
    return notes


def _at_most(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    column, limit_column = schema.columns[check["column"]], schema.columns[check["limit"]]
    less = [schema.columns[name] for name in as_list(check.get("less"))]
    notes = []
    for row in rows:
        value, limit = row.values.get(column.name), row.values.get(limit_column.name)
        if value is None or limit is None or (check.get("unless") and row.values.get(check["unless"]) == "yes"):
            continue
        limit -= sum((row.values.get(c.name) or 0 for c in less), Decimal(0))
        if value <= limit:
            continue
        unit = _unit(column, row)
        what = check.get("title") or _named(limit_column)
        text = Message("plausible.at_most", {
            "who": _who(schema, row), "said": Said(_named(column), Value(value, unit)),
            "limit": Said(what, Value(limit, unit)),
            "less": Message("plausible.at_most_less", {"columns": Joined(
                tuple(c.title or c.name for c in (limit_column, *less)), " − ", " − ")}) if less else "",
            "unless": Message("plausible.at_most_unless", {"column": _named(schema.columns[check["unless"]])})
            if check.get("unless") else ""})
        notes.append(_note("at_most", schema, row, text, (column.name, limit_column.name, *(c.name for c in less))))
    return notes


def _sum_at_most(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    other_schema = schemas.tables[check["table"]]
    column, other = schema.columns[check["column"]], other_schema.columns[check["other"]]
    mine = [r for r in rows if isinstance(r.values.get(column.name), (int, Decimal))]
    theirs = [r for r in case.tables.get(other_schema.name, []) if isinstance(r.values.get(other.name), (int, Decimal))]
    if not mine or not theirs:
        return []
    total = sum((r.values[column.name] for r in mine), Decimal(0))
    limit = sum((r.values[other.name] for r in theirs), Decimal(0))
    if total <= limit:
        return []
    text = Message("plausible.sum_at_most", {
        "table": _table(schema), "said": Said(_named(column), Message("plausible.total", {"value": Value(total, column.unit)})),
        "other_table": _table(other_schema),
        "other": Said(_named(other), Message("plausible.total", {"value": Value(limit, other.unit)}))})
    cells = tuple((r, (column.name,)) for r in mine) + tuple((r, (other.name,)) for r in theirs)
    return [IntegrityNote("sum_at_most", schema.name, text, _evidence_rows(r for r, _ in cells), cells)]


def _dates_in_order(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    columns = [schema.columns[name] for name in check["columns"]]
    notes = []
    for row in rows:
        dated = [(c, _as_period(row.values.get(c.name))) for c in columns]
        dated = [(c, period) for c, period in dated if period is not None]
        for (first, early), (second, late) in zip(dated, dated[1:]):
            if early[0] > late[1]:
                text = Message("plausible.dates_in_order", {
                    "who": _who(schema, row), "first": Said(_named(first), str(row.values[first.name])),
                    "second": Said(_named(second), str(row.values[second.name]))})
                notes.append(_note("dates_in_order", schema, row, text, (first.name, second.name)))
    return notes


def _not_before(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    """A date no earlier than the date of the row of another table it joins (a phase accepted,
    or due, no earlier than its contract was signed)."""
    other_schema = schemas.tables[check["table"]]
    column, other = schema.columns[check["column"]], other_schema.columns[check["other"]]
    notes = []
    for row in rows:
        date = row.values.get(column.name)
        if not isinstance(date, FactDate):
            continue
        for target in _joined(row, case.tables.get(other_schema.name, []), check["join"]):
            limit = target.values.get(other.name)
            if isinstance(limit, FactDate) and _earliest(limit) > date.latest:
                text = Message("plausible.not_before", {
                    "who": _who(schema, row), "said": Said(_named(column), str(date)), "other_table": _table(other_schema),
                    "other_who": _who(other_schema, target), "other": Said(_named(other), str(limit))})
                notes.append(IntegrityNote("not_before", schema.name, text, _evidence_rows([row, target]),
                                           ((row, (column.name,)), (target, (other.name,)))))
    return notes


def _duration(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    """A period's length in 天, 小时 or 分钟 is the days from its start to its end, both included
    (a month-only date may be any day of its month)."""
    column, start, end = (schema.columns[check[key]] for key in ("column", "start", "end"))
    per_day = DURATION_UNITS[column.unit]
    notes = []
    for row in rows:
        value, first, last = (row.values.get(c.name) for c in (column, start, end))
        if not isinstance(value, (int, Decimal)) or not isinstance(first, FactDate) or not isinstance(last, FactDate):
            continue
        shortest = _days(first.latest, _earliest(last)) + 1
        longest = _days(_earliest(first), last.latest) + 1
        if longest < 1 or shortest * per_day <= value <= longest * per_day:
            continue  # an end before the start is dates_in_order's to report
        low = max(shortest, 1)
        days, length = (f"{low}", f"{low * per_day}") if low == longest else \
            (f"{low}–{longest}", f"{low * per_day}–{longest * per_day}")
        text = Message("plausible.duration", {
            "who": _who(schema, row), "said": Said(_named(column), Value(value, column.unit)),
            "start": Said(_named(start), str(first)), "end": Said(_named(end), str(last)), "days": days,
            "length": length, "unit": column.unit})
        notes.append(_note("duration", schema, row, text, (column.name, start.name, end.name)))
    return notes


def _term_ends(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    """A term of whole months from its start ends on its end date, or the day before it
    (a contract of 11 months signed 2013-07-28 is due 2014-06-27 or 2014-06-28)."""
    start, months, end = (schema.columns[check[key]] for key in ("start", "months", "end"))
    notes = []
    for row in rows:
        first, term, last = (row.values.get(c.name) for c in (start, months, end))
        if not isinstance(first, FactDate) or not isinstance(last, FactDate) or not isinstance(term, int):
            continue
        try:
            low = _add_months(_earliest(first), term) - datetime.timedelta(days=1)
            high = _add_months(first.latest, term)
        except (ValueError, OverflowError):  # a term ending outside the calendar: no end date fits it
            low = high = None
        if low is not None and _earliest(last) <= high.isoformat() and last.latest >= low.isoformat():
            continue
        params = {"who": _who(schema, row), "end": Said(_named(end), str(last)),
                  "start": Said(_named(start), str(first)), "months": Said(_named(months), Value(term, months.unit))}
        text = Message("plausible.term_ends", {**params, "low": low.isoformat(), "high": high.isoformat()}) \
            if low is not None else Message("plausible.term_ends_never", params)
        notes.append(_note("term_ends", schema, row, text, (start.name, months.name, end.name)))
    return notes


def _required_with(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    """A value that must be there when others are (a payment's date when its amount is given):
    without it the fact is incomplete, and a rule comparing it would see nothing to judge."""
    column = schema.columns[check["column"]]
    given_with = [schema.columns[name] for name in as_list(check["with"])]
    notes = []
    for row in rows:
        given = [c for c in given_with if row.values.get(c.name) is not None]
        if row.values.get(column.name) is not None or not given:
            continue
        shown = Joined(tuple(Said(_named(c), Value(row.values[c.name], _unit(c, row))) for c in given))
        text = Message("plausible.required_with", {"who": _who(schema, row), "given": shown,
                                                   "said": Said(_named(column), Message("plausible.empty"))})
        notes.append(_note("required_with", schema, row, text, (column.name,)))
    return notes


def _equal(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    """Columns that must hold the same value (a target's unit and its outcome's), on the rows
    whose `present` columns hold values (a target and an outcome to compare); an empty cell
    differs from a filled one."""
    columns = [schema.columns[name] for name in as_list(check["columns"])]
    present = [schema.columns[name] for name in as_list(check.get("present"))]
    notes = []
    for row in rows:
        if any(row.values.get(c.name) is None for c in present):
            continue
        values = [row.values.get(c.name) for c in columns]
        if len({"" if v is None else str(v) for v in values}) == 1:
            continue
        shown = Joined(tuple(Said(_named(c), Message("plausible.blank") if v is None else str(v))
                             for c, v in zip(columns, values)), *CATALOGUE["version.and"])
        compared = Message("plausible.equal_present", {"values": Joined(
            tuple(Said(_named(c), Value(row.values[c.name])) for c in present), "，", ", ")}) if present else ""
        text = Message("plausible.equal", {"who": _who(schema, row), "columns": shown, "present": compared})
        notes.append(_note("equal", schema, row, text, (*(c.name for c in columns), *(c.name for c in present))))
    return notes


def _joined(row: Fact, targets: list[Fact], join: dict) -> list[Fact]:
    """The rows of another table that `row` joins: {this column: that column}, values equal and present."""
    return [t for t in targets if all(row.values.get(mine) is not None and row.values.get(mine) == t.values.get(theirs)
                                      for mine, theirs in join.items())]


def _as_period(value) -> tuple[str, str] | None:
    """(earliest, latest) day a value stands for: a date (a month-only one, its month), or a
    year held in an integer column (its whole year)."""
    if isinstance(value, FactDate):
        return _earliest(value), value.latest
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}-01-01", f"{value:04d}-12-31"
    return None


def _days(first: str, last: str) -> int:
    return (datetime.date.fromisoformat(last) - datetime.date.fromisoformat(first)).days


def _add_months(day: str, months: int) -> datetime.date:
    """The same day `months` later, or the end of that month when it is shorter."""
    date = datetime.date.fromisoformat(day)
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


_CHECKS = {"bounds": _bounds, "at_most": _at_most, "sum_at_most": _sum_at_most, "dates_in_order": _dates_in_order,
           "not_before": _not_before, "duration": _duration, "term_ends": _term_ends, "required_with": _required_with,
           "equal": _equal}


def _earliest(date: FactDate) -> str:
    """The earliest day a date can stand for: a month-only date may be its first day."""
    return date.text + "-01" if len(date.text) == 7 else date.latest


def _matches(row: Fact, where: dict) -> bool:
    for column, wanted in where.items():
        options = wanted if isinstance(wanted, list) else [wanted]
        if str(row.values.get(column)) not in {str(o) for o in options}:
            return False
    return True


def _note(check: str, schema: TableSchema, row: Fact, text: Message, columns: tuple) -> IntegrityNote:
    return IntegrityNote(check, schema.name, text, _evidence_rows([row]), ((row, tuple(dict.fromkeys(columns))),))


def _evidence_rows(rows) -> tuple:
    """The observed rows behind some rows (a derived row's sources), each once, in order."""
    seen, out = set(), []
    for row in rows:
        for source in _sources(row):
            if id(source) not in seen:
                seen.add(id(source))
                out.append(source)
    return tuple(out)


def _sources(row: Fact) -> list[Fact]:
    return [row] if not row.derived_from else [s for r in row.derived_from for s in _sources(r)]


def _named(column: Column) -> Named:
    """A column as a note names it: 实际拨付金额（paid_amount）."""
    return Named(column.name, column.title)


def _table(schema: TableSchema) -> Named:
    """A table as a note names it: its sheet title and code, 建设合同（contracts）."""
    return Named(schema.name, sheet_title(schema) if schema.title else "")


def _who(schema: TableSchema, row: Fact) -> Message | str:
    """The fact's name in a message: its label (“2017 年下半年 40% …”), marked when derived."""
    label = row.values.get(schema.label) if schema.label else None
    if schema.derived:
        if label is not None:
            return Message("plausible.who_derived_label", {"table": _table(schema), "label": label})
        return Message("plausible.who_derived", {"table": _table(schema)})
    return Message("plausible.who", {"label": label}) if label is not None else ""


def _unit(column: Column, row: Fact) -> str:
    """A value's unit: its column's, or the row's own `unit` (outcomes and targets carry one per row)."""
    return column.unit or (str(row.values["unit"]) if isinstance(row.values.get("unit"), str) else "")
