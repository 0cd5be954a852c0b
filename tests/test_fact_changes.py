"""Change one fact, and the affected leaves and the total move as the formulas say."""

from decimal import ROUND_HALF_UP, Decimal

from jixiao.check.case import check_case

from conftest import set_csv_cell, set_yaml_field

GOLDEN_TOTAL = Decimal("86.74")
PAID = Decimal("16104.72")  # 3064.72 + 6520 + 6520


def r2(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rerun(rulebook, folder):
    return check_case(folder, rulebook)


def test_first_half_tranche_paid_by_june_30_restores_timeliness(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", "2017-06-30")
    result = rerun(rulebook, case_copy)
    assert result.scores.get("C121").score == Decimal("3.00")
    assert result.scores.get("C12").score == Decimal("6.00")
    assert result.scores.total == GOLDEN_TOTAL - Decimal("1.79") + 3  # 87.95
    assert "tranche-deadline" not in {f.rule for f in result.findings}


def test_first_half_tranche_paid_in_july_is_late_too(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", "2017-07-01")
    assert rerun(rulebook, case_copy).scores.get("C121").score == Decimal("1.79")


def test_second_half_tranche_late_as_well_scores_its_share(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "paid_date", "2018-01")
    result = rerun(rulebook, case_copy)
    expected = r2(3 * Decimal("3064.72") / PAID)  # only the 2016 tail on time
    assert result.scores.get("C121").score == expected == Decimal("0.57")
    assert len([f for f in result.findings if f.rule == "tranche-deadline"]) == 2


def test_every_operator_keeping_a_separate_account(rulebook, case_copy):
    path = case_copy / "operator_practices.csv"
    set_csv_cell(path, {"separate_account": "no"}, "separate_account", "yes")
    result = rerun(rulebook, case_copy)
    assert result.scores.get("B232").score == Decimal("2.00")
    assert result.scores.get("B").score == Decimal("25.99")
    assert result.scores.total == GOLDEN_TOTAL + 1


def test_one_operator_more_without_separate_account_keeps_the_fixed_deduction(rulebook, case_copy):
    set_csv_cell(case_copy / "operator_practices.csv", {"operator": "中国电子口岸数据中心上海分中心"},
                 "separate_account", "no")
    result = rerun(rulebook, case_copy)
    assert result.scores.get("B232").score == Decimal("1.00")
    [finding] = [f for f in result.findings if f.rule == "separate-accounting"]
    assert "共 7 家运维商" in finding.text


def test_2000_minutes_of_downtime(rulebook, case_copy):
    set_yaml_field(case_copy / "system_availability.yaml", {}, "downtime_minutes", 2000)
    result = rerun(rulebook, case_copy)
    availability = 1 - Decimal(2000) / Decimal(525600)
    expected = r2(3 - (Decimal("0.999") - availability) * 100)
    assert result.scores.get("C24").score == expected == Decimal("2.72")
    assert result.scores.total == GOLDEN_TOTAL - Decimal("2.93") + expected  # 86.53


def test_no_downtime_gives_full_marks_for_availability(rulebook, case_copy):
    set_yaml_field(case_copy / "system_availability.yaml", {}, "downtime_minutes", 0)
    assert rerun(rulebook, case_copy).scores.get("C24").score == Decimal("3.00")


def test_all_19_functions_delivered(rulebook, case_copy):
    set_yaml_field(case_copy / "outcomes.yaml", {"metric": "new_functions"}, "value", 19)
    result = rerun(rulebook, case_copy)
    assert result.scores.get("C25").score == Decimal("3.00")
    assert result.scores.total == GOLDEN_TOTAL - Decimal("2.53") + 3


def test_satisfaction_below_target_scores_proportionally(rulebook, case_copy):
    set_yaml_field(case_copy / "outcomes.yaml", {"metric": "enterprise_satisfaction"}, "value", 0.80)
    result = rerun(rulebook, case_copy)
    assert result.scores.get("C291").score == r2(4 * Decimal("0.80") / Decimal("0.85")) == Decimal("3.76")


def test_budget_execution_moves_with_spending(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "paid_amount", "5000")
    result = rerun(rulebook, case_copy)
    spent = Decimal("3064.72") + 6520 + 5000
    assert result.scores.get("B11").score == r2(2 * spent / Decimal("16177.08"))  # 1.80
    # the H2 tranche is now paid short: 足额 (C131) loses its share of the approved total
    approved = Decimal("3064.72") + 6520 + 6520
    assert result.scores.get("C131").score == r2(3 - 3 * Decimal(1520) / approved)


def test_unpaid_tranche_loses_completion(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "paid_amount", "")
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "paid_date", "")
    result = rerun(rulebook, case_copy)
    approved = Decimal("3064.72") + 6520 + 6520
    assert result.scores.get("C111").score == r2(3 - 3 * 6520 / approved)


def test_lead_operator_paying_a_collaborator_short(rulebook, case_copy):
    set_csv_cell(case_copy / "operator_disbursements.csv",
                 {"operator": "北京九城口岸软件科技有限公司", "tranche": "2017-80"}, "paid_amount", "200")
    result = rerun(rulebook, case_copy)
    approved = Decimal("3136.08") - Decimal("71.36") + 13040
    assert result.scores.get("C132").score == r2(3 - 3 * Decimal("26.16") / approved)


def test_observation_answers_drive_qualitative_leaves(rulebook, case_copy):
    path = case_copy / "observations.yaml"
    set_yaml_field(path, {"id": "indicators_complete"}, "answer", "yes")
    set_yaml_field(path, {"id": "strategic_fit"}, "answer", "no")
    result = rerun(rulebook, case_copy)
    assert result.scores.get("A22").score == Decimal("2.00")
    assert result.scores.get("A11").score == Decimal("0.00")
    assert result.scores.total == GOLDEN_TOTAL + 1 - 2


def test_sample_verification_required_by_the_rules(rulebook, case_copy):
    set_yaml_field(case_copy / "management_rules.yaml", {"id": "om-service-measures"},
                   "requires_sample_verification", "yes")
    result = rerun(rulebook, case_copy)
    assert result.scores.get("B332").score == Decimal("4.00")


def test_all_prior_findings_rectified(rulebook, case_copy):
    set_yaml_field(case_copy / "prior_findings.yaml", {"rectification": "partial"}, "rectification", "rectified")
    assert rerun(rulebook, case_copy).scores.get("C32").score == Decimal("2.00")


def test_grade_band_follows_the_total(rulebook, case_copy):
    path = case_copy / "observations.yaml"
    for topic in ("strategic_fit", "approval_documents_complete", "targets_reasonable", "funds_use_compliant",
                  "office_financial_rules_followed", "office_project_rules_followed", "lead_disbursed_on_time"):
        set_yaml_field(path, {"id": topic}, "answer", "no")
    result = rerun(rulebook, case_copy)
    assert result.scores.total == GOLDEN_TOTAL - 2 * 5 - 3 - 3  # 70.74: A11 A12 A21 B21 B231, B341, C122
    assert result.scores.grade == "合格"


def test_a_fully_compliant_project_scores_100_with_no_findings(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", "2017-06-30")
    set_csv_cell(case_copy / "budget.csv", {"no": "1"}, "amount", "3064.72")   # budget as cleared by the audit
    set_csv_cell(case_copy / "budget.csv", {"no": "4"}, "amount", "0")
    practices = case_copy / "operator_practices.csv"
    for column in ("separate_account", "attendance_records", "work_orders"):
        set_csv_cell(practices, {column: "no"}, column, "yes")
    costs = case_copy / "cost_estimates_by_subject.csv"
    set_csv_cell(costs, {"category": "运营成本", "line_type": "item"}, "task", "综合保障")
    set_csv_cell(costs, {"category": "运营成本", "line_type": "item"}, "basis", "按工作量测算")
    set_yaml_field(case_copy / "management_rules.yaml", {"id": "om-service-measures"},
                   "requires_sample_verification", "yes")
    set_yaml_field(case_copy / "prior_findings.yaml", {"rectification": "partial"}, "rectification", "rectified")
    for answer in ("partial", "no"):
        set_yaml_field(case_copy / "observations.yaml", {"answer": answer}, "answer", "yes")
    set_yaml_field(case_copy / "system_availability.yaml", {}, "downtime_minutes", 0)
    set_yaml_field(case_copy / "outcomes.yaml", {"metric": "new_functions"}, "value", 19)
    result = rerun(rulebook, case_copy)
    assert result.findings == ()
    assert (result.scores.total, result.scores.grade) == (Decimal(100), "优")
