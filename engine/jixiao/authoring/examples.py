"""Example facts for scaffolded rule tests: the rows of observed tables a rule's test case
gives, so that the table the rule reads has a row to judge.

A rule test gives observed facts only (a derived table is computed from them, as in a case
folder): for a rule reading a derived table, the example gives one row of each table it is
derived from (the first of alternatives). Values follow each column's schema: its type,
allowed values and bounds; a column that names another table's row (a `reference` check)
takes that row's value, and columns of one name hold one value (the joins of derivations:
targets and outcomes by `metric`). Only the columns a row needs are filled: the required,
key and label columns, and those the derivation reads.
"""

from __future__ import annotations

from decimal import Decimal

from ..check.derive import READS, derive
from ..check.findings import label_of
from ..load.case_folder import case_from_records
from ..load.rulebook import RuleBook
from ..model.tables import RATIO_UNIT, Column, TableSchema
from ..model.vocabulary import DURATION_UNITS
from ..report.data_labels import DATA_WORDS



def observed_inputs(rulebook: RuleBook, table: str) -> list[str]:
    """The observed tables a test of a rule reading `table` gives: itself, or the first of each
    of its inputs."""
    schema = rulebook.schemas.tables[table]
    if not schema.derived:
        return [table]
    return [needed[0] if isinstance(needed, tuple) else needed for needed in schema.inputs]


def example_facts(rulebook: RuleBook, table: str, year: int) -> dict[str, list[dict]]:
    """{observed table: [one example row]} for a test case of a rule reading `table` in `year`."""
    names = observed_inputs(rulebook, table)
    reads = READS.get(table, {})
    shared: dict[str, object] = {}
    facts = {}
    for name in names:
        schema = rulebook.schemas.tables[name]
        wanted = {c.name for c in schema.required} | set(schema.key) | set(reads.get(name, ()))
        if schema.label in schema.columns:
            wanted.add(schema.label)
        row = {}
        for column in schema.columns.values():
            if column.name in wanted:
                row[column.name] = shared.setdefault(column.name, _value(column, schema, year))
        facts[name] = [row]
    for name in names:  # a reference names a row of another table given here: that row's value
        for check in rulebook.schemas.tables[name].checks:
            if check.get("kind") == "reference" and check.get("table") in facts:
                target = facts[check["table"]][0]  # (a column it names that the example left out: this one's value)
                facts[name][0][check["column"]] = target.setdefault(check["to"], facts[name][0].get(check["column"]))
    for name in names:  # relations between a row's columns (every date is one day)
        row, schema = facts[name][0], rulebook.schemas.tables[name]
        for check in schema.checks:
            if check.get("kind") == "duration" and check["column"] in row:
                row[check["column"]] = DURATION_UNITS.get(schema.columns[check["column"]].unit, 1)
            if check.get("kind") == "at_most":  # what is taken off the limit: nothing
                row.update({less: 0 for less in check.get("less", ()) if less in row})
    return facts


def labels_of(rulebook: RuleBook, table: str, year: int, facts: dict) -> list[str]:
    """How a test names the rows of `table` these facts give (its schema's `label`), in order.
    Raises InputError when the facts do not load."""
    case = case_from_records("example", "example", year, "", facts, rulebook.schemas)
    rows = case.tables.get(table) if table in case.tables else derive(case, rulebook.schemas, {table}).get(table, [])
    return [label_of(row, rulebook.schemas) for row in rows]


def _value(column: Column, schema: TableSchema, year: int):
    if column.allowed:
        return column.allowed[0]
    if column.type == "answer":
        return "yes"
    if column.type == "date":
        low, high = column.years
        return f"{year + max(low, min(high, 0))}-06-30"
    if column.type in ("integer", "number"):
        low = column.min if column.min is not None else Decimal(0)
        value = max(Decimal(1), low)
        if column.max is not None and value > column.max:
            value = column.max
        if column.unit == RATIO_UNIT:
            value = Decimal("0.5")
        return int(value) if column.type == "integer" or value == int(value) else float(value)
    return f"{column.title or column.name}1" if column.name in (schema.label, *schema.key) else DATA_WORDS["example_text"]
