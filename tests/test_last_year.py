"""Last year's folder beside this year's that cannot be used is said so — on stderr and in the
report's year-over-year section — and this year's findings are not called new: last year was not
checked (issue 11 review, item 8)."""

import json
import shutil

import pytest

from jixiao.check.runs import check_cases
from jixiao.cli.main import main

from conftest import ROOT, RULES, SHANGHAI_2017

SHANGHAI_2016 = ROOT / "facts" / "shanghai-single-window" / "2016"
DONGGUAN_2015 = ROOT / "facts" / "dongguan-processing-trade" / "2015"


@pytest.fixture
def case(tmp_path):
    folder = tmp_path / "facts" / "shanghai-single-window"
    shutil.copytree(SHANGHAI_2017, folder / "2017")
    shutil.copytree(SHANGHAI_2016, folder / "2016")
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(capsys, folder, out):
    code = main(["check", str(folder), "--format", "json", "--out", str(out), "--rules", str(RULES)])
    captured = capsys.readouterr()
    written = out / "shanghai-single-window" / "2017"
    return code, json.loads(captured.out), captured.err, (written / "report.md").read_text(encoding="utf-8")


def statuses(data):
    return {f["status"] for f in data["findings"] if f["kind"] == "deduction"}


WHY_CASE = "case.yaml 写的是另一个案例 another-project（本案例 shanghai-single-window） its case.yaml names another case"


def test_last_years_folder_naming_another_case_is_said_and_nothing_is_new(capsys, case, tmp_path):
    # the review: exit 0, every finding "new", no word
    edit(case / "2016" / "case.yaml", "case: shanghai-single-window", "case: another-project")
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert code == 0 and data["total"] == 86.74
    assert err == (f"jixiao: {case / '2016'}: 上年资料未使用，本年发现无法与上年比对 not used for year-over-year: "
                   f"{WHY_CASE}\n")
    assert statuses(data) == {"unassessed_before"} and "rectified" not in [f["kind"] for f in data["findings"]]
    assert f"2016 年的资料未使用：2016/：{WHY_CASE}。本年发现的问题无法与上年比对。" in report
    assert "### 上年问题整改情况（2016 年 → 2017 年）" in report
    assert "已整改 0 项、仍存在 0 项；本年新发现 0 项，另有 14 项上年资料不足、无法比对。" in report


def test_last_years_folder_naming_another_year_is_said(capsys, case, tmp_path):
    edit(case / "2016" / "case.yaml", "year: 2016", "year: 2015")
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    why = "case.yaml 写的年度是 2015，不是 2016 its case.yaml names another year"
    assert code == 0 and statuses(data) == {"unassessed_before"}
    assert err == f"jixiao: {case / '2016'}: 上年资料未使用，本年发现无法与上年比对 not used for year-over-year: {why}\n"
    assert f"2016 年的资料未使用：2016/：{why}。" in report


def test_last_years_folder_that_cannot_be_checked_is_not_called_rectified(capsys, case, tmp_path):
    edit(case / "2016" / "observations.yaml", "answer: yes", "answer: yess")
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert code == 0 and statuses(data) == {"unassessed_before"}
    assert err.startswith(f"jixiao: {case / '2016'}: not used for year-over-year (")  # said once, as before
    assert err.count("\n") == 1
    assert "2016 年的资料未使用：2016/：无法检查 could not be checked (" in report


def test_last_year_used_as_before(capsys, case, tmp_path):
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert (code, err) == (0, "")
    assert "repeated" in statuses(data) and "资料未使用" not in report


def test_no_last_year_at_all_is_no_claim_of_new(capsys, tmp_path):
    out = tmp_path / "out"
    assert main(["check", str(DONGGUAN_2015), "--format", "json", "--out", str(out), "--rules", str(RULES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert statuses(data) == {"unassessed_before"}
    report = (out / "dongguan-processing-trade" / "2015" / "report.md").read_text(encoding="utf-8")
    assert "上年问题整改情况" not in report  # no folder of last year: nothing to say about it


def test_a_batch_says_so_too(rulebook, case):
    edit(case / "2016" / "case.yaml", "case: shanghai-single-window", "case: another-project")
    runs = list(check_cases([case / "2016", case / "2017"], rulebook))
    assert [run.notes for run in runs] == [(), (f"{case / '2016'}: 上年资料未使用，本年发现无法与上年比对 not used for "
                                                f"year-over-year: {WHY_CASE}",)]
    result = runs[1].result
    assert result.previous_year == 2016 and {h.status for h in result.history} == {"unassessed_before"}
