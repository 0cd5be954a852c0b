"""Rules and scheme parameters change over time; the check year picks the version in force."""

import shutil
from decimal import Decimal

import pytest

from engine.check import check_case, load_knowledge
from engine.errors import InputError

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
    return folder


def test_a_threshold_that_changes_gives_different_results_for_2017_and_2019(rules_dir, tmp_path):
    rule = rules_dir / "outcomes" / "system-availability.yaml"
    edit(rule, "family: outcomes\n", "family: outcomes\n" + DATED_THRESHOLD)
    edit(rule, "value < target\n", "value < min_availability\n")
    edit(rule, "formula: min(weight, (target - value) * 100)", "formula: min(weight, (min_availability - value) * 100)")
    knowledge = load_knowledge(rules_dir)
    same_facts = {year: check_case(case_for(year, tmp_path), knowledge) for year in (2017, 2019)}
    # 99.83 %: short of the 99.9 % threshold in force in 2017, above the 99.8 % of 2019
    assert same_facts[2017].scores.get("C24").score == Decimal("2.93")
    assert same_facts[2019].scores.get("C24").score == Decimal("3.00")
    rule_2019 = next(r for r in knowledge.rules if r.id == "system-availability")
    assert rule_2019.params_for(2018) == {"min_availability": Decimal("0.999")}
    assert rule_2019.params_for(2019) == {"min_availability": Decimal("0.998")}


def test_a_weight_that_changes_is_picked_by_year(rules_dir, tmp_path):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    edit(scheme, "{id: C24, name: 单一窗口平台系统可用率, weight: 3,",
         "{id: C24, name: 单一窗口平台系统可用率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-01-01, value: 4}],")
    edit(scheme, "{id: C25, name: 新增服务功能计划完成率, weight: 3,",
         "{id: C25, name: 新增服务功能计划完成率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-01-01, value: 2}],")
    knowledge = load_knowledge(rules_dir)
    results = {year: check_case(case_for(year, tmp_path), knowledge) for year in (2017, 2019)}
    assert results[2017].scores.get("C24").weight == 3 and results[2019].scores.get("C24").weight == 4
    assert results[2019].scores.get("C24").score == Decimal("3.93")
    assert results[2019].scores.get("C25").score == Decimal("1.68")  # 2 × 16 / 19
    assert results[2019].scores.get("C2").weight == 35


def test_weights_must_still_add_up_after_a_change(rules_dir):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    edit(scheme, "{id: C24, name: 单一窗口平台系统可用率, weight: 3,",
         "{id: C24, name: 单一窗口平台系统可用率, weight: [{from: 2016-01-01, value: 3}, {from: 2019-01-01, value: 4}],")
    with pytest.raises(InputError) as error:
        load_knowledge(rules_dir)
    assert any("weight of C2 from 2019-01-01 is not the sum of its children's (36)" in str(p)
               for p in error.value.problems)


def test_a_rule_out_of_force_leaves_its_indicator_unassessed(tmp_path):
    knowledge = load_knowledge(RULES)  # tranche-deadline applies 2016-2018 only
    result = check_case(case_for(2019, tmp_path), knowledge)
    assert result.unruled == ["C121"]
    assert result.scores.get("C121").score is None and result.scores.provisional


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
        load_knowledge(rules_dir)
    assert any(message in str(p) for p in error.value.problems), error.value
