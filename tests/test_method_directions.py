"""A target is scored only by a method that reads its direction (rules/tables/targets.yaml, column
方向: at_least ≥, at_most ≤, above >, below <, increase / decrease on last year).

Each method states in its conditions (requires, when) the directions it reads; a target of any
other direction, given as plain facts (targets.yaml in a case folder), leaves its leaf unassessed
— never scored as if it read ≥ (a cost cap met deducted, a strict > met only with equality at
full marks) — and the evidence to request names the row, the column, the direction found, the
directions the method reads and the methods that read the one found."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
import yaml
from conftest import DONGGUAN_2015, FACTS, set_yaml_field
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.model.problems import InputError
from jixiao.report.common import requests
from jixiao.report.labels import get

SCHOOL = FACTS / "school-renovation" / "2023"
SCHOOL_TOTAL = Decimal(94)
DIRECTIONS = ("at_least", "at_most", "above", "below", "increase", "decrease")
# leaf, metric, its method, the direction it reads, the target's row in targets.yaml, the leaf's score as bundled
SCHOOL_METHODS = [
    ("A", "budget", "rate-times-weight", "at_least", 2, Decimal(9)),
    ("B4", "cost", "cost-saving", "at_most", 6, Decimal(10)),
    ("C3", "facilities", "shortfall-points", "at_least", 9, Decimal(9)),
    ("D", "students", "satisfaction", "at_least", 10, Decimal(10)),
]
READERS = {"at_least": ["attainment", "rate-times-weight", "satisfaction", "shortfall-points"],
           "at_most": ["attainment-reverse", "completion-timeliness", "cost-saving"],
           "above": ["attainment-above"], "below": ["attainment-below"], "increase": [], "decrease": []}
EN_WORDS = {"at_least": "≥ (higher is better)", "at_most": "≤ (lower is better)", "above": "> (strictly more)",
            "below": "< (strictly less)", "increase": "up on last year", "decrease": "down on last year"}


def school(tmp_path, metric: str, direction: str, value: str | None = None):
    """A copy of the school case with `metric`'s target in `direction` (and its actual `value`)."""
    folder = tmp_path / "school-renovation" / "2023"
    shutil.copytree(SCHOOL, folder)
    targets = folder / "targets.yaml"
    lines = targets.read_text(encoding="utf-8").splitlines(keepends=True)
    [n] = [i for i, line in enumerate(lines) if line.startswith(f"- {{metric: {metric}, ")]
    head, rest = lines[n].split("direction: ", 1)
    lines[n] = head + "direction: " + direction + rest[rest.index(","):]
    targets.write_text("".join(lines), encoding="utf-8")
    if value is not None:
        outcomes = folder / "outcomes.yaml"
        text = outcomes.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith(f"- {{metric: {metric}, value: "))
        outcomes.write_text(text.replace(old, f"- {{metric: {metric}, value: {value}, " + old.split(", ", 2)[2]),
                            encoding="utf-8")
    return folder


def test_the_bundled_cases_keep_their_totals(golden, rulebook):
    assert (golden.scores.total, golden.scores.provisional, golden.cannot_assess) == (Decimal("86.74"), False, ())
    dongguan = check_case(DONGGUAN_2015, rulebook)
    assert (dongguan.scores.total, dongguan.scores.provisional) == (Decimal("65.5"), False)
    result = check_case(SCHOOL, rulebook)
    assert (result.scores.total, result.cannot_assess) == (SCHOOL_TOTAL, ())


def test_a_budget_target_read_at_most_is_not_scored_as_at_least(rulebook, tmp_path):
    # 预算 ≤ 500 万元, 430 spent: rate-times-weight read it as ≥ and deducted 1.4 (scored 9)
    result = check_case(school(tmp_path, "budget", "at_most"), rulebook)
    a = result.scores.get("A")
    assert (a.score, a.assessed) == (None, False)
    assert [r.method for r in result.cannot_assess] == ["rate-times-weight"]
    assert (result.scores.total, result.scores.provisional) == (SCHOOL_TOTAL - 9, True)
    assert requests(result, get("zh")) == [(
        "A", ("targets.yaml 第 2 行（方向（direction））：目标“预算执行率”（budget）的方向为 at_most（≤（反向）），"
              "而该指标的计分方法 rate-times-weight 只读 at_least（≥（正向）），不能按此方向计分，该指标无法评价"
              "（不计满分，也不扣分）；at_most 由 attainment-reverse、completion-timeliness、cost-saving 计分："
              "请核对目标的方向，或在评价方案中改用相应方法"))]
    assert requests(result, get("en")) == [(
        "A", ("targets.yaml row 2 (方向 (direction)): the target “预算执行率” (budget) reads at_most (≤ (lower is "
              "better)), but the indicator's method rate-times-weight reads only at_least (≥ (higher is better)) and "
              "cannot score it: the indicator is not assessed (neither full marks nor a deduction); at_most is "
              "scored by attainment-reverse, completion-timeliness, cost-saving: check the target's direction, or "
              "apply that method in the scheme"))]


