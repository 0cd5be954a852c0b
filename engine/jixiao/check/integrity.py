"""Integrity checks on the facts themselves: do they agree with each other, can they be true?

Two kinds of integrity note, both shown first in every report:

- facts that *disagree* (this module): a total that is not the sum of its parts, shares
  that do not make 100 %, a name that does not resolve. At least one of the facts involved
  is wrong, and which one is unknown, so every value involved is in doubt (the note's
  `cells`): a leaf whose rules read one of them, directly or through a derived fact, is
  无法评价 with the note as its reason, like a fact that cannot be true. A disagreement no
  rule reads (the Shanghai report's own misprints) deducts nothing and blocks nothing;
- facts that *cannot be true*, or are incomplete (check/plausibility.py): every leaf that
  reads such a value is 无法评价, with the note as its reason; an implausible fact never
  earns points.

Both are declared in the table schemas (rules/tables/*.yaml), as data. Disagreements, in
a schema's `checks:` list:
    {kind: row_sum, total: total, parts: [lead_plan, collab_plan]}
        each row's total equals the sum of its parts (to 0.01);
    {kind: subtotals, marker: line_type, group: category, amounts: [total, …]}
        rows marked `subtotal` equal the sum of the `item` rows of their group, the row
        marked `total` the sum of the subtotals;
    {kind: sum_equals, column: amount, table: other, row: {line_type: total}, other: total}
        the column's sum equals a total declared in another table;
    {kind: sum_equals, column: modules, table: contracts, join: {contract: id}, other: modules}
        per row of the other table (with a value in `other`), the sum of this table's rows
        joined to it equals its `other` (the phases of a contract make up its modules);
    {kind: shares, column: share, group: budget_year}
        shares within each group add up to 100 %;
    {kind: reference, column: operator, table: operators, to: operator, where: {…}}
        each value names a row of the other table. Which row was meant is unknown, so the
        other table's `to` values are in doubt too: what joins on that name is blocked.
What cannot be true (check/plausibility.py), on a column:
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
        each date is no later than the next (a month-only date may be any day of its month;
        an integer column holds a year, any day of it: [budget_year, paid_date]);
    {kind: not_before, column: accepted_on, table: contracts, join: {contract: id}, other: signed_on}
        the date is no earlier than the `other` date of the row of another table it joins;
    {kind: duration, column: period_minutes, start: period_start, end: period_end}
        the column (in 分钟, 小时 or 天) is the length of the period from start to end, both
        days included;
    {kind: term_ends, start: signed_on, months: term_months, end: due_date}
        a term of months from the start ends on the end date (or the day before it);
    {kind: required_with, column: paid_date, with: [paid_amount]}
        the column holds a value on every row where one of the `with` columns does (a payment
        needs its date): a row without it is incomplete;
    {kind: equal, columns: [unit, value_unit], present: [target, value]}
        on the rows where the `present` columns hold values, the columns hold the same value
        (an empty one differs from a filled one): a target and its outcome in one unit.
Derived tables declare the same of their values (rates within [0, 1], counts not negative).
The keys of each kind, checked when the schemas load: load/check_kinds.py.
"""

from __future__ import annotations

from decimal import Decimal

from ..load.titles import sheet_title
from ..model.facts import CASE_FILE, Case, Fact
from ..model.messages import Joined, Message, Named, Value
from ..model.percents import percent_figure
from ..model.results import IntegrityNote
from ..model.tables import TableSchemas

TOLERANCE = Decimal("0.01")


def check_integrity(case: Case, schemas: TableSchemas) -> list[IntegrityNote]:
    """Disagreements among the observed facts, from the checks their schemas declare."""
    notes: list[IntegrityNote] = []
    for table in in_schema_order(case, schemas):
        rows = case.tables[table]
        for check in schemas.tables[table].checks:
            if check["kind"] in CHECKS:
                named = _Named(schemas)
                notes += CHECKS[check["kind"]](case, table, rows, check, named)
    return notes


PLACEHOLDER = "placeholder"  # the check a note on case.yaml's scaffold placeholders names


def placeholder_notes(case: Case) -> list[IntegrityNote]:
    """A note per field of case.yaml still holding what `jixiao new case` wrote for the user to
    replace (待填写项目名称 …): the reports would carry it as the project's name. Nothing is in
    doubt (no cells): no score rests on case.yaml's texts."""
    notes = []
    for key, line, value in case.placeholders:
        what = Message("case.placeholder_project" if key == "project" else "case.placeholder_other")
        said = Message("case.placeholder", {"file": CASE_FILE, "line": line, "field": Message(f"case.field_{key}"),
                                            "value": value, "what": what})
        notes.append(IntegrityNote(PLACEHOLDER, CASE_FILE, said, ()))
    return notes


