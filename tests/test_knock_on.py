"""One mistake is one problem: nothing else is reported because of it (a misnamed file, a misspelt
column, a value that does not parse)."""

from jixiao.cli.main import main

from conftest import RULES


def run(capsys, folder, *extra):
    code = main(["check", str(folder), "--rules", str(RULES), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


KNOWN_TABLES = ('运维补贴资金分配 (allocations), 预算构成 (budget), '
                '合同建设阶段与验收 (contract_phases), 建设合同 (contracts), '
                '运维补贴资金测算，按会计科目 (cost_estimates_by_subject), '
                '运维补贴资金测算，按运维任务 (cost_estimates_by_task), '
                '市口岸办向主运维商拨付运维补贴资金，按批次 (disbursements), '
                '预期效果及其实现情况 (expected_effects), 实际支出 (expenditures), '
                '上年发现的问题及今年的状态 (finding_history), 资金来源与到位情况 (funding), '
                '在用管理制度及其要求 (management_rules), 子系统模块有效应用情况 (module_usage), '
                '评价小组核查结论 (observations), '
                '主运维商向各运维商拨付补贴资金，计划与实际 (operator_disbursements), '
                '各运维商财务核算与运维记录实务 (operator_practices), '
                '运维商及其承担的功能模块 (operators), 实际绩效 (outcomes), '
                '上年审计和评价发现的问题及整改情况 (prior_findings), '
                '各运维商运维工作人力计划 (staffing_plans), '
                '系统运行与故障 (system_availability), 绩效目标 (targets)')


def problems_of(err):
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def test_a_misnamed_table_file_is_one_problem(capsys, case_copy):
    (case_copy / "budget.csv").rename(case_copy / "budjet.csv")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == [
        f"budjet.csv: unknown fact table 'budjet' (did you mean 预算构成 (budget)?); allowed: {KNOWN_TABLES}"]


def test_a_misspelt_key_in_every_yaml_record_is_one_problem(capsys, case_copy):
    path = case_copy / "observations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  answer:", "  answr:"), encoding="utf-8")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == ["observations.yaml:5 [answr]: records 1–12: unknown column (did you mean 'answer'?); "
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
        "budget.csv:2 [序号（no）]: whole number expected", "budget.csv:3 [序号（no）]: whole number expected"]
