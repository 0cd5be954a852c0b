"""What keeps a batch of self-evaluation forms cheap (issue 14 item 5; benchmarks/forms.py
measures it), asserted on what is done, never timed: the workers of a batch share the workbook
readers their parent imported, instead of each importing openpyxl; instances of a method share
one engine rule, their arguments asserted as binding facts, so that a new mix of a form's rows
is no new ruleset (tests/test_differential.py holds their matches to the plain meaning)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.authoring.form_synth import synth_forms
from jixiao.check.case import check_case
from jixiao.check.forms import form_scheme_ids
from jixiao.durable.session import RulesEngine
from jixiao.load.case_folder import find_cases
from jixiao.load.form_folder import expand
from jixiao.load.methods import instantiate
from jixiao.model.facts import Fact
from jixiao.model.problems import Problems
from jixiao.model.rules import INSTANCE_MARK

from conftest import RULES

# Run as its own process (this test process has imported openpyxl long ago): every case a worker
# checks leaves a line saying whether openpyxl was imported when the worker came to it.
_RECORDING = textwrap.dedent("""
    import sys
    from jixiao.check import case as case_check
    from jixiao.cli.main import main
    seen, real = sys.argv[1], case_check.check_case

    def recording(folder, rulebook):
        with open(seen, "a") as record:
            record.write(f"{'openpyxl' in sys.modules}\\n")
        return real(folder, rulebook)

    case_check.check_case = recording  # (the workers look it up at each call)
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize("out, shared", [(True, True), (False, False)], ids=["portfolio-written", "nothing-written"])
def test_workers_share_the_workbook_readers_when_the_parent_imports_them_anyway(tmp_path, out, shared):
    """A batch that writes its portfolio imports openpyxl in its own process for portfolio.xlsx:
    it imports the workbook readers before its workers fork, so no worker imports them again
    (a quarter of a second of CPU each). A batch that writes nothing leaves them to the workers."""
    forms = tmp_path / "forms"
    synth_forms(forms, 4, seed=3)
    seen = tmp_path / "seen"
    args = ["check", str(forms), "--jobs", "2", "--rules", str(RULES), "-q"]
    args += ["--summary-only", "--out", str(tmp_path / "out")] if out else ["--no-write"]
    done = subprocess.run([sys.executable, "-c", _RECORDING, str(seen), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = seen.read_text().splitlines()
    assert len(lines) == 4
    if shared:
        assert set(lines) == {"True"}
    else:  # each worker's first case found it not yet imported
        assert "False" in lines


# ------------------------------------------------ instances of a method share one engine rule

def instance(rulebook, method_id, leaf, **arguments):
    """The method applied by a leaf with these (text) arguments, as a scheme binds it."""
    method = next(r for r in rulebook.rules if r.id == method_id)
    problems = Problems()
    made = instantiate(method, f"{method_id}{INSTANCE_MARK}{leaf}", tuple(arguments.items()), "test.yaml", None, {},
                       rulebook.schemas, problems)
    assert made is not None, problems.items
    return replace(made, indicator=leaf)


def test_instances_of_the_same_methods_share_one_ruleset_whatever_their_arguments(rulebook):
    """Two forms whose rows differ in codes, units and number (B1 个 and B2 万元; B7 % alone) run
    one ruleset: the arguments come as binding facts, not as engine rules of their own."""
    engine = RulesEngine()
    first = [instance(rulebook, "attainment", "B1", code="B1", in_unit="个"),
             instance(rulebook, "attainment", "B2", code="B2", in_unit="万元"),
             instance(rulebook, "qualitative-tiers", "C1", code="C1")]
    second = [instance(rulebook, "attainment", "B7", code="B7", in_unit="%"),
              instance(rulebook, "qualitative-tiers", "C4", code="C4")]
    assert engine.ruleset_for(first, 2022) == engine.ruleset_for(second, 2022)
    other_methods = [instance(rulebook, "attainment-reverse", "B1", code="B1", in_unit="万元")]
    assert engine.ruleset_for(other_methods, 2022) != engine.ruleset_for(second, 2022)
    assert len(engine._rulesets) == 2


def test_each_instance_finds_its_own_facts_through_its_binding(rulebook):
    engine = RulesEngine()
    rules = [instance(rulebook, "attainment", "B1", code="B1", in_unit="个"),
             instance(rulebook, "attainment", "B2", code="B2", in_unit="万元"),
             instance(rulebook, "attainment", "B3", code="B1", in_unit="个"),  # the same arguments as B1
             instance(rulebook, "qualitative-tiers", "C1", code="C1")]
    facts = [metric(1, "B1", "个", "at_least", 50, 40), metric(2, "B2", "万元", "at_least", 9, 10),
             metric(3, "B2", "个", "at_least", 50, 40), Fact("observations", 1, "o.csv", 2, {"id": "C1", "answer": "no"})]
    evaluation = engine.assess(rules, facts, "bound", 2022)
    assert [(m.rule, m.fact, m.joined) for m in evaluation.matches] == [
        ("attainment@B1", "metric_results:1", ()), ("attainment@B3", "metric_results:1", ()),
        ("qualitative-tiers@C1", "observations:1", ())]
    assert evaluation.assessable == {"attainment@B1", "attainment@B2", "attainment@B3", "qualitative-tiers@C1"}
    assert engine.assess(rules[1:2], facts[2:3], "unit-differs", 2022).assessable == frozenset()


def metric(index, code, unit, direction, target, value):
    return Fact("metric_results", index, "m.csv", index + 1, {"metric": code, "unit": unit, "direction": direction,
                                                              "target": Decimal(target), "value": Decimal(value)})


def test_a_batch_of_forms_compiles_one_ruleset_per_set_of_methods(rulebook, tmp_path):
    """In a long batch, rulesets do not accumulate with the forms' mixes of rows: a process that
    checks 40 synthesized forms (each with its own rows, codes and units) holds one ruleset per
    set of methods its forms use (with the review rules in force in the form's year)."""
    forms = tmp_path / "forms"
    synth_forms(forms, 40, seed=5)
    engine = RulesEngine()
    methods, mixes = set(), set()
    for unit in expand(find_cases(forms), form_scheme_ids(rulebook)):
        result = check_case(unit, rulebook, engine=engine)
        methods.add((frozenset(r.method for r in result.rules if r.method),
                     frozenset(r.id for r in result.rules if not r.method)))
        mixes.add(frozenset((r.id, r.arguments) for r in result.rules if r.method))
    assert len(methods) == 6 and len(mixes) > 20  # (the forms differ in their methods, far more in their rows)
    assert len(engine._rulesets) == len(methods)


def test_a_method_whose_text_parameter_is_not_compared_for_equality_keeps_its_own_engine_rule(rulebook):
    """`metric != code`: the argument stays bound into the instance's own engine rule."""
    from jixiao.durable.binding import bound_form
    from jixiao.lang.conditions import condition_tree
    from jixiao.lang.expressions import parse
    from jixiao.model.rules import Parameter
    where = parse("metric != code and value < target")
    kinds = rulebook.schemas.tables["metric_results"].field_kinds
    method = next(r for r in rulebook.rules if r.id == "attainment")
    rules = [replace(method, id=f"other@{code}", method="other", parameters=(Parameter("code", "text"),),
                     params=(("code", (("0001-01-01", code),)),), where=where, requires=None, requirements=(),
                     conditions=(("0001-01-01", condition_tree(parse(f'metric != "{code}" and value < target'), kinds)),))
             for code in ("B1", "B2")]
    assert [bound_form(rule, 2022) for rule in rules] == [None, None]
    engine = RulesEngine()
    facts = [metric(1, "B1", "个", "at_least", 50, 40), metric(2, "B2", "个", "at_least", 50, 40)]
    assert [(m.rule, m.fact) for m in engine.assess(rules, facts, "own", 2022).matches] == [
        ("other@B1", "metric_results:2"), ("other@B2", "metric_results:1")]
    assert engine.ruleset_for(rules[:1], 2022) != engine.ruleset_for(rules[1:], 2022)
