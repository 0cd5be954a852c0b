"""Relations between facts that must hold, declared in the schemas and checked like every other
plausibility rule (issue 11 review, items 3 and 4): a target and its outcome in one unit; a
period's minutes and its dates; phases accepted after their contract was signed; a contract's
term and its due date; a budget year's money paid no earlier than that year. A fact that breaks
one is a note naming file, row and values, and the leaves that read it are 无法评价."""

import shutil
from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.model.problems import InputError

from conftest import FACTS, RULES, set_csv_cell

GOLDEN_TOTAL = Decimal("86.74")
DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def unassessed(result):
    return sorted(r.id for r in result.scores.unassessed)


def notes(result, *checks):
    return [(n.check, n.message) for n in result.integrity if n.check in checks]


# ---------------------------------------------------------------- units (item 3)

def test_a_target_in_percent_is_not_compared_with_an_outcome_as_a_ratio(rulebook, case_copy):
    # the review: target 85 with unit %, outcome 0.9605 比例 → C291 0.05 (total 82.79), exit 0
    replace_in(case_copy / "targets.yaml", "text: 使用平台企业满意度达到 85%\n  direction: at_least\n  value: 0.85\n  unit: 比例",
               "text: 使用平台企业满意度达到 85%\n  direction: at_least\n  value: 85\n  unit: '%'")
    result = check_case(case_copy, rulebook)
    assert notes(result, "equal") == [("equal", "绩效目标与实际值对照（metric_results）（派生）“enterprise_satisfaction” 目标单位（unit）% 与 "
                                                "实际值单位（value_unit）比例 不一致（目标值（target）85，实际值（value）0.9605 "
                                                "不能相互比较）")]
    [note] = [n for n in result.integrity if n.check == "equal"]
    assert [(e["file"], e["line"]) for e in note.evidence()] == [("targets.yaml", 77), ("outcomes.yaml", 43)]
    assert unassessed(result) == ["C291"] and result.scores.total == GOLDEN_TOTAL - 4


@pytest.mark.parametrize("unit", ["'%'", "百分比"])
def test_an_availability_target_in_percent_is_not_compared_with_the_computed_ratio(rulebook, case_copy, unit):
    # the review: target 99.9 with unit % (or 百分比) → C24 = 0; the availability computed from
    # downtime is a ratio (比例)
    replace_in(case_copy / "targets.yaml", "value: 0.999\n  unit: 比例", f"value: 99.9\n  unit: {unit}")
    result = check_case(case_copy, rulebook)
    shown = unit.strip("'")
    assert notes(result, "equal") == [("equal", f"绩效目标与实际值对照（metric_results）（派生）“system_availability” 目标单位（unit）{shown} 与 "
                                                "实际值单位（value_unit）比例 不一致（目标值（target）99.9，实际值（value）0.9983 "
                                                "不能相互比较）")]
    assert unassessed(result) == ["C24"] and result.scores.total == GOLDEN_TOTAL - Decimal("2.93")


def test_a_ratio_rule_does_not_read_percentages_even_when_both_are(rulebook, case_copy):
    # 99.9 % and 99.83 % agree in unit, but C24's formula reads percentage points of a ratio:
    # (99.9 − 99.83) × 100 would take all 3 points; it asks for the ratio instead
    replace_in(case_copy / "targets.yaml", "value: 0.999\n  unit: 比例", "value: 99.9\n  unit: '%'")
    (case_copy / "system_availability.yaml").unlink()
    replace_in(case_copy / "case.yaml", "  system_availability: §三(二)3(2) C24 单一窗口平台系统可用率\n", "")
    with open(case_copy / "outcomes.yaml", "a", encoding="utf-8") as handle:
        handle.write("- metric: system_availability\n  value: 99.83\n  unit: '%'\n")
    result = check_case(case_copy, rulebook)
    assert notes(result, "equal", "bounds") == [] and unassessed(result) == ["C24"]
    [rule] = [r for r in result.cannot_assess if r.indicator == "C24"]
    assert rule.request == "绩效目标（方向 at_least）及实际值，以比例（0–1）填写、单位为“比例”（targets、outcomes：system_availability）"


def test_the_bundled_targets_and_outcomes_share_their_units(golden):
    rows = {r.values["metric"]: r.values for r in golden.tables["metric_results"]}
    compared = {m: (v["unit"], v["value_unit"]) for m, v in rows.items() if "target" in v and "value" in v}
    assert compared == {"system_availability": ("比例", "比例"), "new_functions": ("项", "项"),
                        "free_service_rate": ("比例", "比例"), "national_standard_docking": ("是否（1 = 是）", "是否（1 = 是）"),
                        "goods_platform_usage": ("比例", "比例"), "ship_platform_usage": ("比例", "比例"),
                        "enterprise_satisfaction": ("比例", "比例"), "government_satisfaction": ("比例", "比例")}


