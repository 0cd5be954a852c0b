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
