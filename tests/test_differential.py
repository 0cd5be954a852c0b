"""Differential test: the engine (durable-rules) and an independent plain-Python evaluation of
the same conditions agree on which facts every bundled rule fires on, over 500 generated cases."""

import ast
import random
from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.durable.session import RulesEngine
from jixiao.lang.conditions import holds
from jixiao.model.facts import Fact
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
