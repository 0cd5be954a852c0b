"""The Dongguan processing-trade platform (2015), on the national IT-construction scheme:
the findings match the report's conclusions; the total falls in the 中 band beside the experts' 70."""

from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.report import render

from conftest import FACTS, ROOT

DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"

# (rule, indicator, deduction to 2 dp) — each a conclusion of the report.
EXPECTED_FINDINGS = {
    ("budget-execution", "B2", "1.75"),       # 预算控制方面: 2367.25 / 3645 = 64.95 %
    ("completion-rate", "C1", "3.75"),        # 实际完成率方面: 9 of 36 modules (25 %) without effective use
    ("completion-on-time", "C3", "5.00"),     # 完成及时率方面: only phases 1-2 (27 modules) accepted, 2014-08-25
    ("output-quality", "C2", "2.50"),         # 已开发完成的子系统业务功能比较简单，实际使用需求不多
    ("rules-followed", "B5", "2.50"),         # 未能按合同规定时间完成全部合同内容
    ("targets-reasonable", "A3", "2.00"),     # 政策调整使平台原预期的主要功能消失
    ("indicators-complete", "A4", "2.00"),    # 四项定性目标，未见量化指标
    ("effects-achieved", "D1", "3.75"),       # (1) 一站式服务 部分达到
}


@pytest.fixture(scope="module")
def dongguan(rulebook):
    return check_case(DONGGUAN_2015, rulebook)


def test_findings_are_the_reports_conclusions(dongguan):
    found = {(f.rule, f.indicator, str(f.deduction.quantize(Decimal("0.01")))) for f in dongguan.findings}
    assert found == EXPECTED_FINDINGS
    assert len([f for f in dongguan.findings if f.rule == "effects-achieved"]) == 4


def test_budget_execution_is_64_95_percent(dongguan):
    [finding] = [f for f in dongguan.findings if f.rule == "budget-execution"]
    assert finding.text == "预算安排 3645 万元，实际支出 2367.25 万元，预算执行率为 64.95%，未全部执行。"
    assert {e["file"] for e in finding.evidence} == {"budget.csv", "expenditures.csv"}


def test_only_phases_1_and_2_accepted_late(dongguan):
    [finding] = [f for f in dongguan.findings if f.rule == "completion-on-time"]
    assert "应于 2014-06-27 前完成全部 36 个子系统模块" in finding.text
    assert "按各阶段约定日期验收的 0 个，按期完成率为 0%；至评价时共验收 27 个" in finding.text
    assert {e["file"] for e in finding.evidence} == {"contracts.csv", "contract_phases.csv", "module_usage.yaml"}


def test_nine_of_36_modules_without_effective_use(dongguan):
    [finding] = [f for f in dongguan.findings if f.rule == "completion-rate"]
    assert "约定 36 个子系统模块，其中 9 个（25%）未见有效应用，实际完成率为 75%" in finding.text


@pytest.mark.parametrize("effect, reason", [
    ("实现一站申报，极大提升服务效能", "大部分仍选择在海关 QP 系统办理"),
    ("数据共享共管，贯通部门管理链条", "数据统计共享形式未达成共识"),
    ("整合资信评价，探索诚信体系建设", "仅用于信息展示"),
    ("创新管理模式，实现在线高效服务", "原预期的主要功能（外贸审批业务）消失"),
])
def test_each_expected_effect_partly_achieved_with_the_reports_reasons(dongguan, effect, reason):
    [finding] = [f for f in dongguan.findings if f.rule == "effects-achieved" and effect in f.text]
    assert finding.text.startswith(f"预期效果“{effect}”部分实现：")
    assert reason in finding.text


def test_every_finding_carries_a_recommendation_and_a_source(dongguan):
    assert all(f.recommendation.strip() and "财预〔2020〕10号" in f.source for f in dongguan.findings)


def test_total_falls_in_the_middle_band_beside_the_experts_70(dongguan):
    assert dongguan.scores.total == Decimal("65.5")
    assert dongguan.scores.grade == "中"
    assert Decimal(60) <= dongguan.scores.total < Decimal(80)
    report = render("markdown", dongguan)
    assert "项目总体得分为 **65.5** 分，评价等级为“**中**”" in report
    assert "专家组评分为 70 分，等级“中”" in report


def test_national_bands(dongguan):
    grade = dongguan.scheme.grade_for
    assert [grade(Decimal(t)) for t in ("90", "80", "79.99", "60", "59.99")] == ["优", "良", "中", "中", "差"]


def test_shared_rule_takes_each_schemes_weight(dongguan, golden):
    shanghai = next(f for f in golden.findings if f.rule == "budget-execution")
    national = next(f for f in dongguan.findings if f.rule == "budget-execution")
    assert (shanghai.indicator, national.indicator) == ("B11", "B2")
    assert national.deduction == 5 * (1 - Decimal("2367.25") / Decimal("3645"))


def test_no_rule_file_exists_twice(rulebook):
    schemes = rulebook.schemes
    shared = set(schemes["shanghai-om-subsidy"].rule_leaves()) & set(schemes["national-it-construction"].rule_leaves())
    assert {"budget-execution", "strategic-fit", "approval-documents", "targets-reasonable",
            "indicators-complete", "funds-use-compliant"} <= shared
    titles = [r.title for r in rulebook.rules]
    assert len(titles) == len(set(titles))
    # methods may share a condition (a metric below its target) and differ in how they score it
    conditions = [(r.table, r.where.source, r.amount.source) for r in rulebook.rules]
    assert len(conditions) == len(set(conditions))


def test_changing_a_fact_moves_the_score(rulebook, tmp_path):
    import shutil
    folder = tmp_path / "dongguan"
    shutil.copytree(DONGGUAN_2015, folder)
    path = folder / "module_usage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("modules_without_effective_use: 9",
                                                             "modules_without_effective_use: 0"), encoding="utf-8")
    result = check_case(folder, rulebook)
    assert result.scores.get("C1").score == Decimal("15.00")
    assert result.scores.total == Decimal("65.5") + Decimal("3.75")
