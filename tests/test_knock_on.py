"""One mistake is one problem: nothing else is reported because of it (a misnamed file, a misspelt
column, a value that does not parse)."""

from jixiao.cli.main import main

from conftest import RULES


def run(capsys, folder, *extra):
    code = main(["check", str(folder), "--rules", str(RULES), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def problems_of(err):
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def test_a_misnamed_table_file_is_one_problem(capsys, case_copy):
    (case_copy / "budget.csv").rename(case_copy / "budjet.csv")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == [
        "budjet.csv: unknown fact table 'budjet' (did you mean 'budget'?); allowed: allocations, budget, "
        "contract_phases, contracts, cost_estimates_by_subject, cost_estimates_by_task, disbursements, "
        "expected_effects, expenditures, finding_history, funding, management_rules, module_usage, observations, "
        "operator_disbursements, operator_practices, operators, outcomes, prior_findings, staffing_plans, "
        "system_availability, targets"]


def test_a_misspelt_key_in_every_yaml_record_is_one_problem(capsys, case_copy):
    path = case_copy / "observations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  answer:", "  answr:"), encoding="utf-8")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == ["observations.yaml:5 [answr]: rows 1–12: unknown column (did you mean 'answer'?); "
                                "allowed: id, question, answer, evidence"]  # not also 'answer' missing, 12 times


def test_unparsable_keys_do_not_make_false_duplicates(capsys, case_copy):
    path = case_copy / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "一" + lines[1][1:]
    lines[2] = "二" + lines[2][1:]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert [p.split(";")[0] for p in problems_of(err)] == [
        "budget.csv:2 [序号（no）]: row 1: whole number expected", "budget.csv:3 [序号（no）]: row 2: whole number expected"]
