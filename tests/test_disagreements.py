"""Facts that disagree with each other (a total that is not the sum of its parts, a name that does
not resolve): at least one of them is wrong, so no score rests on any of them. Every leaf whose
rules read a value involved — directly or through a derived fact — is 无法评价 with the note as
its reason; a disagreement no rule reads blocks nothing (issue 11 review, item 2)."""

import csv
import json
import re
import shutil
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.model.rules import PLACEHOLDER

from conftest import FACTS, RULES, SHANGHAI_2017, set_csv_cell

DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"
BUDGET_NOTE = "预算构成（budget） 预算金额（amount） 合计 2645 万元，与 资金来源与到位情况（funding） 中的 预算安排（arranged） = 3645 万元 不一致（相差 -1000 万元）"


def unassessed(result):
    return sorted(r.id for r in result.scores.unassessed)


def test_a_budget_that_disagrees_with_the_funds_arranged_earns_nothing(rulebook, dongguan):
    # the review: 软件开发费用 2638 → 1638 raised B2 from 3.25 to 4.47 (total 66.72), not provisional
    set_csv_cell(dongguan / "budget.csv", {"no": "2"}, "amount", "1638")
    result = check_case(dongguan, rulebook)
    [note] = result.integrity
    assert (note.check, note.message, note.disagreement, note.implausible) == ("sum_equals", BUDGET_NOTE, True, False)
    # budget execution and cost control read the budget; funds in place read the funds arranged
    assert unassessed(result) == ["B1", "B2", "C4"]
    assert {rule: [n.message for n in notes] for rule, notes in result.implausible.items()} == {
        "funds-in-place": [BUDGET_NOTE], "budget-execution": [BUDGET_NOTE], "cost-control": [BUDGET_NOTE]}
    assert result.scores.total == Decimal("52.25") and result.scores.provisional  # 65.5 less 5 + 3.25 + 5


def test_the_disagreement_is_the_reason_in_every_output(capsys, dongguan, tmp_path):
    set_csv_cell(dongguan / "budget.csv", {"no": "2"}, "amount", "1638")
    out = tmp_path / "out"
    assert main(["check", str(dongguan), "--out", str(out), "--rules", str(RULES)]) == 0
    text = capsys.readouterr().out.splitlines()
    where = "budget.csv 第 2–3 行；funding.csv 第 2 行"
    assert f"  ! {BUDGET_NOTE}  [{where}]  → 无法评价 cannot assess: B1、B2、C4" in text
    assert "  B2 预算执行率               5      无法评价" in text
    assert f"  - [B2] 数据不可信，请核对更正：{BUDGET_NOTE}（{where}）" in text
    written = out / "dongguan-processing-trade" / "2015"
    report = (written / "report.md").read_text(encoding="utf-8")
    titled = re.sub(r"（[a-z_]+）", "", BUDGET_NOTE)  # the report names columns and tables by their titles
    assert f"- {titled}（{where}） → 无法评价：B1、B2、C4" in report
    assert "因这些数据，指标 B1、B2、C4 无法评价、未计入总分，其余指标照常评分。" in report  # exactly those
    data = json.loads((written / "findings.json").read_text(encoding="utf-8"))
    [note] = [f for f in data["findings"] if f["kind"] == "integrity"]
    assert note["evidence"] == [{"file": "budget.csv", "row": 1, "line": 2, "values": {"amount": 1007.0}},
                                {"file": "budget.csv", "row": 2, "line": 3, "values": {"amount": 1638.0}},
                                {"file": "funding.csv", "row": 1, "line": 2, "values": {"arranged": 3645.0}}]
    reasons = {f["indicator"]: f["text"] for f in data["findings"] if f["kind"] == "cannot_assess"}
    assert reasons == {leaf: f"无法评价：数据不可信——{BUDGET_NOTE}（{where}）" for leaf in ("B1", "B2", "C4")}


