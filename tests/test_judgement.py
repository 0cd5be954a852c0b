"""The evaluators' judgement as data: an adjustment of a leaf's score (score or delta, reason, who,
date) and a waiver of a rule for a case (reason, approver, expiry), validated, shown beside the
computed score in every output; a lapsed waiver is a finding of the rule waiver-expired, run in
durable-rules like every other rule."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.model.problems import InputError
from jixiao.report import json as json_out
from jixiao.report.formats import Settings, render

from conftest import RULES
from test_not_applicable import DONGGUAN, dongguan

ADJUST_A1 = "indicator,score,delta,reason,by,date\nA1,,-1,立项依据中规划文件已过期,评价组 张三,2016-03-01\n"
ADJUSTED = "评价组调整 -1：立项依据中规划文件已过期（评价组 张三，2016-03-01）；计算得分 4"


def waivers(*rows: str) -> str:
    return "rule,reason,approver,expires\n" + "".join(row + "\n" for row in rows)


WAIVE_C1 = "completion-rate,模块应用评估延后,市财政局 李四,2016-06-30"
WAIVED = "规则 completion-rate 豁免：市财政局 李四 批准，模块应用评估延后（至 2016-06-30），不扣 3.75 分"


def test_an_adjustment_gives_the_leaf_its_score_and_keeps_the_computed_one_beside_it(tmp_path, rulebook):
    result = check_case(dongguan(tmp_path, adjustments=ADJUST_A1), rulebook)
    a1 = result.scores.get("A1")
    assert (a1.score, a1.computed, a1.adjustment.delta, a1.adjustment.by) == (
        Decimal("3.00"), Decimal("4.00"), Decimal(-1), "评价组 张三")
    assert (result.scores.get("A").score, result.scores.total, result.scores.grade) == (
        Decimal("10.00"), Decimal("64.50"), "中")
    text = render("text", result)
    assert f"  A1 立项依据充分性           4     3（调整）  *  [{ADJUSTED}]\n" in text
    report = render("markdown", result)
    assert f"|  | A1 立项依据充分性 |  |  | 4 | 3（调整） | {ADJUSTED} |" in report
    assert ("四舍五入 → 4.00 → 评价组调整 -1：立项依据中规划文件已过期（评价组 张三，2016-03-01） → 3.00\n"
            in report)
    [a1_json] = [i for i in json_out.to_dict(result)["indicators"] if i["id"] == "A1"]
    assert a1_json == {"id": "A1", "name": "立项依据充分性", "weight": 4.0, "score": 3.0, "parent": "A", "assessed": True,
                       "computed": 4.0, "adjustment": {"score": 3.0, "delta": -1.0, "reason": "立项依据中规划文件已过期",
                                                       "by": "评价组 张三", "date": "2016-03-01",
                                                       "evidence": {"file": "adjustments.csv", "row": 1, "line": 2}}}
    assert f"A1,立项依据充分性,2,A,4,3.00,0.00,否,4.00,,{ADJUSTED}" in render("scores", result).splitlines()
    assert "A1 立项依据充分性  权重 4 → 得分 3（调整）\n" in render("explain", result)


def test_an_adjustment_may_set_the_score(tmp_path, rulebook):
    adjust = "indicator,score,delta,reason,by,date\nC3,2.5,,第三阶段延期经批准,评价组 张三,2016-03-01\n"
    result = check_case(dongguan(tmp_path, adjustments=adjust), rulebook)
    c3 = result.scores.get("C3")
    assert (c3.score, c3.computed, result.scores.total) == (Decimal("2.5"), Decimal("0.00"), Decimal("68.00"))


@pytest.mark.parametrize("row, problem", [
    ("A1,5,,r,b,2016-03-01", "adjustments.csv the adjusted score of A1 would be 5, outside [0, 4] (its weight); "
                             "found '5'; allowed: a score from 0 to 4"),
    ("A3,,-2.5,r,b,2016-03-01", "adjustments.csv the adjusted score of A3 would be -0.50, outside [0, 4] (its "
                                "weight); computed score 2.00; found '-2.5'; allowed: a change from -2.00 to +2.00"),
    ("A11,,-1,r,b,2016-03-01", "adjustments.csv not a leaf of scheme national-it-construction (did you mean "
                               "'A1'?); found 'A11'; allowed: A1, A2, A3, A4, B1, B2, B3, B4, B5, C1, C2, C3, C4, D1"),
    ("A,,-1,r,b,2016-03-01", "adjustments.csv a parent: adjust one of its leaves; found 'A'; allowed: A1, A2, "
                             "A3, A4, B1, B2, B3, B4, B5, C1, C2, C3, C4, D1"),
    ("A1,3,-1,r,b,2016-03-01", "adjustments.csv give the adjusted score or the change to the computed score, "
                               "not both; found '3'; allowed: one of 调整后得分（score，分）, 调整分值（delta，分）"),
    ("A1,,,r,b,2016-03-01", "adjustments.csv give the adjusted score (score) or the change (delta); allowed: "
                            "one of 调整后得分（score，分）, 调整分值（delta，分）"),
])
def test_an_adjustment_that_cannot_hold_is_an_input_error(tmp_path, rulebook, row, problem):
    with pytest.raises(InputError) as raised:
        check_case(dongguan(tmp_path, adjustments=f"indicator,score,delta,reason,by,date\n{row}\n"), rulebook)
    [found] = raised.value.problems
    assert (found.file, found.line) == ("adjustments.csv", 2)
    assert f"{found.file} {found.message}" + (f"; found {found.found!r}" if found.found is not None else "") + \
        f"; allowed: {found.allowed}" == problem


def test_an_adjustment_without_reason_or_who_is_an_input_error(tmp_path, capsys):
    folder = dongguan(tmp_path, adjustments="indicator,score,delta,reason,by,date\nA1,,-1,,,2016-03-01\n")
    assert main(["check", str(folder), "--rules", str(RULES), "--no-write"]) == 2
    err = capsys.readouterr().err
    assert "adjustments.csv:2 [调整理由（reason）]: required value is empty" in err
    assert "adjustments.csv:2 [调整人（by）]: required value is empty" in err


def test_an_adjustment_of_a_leaf_that_cannot_be_assessed_is_an_input_error(tmp_path, rulebook):
    folder = dongguan(tmp_path, adjustments="indicator,score,delta,reason,by,date\nC1,10,,r,b,2016-03-01\n")
    (folder / "module_usage.yaml").unlink()
    manifest = folder / "case.yaml"
    manifest.write_text("".join(line for line in manifest.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.lstrip().startswith("module_usage:")), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        check_case(folder, rulebook)
    assert [str(p) for p in raised.value.problems] == [
        "adjustments.csv:2 [指标（indicator）]: this leaf cannot be assessed (evidence missing, facts that "
        "cannot be true, or no rule in force): an adjustment would score it without evidence; found 'C1'; allowed: "
        "supply the evidence (the evidence to request), then adjust"]


def test_an_adjustment_of_an_indicator_declared_not_applicable_is_an_input_error(tmp_path, rulebook):
    folder = dongguan(tmp_path, adjustments="indicator,score,delta,reason,by,date\nC4,3,,r,b,2016-03-01\n",
                      not_applicable="indicator,reason,evidence\nC4,x,y\n")
    with pytest.raises(InputError) as raised:
        check_case(folder, rulebook)
    assert [str(p) for p in raised.value.problems] == [
        "adjustments.csv:2 [指标（indicator）]: C4 is declared not applicable: it has no score to "
        "adjust; found 'C4'; allowed: an applicable leaf"]


def test_a_waived_rule_deducts_nothing_and_every_output_says_by_whom_and_why(tmp_path, rulebook):
    result = check_case(dongguan(tmp_path, waivers=waivers(WAIVE_C1)), rulebook)
    assert (result.scores.get("C1").score, result.scores.total, result.scores.grade) == (
        Decimal("15.00"), Decimal("69.25"), "中")
    [finding] = [f for f in result.findings if f.rule == "completion-rate"]
    assert (finding.deduction, finding.counted, finding.waiver.approver) == (Decimal("3.75"), 0, "市财政局 李四")
    text = render("text", result)
    assert "豁免 waiver: 规则 completion-rate 豁免：市财政局 李四 批准，模块应用评估延后（至 2016-06-30）\n" in text
    assert f"  C1 实际完成率              15        15  [{WAIVED}]\n" in text
    assert " 5. [C1 −3.75 豁免 waived] completion-rate: " in text
    report = render("markdown", result)
    assert f"|  | C1 实际完成率 |  |  | 15 | 15 | {WAIVED} |" in report
    assert "- **C1 实际完成率（豁免，不扣分（本应扣 3.75 分））** “加贸平台软件开发合同”约定 36 个子系统模块" in report
    assert "规则豁免：规则 completion-rate 豁免：市财政局 李四 批准，模块应用评估延后（至 2016-06-30）。" in report
    data = json_out.to_dict(result)
    waiver = {"rule": "completion-rate", "reason": "模块应用评估延后", "approver": "市财政局 李四", "expires": "2016-06-30",
              "expired": False, "evidence": {"file": "waivers.csv", "row": 1, "line": 2}}
    assert data["waivers"] == [waiver]
    [waived] = [f for f in data["findings"] if f["rule"] == "completion-rate"]
    assert (waived["kind"], waived["deduction"], waived["waiver"]) == ("waived", 3.75, waiver)
    assert f"C1,实际完成率,2,C,15,15.00,0.00,否,,,{WAIVED}" in render("scores", result).splitlines()
    assert "扣分（0 completion-rate（豁免，本应扣 3.75））= 15 " in render("explain", result)


def test_a_lapsed_waiver_waives_nothing_and_is_itself_a_finding(tmp_path, rulebook):
    lapsed = WAIVE_C1.replace("2016-06-30", "2015-06-30")
    golden = check_case(DONGGUAN, rulebook)
    result = check_case(dongguan(tmp_path, waivers=waivers(lapsed)), rulebook)
    assert (result.scores.total, result.scores.get("C1").score) == (Decimal("65.5"), Decimal("11.25"))
    [finding] = [f for f in result.findings if f.rule == "waiver-expired"]
    assert (finding.indicator, finding.deduction, finding.family) == ("C1", Decimal(0), "judgement")
    assert finding.text == ("规则 completion-rate 的豁免（市财政局 李四 批准：模块应用评估延后）已于 2015-06-30 到期，早于评价年度末 "
                            "2015-12-31：豁免不再适用，该规则照常扣分。")
    assert [dict(e) for e in finding.evidence] == [
        {"file": "waivers.csv", "row": 1, "line": 2, "values": {"expires": "2015-06-30", "year_end": "2015-12-31"},
         "derived": "waiver_checks"}]
    assert [f.rule for f in result.findings if f.rule != "waiver-expired"] == [f.rule for f in golden.findings]
    assert result.waivers[0].expired is True
    assert "豁免 waiver: 规则 completion-rate 已过期，未豁免：市财政局 李四 批准，模块应用评估延后（至 2015-06-30）\n" in \
        render("text", result)


def test_a_waiver_to_the_year_end_covers_the_year(tmp_path, rulebook):
    result = check_case(dongguan(tmp_path, waivers=waivers(WAIVE_C1.replace("2016-06-30", "2015-12-31"))), rulebook)
    assert (result.scores.total, result.waivers[0].expired) == (Decimal("69.25"), False)
    assert not [f for f in result.findings if f.rule == "waiver-expired"]


@pytest.mark.parametrize("row, problem", [
    ("completion-rates,r,a,2016-06-30",
     "waivers.csv:2 [豁免的规则（rule）]: scheme national-it-construction uses no such rule in 2015 (did you mean "
     "'completion-rate'?): the waiver would waive nothing; found 'completion-rates'"),
    ("separate-accounting,r,a,2016-06-30",
     "waivers.csv:2 [豁免的规则（rule）]: scheme national-it-construction uses no such rule in 2015: the waiver "
     "would waive nothing; found 'separate-accounting'"),
])
def test_a_waiver_of_a_rule_the_scheme_does_not_use_is_an_input_error(tmp_path, rulebook, row, problem):
    with pytest.raises(InputError) as raised:
        check_case(dongguan(tmp_path, waivers=waivers(row)), rulebook)
    [found] = raised.value.problems
    assert str(found).split("; allowed: ")[0] == problem
    assert found.allowed.startswith("approval-documents, budget-execution, completion-on-time, completion-rate, ")


def test_a_waiver_without_approver_or_expiry_is_an_input_error(tmp_path, capsys):
    folder = dongguan(tmp_path, waivers=waivers("completion-rate,模块应用评估延后,,"))
    assert main(["check", str(folder), "--rules", str(RULES), "--no-write"]) == 2
    err = capsys.readouterr().err
    assert "waivers.csv:2 [批准人（approver）]: required value is empty" in err
    assert "waivers.csv:2 [到期日（expires）]: required value is empty" in err


def test_the_workbook_marks_adjusted_and_waived_leaves(tmp_path):
    folder = dongguan(tmp_path, adjustments=ADJUST_A1, waivers=waivers(WAIVE_C1))
    assert main(["check", str(folder), "--rules", str(RULES), "--out", str(tmp_path / "out")]) == 0
    book = openpyxl.load_workbook(tmp_path / "out" / "dongguan-processing-trade" / "2015" / "report.xlsx")
    rows = [tuple(row) for row in book["评分表 scores"].iter_rows(values_only=True)]
    assert ("A1", "立项依据充分性", "A", 4, 3, None, ADJUSTED) in rows
    assert ("C1", "实际完成率", "C", 15, 15, None, WAIVED) in rows
    assert ("总分 total", None, None, 100, 68.25, None, None) in rows
    kinds = [row[0] for row in book["发现 findings"].iter_rows(values_only=True)]
    assert kinds.count("豁免 waived") == 1


def test_a_waiver_works_on_a_scheme_with_rules_about_last_year(tmp_path, rulebook):
    """Shanghai 2017 beside its 2016 facts: a waived separate-accounting gives B232 its 2 points
    (86.74 → 87.74); a lapsed waiver of prior-findings-rectified (a rule run after last year's
    comparison) waives nothing and is a finding under C32."""
    import shutil as sh

    from conftest import SHANGHAI_2017
    from jixiao.check.runs import check_with_history

    case = tmp_path / "shanghai-single-window"
    sh.copytree(SHANGHAI_2017.parent, case)
    (case / "2017" / "waivers.csv").write_text(waivers(
        "separate-accounting,小规模协作运维商经批准不单独建账,市口岸办,2017-12-31",
        "prior-findings-rectified,整改评估延后,市财政局,2017-01-31"), encoding="utf-8")
    result = check_with_history(case / "2017", rulebook).result
    assert result.previous_year == 2016
    assert (result.scores.total, result.scores.grade, result.scores.get("B232").score, result.scores.get("C32").score) \
        == (Decimal("87.74"), "良", Decimal("2.00"), Decimal("1.50"))
    assert [(f.rule, f.indicator, f.deduction) for f in result.findings if f.indicator == "C32"] == [
        ("prior-findings-rectified", "C32", Decimal("0.5")), ("waiver-expired", "C32", Decimal(0))]
    assert [(w.rule, w.expired) for w in result.waivers] == [("separate-accounting", False),
                                                             ("prior-findings-rectified", True)]


def test_the_english_report_words_the_judgement_in_english(tmp_path, rulebook):
    """Not applicable, an adjustment, a waiver in force and a lapsed one, in English: no Chinese
    but the texts the case's facts give (reasons, names), as the other English outputs."""
    from test_formats import TEMPLATE, chinese_labels

    from jixiao.report.formats import Template
    from test_not_applicable import C4, na

    lapsed = "output-quality,质量验收另行组织,市口岸办,2015-06-30"
    result = check_case(dongguan(tmp_path, not_applicable=na(C4), adjustments=ADJUST_A1,
                                 waivers=waivers(WAIVE_C1, lapsed)), rulebook)
    english = Settings(lang="en")
    for name in ("markdown", "html"):
        assert chinese_labels(render(name, result, english), result) == [], name
    template = Template(TEMPLATE.replace("LEAF", "C4"), "t.md")
    assert chinese_labels(render("template", result, Settings(lang="en", template=template)), result) == []
    report = render("markdown", result, english)
    assert ("**1 indicator(s) not applicable (C4, 5 points), not counted; the applicable indicators score 63.25 of "
            "95, rescaled to the maximum: total 66.58 of 100, graded on it**") in report
    assert ("|  | A1 立项依据充分性 |  |  | 4 | 3 (adjusted) | 3.16 | Adjusted by the evaluation team -1: "
            "立项依据中规划文件已过期 (评价组 张三, 2016-03-01); computed score 4 |") in report
    assert ("Waived rules: Rule completion-rate: Waived: approved by 市财政局 李四, 模块应用评估延后 (until 2016-06-30); "
            "Rule output-quality: Expired, not waived: approved by 市口岸办, 质量验收另行组织 (until 2015-06-30).") \
        in report
    assert "Not applicable: 项目为软件定制开发，合同总价包干，无可比成本 (evidence: 合同第 5 条)" in report


@pytest.mark.parametrize("name, text, expected", [
    ("adjustments.csv", "indicator,score,delta,reason,by,date\nA,,-1,r,b,2016-03-01\n",
     "adjustments.csv:2 [指标（indicator）]: a parent: adjust one of its leaves"),
    ("adjustments.yaml", "- {indicator: A1, delta: -1, reason: r, by: b, date: 2016-03-01}\n"
                         "- {indicator: A, delta: -1, reason: r, by: b, date: 2016-03-01}\n",
     "adjustments.yaml:2 [指标（indicator）]: record 2: a parent: adjust one of its leaves"),
])
def test_a_judgement_row_is_placed_as_every_input_problem_is(tmp_path, capsys, name, text, expected):
    """A CSV row by its line alone (no second 'row 1' beside line 2); a YAML record by its
    number beside its line - as load/validation.py places a value that does not parse."""
    folder = dongguan(tmp_path)
    (folder / name).write_text(text, encoding="utf-8")
    assert main(["check", str(folder), "--rules", str(RULES), "--no-write"]) == 2
    assert expected in capsys.readouterr().err
