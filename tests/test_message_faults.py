"""Messages that misled or said too little (issue 12 point 5, issue 16 item 3): each instance
here failed before its fix. Chinese is the default; each test says which language it reads."""

from __future__ import annotations

import io
import shutil

import openpyxl

from jixiao.authoring.workbook_template import template_bytes
from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.load.case_folder import load_case
from jixiao.report.common import places

from conftest import RULES, SHANGHAI_2017, set_csv_cell

DISBURSEMENTS = "项目单位向主运维商拨付运维补贴资金，按批次"


def problems(capsys, folder, lang) -> list[str]:
    assert main(["check", str(folder), "--no-write", "--rules", str(RULES), "--lang", lang]) == 2
    return [line.strip() for line in capsys.readouterr().err.splitlines() if line.startswith("  ")]


def test_a_renamed_table_is_not_taken_for_another_table(capsys, case_copy):
    """It said “'sources' names a table with no file (did you mean 'operator_disbursements'?)”:
    another table, loaded fine. Now it names the table by title and code, and the file whose
    name is no table's, in both languages."""
    (case_copy / "disbursements.csv").rename(case_copy / "拨付.csv")
    zh = problems(capsys, case_copy, "zh")
    assert zh[0].startswith("拨付.csv：无法识别的基础数据表“拨付”：没有这个名称的表；可填：评价组对指标得分的调整（adjustments）、"
                         "运维补贴资金分配（allocations）、预算构成（budget）、")
    assert zh[1] == (f"case.yaml [sources.disbursements]：“sources”列出的表 {DISBURSEMENTS}（disbursements） 没有对应的"
                     "文件或工作表；名称无法识别的文件或工作表：“拨付”（是否改过名？）；可填：将工作表命名为"
                     f"“{DISBURSEMENTS}”或“disbursements”（文件命名为 disbursements.csv 等），或从 sources 中删除该表")
    en = problems(capsys, case_copy, "en")
    assert en[0].startswith("拨付.csv: unknown fact table '拨付': no table has this name; allowed: 评价组对指标得分的调整 "
                            "(adjustments), 运维补贴资金分配 (allocations), 预算构成 (budget), ")
    assert en[1] == (f"case.yaml [sources.disbursements]: 'sources' names a table with no file or sheet: {DISBURSEMENTS} "
                     "(disbursements); the files or sheets named after no table: “拨付” (renamed?); allowed: a sheet "
                     f"named “{DISBURSEMENTS}” or “disbursements” (a file disbursements.csv, …), or no entry for it in sources")
    assert not any("did you mean" in line or "是否应为" in line for line in zh + en)


def test_a_misspelt_table_is_suggested_by_title_and_code(capsys, case_copy):
    (case_copy / "budget.csv").rename(case_copy / "budjet.csv")
    assert problems(capsys, case_copy, "zh")[0].startswith("budjet.csv：无法识别的基础数据表“budjet”（是否应为“预算构成（budget）”？）")
    assert problems(capsys, case_copy, "en")[0].startswith("budjet.csv: unknown fact table 'budjet' (did you mean 预算构成 (budget)?)")


def _workbook_case(rulebook, tmp_path, edit):
    case = load_case(SHANGHAI_2017, rulebook.schemas)
    folder = tmp_path / "shanghai-single-window" / "2017"
    folder.mkdir(parents=True)
    shutil.copy(SHANGHAI_2017 / "case.yaml", folder / "case.yaml")
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(rulebook, case.scheme, case=case)))
    edit(workbook)
    workbook.save(folder / "facts.xlsx")
    return folder


def test_a_merged_header_cell_names_the_cells_and_says_to_unmerge(capsys, rulebook, tmp_path):
    """It said “empty column name in header (column 3)”: neither the cells nor the cause."""
    folder = _workbook_case(rulebook, tmp_path, lambda workbook: workbook[DISBURSEMENTS].merge_cells("B1:C1"))
    where = f"facts.xlsx[{DISBURSEMENTS}]!B1:C1"
    assert problems(capsys, folder, "zh") == [
        f"{where}：表头单元格 B1:C1 已合并：表头每一格只写一个列名，合并后除第一格外的列都没有列名；填写的是 '*批次'；"
        "可填：取消合并（开始 → 合并后居中 → 取消单元格合并），在每一格中分别填写列名"]
    assert problems(capsys, folder, "en") == [
        f"{where}: merged header cells B1:C1: a header names one column per cell, and a merged range leaves every "
        "column but its first without a name; found '*批次'; allowed: unmerge the cells (Home → Merge & Center → "
        "Unmerge Cells) and write each column's name in its own cell"]


