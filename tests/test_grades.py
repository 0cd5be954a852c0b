"""A grade is a conclusion about the total: none when nothing was assessed, and while some
indicators are not, only what the total can still reach (issue 11 review, item 6)."""

import shutil
from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.model.results import grade_of
from jixiao.model.schemes import NO_GRADE
from jixiao.report import markdown as markdown_out
from jixiao.report.formats import Settings

from conftest import FACTS, ROOT, RULES, SHANGHAI_2017

SHANGHAI_2016 = FACTS / "shanghai-single-window" / "2016"


def test_nothing_assessed_gets_no_grade(capsys, tmp_path):
    # the review: year 1917, every leaf a gap in the rule set, printed 总分 0 / 100 等级 不合格（暂定）
    folder = tmp_path / "shanghai-single-window" / "1917"
    shutil.copytree(SHANGHAI_2017, folder)
    text = (folder / "case.yaml").read_text(encoding="utf-8").replace("year: 2017", "year: 1917")
    (folder / "case.yaml").write_text(text.replace("report_date: 2018-09-20\n", ""), encoding="utf-8")
    assert main(["check", str(folder), "--no-write", "--rules", str(RULES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # nothing assessed: no total either (it read as a score of 0), tests/test_newcase_trial.py
    assert lines[2] == "总分 total: —（各指标均无法评价 nothing could be assessed，满分 out of 100）   等级 grade: 无法评级"
    assert lines[3] == "注意 note: 36 项指标（100 分）因规则缺口无法评价，未计入总分；总分和等级待规则补充后确定"
    assert "不合格" not in "\n".join(lines)


def test_a_case_whose_facts_are_all_missing_gets_no_grade(rulebook, tmp_path):
    folder = tmp_path / "shanghai-single-window" / "2017"
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text("case: shanghai-single-window\nyear: 2017\nscheme: shanghai-om-subsidy\n"
                                      "project: 无资料\n", encoding="utf-8")
    result = check_case(folder, rulebook)
    assert (result.scores.total, result.scores.grade, len(result.scores.unassessed)) == (Decimal(0), NO_GRADE, 36)
    assert "评价等级为“**无法评级**”" in markdown_out.render(result, Settings())


def test_a_provisional_grade_is_the_band_the_total_can_still_reach(rulebook):
    # 2016: 9 points from what could be assessed, 85 not assessable: anywhere from 不合格 to 优
    result = check_case(SHANGHAI_2016, rulebook)
    assert (result.scores.total, result.scores.grade) == (Decimal("9.00"), "不合格～优")
    assert result.scores.unassessed_weight("C") == 58 and result.scores.unassessed_weight("B") == 23
    assert sum(result.scores.unassessed_weight(r.id) for r in result.scheme.roots) == 85


@pytest.mark.parametrize("total, open_weight, grade", [
    ("85.74", "1", "良"),             # 86.74 at most: 良 whatever the missing leaf scores
    ("89.5", "1", "良～优"),          # 90.5 at most: could reach 优
    ("74", "0", "合格"),              # every leaf assessed
    ("50", "30", "不合格～良"),
])
def test_the_grade_spans_the_bands_between_the_total_and_what_it_may_reach(golden, total, open_weight, grade):
    rows = list(golden.scores.rows)
    leaf = next(r for r in rows if r.is_leaf)
    missing = [leaf.__class__(leaf.id, leaf.name, Decimal(open_weight), None, leaf.parent, leaf.level, True,
                              Decimal(0), False)] if open_weight != "0" else []
    assert grade_of(golden.scheme, Decimal(total), [*missing, *rows[1:]]) == grade


def test_the_summary_gives_no_rate_for_what_was_not_assessed(rulebook):
    # before: 项目绩效类指标得 无法评价 分，得分率为 0.0%; 项目管理类指标得 5 分，得分率为 14.7% (5 of 34, 23 unassessed)
    report = markdown_out.render(check_case(SHANGHAI_2016, rulebook), Settings())
    assert ("其中项目决策类指标已评价部分得 4 分（另有 4 分无法评价，得分率待定）；项目管理类指标已评价部分得 5 分"
            "（另有 23 分无法评价，得分率待定）；项目绩效类指标无法评价。") in report
    assert "得分率为 0" not in report and "得分率为 14.7" not in report


def test_the_chart_says_cannot_assess_instead_of_zero(tmp_path):
    assert main(["report", str(SHANGHAI_2016), "--out", str(tmp_path), "--rules", str(RULES)]) == 0
    html = (tmp_path / "shanghai-single-window" / "2016" / "report.html").read_text(encoding="utf-8")
    import re
    assert re.findall(r'alt="([^"]*)"', html) == [
        "一级指标得分率：A 项目决策 50%（暂定）；B 项目管理 14.7%（暂定）；C 项目绩效 无法评价"]
