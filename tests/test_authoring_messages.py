"""The rule author's commands for a fresh author (issue 16, the review): Chinese by default and
English with --lang en; `jixiao lint` refuses a test file still holding the scaffold's TODOs
and reports every problem of every rule file in one run."""

from __future__ import annotations

from jixiao.cli.main import main

from test_scaffolds import new_rule


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def fill_rule_only(path):
    """The author fills in the rule, not its test file."""
    text = path.read_text(encoding="utf-8")
    lines = [line.split("#")[0].rstrip() for line in text.splitlines()]
    text = "\n".join(line.replace("TODO", "填写") for line in lines) + "\n"
    where = next(line for line in text.splitlines() if line.startswith("  where: "))
    path.write_text(text.replace(where, '  where: separate_account == "no"'), encoding="utf-8")


def test_lint_refuses_a_scaffolded_test_file_still_holding_todo(capsys, rules_dir):
    assert new_rule(capsys, rules_dir, "my-rule", "operator_practices", "B232")[0] == 0
    fill_rule_only(rules_dir / "management" / "my-rule.yaml")
    test = rules_dir / "management" / "my-rule.test.yaml"
    code, out, err = run(capsys, "lint", rules_dir, "--lang", "zh")
    lines = test.read_text(encoding="utf-8").splitlines()
    todo = [n for n, line in enumerate(lines, start=1) if "TODO" in line]
    assert code == 2 and out == ""
    name, facts = "将 TODO 换成该情形的名称（说明规则为何触发或不触发）", (
        "将示例事实改为该情形的事实（违反规则的情形写违反的事实，符合的写符合的），再删去 TODO 注释")
    assert err.splitlines()[1:] == [
        f"  {test}:{n}：规则测试尚未写完：仍有 TODO，请{name if 'name:' in lines[n - 1] else facts}"
        f"；填写的是 '{lines[n - 1].strip()}'" for n in todo]
    assert len(todo) == 4


def test_lint_speaks_chinese_by_default_and_english_with_lang_en(capsys, rules_dir, monkeypatch):
    monkeypatch.delenv("JIXIAO_LANG")
    (rules_dir / "separate-accounting" / "separate-accounting.test.yaml").unlink()
    rule = rules_dir / "separate-accounting" / "separate-accounting.yaml"
    code, zh, _ = run(capsys, "lint", rules_dir)
    code_en, en, _ = run(capsys, "lint", rules_dir, "--lang", "en")
    assert (code, code_en) == (0, 0)
    assert zh.splitlines()[0] == (f"警告：{rule}：没有规则测试：请添加 separate-accounting.test.yaml，写一个规则触发的情形和"
                                  "一个不触发的情形")
    # with the target-setting rules and scheme, form-score-negative, form-grade-printed(-low), attainment-above,
    # -below, form-year-folder, form-grade-not-a-band
    assert zh.splitlines()[-1].startswith("jixiao lint：95 条规则、5 个评价方案、")
    assert zh.splitlines()[-1].endswith("个规则测试情形：没有错误，1 个警告")
    assert en.splitlines()[0] == (f"warning: {rule}: no tests: add separate-accounting.test.yaml with a case where the "
                                  "rule fires and one where it does not")
    assert en.splitlines()[-1].endswith("rule test cases: no errors, 1 warning")


def test_jixiao_test_speaks_chinese_by_default(capsys, rules_dir, monkeypatch):
    monkeypatch.delenv("JIXIAO_LANG")
    test = rules_dir / "separate-accounting" / "separate-accounting.test.yaml"
    text = test.read_text(encoding="utf-8")
    test.write_text(text.replace("deduction: 1,", "deduction: 2,", 1), encoding="utf-8")
    code, out, _ = run(capsys, "test", rules_dir, "--rule", "separate-accounting")
    lines = out.splitlines()
    assert code == 1
    assert any(line.strip().startswith("扣分 1，预期 2") for line in lines), out
    assert lines[-2:] == ["1 条规则的 3 个情形；0 条规则没有测试", "2 个通过，1 个失败"]


