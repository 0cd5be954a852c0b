"""add_table's fast path (a plainly valid record parsed in one pass, column and key checks run
only when something may be wrong) says exactly what validating every record the slow way
says: the same values, and the same problems, with the same messages, in the same order.
The slow way is the module's own: _check_columns, then _validate_record for each record, then
_check_unique_keys."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.load import validation
from jixiao.load.cells import parsers_for
from jixiao.load.table_schemas import load_catalog
from jixiao.model.facts import Case, Fact
from jixiao.model.problems import Problems

from conftest import ROOT

SCHEMAS = load_catalog(ROOT / "rules" / "tables")
PEER = load_catalog(ROOT / "benchmarks" / "peerbench" / "rules" / "tables")

# Per column, texts and values people give: valid ones, refused ones, empty ones, other types.
CELLS = {
    "id": ["op1", "op2", "op1", "", " ", 7, "4.40190201307030E+17"],
    "role": ["lead", "collaborating", "boss", "", None],
    "allocated": ["300", "0", "1,000", "1,00", "abc", "12%", "", 3, True],
    "separate_account": ["yes", "no", "是", "maybe", "", None],
    "share": ["0.4", "40%", "x", ""],
    "due": ["2019-03-31", "2019-02-30", "2019年3月", "soon", "", 2019.1],
    "amount": ["400", "-5", "1e3", "Infinity", ""],
    "paid": ["2019-04-01", "", "2019-13-01", None],
    "metric": ["m1", "m2", "m1", ""],
    "value": ["0.5", "99.83%", "12", "-1", "abc", ""],
    "baseline": ["0.4", "40%", "", "x"],
    "unit": ["比例", "个", "", " 比例 "],
    "sample_size": ["30", "3.5", "0", ""],
    "alocated": ["300"],  # a misspelt column
    "notes": ["free text"],  # a column no schema has
}


def _records(columns):
    cell = {c: st.sampled_from(CELLS.get(c, ["a", ""])) for c in [*columns, "alocated", "notes"]}
    keys = st.lists(st.sampled_from([*columns, *columns, "alocated", "notes"]), unique=True, max_size=len(columns) + 1)
    return st.lists(keys.flatmap(lambda ks: st.fixed_dictionaries({k: cell[k] for k in ks})), max_size=6)


def _slow(name, records, schema):
    """The values and problems of validating every record the slow way."""
    problems = Problems()
    validation._check_columns("t.yaml", records, schema, problems)
    parsers = parsers_for(schema)
    rows = [Fact(name, index, "t.yaml", line,
                 validation._validate_record("t.yaml", index, line, record, schema, problems, {}, parsers, None))
            for index, (line, record) in enumerate(records, start=1)]
    validation._check_unique_keys("t.yaml", rows, records, schema, problems)
    return [dict(row.values) for row in rows], problems.items


def _fast(name, records, schema):
    problems = Problems()
    case = Case(Path("."), "c", 2019, "s", {})
    validation.add_table(case, name, "t.yaml", records, schema, problems)
    return [dict(row.values) for row in case.tables[name]], problems.items


def _same(name, schema, records):
    records = [(index + 2, record) for index, record in enumerate(records)]
    assert _fast(name, records, schema) == _slow(name, records, schema)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_peer_tables_as_the_slow_path_says(data):
    name = data.draw(st.sampled_from(sorted(PEER.tables)))
    schema = PEER.tables[name]
    _same(name, schema, data.draw(_records(list(schema.columns))))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_rows_in_ratio_units_as_the_slow_path_says(data):
    schema = SCHEMAS.tables["outcomes"]
    _same("outcomes", schema, data.draw(_records(list(schema.columns))))


def test_a_refused_cell_before_an_unknown_key_still_reports_the_key():
    """The one-pass parse stops at a refused cell: a misspelt key after it is still one problem
    of the table, before the row's own."""
    schema = PEER.tables["operators"]
    records = [(2, {"id": "op1", "role": "lead", "allocated": "abc", "separate_account": "yes", "alocated": "3"})]
    values, problems = _fast("operators", records, schema)
    assert (values, problems) == _slow("operators", records, schema)
    assert [p.key for p in problems] == ["alocated", "分配资金（allocated，万元）"]


def test_duplicate_keys_are_found_by_the_fast_path():
    schema = PEER.tables["operators"]
    row = {"id": "op1", "role": "lead", "allocated": "3", "separate_account": "yes"}
    values, problems = _fast("operators", [(2, dict(row)), (3, dict(row))], schema)
    assert [p.found for p in problems] == ["op1"]
    assert (values, problems) == _slow("operators", [(2, dict(row)), (3, dict(row))], schema)
