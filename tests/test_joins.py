"""Rules over several tables (when.match / when.join): loading, the engine against the plain
meaning, findings naming every joined row, explain. The two example rules live in a test-only
rule book (tests/rulebooks/joins): bundling them would move the golden totals."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from jixiao.authoring.ruletests import load_test_file, run_case
from jixiao.check.case import check_case
from jixiao.check.history import fingerprint
from jixiao.check.rulebook import load_rulebook
from jixiao.lang.conditions import combinations, holds, may_hold, tree_fields
from jixiao.model.problems import InputError
from jixiao.report.explain import working_paper

from conftest import RULES, SHANGHAI_2017, set_csv_cell

JOINS = Path(__file__).resolve().parent / "rulebooks" / "joins" / "cross-table"
LARGE = "large-allocation-without-separate-account"
PAYEE = "payee-not-an-operator"


def joins_rulebook_dir(target: Path) -> Path:
    """rules/ with the cross-table family added, its rules bound to two Shanghai leaves."""
    shutil.copytree(RULES, target)
    shutil.copytree(JOINS, target / "cross-table")
    with open(target / "families.yaml", "a", encoding="utf-8") as handle:
        handle.write("cross-table: {title: 跨表核对, title_en: Cross-table checks}\n")
    scheme = target / "schemes" / "shanghai-om-subsidy.yaml"
    text = scheme.read_text(encoding="utf-8")
    for old, new in (("rules: [separate-accounting]", f"rules: [separate-accounting, {LARGE}]"),
                     ("rules: [tranche-paid]", f"rules: [tranche-paid, {PAYEE}]")):
        assert old in text
        text = text.replace(old, new)
    scheme.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def joins_dir(tmp_path_factory):
    return joins_rulebook_dir(tmp_path_factory.mktemp("joins") / "rules")


@pytest.fixture(scope="module")
def joins_book(joins_dir):
    return load_rulebook(joins_dir)


def fixed_case(case_copy: Path) -> Path:
    """The Shanghai facts with the one operator name allocations.csv spells differently made
    equal (otherwise every rule reading operator names cannot assess)."""
    set_csv_cell(case_copy / "allocations.csv", {"no": "5"}, "operator", "上海外高桥英得网络信息技术有限公司")
    return case_copy


# ------------------------------------------------------------------ the example rules

@pytest.mark.parametrize("rule", [LARGE, PAYEE])
def test_the_example_rules_pass_their_rule_tests(joins_book, rule):
    cases = load_test_file(JOINS / f"{rule}.test.yaml", joins_book)
    assert len(cases) == 3
    outcomes = [run_case(case, joins_book) for case in cases]
    assert [(o.case.name, o.problems) for o in outcomes] == [(c.name, []) for c in cases]


def test_an_operator_with_a_large_allocation_and_no_separate_account_is_found_with_every_joined_row(
        joins_book, case_copy):
    result = check_case(fixed_case(case_copy), joins_book)
    found = [f for f in result.findings if f.rule == LARGE]
    # 英迪, 海勃, 龙图 and 高斯 keep no separate account either, but were allocated 100 万元 or less
    assert [f.text for f in found] == ["九城公司分配运维补贴 282.7 万元（超过 100 万元），未对支出专账核算。",
                                       "榕基公司分配运维补贴 226.9 万元（超过 100 万元），未对支出专账核算。"]
    first = found[0]
    assert first.deduction == Decimal("0.5")
    assert [dict(e) for e in first.evidence] == [
        {"file": "operator_practices.csv", "row": 3, "line": 4, "alias": "practice",
         "values": {"operator": "北京九城口岸软件科技有限公司", "separate_account": "no"}},
        {"file": "allocations.csv", "row": 3, "line": 4, "alias": "allocation",
         "values": {"amount": 282.7, "operator": "北京九城口岸软件科技有限公司"}},
        {"file": "operators.csv", "row": 3, "line": 4, "alias": "operator",
         "values": {"operator": "北京九城口岸软件科技有限公司", "role": "collaborating"}},
    ]
    assert LARGE not in {r.id for r in result.cannot_assess}
    # year over year, a match is told apart by every row it joined (one row may match with several)
    assert first.fingerprint == fingerprint(LARGE, "match", "北京九城口岸软件科技有限公司 + 北京九城口岸软件科技有限公司 + 九城公司")


def test_a_payment_to_a_payee_not_among_the_operators_is_found(joins_book, case_copy):
    fixed_case(case_copy)
    clean = check_case(case_copy, joins_book)
    assert [f for f in clean.findings if f.rule == PAYEE] == []
    assert PAYEE not in {r.id for r in clean.cannot_assess}
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "payee", "某某公司")
    result = check_case(case_copy, joins_book)
    (found,) = [f for f in result.findings if f.rule == PAYEE]
    assert found.text == "补贴资金拨付给了运维商名单以外的单位：2017 年下半年 40% 运维补贴资金。"
    assert found.deduction == Decimal(3)
    assert [(e["file"], e["line"], e["alias"]) for e in found.evidence] == [("disbursements.csv", 4, "payment")]


def test_the_example_rules_read_the_suspect_operator_name_and_cannot_assess(joins_book):
    """In the bundled Shanghai facts one allocation names an operator not in operators.csv (an
    integrity note): both rules join on operator names and cannot assess."""
    result = check_case(SHANGHAI_2017, joins_book)
    assert {LARGE, PAYEE} <= set(result.implausible)


def test_explain_shows_each_alias_the_joins_and_every_joined_row(joins_book, case_copy):
    result = check_case(fixed_case(case_copy), joins_book)
    text = working_paper(result, LARGE)
    assert ("    条件 — 多表联合（按相同取值连接各表的行）：\n"
            "      practice：operator_practices 的一行（条件 separate_account == \"no\"）（本规则的事实）\n"
            "      allocation：allocations 的一行（条件 amount > threshold）\n"
            "      operator：operators 的一行（条件 role == \"collaborating\"）\n"
            "      连接：allocation.operator == practice.operator\n"
            "      连接：operator.operator == practice.operator\n") in text
    assert ("      ✓ practice operator_practices.csv:4 北京九城口岸软件科技有限公司 + allocation allocations.csv:4 "
            "北京九城口岸软件科技有限公司 + operator operators.csv:4 九城公司\n") in text
    negated = working_paper(result, PAYEE)
    assert "      payee：operators 中没有一行（任一行），按下列连接\n" in negated
    assert "      连接：payee.operator == payment.payee\n" in negated


def test_explain_says_each_alias_as_condition_shown_gives_it(joins_book, case_copy, monkeypatch):
    """explain's lines of a rule over several tables are the per-alias texts of
    jixiao.lang.formulas (alias_conditions, joins_shown: the one place that writes a method's
    parameters into a condition), not a second formatting of its own (issue 12 point 6)."""
    import jixiao.report.explain as explain

    result = check_case(fixed_case(case_copy), joins_book)
    (rule,) = [r for r in result.rules if r.id == LARGE]
    assert [(alias.name, where) for alias, where in explain.alias_conditions(rule, 2017)] == [
        ("practice", 'separate_account == "no"'), ("allocation", "amount > threshold"),
        ("operator", 'role == "collaborating"')]
    monkeypatch.setattr(explain, "alias_conditions", lambda rule, year: [(a, f"<{a.name}>") for a in rule.aliases])
    monkeypatch.setattr(explain, "joins_shown", lambda rule: ["<join>"])
    text = working_paper(result, LARGE)
    assert ("      practice：operator_practices 的一行（条件 <practice>）（本规则的事实）\n"
            "      allocation：allocations 的一行（条件 <allocation>）\n"
            "      operator：operators 的一行（条件 <operator>）\n"
            "      连接：<join>\n    ") in text


# ------------------------------------------------------------------ the plain meaning

TREE = ("join", (("p", "practices", False, ("cmp", "eq", "sep", ("lit", "no"))),
                 ("a", "allocations", False, ("cmp", "gt", "amount", ("lit", 100))),
                 ("x", "operators", True, None)),
        (("a", "operator", "p", "operator"), ("x", "operator", "p", "operator")))


class Row:
    def __init__(self, **values):
        self.values = values


def test_the_meaning_of_a_join_with_an_absent_alias():
    practices = [Row(operator="A", sep="no"), Row(operator="B", sep="no"), Row(sep="no")]
    allocations = [Row(operator="A", amount=Decimal(200)), Row(operator="B", amount=Decimal(200)),
                   Row(operator="A", amount=Decimal(50))]
    operators = [Row(operator="B")]
    found = combinations(TREE, {"practices": practices, "allocations": allocations, "operators": operators})
    assert found == [(practices[0], allocations[0])]
    assert holds(TREE, {"p": {"operator": "A", "sep": "no"}, "a": {"operator": "A", "amount": 101},
                        "x": [{"operator": "B"}]})
    assert not holds(TREE, {"p": {"operator": "A", "sep": "no"}, "a": {"operator": "A", "amount": 101},
                            "x": [{"operator": "A"}]})
    assert tree_fields(TREE) == {"p.sep", "p.operator", "a.amount", "a.operator", "x.operator"}
    assert may_hold(TREE, {}, {"a.amount"}) is None


# ------------------------------------------------------------------ load-time checks

def write_rule(rules: Path, when: dict, finding: str = "共 {count} 项：{labels}") -> Path:
    path = rules / "cross-table" / "probe.yaml"
    path.write_text(yaml.safe_dump({
        "id": "probe", "title": "probe", "family": "cross-table", "source": {"document": "d"},
        "effective": {"from": "2017-01-01"}, "when": when, "deduct": {"points": 1, "per": "match"},
        "finding": finding, "recommendation": {"text": "r"}}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load_problems(rules: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rulebook(rules)
    return [f"{p.key}: {p.message}" + (f" [found {p.found}]" if p.found is not None else "")
            for p in caught.value.problems if p.file.endswith("probe.yaml")]


PRACTICE = {"table": "operator_practices", "where": 'separate_account == "no"'}


@pytest.mark.parametrize("when, expected", [
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocation", "where": "amount > 100"}},
      "join": ["allocation.operator == practice.operator"]},
     ["when.match.allocation.table: unknown fact table (did you mean 'allocations'?) [found allocation]"]),
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocations"}},
      "join": ["allocaton.operator == practice.operator"]},
     ["when.join: unknown alias 'allocaton' (did you mean 'allocation'?) "
      "[found allocaton.operator == practice.operator]"]),
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocations"}},
      "join": ["allocation.operater == practice.operator"]},
     ["when.join: allocation (allocations) has no column 'operater' (did you mean 'operator'?) "
      "[found allocation.operater == practice.operator]"]),
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocations"}},
      "join": ["allocation.amount == practice.operator"]},
     ["when.join: joins columns of different types: allocation.amount (number, 分配金额) and practice.operator "
      "(text, 运维商) are never equal [found allocation.amount == practice.operator]"]),
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocations", "where": "amout > 100"}},
      "join": ["allocation.operator == practice.operator"]},
     ["when.match.allocation.where: condition of allocation (allocations): unknown field 'amout' (did you mean "
      "'amount'?); fields: amount, no, note, operator [found amout > 100]"]),
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocations"}, "op": {"table": "operators"}},
      "join": ["allocation.operator == practice.operator"]},
     ["when.join: alias op (operators) is joined to nothing: every row of it would pair with every row of "
      "the others; add an equality to when.join"]),
    ({"match": {"practice": {**PRACTICE, "absent": True}, "allocation": {"table": "allocations"}},
      "join": ["allocation.operator == practice.operator"]},
     ["when.match.practice.absent: absent: true marks a row that must not exist; the first alias is the rule's "
      "own table, whose rows the findings are about [found True]"]),
    ({"table": "operators", "match": {"practice": PRACTICE, "allocation": {"table": "allocations"}},
      "join": ["allocation.operator == practice.operator"]},
     ["when.table: a rule reads one table (when.table and when.where) or several (when.match and when.join), "
      "not both"]),
    ({"match": {"practice": PRACTICE, "allocation": {"table": "allocations"}}, "join": ["allocation.operator = x"]},
     ["when.join: a join is alias.column == alias.column [found allocation.operator = x]"]),
    ({"match": {"practice": PRACTICE, "x": {"table": "operators", "absent": True},
                "y": {"table": "allocations", "absent": True}},
      "join": ["x.operator == practice.operator", "y.operator == x.operator"]},
     ["when.join: y and x are both absent: join an absent alias to one that is matched "
      "[found y.operator == x.operator]"]),
])
def test_a_broken_join_is_refused_at_load_with_its_line(joins_dir, tmp_path, when, expected):
    rules = shutil.copytree(joins_dir, tmp_path / "rules")
    write_rule(rules, when)
    assert load_problems(rules) == expected


def test_a_finding_text_may_name_joined_columns_but_not_unknown_ones(joins_dir, tmp_path):
    rules = shutil.copytree(joins_dir, tmp_path / "rules")
    when = {"match": {"practice": PRACTICE, "allocation": {"table": "allocations"}},
            "join": ["allocation.operator == practice.operator"]}
    write_rule(rules, when, "{allocation.amount|n2} {allocation.amont}")
    (problem,) = load_problems(rules)
    assert problem.startswith("finding: placeholder {allocation.amont} names nothing (did you mean "
                              "'allocation.amount'?)")


def test_a_rule_over_several_tables_cannot_declare_parameters_for_a_leaf_to_give(joins_dir, tmp_path):
    """A leaf's `with:` is bound into one table's condition (jixiao.load.methods): a join rule
    declaring `parameters:` would be applied with its joins lost, so it is refused at load."""
    rules = shutil.copytree(joins_dir, tmp_path / "rules")
    when = {"match": {"practice": PRACTICE, "allocation": {"table": "allocations", "where": "amount > threshold"}},
            "join": ["allocation.operator == practice.operator"]}
    path = write_rule(rules, when)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["parameters"] = {"threshold": {"type": "number", "default": 100, "meaning": "金额门槛（万元）"}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_problems(rules) == ["parameters: parameters: are for a rule over one table (when.table); a rule "
                                    "over several tables takes dated params:"]


def test_without_the_operators_table_no_payee_is_said_to_be_missing_from_it(joins_book, case_copy):
    """An absent alias over a table the case does not have: nothing shows the row is not there,
    so the rule cannot assess (it does not find every payment)."""
    fixed_case(case_copy)
    operators = case_copy / "operators.csv"
    operators.write_text(operators.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = check_case(case_copy, joins_book)
    assert [f for f in result.findings if f.rule == PAYEE] == []
    assert PAYEE in {r.id for r in result.cannot_assess} and PAYEE not in result.implausible
    text = working_paper(result, PAYEE)
    assert ("    无法评价：没有事实满足 requires：some fact of disbursements; and facts of operators\n"
            "    请提供：项目单位向主运维商拨付运维补贴资金，按批次（disbursements）、"
            "运维商及其承担的功能模块（operators）：用于核查“补贴资金应拨付给运维商”\n") in text


def test_the_authoring_guide_shows_the_example_rules_as_they_are():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Rules over several tables"):doc.index("## Reference")]
    blocks = [yaml.safe_load(b) for b in section.split("```yaml\n")[1:] for b in [b.split("```")[0]]]
    rules = {name: yaml.safe_load((JOINS / f"{name}.yaml").read_text(encoding="utf-8")) for name in (LARGE, PAYEE)}
    assert blocks[0]["when"] == rules[LARGE]["when"] and blocks[0]["deduct"] == rules[LARGE]["deduct"]
    assert blocks[1]["when"] == rules[PAYEE]["when"]


def test_a_join_rule_in_force_for_part_of_the_year_judges_only_its_own_rows_dated_then(joins_dir, tmp_path,
                                                                                       case_copy):
    """The period of a rule over several tables dates the rows of its first table (here a
    tranche by its due date); the other tables are read whatever their dates."""
    rules = shutil.copytree(joins_dir, tmp_path / "rules")
    path = rules / "cross-table" / f"{PAYEE}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("effective: {from: 2016-01-01}",
                                                             "effective: {from: 2017-07-01}"), encoding="utf-8")
    book = load_rulebook(rules)
    fixed_case(case_copy)
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "payee", "某某公司")  # due 2017-06-30
    assert [f for f in check_case(case_copy, book).findings if f.rule == PAYEE] == []
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "payee", "某某公司")  # due 2017-12-31
    (found,) = [f for f in check_case(case_copy, book).findings if f.rule == PAYEE]
    assert found.text == "补贴资金拨付给了运维商名单以外的单位：2017 年下半年 40% 运维补贴资金。"
