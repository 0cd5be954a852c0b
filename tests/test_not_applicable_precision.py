"""Not applicable and adjustments on a scheme scored in whole points (`precision: 0`): the
school-renovation form (ten leaves of 10 points) with 教学条件改善 (C2, 8 points) declared 不适用.
Its leaves score A 9, B1–B5 10 10 9 10 9, C1 10, C2 8, C3 9, D 10: 94 in all, 86 without C2."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.model.problems import InputError
from jixiao.report.formats import render

from conftest import ROOT

SCHOOL = ROOT / "facts" / "school-renovation" / "2023"
C2 = "indicator,reason,evidence\nC2,本项目不涉及教学设施改造,项目立项批复第 2 条\n"


def school(tmp_path, method: str, **files: str):
    """The school-renovation case, its scheme normalising by `method`, with extra fact files (name -> CSV)."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("*.test.yaml"))
    scheme = rules / "schemes" / "school-renovation.yaml"
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text.replace("precision: 0\n", f"precision: 0\nnot_applicable: {method}\n"), encoding="utf-8")
    folder = tmp_path / "facts" / "school-renovation" / "2023"
    shutil.copytree(SCHOOL, folder)
    for name, csv in files.items():
        (folder / f"{name}.csv").write_text(csv, encoding="utf-8")
    return check_case(folder, load_rulebook(rules))


def normalised(scores) -> dict:
    return {r.id: r.normalised for r in scores.rows if r.normalised is not None}


def test_rescaled_in_whole_points_the_total_adds_the_rounded_leaves(tmp_path):
    result = check_case(SCHOOL, load_rulebook(ROOT / "rules"))
    assert (result.scores.total, result.scores.grade) == (Decimal(94), "优")  # as the bundled case scores
    scores = school(tmp_path, "rescale", not_applicable=C2).scores
    # 86 of the applicable 90 × 100 / 90 = 95.56 → 96 (half up, whole points), never 95.56
    assert (scores.raw_total, scores.applicable_weight, scores.total, scores.grade) == (
        Decimal(86), Decimal(90), Decimal(96), "优")
    # each leaf × 100 / 90 (10 → 11.11, 9 → 10); the 96 shared by largest remainder: B (53.33) gets the unit
    # left at the first level, and B1 (11.11, first of the equal remainders) within B
    assert normalised(scores) == {"A": 10, "B": 54, "B1": 12, "B2": 11, "B3": 10, "B4": 11, "B5": 10, "C": 21,
                                  "C1": 11, "C3": 10, "D": 11}
    assert all(value.as_tuple().exponent == 0 for value in normalised(scores).values())
    assert (scores.get("B1").effective_weight, scores.get("C2").normalised) == (Decimal(11), None)


def test_redistributed_in_whole_points(tmp_path):
    scores = school(tmp_path, "redistribute", not_applicable=C2).scores
    # C2's 10 goes to C1 and C3: each weighs 15; C1 10/10 → 15, C3 9/10 → 13.5; 9 + 48 + 28.5 + 10 = 95.5 → 96
    assert (scores.raw_total, scores.total, scores.grade) == (Decimal(86), Decimal(96), "优")
    assert normalised(scores) == {"A": 9, "B": 48, "B1": 10, "B2": 10, "B3": 9, "B4": 10, "B5": 9, "C": 29,
                                  "C1": 15, "C3": 14, "D": 10}
    assert (scores.get("C1").effective_weight, scores.get("C3").effective_weight) == (Decimal(15), Decimal(15))


def test_the_outputs_show_whole_points(tmp_path):
    result = school(tmp_path, "rescale", not_applicable=C2)
    text = render("text", result)
    assert "总分 total: 96 / 100   等级 grade: 优\n" in text
    assert ("不适用 not applicable: 1 项指标不适用（C2，共 10 分），不计入总分；适用指标得分 86 / 90，按百分制折算后总分 "
            "96 / 100，等级按折算后总分确定\n") in text
    report = render("markdown", result)
    assert "|  | B1 工程完工率 |  |  | 10 | 10 | 12 |  |\n" in report
    assert "| **合计** | | | | **100** | **96** | | |\n" in report
    lines = render("scores", result).splitlines()
    assert "B1,工程完工率,2,B,10,10,0,否,,12," in lines and lines[-1] == "total,总分 total,0,,100,96,,否,,,"


def test_an_adjustment_in_whole_points(tmp_path):
    adjust = "indicator,score,delta,reason,by,date\nC3,,-1,设施验收资料不全,评价组 张三,2024-03-01\n"
    scores = school(tmp_path, "rescale", adjustments=adjust).scores
    assert (scores.get("C3").computed, scores.get("C3").score, scores.total, scores.grade) == (
        Decimal(9), Decimal(8), Decimal(93), "优")


@pytest.mark.parametrize("column, row", [("delta", "C3,,-0.5,"), ("score", "C3,8.5,,")])
def test_an_adjustment_finer_than_the_schemes_precision_is_an_input_error(tmp_path, column, row):
    adjust = f"indicator,score,delta,reason,by,date\n{row}设施验收资料不全,评价组 张三,2024-03-01\n"
    with pytest.raises(InputError) as caught:
        school(tmp_path, "rescale", adjustments=adjust)
    title = {"delta": "调整分值", "score": "调整后得分"}[column]
    found = row.split(",")[2 if column == "delta" else 1]
    assert [str(p) for p in caught.value.problems] == [
        f"adjustments.csv:2 [{title}（{column}，分）]: the scheme scores leaves to 0 decimal place(s) (its "
        f"precision): the adjustment of C3 has more; found '{found}'; allowed: whole points"]


def test_adjustment_problems_read_in_chinese(tmp_path):
    adjust = "indicator,score,delta,reason,by,date\nC3,8.5,,设施验收资料不全,评价组 张三,2024-03-01\nB,,-1,x,y,2024-03-01\n"
    with pytest.raises(InputError) as caught:
        school(tmp_path, "rescale", adjustments=adjust)
    assert [p.render("zh") for p in caught.value.problems] == [
        "adjustments.csv:3 [指标（indicator）]：是上级指标：请调整其下的末级指标；填写的是 'B'；"
        "可填：A, B1, B2, B3, B4, B5, C1, C2, C3, D"]
    adjust = "indicator,score,delta,reason,by,date\nC3,8.5,,设施验收资料不全,评价组 张三,2024-03-01\n"
    with pytest.raises(InputError) as caught:
        school(tmp_path / "again", "rescale", adjustments=adjust)
    assert [p.render("zh") for p in caught.value.problems] == [
        "adjustments.csv:2 [调整后得分（score，分）]：评价方案的末级指标得分保留 0 位小数（precision）："
        "C3 的调整超出该精度；填写的是 '8.5'；可填：整数分"]
