"""The same facts as CSV in UTF-8, UTF-8 with BOM or GBK, as YAML, or as an Excel workbook give
the same result."""

import csv
import datetime
import re

import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.cli.main import main

from conftest import RULES
from jixiao.load.yaml_source import load_yaml, plain


def outcome(result):
    return ([(r.id, r.score) for r in result.scores.rows], result.scores.total, result.scores.grade,
            [(f.rule, f.indicator, f.deduction, f.text) for f in result.findings])


def reencode(folder, encoding):
    for path in folder.glob("*.csv"):
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "gb18030"])
def test_csv_in_other_encodings(rulebook, golden, case_copy, encoding):
    reencode(case_copy, encoding)
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def as_cell(value):
    """What a person typing into Excel gets: numbers as numbers, full dates as dates."""
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return int(value) if "." not in value else float(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.date.fromisoformat(value)
    return value


def tables_of(folder):
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            with open(path, encoding="utf-8", newline="") as handle:
                yield path, path.stem, list(csv.DictReader(handle))
        elif path.suffix == ".yaml" and path.name != "case.yaml":
            data = plain(load_yaml(path))
            yield path, path.stem, data if isinstance(data, list) else [data]


def write_sheet(sheet, records):
    columns = list(dict.fromkeys(k for r in records for k in r))
    sheet.append(columns)
    for record in records:
        sheet.append([as_cell(record.get(c)) if record.get(c) not in ("", None) else None for c in columns])


def test_one_workbook_with_a_sheet_per_table(rulebook, golden, case_copy):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for path, table, records in list(tables_of(case_copy)):
        write_sheet(workbook.create_sheet(table), records)
        path.unlink()
    workbook.save(case_copy / "基础数据表.xlsx")
    result = check_case(case_copy, rulebook)
    assert outcome(result) == outcome(golden)
    [late] = [f for f in result.findings if f.rule == "tranche-deadline"]
    assert late.evidence[0]["file"] == "基础数据表.xlsx[disbursements]" and late.evidence[0]["line"] == 3


def test_a_one_sheet_workbook_named_after_its_table(rulebook, golden, case_copy):
    path, table, records = next(t for t in tables_of(case_copy) if t[1] == "disbursements")
    workbook = openpyxl.Workbook()
    write_sheet(workbook.active, records)
    workbook.save(case_copy / "disbursements.xlsx")
    path.unlink()
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


def run_check(capsys, folder):
    code = main(["check", str(folder), "--no-write", "--rules", str(RULES)])
    return code, capsys.readouterr().err


def test_text_in_an_unknown_encoding(capsys, case_copy):
    (case_copy / "budget.csv").write_bytes(b"no,item\n1,\x80\xff\n")
    code, err = run_check(capsys, case_copy)
    assert code == 2 and "budget.csv: text in an unknown encoding" in err and "UTF-8 (with or without BOM) or GBK" in err


def test_a_damaged_workbook(capsys, case_copy):
    (case_copy / "budget.xlsx").write_text("not a workbook", encoding="utf-8")
    (case_copy / "budget.csv").unlink()
    code, err = run_check(capsys, case_copy)
    assert code == 2 and "budget.xlsx: not an Excel workbook (.xlsx): the file holds another kind of " \
                         "content (a renamed file?); allowed: open the workbook in Excel or WPS and save it again as .xlsx" in err


def test_a_sheet_that_is_no_table_and_a_bad_cell(capsys, case_copy):
    workbook = openpyxl.Workbook()
    workbook.active.title = "budjet"
    workbook.active.append(["no", "item"])
    budget = workbook.create_sheet("budget")
    budget.append(["no", "item", "kind", "amount"])
    budget.append([1, "尾款", "tranche", "三千"])
    workbook.save(case_copy / "基础数据表.xlsx")
    (case_copy / "budget.csv").unlink()
    code, err = run_check(capsys, case_copy)
    assert code == 2
    assert "基础数据表.xlsx[budjet]: unknown fact table 'budjet' (did you mean 预算构成 (budget)?)" in err
    assert "基础数据表.xlsx[budget]!D2 [预算金额（amount，万元）]: number expected; found '三千'" in err
