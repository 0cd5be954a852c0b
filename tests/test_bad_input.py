"""A corpus of broken fact, rule, scheme and schema files: each gives a clear error, never a traceback."""

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.cli.main import main

from conftest import RULES, SHANGHAI_2017

# (file to change, old text, new text, a fragment the error must contain)
FACT_BREAKAGES = [
    ("budget.csv", "4,专家评审费,fee,,,1\n", '4,"专家评审费,fee,,,1\n', "not valid CSV"),
    ("budget.csv", "专家评审费", "专" * 140000, "not valid CSV"),
    ("observations.yaml", "- id: strategic_fit\n", "- ? [a, b]\n  : x\n  id: strategic_fit\n", "a key must be plain text"),
    ("observations.yaml", "  answer: yes\n", "  answer: [yes, no]\n", "a single value expected"),
    ("case.yaml", "case: shanghai-single-window", "case: /tmp/elsewhere", "the case id names output folders"),
    ("case.yaml", "year: 2017", "year: '2017'", "[year]: must be int"),
    ("case.yaml", "year: 2017", "year: 17", "implausible year"),
    ("system_availability.yaml", "period_start: 2017-01-01",
     "- period_start: 2017-01-01", "YAML syntax error"),
    ("disbursements.csv", "2017-06-30,2017-10", "2017-06-31,2017-10", "no such date"),
    ("budget.csv", "3136.08", "1e400", "number out of range"),
]


