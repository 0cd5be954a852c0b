"""Rules and scheme parameters change over time; the check year picks the version in force."""

import shutil
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.check.case import assess_case, check_case
from jixiao.check.rulebook import in_force, load_rulebook
from jixiao.model.problems import InputError
from jixiao.report.explain import working_paper
from jixiao.report import render

from conftest import RULES, SHANGHAI_2017

DATED_THRESHOLD = """\
params:
  min_availability:              # the availability below which points are lost
    - {from: 2016-01-01, value: 0.999}
    - {from: 2019-01-01, value: 0.998}
"""


@pytest.fixture
def rules_dir(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    # the tranche rule stops at the end of the 2016-2018 phase; let it run on for these tests
    path = target / "tranche-deadline" / "tranche-deadline.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(", to: 2018-12-31}", "}"), encoding="utf-8")
    return target


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def case_for(year, tmp_path):
    folder = tmp_path / "facts" / str(year)
    shutil.copytree(SHANGHAI_2017, folder)
    edit(folder / "case.yaml", "year: 2017", f"year: {year}")
    edit(folder / "case.yaml", "report_date: 2018-09-20", f"report_date: {year + 1}-09-20")  # not before its year
    # availability is counted over the case year (2019, like 2017, has 365 days)
    edit(folder / "system_availability.yaml", "period_start: 2017-01-01", f"period_start: {year}-01-01")
    edit(folder / "system_availability.yaml", "period_end: 2017-12-31", f"period_end: {year}-12-31")
    return folder


def test_a_threshold_that_changes_gives_different_results_for_2017_and_2019(rules_dir, tmp_path):
    rule = rules_dir / "outcomes" / "system-availability.yaml"
    edit(rule, "family: outcomes\n", "family: outcomes\n" + DATED_THRESHOLD)
    edit(rule, "value < target\n", "value < min_availability\n")
    edit(rule, "formula: min(weight, (target - value) * 100)", "formula: min(weight, (min_availability - value) * 100)")
    rulebook = load_rulebook(rules_dir)
    same_facts = {year: check_case(case_for(year, tmp_path), rulebook) for year in (2017, 2019)}
    # 99.83 %: short of the 99.9 % threshold in force in 2017, above the 99.8 % of 2019
    assert same_facts[2017].scores.get("C24").score == Decimal("2.93")
    assert same_facts[2019].scores.get("C24").score == Decimal("3.00")
    rule_2019 = next(r for r in rulebook.rules if r.id == "system-availability")
    assert rule_2019.params_for(2018) == {"min_availability": Decimal("0.999")}
    assert rule_2019.params_for(2019) == {"min_availability": Decimal("0.998")}


def test_a_weight_that_changes_is_picked_by_year(rules_dir, tmp_path):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    edit(scheme, "{id: C24, name: 单一窗口平台系统可用率, weight: 3,",
         "{id: C24, name: 单一窗口平台系统可用率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-01-01, value: 4}],")
    edit(scheme, "{id: C25, name: 新增服务功能计划完成率, weight: 3,",
         "{id: C25, name: 新增服务功能计划完成率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-01-01, value: 2}],")
    rulebook = load_rulebook(rules_dir)
    results = {year: check_case(case_for(year, tmp_path), rulebook) for year in (2017, 2019)}
    assert results[2017].scores.get("C24").weight == 3 and results[2019].scores.get("C24").weight == 4
    assert results[2019].scores.get("C24").score == Decimal("3.93")
    assert results[2019].scores.get("C25").score == Decimal("1.68")  # 2 × 16 / 19
    assert results[2019].scores.get("C2").weight == 35
    # the working paper shows the weights the score used
    paper = working_paper(results[2019], indicator="C24")
    assert "C24 单一窗口平台系统可用率  权重 4 → 得分 3.93\n" in paper
    assert "  得分：权重 4 − 扣分（0.0731 system-availability）= 3.9269 → 限于 0 至 4 之间，四舍五入 → 3.93\n" in paper


