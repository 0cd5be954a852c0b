"""Issue 12: the same text is the same fact in every file form, numbers are read only as written,
and dates say what is wrong with them. Each test of an instance the reviewer found failed
before the fix (the number or the message it asserts was different)."""

import csv
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.load.cells import ValueProblem, parser
from jixiao.load.readers import read_csv, read_yaml
from jixiao.load.validation import add_table
from jixiao.load.yaml_source import parse_yaml
from jixiao.model.facts import Case
from jixiao.model.problems import Problems
from jixiao.model.tables import Column, TableSchema

from test_input_forms import outcome
from test_workbook_cells import DONGGUAN_2015, problems_of, run, sheet_from_csv

NUMBER = "allowed: a number, e.g. 3064.72"
COMMA = ("a comma that is not a thousands separator: commas only between groups of three "
         "digits (16,104.72), and a decimal point, not a comma")


def set_new_functions(folder, text):
    """outcomes.yaml line 24, `value: 16` (C25 新增服务功能计划完成率), written as `text`."""
    path = folder / "outcomes.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[22] == "- metric: new_functions\n" and lines[23].startswith("  value: ")
    lines[23] = f"  value: {text}\n"
    path.write_text("".join(lines), encoding="utf-8")


def outcomes_as_csv(folder):
    """outcomes.yaml rewritten as outcomes.csv, each value the text written in the YAML."""
    path = folder / "outcomes.yaml"
    records = parse_yaml(path.read_bytes(), "outcomes.yaml", as_text=True)
    columns = list(dict.fromkeys(k for r in records for k in r))
    with open(folder / "outcomes.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([["" if r.get(c) is None else r[c] for c in columns] for r in records])
    path.unlink()


# ---------------------------------------------------------------- item 1: YAML numbers as written

@pytest.mark.parametrize("text", ["2:00", "1:30", "0x10", "16_0", "0o20", "1,6", ".inf", ".nan", "true"])
def test_a_yaml_value_in_a_form_csv_refuses_is_an_error_naming_line_and_column(capsys, case_copy, text):
    """Issue 12 item 1: YAML 1.1 read 2:00 as 120, 1:30 as 90, 0x10 as 16, 16_0 as 160 (exit 0)."""
    set_new_functions(case_copy, text)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    message = COMMA if text == "1,6" else "number expected"
    assert problems_of(err) == [f"outcomes.yaml:24 [实际值（value）]: record 5: {message}; found {text!r}; {NUMBER}"]


@pytest.mark.parametrize("text, same_as", [("010", "10"), ("016", "16"), ("1.6e1", "16"), ("16.", "16")])
def test_a_yaml_number_is_the_number_written(rulebook, case_copy, tmp_path, text, same_as):
    """Issue 12 item 1: `010` was 8 (octal) in YAML and 10 in a CSV."""
    set_new_functions(case_copy, text)
    written = check_case(case_copy, rulebook)
    set_new_functions(case_copy, same_as)  # (the value is on line 24 again)
    assert outcome(written) != () and outcome(written) == outcome(check_case(case_copy, rulebook))


def test_yaml_and_csv_read_the_same_text_alike(rulebook, capsys, case_copy):
    set_new_functions(case_copy, "010")
    as_yaml = outcome(check_case(case_copy, rulebook))
    outcomes_as_csv(case_copy)
    assert outcome(check_case(case_copy, rulebook)) == as_yaml
    row = case_copy / "outcomes.csv"
    row.write_text(row.read_text(encoding="utf-8").replace("new_functions,010,", "new_functions,2:00,"),
                   encoding="utf-8")
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        f"outcomes.csv:6 [实际值（value）]: number expected; found '2:00'; {NUMBER}"]


def test_a_code_in_a_yaml_text_column_keeps_its_leading_zeros(case_copy):
    """`metric: 007` was the text "7" (010 even "8"); in a CSV it is "007"."""
    table = read_yaml(b"- metric: 010\n  value: 1.10\n  unit: 1.10\n", "outcomes.yaml")
    assert [record for _, record in table] == [{"metric": "010", "value": "1.10", "unit": "1.10"}]


def test_yaml_null_is_an_empty_cell():
    """YAML's own notation for no value (`~`, `null`, nothing) is an empty cell, as in a CSV."""
    table = read_yaml(b"- a: ~\n  b: null\n  c:\n  d: '~'\n", "x.yaml")
    assert [record for _, record in table] == [{"a": None, "b": None, "c": None, "d": "~"}]


