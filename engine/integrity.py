"""Integrity checks on the facts themselves: do they agree with each other?

They deduct nothing; they are shown first in every report, because a score resting on a
misprinted total is only as good as the total. Checks come from two places:

- every table: amounts (元 / 万元) are not negative, dates fall in a plausible range
  around the case year;
- a table schema's `checks:` list, as data:
    {kind: row_sum, total: total, parts: [lead_plan, collab_plan]}
        each row's total equals the sum of its parts (to 0.01);
    {kind: subtotals, marker: line_type, group: category, amounts: [total, …]}
        rows marked `subtotal` equal the sum of the `item` rows of their group, the row
        marked `total` the sum of the subtotals;
    {kind: sum_equals, column: amount, table: other, row: {line_type: total}, other: total}
        the column's sum equals a total declared in another table;
    {kind: shares, column: share, group: budget_year}
        shares within each group add up to 100 %;
    {kind: reference, column: operator, table: operators, to: operator, where: {…}}
        each value names a row of the other table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .facts import Case, Row
from .tables import Catalog, FactDate

TOLERANCE = Decimal("0.01")
MONEY_UNITS = {"元", "万元", "亿元"}
PLAUSIBLE_YEARS = (-15, 5)  # relative to the case year

CHECK_KEYS = {
    "row_sum": {"kind", "total", "parts"},
    "subtotals": {"kind", "marker", "group", "amounts"},
    "sum_equals": {"kind", "column", "table", "row", "other"},
    "shares": {"kind", "column", "group"},
    "reference": {"kind", "column", "table", "to", "where"},
}


@dataclass(frozen=True)
class Note:
    """One disagreement in the facts."""

    check: str
    table: str
    message: str
    rows: tuple  # the Rows it rests on

    def evidence(self) -> list[dict]:
        return [row.evidence() for row in self.rows]


def check_integrity(case: Case, catalog: Catalog) -> list[Note]:
    notes: list[Note] = []
    for table, rows in case.tables.items():
        schema = catalog.tables[table]
        notes += _general(case, table, rows, schema)
        for check in schema.checks:
            notes += CHECKS[check["kind"]](case, table, rows, check)
    return notes


def _general(case: Case, table: str, rows: list[Row], schema) -> list[Note]:
    notes = []
    low, high = case.year + PLAUSIBLE_YEARS[0], case.year + PLAUSIBLE_YEARS[1]
    for row in rows:
        for name, value in row.values.items():
            column = schema.columns[name]
            if column.unit in MONEY_UNITS and isinstance(value, Decimal) and value < 0:
                notes.append(Note("non_negative", table, f"{column.title or name} 为负数：{value}", (row,)))
            if isinstance(value, FactDate) and not low <= int(value.latest[:4]) <= high:
                notes.append(Note("plausible_date", table, f"{column.title or name} {value} 不在 {case.year} 年评价的"
                                  f"合理范围（{low}–{high} 年）内", (row,)))
    return notes


def _amount(row: Row, column: str) -> Decimal:
    value = row.values.get(column)
    return value if isinstance(value, Decimal) else Decimal(value or 0)


def _differs(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > TOLERANCE


def _row_sum(case, table, rows, check) -> list[Note]:
    notes = []
    for row in rows:
        if check["total"] not in row.values or not any(p in row.values for p in check["parts"]):
            continue
        parts = sum((_amount(row, p) for p in check["parts"]), Decimal(0))
        total = _amount(row, check["total"])
        if _differs(parts, total):
            notes.append(Note("row_sum", table, f"第 {row.index} 行 {check['total']} = {total}，但 "
                              f"{' + '.join(check['parts'])} = {parts}（相差 {total - parts}）", (row,)))
    return notes


def _subtotals(case, table, rows, check) -> list[Note]:
    marker, group = check["marker"], check["group"]
    items = [r for r in rows if r.values.get(marker) == "item"]
    subtotals = [r for r in rows if r.values.get(marker) == "subtotal"]
    notes = []
    for row in subtotals:
        members = [r for r in items if r.values.get(group) == row.values.get(group)]
        notes += _compare_sum(table, row, members, check["amounts"], "小计")
    for row in (r for r in rows if r.values.get(marker) == "total"):
        notes += _compare_sum(table, row, subtotals or items, check["amounts"], "合计")
    return notes


def _compare_sum(table, row, members, amounts, what) -> list[Note]:
    notes = []
    for column in amounts:
        if column not in row.values:
            continue
        declared, computed = _amount(row, column), sum((_amount(m, column) for m in members), Decimal(0))
        if _differs(declared, computed):
            notes.append(Note("subtotals", table, f"{what}行“{row.values.get('item', row.index)}”的 {column} = {declared}，"
                              f"但各项之和为 {computed}（相差 {declared - computed}）", (row, *members)))
    return notes


def _sum_equals(case, table, rows, check) -> list[Note]:
    other = [r for r in case.tables.get(check["table"], [])
             if all(str(r.values.get(k)) == str(v) for k, v in check["row"].items())]
    if not rows or len(other) != 1 or check["other"] not in other[0].values:
        return []
    computed = sum((_amount(r, check["column"]) for r in rows), Decimal(0))
    declared = _amount(other[0], check["other"])
    if not _differs(computed, declared):
        return []
    return [Note("sum_equals", table, f"{table}.{check['column']} 合计 {computed}，与 {check['table']} 中的 "
                 f"{check['other']} = {declared} 不一致（相差 {computed - declared}）", (*rows, other[0]))]


def _shares(case, table, rows, check) -> list[Note]:
    groups: dict = {}
    for row in rows:
        if check["column"] in row.values:
            groups.setdefault(row.values.get(check["group"]), []).append(row)
    notes = []
    for key, members in groups.items():
        total = sum((_amount(r, check["column"]) for r in members), Decimal(0))
        if abs(total - 1) > Decimal("0.0001"):
            notes.append(Note("shares", table, f"{check['group']} = {key} 的 {check['column']} 合计为 "
                              f"{total * 100}%，不是 100%", tuple(members)))
    return notes


def _reference(case, table, rows, check) -> list[Note]:
    target = case.tables.get(check["table"])
    if target is None:
        return []
    names = {r.values.get(check["to"]) for r in target}
    where = check.get("where") or {}
    notes = []
    for row in rows:
        if not all(str(row.values.get(k)) == str(v) for k, v in where.items()):
            continue
        value = row.values.get(check["column"])
        if value is not None and value not in names:
            notes.append(Note("reference", table, f"{check['column']} “{value}” 在 {check['table']}.{check['to']} "
                              "中找不到", (row,)))
    return notes


CHECKS = {"row_sum": _row_sum, "subtotals": _subtotals, "sum_equals": _sum_equals, "shares": _shares,
          "reference": _reference}
