"""Every rule's example cases (rules/<family>/<id>.test.yaml) run once per test run, through
jixiao's pytest plugin (`pytest rules/`; tests/test_pytest_plugin.py tests the plugin itself).
Here: that the README's `pytest` runs them, and that each rule has a firing and a non-firing case.
"""

import pytest

from jixiao.authoring.ruletests import load_rule_tests
from jixiao.check.rulebook import load_rulebook

from conftest import RULES

KNOWLEDGE = load_rulebook(RULES)
TESTS = load_rule_tests(KNOWLEDGE)


def test_pytest_runs_the_rule_cases(pytestconfig):
    """The README's test command (plain `pytest`) collects rules/ too (and the peer benchmark's
    rules folder), through the plugin the installed package registers; without it rules/ would
    be collected silently empty."""
    assert pytestconfig.getini("testpaths") == ["tests", "rules", "benchmarks/peerbench/rules"]
    assert pytestconfig.pluginmanager.has_plugin("jixiao")


@pytest.mark.parametrize("rule", sorted(r.id for r in KNOWLEDGE.rules))
def test_every_rule_has_a_firing_and_a_non_firing_case(rule):
    cases = TESTS.get(rule, [])
    assert any(c.fires for c in cases), f"{rule}: no case where it fires"
    assert any(not c.fires for c in cases), f"{rule}: no case where it does not fire"
