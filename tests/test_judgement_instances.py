"""Waivers of methods a scheme applies with arguments (instances ID@LEAF): a waiver naming the
method waives every instance of it, one naming an instance only that one; an instance's own
waiver is the more specific and governs it, in force or lapsed. On the school-renovation case,
with 安全率 (C1) at 0.9 so that the attainment method fires on B3 (完成及时率 0.9) and on C1."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.model.problems import InputError
from jixiao.report import json as json_out
from jixiao.report.formats import render

from conftest import ROOT

SCHOOL = ROOT / "facts" / "school-renovation" / "2023"
LAPSED = "2023-06-30"  # before the end of the check year: the waiver has lapsed
COVERS = "2024-03-31"


def school(tmp_path, *waivers: str):
    folder = tmp_path / "school-renovation" / "2023"
    shutil.copytree(SCHOOL, folder)
    outcomes = folder / "outcomes.yaml"
    text = outcomes.read_text(encoding="utf-8")
    outcomes.write_text(text.replace("{metric: safety, value: 1,", "{metric: safety, value: 0.9,"), encoding="utf-8")
    if waivers:
        (folder / "waivers.csv").write_text("rule,reason,approver,expires\n" + "".join(w + "\n" for w in waivers),
                                            encoding="utf-8")
    return check_case(folder, load_rulebook(ROOT / "rules"))


def waiver(rule: str, expires: str = COVERS) -> str:
    return f"{rule},按县教育局通知调整考核口径,县财政局 王五,{expires}"


def deducting(result) -> dict:
    return {f.rule: (f.deduction, f.waiver.rule if f.waiver else None) for f in result.findings
            if f.rule.startswith("attainment@")}


def test_without_a_waiver_both_instances_deduct(tmp_path):
    result = school(tmp_path)
    assert deducting(result) == {"attainment@B3": (Decimal(1), None), "attainment@C1": (Decimal(1), None)}
    assert (result.scores.get("B3").score, result.scores.get("C1").score, result.scores.total) == (
        Decimal(9), Decimal(9), Decimal(93))


def test_a_waiver_of_the_method_waives_every_instance(tmp_path):
    result = school(tmp_path, waiver("attainment"))
    assert deducting(result) == {"attainment@B3": (Decimal(1), "attainment"), "attainment@C1": (Decimal(1), "attainment")}
    assert (result.scores.get("B3").score, result.scores.get("C1").score, result.scores.total) == (
        Decimal(10), Decimal(10), Decimal(95))
    assert "  B3 完成及时率          10        10  [规则 attainment 豁免：县财政局 王五 批准，按县教育局通知调整考核口径" \
           "（至 2024-03-31），不扣 1 分]\n" in render("text", result)


def test_a_waiver_of_an_instance_waives_only_it(tmp_path):
    result = school(tmp_path, waiver("attainment@B3"))
    assert deducting(result) == {"attainment@B3": (Decimal(1), "attainment@B3"), "attainment@C1": (Decimal(1), None)}
    assert (result.scores.get("B3").score, result.scores.get("C1").score, result.scores.total) == (
        Decimal(10), Decimal(9), Decimal(94))
    [b3] = [f for f in json_out.to_dict(result)["findings"] if f["rule"] == "attainment@B3"]
    assert (b3["kind"], b3["method"], b3["waiver"]["rule"]) == ("waived", "attainment", "attainment@B3")


def test_an_instances_own_waiver_governs_it_over_its_methods(tmp_path):
    # the method's waiver has lapsed, B3's own is in force: B3 is waived, C1 deducts, and the lapse is a
    # finding of waiver-expired under B1, the first leaf that applies the method, deducting nothing
    result = school(tmp_path, waiver("attainment", LAPSED), waiver("attainment@B3"))
    assert deducting(result) == {"attainment@B3": (Decimal(1), "attainment@B3"), "attainment@C1": (Decimal(1), None)}
    [lapse] = [f for f in result.findings if f.rule == "waiver-expired"]
    assert (lapse.indicator, lapse.deduction) == ("B1", Decimal(0))
    assert lapse.text.startswith("规则 attainment 的豁免（县财政局 王五 批准：按县教育局通知调整考核口径）已于 2023-06-30 到期")
    assert {w.rule: w.expired for w in result.waivers} == {"attainment": True, "attainment@B3": False}
    # and the other way round: an instance's lapsed waiver is not saved by its method's
    result = school(tmp_path / "again", waiver("attainment"), waiver("attainment@B3", LAPSED))
    assert deducting(result) == {"attainment@B3": (Decimal(1), None), "attainment@C1": (Decimal(1), "attainment")}
    [lapse] = [f for f in result.findings if f.rule == "waiver-expired"]
    assert lapse.indicator == "B3" and result.scores.total == Decimal(94)


def test_a_waiver_of_an_instance_the_scheme_does_not_apply_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        school(tmp_path, waiver("attainment@B6"))
    [problem] = caught.value.problems
    assert str(problem) == (
        "waivers.csv:2 [豁免的规则（rule）]: scheme school-renovation uses no such rule in 2023 (did you mean "
        "'attainment@B3'?): the waiver would waive nothing; found 'attainment@B6'; allowed: attainment, "
        "attainment-reverse, attainment-reverse@B5, attainment@B1, attainment@B2, attainment@B3, attainment@C1, "
        "cost-saving, cost-saving@B4, qualitative-tiers, qualitative-tiers@C2, rate-times-weight, rate-times-weight@A, "
        "satisfaction, satisfaction@D, shortfall-points, shortfall-points@C3")


def test_judgement_problems_read_in_chinese_by_default(tmp_path):
    with pytest.raises(InputError) as caught:
        school(tmp_path, waiver("attainment@B6"))
    [problem] = caught.value.problems
    assert problem.render("zh").startswith(
        "waivers.csv:2 [豁免的规则（rule）]：评价方案 school-renovation 在 2023 年未使用该规则（是否应为"
        "“attainment@B3”？）：该豁免不起作用；填写的是 'attainment@B6'；可填：attainment, ")