# ---------------------------------------------------------------- dates, durations, terms (item 4)

def test_the_minutes_of_a_period_are_those_of_its_dates(rulebook, case_copy):
    # the review: 5256000 minutes for 2017-01-01 – 2017-12-31 raised C24 from 2.93 to 3.0
    replace_in(case_copy / "system_availability.yaml", "period_minutes: 525600", "period_minutes: 5256000")
    result = check_case(case_copy, rulebook)
    assert notes(result, "duration") == [("duration", "统计期总分钟数（period_minutes）5256000 分钟 与 统计期起（period_start）"
                                                      "2017-01-01 至 统计期止（period_end）2017-12-31 的 365 天（525600 分钟）不符")]
    assert unassessed(result) == ["C24"]


def test_a_shorter_period_with_the_years_minutes_is_refused_too(rulebook, case_copy):
    replace_in(case_copy / "system_availability.yaml", "period_end: 2017-12-31", "period_end: 2017-06-30")
    result = check_case(case_copy, rulebook)
    assert notes(result, "duration") == [("duration", "统计期总分钟数（period_minutes）525600 分钟 与 统计期起（period_start）"
                                                      "2017-01-01 至 统计期止（period_end）2017-06-30 的 181 天（260640 分钟）不符")]
    assert unassessed(result) == ["C24"]


def test_a_period_known_to_the_month_allows_the_days_it_may_span(rulebook, case_copy):
    replace_in(case_copy / "system_availability.yaml", "period_start: 2017-01-01", "period_start: 2017-01")
    assert notes(check_case(case_copy, rulebook), "duration") == []  # 335–365 days: 525600 minutes may be right
    replace_in(case_copy / "system_availability.yaml", "period_minutes: 525600", "period_minutes: 400000")
    assert notes(check_case(case_copy, rulebook), "duration") == [
        ("duration", "统计期总分钟数（period_minutes）400000 分钟 与 统计期起（period_start）2017-01 至 统计期止（period_end）"
                     "2017-12-31 的 335–365 天（482400–525600 分钟）不符")]


def test_availability_of_another_year_is_not_this_years(rulebook, case_copy):
    # last year's file copied unchanged: the right minutes for 2016, the wrong year for 2017
    replace_in(case_copy / "system_availability.yaml", "period_start: 2017-01-01\nperiod_end: 2017-12-31\n"
               "period_minutes: 525600", "period_start: 2016-01-01\nperiod_end: 2016-12-31\nperiod_minutes: 527040")
    result = check_case(case_copy, rulebook)
    assert notes(result, "plausible_date", "duration") == [
        ("plausible_date", "统计期起（period_start）2016-01-01 不在 2017 年评价的合理范围（2017–2017 年）内"),
        ("plausible_date", "统计期止（period_end）2016-12-31 不在 2017 年评价的合理范围（2017–2017 年）内")]
    assert unassessed(result) == ["C24"]


def test_a_phase_accepted_before_its_contract_was_signed(rulebook, dongguan):
    # the review: accepted_on 2012-08-25, before the contract was signed on 2013-07-28 → C3 0 → 3.75
    set_csv_cell(dongguan / "contract_phases.csv", {"phase": "第一、二阶段"}, "accepted_on", "2012-08-25")
    result = check_case(dongguan, rulebook)
    assert notes(result, "not_before") == [("not_before", "“第一、二阶段” 验收日期（accepted_on）2012-08-25 早于 建设合同（contracts） "
                                                          "“加贸平台软件开发合同” 签订日期（signed_on）2013-07-28")]
    [note] = result.integrity
    assert [(e["file"], e["line"], e["values"]) for e in note.evidence()] == [
        ("contract_phases.csv", 2, {"accepted_on": "2012-08-25"}), ("contracts.csv", 3, {"signed_on": "2013-07-28"})]
    assert unassessed(result) == ["C1", "C3"]  # both read the delivery row resting on the phase


