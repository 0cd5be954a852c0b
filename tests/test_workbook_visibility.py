"""Issue 12 item 7: a workbook is read as its cells show, or refused saying why. Values in hidden
rows, rows filtered out, hidden columns and hidden sheets are errors naming them (jixiao would
read what no one sees); a file that is no .xlsx says what it seems to be and what to do; a
date shown as a month holding another day is refused, a time of day not shown is not read."""

import datetime

import openpyxl
import pytest

from jixiao.check.case import check_case

from test_input_forms import outcome, tables_of, write_sheet
from test_knock_on import KNOWN_TABLES
from test_workbook_cells import problems_of, run, sheet_from_csv

UNHIDE_ROWS = ("allowed: clear the filter or unhide the rows, then check them: "
               "keep or delete them")
OLD_ROW = ["2017-h1-old", "2017 年上半年 40% 运维补贴资金（旧）", 2017, 0.4, "上海市口岸服务办公室",
           "上海亿通国际股份有限公司", 6520, None, 6520, datetime.date(2017, 6, 30), "2017-12", None]


def with_old_row(hide=True, filtered=False):
    def edit(sheet):
        sheet.append(OLD_ROW)  # row 5: an old version of 2017-h1, paid late
        if hide:
            sheet.row_dimensions[5].hidden = True
        if filtered:
            sheet.auto_filter.ref = "A1:L5"
    return edit


def test_values_in_a_hidden_row_are_an_error(capsys, case_copy):
    """Issue 12 item 7: a hidden old row was read silently and raised C121's deductions, exit 0."""
    sheet_from_csv(case_copy, "disbursements", with_old_row())
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]:5: hidden rows: row 5 holds values the sheet does not show, which "
        "jixiao would read; found ['2017-h1-old', '2017 年上半年 40% 运维补贴资金（旧）', '2017', '0.4']; "
        f"{UNHIDE_ROWS}"]


def test_rows_filtered_out_are_an_error_naming_the_filter(capsys, case_copy):
    def edit(sheet):
        with_old_row(filtered=True)(sheet)
        sheet.row_dimensions[2].hidden = True
    sheet_from_csv(case_copy, "disbursements", edit)
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        "disbursements.xlsx[disbursements]:2: rows hidden by a filter: rows 2, 5 hold values the sheet does "
        "not show, which jixiao would read; found ['2016-tail', '2016 年 20% 运维补贴资金尾款', '2016', '0.2']; "
        f"{UNHIDE_ROWS}"]


def test_a_hidden_row_that_is_empty_is_nothing(rulebook, golden, case_copy):
    def edit(sheet):
        sheet.row_dimensions[6].hidden = True
        sheet.row_dimensions[9].hidden = True
    sheet_from_csv(case_copy, "disbursements", edit)
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_the_same_row_shown_is_read(rulebook, golden, case_copy):
    """(What the hidden row would have done: the check it was hiding, not a refusal of the row.)"""
    sheet_from_csv(case_copy, "disbursements", with_old_row(hide=False))
    assert outcome(check_case(case_copy, rulebook)) != outcome(golden)


def test_a_hidden_column_holding_values_is_an_error_naming_it(capsys, case_copy):
    def edit(sheet):
        sheet["N1"], sheet["N3"] = "overpaid", "yes"
        sheet.column_dimensions["N"].hidden = True
    sheet_from_csv(case_copy, "disbursements", edit)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!N:N [超额拨付（overpaid）]: a hidden column holding values the sheet "
        "does not show, which jixiao would read; found ['overpaid', 'yes']; allowed: unhide the column, then check it: "
        "keep or delete it"]


def workbook_with(case_copy, hide):
    """Every table a sheet of facts.xlsx; `hide(workbook)` hides some."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for path, table, records in list(tables_of(case_copy)):
        write_sheet(workbook.create_sheet(table), records)
        path.unlink()
    hide(workbook)
    workbook.save(case_copy / "facts.xlsx")


HIDDEN_SHEET = ("a hidden sheet: jixiao would read a table no one sees in Excel; unhide it (right-click a "
                "sheet tab → Unhide) and check it: keep or delete it")


def test_a_hidden_sheet_of_a_table_is_an_error(capsys, case_copy):
    """Issue 12 item 7: a hidden sheet was read silently."""
    def hide(workbook):
        workbook["prior_findings"].sheet_state = "hidden"
    workbook_with(case_copy, hide)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [f"facts.xlsx[prior_findings]: {HIDDEN_SHEET}"]


def test_an_unknown_hidden_sheet_says_it_is_hidden(capsys, case_copy):
    """Issue 12 item 7: it was refused as an unknown table, without a word of it being hidden."""
    def hide(workbook):
        lists = workbook.create_sheet("下拉列表")
        lists.append(["yes", "no", "partial"])
        lists.sheet_state = "hidden"
        workbook["budget"].title = "budgt"
        workbook["budgt"].sheet_state = "veryHidden"
    workbook_with(case_copy, hide)
    code, _, err = run(capsys, case_copy)
    known = KNOWN_TABLES
    assert code == 2 and problems_of(err) == [
        "facts.xlsx[budgt]: a very hidden sheet (Excel's menus cannot unhide it): jixiao would read a "
        "table no one sees; copy the sheets you mean into a new workbook (.xlsx); and its name is no table's: unknown "
        f"fact table 'budgt' (did you mean 预算构成 (budget)?); allowed: {known}",
        f"facts.xlsx[下拉列表]: {HIDDEN_SHEET}; and its name is no table's: unknown fact table '下拉列表': no table has "
        "this name; "
        f"allowed: {known}"]


# ---------------------------------------------------------------- files that are no .xlsx

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize("content, problem", [
    (OLE2 + b"\x00" * 504 + "Workbook".encode("utf-16-le"),
     "an Excel 97–2003 workbook (.xls or WPS .et), not an .xlsx: only its name ends in "
     ".xlsx; allowed: open it in Excel or WPS and save it as an Excel Workbook, .xlsx"),
    (OLE2 + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"),
     "a password-protected workbook: jixiao cannot open it; allowed: remove the password to open: File → Info → "
     "Protect Workbook → Encrypt with Password, clear it, and save"),
    ("tranche,name\n2017-h1,上半年\n".encode(),
     "not an Excel workbook (.xlsx): the file holds another kind of content (a renamed file?); "
     "allowed: open the workbook in Excel or WPS and save it again as .xlsx"),
])
def test_a_file_that_is_no_xlsx_says_what_it_seems_to_be(capsys, case_copy, content, problem):
    """Issue 12 item 7: a renamed .xls or a password-protected workbook gave "not a readable
    Excel workbook (.xlsx): BadZipFile" (the library's words, no Chinese, no hint)."""
    (case_copy / "disbursements.csv").unlink()
    (case_copy / "disbursements.xlsx").write_bytes(content)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [f"disbursements.xlsx: {problem}"]