def test_the_shanghai_reports_misprints_are_read_by_no_rule_and_block_nothing(golden):
    """表 1-2's 140.53 for 1405.3 (a row sum and a subtotal) and 英得's name spelt two ways: every
    value involved is in doubt, yet no rule in force reads one (B12 reads which operating-cost
    lines have a task and a basis, not their amounts; no rule or derivation reads allocations or
    operators), so the score stands: 86.74 良, every leaf assessed."""
    in_doubt = {(n.check, row.table, row.index, columns) for n in golden.integrity for row, columns in n.cells}
    assert {(check, table, index, columns) for check, table, index, columns in in_doubt if table != "operators"} == {
        ("reference", "allocations", 5, ("operator",)),
        ("row_sum", "cost_estimates_by_subject", 5, ("total", "lead_plan", "collab_plan")),
        *(("subtotals", "cost_estimates_by_subject", i, ("lead_plan",)) for i in (1, 2, 3, 4, 5, 6, 7))}
    # which allocation was meant is unknown: the names it could have meant are in doubt as well
    assert sorted(i for c, t, i, _ in in_doubt if t == "operators") == list(range(1, 10))
    assert all(n.disagreement for n in golden.integrity)
    read = {(r.table, name) for r in golden.rules for name in
            r.where.names | r.amount.names | (r.requires.names if r.requires else set())
            | {m.group(1).strip() for m in PLACEHOLDER.finditer(r.finding)}}
    assert not {(t, c) for _, t, _, columns in in_doubt for c in columns} & read
    assert (golden.scores.total, golden.scores.grade, golden.implausible, unassessed(golden)) == (
        Decimal("86.74"), "良", {}, [])


def test_a_misprint_a_rule_reads_blocks_its_leaf(tmp_path, case_copy):
    # were B12 to read the amounts of the operating-cost lines, a row that does not add up would block it
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    rule = rules / "cost-task-matching" / "operating-cost-per-task.yaml"
    text = rule.read_text(encoding="utf-8")
    assert 'line_type == "item" and' in text
    rule.write_text(text.replace('line_type == "item" and', 'line_type == "item" and total > 0 and'), encoding="utf-8")
    rulebook = load_rulebook(rules)
    assert unassessed(check_case(case_copy, rulebook)) == []  # the misprints are in 人力成本, out of its scope
    set_csv_cell(case_copy / "cost_estimates_by_subject.csv", {"no": "13"}, "total", "309")  # 物业费 390.00
    result = check_case(case_copy, rulebook)
    assert [n.message for n in result.integrity if n.check == "row_sum"][-1] == \
        "第 14 行 合计（total） = 309 万元，但 主运维计划数（lead_plan） + 协作运维计划（collab_plan） = 390 万元（相差 -81 万元）"
    assert unassessed(result) == ["B12"]


def test_a_name_that_does_not_resolve_blocks_what_joins_on_it(rulebook, dongguan):
    # a phase recorded under a contract that does not exist: which contract's modules it holds is
    # unknown, so every delivery figure joined on contract ids is (before: its 9 modules vanished)
    set_csv_cell(dongguan / "contract_phases.csv", {"phase": "第三阶段"}, "contract", "softwar")
    result = check_case(dongguan, rulebook)
    assert [(n.check, n.message) for n in result.integrity] == [
        ("reference", "合同编号（contract） “softwar” 在 建设合同（contracts） 的 合同编号（id） 中找不到（其中有：hardware、software）"),
        ("sum_equals", "合同建设阶段与验收（contract_phases） 子系统模块数（modules） 合计 27 个（合同编号（contract） = software），与 建设合同（contracts） 中的 合同约定子系统模块数（modules） = 36 个 不一致"
                       "（相差 -9 个）")]
    assert unassessed(result) == ["C1", "C3"]


def test_phases_and_usage_that_disagree_with_the_contracts_modules(rulebook, dongguan):
    # the review: contracts.modules 36 → 360 raised C1 from 11.25 to 14.63 (9 unused of 360)
    set_csv_cell(dongguan / "contracts.csv", {"id": "software"}, "modules", "360")
    result = check_case(dongguan, rulebook)
    assert [(n.check, n.message) for n in result.integrity] == [
        ("sum_equals", "合同建设阶段与验收（contract_phases） 子系统模块数（modules） 合计 36 个（合同编号（contract） = software），与 建设合同（contracts） 中的 合同约定子系统模块数（modules） = 360 个 不一致"
                       "（相差 -324 个）"),
        ("sum_equals", "子系统模块有效应用情况（module_usage） 合同约定模块数（modules_total） 合计 36 个（合同编号（contract） = software），"
                       "与 建设合同（contracts） 中的 合同约定子系统模块数（modules） = 360 个 不一致（相差 -324 个）")]
    assert unassessed(result) == ["C1", "C3"] and result.scores.total == Decimal("54.25")