def test_weights_must_still_add_up_after_a_change(rules_dir):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    edit(scheme, "{id: C24, name: 单一窗口平台系统可用率, weight: 3,",
         "{id: C24, name: 单一窗口平台系统可用率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-01-01, value: 4}],")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert any("weight of C2 from 2019-01-01 is not the sum of its children's (36)" in str(p)
               for p in error.value.problems)


def test_a_rule_out_of_force_leaves_its_indicator_unassessed(tmp_path):
    rulebook = load_rulebook(RULES)  # tranche-deadline applies 2016-2018 only
    result = check_case(case_for(2019, tmp_path), rulebook)
    assert [(g.leaf, g.year, g.missing, g.rules) for g in result.rule_gaps] == [
        ("C121", 2019, (("2019-01-01", "2019-12-31"),), (("tranche-deadline", "2016-01-01", "2018-12-31"),))]
    assert result.scores.get("C121").score is None and result.scores.provisional
    assert result.cannot_assess == ()  # a gap in the rule set, not evidence missing (tests/test_rule_gaps.py)


@pytest.mark.parametrize("params, message", [
    ("params:\n  limit:\n    - {from: 2019-01-01, value: 1}\n    - {from: 2016-01-01, value: 0}\n",
     "versions must be listed by 'from' date"),
    ("params:\n  value: 1\n", "parameter 'value' has the name of a column"),
    ("params:\n  weight: 1\n", "parameter names are lower-case identifiers other than weight"),
    ("params:\n  limit: [{from: 2016, value: 1}]\n", "each version is {from: YYYY-MM-DD"),
])
def test_bad_parameters_are_refused(rules_dir, params, message):
    edit(rules_dir / "outcomes" / "system-availability.yaml", "family: outcomes\n", "family: outcomes\n" + params)
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert any(message in str(p) for p in error.value.problems), error.value


# ---------------------------------------------------------------- versions of a rule

LATE_H1 = "2017 年上半年 40% 运维补贴资金"  # due 2017-06-30, paid 2017-10: the one late tranche
TRANCHE_RULE = "tranche-deadline/tranche-deadline.yaml"


def split_tranche_rule(rules_dir, old_to, new_from, replaces=False):
    """tranche-deadline ends on `old_to`; a second version, tranche-deadline-v2, starts on
    `new_from` with the same condition, and C121 lists both."""
    old = rules_dir / TRANCHE_RULE
    text = old.read_text(encoding="utf-8")
    edit(old, "effective: {from: 2016-01-01}", f"effective: {{from: 2016-01-01, to: {old_to}}}")
    new = text.replace("id: tranche-deadline\n", "id: tranche-deadline-v2\n" +
                       ("replaces: tranche-deadline\n" if replaces else ""))
    new = new.replace("effective: {from: 2016-01-01}", f"effective: {{from: {new_from}}}")
    (old.parent / "tranche-deadline-v2.yaml").write_text(new, encoding="utf-8")
    edit(rules_dir / "schemes" / "shanghai-om-subsidy.yaml", "rules: [tranche-deadline]",
         "rules: [tranche-deadline, tranche-deadline-v2]")


@pytest.mark.parametrize("replaces", [False, True])
def test_a_rule_replaced_mid_year_judges_each_fact_once(rules_dir, replaces):
    # Issue 11 §5: both versions are in force in 2017; each fired on the late tranche (C121 0.57).
    split_tranche_rule(rules_dir, "2017-06-30", "2017-07-01", replaces)
    result = check_case(SHANGHAI_2017, load_rulebook(rules_dir))
    assert [(f.rule, f.rows[0].values["name"]) for f in result.findings if f.indicator == "C121"] == [
        ("tranche-deadline", LATE_H1)]  # due 2017-06-30: the version in force then
    assert result.scores.get("C121").score == Decimal("1.79")
    assert (result.scores.total, result.scores.grade, result.rule_gaps) == (Decimal("86.74"), "良", ())


def test_the_date_a_fact_is_judged_by_is_the_one_its_table_declares(rulebook):
    assert {name: t.date for name, t in rulebook.schemas.tables.items() if t.date} == {
        "disbursements": "due_date", "tranche_payments": "due_date", "contracts": "signed_on",
        "contract_phases": "due_date"}


