"""`jixiao new rule` and `jixiao new scheme` for a new project: what they write passes
`jixiao lint` and `jixiao test` once the author has filled in what only the author knows."""

import shutil

import pytest

from jixiao.authoring.examples import example_facts, labels_of
from jixiao.authoring.ruletests import RuleCase, load_rule_tests, run_case
from jixiao.check.case import check_case
from jixiao.check.derive import derive
from jixiao.check.integrity import check_integrity
from jixiao.check.plausibility import check_plausibility
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.load.case_folder import case_from_records

from conftest import DONGGUAN_2015, RULES

SCHEME = "rules/schemes/shanghai-om-subsidy.yaml"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def new_rule(capsys, rules_dir, rule_id, table, indicator="B342", family="management", scheme="shanghai-om-subsidy"):
    return run(capsys, "new", "rule", rule_id, "--family", family, "--scheme", scheme, "--indicator", indicator,
               "--table", table, "--year", "2017", "--rules", rules_dir)


def fill_in(path, where, firing_facts: dict):
    """What the author writes: the rule's texts and condition; the facts of the firing case."""
    text = path.read_text(encoding="utf-8")
    lines = [line.split("#")[0].rstrip() for line in text.splitlines()]
    text = "\n".join(line.replace("TODO", "填写") for line in lines) + "\n"
    where_line = next(line for line in text.splitlines() if line.startswith("  where: "))
    path.write_text(text.replace(where_line, f"  where: {where}"), encoding="utf-8")
    test = path.with_name(path.stem + ".test.yaml")
    firing, quiet = test.read_text(encoding="utf-8").split("  - name: TODO 规则不应触发的情形")
    for old, new in firing_facts.items():
        assert old in firing
        firing = firing.replace(old, new)
    test.write_text((firing + "  - name: 规则不应触发的情形" + quiet).replace("TODO ", ""), encoding="utf-8")


def lint_and_test(capsys, rules_dir, rule_id):
    code, out, err = run(capsys, "lint", rules_dir)
    assert (code, err) == (0, "") and out.strip().endswith("no errors, 0 warnings"), out + err
    code, out, _ = run(capsys, "test", rules_dir, "--rule", rule_id)
    assert code == 0 and out.splitlines()[-1] == "2 passed, 0 failed", out


# (table, leaf, the author's condition, the edit that makes the first case's facts break it, fires_on)
SCAFFOLDS = [
    ("operator_practices", "B232", 'separate_account == "no"', {"separate_account: 'yes'": "separate_account: 'no'"},
     "[运维商1]"),
    # derived, from targets and outcomes joined on metric: the scaffold wrote metric_results rows
    # (a value against its target states the direction it reads, in `where` and in the scaffold's `requires`)
    ("metric_results", "C24", 'direction == "at_least" and value < target', {"value: 1, baseline": "value: 0.5, baseline"},
     "[指标代码1]"),
    # derived, one row a case (label: row)
    ("budget_execution", "B11", "execution_rate < 1", {"amount: 1}\n      expenditures": "amount: 2}\n      expenditures"},
     "['budget_execution:1']"),
]


@pytest.mark.parametrize("table, leaf, where, edit, fires_on", SCAFFOLDS)
def test_a_scaffolded_rule_filled_in_passes_lint_and_test(capsys, rules_dir, table, leaf, where, edit, fires_on):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    text = scheme.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if f"{{id: {leaf}," in line)
    scheme.write_text(text.replace(line, line.replace("]}", ", my-rule]}")), encoding="utf-8")  # listed first
    code, out, err = new_rule(capsys, rules_dir, "my-rule", table, leaf)
    assert (code, err) == (0, ""), err
    assert out.splitlines()[-1] == "next: fill in every TODO in both files; then run `jixiao lint` and `jixiao test`"
    test = (rules_dir / "management" / "my-rule.test.yaml").read_text(encoding="utf-8")
    assert f"expect: {{fires_on: {fires_on}, deduction: 1," in test and "scheme: shanghai-om-subsidy\n" in test
    fill_in(rules_dir / "management" / "my-rule.yaml", where, edit)
    lint_and_test(capsys, rules_dir, "my-rule")


