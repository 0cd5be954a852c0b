"""jixiao's pytest plugin (jixiao.authoring.pytest_plugin), as a rule author meets it: pytest
run in a folder of its own holding a copy of rules/, with the plugin loaded the way it is
everywhere jixiao is installed (its pytest11 entry point), never named on the command line."""

import shutil
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import jixiao.check.rulebook
from jixiao.authoring.ruletests import load_rule_tests
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main

from conftest import RULES

pytest_plugins = ["pytester"]

TESTS = load_rule_tests(load_rulebook(RULES))
FILE = "rules/separate-accounting/separate-accounting.test.yaml"
CASES = ["两家运维商未专账核算，扣一次", "全部专账核算（或设辅助账），不扣分", "情况不明（partial）不等于未专账核算"]


def cases_in(family):
    """How many cases the bundled rules/<family>/ holds."""
    return sum(len(cases) for cases in TESTS.values() if Path(cases[0].file).parent.name == family)


@pytest.fixture
def rules(pytester):
    """A copy of the bundled rules/ in pytester's folder (the working folder of its runs)."""
    shutil.copytree(RULES, pytester.path / "rules")
    return pytester.path / "rules"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_plugin_is_registered_for_pytest_by_the_package():
    [plugin] = entry_points(group="pytest11", name="jixiao")
    assert plugin.value == "jixiao.authoring.pytest_plugin"


def test_one_item_per_case_named_by_file_rule_and_case(pytester, rules):
    result = pytester.runpytest("--collect-only", "-q", FILE)
    assert result.outlines[:4] == [f"{FILE}::separate-accounting::{name}" for name in CASES] + [""]
    items, _ = pytester.inline_genitems(FILE)
    assert [item.location for item in items] == [  # file, line (from 0), and how a failure is headed
        (FILE, 3, "separate-accounting › 两家运维商未专账核算，扣一次"),
        (FILE, 10, "separate-accounting › 全部专账核算（或设辅助账），不扣分"),
        (FILE, 16, "separate-accounting › 情况不明（partial）不等于未专账核算")]


def test_passing_cases_pass(pytester, rules):
    result = pytester.runpytest(FILE)
    result.assert_outcomes(passed=3)
    assert result.ret == 0


