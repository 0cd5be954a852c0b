"""The working paper is what the check recorded as it ran (issue 12 §6), and a check's result is
built once, complete and immutable (§7): rendering evaluates no condition, computes no formula
or score, and shows whatever the trace, the findings' inputs and the score working say."""

import ast
import dataclasses
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

import jixiao.check.scoring
import jixiao.lang.conditions
import jixiao.lang.formulas
from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.lang.formulas import compute, written_in
from jixiao.model.expressions import Expr
from jixiao.model.results import CheckResult
from jixiao.model.trace import Match, Trace
from jixiao.model.values import FactDate
from jixiao.report import Settings, render
from jixiao.report.explain import working_paper
from jixiao.report.files import outputs
from jixiao.report.template import fill

from conftest import RULES, SHANGHAI_2017, set_csv_cell
from test_effective_dates import split_tranche_rule

LATE = "✓ [tranche_payments，来自 disbursements.csv 第 3 行]  2017 年上半年 40% 运维补贴资金: " \
       "due_date = 2017-06-30, paid_date = 2017-10"
TAIL = "[tranche_payments，来自 disbursements.csv 第 2 行]  2016 年 20% 运维补贴资金尾款: " \
       "due_date = 2017-09, paid_date = 2017-09"
OUTSIDE = "  （不在有效期内）"


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    """Shanghai 2017 with tranche-deadline ending on 2017-06-30 and a second version from 2017-07-01."""
    rules = tmp_path_factory.mktemp("split") / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "tranche-deadline" / "tranche-deadline.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(", to: 2018-12-31}", "}"), encoding="utf-8")
    split_tranche_rule(rules, "2017-06-30", "2017-07-01")
    return check_case(SHANGHAI_2017, load_rulebook(rules))


@pytest.fixture(scope="module")
def blocked(tmp_path_factory, rulebook):
    """Shanghai 2017 with a tranche paid beyond its approved amount: the rules reading it cannot assess."""
    case = tmp_path_factory.mktemp("blocked") / "shanghai-single-window" / "2017"
    shutil.copytree(SHANGHAI_2017, case)
    set_csv_cell(case / "disbursements.csv", {"tranche": "2017-h2"}, "paid_amount", "16520")
    return check_case(case, rulebook)


def renders(result) -> dict:
    """Every output of a result: the case's files, explain, the text summary, the English report
    and a template's indicator piece."""
    return {**outputs(result), "explain": working_paper(result), "text": render("text", result),
            "report.en.md": render("markdown", result, Settings(lang="en")),
            "template": fill("{{ indicator C121 }}\n{{ annex }}", result, "t.md")}


def forbid(monkeypatch, *functions):
    """Make every binding of these functions in jixiao's modules raise (a `from … import` too)."""
    def refuse(name):
        def raises(*args, **kwargs):
            raise AssertionError(f"{name} was called while rendering")
        return raises
    for module in [m for name, m in sys.modules.items() if name.startswith("jixiao") and m is not None]:
        for attribute, value in list(vars(module).items()):
            if any(value is f for f in functions):
                monkeypatch.setattr(module, attribute, refuse(f"{module.__name__}.{attribute}"))


@pytest.mark.parametrize("which", ["golden", "split", "blocked"])
def test_rendering_evaluates_no_condition_and_computes_nothing(request, monkeypatch, which):
    result = request.getfixturevalue(which)
    expected = renders(result)
    forbid(monkeypatch, jixiao.lang.conditions.holds, jixiao.lang.conditions.may_hold, jixiao.lang.formulas.compute,
           jixiao.check.scoring.score, jixiao.check.scoring.leaf_score)
    with pytest.raises(AssertionError, match="holds was called"):  # the guard itself works
        jixiao.lang.conditions.holds(("has", "x"), {})
    assert renders(result) == expected


TREE_NODES = {"cmp", "in", "not_in", "and", "or", "not", "join", "present", "missing", "eq", "neq", "lt", "lte",
              "gt", "gte", "lit", "field"}