def break_file(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_clear_error(capsys, case, rules, message, file):
    code = main(["check", str(case), "--no-write", "--rules", str(rules)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and message in err and file in err


@pytest.mark.parametrize("file, old, new, message", FACT_BREAKAGES, ids=[b[3] for b in FACT_BREAKAGES])
def test_broken_fact_files(capsys, case_copy, file, old, new, message):
    break_file(case_copy / file, old, new)
    assert_clear_error(capsys, case_copy, RULES, message, file)


def test_two_availability_records_are_refused(capsys, case_copy):
    path = case_copy / "system_availability.yaml"
    body = "\n".join("  " + line if line and not line.startswith("#") else line
                     for line in path.read_text(encoding="utf-8").splitlines())
    records = body.replace("  period_start:", "- period_start:", 1)
    path.write_text(records + "\n" + records + "\n", encoding="utf-8")
    code = main(["check", str(case_copy), "--no-write", "--rules", str(RULES)])
    err = capsys.readouterr().err
    assert code == 2 and "system_availability holds one record" in err


@pytest.mark.parametrize("file", ["budget.csv", "management_rules.yaml"])
def test_an_empty_table_does_not_crash(capsys, case_copy, file):
    path = case_copy / file
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n" if file.endswith(".csv") else "[]\n",
                    encoding="utf-8")
    code = main(["check", str(case_copy), "--no-write", "--rules", str(RULES)])
    captured = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in captured.err and "internal error" not in captured.err


# (file under rules/, old text, new text, a fragment the error must contain)
RULE_BREAKAGES = [
    ("budget/budget-execution.yaml", "id: budget-execution", "id: [budget-execution]", "[id]: must be text"),
    ("schemes/shanghai-om-subsidy.yaml", "rules: [budget-execution]", "rules: budget-execution",
     "'rules' lists the ids of the rules"),
    ("budget/budget-execution.yaml", "family: budget", "family: [budget]", "[family]: must be text"),
    ("budget/budget-execution.yaml", "table: budget_execution", "table: [budget_execution]", "[when.table]"),
    ("budget/budget-execution.yaml", "effective: {from: 2012-01-01}", "effective: {from: 2017-02-31}",
     "[effective.from]: not a date"),
    ("budget/budget-execution.yaml", "formula: weight * (1 - execution_rate)", "formula: weight * True",
     "literal True is not allowed"),
    ("decision/strategic-fit.yaml", 'formula: weight if answer == "no" else weight / 2', "formula: weight * answer",
     "is not a number"),
    ("budget/budget-execution.yaml", "{execution_rate|pct}", "{execution_rate|yn}", "format |yn does not fit"),
    ("budget/budget-execution.yaml", "where: execution_rate < 1", "where: execution_rate < spent / budget_total",
     "arithmetic on fields is not allowed"),
    ("schemes/shanghai-om-subsidy.yaml", "{name: 良, min: 75}", "{name: 良, min: abc}", "a grade band is {name, min}"),
    ("schemes/shanghai-om-subsidy.yaml", "{id: A11, name: 战略目标适应性, weight: 2,",
     "{id: A11, name: 战略目标适应性, weight: two,", "a weight is a number"),
    ("tables/budget.yaml", "key: [no]", "key: no", "'key' lists column names"),
    ("tables/budget.yaml", "allowed: {tranche: 补贴资金批次, fee: 费用, hardware: 硬件, software: 软件, other: 其他}",
     "allowed: tranche", "'allowed' lists the allowed values"),
    ("tables/budget.yaml", "hardware: 硬件, software: 软件", "hardware: 软件, software: 软件",
     "'allowed' maps each allowed value to its own Chinese word"),
    ("tables/budget.yaml", "  no: {type: integer", "  weight: {type: integer, title: x}\n  no: {type: integer",
     "this name is reserved"),
]


@pytest.mark.parametrize("file, old, new, message", RULE_BREAKAGES, ids=[b[3] for b in RULE_BREAKAGES])
def test_broken_rule_files(capsys, tmp_path, file, old, new, message):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    break_file(rules / file, old, new)
    assert_clear_error(capsys, SHANGHAI_2017, rules, message, file.split("/")[-1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_text_as_a_fact_file_never_gives_a_traceback(capsys, tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("fuzz") / "case"
    shutil.copytree(SHANGHAI_2017, folder)
    (folder / "operator_practices.csv").write_text(content, encoding="utf-8")
    code = main(["check", str(folder), "--no-write", "--rules", str(RULES)])
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err and "internal error" not in err


def test_yaml_that_would_run_code_is_refused(capsys, case_copy):
    (case_copy / "observations.yaml").write_text("- !!python/object/apply:os.system ['touch /tmp/pwned']\n",
                                                encoding="utf-8")
    assert_clear_error(capsys, case_copy, RULES, "YAML syntax error", "observations.yaml")


VALID_RULE = (RULES / "separate-accounting" / "separate-accounting.yaml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_generated_malformed_rule_files_never_give_a_traceback(capsys, tmp_path_factory, data):
    rules = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(RULES, rules)
    lines = VALID_RULE.splitlines()
    mutation = data.draw(st.sampled_from(["drop", "garble", "replace", "text"]))
    if mutation == "text":
        text = data.draw(st.text(max_size=300))
    else:
        index = data.draw(st.integers(0, len(lines) - 1))
        junk = data.draw(st.sampled_from(["", "  x", "- [", "{a: 1}", "when: 3", "deduct: {points: -1}",
                                          "where: (", "id: 5", "?", "finding: {x", "params: [1]", "&a b"]))
        if mutation == "drop":
            del lines[index]
        elif mutation == "garble":
            lines[index] = lines[index][: len(lines[index]) // 2]
        else:
            lines[index] = junk
        text = "\n".join(lines) + "\n"
    (rules / "separate-accounting" / "separate-accounting.yaml").write_text(text, encoding="utf-8")
    code = main(["lint", str(rules)])
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err and "internal error" not in err, err


@pytest.mark.parametrize("name", ["operators.csv", "observations.yaml", "case.yaml"])
def test_a_fact_file_over_20_mb_is_refused_before_it_is_read(capsys, case_copy, name):
    with open(case_copy / name, "r+b") as handle:  # sparse: 20 MB + 1 byte without writing them
        handle.truncate(20 * 1024 * 1024 + 1)
    assert_clear_error(capsys, case_copy, RULES, "file larger than 20 MB", name)


def test_a_rule_file_over_20_mb_is_refused(capsys, case_copy, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    with open(rules / "budget" / "budget-execution.yaml", "r+b") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    assert_clear_error(capsys, case_copy, rules, "file larger than 20 MB", "budget-execution.yaml")
