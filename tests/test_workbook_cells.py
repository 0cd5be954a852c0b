"""A workbook is read as what its cells really hold, or refused naming the cell as Excel shows it:
formulas without a computed value, numbers Excel cannot hold, dates in text columns, title rows
above the header, merged cells, wrong dimension tags."""

import csv
import datetime
import re
import shutil
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.cli.main import main

from conftest import FACTS, ROOT, RULES
from test_input_forms import as_cell, outcome, tables_of, write_sheet

DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"


def run(capsys, folder, *extra):
    code = main(["check", str(folder), "--no-write", "--rules", str(RULES), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def problems_of(err):
    """The problem lines of an input error, without the heading."""
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def sheet_from_csv(folder, table, edit=None, name=None):
    """Replace folder/<table>.csv by a one-sheet workbook typed as a person would (numbers as
    numbers, full dates as dates); `edit(sheet)` changes it before it is saved."""
    rows = csv_rows(folder / f"{table}.csv")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = table
    for row in rows:
        sheet.append([as_cell(c) if c != "" else None for c in row])
    if edit:
        edit(sheet)
    (folder / f"{table}.csv").unlink()
    path = folder / (name or f"{table}.xlsx")
    workbook.save(path)
    return path


def rewrite(path, member, change):
    """Edit one part of a saved workbook, as another program would have written it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    text = parts[member].decode("utf-8")
    changed = change(text)
    assert changed != text, f"nothing changed in {member}"
    parts[member] = changed.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


SHEET = "xl/worksheets/sheet1.xml"
RECALCULATE = ("allowed: open and save the "
               "workbook in Excel or WPS so that its formulas are computed, or type the values")
AS_TEXT = "allowed: format the column as Text, then type the values again"


# ---------------------------------------------------------------- formulas

def test_a_formula_without_a_computed_value_is_refused_naming_its_cell(capsys, case_copy):
    """Issue 11 item 4: it was read as empty — a false '核定 6520 万元，未拨付', 85.93, exit 0."""
    sheet_from_csv(case_copy, "disbursements", lambda s: s.__setitem__("I3", "=G3"), name="facts.xlsx")
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "facts.xlsx[disbursements]!I3 [实际拨付金额（paid_amount，万元）]: a formula without a computed "
        f"value; found '=G3'; {RECALCULATE}"]


def test_a_column_of_formulas_is_one_problem(capsys, case_copy):
    def formulas(sheet):
        for row in (2, 3, 4):
            sheet[f"I{row}"] = f"=G{row}-IF(H{row}=\"\",0,H{row})"
    sheet_from_csv(case_copy, "disbursements", formulas)
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!I2 [实际拨付金额（paid_amount，万元）]: a formula without a "
        f"computed value (also I3:I4); found '=G2-IF(H2=\"\",0,H2)'; {RECALCULATE}"]


def test_a_formula_with_its_computed_value_is_read(rulebook, golden, case_copy):
    path = sheet_from_csv(case_copy, "disbursements", lambda s: s.__setitem__("I3", "=G3"))
    rewrite(path, SHEET, lambda t: t.replace('<c r="I3"><f>G3</f><v></v></c>', '<c r="I3"><f>G3</f><v>6520</v></c>'))
    rewrite(path, "xl/workbook.xml", lambda t: t.replace(' fullCalcOnLoad="1"', ""))  # as Excel saves it
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_a_formula_giving_empty_text_is_an_empty_cell(rulebook, golden, case_copy):
    # Excel stores ="" as t="str" with an empty value: computed, and empty
    path = sheet_from_csv(case_copy, "disbursements", lambda s: s.__setitem__("H3", '=""'))
    rewrite(path, SHEET, lambda t: t.replace('<c r="H3"><f>""</f><v></v></c>', '<c r="H3" t="str"><f>""</f><v></v></c>'))
    rewrite(path, "xl/workbook.xml", lambda t: t.replace(' fullCalcOnLoad="1"', ""))
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_stored_results_of_a_workbook_that_asks_to_be_recalculated_are_refused(capsys, case_copy):
    # XlsxWriter stores 0 for every formula and asks Excel to recalculate on opening
    path = sheet_from_csv(case_copy, "disbursements", lambda s: s.__setitem__("I3", "=G3"))
    rewrite(path, SHEET, lambda t: t.replace('<c r="I3"><f>G3</f><v></v></c>', '<c r="I3"><f>G3</f><v>0</v></c>'))
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!I3 [实际拨付金额（paid_amount，万元）]: a formula whose stored "
        "result may be a placeholder: the workbook was written by a program that does not compute formulas (it asks "
        f"to be recalculated on opening); found '=G3'; {RECALCULATE}"]


def test_an_excel_error_value_is_refused(capsys, case_copy):
    path = sheet_from_csv(case_copy, "disbursements", lambda s: s.__setitem__("I3", "=G3"))
    rewrite(path, SHEET, lambda t: t.replace('<c r="I3"><f>G3</f><v></v></c>',
                                             '<c r="I3" t="e"><f>G3</f><v>#REF!</v></c>'))
    rewrite(path, "xl/workbook.xml", lambda t: t.replace(' fullCalcOnLoad="1"', ""))
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!I3 [实际拨付金额（paid_amount，万元）]: an Excel error value; "
        "found '#REF!'; allowed: correct the formula or type the value"]


# ---------------------------------------------------------------- numbers and dates in text columns

CODE = "440190201307030001"


def dongguan_with_a_long_contract_code(tmp_path, typed):
    folder = tmp_path / "dongguan-processing-trade" / "2015"
    shutil.copytree(DONGGUAN_2015, folder)
    for name, old in (("contract_phases.csv", "\nsoftware,"), ("module_usage.yaml", "contract: software"),
                      ("contracts.csv", "\nsoftware,")):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, old.replace("software", CODE)), encoding="utf-8")
    sheet_from_csv(folder, "contracts", lambda s: s.__setitem__("A3", typed))
    return folder


def test_an_18_digit_code_stored_as_a_number_is_refused_with_the_hint(capsys, tmp_path):
    """Issue 11 item 4: it became 440190201307030000, the join failed and C1 (15 points) could not
    be assessed, exit 0."""
    folder = dongguan_with_a_long_contract_code(tmp_path, float(CODE))  # as Excel stores it
    code, out, err = run(capsys, folder)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "contracts.xlsx[contracts]!A3 [合同编号（id）]: a number with more than 15 digits, "
        "stored by Excel as a number: its last digits are lost (an 18-digit code becomes …000); "
        f"found '440190201307030000'; {AS_TEXT}"]


def test_the_code_typed_as_text_is_read(capsys, tmp_path):
    folder = dongguan_with_a_long_contract_code(tmp_path, CODE)
    code, out, _ = run(capsys, folder)
    assert code == 0 and "C1 实际完成率              15     11.25  *" in out  # as with the bundled facts


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=-10**17, max_value=10**17))
def test_a_whole_number_is_exact_in_excel_below_1e15(number):
    from jixiao.load.workbook import _exact
    assert _exact(number) == (abs(number) < 10**15)
    assert _exact(float(number)) == (abs(number) < 10**15 and len(str(abs(number)).rstrip("0") or "0") <= 15)


@settings(max_examples=50, deadline=None)
@given(st.decimals(min_value=Decimal("-99999999"), max_value=Decimal("99999999"), places=4, allow_nan=False))
def test_a_number_is_read_as_it_was_typed(typed):
    """What Excel stores for a number typed with up to 12 significant digits reads back as typed."""
    from jixiao.load.workbook import _number_text
    assert Decimal(_number_text(float(typed))) == typed


def test_numbers_in_a_text_column_are_read_as_typed_or_refused(capsys, case_copy):
    def edit(sheet):
        sheet["A2"] = 1.0            # 1: read as "1"
        sheet["A3"] = 2017.08        # typed 2017.08: read as typed
        sheet["A4"] = 123            # shown as 000123: not what is stored
        sheet["A4"].number_format = "000000"
    sheet_from_csv(case_copy, "disbursements", edit)
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!A4 [批次编号（tranche）]: a number shown through a number format in "
        f"a text column: the text shown is not what is stored; found '123 (000000)'; {AS_TEXT}"]


def test_a_code_excel_turned_into_a_date_is_refused(capsys, case_copy):
    # 2017-08 typed into a General cell becomes 1 Aug 2017, shown as Aug-17
    def edit(sheet):
        sheet["A3"] = datetime.datetime(2017, 8, 1)
        sheet["A3"].number_format = "mmm-yy"
    sheet_from_csv(case_copy, "disbursements", edit)
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!A3 [批次编号（tranche）]: Excel stored this cell as "
        f"a date, in a text column; found '2017-08'; {AS_TEXT}"]


# ---------------------------------------------------------------- dates as shown

@pytest.mark.parametrize("number_format", ["mmm-yy", 'yyyy"年"m"月"', "yyyy/mm"])
def test_a_month_typed_into_excel_is_the_month(rulebook, golden, case_copy, number_format):
    """2017-10 typed into Excel is stored as 1 Oct 2017, shown without the day: it is read as the
    month (compared as its last day), as in the CSV, not as 1 October."""
    def edit(sheet):
        sheet["K3"] = datetime.datetime(2017, 10, 1)
        sheet["K3"].number_format = number_format
    sheet_from_csv(case_copy, "disbursements", edit)
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_a_date_in_a_chinese_built_in_format_is_a_date(rulebook, golden, case_copy):
    """Chinese Excel writes 2017年10月 as built-in format 57, which openpyxl reads as the number 43009."""
    def edit(sheet):
        sheet["K3"] = datetime.datetime(2017, 10, 1)
        sheet["K3"].number_format = 'yyyy"年"m"月"'
    path = sheet_from_csv(case_copy, "disbursements", edit)

    def built_in(styles):  # the custom format gone, its cells pointing at built-in 57
        custom = re.search(r'<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>', styles)
        return styles.replace(custom[0], "").replace(f'numFmtId="{custom[1]}"', 'numFmtId="57"')
    rewrite(path, "xl/styles.xml", built_in)
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_a_date_shown_without_its_year_is_refused(capsys, case_copy):
    def edit(sheet):
        sheet["J3"] = datetime.datetime(2017, 6, 30)
        sheet["J3"].number_format = 'm"月"d"日"'
    sheet_from_csv(case_copy, "disbursements", edit)
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!J3 [应拨付日期（due_date）]: a date shown without its year "
        "or month: Excel stores the year it was typed in; found '2017-06-30 (m\"月\"d\"日\")'; allowed: type the full date"]


@pytest.mark.parametrize("code, shows", [
    ("yyyy-mm-dd", (True, True, True)), ("mmm-yy", (True, True, False)), ('m"月"d"日"', (False, True, True)),
    ("h:mm", (False, False, False)), ("yyyy-mm-dd hh:mm:ss", (True, True, True)), ("[$-804]yyyy\\年m\\月", (True, True, False)),
    ("mm:ss", (False, False, False)), ("[Red]d-mmm", (False, True, True))])
def test_which_parts_of_a_date_a_format_shows(code, shows):
    from jixiao.load.workbook import _date_parts
    parts = _date_parts(code)
    assert (parts["year"], parts["month"], parts["day"]) == shows


# ---------------------------------------------------------------- the shape of the table

def a_workbook_of_every_table(folder, edit_sheet=None):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for path, table, records in list(tables_of(folder)):
        sheet = workbook.create_sheet(table)
        if edit_sheet:
            edit_sheet(table, sheet)
        write_sheet(sheet, records)
        path.unlink()
    workbook.save(folder / "facts.xlsx")


def test_a_title_row_above_the_header_is_one_problem(capsys, case_copy):
    """Issue 11 item 4: it gave a problem per row and 9 false "'sources' names a table with no file"."""
    def title(table, sheet):
        if table == "disbursements":
            sheet.append(["2017 年运维补贴资金拨付明细表"])
            sheet.append(["单位：万元"])
    a_workbook_of_every_table(case_copy, title)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "facts.xlsx[disbursements]: the header seems to be row 3 (it names tranche, name, budget_year, share, …), "
        "with rows 1–2 above it: delete the rows above the header (a title or a unit line there is not read); "
        "found ['2017 年运维补贴资金拨付明细表', '单位：万元']"]


def test_a_title_line_above_a_csv_header_is_one_problem(capsys, case_copy):
    path = case_copy / "budget.csv"
    path.write_text("表 1-1 2017 年预算构成明细汇总表,,\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "budget.csv: the header seems to be line 2 (it names no, item, kind, budget_year, …), with line 1 above it: "
        "delete the lines above the header (a title or a unit line there is not read); "
        "found ['表 1-1 2017 年预算构成明细汇总表']"]


def test_a_sheet_without_a_header_row_is_one_problem(capsys, case_copy):
    def no_header(table, sheet):
        if table == "budget":
            sheet.append(["编号", "分类名称", "类型", "预算年度", "比例", "金额"])  # no column's title
    a_workbook_of_every_table(case_copy, no_header)
    # the codes row is then below the titles: shift it out by deleting it
    workbook = openpyxl.load_workbook(case_copy / "facts.xlsx")
    workbook["budget"].delete_rows(2)
    workbook.save(case_copy / "facts.xlsx")
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "facts.xlsx[budget]:1: no header row: none of the first rows names a column of table 'budget'; "
        "allowed: no, item, kind, budget_year, share, amount"]


def test_values_beyond_the_header_are_one_problem(capsys, case_copy):
    def extra(sheet):
        for row in (2, 3, 4):
            sheet[f"N{row}"] = "备注"
    sheet_from_csv(case_copy, "disbursements", extra)
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]:2: values beyond the header's 13 columns in rows 2–4: name their columns in "
        "the header row, or delete them; found ['备注']"]


def test_merged_cells_in_the_table_are_refused(capsys, case_copy):
    def merge(sheet):
        sheet.merge_cells("E2:E4")  # 拨付方 merged down the three tranches
    sheet_from_csv(case_copy, "disbursements", merge)
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!E2:E4: merged cells: only the first cell of a merged range holds "
        "the value; allowed: unmerge the cells and fill in every one"]


def test_a_wrong_dimension_tag_does_not_cut_the_table(rulebook, golden, case_copy):
    """Some writers leave <dimension ref="A1"/>: read-only openpyxl then read one cell of the sheet."""
    path = sheet_from_csv(case_copy, "disbursements")
    rewrite(path, SHEET, lambda t: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:C2"/>', t))
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_an_unreadable_workbook_gives_no_knock_on_problems(capsys, case_copy):
    for path in case_copy.glob("*.csv"):
        path.unlink()
    (case_copy / "facts.xlsx").write_bytes(b"PK\x03\x04 damaged")
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "facts.xlsx: a damaged or incomplete Excel workbook (.xlsx): jixiao cannot read it; allowed: "
        "open the workbook in Excel or WPS and save it again as .xlsx"]


def test_the_other_sheets_of_a_workbook_are_still_read(capsys, case_copy):
    """A sheet with a bad cell does not hide the problems of the others, nor fake missing tables."""
    a_workbook_of_every_table(case_copy)
    workbook = openpyxl.load_workbook(case_copy / "facts.xlsx")
    workbook["budget"]["F2"] = "三千"
    workbook["allocations"]["C3"] = "九千"
    workbook.save(case_copy / "facts.xlsx")
    code, _, err = run(capsys, case_copy)
    assert code == 2
    assert problems_of(err) == [
        "facts.xlsx[allocations]!C3 [分配金额（amount，万元）]: number expected; found '九千'; allowed: a number, e.g. 3064.72",
        "facts.xlsx[budget]!F2 [预算金额（amount，万元）]: number expected; found '三千'; allowed: a number, e.g. 3064.72"]


def test_skipped_cells_do_not_also_make_a_required_value_empty(capsys, case_copy):
    sheet_from_csv(case_copy, "disbursements", lambda s: s.__setitem__("A3", "=B3"))
    code, _, err = run(capsys, case_copy)
    assert code == 2 and len(problems_of(err)) == 1 and "a formula without a computed value" in err


def test_a_long_code_saved_by_excel_into_a_csv_is_refused(capsys, tmp_path):
    """The same loss through a CSV opened and saved in Excel: the code arrives as 4.40190201307030E+17."""
    folder = tmp_path / "dongguan-processing-trade" / "2015"
    shutil.copytree(DONGGUAN_2015, folder)
    for name, old, new in (("contract_phases.csv", "\nsoftware,", "\n4.40190201307030E+17,"),
                           ("module_usage.yaml", "contract: software", f"contract: '{CODE}'"),
                           ("contracts.csv", "\nsoftware,", f"\n{CODE},")):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out, err = run(capsys, folder)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        f"contract_phases.csv:{line} [合同编号（contract）]: a long code saved "
        f"by Excel as a number: its last digits are lost; found '4.40190201307030E+17'; {AS_TEXT}" for line in (2, 3)]


def test_a_damaged_sheet_is_a_problem_not_a_crash(capsys, case_copy):
    path = sheet_from_csv(case_copy, "disbursements")
    rewrite(path, SHEET, lambda t: t.replace("<v>3136.08</v>", "<v>3136,08</v>", 1))  # no number
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        "disbursements.xlsx[disbursements]: a damaged sheet: jixiao cannot read its cells; allowed: "
        "open the workbook in Excel or WPS and save it again as .xlsx"]
