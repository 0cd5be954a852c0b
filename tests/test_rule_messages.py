"""A broken rule file's problems are said in Chinese by default and in English with --lang en
(the same catalogue keys: jixiao/model/catalogue.py); the English wording is the one the other
tests of rule files assert."""

import shutil
import textwrap

import pytest

from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.model.problems import InputError

from test_joins import PRACTICE, joins_dir, write_rule  # noqa: F401 (joins_dir: a fixture)
from test_rule_files import GOOD_RULE


def problems(rules_dir, text, lang):
    (rules_dir / "separate-accounting" / "sample-rule.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    return [p.render(lang).split("sample-rule.yaml", 1)[1] for p in error.value.problems]


KEYS = "deduct, effective, family, finding, grades, id, library, notes, parameters, params, recommendation, replaces, " \
       "request, requires, source, title, title_en, when"


@pytest.mark.parametrize("old, new, zh, en", [
    ("family: separate-accounting\n", "family: separate-accounting\ntitel: 多余\n",
     f":4 [titel]：无法识别的键（是否应为 'title'？）；可填：{KEYS}",
     f":4 [titel]: unknown key (did you mean 'title'?); allowed: {KEYS}"),
    ("table: operator_practices", "table: operator_practice",
     ":7 [when.table]：无法识别的基础数据表（是否应为 'operator_practices'？）；填写的是 'operator_practice'",
     ":7 [when.table]: unknown fact table (did you mean 'operator_practices'?); found 'operator_practice'"),
    ("points: 1", "formula: weight * shaer",
     ":10 [deduct.formula]：公式引用了未知名称“shaer”；填写的是 'weight * shaer'；可填：count, weight",
     ":10 [deduct.formula]: formula reads unknown name 'shaer'; found 'weight * shaer'; allowed: count, weight"),
    ("共 {count} 家", "共 {cuont} 家",
     ":12 [finding]：占位符 {cuont} 不指向任何内容（是否应为 'count'？）；填写的是 '{cuont}'；"
     "可填：case.department, case.project, case.unit, case.unit_short, check_year, count, deduction, labels, "
     "labels_brief, prior_year, weight",
     ":12 [finding]: placeholder {cuont} names nothing (did you mean 'count'?); found '{cuont}'; "
     "allowed: case.department, case.project, case.unit, case.unit_short, check_year, count, deduction, labels, "
     "labels_brief, prior_year, weight"),
    ("title: 示例规则\n", "",
     ":1 [title]：缺少必填键", ":1 [title]: missing required key"),
    ("title: 示例规则\n", "title: 示例规则\nreplaces: zzzz-qqqq\n",
     ":3 [replaces]：replaces 未指向其他规则；填写的是 'zzzz-qqqq'；可填：本规则作为其新版本的规则的 id",
     ":3 [replaces]: replaces no other rule; found 'zzzz-qqqq'; allowed: the id of the rule this one is a new "
     "version of"),
])
def test_a_broken_rule_is_said_in_chinese_and_in_english(rules_dir, old, new, zh, en):
    text = GOOD_RULE.replace(old, new)
    said_zh, said_en = problems(rules_dir, text, "zh"), problems(rules_dir, text, "en")
    assert [s.split("；可填：")[0] if "when.table" in s else s for s in said_zh] == [zh]
    assert [s.split("; allowed:")[0] if "when.table" in s else s for s in said_en] == [en]


def test_lint_says_a_broken_rule_in_the_chosen_language(rules_dir, monkeypatch, capsys):
    (rules_dir / "separate-accounting" / "sample-rule.yaml").write_text(
        GOOD_RULE.replace("title: 示例规则\n", ""), encoding="utf-8")
    monkeypatch.delenv("JIXIAO_LANG", raising=False)
    assert main(["lint", str(rules_dir)]) == 2
    said = capsys.readouterr()
    assert "sample-rule.yaml:1 [title]：缺少必填键" in said.out + said.err
    assert main(["lint", str(rules_dir), "--lang", "en"]) == 2
    said = capsys.readouterr()
    assert "sample-rule.yaml:1 [title]: missing required key" in said.out + said.err


@pytest.mark.parametrize("old, new, zh", [
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {cod: completed}}",
     ["[B1.rules.with.cod]：规则 attainment 没有参数“cod”（是否应为 'code'？）；填写的是 'cod'",
      "[B1.rules.with.code]：规则 attainment 需要参数“code”的值（text：指标代码（targets / outcomes 的 metric））"]),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainmnet, with: {code: completed}}",
     ["[B1.rules]：末级指标 B1 列出的规则不存在（是否应为 'attainment'？）；填写的是 'attainmnet'"]),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {}}",
     ["[B1.rules.with.code]：规则 attainment 需要参数“code”的值（text：指标代码（targets / outcomes 的 metric））"]),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {code: 7}}",
     ["[B1.rules.with.code]：规则 attainment 的参数“code”应为非空文本（指标代码（targets / outcomes 的 metric））；"
      "填写的是 7；可填：非空文本"]),
])
def test_a_leaf_s_arguments_are_said_in_chinese(rules_dir, old, new, zh):
    scheme = rules_dir / "schemes/school-renovation.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    said = [p.render("zh").split(" ", 1)[1] for p in error.value.problems if p.file == str(scheme)]
    assert [s if "填写的是 7" in s else s.split("；可填")[0] for s in said] == zh


def test_a_broken_join_is_said_in_chinese(joins_dir, tmp_path):
    rules = shutil.copytree(joins_dir, tmp_path / "rules")
    write_rule(rules, {"match": {"practice": PRACTICE, "allocation": {"table": "allocations"},
                                 "op": {"table": "operators"}},
                       "join": ["allocaton.operator == practice.operator", "allocation.operater == practice.operator"]})
    with pytest.raises(InputError) as error:
        load_rulebook(rules)
    assert [p.render("zh").split(" ", 1)[1] for p in error.value.problems if p.file.endswith("probe.yaml")] == [
        "[when.join]：无法识别的别名“allocaton”（是否应为 'allocation'？）；"
        "填写的是 'allocaton.operator == practice.operator'；可填：practice, allocation, op",
        "[when.join]：allocation（allocations）没有列“operater”（是否应为 'operator'？）；"
        "填写的是 'allocation.operater == practice.operator'；可填：no, operator, amount, note",
    ]