def test_a_strict_satisfaction_target_met_only_with_equality_gets_no_full_marks(rulebook, tmp_path):
    # 满意度 > 90%, surveyed 90%: satisfaction read it as ≥ and gave full marks (10)
    result = check_case(school(tmp_path, "students", "above", "0.9"), rulebook)
    assert result.scores.get("D").score is None
    assert result.scores.total == SCHOOL_TOTAL - 10
    [(leaf, text)] = requests(result, get("en"))
    assert leaf == "D"
    assert text.startswith("targets.yaml row 10 (方向 (direction)): the target “学生满意度 ≥ 90%” (students) reads above "
                           "(> (strictly more)), but the indicator's method satisfaction reads only at_least")
    assert text.endswith("above is scored by attainment-above: check the target's direction, or apply that method "
                         "in the scheme")


@pytest.mark.parametrize("leaf, metric, method, reads, line, bundled", SCHOOL_METHODS)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_each_school_method_scores_only_its_own_direction(rulebook, tmp_path, leaf, metric, method, reads, line,
                                                          bundled, direction):
    result = check_case(school(tmp_path, metric, direction), rulebook)
    row = result.scores.get(leaf)
    if direction == reads:
        assert (row.score, result.scores.total, result.cannot_assess) == (bundled, SCHOOL_TOTAL, ())
        return
    assert (row.score, row.assessed) == (None, False)
    assert result.scores.total == SCHOOL_TOTAL - bundled  # every other leaf as bundled
    assert not [f for f in result.findings if f.indicator == leaf]
    [(said_leaf, text)] = requests(result, get("en"))
    others = [m for m in READERS[direction] if m != method]
    tail = (f"{direction} is scored by {', '.join(others)}: check the target's direction, or apply that method in "
            "the scheme" if others else
            f"no method reads {direction}: check the target's direction, or write a rule for the indicator that "
            "reads it")
    assert said_leaf == leaf
    assert text.startswith(f"targets.yaml row {line} (方向 (direction)): ")
    assert (f"reads {direction} ({EN_WORDS[direction]}), but the indicator's method {method} reads only {reads} "
            f"({EN_WORDS[reads]}) and cannot score it") in text
    assert text.endswith(tail)


