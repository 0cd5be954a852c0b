"""Integrity checks on the facts: reported as their own kind of finding, first, deducting nothing."""

import shutil
import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.model.problems import InputError

from conftest import FACTS, set_csv_cell

DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"


def notes(result):
    return sorted((n.check, n.table, tuple(r.line for r in n.rows)) for n in result.integrity)


def test_the_shanghai_facts_hold_three_inconsistencies_of_the_printed_report(golden):
    assert notes(golden) == [
        ("reference", "allocations", (6,)),              # 英得: 网络信息有限公司 (表 1-4) vs 网络信息技术有限公司 (表 1-5)
        ("row_sum", "cost_estimates_by_subject", (6,)),   # 表 1-2 功能完善 主运维 140.53 + 402.5 ≠ 1807.8
        ("subtotals", "cost_estimates_by_subject", (8, 2, 3, 4, 5, 6, 7)),  # 人力小计 3680 ≠ 2415.23
    ]
    assert "相差 1264.77" in golden.integrity[1].message


def test_the_dongguan_facts_agree(rulebook):
    assert check_case(DONGGUAN_2015, rulebook).integrity == ()


def test_correcting_the_misprint_clears_the_notes_and_never_moved_the_score(rulebook, golden, case_copy):
    set_csv_cell(case_copy / "cost_estimates_by_subject.csv", {"no": "5"}, "lead_plan", "1405.3")
    result = check_case(case_copy, rulebook)
    assert [n.check for n in result.integrity] == ["reference"]
    assert result.scores.total == golden.scores.total


def test_negative_amounts_and_implausible_dates(rulebook, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h2"}, "paid_amount", "-6520")
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", "2071-10")
    result = check_case(case_copy, rulebook)
    implausible = sorted((n.check, n.rows[0].line, n.message) for n in result.integrity if n.implausible)
    assert implausible == [
        ("bounds", 4, "“2017 年下半年 40% 运维补贴资金” 实际拨付金额（paid_amount）为 -6520 万元，不能为负数"),
        ("plausible_date", 3, "“2017 年上半年 40% 运维补贴资金” 实际拨付日期（paid_date）2071-10 不在 2017 年评价的合理范围"
                              "（2002–2022 年）内")]
    # they are no longer mere notes: every leaf that reads them is unassessed
    assert sorted(r.id for r in result.scores.unassessed) == ["B11", "C111", "C121", "C131"]


def test_a_declared_total_that_disagrees(rulebook, tmp_path):
    folder = tmp_path / "dongguan"
    shutil.copytree(DONGGUAN_2015, folder)
    set_csv_cell(folder / "funding.csv", {"source": "市财政预算安排"}, "arranged", "3600")
    result = check_case(folder, rulebook)
    [note] = result.integrity
    assert note.check == "sum_equals" and "预算构成（budget） 预算金额（amount） 合计 3645" in note.message and "相差 45" in note.message


def test_shares_that_do_not_add_up(rules_dir, case_copy):
    path = rules_dir / "tables" / "disbursements.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "checks:\n", "checks:\n  - {kind: shares, column: share, group: payer}\n"
                     "  - {kind: shares, column: share, group: budget_year}\n"), encoding="utf-8")
    result = check_case(case_copy, load_rulebook(rules_dir))
    shares = sorted((n.message, len(n.rows)) for n in result.integrity if n.check == "shares")
    # per payer the three tranches make 100 %; per budget year they do not (the rest is paid another year)
    assert shares == [("补贴资金所属年度（budget_year） = 2016 的 拨付比例（share） 合计为 20%，不是 100%", 1),
                      ("补贴资金所属年度（budget_year） = 2017 的 拨付比例（share） 合计为 80%，不是 100%", 2)]


@pytest.mark.parametrize("check, message", [
    ("{kind: row_sums, total: total}", "unknown check kind (did you mean 'row_sum'?)"),
    ("{kind: row_sum, total: totl, parts: [lead_plan]}", "check names no column of this table (did you mean 'total'?)"),
    ("{kind: reference, column: task, table: operator, to: operator}", "check names no fact table (did you mean 'operators'?)"),
])
def test_bad_checks_are_refused(rules_dir, check, message):
    path = rules_dir / "tables" / "cost_estimates_by_subject.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - {kind: row_sum, total: total, parts: [lead_plan, collab_plan]}", f"  - {check}"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    assert any(message in str(p) for p in error.value.problems), error.value