def test_a_phase_due_before_its_contract_was_signed(rulebook, dongguan):
    set_csv_cell(dongguan / "contract_phases.csv", {"phase": "第三阶段"}, "due_date", "2013-06-27")
    result = check_case(dongguan, rulebook)
    assert notes(result, "not_before") == [("not_before", "“第三阶段” 约定完成日期（due_date）2013-06-27 早于 建设合同（contracts） "
                                                          "“加贸平台软件开发合同” 签订日期（signed_on）2013-07-28")]
    assert unassessed(result) == ["C1", "C3"]


def test_a_contracts_term_and_due_date_tell_the_same_story(rulebook, dongguan):
    set_csv_cell(dongguan / "contracts.csv", {"id": "software"}, "term_months", "23")
    result = check_case(dongguan, rulebook)
    assert notes(result, "term_ends") == [("term_ends", "“加贸平台软件开发合同” 合同约定完成日期（due_date）2014-06-27 与 签订日期"
                                                        "（signed_on）2013-07-28 起 建设周期（term_months）23 月 不符"
                                                        "（应在 2015-06-27 至 2015-06-28 之间）")]
    assert unassessed(result) == ["C1", "C3"]


def test_a_budget_years_money_is_not_paid_before_that_year(rulebook, case_copy):
    # the review: the 2017 tranche paid 2016-10 (before its budget year) scored C121 3.0
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", "2016-10")
    result = check_case(case_copy, rulebook)
    assert notes(result, "dates_in_order") == [("dates_in_order", "“2017 年上半年 40% 运维补贴资金” 补贴资金所属年度（budget_year）"
                                                                  "2017 晚于 实际拨付日期（paid_date）2016-10")]
    assert unassessed(result) == ["C111", "C121", "C131"]


def test_the_bundled_facts_hold_every_relation(golden, rulebook):
    relations = {"not_before", "duration", "term_ends", "required_with", "equal", "dates_in_order"}
    assert [n for n in golden.integrity if n.check in relations] == []
    assert [n for n in check_case(DONGGUAN_2015, rulebook).integrity] == []


# ---------------------------------------------------------------- the declarations are checked when the rules load

@pytest.mark.parametrize("table, old, new, message", [
    ("system_availability", "{kind: duration, column: period_minutes, start: period_start, end: period_end}",
     "{kind: duration, column: failures, start: period_start, end: period_end}",
     "[checks.column]: a duration is in 天, 小时, 分钟; 故障次数 (failures) has unit '次'; found '次'"),
    ("system_availability", "{kind: duration, column: period_minutes, start: period_start, end: period_end}",
     "{kind: duration, column: period_minutes, start: period_start}", "[checks.duration]: check duration needs end"),
    ("contract_phases", "{kind: not_before, column: accepted_on, table: contracts, join: {contract: id}, other: signed_on}",
     "{kind: not_before, column: accepted_on, table: contracts, join: {contract: id}, other: title}",
     "[checks.not_before]: not_before compares with a date; contracts.title is a text column; found 'title'"),
    ("contract_phases", "{kind: not_before, column: accepted_on, table: contracts, join: {contract: id}, other: signed_on}",
     "{kind: not_before, column: phase, table: contracts, join: {contract: id}, other: signed_on}",
     "[checks.not_before]: 阶段 (phase) is a text column; this check needs a date; found 'phase'"),
    ("contracts", "{kind: term_ends, start: signed_on, months: term_months, end: due_date}",
     "{kind: term_ends, start: signed_on, months: title, end: due_date}",
     "[checks.term_ends]: 合同名称 (title) is a text column; this check needs a whole number of months; found 'title'"),
    ("disbursements", "{kind: required_with, column: paid_date, with: [paid_amount]}",
     "{kind: required_with, column: paid_date, with: [paid_amout]}",
     "[checks.required_with]: check names no column of this table (did you mean 'paid_amount'?); found 'paid_amout'"),
    ("disbursements", "{kind: dates_in_order, columns: [budget_year, due_date]}",
     "{kind: dates_in_order, columns: [payer, due_date]}",
     "[checks.dates_in_order]: 拨付方 (payer) is a text column; this check needs dates (or an integer column holding a year)"),
    ("metric_results", "{kind: equal, columns: [unit, value_unit], present: [target, value]}",
     "{kind: equal, columns: [unit], present: [target, value]}", "[checks.columns]: equal lists at least two columns"),
])
def test_relation_declarations_are_checked_when_the_rules_load(tmp_path, table, old, new, message):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    replace_in(rules / "tables" / f"{table}.yaml", old, new)
    with pytest.raises(InputError) as error:
        load_rulebook(rules)
    assert any(message in str(p) for p in error.value.problems), "\n".join(map(str, error.value.problems))
