"""Issue 12 items 3 and 4: case.yaml accepts nothing it then ignores. An amount unit other than
万元, a year its folder contradicts or that lies in the future, a report date or an experts'
score that cannot be: each an error naming the key and its line."""

import datetime
import shutil

import pytest

from jixiao.model.problems import InputError, Problems

from conftest import SHANGHAI_2017
from test_workbook_cells import problems_of, run

THIS_YEAR = datetime.date.today().year


def edit_case(folder, old, new):
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_manifest(folder, problems, today=None):
    from jixiao.load.case_manifest import load_manifest as load  # (new in issue 12: imported here, so that
    return load(folder, problems, today)                         # the tests through the CLI run without it)


def manifest_problems(folder, today=None):
    with pytest.raises(InputError) as caught:
        load_manifest(folder, Problems(), today)
    return [str(p) for p in caught.value.problems]


# ---------------------------------------------------------------- item 3: amount_unit

UNIT = ("case.yaml:13 [amount_unit]: jixiao reads every amount in 万元 (the tables, the rules' "
        "formulas and the reports): convert the amounts to 万元, then write amount_unit: 万元 (or leave the key out)")


@pytest.mark.parametrize("written, found", [("元", "'元'"), ("亿元", "'亿元'"), ("USD", "'USD'"), ("", "''"),
                                            ("10000", "10000"), ("'万元 '", "'万元 '")])
def test_an_amount_unit_other_than_wan_yuan_is_an_error(capsys, case_copy, written, found):
    """Issue 12 item 3: it was accepted and ignored, exit 0, every report in 万元."""
    edit_case(case_copy, "amount_unit: 万元", f"amount_unit: {written}")
    code, out, err = run(capsys, case_copy)
    assert (code, out) == (2, "")
    assert problems_of(err) == [f"{UNIT}; found {found}; allowed: 万元"]


def test_amount_unit_may_be_left_out(rulebook, golden, case_copy):
    from jixiao.check.case import check_case
    from test_input_forms import outcome
    edit_case(case_copy, "amount_unit: 万元\n", "")
    assert outcome(check_case(case_copy, rulebook)) == outcome(golden)


# ---------------------------------------------------------------- item 4: the year

def case_in(tmp_path, folder_name, year):
    folder = tmp_path / "shanghai-single-window" / folder_name
    shutil.copytree(SHANGHAI_2017, folder)
    edit_case(folder, "year: 2017", f"year: {year}")
    edit_case(folder, "report_date: 2018-09-20\n", "")  # (its own check: below)
    return folder


def mismatch(year, folder):
    return (f"case.yaml:5 [year]: case.yaml says year {year}, but its folder is named {folder}: "
            f"which year are these facts of? Correct `year`, or rename the folder; found {year}; allowed: {folder}, "
            "the folder's year")


def future(year):
    return (f"case.yaml:5 [year]: a case year after the current year ({THIS_YEAR}): its facts cannot "
            f"have been observed yet; found {year}; allowed: 1900–{THIS_YEAR}")


@pytest.mark.parametrize("year", [2018, 1917, 2016])
def test_a_year_its_folder_contradicts_is_an_error_naming_both(capsys, tmp_path, year):
    """Issue 12 item 4: year 2018 in folder 2017 was checked as 2018 with 2017's facts; 1917 gave
    总分 0 / 100 不合格（暂定）; both exit 0."""
    code, out, err = run(capsys, case_in(tmp_path, "2017", year))
    assert (code, out) == (2, "")
    assert problems_of(err) == [mismatch(year, "2017")]


def test_a_future_year_is_an_error(capsys, tmp_path):
    """Issue 12 item 4: year 2071 (in folder 2017) gave a grade, exit 0."""
    code, _, err = run(capsys, case_in(tmp_path / "a", "2017", 2071))
    assert code == 2 and problems_of(err) == [future(2071), mismatch(2071, "2017")]
    code, _, err = run(capsys, case_in(tmp_path / "b", "2071", 2071))
    assert code == 2 and problems_of(err) == [future(2071)]


def test_next_year_is_the_future_and_this_year_is_not(tmp_path):
    folder = case_in(tmp_path, "case", 2017)
    edit_case(folder, "year: 2017", "year: 2031")
    assert manifest_problems(folder, datetime.date(2030, 12, 31)) == [future(2031).replace(str(THIS_YEAR), "2030")]
    assert load_manifest(folder, Problems(), datetime.date(2031, 1, 1)).year == 2031


def test_a_folder_not_named_as_a_year_says_nothing_of_the_year(rulebook, golden, tmp_path):
    from jixiao.check.case import check_case
    from test_input_forms import outcome
    for name in ("case", "2017-copy", "20170"):
        folder = tmp_path / name
        shutil.copytree(SHANGHAI_2017, folder)
        assert outcome(check_case(folder, rulebook)) == outcome(golden)