def test_a_late_tranche_due_after_the_change_is_judged_by_the_new_version(rules_dir, tmp_path):
    split_tranche_rule(rules_dir, "2017-05-31", "2017-06-01")
    result = check_case(SHANGHAI_2017, load_rulebook(rules_dir))
    assert [(f.rule, f.rows[0].values["name"]) for f in result.findings if f.indicator == "C121"] == [
        ("tranche-deadline-v2", LATE_H1)]
    assert result.scores.get("C121").score == Decimal("1.79")


@pytest.mark.parametrize("boundary, due, version", [
    # A date known only to the month stands for the month's last day, as in every comparison.
    (("2017-06-30", "2017-07-01"), "2017-06", "tranche-deadline"),
    (("2017-06-30", "2017-07-01"), "2017-07", "tranche-deadline-v2"),
    (("2017-06-15", "2017-06-16"), "2017-06", "tranche-deadline-v2"),  # never both
])
def test_a_month_precision_date_at_a_version_boundary(rules_dir, tmp_path, boundary, due, version):
    split_tranche_rule(rules_dir, *boundary)
    case = case_for(2017, tmp_path)
    edit(case / "disbursements.csv", ",6520,2017-06-30,2017-10,", f",6520,{due},2017-10,")
    result = check_case(case, load_rulebook(rules_dir))
    assert [(f.rule, f.rows[0].values["name"]) for f in result.findings if f.indicator == "C121"] == [
        (version, LATE_H1)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(2017, 1, 2), max_value=date(2017, 12, 31)))
def test_splitting_a_rule_into_two_versions_never_changes_the_result(rulebook, golden, day):
    """The same condition split at any day of the year: each fact is judged by exactly one version."""
    [rule] = [r for r in rulebook.rules if r.id == "tranche-deadline"]
    old = replace(rule, effective_to=(day - timedelta(days=1)).isoformat())
    new = replace(rule, id="tranche-deadline-v2", effective_from=day.isoformat(), effective_to=None)
    scheme, rules = in_force(rulebook, "shanghai-om-subsidy", 2017)
    leaf = replace(scheme.indicators["C121"], rules=("tranche-deadline", "tranche-deadline-v2"))
    scheme = replace(scheme, indicators={**scheme.indicators, "C121": leaf})
    split = [r for r in rules if r.id != rule.id] + [replace(old, indicator="C121"), replace(new, indicator="C121")]
    result = assess_case(golden.case, scheme, split, rulebook)
    c121 = [f for f in result.findings if f.indicator == "C121"]
    assert [f.rows[0].values["name"] for f in c121] == [LATE_H1]
    assert c121[0].rule == ("tranche-deadline" if day.isoformat() > "2017-06-30" else "tranche-deadline-v2")
    assert result.scores.get("C121").score == Decimal("1.79") and result.rule_gaps == ()


def test_versions_that_overlap_are_refused(rules_dir):
    split_tranche_rule(rules_dir, "2017-06-30", "2017-06-01", replaces=True)
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rules_dir / 'tranche-deadline' / 'tranche-deadline-v2.yaml'}:10 [effective.from]: this version starts "
        f"before the version it replaces ends (tranche-deadline, {rules_dir / TRANCHE_RULE}:9: 2016-01-01 – "
        "2017-06-30): a fact dated 2017-06-01 – 2017-06-30 would be judged by both; found '2017-06-01'; "
        "allowed: 2017-07-01 or later"]


def test_rules_of_one_leaf_and_table_that_overlap_like_versions_are_refused(rules_dir):
    split_tranche_rule(rules_dir, "2017-06-30", "2017-06-01")  # no `replaces`: same leaf, same table
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rules_dir / 'tranche-deadline' / 'tranche-deadline-v2.yaml'}:9 [effective.from]: tranche-deadline-v2 "
        f"starts before tranche-deadline ({rules_dir / TRANCHE_RULE}:9: 2016-01-01 – 2017-06-30) ends; both feed "
        f"C121 of {rules_dir / 'schemes' / 'shanghai-om-subsidy.yaml'} and read tranche_payments, so a fact dated "
        "2017-06-01 – 2017-06-30 would be deducted twice; found '2017-06-01'; allowed: 2017-07-01 or later "
        "(with `replaces: tranche-deadline` if it is a new version of it)"]


