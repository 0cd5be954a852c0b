"""The fast paths of reading a case folder give exactly what the careful paths give: a case.yaml
of `key: value` lines read without the YAML parser (jixiao.load.yaml_source._plain_mapping), and
a CSV table's plain rows made records without the checks that could find nothing in them
(jixiao.load.records._odd_cells). Each property runs both paths on the same input."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.load import readers
from jixiao.load import records as records_module
from jixiao.load import yaml_source
from jixiao.load.records import records_below
from jixiao.load.yaml_source import parse_yaml
from jixiao.model.problems import InputError, Problems
from jixiao.model.tables import Column, TableSchema

KEYS = st.sampled_from(["case", "year", "scheme", "project", "unit", "true", "Null", "null", "_x", "a1", "y", "on",
                        "e5", "case ", " case", "-a", "a b", "x" * 70])
FRAGMENTS = st.sampled_from(["", " ", "  ", "a", "Z", "中", "上海", "0", "2017", "-1", "1.5", "1e5", "0x10", "010",
                             "1_000", "2:00", ".inf", ".NaN", "~", "null", "NULL", "true", "False", "yes", "no",
                             "<<", "=", "#", " #c", ":", ": ", "：", "'", '"', "!", "!!str", "&a", "*a", "|", ">",
                             "%", "@", "`", ",", "[", "]", "{", "}", "?", "-", "- ", "\t", "\r", "\x85", "\u2028",
                             "\ufeff", "\u3000", "\xa0", "\x01", "\x7f", "\ud7ff", "\U0001f600", "...", "---"])
SAFE = st.sampled_from(["a", "中", "2017", "1.5", "-", " ", "\u3000", "\xa0", "!", "|", "%", "@", "`", ".", "~",
                        "e5", "<", "=", ",", "[", "{", "?", "\U0001f600", "0x1", "_"])  # mostly read without the parser
VALUES = st.lists(FRAGMENTS, max_size=4).map("".join) | st.lists(SAFE, max_size=4).map("".join)
LINES = st.one_of(
    st.tuples(KEYS, st.sampled_from([":", ": ", ":  ", " :", ":\t"]), VALUES).map("".join),
    st.sampled_from(["", " ", "# a comment", " # indented", "#", "---", "...", "  a: b", "- x"]))
DOCUMENTS = st.lists(LINES, min_size=0, max_size=6).map("\n".join) | st.lists(LINES, max_size=6).map(
    lambda lines: "\n".join(lines) + "\n")
PLAIN_LINES = st.tuples(st.sampled_from(["case", "year", "true", "null", "a1", "_x", "on"]),
                        st.sampled_from([":", ": ", ":  "]), st.lists(SAFE, max_size=4).map("".join)).map("".join)
PLAIN_DOCUMENTS = st.lists(PLAIN_LINES | st.sampled_from(["", "  ", "# c"]), max_size=6).map(
    lambda lines: "\n".join(lines) + "\n")


def _parsed(text: str, as_text: bool, monkeypatch=None):
    """(value, line, key lines) or the problems' texts, as parse_yaml gives them."""
    try:
        data = parse_yaml(text.encode("utf-8", "surrogatepass"), "case.yaml", as_text=as_text)
    except InputError as exc:
        return ("error", [str(p) for p in exc.problems])
    return (data, type(data).__name__, getattr(data, "line", None), getattr(data, "key_lines", None))


@settings(max_examples=600, deadline=None)
@given(DOCUMENTS | PLAIN_DOCUMENTS, st.booleans())
@example("case: c1\nyear: 2017\nscheme: s\nproject: 上海口岸\n", False)
@example("a: 1\na: 2\n", False)
@example("a: <<\n", False)
@example("true: 1\nTrue: 2\n", False)
@example("a: x\u3000\n", False)
@example("a: x\xa0\n", True)
@example("\n# c\n\nyear: 2017  \nb:\n", False)
def test_a_plain_case_yaml_reads_as_the_parser_reads_it(text, as_text):
    fast = _parsed(text, as_text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_source, "_plain_mapping", lambda text, as_text: None)
        careful = _parsed(text, as_text)
    assert repr(fast) == repr(careful)  # (repr: NaN is not equal to itself; 1, 1.0 and True differ)


def test_the_plain_reader_reads_a_case_yaml_of_key_value_lines():
    """(The property above would hold if the fast reader never read anything.)"""
    data = yaml_source._plain_mapping("# a case\ncase: c1\nyear: 2017\nproject: 上海 口岸\nnotes:\n", False)
    assert (dict(data), data.line, data.key_lines) == (
        {"case": "c1", "year": 2017, "project": "上海 口岸", "notes": None}, 2,
        {"case": 2, "year": 3, "project": 4, "notes": 5})
    assert yaml_source._plain_mapping("case: 'c1'\n", False) is None
    assert yaml_source._plain_mapping("sources:\n  budget: p. 3\n", False) is None


