"""Facts that cannot be true: found, and reported as integrity notes that name their values.

What is plausible is declared in the table schemas (the kinds are listed in
engine/integrity.py): a column's bounds (`min`, `max`, or those its unit implies) and date
years, and the `bounds`, `at_most`, `sum_at_most` and `dates_in_order` checks. Each note
names the file and row (its evidence), the column with its Chinese title and the value with
its unit, e.g. “实际拨付金额（paid_amount）16520 万元 超过 核定金额 6520 万元”, and carries the
cells that cannot be true (IntegrityNote.cells).

Every rule that reads such a value, directly or through a derived fact resting on it, cannot
assess (engine/suspect.py; engine/check.py drops its findings before any deduction is
computed), so its leaf is 无法评价 with the note as its reason. A derived row is checked
only when the observed values it rests on are plausible; otherwise it already carries
their notes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..load.check_kinds import as_list
from ..model.facts import Case, Fact
from ..model.results import IntegrityNote
from ..model.tables import RATIO_UNIT, Column, TableSchema, TableSchemas
from ..model.values import FactDate
from .suspect import suspects


def check_plausibility(case: Case, schemas: TableSchemas, derived: dict[str, list[Fact]] | None = None) -> list[IntegrityNote]:
    """The implausible facts of a case: observed rows, then the derived rows (`derived`, by table)
    whose observed sources are all plausible. Each IntegrityNote names the cells that cannot be true."""
    notes: list[IntegrityNote] = []
    for table, rows in case.tables.items():
        notes += _table_notes(case, schemas, schemas.tables[table], rows, observed=True)
    if derived:
        inherited = suspects(notes, derived)
        for table, rows in derived.items():
            fresh = [row for row in rows if id(row) not in inherited]  # else it has its sources' notes
            notes += _table_notes(case, schemas, schemas.tables[table], fresh, observed=False)
    return notes


def _table_notes(case, schemas, schema: TableSchema, rows: list[Fact], observed: bool) -> list[IntegrityNote]:
    notes = []
    for row in rows:
        for name, value in row.values.items():
            column = schema.columns[name]
            notes += _column_bounds(schema, row, column, value, column.min, column.max)
            if observed and isinstance(value, FactDate):
                notes += _date_in_range(case, schema, row, column, value)
    for check in schema.checks:
        if check["kind"] in _CHECKS:
            notes += _CHECKS[check["kind"]](case, schemas, schema, rows, check)
    return notes


def _column_bounds(schema, row, column, value, low, high) -> list[IntegrityNote]:
    if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
        return []
    if low is not None and value < low:
        limit = "不能为负数" if low == 0 else f"不能小于 {_show(low, _unit(column, row))}"
    elif high is not None and value > high:
        limit = f"不能大于 {_show(high, _unit(column, row))}"
    else:
        return []
    text = f"{_who(schema, row)}{_with(column.label, '为 ' + _show(value, _unit(column, row)))}，{limit}"
    return [_note("bounds", schema, row, text, (column.name,))]


def _date_in_range(case, schema, row, column, value: FactDate) -> list[IntegrityNote]:
    low, high = case.year + column.years[0], case.year + column.years[1]
    if low <= int(value.latest[:4]) <= high:
        return []
    text = (f"{_who(schema, row)}{_with(column.label, str(value))} 不在 {case.year} 年评价的合理范围"
            f"（{low}–{high} 年）内")
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
        what = check.get("title") or limit_column.label
        text = f"{_who(schema, row)}{_with(column.label, _show(value, unit))} 超过 {_with(what, _show(limit, unit))}"
        if less:
            text += f"（{' − '.join(c.title or c.name for c in (limit_column, *less))}）"
        if check.get("unless"):
            text += f"；如确为超额拨付，请在 {schema.columns[check['unless']].label} 列填 yes"
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
    text = (f"{schema.name} 的 {_with(column.label, '合计 ' + _show(total, column.unit))} 超过 {other_schema.name} 的 "
            f"{_with(other.label, '合计 ' + _show(limit, other.unit))}")
    cells = tuple((r, (column.name,)) for r in mine) + tuple((r, (other.name,)) for r in theirs)
    return [IntegrityNote("sum_at_most", schema.name, text, _evidence_rows(r for r, _ in cells), cells)]


def _dates_in_order(case, schemas, schema, rows, check) -> list[IntegrityNote]:
    columns = [schema.columns[name] for name in check["columns"]]
    notes = []
    for row in rows:
        dated = [(c, row.values[c.name]) for c in columns if isinstance(row.values.get(c.name), FactDate)]
        for (first, early), (second, late) in zip(dated, dated[1:]):
            if _earliest(early) > late.latest:
                text = f"{_who(schema, row)}{_with(first.label, str(early))} 晚于 {_with(second.label, str(late))}"
                notes.append(_note("dates_in_order", schema, row, text, (first.name, second.name)))
    return notes


_CHECKS = {"bounds": _bounds, "at_most": _at_most, "sum_at_most": _sum_at_most, "dates_in_order": _dates_in_order}


def _earliest(date: FactDate) -> str:
    """The earliest day a date can stand for: a month-only date may be its first day."""
    return date.text + "-01" if len(date.text) == 7 else date.latest


def _matches(row: Fact, where: dict) -> bool:
    for column, wanted in where.items():
        options = wanted if isinstance(wanted, list) else [wanted]
        if str(row.values.get(column)) not in {str(o) for o in options}:
            return False
    return True


def _note(check: str, schema: TableSchema, row: Fact, text: str, columns: tuple) -> IntegrityNote:
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


def _with(label: str, text: str) -> str:
    """A column's label and a value: 实际拨付金额（paid_amount）16520 万元, paid_amount 16520."""
    return f"{label}{'' if label.endswith('）') else ' '}{text}"


def _who(schema: TableSchema, row: Fact) -> str:
    """The fact's name in a message: its label (“2017 年下半年 40% …”), marked when derived."""
    label = row.values.get(schema.label) if schema.label else None
    prefix = f"{schema.name}（派生）" if schema.derived else ""
    return f"{prefix}“{label}” " if label is not None else (f"{prefix} " if prefix else "")


def _unit(column: Column, row: Fact) -> str:
    """A value's unit: its column's, or the row's own `unit` (outcomes and targets carry one per row)."""
    return column.unit or (str(row.values["unit"]) if isinstance(row.values.get("unit"), str) else "")


def _show(value, unit: str = "") -> str:
    if isinstance(value, Decimal):
        shown = value.quantize(Decimal("0.0001"), ROUND_HALF_UP) if value.as_tuple().exponent < -4 else value
        text = format(shown.normalize(), "f")
    else:
        text = str(value)
    if unit.startswith("是否"):  # yes / no coded as 1 / 0: the number says it all
        return text
    if unit == RATIO_UNIT:
        return f"{text}（{(Decimal(value) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP).normalize():f}%）"
    return f"{text} {unit}" if unit else text