def test_rules_of_one_leaf_on_tables_derived_from_one_another_that_overlap_are_refused(rules_dir):
    # the review: tranche-deadline ending 2017-06-30, and a rule on disbursements (the table
    # tranche_payments is derived from) starting 2017-06-01 without `replaces:`: both deducted
    # for the h1 tranche, due 2017-06-30
    edit(rules_dir / TRANCHE_RULE, "effective: {from: 2016-01-01}", "effective: {from: 2016-01-01, to: 2017-06-30}")
    raw = (rules_dir / TRANCHE_RULE).read_text(encoding="utf-8").replace("id: tranche-deadline\n", "id: paid-late\n")
    raw = raw.replace("effective: {from: 2016-01-01, to: 2017-06-30}", "effective: {from: 2017-06-01}")
    raw = raw.replace("table: tranche_payments", "table: disbursements")
    raw = raw.replace("formula: weight * paid_amount / total_paid", "formula: weight * paid_amount / planned_amount")
    (rules_dir / "tranche-deadline" / "paid-late.yaml").write_text(raw, encoding="utf-8")
    edit(rules_dir / "schemes" / "shanghai-om-subsidy.yaml", "rules: [tranche-deadline]", "rules: [tranche-deadline, paid-late]")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rules_dir / 'tranche-deadline' / 'paid-late.yaml'}:9 [effective.from]: paid-late starts before "
        f"tranche-deadline ({rules_dir / TRANCHE_RULE}:9: 2016-01-01 – 2017-06-30) ends; both feed C121 of "
        f"{rules_dir / 'schemes' / 'shanghai-om-subsidy.yaml'} and read tranche_payments and disbursements (facts of "
        "disbursements), so a fact dated 2017-06-01 – 2017-06-30 would be deducted twice; found '2017-06-01'; "
        "allowed: 2017-07-01 or later (with `replaces: tranche-deadline` if it is a new version of it)"]


def test_rules_of_one_leaf_on_unrelated_tables_may_overlap(rules_dir):
    # a rule from mid-2017 on facts tranche_payments does not rest on (contracts) judges other facts:
    # no double count, not refused
    edit(rules_dir / TRANCHE_RULE, "effective: {from: 2016-01-01}", "effective: {from: 2016-01-01, to: 2017-06-30}")
    raw = (rules_dir / TRANCHE_RULE).read_text(encoding="utf-8").replace("id: tranche-deadline\n", "id: contract-late\n")
    raw = raw.replace("effective: {from: 2016-01-01, to: 2017-06-30}", "effective: {from: 2017-06-01}")
    raw = raw.replace("table: tranche_payments", "table: contracts").replace("paid_date > due_date", 'kind == "software"')
    raw = raw.replace("formula: weight * paid_amount / total_paid", "formula: weight / 2")
    raw = raw.replace("“{name}”{paid_amount} 万元应于 {due_date} 前拨付，实际于 {paid_date} 拨付，拨付滞后。", "合同“{title}”")
    (rules_dir / "tranche-deadline" / "contract-late.yaml").write_text(raw, encoding="utf-8")
    edit(rules_dir / "schemes" / "shanghai-om-subsidy.yaml", "rules: [tranche-deadline]",
         "rules: [tranche-deadline, contract-late]")
    assert {r.id for r in load_rulebook(rules_dir).rules} >= {"tranche-deadline", "contract-late"}


def test_a_partial_year_rule_on_a_table_without_dates_is_refused(rules_dir):
    rule = rules_dir / "record-retention" / "records-sample-verified.yaml"
    edit(rule, "effective: {from: 2016-01-01}", "effective: {from: 2016-01-01, to: 2017-06-30}")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rule}:9 [effective.to]: the rule ends within 2017, but its table observations declares no column "
        f"that dates its facts (`date:` in {rules_dir / 'tables' / 'observations.yaml'}), so the facts before "
        "and after 2017-06-30 cannot be told apart; found '2017-06-30'; allowed: the end of a year "
        "(YYYY-12-31), or a table that declares `date:`"]