SCHEMA = TableSchema("t", "表", {"id": Column("id", "text", title="编号"), "amount": Column("amount", "number"),
                           "kind": Column("kind", "text")}, key=("id",))
TOTALS_SCHEMA = TableSchema("t", "表", {"id": Column("id", "text", allowed=("total", "a")),
                                  "amount": Column("amount", "number")})
CELLS = st.sampled_from(["", " ", "a", "b", "1", " 1", "1 ", "id", "amount", "kind", " id", "合计", "合 计", ":合计",
                         "Total", "TOTAL:", "sum", "Sum", "subtotal", "总计", "consumables", "注：单位万元",
                         "note: x", "单位：万元", "t", "s", "g", "共计", "小计", "合计数", "\t", "\u3000合计"])
ROWS = st.lists(st.lists(CELLS, max_size=5), max_size=8)


def _below(rows, schema, careful: bool):
    problems = Problems()
    numbered = list(enumerate(rows, start=1))
    with pytest.MonkeyPatch.context() as patch:
        if careful:
            patch.setattr(records_module, "_odd_cells", lambda *args: None)
        table = records_below("t.csv", numbered, 0, problems, "line", schema)
    return (list(table), table.header, table.columns, table.positions, [str(p) for p in problems.items])


@settings(max_examples=800, deadline=None)
@given(st.sampled_from([["id", "amount", "kind"], ["id", "amount"], ["id", "", "kind"], ["id", "amount", "id"]]),
       ROWS, st.booleans())
@example(["id", "amount", "kind"], [["a", "1", "b"], ["合计", "3", ""], ["a", "1"], ["id", "amount", "x"]], False)
def test_plain_csv_rows_are_the_records_the_careful_path_makes(header, rows, totals):
    schema = TOTALS_SCHEMA if totals else SCHEMA
    assert _below([header, *rows], schema, careful=False) == _below([header, *rows], schema, careful=True)


def test_plain_csv_rows_take_the_fast_path():
    """(The property above would hold if no row ever took it.)"""
    rows = [(1, ["id", "amount", "kind"]), (2, ["a", "1", ""]), (3, ["合计", "1", ""])]
    assert records_module._odd_cells(rows[1:], ["id", "amount", "kind"], False) == {"合计"}
    assert records_module._odd_cells(rows[1:], ["id", "amount", "kind"], True) == set()


CSV_CELLS = st.sampled_from(["", " ", "a", "1", "id", "amount", "kind", "编号", "合计", "Total", "注：单位万元", '"a,b"',
                             '"x\ny"', '"q""q"', '"', "\t", "\r", "\r\n", "\n", "\x00", "\x1c", "\x85", "\u2028",
                             "\\", "to\u3000tal", "ſum", "小 计：", "：合计数"])
CSV_TEXTS = st.lists(st.lists(CSV_CELLS, max_size=4).map(",".join), max_size=6).map(
    lambda lines: "\n".join(["id,amount,kind", *lines]) + "\n") | st.lists(
    st.lists(CSV_CELLS, max_size=4).map(",".join), max_size=6).map("\r\n".join)
PLAIN_CELLS = st.sampled_from(["", "a", "1", "b c", "2.5", "合计", " a", "id", "subtotal", "sum", "中", "ſum",
                               "Grand Total", "t", "\u3000"])
PLAIN_CSV = st.lists(st.lists(PLAIN_CELLS, min_size=3, max_size=3).map(",".join) | st.just(""), max_size=6).map(
    lambda lines: "\n".join(["id,amount,kind", *lines]) + "\n")  # mostly read by the fast path


def _read(text: str, schema, careful: bool):
    problems = Problems()
    with pytest.MonkeyPatch.context() as patch:
        if careful:
            patch.setattr(readers, "plain_table", lambda rows, schema: None)
        table = readers.read_csv(text.encode(), "t.csv", schema, problems)
    shape = None if table is None else (list(table), table.header, table.columns, table.positions)
    return shape, [str(p) for p in problems.items]


@settings(max_examples=600, deadline=None)
@given(CSV_TEXTS | PLAIN_CSV, st.sampled_from([SCHEMA, TOTALS_SCHEMA, None]))
@example("id,amount,kind\na,1,b\n\nc,2,\n", SCHEMA)
def test_a_plain_csv_file_reads_as_the_careful_path_reads_it(text, schema):
    assert _read(text, schema, careful=False) == _read(text, schema, careful=True)


def test_a_plain_csv_file_takes_the_fast_path():
    """(The property above would hold if no file ever took it.)"""
    table = records_module.plain_table([(1, ["id", "amount"]), (2, ["a", "1"]), (3, []), (5, ["b", "2"])], SCHEMA)
    assert (list(table), table.header, table.columns, table.positions) == (
        [(2, {"id": "a", "amount": "1"}), (5, {"id": "b", "amount": "2"})], 1, ["id", "amount"], {"id": 0, "amount": 1})
    assert records_module.plain_table([(1, ["id", "amount"]), (2, ["a", " 1"])], SCHEMA) is None
