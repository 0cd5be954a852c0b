"""What depends only on a rule set (its gaps, each rule's scopes over its tables) is worked out
once per scheme, rules and year and kept by their identity: another rule set, or another
year, is worked out afresh, never answered from what was kept for the first."""

from jixiao.check.gaps import find_rule_gaps
from jixiao.check.rulebook import in_force, load_rulebook
from jixiao.check.suspect import _scopes

from conftest import RULES

RULEBOOK = load_rulebook(RULES)
SCHEME, RULES_2017 = in_force(RULEBOOK, "shanghai-om-subsidy", 2017)


def gaps(rules, year=2017):
    return [(g.leaf, g.year, g.missing) for g in find_rule_gaps(SCHEME, list(rules), list(RULEBOOK.rules), year, "s.yaml")]


def test_gaps_follow_the_rules_given_each_time():
    first = RULES_2017[0]
    without = [r for r in RULES_2017 if r.indicator != first.indicator]
    assert gaps(RULES_2017) == []
    assert gaps(without) == [(first.indicator, 2017, (("2017-01-01", "2017-12-31"),))]
    assert gaps(RULES_2017) == []  # (the first answer, not the second's)
    assert gaps(without, 2018) == [(first.indicator, 2018, (("2018-01-01", "2018-12-31"),))]


def test_a_kept_list_of_gaps_is_not_the_callers():
    without = [r for r in RULES_2017 if r.indicator != RULES_2017[0].indicator]
    found = find_rule_gaps(SCHEME, without, list(RULEBOOK.rules), 2017, "s.yaml")
    found.clear()  # a caller may change the list it is given
    assert len(find_rule_gaps(SCHEME, without, list(RULEBOOK.rules), 2017, "s.yaml")) == 1


def test_scopes_are_each_rules_own():
    a, b = RULES_2017[0], RULES_2017[1]
    assert _scopes(a, 2017)[0][0] == a.table and _scopes(b, 2017)[0][0] == b.table
    assert _scopes(a, 2017) is _scopes(a, 2017)  # kept