# ---------------------------------------------------------------- parameters and weights before their first value

def test_a_parameter_starting_after_its_rule_is_a_load_error(rules_dir):
    # Issue 11 §5: 0.99 was used for 2017 when the parameter starts in 2018.
    rule = rules_dir / "outcomes" / "system-availability.yaml"
    edit(rule, "family: outcomes\n", "family: outcomes\nparams:\n  min_availability:\n"
         "    - {from: 2018-01-01, value: 0.99}\n")
    edit(rule, "value < target\n", "value < min_availability\n")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rule}:7 [params.min_availability]: the first value is from 2018-01-01, but the rule is in force "
        "from 2016-01-01: no value for 2016–2017; found '2018-01-01'; allowed: a first value from 2016-01-01 "
        "or earlier, or `effective: {from: 2018-01-01}`"]


def test_a_parameter_changes_only_at_the_start_of_a_year(rules_dir):
    rule = rules_dir / "outcomes" / "system-availability.yaml"
    edit(rule, "family: outcomes\n", "family: outcomes\nparams:\n  min_availability:\n"
         "    - {from: 2016-01-01, value: 0.999}\n    - {from: 2019-07-01, value: 0.998}\n")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rule}:8 [params.min_availability]: a parameter's value applies to whole check years: a version starts "
        "on 1 January (for a change within a year, end the rule there and start a new version of it with "
        "`replaces:`); found '2019-07-01'; allowed: 2019-01-01 or 2020-01-01"]


def test_a_weight_asked_for_before_its_first_value_is_an_input_error(rules_dir, tmp_path):
    # A dated weight was silently given its first value for an earlier year.
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    edit(scheme, "{id: C24, name: 单一窗口平台系统可用率, weight: 3,",
         "{id: C24, name: 单一窗口平台系统可用率, weight: [{from: 2018-01-01, value: 3}],")
    rulebook = load_rulebook(rules_dir)
    assert check_case(case_for(2018, tmp_path), rulebook).scores.get("C24").weight == 3
    with pytest.raises(InputError) as error:
        check_case(case_for(2017, tmp_path / "other"), rulebook)
    assert [str(p) for p in error.value.problems] == [
        f"{scheme}:102 [C24.weight]: no weight for the check year: the first is from 2018-01-01; found 2017; "
        "allowed: 2018 or later"]


def test_a_weight_changes_only_at_the_start_of_a_year(rules_dir):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    edit(scheme, "{id: C24, name: 单一窗口平台系统可用率, weight: 3,",
         "{id: C24, name: 单一窗口平台系统可用率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-07-01, value: 3}],")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{scheme}:102 [C24.weight]: a weight applies to whole check years: a version starts on 1 January; "
        "found '2019-07-01'; allowed: 2019-01-01 or 2020-01-01"]


def test_explain_shows_the_parameters_and_weight_the_score_used(rules_dir, tmp_path):
    rule = rules_dir / "outcomes" / "system-availability.yaml"
    edit(rule, "family: outcomes\n", "family: outcomes\n" + DATED_THRESHOLD)
    edit(rule, "value < target\n", "value < min_availability\n")
    edit(rule, "formula: min(weight, (target - value) * 100)", "formula: min(weight, (min_availability - value) * 100)")
    rulebook = load_rulebook(rules_dir)
    papers = {}
    for year, used, score in ((2017, "0.999", "2.93"), (2019, "0.998", "3")):
        result = check_case(case_for(year, tmp_path / str(year)), rulebook)
        assert result.scores.get("C24").score == Decimal(score)
        text = papers[year] = working_paper(result, rule_id="system-availability")
        assert f"    参数（{year}）：min_availability = {used}\n" in text
        assert f"C24 单一窗口平台系统可用率  权重 3 → 得分 {score}\n" in text
        assert "min_availability = (missing)" not in text
    fired = [line.split("  ")[-1] for line in papers[2017].splitlines() if line.startswith("      ✓")]
    assert fired == [("system_availability: direction = at_least, metric = system_availability, unit = 比例, "
                      "value = 0.9982686453576864535768645358")]
    assert ("    扣分：min(weight, (min_availability - value) * 100) = min(3, (0.999 - 0.99826865) * 100)"
            " = 0.0731") in papers[2017]
    assert not any(line.startswith("      ✓") for line in papers[2019].splitlines())


