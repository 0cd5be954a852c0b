"""Every rule's example cases (rules/<family>/<id>.test.yaml), collected by pytest.

`jixiao test` runs the same cases; each rule must have a firing and a non-firing case.
"""

import pytest

from jixiao.check.rulebook import load_rulebook
from jixiao.authoring.ruletests import load_rule_tests, run_case

from conftest import RULES

KNOWLEDGE = load_rulebook(RULES)
TESTS = load_rule_tests(KNOWLEDGE)
CASES = [case for rule in sorted(TESTS) for case in TESTS[rule]]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.name}" for c in CASES])
def test_rule_case(case):
    outcome = run_case(case, KNOWLEDGE)
    assert outcome.passed, "\n".join(outcome.problems)


@pytest.mark.parametrize("rule", sorted(r.id for r in KNOWLEDGE.rules))
def test_every_rule_has_a_firing_and_a_non_firing_case(rule):
    cases = TESTS.get(rule, [])
    assert any(c.fires for c in cases), f"{rule}: no case where it fires"
    assert any(not c.fires for c in cases), f"{rule}: no case where it does not fire"
