"""The 2017 Shanghai report, reproduced from rules and facts (Table 3-1, §三(二), §四(二)(三))."""

from decimal import Decimal

import pytest

# Table 3-1 of the report: every leaf and subtotal as printed (parents without a printed
# weight are the sum of their children, as in Tables 3-5 to 3-8).
TABLE_3_1 = {
    "A": ("8", "7"), "A1": ("4", "4"), "A11": ("2", "2"), "A12": ("2", "2"),
    "A2": ("4", "3"), "A21": ("2", "2"), "A22": ("2", "1"),
    "B": ("34", "24.99"), "B1": ("4", "2.99"), "B11": ("2", "1.99"), "B12": ("2", "1"),
    "B2": ("10", "9"), "B21": ("2", "2"), "B22": ("4", "4"), "B221": ("2", "2"), "B222": ("2", "2"),
    "B23": ("4", "3"), "B231": ("2", "2"), "B232": ("2", "1"),
    "B3": ("20", "13"), "B31": ("4", "2"), "B32": ("2", "1"), "B33": ("7", "5"), "B331": ("3", "3"),
    "B332": ("4", "2"), "B34": ("7", "5"), "B341": ("3", "3"), "B342": ("4", "2"),
    "C": ("58", "54.75"), "C1": ("18", "16.79"), "C11": ("6", "6"), "C111": ("3", "3"),
    "C112": ("3", "3"), "C12": ("6", "4.79"), "C121": ("3", "1.79"), "C122": ("3", "3"),
    "C13": ("6", "6"), "C131": ("3", "3"), "C132": ("3", "3"),
    "C2": ("35", "34.46"), "C21": ("3", "3"), "C22": ("3", "3"), "C23": ("3", "3"), "C24": ("3", "2.93"),
    "C25": ("3", "2.53"), "C26": ("3", "3"), "C27": ("3", "3"), "C28": ("6", "6"), "C281": ("3", "3"),
    "C282": ("3", "3"), "C29": ("8", "8"), "C291": ("4", "4"), "C292": ("4", "4"),
    "C3": ("5", "3.5"), "C31": ("3", "2"), "C32": ("2", "1.5"),
}

# Every deduction of §三(二) and every problem of §四(二): (rule, indicator, deduction to 2 dp).
EXPECTED_FINDINGS = {
    ("indicators-complete", "A22", "1.00"),          # §三(二)1(2)
    ("budget-execution", "B11", "0.01"),             # §三(二)2(1) 99.55 %
    ("operating-cost-per-task", "B12", "1.00"),      # §三(二)2(1); §四(二)1(2)
    ("separate-accounting", "B232", "1.00"),         # §三(二)2(2); §四(二)1(3)
    ("work-plan-accurate", "B31", "2.00"),           # §三(二)2(3)
    ("contract-work-evidence", "B32", "1.00"),       # §三(二)2(3)
    ("record-sample-verification-rule", "B332", "2.00"),  # §三(二)2(3); §四(二)2(1)
    ("records-sample-verified", "B342", "2.00"),     # §三(二)2(3); §四(二)2(1)
    ("service-quality-metrics", "B342", "0.00"),     # §四(二)2(2), no deduction in the report
    ("tranche-deadline", "C121", "1.21"),            # §三(二)3(1) 59.51 %; §四(二)1(1)
    ("system-availability", "C24", "0.07"),          # §三(二)3(2) 99.83 %
    ("new-functions-completed", "C25", "0.47"),      # §三(二)3(2) 16 / 19
    ("next-phase-mechanism", "C31", "1.00"),         # §三(二)3(3); §四(二)3
    ("prior-findings-rectified", "C32", "0.50"),     # §三(二)3(3)
}