def in_schema_order(case: Case, schemas: TableSchemas) -> list[str]:
    """The case's tables in the order of rules/tables, whatever the order they were read in (a
    workbook's sheets, a folder's files): the notes come out in one order however the facts are kept."""
    return [table for table in schemas.tables if table in case.tables]


class _Named:
    """How a note names a column: its title and code (主运维计划数（lead_plan）), and a table: its
    sheet title and code (运维商及其承担的功能模块（operators）), as the data-collection workbook does."""

    def __init__(self, schemas: TableSchemas):
        self.schemas = schemas

    def __call__(self, table: str, column: str) -> Named:
        schema = self.schemas.get(table)
        found = schema.columns.get(column) if schema is not None else None
        return Named(column, found.title) if found is not None else Named(column)

    def value(self, table: str, column: str, value) -> Value:
        """A value of the column with its unit: 1807.8 万元."""
        schema = self.schemas.get(table)
        found = schema.columns.get(column) if schema is not None else None
        return Value(value, found.unit if found is not None else "")

    def table(self, table: str) -> Named:
        schema = self.schemas.get(table)
        return Named(table, sheet_title(schema)) if schema is not None and schema.title else Named(table)


def _seen_at(row: Fact) -> int:
    """A row as the user finds it: its line in the file (the sheet's row number in a workbook),
    as the note's evidence names it; its number in the table when it has no line."""
    return row.line if row.line is not None else row.index


def _amount(row: Fact, column: str) -> Decimal:
    value = row.values.get(column)
    return value if isinstance(value, Decimal) else Decimal(value or 0)