@pytest.mark.parametrize("suffix", [".xls", ".et", ".xlsm", ".ods"])
def test_another_spreadsheet_format_says_to_save_as_xlsx(capsys, case_copy, suffix):
    (case_copy / "disbursements.csv").rename(case_copy / f"disbursements{suffix}")
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        f"disbursements{suffix}: not a fact file; found '{suffix}'; allowed: .csv, .yaml, .yml, .xlsx: save it as "
        "an Excel Workbook, .xlsx"]


# ---------------------------------------------------------------- dates as shown

def test_a_date_shown_as_a_month_holding_another_day_is_refused(capsys, case_copy):
    """Issue 12 item 7: shown as 2017年10月 but stored as 10-15, it was read as 10-15, not as the
    month the README describes (nor the month's last day it would be compared as)."""
    def edit(sheet):
        sheet["K3"] = datetime.datetime(2017, 10, 15)
        sheet["K3"].number_format = 'yyyy"年"m"月"'
    sheet_from_csv(case_copy, "disbursements", edit)
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [
        "disbursements.xlsx[disbursements]!K3 [实际拨付日期（paid_date）]: a date shown "
        "as a month that holds a day other than the 1st: the sheet shows the month, the cell a day no one sees; found "
        "'2017-10-15 (yyyy\"年\"m\"月\")'; allowed: format the cell as yyyy-mm-dd to show the day, or type the 1st of the month "
        "when only the month is known"]


def test_a_time_of_day_not_shown_is_not_read(rulebook, golden, case_copy):
    """The same kind: 2017-06-30 09:30 shown as 2017-06-30 was refused as '2017-06-30T09:30:00'."""
    def edit(sheet):
        sheet["J3"] = datetime.datetime(2017, 6, 30, 9, 30)
        sheet["J3"].number_format = "yyyy-mm-dd"
    sheet_from_csv(case_copy, "disbursements", edit)
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def test_a_time_of_day_shown_is_refused_in_a_date_column(capsys, case_copy):
    def edit(sheet):
        sheet["J3"] = datetime.datetime(2017, 6, 30, 9, 30)
        sheet["J3"].number_format = "yyyy-mm-dd hh:mm"
    sheet_from_csv(case_copy, "disbursements", edit)
    code, _, err = run(capsys, case_copy)
    assert code == 2 and problems_of(err) == [
        "disbursements.xlsx[disbursements]!J3 [应拨付日期（due_date）]: date expected; found '2017-06-30T09:30:00'; "
        "allowed: a date, e.g. 2024-01-31, 2024/1/31 or 2024.1.31 (the Chinese year-month-day form too); "
        "when only the month is known 2024-01, 2024/1 or 2024.1 (compared as the month's last day)"]


@pytest.mark.parametrize("number_format, value, found", [(";;;", 6520, "6520 (;;;)"), ("0;;0", -10, "-10 (0;;0)"),
                                                         (";;;", "上海亿通国际股份有限公司", None)])
def test_a_value_its_number_format_hides_is_refused(capsys, case_copy, number_format, value, found):
    """The same kind: a cell formatted ;;; shows nothing, yet was read."""
    def edit(sheet):
        sheet["I3"], sheet["F3"] = (value, sheet["F3"].value) if isinstance(value, int) else (sheet["I3"].value, value)
        sheet["I3" if isinstance(value, int) else "F3"].number_format = number_format
    sheet_from_csv(case_copy, "disbursements", edit)
    code, _, err = run(capsys, case_copy)
    cell, column = ("I3", "实际拨付金额（paid_amount，万元）") if isinstance(value, int) else ("F3", "收款方（payee）")
    assert code == 2 and problems_of(err) == [
        f"disbursements.xlsx[disbursements]!{cell} [{column}]: a value its number format does not "
        f"show (;;;): no one sees it in the sheet; found '{found or f'{value} ({number_format})'}'; allowed: format the cell "
        "as General, then check the value"]


def test_a_zero_shown_blank_is_the_zero_it_holds(rulebook, golden, case_copy):
    def edit(sheet):
        sheet["H3"] = 0
        sheet["H3"].number_format = "0.00;-0.00;;@"
    sheet_from_csv(case_copy, "disbursements", edit)
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)
