"""Starting a case and the next year (issue 16, item 4): `jixiao new case` writes a case folder
with case.yaml and the data-collection workbook; `jixiao next-year` writes next year's folder
from this year's, says what is still last year's and builds last year's findings from jixiao's
own results; `jixiao check` warns when a case's tables are byte-identical to last year's."""

from __future__ import annotations

import datetime
import re
import shutil

import openpyxl
import pytest
import yaml

import jixiao
from jixiao.authoring.workbook_template import scheme_tables
from jixiao.cli.main import main
from jixiao.load.titles import sheet_title

from conftest import DONGGUAN_2015, RULES

EXISTS = ("the folder exists already: jixiao does not overwrite it; allowed: another "
          "case id or year, or move the folder away")


def cli(capsys, *args):
    code = main([*map(str, args), "--rules", str(RULES)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def years(shanghai_years):
    return shanghai_years


def files_of(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


# jixiao new case

def test_new_case_writes_case_yaml_and_the_workbook_of_its_scheme(capsys, tmp_path, rulebook):
    facts = tmp_path / "facts"
    code, out, err = cli(capsys, "new", "case", "renovation-east", "2023", "--scheme", "school-renovation",
                         "--facts", facts)
    folder = facts / "renovation-east" / "2023"
    assert (code, err) == (0, "")
    assert out == (f"created {folder / 'case.yaml'}\ncreated {folder / '基础数据表.xlsx'}\n"
                   f"next: fill in the project's name (project) in {folder / 'case.yaml'} and the data in "
                   f"基础数据表.xlsx; then run `jixiao check {folder}`\n")
    assert sorted(p.name for p in folder.iterdir()) == ["case.yaml", "基础数据表.xlsx"]
    assert (folder / "case.yaml").read_text(encoding="utf-8") == (
        "# The case: one project, one year (written by `jixiao new case`). Fill in `project` and, as known,\n"
        "# unit (unit_short: its short name, as findings call it), department, evaluator (see README,\n"
        "# case.yaml); then the workbook 基础数据表.xlsx beside this file: a sheet per fact table (说明 says how).\n"
        "case: renovation-east\nyear: 2023\nscheme: school-renovation\n"
        "project: 待填写项目名称 (the project's name, to fill in)\n")
    workbook = openpyxl.load_workbook(folder / "基础数据表.xlsx")
    tables = scheme_tables(rulebook, "school-renovation", 2023)
    assert workbook.sheetnames == ["说明", *(sheet_title(rulebook.schemas.tables[t]) for t in tables)]
    values = [[cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row if cell is not None]
              for sheet in workbook.worksheets[1:]]
    assert values == [[]] * len(tables)  # headers (and formats below them), no facts yet
    result = jixiao.check_case(folder, rulebook)  # a case jixiao reads as it is: nothing to assess yet
    assert (result.case.case, result.case.year, result.scheme.id) == ("renovation-east", 2023, "school-renovation")
    assert result.findings == () and result.scores.provisional and result.scores.total == 0


def test_new_case_says_it_in_chinese_by_default(capsys, tmp_path):
    code, out, _ = cli(capsys, "new", "case", "renovation-east", "2023", "--scheme", "school-renovation",
                       "--facts", tmp_path, "--lang", "zh")
    folder = tmp_path / "renovation-east" / "2023"
    assert code == 0 and out.splitlines() == [
        f"已创建 {folder / 'case.yaml'}", f"已创建 {folder / '基础数据表.xlsx'}",
        f"下一步：在 {folder / 'case.yaml'} 中填写项目名称（project），在 基础数据表.xlsx 中填写数据，然后运行 "
        f"`jixiao check {folder}`"]


PLACEHOLDER_ZH = ("case.yaml 第 7 行：项目名称（project） 仍是 `jixiao new case` 写下的占位内容“待填写项目名称 (the project's name, "
                  "to fill in)”：请填写项目的正式名称（报告的标题和封面用它）")


def test_a_new_cases_placeholder_project_name_is_an_integrity_note_until_filled_in(capsys, tmp_path, rulebook):
    cli(capsys, "new", "case", "renovation-east", "2023", "--scheme", "school-renovation", "--facts", tmp_path)
    folder = tmp_path / "renovation-east" / "2023"
    result = jixiao.check_case(folder, rulebook)
    assert [(n.check, n.table, n.text("zh"), n.implausible, n.evidence()) for n in result.integrity] == [
        ("placeholder", "case.yaml", PLACEHOLDER_ZH, False, [])]
    assert result.integrity[0].text("en") == (
        "case.yaml line 7: project name (project) still holds the placeholder `jixiao new case` wrote, “待填写项目名称 "
        "(the project's name, to fill in)”: fill in the project's name (the reports' title and cover use it)")
    code, out, _ = cli(capsys, "check", folder, "--no-write", "--lang", "zh", "--fail-on", "integrity")
    assert code == 3 and f"  ! {PLACEHOLDER_ZH}\n" in out  # no empty brackets: the note names its line itself
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    (folder / "case.yaml").write_text(text.replace("待填写项目名称 (the project's name, to fill in)", "东区学校校舍维修改造")
                                      + "unit: 待填写\n", encoding="utf-8")
    result = jixiao.check_case(folder, rulebook)
    assert [n.text("zh") for n in result.integrity] == [
        "case.yaml 第 8 行：项目单位（unit） 仍是 `jixiao new case` 写下的占位内容“待填写”：请填写该项的实际内容，或删去这一行"]
    (folder / "case.yaml").write_text(text.replace("待填写项目名称 (the project's name, to fill in)", "东区学校校舍维修改造"),
                                      encoding="utf-8")
    assert jixiao.check_case(folder, rulebook).integrity == ()


def test_new_case_never_overwrites_a_folder(capsys, tmp_path):
    folder = tmp_path / "renovation-east" / "2023"
    folder.mkdir(parents=True)
    (folder / "mine.txt").write_text("mine", encoding="utf-8")
    code, out, err = cli(capsys, "new", "case", "renovation-east", "2023", "--scheme", "school-renovation",
                         "--facts", tmp_path)
    assert (code, out) == (2, "")
    assert err == f"jixiao: 1 problem in the input; nothing was done:\n  {folder}: {EXISTS}\n"
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize("arguments, problem", [
    (["Renovation", "2023", "--scheme", "school-renovation"],
     "case.yaml:4 [case]: the case id names output folders: lower-case letters, digits, '-', '_', '.'; found "
     "'Renovation'; allowed: e.g. shanghai-single-window"),
    (["renovation", "3000", "--scheme", "school-renovation"],
     f"case.yaml:5 [year]: a case year after the current year ({datetime.date.today().year}): its "
     f"facts cannot have been observed yet; found 3000; allowed: 1900–{datetime.date.today().year}"),
    (["renovation", "2023", "--scheme", "school"],
     "--scheme: no such scheme; found 'school'; allowed: {schemes}"),
])
def test_new_case_refuses_what_check_would_refuse_and_writes_nothing(capsys, tmp_path, rulebook, arguments, problem):
    code, out, err = cli(capsys, "new", "case", *arguments, "--facts", tmp_path / "facts")
    assert (code, out) == (2, "")
    problem = problem.replace("{schemes}", ", ".join(sorted(rulebook.schemes)))
    assert err == f"jixiao: 1 problem in the input; nothing was done:\n  {problem}\n"
    assert not (tmp_path / "facts").exists()


# jixiao next-year

def test_next_year_copies_the_tables_and_moves_the_year_on(capsys, years, rulebook):
    before = files_of(years / "2017")
    code, out, err = cli(capsys, "next-year", years / "2017")
    assert (code, err) == (0, "")
    new = years / "2018"
    after = files_of(new)
    assert set(after) == set(before)  # prior_findings.yaml: last year's findings, built anew
    copied = sorted(name for name in before if name not in ("case.yaml", "prior_findings.yaml"))
    assert all(after[name] == before[name] for name in copied)
    text = before["case.yaml"].decode("utf-8")
    assert text.count("\nyear: 2017\n") == 1
    # the year moves on, and so do the titles of the project and of its report
    expected = (text.replace("\nyear: 2017\n", "\nyear: 2018\n")
                .replace("\nproject: 2017 年", "\nproject: 2018 年").replace("\nreport: 2017 年", "\nreport: 2018 年"))
    assert after["case.yaml"].decode("utf-8") == expected
    moved = after["case.yaml"].decode("utf-8").splitlines()
    retitled = [f"  case.yaml line {n}: the title moved on to 2018: {line.strip()}"
                for n, line in enumerate(moved, start=1) if line.startswith(("project:", "report:"))]
    assert [line.split(": ", 2)[-1] for line in retitled] == [
        "project: 2018 年上海国际贸易单一窗口政府运维补贴资金", "report: 2018 年上海国际贸易单一窗口政府运维补贴资金绩效评价报告"]
    old_lines = [f"  case.yaml line {n} still names 2017: {line.strip()}"
                 for n, line in enumerate(moved, start=1) if "2017" in line]
    assert len(old_lines) == 6  # a comment and five table sources; the titles moved on
    counts = [f"  {name}: {n} line(s) still name 2017" for name in copied
              if (n := sum("2017" in line for line in after[name].decode("utf-8-sig").splitlines()))]
    assert counts[0] == "  budget.csv: 2 line(s) still name 2017"
    findings = jixiao.check_case(years / "2017", rulebook).findings
    assert out.splitlines() == [
        f"wrote {new} (2018):",
        f"  {len(copied)} file(s) still identical to 2017's, to update one by one: {', '.join(copied)}",
        *retitled, *old_lines, *counts,
        f"  last year's findings: the {len(findings)} finding(s) of jixiao's check of 2017 written to "
        "prior_findings.yaml; fill in each one's rectification"]


def test_next_years_prior_findings_are_jixiaos_findings_of_this_year(capsys, years, rulebook):
    assert cli(capsys, "next-year", years / "2017")[0] == 0
    rows = yaml.safe_load((years / "2018" / "prior_findings.yaml").read_text(encoding="utf-8"))
    findings = jixiao.check_case(years / "2017", rulebook).findings  # with 2016, as next-year checks it
    assert len(findings) == 14
    assert [(r["id"], r["issue"], r["rectification"]) for r in rows] == [
        (f"2017-{f.rule}", f.text, None) for f in findings]
    assert rows[1] == {"id": "2017-budget-execution", "issue": findings[1].text,
                       "raised_by": "jixiao 2017 年检查结果（规则 budget-execution，指标 B11）",
                       "rectification": None, "evidence": "2017 年 B11 扣 0.01 分", "rule": "budget-execution"}
    # the rectification is the evaluator's to say: until it is, the check names each row
    code, _, err = cli(capsys, "check", years / "2018", "--no-write")
    assert code == 2 and err.count("[整改情况（rectification）]") == 14
    # each says what may be filled in as the evaluator types it: the words, not only the codes
    assert err.splitlines()[1] == ("  prior_findings.yaml:6 [整改情况（rectification）]: record 1: required value is empty; "
                                   "allowed: rectified（已整改）, partial（部分整改）, not_rectified（未整改）")


def test_a_workbook_cases_prior_findings_sheet_gets_jixiaos_findings_of_this_year(capsys, years, rulebook):
    """A case kept in the data-collection workbook: next-year writes this year's findings into
    the workbook's own sheet of them (it wrote prior_findings.yaml beside the copied sheet, and
    the check refused the table given twice). Filled in, it gives what the files' next year gives."""
    from jixiao.authoring.case_files import prior_findings_yaml
    from jixiao.authoring.workbook_template import template_bytes
    from jixiao.load.case_folder import load_case
    kept = years.parent / "kept" / "shanghai-single-window"
    shutil.copytree(years / "2016", kept / "2016")
    (kept / "2017").mkdir()
    shutil.copy(years / "2017" / "case.yaml", kept / "2017" / "case.yaml")
    (kept / "2017" / "基础数据表.xlsx").write_bytes(
        template_bytes(rulebook, "shanghai-om-subsidy", case=load_case(years / "2017", rulebook.schemas)))
    code, out, _ = cli(capsys, "next-year", kept / "2017")
    sheet = "上年审计和评价发现的问题及整改情况"
    findings = jixiao.check_case(kept / "2017", rulebook).findings
    assert code == 0 and out.splitlines()[-2:] == [
        "  基础数据表.xlsx: 41 cell(s) still name 2017",  # its texts, as a file's lines are counted (not 说明's)
        f"  last year's findings: the {len(findings)} finding(s) of jixiao's check of 2017 written to "
        f"基础数据表.xlsx[{sheet}]; fill in each one's rectification"]
    last = openpyxl.load_workbook(kept / "2017" / "基础数据表.xlsx")
    assert sum(isinstance(v, str) and re.search(r"(?<!\d)2017(?!\d)", v) is not None
               for s in last.worksheets if s.title not in ("说明", sheet)
               for r in s.iter_rows(values_only=True) for v in r) == 41
    assert sorted(p.name for p in (kept / "2018").iterdir()) == ["case.yaml", "基础数据表.xlsx"]
    book = openpyxl.load_workbook(kept / "2018" / "基础数据表.xlsx")
    rows = [list(r) for r in book[sheet].iter_rows(min_row=2, values_only=True)]
    written = yaml.safe_load(prior_findings_yaml(jixiao.check_case(kept / "2017", rulebook)))
    heads = [c.value for c in book[sheet][1]]
    assert heads == ["*编号", "*问题", "提出方", "*整改情况", "依据", "对应规则（本年发现该问题的规则编号，可空）"]
    assert rows == [[w["id"], w["issue"], w["raised_by"], None, w["evidence"], w["rule"]] for w in written]
    assert len(rows) == len(findings) == 14
    code, _, err = cli(capsys, "check", kept / "2018", "--no-write")
    assert code == 2 and err.count(f"基础数据表.xlsx[{sheet}]!D") == 14 and "twice" not in err
    for row in book[sheet].iter_rows(min_row=2):
        row[3].value = "部分整改"  # the evaluator picks from the drop-down
    book.save(kept / "2018" / "基础数据表.xlsx")
    # no longer byte-identical (its prior findings are this year's), but its other sheets are last year's
    code, _, err = cli(capsys, "check", kept / "2018", "--no-write")
    stale = sorted(f"基础数据表.xlsx[{name}]" for name in book.sheetnames if name not in ("说明", sheet)
                   and any(v is not None for r in book[name].iter_rows(min_row=2, values_only=True) for v in r))
    assert code == 0 and len(stale) == 14 and err.splitlines() == [
        f"jixiao: {kept / '2018'}: 14 sheet(s) holding last year's (2017) rows, row for row, not updated yet? "
        + ", ".join(stale)]
    assert cli(capsys, "next-year", years / "2017")[0] == 0
    prior = years / "2018" / "prior_findings.yaml"
    prior.write_text(prior.read_text(encoding="utf-8").replace("rectification: null", "rectification: partial"),
                     encoding="utf-8")
    from_book, from_files = jixiao.check_case(kept / "2018", rulebook), jixiao.check_case(years / "2018", rulebook)
    assert (from_book.scores.total, sorted((f.rule, f.indicator, f.deduction, f.text) for f in from_book.findings)) == \
        (from_files.scores.total, sorted((f.rule, f.indicator, f.deduction, f.text) for f in from_files.findings))


def test_next_year_never_overwrites_next_years_folder(capsys, years):
    assert cli(capsys, "next-year", years / "2017")[0] == 0
    (years / "2018" / "budget.csv").write_text("changed", encoding="utf-8")
    code, out, err = cli(capsys, "next-year", years / "2017")
    assert (code, out) == (2, "")
    assert err == f"jixiao: 1 problem in the input; nothing was done:\n  {years / '2018'}: {EXISTS}\n"
    assert (years / "2018" / "budget.csv").read_text(encoding="utf-8") == "changed"


def test_next_year_of_a_case_whose_rules_read_no_prior_findings(capsys, tmp_path):
    folder = tmp_path / "dongguan-processing-trade" / "2015"
    shutil.copytree(DONGGUAN_2015, folder)
    code, out, err = cli(capsys, "next-year", folder)
    assert (code, err) == (0, "")
    assert set(files_of(folder.parent / "2016")) == set(files_of(folder))
    assert "last year's findings" not in out and out.startswith(f"wrote {folder.parent / '2016'} (2016):\n")


def test_next_year_of_a_case_that_cannot_be_checked_writes_nothing(capsys, years):
    (years / "2017" / "budget.csv").write_text("subject,amount\n", encoding="utf-8")
    code, out, _ = cli(capsys, "next-year", years / "2017")
    assert (code, out) == (2, "")
    assert not (years / "2018").exists()


# check: tables byte-identical to last year's

def _next_year_filled(capsys, years):
    assert cli(capsys, "next-year", years / "2017")[0] == 0
    prior = years / "2018" / "prior_findings.yaml"
    prior.write_text(prior.read_text(encoding="utf-8").replace("rectification: null", "rectification: partial"),
                     encoding="utf-8")
    return years / "2018"


def test_check_warns_of_tables_identical_to_last_years(capsys, years):
    folder = _next_year_filled(capsys, years)
    same = sorted(p.name for p in folder.iterdir() if p.name not in ("case.yaml", "prior_findings.yaml"))
    code, _, err = cli(capsys, "check", folder, "--no-write")
    assert code == 0
    assert err == (f"jixiao: {folder}: {len(same)} file(s) byte-identical to last year's (2017), not updated yet? "
                   f"{', '.join(same)}\n")
    code, _, err = cli(capsys, "check", folder, "--no-write", "--lang", "zh")
    assert err == f"jixiao: {folder}：{len(same)} 个文件与上年（2017 年）的完全相同，是否尚未更新？{', '.join(same)}\n"
    (folder / "budget.csv").write_bytes((folder / "budget.csv").read_bytes().replace(b"2017", b"2018"))
    _, _, err = cli(capsys, "check", folder, "--no-write")
    assert err == (f"jixiao: {folder}: {len(same) - 1} file(s) byte-identical to last year's (2017), not updated "
                   f"yet? {', '.join(n for n in same if n != 'budget.csv')}\n")


def test_a_folder_of_cases_warns_too_and_only_of_the_copied_year(capsys, years):
    folder = _next_year_filled(capsys, years)
    same = sorted(p.name for p in folder.iterdir() if p.name not in ("case.yaml", "prior_findings.yaml"))
    code, _, err = cli(capsys, "check", years.parent, "--no-write", "-o", "json")
    assert code == 0
    assert err == (f"jixiao: {folder}: {len(same)} file(s) byte-identical to last year's (2017), not updated yet? "
                   f"{', '.join(same)}\n")


def test_no_warning_when_last_years_files_differ(capsys, years):
    code, _, err = cli(capsys, "check", years / "2017", "--no-write")
    assert (code, err) == (0, "")  # 2016's management_rules.yaml and observations.yaml are 2016's own


def test_next_years_prior_findings_rule_names_this_years_prior_year_and_stays_brief(capsys, years, rulebook):
    """The rule on last year's findings says which year they are from (not the seed's 2016), and a
    long list is named by its first five (the evidence has every one)."""
    folder = _next_year_filled(capsys, years)  # every one of 2017's findings left partial
    prior = yaml.safe_load((folder / "prior_findings.yaml").read_text(encoding="utf-8"))
    assert len(prior) > 5
    finding = next(f for f in jixiao.check_case(folder, rulebook).findings if f.rule == "prior-findings-rectified")
    first = "、".join(row["issue"].rstrip("。") for row in prior[:5])  # no 。 inside the list
    assert finding.text == f"2017 年审计和绩效评价发现的问题中，有 {len(prior)} 项未完全整改：{first}等。"
    assert len(finding.evidence) == len(prior)
    this_year = next(f for f in jixiao.check_case(years / "2017", rulebook).findings
                     if f.rule == "prior-findings-rectified")  # the seed's own sentence, as it was
    assert this_year.text == "2016 年审计和绩效评价发现的问题中，有 2 项未完全整改：财务未专账核算、运维记录管理规定不完善。"


def test_next_year_after_a_year_without_findings_says_there_is_nothing_to_rectify(tmp_path):
    """It said “0 项发现已写入 prior_findings.yaml，请逐项填写整改情况”: a task with nothing in it."""
    from jixiao.authoring.case_files import NextYear, next_year_lines
    made = NextYear(tmp_path / "2024", 2024, (), (), 0)
    assert next_year_lines(made)[-1] == "  上年发现的问题：jixiao 2023 年的检查没有发现，prior_findings.yaml 中无需填写整改情况"
    assert next_year_lines(made, "en")[-1] == ("  last year's findings: jixiao's check of 2023 found none; nothing to "
                                               "rectify in prior_findings.yaml")
    assert next_year_lines(NextYear(tmp_path / "2024", 2024, (), (), 3))[-1].startswith(
        "  上年发现的问题：jixiao 2023 年检查结果中的 3 项发现已写入 prior_findings.yaml")