def _differs(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > TOLERANCE


def _disagree(check: str, table: str, message: Message, rows, cells) -> IntegrityNote:
    """A note on facts that disagree: `cells` ((Fact, (column, …)), …) are every value involved."""
    merged: dict[int, tuple] = {}
    for row, columns in cells:
        known = merged.get(id(row), (row, ()))[1]
        merged[id(row)] = (row, tuple(dict.fromkeys((*known, *columns))))
    return IntegrityNote(check, table, message, tuple(rows), tuple(merged.values()), disagreement=True)


def _row_sum(case, table, rows, check, named) -> list[IntegrityNote]:
    notes = []
    for row in rows:
        if check["total"] not in row.values or not any(p in row.values for p in check["parts"]):
            continue
        parts = sum((_amount(row, p) for p in check["parts"]), Decimal(0))
        total = _amount(row, check["total"])
        if _differs(parts, total):
            said = Message("integrity.row_sum", {
                "row": _seen_at(row), "total": named(table, check["total"]),
                "total_value": named.value(table, check["total"], total),
                "parts": Joined(tuple(named(table, p) for p in check["parts"]), " + ", " + "),
                "sum": named.value(table, check["total"], parts),
                "difference": named.value(table, check["total"], total - parts)})
            notes.append(_disagree("row_sum", table, said, (row,), [(row, (check["total"], *check["parts"]))]))
    return notes


def _subtotals(case, table, rows, check, named) -> list[IntegrityNote]:
    marker, group = check["marker"], check["group"]
    items = [r for r in rows if r.values.get(marker) == "item"]
    subtotals = [r for r in rows if r.values.get(marker) == "subtotal"]
    notes = []
    for row in subtotals:
        members = [r for r in items if r.values.get(group) == row.values.get(group)]
        notes += _compare_sum(table, row, members, check["amounts"], "integrity.subtotal", named)
    for row in (r for r in rows if r.values.get(marker) == "total"):
        notes += _compare_sum(table, row, subtotals or items, check["amounts"], "integrity.total", named)
    return notes


def _compare_sum(table, row, members, amounts, what, named) -> list[IntegrityNote]:
    notes = []
    for column in amounts:
        if column not in row.values:
            continue
        declared, computed = _amount(row, column), sum((_amount(m, column) for m in members), Decimal(0))
        if _differs(declared, computed):
            message = Message(what, {"item": row.values.get("item", _seen_at(row)), "column": named(table, column),
                                     "declared": named.value(table, column, declared),
                                     "computed": named.value(table, column, computed),
                                     "difference": named.value(table, column, declared - computed)})
            notes.append(_disagree("subtotals", table, message, (row, *members),
                                   [(r, (column,)) for r in (row, *members)]))
    return notes


def _sum_equals(case, table, rows, check, named) -> list[IntegrityNote]:
    if check.get("join"):
        return _joined_sums(case, table, rows, check, named)
    wanted = [(k, str(v)) for k, v in check["row"].items()]
    other = [r for r in case.tables.get(check["table"], []) if all(str(r.values.get(k)) == v for k, v in wanted)]
    if not rows or len(other) != 1 or check["other"] not in other[0].values:
        return []
    computed = sum((_amount(r, check["column"]) for r in rows), Decimal(0))
    declared = _amount(other[0], check["other"])
    if not _differs(computed, declared):
        return []
    said = Message("integrity.sum_equals", {
        "table": named.table(table), "column": named(table, check["column"]),
        "computed": named.value(table, check["column"], computed),
        "other_table": named.table(check["table"]), "other": named(check["table"], check["other"]),
        "declared": named.value(check["table"], check["other"], declared),
        "difference": named.value(table, check["column"], computed - declared)})
    return [_disagree("sum_equals", table, said, (*rows, other[0]),
                      [*((r, (check["column"],)) for r in rows), (other[0], (check["other"],))])]


def _joined_sums(case, table, rows, check, named) -> list[IntegrityNote]:
    """Per row of the other table holding a value in `other`: the sum over this table's rows
    that join it (`join`: this table's column -> the other table's) equals that value. A row
    nothing joins is not compared (nothing recorded is not a disagreement)."""
    notes = []
    for target in case.tables.get(check["table"], []):
        if target.values.get(check["other"]) is None:
            continue
        members = [r for r in rows if all(r.values.get(mine) is not None
                                          and r.values.get(mine) == target.values.get(theirs)
                                          for mine, theirs in check["join"].items())]
        if not members:
            continue
        computed = sum((_amount(r, check["column"]) for r in members), Decimal(0))
        declared = _amount(target, check["other"])
        if not _differs(computed, declared):
            continue
        joined = Joined(tuple(Message("integrity.equals", {"column": named(table, mine), "value": target.values.get(theirs)})
                              for mine, theirs in check["join"].items()), "，", ", ")
        said = Message("integrity.joined_sum", {
            "table": named.table(table), "column": named(table, check["column"]),
            "computed": named.value(table, check["column"], computed), "joined": joined,
            "other_table": named.table(check["table"]), "other": named(check["table"], check["other"]),
            "declared": named.value(check["table"], check["other"], declared),
            "difference": named.value(table, check["column"], computed - declared)})
        notes.append(_disagree("sum_equals", table, said, (*members, target),
                               [*((r, (check["column"],)) for r in members), (target, (check["other"],))]))
    return notes


def _shares(case, table, rows, check, named) -> list[IntegrityNote]:
    groups: dict = {}
    for row in rows:
        if check["column"] in row.values:
            groups.setdefault(row.values.get(check["group"]), []).append(row)
    notes = []
    for key, members in groups.items():
        total = sum((_amount(r, check["column"]) for r in members), Decimal(0))
        if abs(total - 1) > Decimal("0.0001"):
            said = Message("integrity.shares", {"group": named(table, check["group"]), "value": key,
                                                "column": named(table, check["column"]), "total": percent_figure(total)})
            notes.append(_disagree("shares", table, said, members, [(r, (check["column"],)) for r in members]))
    return notes


def _reference(case, table, rows, check, named) -> list[IntegrityNote]:
    """One note per value not found (naming every row that holds it, and the values the other
    table has): which row was meant is unknown, so whatever joins on the other table's
    names is in doubt too."""
    target = case.tables.get(check["table"])
    if not target:  # the other table absent, or holding no rows: nothing to look names up in
        return []
    names = {r.values.get(check["to"]) for r in target} - {None}
    where = [(k, str(v)) for k, v in (check.get("where") or {}).items()]
    column = check["column"]
    missing: dict = {}
    for row in rows:
        if where and not all(str(row.values.get(k)) == v for k, v in where):
            continue
        value = row.values.get(column)
        if value is not None and value not in names:
            missing.setdefault(value, []).append(row)
    if not missing:  # (most cases: the other table's values, listed in a note, are not needed)
        return []
    shown = sorted(map(str, names))
    if len(shown) > REFERENCE_SHOWN:
        listed = Message("integrity.reference_more", {"names": Joined(tuple(shown[:REFERENCE_SHOWN])),
                                                      "count": len(shown), "more": len(shown) - REFERENCE_SHOWN})
    else:
        listed = Joined(tuple(shown))
    notes = []
    for value, found in missing.items():
        said = {"column": named(table, check["column"]), "value": value, "table": named.table(check["table"]),
                "to": named(check["table"], check["to"])}
        message = Message("integrity.reference", {**said, "names": listed}) if shown else \
            Message("integrity.reference_empty", said)
        cells = [*((row, (check["column"],)) for row in found), *((r, (check["to"],)) for r in target)]
        notes.append(_disagree("reference", table, message, tuple(found), cells))
    return notes


REFERENCE_SHOWN = 12  # a reference note lists at most this many of the other table's values


CHECKS = {"row_sum": _row_sum, "subtotals": _subtotals, "sum_equals": _sum_equals, "shares": _shares,
          "reference": _reference}
