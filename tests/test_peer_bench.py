"""The peer benchmark (benchmarks/peer.py) cannot drift: on 50 of its cases every engine it
times — jixiao in memory and from fact files, raw durable-rules, zen-engine (when installed),
plain Python — finds exactly the reference's findings, checked the way the benchmark checks
them. Its rules folder (benchmarks/peerbench/rules) is a rule book of its own: it loads
without the bundled rules' derived tables."""

from __future__ import annotations

import shutil
import sys
from collections import Counter

import pytest

from jixiao.check.rulebook import load_rulebook
from jixiao.model.problems import InputError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmark is scripts, not an installed package

from peer import ZenEngine, measure, table  # noqa: E402
from peerbench.agreement import Disagreement, check_agreement  # noqa: E402
from peerbench.durable_peer import DurablePeer  # noqa: E402
from peerbench.floor_peer import DurableFloor  # noqa: E402
from peerbench.jixiao_peer import RULES_DIR, JixiaoFromFiles, JixiaoInMemory  # noqa: E402
from peerbench.workload import generate, reference  # noqa: E402

CASES = generate(50)
EXPECTED = reference(CASES)


def test_the_workload_is_the_one_measured():
    """The 50 cases hold findings of every rule (a change of the workload shows here)."""
    assert len(EXPECTED) == 596
    assert Counter(rule for _, rule, _ in EXPECTED) == {"R1": 176, "R2": 59, "R3": 311, "R4": 50}
    assert len(set(EXPECTED)) == len(EXPECTED)


def _zen():
    pytest.importorskip("zen", reason="zen-engine is not installed (optional: pip install -e '.[bench]')")
    return ZenEngine()


@pytest.mark.parametrize("make", [
    pytest.param(lambda tmp: DurablePeer(), id="durable-rules raw"),
    pytest.param(lambda tmp: DurableFloor(), id="durable-rules floor"),
    pytest.param(lambda tmp: JixiaoInMemory(), id="jixiao in memory"),
    pytest.param(lambda tmp: JixiaoFromFiles(tmp), id="jixiao from fact files"),
    pytest.param(lambda tmp: _zen(), id="zen-engine"),
])
def test_every_engine_finds_exactly_the_reference(make, tmp_path):
    engine = make(tmp_path)
    engine.setup()
    found = engine.run(engine.prepare(CASES))
    check_agreement(engine.name, found, EXPECTED)  # what the benchmark checks on every run
    assert Counter(found) == Counter(EXPECTED)


def test_jixiao_from_fact_files_checks_the_folders_written(tmp_path):
    """The files path reads case folders: one per case and year, case.yaml and a CSV per table,
    amounts in 万元, answers yes / no, an unpaid tranche or an empty task left empty."""
    engine = JixiaoFromFiles(tmp_path)
    folder, ids = engine.prepare(CASES[:2])
    assert folder == tmp_path / "2-cases"
    assert ids == {"c000000": "C000000", "c000001": "C000001"}
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        f"{case}/{year}/{name}" for case, year in (("c000000", 2024), ("c000001", 2022))
        for name in ("case.yaml", "cost_lines.csv", "operators.csv", "record_policy.csv", "tranches.csv")]
    first = folder / "c000000" / "2024"
    assert (first / "case.yaml").read_text(encoding="utf-8") == (
        "case: c000000\nyear: 2024\nscheme: peer-compliance\nproject: C000000\n")
    assert (first / "tranches.csv").read_text(encoding="utf-8").splitlines() == [
        "id,share,due,amount,paid", "t1,0.4,2024-03-31,99960,2024-03-19", "t2,0.4,2024-07-31,99960,2024-09-16",
        "t3,0.2,2024-11-30,49980,2024-11-21"]
    assert (first / "operators.csv").read_text(encoding="utf-8").splitlines()[:3] == [
        "id,role,allocated,separate_account", "op1,lead,47900,yes", "op2,collaborating,43300,no"]
    assert (first / "cost_lines.csv").read_text(encoding="utf-8").splitlines()[1:3] == [
        "L01,op5,materials,labour,,quote 7747 x unit price", "L02,op2,outsourcing,operating,design,"]
    engine.setup()
    assert Counter(engine.run((folder, ids))) == Counter(reference(CASES[:2]))