def test_a_sum_joined_per_row_needs_a_row_or_a_join(tmp_path):
    from jixiao.model.problems import InputError
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "tables" / "module_usage.yaml"
    old = "  - {kind: sum_equals, column: modules_total, table: contracts, join: {contract: id}, other: modules}"
    text = path.read_text(encoding="utf-8")
    assert old in text
    for bad, message in [
            (old.replace("join: {contract: id}, ", ""), "sum_equals compares with one row of the other table (`row`) "
                                                        "or, per row, with the rows that join it (`join`): one of them"),
            (old.replace("{contract: id}", "{contract: idd}"), "check names no column of contracts (did you mean "
                                                                "'id'?); found 'idd'"),
            (old.replace("{contract: id}", "{contrakt: id}"), "check names no column of this table (did you mean "
                                                              "'contract'?); found 'contrakt'")]:
        path.write_text(text.replace(old, bad), encoding="utf-8")
        with pytest.raises(InputError) as error:
            load_rulebook(rules)
        assert any(message in str(p) for p in error.value.problems), "\n".join(map(str, error.value.problems))


# ---------------------------------------------------------------- any single disagreement, as a property

def _records(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _joins(folder, record, check):
    """Whether a row is compared: the other table is there and, for a sum per joined row, one of
    its rows with a value joins it."""
    other = next(iter(folder.glob(f"{check['table']}.*")), None)
    if other is None:
        return False
    if "join" not in check:
        return True
    return any(all(record.get(a) == row.get(b) for a, b in check["join"].items()) and row.get(check["other"])
               for row in _records(other))


def _disagreeing_edits(folder, schemas):
    """Every single edit of a CSV fact that makes a declared sum disagree: (file, row, column, new value(step))."""
    edits = []
    for path in sorted(folder.glob("*.csv")):
        schema = schemas.tables[path.stem]
        integer = {n for n, c in schema.columns.items() if c.type == "integer"}
        for index, record in enumerate(_records(path)):
            for check in schema.checks:
                kind, targets = check["kind"], []
                if kind == "row_sum" and record.get(check["total"]):
                    targets = [check["total"]]
                elif kind == "subtotals" and record.get(check["marker"]) in ("subtotal", "total"):
                    targets = [c for c in check["amounts"] if record.get(c)]
                elif kind == "sum_equals" and record.get(check["column"]) and _joins(folder, record, check):
                    targets = [check["column"]]
                for column in targets:
                    edits.append((path.name, index, column, lambda s, v=Decimal(record[column]), i=column in integer:
                                  int(v) + 1 + int(s) if i else v + s))
    return edits


CASES = {"shanghai": SHANGHAI_2017, "dongguan": DONGGUAN_2015}


@pytest.fixture(scope="module")
def baselines():
    rulebook = load_rulebook(RULES)
    return rulebook, {name: check_case(folder, rulebook) for name, folder in CASES.items()}, \
        {name: _disagreeing_edits(folder, rulebook.schemas) for name, folder in CASES.items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(sorted(CASES)), pick=st.integers(min_value=0),
       step=st.decimals(min_value=Decimal("0.05"), max_value=Decimal("9999"), places=2))  # beyond 0.01 either way
def test_facts_made_to_disagree_never_raise_a_score(baselines, tmp_path_factory, case, pick, step):
    rulebook, results, edits = baselines
    file, index, column, value = edits[case][pick % len(edits[case])]
    folder = tmp_path_factory.mktemp("case") / case / str(results[case].case.year)
    shutil.copytree(CASES[case], folder)
    records = _records(folder / file)
    records[index][column] = str(value(step))
    with open(folder / file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    result = check_case(folder, rulebook)
    before = [n.message for n in results[case].integrity if n.disagreement]
    assert [n for n in result.integrity if n.disagreement and n.message not in before], (file, index, column)
    scores = {r.id: r.score for r in results[case].scores.rows if r.is_leaf}
    for row in result.scores.rows:
        if row.is_leaf:
            assert row.score is None or row.score <= scores[row.id], (row.id, file, index, column, value(step))
    assert result.scores.total <= results[case].scores.total
    assert len(edits["shanghai"]) > 40 and len(edits["dongguan"]) == 4