def test_a_failing_case_reads_as_jixiao_test_prints_it(pytester, rules, capsys):
    edit(rules / "separate-accounting" / "separate-accounting.test.yaml",
         "fires_on: [甲公司, 丙公司], deduction: 1, score: 1", "fires_on: [甲公司], deduction: 2, score: 1")
    result = pytester.runpytest("rules/separate-accounting")
    result.assert_outcomes(failed=1, passed=cases_in("separate-accounting") - 1)
    report = ["FAIL  separate-accounting › 两家运维商未专账核算，扣一次",
              f"        fires on ['丙公司', '甲公司'], expected ['甲公司']  ({FILE}:4)",
              f"        deduction 1, expected 2  ({FILE}:4)"]
    lines = result.outlines
    start = lines.index(report[0])
    assert lines[start - 1].strip("_ ") == "separate-accounting › 两家运维商未专账核算，扣一次"
    assert lines[start:start + 3] == report
    assert "short test summary info" in lines[start + 3]  # and no traceback into jixiao
    # pytest appends " - <message>" to the summary line when the terminal is wide or absent
    failed = f"FAILED {FILE}::separate-accounting::两家运维商未专账核算，扣一次"
    assert [line for line in lines if line.startswith(failed)] != []
    assert "Traceback" not in result.stdout.str() and "ruletests.py" not in result.stdout.str()
    # the same lines as `jixiao test`, which fails as well
    capsys.readouterr()
    assert main(["test", "rules", "--rule", "separate-accounting"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == report


def test_a_test_file_that_does_not_load_is_one_collection_error(pytester, rules):
    cost_control = rules / "budget" / "cost-control.test.yaml"
    edit(cost_control, "    expect:", "    expekt:")
    expekt = next(number for number, line in enumerate(cost_control.read_text(encoding="utf-8").splitlines(), 1)
                  if line.startswith("    expekt:"))
    (rules / "budget" / "funds-in-place.test.yaml").write_text("rule: funds-in-place\ncases: [\n", encoding="utf-8")
    result = pytester.runpytest("rules/budget")
    result.assert_outcomes(errors=2)
    lines = result.outlines
    start = lines.index(next(l for l in lines if "ERROR collecting rules/budget/cost-control.test.yaml" in l))
    assert lines[start + 1] == (f"rules/budget/cost-control.test.yaml:{expekt} [cases.expekt]: unknown key "
                                "(did you mean 'expect'?); allowed: expect, facts, name, notes, precision, scheme, weight, with, year")
    start = lines.index(next(l for l in lines if "ERROR collecting rules/budget/funds-in-place.test.yaml" in l))
    assert lines[start + 1] == ("rules/budget/funds-in-place.test.yaml:3: YAML syntax error: "
                                "did not find expected node content")
    assert [l for l in lines if l.startswith("ERROR ")] == ["ERROR rules/budget/cost-control.test.yaml",
                                                             "ERROR rules/budget/funds-in-place.test.yaml"]
    assert "Traceback" not in result.stdout.str()


def test_minus_k_selects_cases_by_name_and_by_rule(pytester, rules):
    result = pytester.runpytest("rules/separate-accounting", "-k", "两家运维商未专账核算")
    result.assert_outcomes(passed=1, deselected=cases_in("separate-accounting") - 1)
    result = pytester.runpytest("rules/budget", "-k", "budget-execution")
    result.assert_outcomes(passed=len(TESTS["budget-execution"]),
                           deselected=cases_in("budget") - len(TESTS["budget-execution"]))


def test_a_node_id_selects_one_case(pytester, rules):
    result = pytester.runpytest(f"{FILE}::separate-accounting::{CASES[2]}")
    result.assert_outcomes(passed=1)


def test_the_rule_book_is_loaded_once_per_session(pytester, rules, monkeypatch):
    loads = []

    def counted(directory):
        loads.append(str(directory))
        return load_rulebook(directory)

    monkeypatch.setattr(jixiao.check.rulebook, "load_rulebook", counted)
    result = pytester.runpytest("rules/budget", "rules/decision")
    result.assert_outcomes(passed=cases_in("budget") + cases_in("decision"))
    assert loads == ["rules"]


def test_a_rules_folder_of_any_name_anywhere(pytester):
    target = pytester.path / "elsewhere" / "regeln"
    shutil.copytree(RULES, target)
    (pytester.path / "other" / "x").mkdir(parents=True)
    (pytester.path / "other" / "x" / "notes.test.yaml").write_text("not: [a rule test\n", encoding="utf-8")
    result = pytester.runpytest("elsewhere/regeln/budget", "other")
    result.assert_outcomes(passed=cases_in("budget"))
    assert pytester.runpytest("other").ret == pytest.ExitCode.NO_TESTS_COLLECTED  # not a rules folder's


def test_a_rules_folder_that_does_not_load_is_reported_in_full_once(pytester, rules):
    edit(rules / "budget" / "budget-execution.yaml", "family: budget", "family: Budget")
    result = pytester.runpytest("rules/budget")
    result.assert_outcomes(errors=3)
    lines = result.outlines
    first = lines.index(next(l for l in lines if "ERROR collecting rules/budget/budget-execution.test.yaml" in l))
    assert lines[first + 1] == "the rules folder rules/ does not load (1 problem):"
    assert lines[first + 2].startswith("  rules/budget/budget-execution.yaml:4 [family]: unknown rule family "
                                       "(did you mean 'budget'?)")
    later = lines.index(next(l for l in lines if "ERROR collecting rules/budget/cost-control.test.yaml" in l))
    assert lines[later + 1] == ("the rules folder rules/ does not load: its problems are listed under "
                                "rules/budget/budget-execution.test.yaml")