def test_a_rule_on_a_derived_table_is_tested_with_the_tables_it_is_derived_from(capsys, rules_dir):
    assert new_rule(capsys, rules_dir, "my-rule", "metric_results", "C24")[0] == 0
    test = (rules_dir / "management" / "my-rule.test.yaml").read_text(encoding="utf-8")
    assert "metric_results:" not in test and "(metric_results is derived from them: targets, outcomes)" in test
    assert test.count("      targets:\n        - {metric: 指标代码1, ") == 2
    assert test.count("      outcomes:\n        - {metric: 指标代码1, ") == 2


def test_a_new_rule_the_scheme_lists_on_another_leaf_is_refused(capsys, rules_dir):
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("rules: [separate-accounting]",
                                                                  "rules: [separate-accounting, my-rule]"),
                      encoding="utf-8")
    code, _, err = new_rule(capsys, rules_dir, "my-rule", "operator_practices", "B342")
    assert code == 2
    assert "--indicator: shanghai-om-subsidy lists my-rule on leaf B232; found 'B342'; allowed: B232" in err
    assert not (rules_dir / "management" / "my-rule.yaml").exists()


def test_the_example_facts_of_every_table_load_and_give_it_a_labelled_row():
    rulebook = load_rulebook(RULES)
    for table, schema in rulebook.schemas.tables.items():
        facts = example_facts(rulebook, table, 2017)
        assert all(not rulebook.schemas.tables[name].derived for name in facts), table
        case = case_from_records("example", "example", 2017, "", facts, rulebook.schemas)
        derived = derive(case, rulebook.schemas)
        notes = check_integrity(case, rulebook.schemas) + check_plausibility(case, rulebook.schemas, derived)
        assert notes == [], (table, [n.message for n in notes])
        labels = labels_of(rulebook, table, 2017, facts)
        assert labels, table
        if schema.label in schema.columns:  # named by its label column, not by row number
            assert all(":" not in label for label in labels), (table, labels)
        else:
            assert schema.label == "row" and labels == [f"{table}:1"]


def test_every_table_says_how_its_rows_are_named_and_lint_says_when_one_does_not(capsys, rules_dir):
    assert all(schema.label for schema in load_rulebook(RULES).schemas.tables.values())
    path = rules_dir / "tables" / "funds_in_place.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: row", "label: rows"), encoding="utf-8")
    code, _, err = run(capsys, "lint", rules_dir)
    assert code == 2 and ("funds_in_place.yaml:5 [label]: label column is not a column; found 'rows'; allowed: a "
                          "column, or `row` (rows named <table>:<row number>)") in err
    path.write_text(path.read_text(encoding="utf-8").replace("label: rows", ""), encoding="utf-8")
    code, out, _ = run(capsys, "lint", rules_dir)
    assert code == 0 and out.splitlines()[0] == (
        f"warning: {path}: no `label:` says how rule tests and findings name its rows: add `label: COLUMN` (e.g. "
        "its key), or `label: row` for a table of one row a case (funds_in_place:1)")


# ---------------------------------------------------------------- jixiao new scheme

LEAVES = """\
id,name,weight,rule,parent,parent_name
A1,立项依据充分性,10,strategic-fit,A,决策
A2,立项程序规范性,10,approval-documents,A,决策
B1,预算执行率,10,budget-execution,B,过程
B2,资金到位率,10,funds-in-place,B,过程
B3,资金使用合规性,10,funds-use-compliant,B,过程
B4,成本控制,10,cost-control,B,过程
C1,完成率,10,completion-rate,C,产出
C2,完成及时性,10,completion-on-time,C,产出
C3,质量达标率,10,output-quality,C,产出
D1,效果实现,10,effects-achieved,D,效益
"""

PINNED = ["budget/cost-control", "budget/funds-in-place", "outcomes/effects-achieved", "outputs/completion-on-time",
          "outputs/completion-rate", "outputs/output-quality"]