def test_a_disagreement_names_the_engine_and_the_findings():
    found = [("C1", "R1", "op2"), ("C1", "R1", "op2"), ("C1", "R3", "L01")]
    expected = [("C1", "R1", "op2"), ("C1", "R2", "t1")]
    with pytest.raises(Disagreement) as raised:
        check_agreement("some engine", found, expected)
    assert str(raised.value) == ("some engine disagrees with the plain-Python reference: 1 finding(s) missing "
                                 "[('C1', 'R2', 't1')], 2 extra [('C1', 'R1', 'op2'), ('C1', 'R3', 'L01')] "
                                 "(3 found, 2 expected)")
    check_agreement("some engine", list(reversed(expected)), expected)  # order does not matter


def test_the_table_ends_with_the_ratios_at_the_largest_size():
    names = ["plain Python (the reference)", ZenEngine.name, DurablePeer.name, JixiaoInMemory.name,
             JixiaoFromFiles.name]
    best = {1000: dict(zip(names, [0.000004, 0.0001, 0.0004, 0.0007, 0.001])),
            10000: dict(zip(names, [0.000005, 0.0002, 0.0006, 0.0008, 0.0022]))}
    lines = table(best, 3).splitlines()
    assert lines[2:5] == [
        "| engine | 1,000 cases: ms/case | × zen-engine | 10,000 cases: ms/case | × zen-engine |",
        "|---|---:|---:|---:|---:|",
        "| plain Python (the reference) | 0.004 | 0.04 | 0.005 | 0.03 |"]
    assert lines[-3] == f"| {JixiaoFromFiles.name} | 1.000 | 10.00 | 2.200 | 11.00 |"
    assert lines[-1] == "jixiao/zen in-memory: 4.00  from-files: 11.00"


def test_each_repetition_of_every_engine_is_timed_in_wall_and_cpu_time(tmp_path):
    pytest.importorskip("zen", reason="zen-engine is not installed")
    lines: list[str] = []
    cpu: dict = {}
    best = measure([20], 2, tmp_path, lines.append, cpu)
    names = ["plain Python (the reference)", ZenEngine.name, DurablePeer.name, DurableFloor.name,
             JixiaoInMemory.name, JixiaoFromFiles.name]
    assert list(best) == list(cpu) == [20]
    assert list(best[20]) == list(cpu[20]) == names
    assert all(seconds >= 0 for seconds in [*best[20].values(), *cpu[20].values()])
    assert len(lines) == 12 and all("ms/case (" in line and "CPU), " in line and "load average" in line
                                    for line in lines)


def test_a_rule_book_of_its_own_needs_no_derived_tables():
    rulebook = load_rulebook(RULES_DIR)
    assert sorted(r.id for r in rulebook.rules) == ["cost-per-task", "record-policy", "separate-accounting",
                                                    "tranche-deadline"]
    assert sorted(rulebook.schemas.tables) == ["cost_lines", "operators", "record_policy", "tranches"]


def test_a_derived_table_no_derivation_computes_is_still_refused(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    (rules / "tables" / "totals.yaml").write_text(
        "table: totals\ntitle: 合计\nderived: true\ninputs: [operators]\nkey: [id]\n"
        "columns:\n  id: {type: text, title: 编号}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rulebook(rules)
    assert [str(p) for p in raised.value.problems] == [
        f"{rules / 'tables' / 'totals.yaml'}: derived table 'totals' is computed by no derivation; "
        "allowed: budget_execution, tranche_payments, operator_payments, metric_results, rule_coverage, "
        "funds_in_place, delivery, effect_results, waiver_checks, form_rows, form_totals, form_groups"]