def test_an_empty_header_cell_of_a_sheet_is_named_as_excel_names_it(capsys, rulebook, tmp_path):
    def blank(workbook):
        workbook[DISBURSEMENTS]["C1"] = None
    folder = _workbook_case(rulebook, tmp_path, blank)
    assert problems(capsys, folder, "zh") == [f"facts.xlsx[{DISBURSEMENTS}]!C1：表头单元格 C1 没有列名"]
    assert problems(capsys, folder, "en") == [f"facts.xlsx[{DISBURSEMENTS}]!C1: empty column name in header cell C1"]


def test_a_duplicate_key_names_the_column_by_title_and_the_other_row_as_the_file_shows_it(capsys, case_copy):
    """It said “row 2: duplicate key tranche (also row 1)” for lines 3 and 2 of the file."""
    rows = (case_copy / "disbursements.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (case_copy / "disbursements.csv").write_text("".join(rows[:2] + [rows[1]] + rows[2:]), encoding="utf-8")
    assert problems(capsys, case_copy, "zh") == [
        "disbursements.csv:3 [批次编号（tranche）]：与第 2 行重复（同一批次编号（tranche）只能填一次）；填写的是 '2016-tail'"]
    assert problems(capsys, case_copy, "en") == [
        "disbursements.csv:3 [批次编号（tranche）]: duplicate 批次编号（tranche） (also line 2); found '2016-tail'"]


def test_a_ratio_column_shows_a_ratio_example(capsys, case_copy):
    """It said “allowed: a number, e.g. 3064.72” for 拨付比例 (a ratio)."""
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "share", "四成")
    assert problems(capsys, case_copy, "zh") == [
        "disbursements.csv:3 [拨付比例（share，比例）]：应为数字；填写的是 '四成'；可填：0 到 1 之间的小数，如 0.9983，或百分数 99.83%"]
    assert problems(capsys, case_copy, "en") == [
        "disbursements.csv:3 [拨付比例（share，比例）]: number expected; found '四成'; allowed: a ratio from 0 to 1, "
        "e.g. 0.9983, or a percentage, 99.83%"]
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "share", "0,4")
    assert problems(capsys, case_copy, "en")[0].endswith("allowed: a ratio from 0 to 1, e.g. 0.9983, or a percentage, 99.83%")


def test_an_integrity_note_numbers_its_row_as_its_evidence_does(golden):
    """第 5 行 in the note, 第 6 行 in its evidence, for the same row: now both the file's line."""
    [note] = [n for n in golden.integrity if n.check == "row_sum"]
    assert note.message == ("第 6 行 合计（total） = 1807.8 万元，但 主运维计划数（lead_plan） + 协作运维计划（collab_plan） = "
                            "543.03 万元（相差 1264.77 万元）")
    assert note.text("en") == ("line 6: 合计 (total) = 1807.8 万元, but 主运维计划数 (lead_plan) + 协作运维计划 (collab_plan) = "
                               "543.03 万元 (a difference of 1264.77 万元)")
    assert places(note.evidence()) == "cost_estimates_by_subject.csv 第 6 行"


def test_notes_name_tables_by_title_and_values_with_units(golden, rulebook, tmp_path):
    """Issue 16: notes named columns and tables by code and gave amounts without their unit."""
    [note] = [n for n in golden.integrity if n.check == "subtotals"]
    assert note.message == "小计行“人力小计”的 主运维计划数（lead_plan） = 3680 万元，但各项之和为 2415.23 万元（相差 1264.77 万元）"


def test_a_yaml_note_points_at_the_offending_key(tmp_path, rulebook):
    """A YAML record's note named the record's first line, not the line of the value in doubt."""
    folder = tmp_path / "case"
    shutil.copytree(SHANGHAI_2017, folder)
    path = folder / "system_availability.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("failures: 11", "failures: -11"), encoding="utf-8")
    [note] = [n for n in check_case(folder, rulebook).integrity if n.check == "bounds"]
    assert note.message == "故障次数（failures）为 -11 次，不能为负数"
    assert note.evidence() == [{"file": "system_availability.yaml", "row": 1, "line": 5, "values": {"failures": -11}}]