def test_a_scheme_from_a_list_of_leaves_loads_passes_lint_and_test_and_scores_a_case(capsys, rules_dir, tmp_path):
    bundled = load_rulebook(rules_dir)  # every bundled scheme and rule test case, however many there are
    schemes, cases = len(bundled.schemes) + 1, sum(map(len, load_rule_tests(bundled).values()))
    leaves = tmp_path / "leaves.csv"
    leaves.write_text(LEAVES, encoding="utf-8")
    code, out, err = run(capsys, "new", "scheme", "renovation-self-check", "--name", "校舍改造项目绩效评价指标体系",
                         "--leaves", leaves, "--rules", rules_dir)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"created {rules_dir / 'schemes' / 'renovation-self-check.yaml'}"
    # these rules' tests name no scheme and ran under national-it-construction, which weighs them 5 or 8, not 10
    assert [line.split()[1] for line in out.splitlines() if line.startswith("pinned ")] == [
        str(rules_dir / f"{name}.test.yaml") for name in PINNED]
    assert "scheme: national-it-construction   # pinned by `jixiao new scheme renovation-self-check`: these cases " \
           "assume its weights\n" in (rules_dir / "budget" / "cost-control.test.yaml").read_text(encoding="utf-8")
    scheme = load_rulebook(rules_dir).schemes["renovation-self-check"]
    assert [(i.id, i.parent, i.weight) for i in scheme.roots] == [("A", None, 20), ("B", None, 40), ("C", None, 30),
                                                                  ("D", None, 10)]
    assert [(leaf.id, leaf.name, leaf.weight, leaf.rules) for leaf in scheme.leaves][:2] == [
        ("A1", "立项依据充分性", 10, ("strategic-fit",)), ("A2", "立项程序规范性", 10, ("approval-documents",))]
    assert scheme.max == 100 and [(g.name, g.min) for g in scheme.grades] == [("优", 90), ("良", 80), ("中", 60),
                                                                             ("差", 0)]
    code, out, _ = run(capsys, "lint", rules_dir)
    tables = len(load_rulebook(rules_dir).schemas.tables)  # counted, not written down: a new table breaks nothing
    assert code == 0 and out.strip().endswith(
        f"{schemes} scheme(s), {tables} fact tables, {cases} rule test cases: no errors, 0 warnings")
    code, out, _ = run(capsys, "test", rules_dir)
    assert code == 0 and out.splitlines()[-1] == f"{cases} passed, 0 failed"
    case = tmp_path / "facts" / "dongguan" / "2015"
    shutil.copytree(DONGGUAN_2015, case)
    manifest = case / "case.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("scheme: national-it-construction",
                                                                     "scheme: renovation-self-check"), encoding="utf-8")
    result = check_case(case, load_rulebook(rules_dir))
    assert result.scheme.id == "renovation-self-check" and len(result.cannot_assess) == 0
    assert {leaf: str(result.scores.get(leaf).score) for leaf in ("B1", "B2", "D1")} == {
        "B1": "6.49", "B2": "10.00", "D1": "5.00"}


def test_a_scheme_from_leaf_options_scored_out_of_their_sum(capsys, rules_dir):
    code, out, err = run(capsys, "new", "scheme", "two-leaves", "--name", "两项指标", "--leaf",
                         "X1:预算执行率:6:budget-execution", "--leaf", "X2:资金到位率:4:funds-in-place",
                         "--rules", rules_dir)
    assert (code, err) == (0, "")
    text = (rules_dir / "schemes" / "two-leaves.yaml").read_text(encoding="utf-8")
    assert "max: 10   # the sum of the weights: scored out of 10\n" in text
    assert "  - {id: X1, name: 预算执行率, weight: 6, rules: [budget-execution]}\n" in text
    scheme = load_rulebook(rules_dir).schemes["two-leaves"]
    assert scheme.max == 10 and [g.min for g in scheme.grades] == [9, 8, 6, 0]
    assert run(capsys, "test", rules_dir)[0] == 0