def test_a_tag_in_a_fact_file_is_refused():
    from jixiao.model.problems import InputError
    with pytest.raises(InputError) as caught:
        read_yaml(b"- value: !!int 010\n", "outcomes.yaml")
    assert str(caught.value) == ("outcomes.yaml:1: YAML syntax error: tag tag:yaml.org,2002:int is not allowed in a "
                                 "fact file: write the value alone (the table's schema says what each column holds)")


@pytest.mark.parametrize("text, value", [
    ("2:00", "2:00"), ("1:30", "1:30"), ("010", 10), ("0x10", "0x10"), ("0o10", "0o10"), ("16_0", "16_0"),
    ("1_000.5", "1_000.5"), ("190:20:30.15", "190:20:30.15"), ("yes", "yes"), ("off", "off"), ("true", True),
    ("1e3", 1000.0), ("-.inf", float("-inf")), ("~", None), ("2017-06-30", "2017-06-30"), ("=", "=")])
def test_rule_and_case_files_type_plain_scalars_as_yaml_1_2_in_decimal(text, value):
    """The same kind in case.yaml and rule files: `year: 33:37` was 2017 (base 60), `weight: 0x2` 2."""
    assert parse_yaml(f"a: {text}\n".encode(), "x.yaml") == {"a": value}


@pytest.mark.parametrize("tagged, value", [("!!int 010", 10), ("!!float 5", 5.0), ("!!str 5", "5"), ("!!null ''", None)])
def test_an_explicit_tag_in_a_rule_file_means_the_value_written(tagged, value):
    assert parse_yaml(f"a: {tagged}\n".encode(), "x.yaml") == {"a": value}


@pytest.mark.parametrize("tagged", ["!!int 0x10", "!!int 1:30", "!!float 1:30", "!!bool yes"])
def test_an_explicit_tag_on_a_value_of_another_form_is_refused(tagged):
    from jixiao.model.problems import InputError
    with pytest.raises(InputError, match=f"not a valid {tagged[2:tagged.index(' ')]}: '{tagged.split(' ')[1]}'"):
        parse_yaml(f"a: {tagged}\n".encode(), "x.yaml")


def test_the_case_year_in_base_60_is_refused(capsys, case_copy):
    path = case_copy / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2017", "year: 33:37"), encoding="utf-8")
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == ["case.yaml:5 [year]: must be int; found '33:37'"]


# ---------------------------------------------------------------- the same text, every form

SCHEMA = TableSchema("t", "t", {"k": Column("k", "text", required=True), "v": Column("v", "number"),
                                "n": Column("n", "integer"), "c": Column("c", "text"), "d": Column("d", "date")},
                     key=("k",))


def read_as(form: str, column: str, text: str):
    """The value (or the problem) of one cell holding `text`, read from a CSV or a YAML file."""
    problems = Problems()
    if form == "csv":
        body = f"k,{column}\nr1,\"{text}\"\n".encode()
        table = read_csv(body, "t.csv", SCHEMA, problems)
    else:
        body = f"- k: r1\n  {column}: {text}\n".encode()
        try:
            table = read_yaml(body, "t.yaml")
        except Exception:
            return None  # not a plain YAML scalar (e.g. ': ' or '#'): it cannot be written so
    case = Case(None, "c", 2017, "s", {})
    add_table(case, "t", "t", table, SCHEMA, problems)
    if problems:
        # a YAML problem names the record ("record 1: "), a CSV one only its line: the same problem
        return ("problem", [(re.sub(r"^record \d+: ", "", p.message), str(p.found), p.allowed) for p in problems.items])
    return ("value", case.tables["t"][0].values.get(column))


