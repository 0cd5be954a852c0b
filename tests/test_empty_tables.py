"""A table with only its header is no evidence: nothing is summed, counted or rated over no rows,
and the leaves that read such aggregates are 无法评价 with a request for the facts (资料清单),
never 0 % nor full marks (issue 11 review, item 5)."""

from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.check.derive import DERIVATIONS, derive
from jixiao.load.case_folder import load_case

from conftest import FACTS, SHANGHAI_2017

DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"


def header_only(path):
    path.write_text(path.read_text(encoding="utf-8-sig").splitlines()[0] + "\n", encoding="utf-8")


def unassessed(result):
    return sorted(r.id for r in result.scores.unassessed)


def requests(result):
    return {r.indicator: r.request for r in result.cannot_assess}


def test_no_expenditure_rows_is_not_zero_spending(rulebook, dongguan):
    # the review: "实际支出 0 万元，执行率 0.00%", B2 = 0 and C4 (cost control) = 5, not provisional
    header_only(dongguan / "expenditures.csv")
    result = check_case(dongguan, rulebook)
    assert unassessed(result) == ["B2", "C4"]
    assert "budget_execution" not in result.tables
    assert not [f for f in result.findings if f.indicator in ("B2", "C4")]
    assert requests(result) == {"B2": "预算构成（budget）及实际支出（expenditures 或 disbursements）",
                                "C4": "预算构成（budget）及实际支出（expenditures 或 disbursements）"}
    assert result.scores.total == Decimal("57.25") and result.scores.provisional  # 65.5 less 3.25 and 5


def test_no_disbursement_rows_is_not_zero_spending(rulebook, case_copy):
    # the review: C111/C121/C131 无法评价, but B11 = 0 (spent 0 of 16177.08)
    header_only(case_copy / "disbursements.csv")
    result = check_case(case_copy, rulebook)
    assert unassessed(result) == ["B11", "C111", "C121", "C131"]
    assert result.scores.get("B11").score is None


def test_a_contract_with_no_phase_recorded_has_no_acceptance_figures(rulebook, dongguan):
    # its phases unknown, nothing accepted is not the same as nothing recorded: C3 (on time) cannot
    # be assessed; C1 (effective use) still can, from module_usage
    rows = (dongguan / "contract_phases.csv").read_text(encoding="utf-8").splitlines()
    (dongguan / "contract_phases.csv").write_text("\n".join([rows[0], *(r.replace("software,", "other,", 1)
                                                                        for r in rows[1:])]) + "\n", encoding="utf-8")
    (dongguan / "contracts.csv").write_text((dongguan / "contracts.csv").read_text(encoding="utf-8")
                                            + "other,other,其他合同,某公司,2013-08-01,,,,\n", encoding="utf-8")
    result = check_case(dongguan, rulebook)
    [software] = [r.values for r in result.tables["delivery"] if r.values["contract"] == "software"]
    assert "on_time_rate" not in software and "modules_accepted" not in software
    assert software["completion_rate"] == Decimal(27) / 36
    assert unassessed(result) == ["C3"] and result.scores.get("C1").score == Decimal("11.25")


@pytest.mark.parametrize("folder", [SHANGHAI_2017, DONGGUAN_2015])
def test_no_derived_table_is_computed_over_an_empty_input(rulebook, tmp_path, folder):
    """Every derivation, with each of its inputs cut to its header in turn: the derived table is
    not computed (or, for a table with alternatives, computed from the other one)."""
    case = load_case(folder, rulebook.schemas)
    full = derive(case, rulebook.schemas)
    for table in DERIVATIONS:
        schema = rulebook.schemas.tables[table]
        for needed in schema.inputs:
            for name in (needed if isinstance(needed, tuple) else (needed,)):
                if name not in case.tables or table not in full:
                    continue
                emptied = load_case(folder, rulebook.schemas)
                emptied.tables[name] = []
                derived = derive(emptied, rulebook.schemas)
                others = [o for o in (needed if isinstance(needed, tuple) else ()) if o != name and emptied.tables.get(o)]
                assert (table in derived) == bool(others), (table, name)