def test_a_sibling_year_its_folder_contradicts_is_not_used_for_year_over_year(capsys, tmp_path):
    """The 2016 folder declaring 2015: not last year's facts without a word."""
    root = tmp_path / "shanghai-single-window"
    shutil.copytree(SHANGHAI_2017.parent, root)
    edit_case(root / "2016", "year: 2016", "year: 2015")
    code, _, err = run(capsys, root / "2017")
    assert code == 0
    assert err.startswith(f"jixiao: {root / '2016' / 'case.yaml'}: declares year 2015, but its "
                          "folder is named 2016 — not known whether it is an earlier year of this case: not used for "
                          "year-over-year\n")
    # and this year's findings are not called new for want of last year's
    assert f"jixiao: {root / '2017'}: not compared with last year (2016)" in err


# ---------------------------------------------------------------- the same kind: other keys

DATES = ("a date, e.g. 2024-01-31, 2024/1/31 or 2024.1.31 (the Chinese year-month-day form too); when only the "
         "month is known 2024-01, 2024/1 or 2024.1 (compared as the month's last day)")


@pytest.mark.parametrize("written, problem", [
    ("2018-13-01", "no such date; found '2018-13-01'; allowed: " + DATES),
    ("2018", "date expected; found 2018; allowed: " + DATES),
    ("2018年9月20日前", "date expected; found '2018年9月20日前'; allowed: " + DATES),
    ("2016-09-20", "a report dated before the year it evaluates (2017); found '2016-09-20'; "
                   "allowed: a date from 2017-01-01 to 2030-06-30"),
    ("2030-07-01", "a report date after today (2030-06-30); found '2030-07-01'; allowed: a date up to "
                   "2030-06-30"),
    ("2030-07", "a report date after today (2030-06-30); found '2030-07'; allowed: a date up to "
                "2030-06-30"),
    ("", "empty: give the report's date, or leave the key out; allowed: " + DATES),
])
def test_a_report_date_that_cannot_be_is_an_error(case_copy, written, problem):
    edit_case(case_copy, "report_date: 2018-09-20", f"report_date: {written}")
    assert manifest_problems(case_copy, datetime.date(2030, 6, 30)) == [f"case.yaml:12 [report_date]: {problem}"]


@pytest.mark.parametrize("written", ["2018-09-20", "2018-09", "2017-12-31", "2030-06-30", "2030-06"])
def test_a_report_date_is_read(case_copy, written):
    edit_case(case_copy, "report_date: 2018-09-20", f"report_date: {written}")
    assert load_manifest(case_copy, Problems(), datetime.date(2030, 6, 30)).meta["report_date"] == written


DONGGUAN_SCORE = "expert_score:\n  total: 70\n  grade: 中\n  source: 报告"


@pytest.mark.parametrize("written, problems", [
    ("expert_score: 70", ["case.yaml:14 [expert_score]: expert_score is a mapping: total (the experts' points), "
                          "grade, source; found 70; allowed: total, grade, source"]),
    ("expert_score:\n  score: 70\n  grade: 中",
     ["case.yaml:15 [expert_score.score]: unknown key (did you mean 'source'?); allowed: grade, source, total",
      "case.yaml:14 [expert_score.total]: missing required key"]),
    ("expert_score:\n  total: 七十", ["case.yaml:15 [expert_score.total]: the experts' total is a number of points, "
                                     "0 or more; found '七十'"]),
    ("expert_score:\n  total: -5", ["case.yaml:15 [expert_score.total]: the experts' total is a number of points, "
                                   "0 or more; found -5"]),
    ("expert_score:\n  total: 70\n  grade: [中]", ["case.yaml:16 [expert_score.grade]: must be text; found ['中']"]),
])
def test_an_experts_score_the_reports_would_not_print_is_an_error(case_copy, written, problems):
    """expert_score: 70, or a misspelt `score:`, was accepted and never printed."""
    edit_case(case_copy, "amount_unit: 万元\n", f"amount_unit: 万元\n{written}\n")
    assert manifest_problems(case_copy) == problems


def test_an_experts_score_is_kept(case_copy):
    edit_case(case_copy, "amount_unit: 万元\n", f"amount_unit: 万元\n{DONGGUAN_SCORE}\n")
    assert load_manifest(case_copy, Problems()).meta["expert_score"] == {"total": 70, "grade": "中", "source": "报告"}


@pytest.mark.parametrize("old, new, problem", [
    ("unit: 上海市口岸服务办公室", "unit: [上海市口岸服务办公室]",
     "case.yaml:8 [unit]: must be text; found ['上海市口岸服务办公室']"),
    ("  budget: 表 1-1 2017 年预算构成明细汇总表", "  budget: [表 1-1, 表 1-2]",
     "case.yaml:17 [sources.budget]: a source is text: where in the source documents the table comes from; "
     "found ['表 1-1', '表 1-2']"),
])
def test_a_descriptive_key_is_text(case_copy, old, new, problem):
    edit_case(case_copy, old, new)
    assert manifest_problems(case_copy) == [problem]
