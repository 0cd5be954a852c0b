"""Differential test: the engine (durable-rules) and an independent plain-Python evaluation of
the same conditions agree on which facts every bundled rule fires on, over 500 generated cases;
and on generated rules over several tables (joins, absent rows), with hypothesis."""

import ast
import random
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.durable.session import RulesEngine
from jixiao.lang.conditions import combinations, condition_tree, holds
from jixiao.lang.expressions import parse
from jixiao.model.facts import Fact
from jixiao.model.rules import Alias, Rule
from jixiao.model.tables import FieldKind
from jixiao.model.values import FactDate

CASES = 500


def literals_by_field(rules):
    """The values rules compare each field with, so generated facts hit the boundaries."""
    seen: dict[str, set] = {}
    for rule in rules:
        for node in ast.walk(rule.where.tree):
            if isinstance(node, ast.Compare):
                names = [n.id for n in [node.left, *node.comparators] if isinstance(n, ast.Name)]
                values = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
                for name in names:
                    seen.setdefault(name, set()).update(values)
    return seen


def generate_value(column, hints, rnd):
    if column.type == "answer":
        return rnd.choice(["yes", "no", "partial"])
    if column.allowed:
        return rnd.choice(list(column.allowed))
    if column.type in ("number", "integer"):
        pool = [Decimal(str(h)) for h in hints if isinstance(h, (int, float))]
        pool += [Decimal(0), Decimal(1), Decimal("0.5"), Decimal("0.999"), Decimal("1.2"), Decimal(100)]
        value = rnd.choice(pool) if rnd.random() < 0.6 else Decimal(rnd.randint(-5, 5000)) / rnd.choice([1, 10, 100])
        return int(value) if column.type == "integer" else value
    if column.type == "date":
        day = f"{rnd.randint(2015, 2019)}-{rnd.randint(1, 12):02d}"
        return FactDate(f"{day}-28", f"{day}-28") if rnd.random() < 0.5 else FactDate(f"{day}-31" if day[-2:] in (
            "01", "03", "05", "07", "08", "10", "12") else f"{day}-30" if day[-2:] != "02" else f"{day}-28", day)
    pool = [h for h in hints if isinstance(h, str)] + ["x", "运营成本", "item"]
    return rnd.choice(pool)


def generate_rows(table, schema, hints, rnd):
    rows = []
    for index in range(1, rnd.randint(0, 6) + 1):
        values = {}
        for name, column in schema.columns.items():
            if rnd.random() < 0.8:
                values[name] = generate_value(column, hints.get(name, ()), rnd)
        rows.append(Fact(table, index, f"{table}.csv", index + 1, values))
    return rows


@pytest.fixture(scope="module")
def bundled(rulebook):
    rules = [replace(r, indicator="X") for r in rulebook.rules]
    return rules, literals_by_field(rules)


def test_engine_and_plain_evaluation_agree_on_500_generated_cases(rulebook, bundled):
    rules, hints = bundled
    tables = sorted({r.table for r in rules})
    engine = RulesEngine()
    rnd = random.Random(20171231)
    compared = fired = 0
    for case in range(CASES):
        facts = [row for t in tables for row in generate_rows(t, rulebook.schemas.tables[t], hints, rnd)]
        year = rnd.choice([2015, 2017, 2019])
        in_force = [r for r in rules if r.in_force(year)]
        matched = {(m.rule, m.fact) for m in engine.match(in_force, facts, f"diff-{case}", year)}
        expected = {(r.id, f.id) for r in in_force for f in facts
                    if f.table == r.table and holds(r.condition_for(year), f.values)}
        assert matched == expected, (case, sorted(matched ^ expected))
        compared += sum(1 for r in in_force for f in facts if f.table == r.table)
        fired += len(matched)
    # the generated facts exercise the rules: many comparisons, and both outcomes
    print(f"{CASES} cases, {compared} rule-fact comparisons, {fired} matches")
    assert compared > 5000 and 0.05 < fired / compared < 0.95


# ------------------------------------------------------------- rules over several tables

JOIN_FIELDS = {"k": FieldKind("text"), "n": FieldKind("number"), "d": FieldKind("date")}
JOIN_TABLES = ("ta", "tb", "tc")
# own conditions, including the forms that nest $and / $or in a pattern (a trap for references)
OWN = (None, "n > 1", "n <= 0.5", 'k == "x"', 'k in ["x", "y"]', "missing(n)", "present(k) and n > 0",
       'n > 1 or k == "y"', 'not (n > 1 and k == "x")', 'd >= "2017-06-30"', 'k != "z"')
