"""Last year's folder beside this year's that cannot be used is said so — on stderr and in the
report's year-over-year section — and this year's findings are not called new: last year was not
checked (issue 11 review, item 8)."""

import json

import pytest

from jixiao.check.runs import check_cases
from jixiao.cli.main import main

from conftest import FACTS, ROOT, RULES

DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"


@pytest.fixture
def case(shanghai_years):
    return shanghai_years


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


WHY_CASE = "2016/case.yaml names another case, another-project (this case: shanghai-single-window)"


def note(case, why):
    return (f"{case / '2017'}: not compared with last year (2016): {why}; this year's findings have the "
            "status not_compared, not new")


def test_last_years_folder_naming_another_case_is_said_and_nothing_is_new(capsys, case, tmp_path):
    # the review: exit 0, every finding "new", no word
    edit(case / "2016" / "case.yaml", "case: shanghai-single-window", "case: another-project")
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert code == 0 and data["total"] == 86.74
    assert err == f"jixiao: {note(case, WHY_CASE)}\n"
    assert statuses(data) == {"not_compared"} and "rectified" not in [f["kind"] for f in data["findings"]]
    assert "2016 年的资料未使用：2016/case.yaml 写的是另一个案例 another-project（本案例 shanghai-single-window）。本年发现的问题无法与上年比对。" in report
    assert "### 上年问题整改情况（2016 年 → 2017 年）" in report
    assert "上表共 14 项：本年发现、上年资料未使用因而无法比对 14 项。" in report


def test_last_years_folder_naming_another_year_is_said(capsys, case, tmp_path):
    edit(case / "2016" / "case.yaml", "year: 2016", "year: 2015")
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert code == 0 and statuses(data) == {"not_compared"}
    assert err.splitlines() == [
        f"jixiao: {case / '2016' / 'case.yaml'}: declares year 2015, but its folder is named 2016 — "
        "not known whether it is an earlier year of this case: not used for year-over-year",
        "jixiao: " + note(case, "its folder, or one that may be it, could not be "
                                "read or checked")]
    assert "2016 年的资料未使用：其文件夹（或可能是它的文件夹）无法读取或检查" in report


def test_last_years_folder_that_cannot_be_checked_is_not_called_rectified(capsys, case, tmp_path):
    edit(case / "2016" / "observations.yaml", "answer: yes", "answer: yess")
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert code == 0 and statuses(data) == {"not_compared"}
    assert err.startswith(f"jixiao: {case / '2016'}: 2016 could not be checked, so it is not used for ")
    assert err.count("\n") == 2 and "not_compared, not new" in err
    assert "2016 年的资料未使用：其文件夹（或可能是它的文件夹）无法读取或检查" in report


def test_last_year_used_as_before(capsys, case, tmp_path):
    code, data, err, report = check(capsys, case / "2017", tmp_path / "out")
    assert (code, err) == (0, "")
    assert "repeated" in statuses(data) and "资料未使用" not in report


def test_no_last_year_at_all_is_no_claim_of_new(capsys, tmp_path):
    out = tmp_path / "out"
    assert main(["check", str(DONGGUAN_2015), "--format", "json", "--out", str(out), "--rules", str(RULES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert statuses(data) == {"not_compared"}
    report = (out / "dongguan-processing-trade" / "2015" / "report.md").read_text(encoding="utf-8")
    assert "上年问题整改情况" not in report  # no folder of last year: nothing to say about it


def test_a_batch_says_so_too(rulebook, case):
    edit(case / "2016" / "case.yaml", "case: shanghai-single-window", "case: another-project")
    runs = list(check_cases([case / "2016", case / "2017"], rulebook))
    assert [[n.render("en") for n in run.notes] for run in runs] == [[], [note(case, WHY_CASE)]]
    result = runs[1].result
    assert result.previous_year == 2016 and {h.status for h in result.history} == {"not_compared"}