def test_new_rule_speaks_chinese_by_default(capsys, rules_dir, monkeypatch):
    monkeypatch.delenv("JIXIAO_LANG")
    code, _, err = new_rule(capsys, rules_dir, "my-rule", "operator_practise", "B232", family="managment")
    assert code == 2
    assert "--family：未知的规则类别（是否应为 'management'？）；填写的是 'managment'" in err
    assert "--table：未知的基础数据表（是否应为 'operator_practices'？）；填写的是 'operator_practise'" in err
    code, out, err = new_rule(capsys, rules_dir, "my-rule", "operator_practices", "B232")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"已创建 {rules_dir / 'management' / 'my-rule.yaml'}", f"已创建 {rules_dir / 'management' / 'my-rule.test.yaml'}",
        f"下一步：填写两个文件中的每个 TODO；将 my-rule 加入 {rules_dir / 'schemes' / 'shanghai-om-subsidy.yaml'} 中 "
        "B232 的 rules；然后运行 `jixiao lint` 和 `jixiao test`"]


def test_lint_reports_every_key_typo_of_every_rule_file_in_one_run(capsys, rules_dir):
    edits = {"budget/cost-control.yaml": ("\nfinding:", "\nfindng:"),
             "decision/strategic-fit.yaml": ("\ntitle:", "\ntitel:"),
             "outputs/completion-rate.yaml": ("\nrecommendation:", "\nrecomendation:")}
    for name, (old, new) in edits.items():
        path = rules_dir / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    strategic = rules_dir / "decision" / "strategic-fit.yaml"
    strategic.write_text(strategic.read_text(encoding="utf-8").replace("\n  per:", "\n  pr:", 1), encoding="utf-8")
    code, out, err = run(capsys, "lint", rules_dir)
    said = [line.split(": unknown key")[0].strip() for line in err.splitlines()[1:]]
    assert code == 2 and err.splitlines()[0] == "jixiao: 4 problems in the input; nothing was done:"
    assert [s.rsplit("/", 1)[-1] for s in said] == [
        "cost-control.yaml:18 [findng]", "strategic-fit.yaml:2 [titel]", "strategic-fit.yaml:17 [deduct.pr]",
        "completion-rate.yaml:19 [recomendation]"]


def test_what_is_wrong_in_a_rule_test_file_is_said_in_the_user_s_language(capsys, rules_dir):
    """Problems in a *.test.yaml file were English only; said from the catalogue like every other
    input error: Chinese by default, English with --lang en (issue 12 point 5)."""
    test = rules_dir / "separate-accounting" / "separate-accounting.test.yaml"
    test.write_text("rule: separate-accounting\ncases:\n  - name: a\n    year: 二〇一七\n    facts: {}\n"
                    "    expect: {fires_on: yes, deduction: many}\n  - name: a\n    facts: []\n"
                    "    expect: {fires_on: []}\n", encoding="utf-8")
    code, _, zh = run(capsys, "test", rules_dir, "--lang", "zh")
    code_en, _, en = run(capsys, "test", rules_dir, "--lang", "en")
    assert (code, code_en) == (2, 2)
    assert zh.splitlines()[1:] == [
        f"  {test}:4 [cases.year]：year 必须是整数；填写的是 '二〇一七'",
        f"  {test}:6 [expect.fires_on]：“fires_on”列出规则触发的事实的名称（不应触发时写 []）；填写的是 'yes'",
        f"  {test}:6 [expect.deduction]：必须是数字；填写的是 'many'",
        f"  {test}:8 [cases.facts]：“facts”将表名映射到记录的列表"]
    assert en.splitlines()[1:] == [
        f"  {test}:4 [cases.year]: year must be a whole number; found '二〇一七'",
        f"  {test}:6 [expect.fires_on]: 'fires_on' lists the labels of the facts the rule fires on ([] when it must "
        "not fire); found 'yes'",
        f"  {test}:6 [expect.deduction]: must be a number; found 'many'",
        f"  {test}:8 [cases.facts]: 'facts' maps table names to lists of records"]