_TEXTS = st.text(alphabet="0123456789.,:_+-eExob ~#'tnul", min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(column=st.sampled_from(["v", "n", "c", "d"]), text=_TEXTS)
def test_the_same_text_is_the_same_fact_in_yaml_and_csv(column, text):
    """Whatever a plain YAML scalar holds, it is read as the same text in a CSV cell is (YAML's
    null, `~` or `null`, being an empty cell)."""
    text = text.strip()
    as_yaml = read_as("yaml", column, text)
    if as_yaml is None or text in ("", "~", "null") or text.startswith("#") or " #" in text:
        return  # not written as a plain value, or YAML's notation for none, or a comment
    if parse_yaml(f"a: {text}\n".encode(), "x", as_text=True) != {"a": text}:
        return  # YAML folds or trims it: not the same text
    assert as_yaml == read_as("csv", column, text)


# ---------------------------------------------------------------- item 2: thousands separators

@pytest.mark.parametrize("column, text", [("v", "1,2,3"), ("v", "1,6"), ("v", "12,34.5"), ("v", "1,2345"),
                                          ("v", "0,123"), ("v", "123,"), ("n", "1,2,3"),
                                          ("n", "30,64")])
@pytest.mark.parametrize("form", ["csv", "yaml"])
def test_a_comma_that_is_no_thousands_separator_is_refused(form, column, text):
    """Issue 12 item 2: CSV "1,2,3" was 123 and YAML `value: 1,6` 16."""
    allowed = NUMBER[len("allowed: "):] if column == "v" else "a whole number, e.g. 12"
    assert read_as(form, column, text) == ("problem", [(COMMA, text, allowed)])


@pytest.mark.parametrize("text, value", [("1,234.5", "1234.5"), ("16,104.72", "16104.72"), ("-1,000", "-1000"),
                                         ("1,234,567", "1234567"), ("1234567", "1234567")])
@pytest.mark.parametrize("form", ["csv", "yaml"])
def test_thousands_in_groups_of_three_are_read(form, text, value):
    from decimal import Decimal
    assert read_as(form, "v", text) == ("value", Decimal(value))


def test_an_underscore_in_a_csv_number_is_refused():
    """The same kind in the CSV reader: Decimal() read 16_0 as 160."""
    with pytest.raises(ValueProblem, match="^number expected$"):
        parser(Column("v", "number"))("16_0")
    with pytest.raises(ValueProblem, match="^whole number expected$"):
        parser(Column("n", "integer"))("1_000")


# ---------------------------------------------------------------- item 8: dates out of range

@pytest.mark.parametrize("text", ["2107-10", "2107-10-31", "1899-12-31", "0000-01"])
def test_a_well_formed_date_outside_1900_2100_says_its_year_is_implausible(text):
    """Issue 12 item 8: 2107-10 said "no such date" while 1917-10 got an implausible-year note."""
    with pytest.raises(ValueProblem) as caught:
        parser(Column("d", "date"))(text)
    assert (str(caught.value), caught.value.allowed) == (
        f"implausible year {int(text[:4])}",
        "a date, e.g. 2024-01-31, 2024/1/31 or 2024.1.31 (the Chinese year-month-day form too); when only the "
            "month is known 2024-01, 2024/1 or 2024.1 (compared as the month's last day), from 1900 to 2100")


@pytest.mark.parametrize("text", ["2107-13", "2017-02-29", "2107-02-29", "2017-00"])
def test_a_date_that_does_not_exist_is_no_such_date(text):
    with pytest.raises(ValueProblem, match="^no such date$"):
        parser(Column("d", "date"))(text)


def test_a_required_value_says_what_its_type_allows(capsys, case_copy):
    """"a integer value": the allowed text of an empty required value is the type's own."""
    path = case_copy / "disbursements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2016,0.2,", ",,0.2,"), encoding="utf-8")
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        "disbursements.csv:2 [补贴资金所属年度（budget_year）]: required value is empty; allowed: a whole "
        "number, e.g. 12"]


# ---------------------------------------------------------------- item 5: notes and totals under a table

NOTE = "注：金额单位为万元，数据来源于市口岸办提供的拨付凭证"
TOTAL_ROW = "合计,,,,,,16176.08,71.36,16104.72,,,"
NOTE_PROBLEM = ("{where}: {unit} {n} seems to be a note under the table, not a row of facts: delete it "
                "(a note belongs in case.yaml `notes`, or in a row's evidence); found '注：金额单位为万元，数据来源于市口岸办提供的拨付凭证'")
TOTAL_PROBLEM = ("{where}: {unit} {n} seems to be a total row, not a row of facts: delete it (jixiao adds up the "
                 "rows itself; a total read as a row would count everything twice); found '{total}'")


def append_lines(path, *lines):
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def test_a_note_under_a_csv_table_is_one_problem(capsys, case_copy):
    """Issue 12 item 5: it gave 6 "required value is empty" problems, none naming the note."""
    append_lines(case_copy / "disbursements.csv", NOTE)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [NOTE_PROBLEM.format(where="disbursements.csv:5", unit="line", n=5)]


def test_a_total_row_under_a_csv_table_is_one_problem(capsys, case_copy):
    """Issue 12 item 5: it gave 5 "required value is empty" problems."""
    append_lines(case_copy / "disbursements.csv", TOTAL_ROW, NOTE)
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        TOTAL_PROBLEM.format(where="disbursements.csv:5", unit="line", n=5, total="合计"),
        NOTE_PROBLEM.format(where="disbursements.csv:6", unit="line", n=6)]