def test_a_scheme_from_wrong_leaves_is_refused_with_every_problem(capsys, rules_dir, tmp_path):
    leaves = tmp_path / "leaves.yaml"
    leaves.write_text("- {id: X1, name: 预算执行率, weight: 10, rule: budget-executon}\n"
                      "- {id: X1, name: 资金到位率, weight: ten, rule: funds-in-place}\n"
                      "- {id: X3, name: 资金使用, weight: 10, rules: [funds-in-place], weigth: 1}\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "scheme", "wrong", "--name", "错", "--leaves", leaves, "--rules", rules_dir)
    assert (code, out) == (2, "")
    assert f"{leaves}:2 [weight]: the weight is a number above 0; found 'ten'" in err
    assert f"{leaves}:3 [weigth]: unknown column (did you mean 'weight'?)" in err
    leaves.write_text("- {id: X1, name: 预算执行率, weight: 10, rule: budget-executon}\n"
                      "- {id: X1, name: 资金到位率, weight: 10, rule: funds-in-place}\n"
                      "- {id: X3, name: 资金使用, weight: 10, rules: [funds-in-place]}\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "scheme", "wrong", "--name", "错", "--leaves", leaves, "--rules", rules_dir)
    assert (code, out) == (2, "")
    assert "X1 [rule]: no rule with this id (did you mean 'budget-execution'?); found 'budget-executon'" in err
    assert "X1: indicator id used twice (as a leaf, or as a leaf and a parent)" in err
    assert "X3 [rule]: rule funds-in-place feeds X1 already: its findings would count twice" in err
    assert not (rules_dir / "schemes" / "wrong.yaml").exists()
    code, _, err = run(capsys, "new", "scheme", "shanghai-om-subsidy", "--name", "x", "--leaf", "X:x:1:strategic-fit",
                       "--rules", rules_dir)
    assert code == 2 and "shanghai-om-subsidy: a scheme with this id exists already" in err


# ---------------------------------------------------------------- which scheme a rule test runs under

def copy_scheme(rules_dir, new_id, edit=("", "")):
    text = (rules_dir / "schemes" / "shanghai-om-subsidy.yaml").read_text(encoding="utf-8")
    text = text.replace("\nid: shanghai-om-subsidy\n", f"\nid: {new_id}\n").replace(*edit)
    (rules_dir / "schemes" / f"{new_id}.yaml").write_text(text, encoding="utf-8")


def test_a_rule_test_naming_no_scheme_runs_under_any_scheme_giving_its_leaf_one_weight(capsys, rules_dir):
    copy_scheme(rules_dir, "a-copy")  # separate-accounting: B232, weight 2, in both
    code, out, _ = run(capsys, "test", rules_dir, "--rule", "separate-accounting")
    assert code == 0 and out.splitlines()[-1] == "3 passed, 0 failed"


def test_a_rule_test_naming_no_scheme_asks_which_when_the_weights_differ(capsys, rules_dir):
    # B232 weighs 3 in the copy (and B21 1, so that B2 still weighs its 10)
    copy_scheme(rules_dir, "a-copy", ("{id: B21, name: 资金使用规范性, weight: 2,", "{id: B21, name: 资金使用规范性, weight: 1,"))
    text = (rules_dir / "schemes" / "a-copy.yaml").read_text(encoding="utf-8")
    text = text.replace("{id: B232, name: 运维商财务管理制度执行有效性, weight: 2,",
                        "{id: B232, name: 运维商财务管理制度执行有效性, weight: 3,")
    (rules_dir / "schemes" / "a-copy.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "test", rules_dir, "--rule", "separate-accounting")
    test = rules_dir / "separate-accounting" / "separate-accounting.test.yaml"
    assert code == 1 and out.splitlines()[-1] == "0 passed, 3 failed"
    assert out.splitlines()[1].startswith(
        f"        {test}:4: rule separate-accounting is used by 2 schemes with different weights: a-copy (weight 3), "
        "shanghai-om-subsidy (weight 2); say which with 'scheme' (in the case, or once at the top of the file)")


def test_a_rule_test_giving_a_weight_runs_on_a_leaf_of_that_weight_whatever_uses_the_rule(rulebook):
    facts = {"operator_practices": [{"operator": "甲", "separate_account": "no"}]}
    stand_in = RuleCase("separate-accounting", "x", "t.yaml", 1, 2017, None, facts,
                        {"fires_on": ["甲"], "deduction": 2.5, "score": 2.5}, weight=5)
    shanghai = RuleCase("separate-accounting", "x", "t.yaml", 1, 2017, None, facts,
                        {"fires_on": ["甲"], "deduction": 1, "score": 1})  # B232 weighs 2
    assert run_case(stand_in, rulebook).problems == [] and run_case(shanghai, rulebook).problems == []