# Recommendations of §四(三), by the rule whose finding must carry them.
RECOMMENDATIONS = {
    "tranche-deadline": "及时向主运维商拨付上半年 40% 运维补贴资金",                 # §四(三)1(1)
    "operating-cost-per-task": "测算每一项运维任务对应的运营成本",                   # §四(三)1(2)
    "separate-accounting": "对成本支出进行专账核算或设置辅助账",                     # §四(三)1(3)
    "record-sample-verification-rule": "定期随机抽样，核实运维服务记录",            # §四(三)2
    "records-sample-verified": "定期随机抽样，核实运维服务记录",                    # §四(三)2
    "contract-work-evidence": "考勤记录、工单和运维日志",                           # §四(三)2
    "service-quality-metrics": "补充增加关键性服务质量指标",                         # §四(三)2
    "next-phase-mechanism": "抓紧落实下一阶段运维管理办法和运维机制的制定",           # §四(三)3
}


def test_total_and_grade(golden):
    assert golden.scores.total == Decimal("86.74")
    assert golden.scores.grade == "良"


@pytest.mark.parametrize("indicator", sorted(TABLE_3_1))
def test_every_leaf_and_subtotal_of_table_3_1(golden, indicator):
    weight, score = TABLE_3_1[indicator]
    row = golden.scores.get(indicator)
    assert (row.weight, row.score) == (Decimal(weight), Decimal(score))


def test_table_has_exactly_the_36_leaves_of_table_3_1(golden):
    leaves = {r.id for r in golden.scores.rows if r.is_leaf}
    assert len(leaves) == 36
    assert {r.id for r in golden.scores.rows} == set(TABLE_3_1)


def test_subtotal_rates_as_printed(golden):
    rates = {r.id: (r.score / r.weight * 100).quantize(Decimal("0.1")) for r in golden.scores.rows
             if r.parent is None}
    assert rates == {"A": Decimal("87.5"), "B": Decimal("73.5"), "C": Decimal("94.4")}


def test_findings_are_exactly_the_reports_deductions_and_problems(golden):
    found = {(f.rule, f.indicator, str(f.deduction.quantize(Decimal("0.01")))) for f in golden.findings}
    assert found == EXPECTED_FINDINGS


def test_every_finding_carries_its_recommendation(golden):
    by_rule = {f.rule: f for f in golden.findings}
    for rule, phrase in RECOMMENDATIONS.items():
        assert phrase in by_rule[rule].recommendation, rule
    assert all(f.recommendation.strip() and f.source.strip() for f in golden.findings)


def test_tranche_finding_names_the_late_tranche_and_its_evidence(golden):
    [late] = [f for f in golden.findings if f.rule == "tranche-deadline"]
    assert late.text == "“2017 年上半年 40% 运维补贴资金”6520 万元应于 2017-06-30 前拨付，实际于 2017-10 拨付，拨付滞后。"
    assert late.evidence == ({"file": "disbursements.csv", "row": 2, "line": 3, "derived": "tranche_payments",
                              "values": {"due_date": "2017-06-30", "paid_date": "2017-10",
                                         "paid_amount": 6520.0, "total_paid": 16104.72}},)


def test_separate_accounting_fires_on_exactly_the_six_collaborators(golden):
    [finding] = [f for f in golden.findings if f.rule == "separate-accounting"]
    assert {e["row"] for e in finding.evidence} == {3, 4, 6, 7, 8, 9}
    assert all(e["file"] == "operator_practices.csv" for e in finding.evidence)
    assert "共 6 家运维商" in finding.text


def test_operating_cost_lines_without_task_are_the_evidence(golden):
    [finding] = [f for f in golden.findings if f.rule == "operating-cost-per-task"]
    assert [e["row"] for e in finding.evidence] == list(range(12, 25))


def test_on_time_rate_is_the_reports_59_51_percent(golden):
    [late] = [f for f in golden.findings if f.rule == "tranche-deadline"]
    on_time_rate = 1 - late.deduction / 3
    assert on_time_rate.quantize(Decimal("0.0001")) == Decimal("0.5951")
