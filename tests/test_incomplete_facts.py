"""A value a rule needs to judge a fact is missing: the fact is incomplete, and every leaf whose
rules read it is 无法评价 with the reason in every output, never "compliant" (issue 11 review,
item 1). The schemas declare which values come together (`required_with`)."""

import json
import re
from decimal import Decimal

from jixiao.check.case import check_case
from jixiao.cli.main import main

from conftest import RULES, set_csv_cell

GOLDEN_TOTAL = Decimal("86.74")
H1 = {"tranche": "2017-h1"}
NO_DATE = ("“2017 年上半年 40% 运维补贴资金” 实际拨付金额（paid_amount）6520 万元 已填写，"
           "实际拨付日期（paid_date）却为空：记录不完整")


def unassessed(result):
    return sorted(r.id for r in result.scores.unassessed)


def incomplete(result):
    return [(n.check, n.message) for n in result.integrity if n.check == "required_with"]


def test_a_payment_without_its_date_is_not_on_time(rulebook, case_copy):
    # the review: paid_date left empty gave C121 3.0 (from 1.79) and 87.95, not provisional, exit 0
    set_csv_cell(case_copy / "disbursements.csv", H1, "paid_date", "")
    result = check_case(case_copy, rulebook)
    assert incomplete(result) == [("required_with", NO_DATE)]
    # C121 reads the date; C111 and C131 read the same derived tranche rows (each rests on the whole
    # payer group); B11 reads only the amounts paid, which are all there
    assert unassessed(result) == ["C111", "C121", "C131"]
    assert result.scores.get("C121").score is None and result.scores.get("B11").score == Decimal("1.99")
    assert result.scores.total == GOLDEN_TOTAL - 3 - Decimal("1.79") - 3  # 78.95, provisional
    assert result.scores.provisional and not [f for f in result.findings if f.indicator == "C121"]


def test_the_missing_date_is_the_reason_in_every_output(capsys, case_copy, tmp_path):
    set_csv_cell(case_copy / "disbursements.csv", H1, "paid_date", "")
    out = tmp_path / "out"
    code = main(["check", str(case_copy), "--format", "json", "--out", str(out), "--rules", str(RULES)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["provisional"] is True and data["total"] == 78.95
    [note] = [f for f in data["findings"] if f["kind"] == "implausible"]
    assert (note["rule"], note["text"]) == ("integrity:required_with", NO_DATE)
    assert note["evidence"] == [{"file": "disbursements.csv", "row": 2, "line": 3, "values": {"paid_date": None}}]
    reasons = {f["indicator"]: f["text"] for f in data["findings"] if f["kind"] == "cannot_assess"}
    assert reasons == {leaf: f"无法评价：数据不可信——{NO_DATE}（disbursements.csv 第 3 行）"
                       for leaf in ("C111", "C121", "C131")}
    report = (out / "shanghai-single-window" / "2017" / "report.md").read_text(encoding="utf-8")
    titled = NO_DATE.replace("（paid_amount）", " ").replace("（paid_date）", " ")  # the report: titles, no codes
    assert f"- {titled}（disbursements.csv 第 3 行） → 无法评价：C111、C121、C131" in report
    assert "|  |  |  | C121 市口岸办补贴资金拨付及时率 | 3 | 无法评价 |" in report


def test_a_payment_date_without_its_amount_is_incomplete_too(rulebook, case_copy):
    # the amount paid feeds budget execution as well: B11 cannot be assessed either
    set_csv_cell(case_copy / "disbursements.csv", H1, "paid_amount", "")
    result = check_case(case_copy, rulebook)
    assert incomplete(result) == [("required_with", "“2017 年上半年 40% 运维补贴资金” 实际拨付日期（paid_date）2017-10 "
                                                    "已填写，实际拨付金额（paid_amount）却为空：记录不完整")]
    assert unassessed(result) == ["B11", "C111", "C121", "C131"]


def test_an_unpaid_tranche_is_complete_and_c121_keeps_the_reports_formula(rulebook, case_copy):
    # neither amount nor date: not paid. C111 deducts it; C121 (on-time paid / paid) has nothing late
    set_csv_cell(case_copy / "disbursements.csv", H1, "paid_amount", "")
    set_csv_cell(case_copy / "disbursements.csv", H1, "paid_date", "")
    result = check_case(case_copy, rulebook)
    assert incomplete(result) == [] and unassessed(result) == []
    assert (result.scores.get("C111").score, result.scores.get("C121").score) == (Decimal("1.79"), Decimal("3.00"))


def test_an_operator_payment_without_its_plan_leaves_the_shares_unknown(rulebook, case_copy):
    # a row with no planned amount was skipped: 40 paid to 信城通 dropped out of C112 and C132 unseen
    set_csv_cell(case_copy / "operator_disbursements.csv", {"operator": "北京信城通数码科技有限公司", "tranche": "2017-80"},
                 "paid_amount", "40")
    result = check_case(case_copy, rulebook)
    assert incomplete(result) == [("required_with", "“北京信城通数码科技有限公司” 实际补贴资金（paid_amount）40 万元 已填写，"
                                                    "计划补贴资金（planned_amount）却为空：记录不完整")]
    assert unassessed(result) == ["C112", "C132"]


def test_an_operator_judged_on_attendance_and_work_orders_needs_both(rulebook, case_copy):
    # B32 deducts when an operator has neither; with work orders unknown it cannot tell
    set_csv_cell(case_copy / "operator_practices.csv", {"operator": "上海英迪信息技术有限公司"}, "work_orders", "")
    result = check_case(case_copy, rulebook)
    assert incomplete(result) == [("required_with", "“上海英迪信息技术有限公司” 能否提供考勤记录（attendance_records）no "
                                                    "已填写，能否提供工单（work_orders）却为空：记录不完整")]
    assert unassessed(result) == ["B32"]


def test_every_payment_table_declares_what_comes_together(rulebook):
    declared = {name: sorted((c["column"], tuple(c["with"])) for c in schema.checks if c["kind"] == "required_with")
                for name, schema in rulebook.schemas.tables.items()}
    assert declared["disbursements"] == [("paid_amount", ("paid_date",)), ("paid_date", ("paid_amount",))]
    assert declared["operator_disbursements"] == [("planned_amount", ("paid_amount", "audit_adjustment"))]
    assert declared["operator_practices"] == [("attendance_records", ("work_orders",)),
                                              ("work_orders", ("attendance_records",))]