def test_a_fact_without_its_date_under_a_partial_year_rule_is_an_input_error(rules_dir, tmp_path):
    # A derived table dated by a column its source may leave empty (an unpaid tranche has no
    # paid_date): such a fact would be judged by no version, silently.
    edit(rules_dir / "tables" / "tranche_payments.yaml", "date: due_date ", "date: paid_date ")
    split_tranche_rule(rules_dir, "2017-06-30", "2017-07-01")
    case = case_for(2017, tmp_path)
    edit(case / "disbursements.csv", ",6520,2017-12-31,2017-11,", ",,2017-12-31,,")
    with pytest.raises(InputError) as error:
        check_case(case, load_rulebook(rules_dir))
    assert [str(p) for p in error.value.problems] == [
        "disbursements.csv:4 [paid_date]: a fact of tranche_payments without paid_date (实际拨付日期), the date that "
        "places it in time: tranche-deadline, tranche-deadline-v2 judge(s) only the facts dated in part of 2017; "
        "allowed: a date YYYY-MM-DD, or YYYY-MM when only the month is known"]
    assert [p.render("zh") for p in error.value.problems] == [  # said in Chinese too (it was English only)
        "disbursements.csv:4 [paid_date]：tranche_payments 中的一条事实缺少 paid_date（实际拨付日期），即确定其时间的日期："
        "tranche-deadline、tranche-deadline-v2 只判断日期在 2017 年部分时段内的事实；可填：日期 YYYY-MM-DD；只知月份时 YYYY-MM"]


def test_the_working_paper_shows_which_facts_each_version_judges(rules_dir):
    split_tranche_rule(rules_dir, "2017-06-30", "2017-07-01", replaces=True)
    result = check_case(SHANGHAI_2017, load_rulebook(rules_dir))
    paper = working_paper(result, indicator="C121")
    assert "    仅适用于 due_date 在 … – 2017-06-30 内的事实（2017 年内的部分有效期）\n" in paper
    assert "    仅适用于 due_date 在 2017-07-01 – … 内的事实（2017 年内的部分有效期）\n" in paper
    assert paper.count("（不在有效期内）") == 3
    report = render("markdown", result)
    assert "- 有效期（2017 年内只判断 应拨付日期 在此期间的事实）：2016-01-01 – 2017-06-30\n" in report
    assert report.count(" | 有效期外 |") == 3


def test_versions_of_a_rule_that_deducts_once_change_only_at_the_start_of_a_year(rules_dir):
    # Split within a year, each version of a `per: rule` rule would deduct its points once.
    for path in (rules_dir / TRANCHE_RULE,):
        edit(path, "  per: match\n", "  per: rule\n")
        edit(path, "formula: weight * paid_amount / total_paid", "points: 1")
        edit(path, "finding: “{name}”{paid_amount} 万元应于 {due_date} 前拨付，实际于 {paid_date} 拨付，拨付滞后。",
             "finding: “{labels}”拨付滞后。")
    split_tranche_rule(rules_dir, "2017-06-30", "2017-07-01", replaces=True)
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert [str(p) for p in error.value.problems] == [
        f"{rules_dir / 'tranche-deadline' / 'tranche-deadline-v2.yaml'}:10 [effective.from]: versions of a rule that "
        "deducts once (per: rule) change on 1 January: within 2017 this version and tranche-deadline would each "
        "deduct once; found '2017-07-01'; allowed: a change on 1 January (e.g. tranche-deadline to 2017-12-31, this "
        "version from 2018-01-01), or per: match in both"]