@pytest.mark.parametrize("label", ["合计", "合 计", "小计：", "Total", "总计"])
def test_a_total_row_that_would_validate_is_no_fact(capsys, tmp_path, label):
    """The same kind, worse: a total row with every required value given was read as one more
    source of funds (3645 万元 counted twice), exit 0."""
    folder = tmp_path / "dongguan-processing-trade" / "2015"
    shutil.copytree(DONGGUAN_2015, folder)
    append_lines(folder / "funding.csv", f"{label},3645,3645,")
    code, _, err = run(capsys, folder)
    assert code == 2 and problems_of(err) == [
        TOTAL_PROBLEM.format(where="funding.csv:3", unit="line", n=3, total=label)]


def test_a_note_or_total_under_a_sheet_is_one_problem(capsys, case_copy):
    def under(sheet):
        sheet["G5"], sheet["I5"], sheet["F5"] = 16176.08, 16104.72, "合计"
        sheet["A7"] = NOTE
        sheet.merge_cells("A7:L7")  # a note across the table's width
    sheet_from_csv(case_copy, "disbursements", under)
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        TOTAL_PROBLEM.format(where="disbursements.xlsx[disbursements]:5", unit="row", n=5, total="合计"),
        NOTE_PROBLEM.format(where="disbursements.xlsx[disbursements]:7", unit="row", n=7)]


def test_a_subtotal_row_inside_a_table_is_one_problem(capsys, case_copy):
    path = case_copy / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:3], ",小计,,,,", *lines[3:]]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        TOTAL_PROBLEM.format(where="budget.csv:4", unit="line", n=4, total="小计")]


def test_a_table_that_records_its_totals_keeps_them(rulebook, golden, case_copy):
    """cost_estimates_by_subject marks its subtotal and total rows (line_type): they are facts."""
    path = case_copy / "cost_estimates_by_subject.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",单一窗口合计,", ",合计,"), encoding="utf-8")
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_a_note_within_a_row_of_facts_is_a_value(rulebook, golden, case_copy):
    path = case_copy / "disbursements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2017-10,预算年度上半年", ",2017-10,注：预算年度上半年"),
                    encoding="utf-8")
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


# ---------------------------------------------------------------- item 6: a CSV row shorter than its header

def test_a_short_csv_row_is_an_error_naming_the_columns_it_lacks(capsys, case_copy):
    """Issue 12 item 6: its trailing cells were dropped: the missing paid_date made 2017-h1
    unpaid, C121 3 points, 87.95, exit 0. (The last cells, 转拨批次编号 among them, are cut off.)"""
    path = case_copy / "disbursements.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:lines[2].index(",2017-10,")]  # 2017-h1 without paid_date and due_basis
    lines[3] = lines[3][:lines[3].index(",2017-11,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "disbursements.csv:3: lines 3–4 have 10 cells, the header 13: missing 实际拨付日期（paid_date）, "
        "应拨付日期依据（due_basis）, 转拨批次编号（passed_on）. Write every cell, an empty one as nothing between two "
        "commas (,,); found '10 cells'; allowed: 13 cells, one per column of the header"]


def test_short_rows_are_grouped_by_the_columns_they_lack(capsys, case_copy):
    path = case_copy / "allocations.csv"  # no,operator,amount,note
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = ",".join(lines[1].split(",")[:3])
    lines[2] = ",".join(lines[2].split(",")[:2])
    lines[4] = ",".join(lines[4].split(",")[:2])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        "allocations.csv:2: line 2 has 3 cells, the header 4: missing 备注（note）. Write every cell, an "
        "empty one as nothing between two commas (,,); found '3 cells'; allowed: 4 cells, one per column of the header",
        "allocations.csv:3: lines 3, 5 have 2 cells, the header 4: missing 分配金额（amount，万元）, 备注（note）. "
        "Write every cell, an empty one as nothing between two commas (,,); found '2 cells'; allowed: 4 cells, one per "
        "column of the header"]


def test_a_second_table_under_the_first_is_one_problem(capsys, case_copy):
    """The same kind: a second table pasted below (its header row again) gave a problem per cell."""
    path = case_copy / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    append_lines(path, "", lines[0], *lines[1:3])
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        "budget.csv:7: line 7 repeats the header: a second table under this one? Give each table its own "
        "file or sheet, or delete the row; found ['no', 'item', 'kind', 'budget_year', '…']"]