JOIN_KEYS = ("k", "n", "d")


def join_rule(rule_id, choose):
    """A rule over 2–3 matched aliases and 0–2 absent ones, each joined to a matched alias
    before it on one or two columns of the same type; `choose(options)` picks each part."""
    matched, absent = choose((2, 3)), choose((0, 1, 2))
    aliases, on = [], []
    for index in range(matched + absent):
        name = f"a{index}"
        where = choose(OWN)
        aliases.append(Alias(name, choose(JOIN_TABLES), parse(where) if where else None, index >= matched))
        for _ in range(choose((1, 2)) if index else 0):
            other, column = f"a{choose(range(min(index, matched)))}", choose(JOIN_KEYS)
            on.append((name, column, other, column) if choose((True, False)) else (other, column, name, column))
    parts = tuple((a.name, a.table, a.absent, condition_tree(a.where, JOIN_FIELDS) if a.where else None)
                  for a in aliases)
    first = aliases[0]
    return Rule(rule_id, rule_id, "", "test", {"document": "test"}, "2000-01-01", None, first.table,
                first.where or parse("present(k)"), (("0001-01-01", ("join", parts, tuple(on))),), parse("1"),
                "match", "x", {"text": "x"}, "test.yaml", indicator="X", aliases=tuple(aliases), on=tuple(on))


@st.composite
def join_rules(draw, rule_id):
    return join_rule(rule_id, lambda options: draw(st.sampled_from(list(options))))


DAYS = (FactDate("2017-06-30", "2017-06-30"), FactDate("2017-06-30", "2017-06"), FactDate("2017-07-01", "2017-07-01"))
VALUES = {"k": ["x", "y", "z"], "n": [Decimal(0), Decimal("0.5"), Decimal(1), Decimal(2)], "d": list(DAYS)}
join_values = st.fixed_dictionaries({}, optional={name: st.sampled_from(pool) for name, pool in VALUES.items()})
join_facts = st.fixed_dictionaries({table: st.lists(join_values, max_size=4) for table in JOIN_TABLES})


def as_facts(tables):
    return {table: [Fact(table, i, f"{table}.csv", i + 1, values) for i, values in enumerate(rows, start=1)]
            for table, rows in tables.items()}


def compare(rules, facts, session):
    """The engine's matches and the plain meaning's, as (rule, fact, joined facts) sets."""
    matched = {(m.rule, m.fact, m.joined)
               for m in JOIN_ENGINE.match(rules, [row for rows in facts.values() for row in rows], session, 2017)}
    expected = {(rule.id, combo[0].id, tuple(row.id for row in combo[1:]))
                for rule in rules for combo in combinations(rule.condition_for(2017), facts)}
    return matched, expected


JOIN_ENGINE = RulesEngine()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=join_rules("j1"), second=join_rules("j2"), third=join_rules("j3"), tables=join_facts)
def test_engine_and_plain_meaning_agree_on_joins_and_absent_rows(first, second, third, tables):
    """Every match of a rule over several tables, and only those, is found by durable-rules:
    the same (row, joined rows) as combinations() (jixiao.lang.conditions), negation included."""
    matched, expected = compare([first, second, third], as_facts(tables), "joins")
    assert matched == expected


def test_generated_joins_match_and_absent_rows_prevent_matches_on_300_cases():
    """The generator is not vacuous: rules match, and absent aliases prevent some matches."""
    rnd = random.Random(20171231)
    choose = lambda options: rnd.choice(list(options))  # noqa: E731
    matches = prevented = with_absent = 0
    for case in range(300):
        rules = [join_rule(f"r{i}", choose) for i in range(3)]
        facts = as_facts({t: [{k: rnd.choice(v) for k, v in VALUES.items() if rnd.random() < 0.9}
                              for _ in range(rnd.randint(0, 6))] for t in JOIN_TABLES})
        matched, expected = compare(rules, facts, f"joins-{case}")
        assert matched == expected, (case, sorted(matched ^ expected))
        matches += len(matched)
        for rule in rules:
            tree = rule.condition_for(2017)
            kept = tuple(p for p in tree[1] if not p[2])
            if len(kept) < len(tree[1]):
                names = {p[0] for p in kept}
                loose = ("join", kept, tuple(j for j in tree[2] if j[0] in names and j[2] in names))
                with_absent += 1
                prevented += len(combinations(loose, facts)) - len({m for m in matched if m[0] == rule.id})
    print(f"{matches} matches, {with_absent} rules with absent rows, {prevented} matches they prevented")
    assert matches > 300 and with_absent > 300 and prevented > 100