def tree_readers(source: str) -> list[str]:
    """The comparisons in `source` of an indexed value (tree[0], part[1]) with a condition tree's
    node names: code that reads a condition's meaning itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Subscript):
            names = [c.value for c in node.comparators if isinstance(c, ast.Constant)]
            names += [e.value for c in node.comparators if isinstance(c, (ast.Tuple, ast.Set, ast.List))
                      for e in c.elts if isinstance(e, ast.Constant)]
            if set(names) & TREE_NODES:
                found.append(ast.unparse(node))
    return found


def test_no_output_reads_a_condition_tree_itself():
    """The outputs (report/) say what a condition is about through jixiao.lang (condition_shown,
    tree_fields, picked_by), never by reading its tree's nodes: one implementation of the rule
    semantics (issue 12 point 6; report/readable.py picked a condition's facts itself)."""
    import jixiao.report

    package = Path(jixiao.report.__file__).parent
    assert {path.name: tree_readers(path.read_text(encoding="utf-8")) for path in sorted(package.glob("*.py"))
            if tree_readers(path.read_text(encoding="utf-8"))} == {}
    assert tree_readers('if part[0] == "cmp" and part[1] == "eq": pass') == ["part[0] == 'cmp'", "part[1] == 'eq'"]


def test_the_trace_records_what_the_engine_was_given_and_answered(golden):
    trace = golden.trace
    assert sorted(trace.facts) == sorted({r.table for r in golden.rules})
    assert all(trace.facts[t] is golden.tables[t] for t in trace.facts)  # references, not copies
    assert {(m.rule, m.fact) for m in trace.matches} == {(f.rule, row.id) for f in golden.findings for row in f.rows}
    assert len(trace.matches) == 40 and trace.in_period == {}
    assert trace.matched("tranche-deadline") == {"tranche_payments:2"}
    assert trace.matched("tranche-paid") == frozenset()


def test_each_deduction_records_the_inputs_it_was_computed_with(golden):
    [late] = [f for f in golden.findings if f.rule == "tranche-deadline"]
    inputs = late.inputs
    assert (inputs["weight"], inputs["count"], inputs["paid_amount"], inputs["total_paid"]) == \
        (Decimal(3), Decimal(1), Decimal(6520), Decimal("16104.72"))
    assert inputs["paid_date"] == FactDate("2017-10-31", "2017-10")  # as observed, not converted
    assert late.deduction == Decimal(3) * Decimal(6520) / Decimal("16104.72")
    [once] = [f for f in golden.findings if f.rule == "operating-cost-per-task"]
    assert dict(once.inputs) == {"weight": Decimal(2), "count": Decimal(13)}  # per rule: no fact's values
    row = golden.scores.get("C121")
    assert (row.deductions, row.net, row.score) == (late.deduction, 3 - late.deduction, Decimal("1.79"))
    assert golden.scores.get("C11").net is None  # not a leaf


def test_the_working_paper_shows_the_engines_matches(golden):
    paper = working_paper(golden, indicator="C121")
    assert f"      {LATE}\n" in paper and f"      · {TAIL}\n" in paper
    # the trace, not the findings or a second evaluation, decides each mark
    other = Trace(golden.trace.facts, tuple(m for m in golden.trace.matches if m.rule != "tranche-deadline")
                  + (Match("tranche-deadline", "tranche_payments:1"),), golden.trace.in_period)
    paper = working_paper(dataclasses.replace(golden, trace=other), indicator="C121")
    assert f"      ✓ {TAIL}\n" in paper and f"      · {LATE[2:]}\n" in paper
    assert "    触发：3 条事实中 1 条\n" in paper


def test_the_working_paper_shows_the_recorded_inputs_and_score_working(golden):
    [late] = [f for f in golden.findings if f.rule == "tranche-deadline"]
    worked = dataclasses.replace(late, inputs=MappingProxyType({**late.inputs, "paid_amount": Decimal(1000)}))
    rows = tuple(dataclasses.replace(r, net=Decimal("2.5")) if r.id == "C121" else r for r in golden.scores.rows)
    result = dataclasses.replace(golden, findings=tuple(worked if f is late else f for f in golden.findings),
                                 scores=dataclasses.replace(golden.scores, rows=rows))
    paper = working_paper(result, indicator="C121")
    # the deduction is the one computed; the formula shows the inputs recorded with it
    assert "    扣分：weight * paid_amount / total_paid = 3 * 1000 / 16104.72 = 1.2146" \
           "（针对 2017 年上半年 40% 运维补贴资金）\n" in paper
    assert "  得分：权重 3 − 扣分（1.2146 tranche-deadline）= 2.5 → 限于 0 至 3 之间，四舍五入 → 1.79\n" in paper
    report = render("markdown", result)  # its working papers, readably: the same recorded inputs and net
    assert "- 扣分：权重 × 实际拨付金额 ÷ 同一拨付方实际拨付合计 = 3 × 1000 ÷ 16104.72 = 1.2146\n" in report
    assert "得分计算：得分 = 权重 3 − 扣分 1.2146 = 2.5，限于 0 至权重之间，四舍五入保留两位小数：1.79\n" in report


@pytest.mark.parametrize("lang, deduction, working, once", [
    ("zh", "    扣分：weight * paid_amount / total_paid = 3 * 6520 / 16104.72 = 1.2146（针对 2017 年上半年 40% 运维补贴资金）\n",
     "  得分：权重 3 − 扣分（1.2146 tranche-deadline）= 1.7854 → 限于 0 至 3 之间，四舍五入 → 1.79\n",
     "    扣分：weight / 2 = 2 / 2 = 1（整条规则扣一次）\n"),
    ("en", "    deduction: weight * paid_amount / total_paid = 3 * 6520 / 16104.72 = 1.2146 (for 2017 年上半年 40% 运维补贴资金)\n",
     "  score: weight 3 − deductions (1.2146 tranche-deadline) = 1.7854 → within [0, 3], rounded half up → 1.79\n",
     "    deduction: weight / 2 = 2 / 2 = 1 (once for the rule)\n"),
])
def test_a_leaf_s_working_and_its_deductions_are_in_the_chosen_language(golden, lang, deduction, working, once):
    """explain's working line and each deduction's scope (针对 … / for …) follow --lang, as its other labels do
    (they were English under Chinese)."""
    paper = render("explain", golden, Settings(lang=lang))
    assert deduction in paper and working in paper and once in paper
    other = ("（针对", "权重 3 − 扣分", "整条规则") if lang == "en" else ("(for ", "weight 3 − deductions", "once for the rule")
    assert [word for word in other if word in paper] == []


def test_which_facts_a_version_judges_is_the_engines_answer(split):
    assert split.trace.in_period == {"tranche-deadline": {"tranche_payments:2"},
                                     "tranche-deadline-v2": {"tranche_payments:1", "tranche_payments:3"}}
    paper = working_paper(split, rule_id="tranche-deadline")
    assert f"      · {TAIL}{OUTSIDE}\n" in paper and f"      {LATE}\n" in paper
    # the trace decides: a version said to judge no fact shows every fact outside its period
    other = Trace(split.trace.facts, split.trace.matches,
                  MappingProxyType({**split.trace.in_period, "tranche-deadline": frozenset()}))
    paper = working_paper(dataclasses.replace(split, trace=other), rule_id="tranche-deadline")
    assert paper.count(OUTSIDE) == 3


def test_a_rule_that_cannot_assess_shows_what_the_engine_matched(blocked):
    assert "tranche-deadline" in blocked.implausible
    assert not [f for f in blocked.findings if f.rule == "tranche-deadline"]  # its findings were dropped
    assert blocked.trace.matched("tranche-deadline") == {"tranche_payments:2"}
    paper = working_paper(blocked, rule_id="tranche-deadline")
    marks = [line[6] for line in paper.splitlines() if line.startswith("      ") and line[6] in "✓·"]
    assert marks == ["·", "✓", "·"] and "    触发：3 条事实中 1 条\n" in paper


def test_a_date_computes_as_its_latest_day_and_is_shown_by_name():
    env = {"weight": Decimal(3), "paid_date": FactDate("2017-10-31", "2017-10"), "tasks": 2, "answer": "no"}
    source = 'weight / tasks if paid_date > "2017-06-30" and answer == "no" else 0'
    expr = Expr(source, ast.parse(source, mode="eval").body)
    assert compute(expr, env) == Decimal("1.5")
    assert compute(Expr("d", ast.parse("paid_date", mode="eval").body), env) == "2017-10-31"
    # numbers and texts are written in; an integer or a date keeps its name (as before the trace)
    assert written_in(expr.source, env) == '3 / tasks if paid_date > "2017-06-30" and "no" == "no" else 0'
    # as written: the author's spacing and brackets are kept, nothing is re-bracketed
    assert written_in("a*b  + (c)", {"a": Decimal("1.50"), "c": "x"}) == '1.5*b  + ("x")'


# ---------------------------------------------------------------- §7: built once, immutable

def test_a_check_result_cannot_be_changed(golden):
    with pytest.raises(dataclasses.FrozenInstanceError):
        golden.inputs = {}  # check_case used to add the inputs after building the result
    for name in ("findings", "rules", "integrity", "cannot_assess", "rule_gaps", "history"):
        with pytest.raises(AttributeError):
            getattr(golden, name).append(None)
    for mapping in (golden.tables, golden.implausible, golden.suspect, golden.families, golden.inputs,
                    golden.inputs["rules"], golden.trace.facts, golden.findings[0].inputs,
                    golden.findings[0].evidence[0], golden.findings[0].evidence[0]["values"]):
        with pytest.raises(TypeError):
            mapping["x"] = None
    with pytest.raises(dataclasses.FrozenInstanceError):
        golden.findings[0].deduction = Decimal(0)


@pytest.mark.parametrize("which", ["golden", "split", "blocked"])
def test_every_part_of_a_result_is_a_tuple_or_a_read_only_mapping(request, which):
    result = request.getfixturevalue(which)
    for field in dataclasses.fields(result):
        value = getattr(result, field.name)
        assert not isinstance(value, (list, dict, set)), field.name
        if isinstance(value, MappingProxyType) and field.name != "families":  # families: the rulebook's
            assert not any(isinstance(v, (list, dict, set)) for v in value.values()), field.name
    assert all(isinstance(rows, tuple) for rows in result.tables.values())
    assert all(isinstance(notes, tuple) for notes in result.implausible.values())
    assert all(isinstance(s.notes, tuple) for s in result.suspect.values())
    for finding in result.findings:
        assert isinstance(finding.inputs, MappingProxyType)
        assert all(isinstance(e, MappingProxyType) and isinstance(e.get("values", MappingProxyType({})),
                                                                  MappingProxyType) for e in finding.evidence)
    trace = result.trace
    assert isinstance(trace.facts, MappingProxyType) and isinstance(trace.matches, tuple)
    assert isinstance(trace.in_period, MappingProxyType)
    assert all(isinstance(ids, frozenset) for ids in trace.in_period.values())


def test_a_result_is_built_with_every_field():
    assert all(f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
               for f in dataclasses.fields(CheckResult))


def test_what_a_result_holds_cannot_be_changed(rulebook):
    """The review: result.families['budget']['x'] = 1 and a finding's fact's values could be
    changed after the check; every output would then render something else."""
    result = check_case(SHANGHAI_2017, rulebook)
    family = next(iter(result.families))
    with pytest.raises(TypeError):
        result.families[family]["x"] = 1
    fact = next(f for f in result.findings if f.rows).rows[0]
    with pytest.raises(TypeError):
        fact.values["paid_amount"] = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.values = {}
    with pytest.raises(TypeError):
        result.tables["disbursements"][0].values["paid_amount"] = 0
