"""Integrity checks on the facts themselves: do they agree with each other, can they be true?

Two kinds of integrity note, both shown first in every report:

- facts that *disagree* (this module): one of the figures is wrong, but the rules read the
  others; the note deducts nothing and the score stands (the Shanghai report's own
  misprints are of this kind);
- facts that *cannot be true* (engine/plausibility.py): every leaf that reads such a value
  is 无法评价, with the note as its reason; an implausible fact never earns points.

Both are declared in the table schemas (rules/tables/*.yaml), as data. Disagreements, in
a schema's `checks:` list:
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
What cannot be true, on a column:
    min: 0, max: 1 (null: no bound)
        a number's bounds; a unit implies them unless stated: a ratio (`unit: 比例`) lies in
        [0, 1], any other quantity with a unit (万元, 个, 分钟…) is not negative;
    years: [-15, 5] (the default)
        the years around the case year a date may fall in;
and in `checks:`:
    {kind: bounds, columns: [value, baseline], min: 0, max: 1, where: {unit: 比例}}
        bounds on the rows matching `where` (a column's value, or a list of values);
    {kind: at_most, column: paid_amount, limit: planned_amount, less: [audit_adjustment],
     title: 核定金额, unless: overpaid}
        the column is at most the limit column less the `less` columns (empty counts as 0),
        except on rows whose `unless` answer is yes (an overpayment recorded as such);
    {kind: sum_at_most, column: amount, table: funding, other: in_place}
        the column's sum is at most the sum of a column of another table (spent ≤ funds in place);
    {kind: dates_in_order, columns: [period_start, period_end]}
        each date is no later than the next (a month-only date may be any day of its month).
Derived tables declare the same of their values (rates within [0, 1], counts not negative).
The keys of each kind, checked when the schemas load: engine/schemachecks.py.
"""

from __future__ import annotations

from decimal import Decimal

from ..model.facts import Case, Fact
from ..model.results import IntegrityNote
from ..model.tables import TableSchemas

TOLERANCE = Decimal("0.01")


def check_integrity(case: Case, schemas: TableSchemas) -> list[IntegrityNote]:
    """Disagreements among the observed facts, from the checks their schemas declare."""
    notes: list[IntegrityNote] = []
    for table, rows in case.tables.items():
        for check in schemas.tables[table].checks:
            if check["kind"] in CHECKS:
                notes += CHECKS[check["kind"]](case, table, rows, check)
    return notes


def _amount(row: Fact, column: str) -> Decimal:
    value = row.values.get(column)
    return value if isinstance(value, Decimal) else Decimal(value or 0)


def _differs(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > TOLERANCE


def _row_sum(case, table, rows, check) -> list[IntegrityNote]:
    notes = []
    for row in rows:
        if check["total"] not in row.values or not any(p in row.values for p in check["parts"]):
            continue
        parts = sum((_amount(row, p) for p in check["parts"]), Decimal(0))
        total = _amount(row, check["total"])
        if _differs(parts, total):
            notes.append(IntegrityNote("row_sum", table, f"第 {row.index} 行 {check['total']} = {total}，但 "
                              f"{' + '.join(check['parts'])} = {parts}（相差 {total - parts}）", (row,)))
    return notes


def _subtotals(case, table, rows, check) -> list[IntegrityNote]:
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


def _compare_sum(table, row, members, amounts, what) -> list[IntegrityNote]:
    notes = []
    for column in amounts:
        if column not in row.values:
            continue
        declared, computed = _amount(row, column), sum((_amount(m, column) for m in members), Decimal(0))
        if _differs(declared, computed):
            notes.append(IntegrityNote("subtotals", table, f"{what}行“{row.values.get('item', row.index)}”的 {column} = {declared}，"
                              f"但各项之和为 {computed}（相差 {declared - computed}）", (row, *members)))
    return notes


def _sum_equals(case, table, rows, check) -> list[IntegrityNote]:
    other = [r for r in case.tables.get(check["table"], [])
             if all(str(r.values.get(k)) == str(v) for k, v in check["row"].items())]
    if not rows or len(other) != 1 or check["other"] not in other[0].values:
        return []
    computed = sum((_amount(r, check["column"]) for r in rows), Decimal(0))
    declared = _amount(other[0], check["other"])
    if not _differs(computed, declared):
        return []
    return [IntegrityNote("sum_equals", table, f"{table}.{check['column']} 合计 {computed}，与 {check['table']} 中的 "
                 f"{check['other']} = {declared} 不一致（相差 {computed - declared}）", (*rows, other[0]))]


def _shares(case, table, rows, check) -> list[IntegrityNote]:
    groups: dict = {}
    for row in rows:
        if check["column"] in row.values:
            groups.setdefault(row.values.get(check["group"]), []).append(row)
    notes = []
    for key, members in groups.items():
        total = sum((_amount(r, check["column"]) for r in members), Decimal(0))
        if abs(total - 1) > Decimal("0.0001"):
            notes.append(IntegrityNote("shares", table, f"{check['group']} = {key} 的 {check['column']} 合计为 "
                              f"{total * 100}%，不是 100%", tuple(members)))
    return notes


def _reference(case, table, rows, check) -> list[IntegrityNote]:
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
            notes.append(IntegrityNote("reference", table, f"{check['column']} “{value}” 在 {check['table']}.{check['to']} "
                              "中找不到", (row,)))
    return notes


CHECKS = {"row_sum": _row_sum, "subtotals": _subtotals, "sum_equals": _sum_equals, "shares": _shares,
          "reference": _reference}