# ------------------------------------------- instances of methods, bound through binding facts

# Arguments and column values that meet: codes repeat across instances, units in Chinese, with
# quotes and symbols; a row may miss any column.
CODES = ("B1", "B2", "C1", "id")
UNITS = ("个", "万元", "%", "比例", '他说"是"', "天")
METHOD_FACTS = {
    "metric_results": {"metric": CODES, "unit": UNITS, "direction": ("at_least", "at_most", "increase"),
                       "target": (Decimal(0), Decimal(1), Decimal("0.5"), Decimal(50)),
                       "value": (Decimal(0), Decimal(1), Decimal("0.8"), Decimal(60))},
    "observations": {"id": CODES, "answer": ("yes", "no", "partial")},
}


def method_instances(rulebook, choices):
    """Each bundled method applied by one to three leaves, with arguments `choices` picks (a
    number parameter without a default gets 2)."""
    from jixiao.load.methods import instantiate
    from jixiao.model.problems import Problems
    made = []
    for method in sorted((r for r in rulebook.rules if r.parameters), key=lambda r: r.id):
        for leaf in range(choices((1, 2, 3))):
            arguments = [(p.name, choices(CODES) if p.name == "code" else choices(UNITS)) for p in method.parameters
                         if p.type == "text" and (p.default is None or choices((True, False)))]
            arguments += [(p.name, 2) for p in method.parameters if p.type == "number" and p.default is None]
            problems = Problems()
            rule = instantiate(method, f"{method.id}@L{leaf}", tuple(arguments), "test.yaml", None, {},
                               rulebook.schemas, problems)
            assert rule is not None, problems.items
            made.append(replace(rule, indicator=f"L{leaf}"))
    return made


def method_facts(choices, counts):
    facts = []
    for table, columns in METHOD_FACTS.items():
        for index in range(1, counts() + 1):
            values = {name: choices(pool) for name, pool in columns.items() if choices((True, True, True, False))}
            facts.append(Fact(table, index, f"{table}.csv", index + 1, values))
    return facts


def plain_evaluation(rules, facts, year):
    """(matches, assessable) by the plain meaning of each instance's bound condition and requirement."""
    matched = {(r.id, f.id) for r in rules for f in facts if f.table == r.table and holds(r.condition_for(year), f.values)}
    assessable = {r.id for r in rules if any(f.table == r.table and holds(r.requirement_for(year), f.values) for f in facts)}
    return matched, assessable | {rule for rule, _ in matched}


METHOD_ENGINE = RulesEngine()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_instances_bound_through_binding_facts_match_as_their_bound_conditions_mean(rulebook, data):
    """Instances of every bundled method share the method's engine rule, their arguments asserted
    as binding facts: the engine finds, for each instance, exactly the facts its own bound
    condition holds for, and it can assess exactly when its bound requirement holds for a fact."""
    choices = lambda options: data.draw(st.sampled_from(list(options)))  # noqa: E731
    rules = method_instances(rulebook, choices)
    facts = method_facts(choices, lambda: data.draw(st.integers(0, 5)))
    evaluation = METHOD_ENGINE.assess(rules, facts, "methods", 2022)
    matched, assessable = plain_evaluation(rules, facts, 2022)
    assert {(m.rule, m.fact) for m in evaluation.matches} == matched
    assert evaluation.assessable == assessable


def test_bound_instances_agree_with_their_plain_meaning_on_300_cases_and_share_rulesets(rulebook):
    """The generator is not vacuous (instances match and can assess, and some cannot), and every
    mix of instances of the same methods ran in one ruleset."""
    rnd = random.Random(20221231)
    choose = lambda options: rnd.choice(list(options))  # noqa: E731
    engine = RulesEngine()
    matches = assessed = instances = 0
    for case in range(300):
        rules = method_instances(rulebook, choose)
        facts = method_facts(choose, lambda: rnd.randint(0, 6))
        evaluation = engine.assess(rules, facts, f"methods-{case}", 2022)
        matched, assessable = plain_evaluation(rules, facts, 2022)
        assert ({(m.rule, m.fact) for m in evaluation.matches}, evaluation.assessable) == (matched, assessable), case
        matches, assessed, instances = matches + len(matched), assessed + len(assessable), instances + len(rules)
    print(f"{instances} instances, {assessed} could assess, {matches} matches")
    assert matches > 300 and 300 < assessed < instances
    assert len(engine._rulesets) == 1