def test_shanghai_docking_and_satisfaction_read_only_at_least(rulebook, case_copy):
    set_yaml_field(case_copy / "targets.yaml", {"metric": "national_standard_docking"}, "direction", "at_most")
    set_yaml_field(case_copy / "targets.yaml", {"metric": "enterprise_satisfaction"}, "direction", "above")
    result = check_case(case_copy, rulebook)
    assert sorted((r.indicator, r.id) for r in result.cannot_assess) == [
        ("C27", "national-standard-docking"), ("C291", "enterprise-satisfaction")]
    assert (result.scores.get("C27").score, result.scores.get("C291").score) == (None, None)
    texts = dict(requests(result, get("en")))
    line = next(n for n, text in enumerate((case_copy / "targets.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text == "- metric: national_standard_docking")
    assert texts["C27"].startswith(f"targets.yaml row {line} (方向 (direction)): the target “2017 年上海单一窗口平台与国家标准版"
                                   "开始对接” (national_standard_docking) reads at_most")
    assert "method national-standard-docking reads only at_least" in texts["C27"]
    assert "method satisfaction reads only at_least" in texts["C291"]


def test_a_growth_target_is_read_only_as_growth(rulebook, case_copy):
    # 较上年增加 written as ≥: goods-volume-growth compares with last year's value, not a target
    set_yaml_field(case_copy / "targets.yaml", {"metric": "goods_declarations"}, "direction", "at_least")
    result = check_case(case_copy, rulebook)
    assert [r.id for r in result.cannot_assess] == ["goods-volume-growth"]
    assert "the indicator's method goods-volume-growth reads only increase (up on last year)" in \
        dict(requests(result, get("en")))["C22"]


def test_lint_refuses_a_method_comparing_value_with_target_that_states_no_direction(rules_dir):
    path = rules_dir / "methods" / "satisfaction.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(' and direction == "at_least" and value < target', " and value < target"),
                    encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("requires: "))
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    [problem] = [str(p) for p in error.value.problems]
    assert problem.startswith(f"{path}:{line} [requires]: the rule compares the value with target: requires and when "
                              "must both state the directions it reads (方向, direction), the same in both: requires "
                              "reads at_least, when reads (none stated)")


def test_one_row_of_a_two_metric_rule_in_another_direction_leaves_it_unassessed(rulebook, case_copy):
    # C21: goods and ships declaration times, each to fall on last year's; ships written ≤ (at_most).
    # The goods row alone would have given full marks (3): the rule reads both rows or scores neither.
    set_yaml_field(case_copy / "targets.yaml", {"metric": "declaration_time_ships"}, "direction", "at_most")
    result = check_case(case_copy, rulebook)
    assert [r.id for r in result.cannot_assess] == ["declaration-efficiency"]
    assert result.scores.get("C21").score is None
    assert result.scores.total == Decimal("86.74") - 3
    assert not [f for f in result.findings if f.indicator == "C21"]
    line = next(n for n, text in enumerate((case_copy / "targets.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text == "- metric: declaration_time_ships")
    [text] = [text for leaf, text in requests(result, get("en")) if leaf == "C21"]
    assert text.startswith(f"targets.yaml row {line} (方向 (direction)): the target “使用单一窗口平台的企业在申报环节效率有所"
                           "提升（船舶申报）” (declaration_time_ships) reads at_most (≤ (lower is better)), but the "
                           "indicator's method declaration-efficiency reads only decrease (down on last year)")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(leaf=st.sampled_from(SCHOOL_METHODS), direction=st.sampled_from(DIRECTIONS),
       value=st.decimals(min_value=0, max_value=1000, places=2))
def test_no_value_scores_a_target_its_method_does_not_read(rulebook, tmp_path_factory, leaf, direction, value):
    leaf_id, metric, method, reads, _, _ = leaf
    assume(direction != reads)
    if metric in ("facilities", "students"):  # ratios (比例): 0–1
        value = value / 1000
    result = check_case(school(tmp_path_factory.mktemp("case"), metric, direction, str(value)), rulebook)
    assert (result.scores.get(leaf_id).score, [r.method for r in result.cannot_assess]) == (None, [method])
    assert not [f for f in result.findings if f.indicator == leaf_id]


@pytest.mark.parametrize("target, actual, score", [("=2020年12月", "2020年11月", Decimal(10)),
                                                   ("=2020年12月", "2021年1月", Decimal(0)),
                                                   ("2020年12月底前", "2021年1月", Decimal(0))])
def test_a_form_date_written_with_equals_is_a_deadline_completion_timeliness_reads(rulebook, tmp_path, target,
                                                                                    actual, score):
    # completion-timeliness reads only at_most: a date "= 2020年12月" is done by then, as "2020年12月底前"
    jishan = FACTS / "form-jishan-medical-insurance" / "2020"
    from_xlsx = check_case(jishan, rulebook)
    folder = tmp_path / "jishan" / "2020"
    folder.mkdir(parents=True)
    shutil.copy(jishan / "case.yaml", folder / "case.yaml")
    for table in ("form_header", "form_funds", "form_indicators"):
        rows = [{k: str(v) for k, v in r.values.items()} for r in from_xlsx.tables[table]]
        if table == "form_indicators":
            [b3] = [row for row in rows if row["code"] == "B3"]
            b3.update(target=target, actual=actual)
        (folder / f"{table}.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    result = check_case(folder, rulebook)
    assert [r.method for r in result.rules if r.indicator == "B3"] == ["completion-timeliness"]
    assert (result.scores.get("B3").score, result.cannot_assess) == (score, ())
