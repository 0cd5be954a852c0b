"""Not applicable is not cannot-assess: a case declares an indicator 不适用 with its reason and
evidence (not_applicable facts); the scheme says how the total is normalised (rescale:
按百分制折算, or redistribute to the siblings); the grade follows the normalised total, and every
output shows the raw and the normalised total and each N/A row with its reason."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.model.problems import InputError
from jixiao.report import json as json_out
from jixiao.report.common import not_applicable_text as said
from jixiao.report.formats import render

from conftest import ROOT, RULES

DONGGUAN = ROOT / "facts" / "dongguan-processing-trade" / "2015"
C4_REASON = "项目为软件定制开发，合同总价包干，无可比成本（依据：合同第 5 条）"


def dongguan(tmp_path, **files):
    """A copy of the Dongguan case with extra fact files: name -> CSV text."""
    target = tmp_path / "dongguan-processing-trade" / "2015"
    shutil.copytree(DONGGUAN, target)
    for name, text in files.items():
        (target / f"{name}.csv").write_text(text, encoding="utf-8")
    return target


def na(*rows: str) -> str:
    return "indicator,reason,evidence\n" + "".join(row + "\n" for row in rows)


C4 = "C4,项目为软件定制开发，合同总价包干，无可比成本,合同第 5 条"


def rules_with(tmp_path, method: str):
    """A copy of rules/ whose national scheme normalises by `method`."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("*.test.yaml"))
    scheme = rules / "schemes" / "national-it-construction.yaml"
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text.replace("not_applicable: rescale", f"not_applicable: {method}"), encoding="utf-8")
    return load_rulebook(rules)


def leaf_scores(result) -> dict:
    return {r.id: r.score for r in result.scores.rows if r.is_leaf}


def test_a_leaf_not_applicable_is_dropped_and_the_total_rescaled(tmp_path, rulebook):
    result = check_case(dongguan(tmp_path, not_applicable=na(C4)), rulebook)
    scores = result.scores
    # 65.5 less C4's 5 = 60.5 of the applicable 95, × 100 / 95 = 63.684… → 63.68
    assert (scores.raw_total, scores.applicable_weight, scores.total, scores.grade, scores.normalisation) == (
        Decimal("60.50"), Decimal(95), Decimal("63.68"), "中", "rescale")
    c4 = scores.get("C4")
    assert (c4.score, c4.assessed, said(c4.not_applicable)) == (None, True, C4_REASON)
    assert scores.provisional is False and scores.get("C").score == Decimal("13.75")
    assert not any(r.indicator == "C4" for r in result.cannot_assess) and not result.rule_gaps


def test_not_applicable_raises_a_total_that_it_would_otherwise_hold_down(tmp_path, rulebook):
    """C3 scored 0: dropping it rescales 65.5 of 95 to 68.95; the other leaves keep their scores."""
    golden = check_case(DONGGUAN, rulebook)
    result = check_case(dongguan(tmp_path, not_applicable=na("C3,合同未约定完成时限,合同全文")), rulebook)
    assert (result.scores.raw_total, result.scores.total, result.scores.grade) == (Decimal("65.50"), Decimal("68.95"), "中")
    assert {k: v for k, v in leaf_scores(result).items() if k != "C3"} == \
        {k: v for k, v in leaf_scores(golden).items() if k != "C3"}
    assert not any(f.indicator == "C3" for f in result.findings)  # its rule is not run at all


def test_every_output_shows_the_reason_and_both_totals(tmp_path, rulebook):
    folder = dongguan(tmp_path, not_applicable=na(C4))
    result = check_case(folder, rulebook)
    note = ("1 项指标不适用（C4，共 5 分），不计入总分；适用指标得分 60.5 / 95，按百分制折算后总分 63.68 / 100，"
            "等级按折算后总分确定")
    text = render("text", result)
    assert "总分 total: 63.68 / 100   等级 grade: 中\n" in text and f"不适用 not applicable: {note}\n" in text
    assert f"  C4 成本控制                 5       不适用  [不适用：{C4_REASON}]\n" in text
    report = render("markdown", result)
    assert f"|  | C4 成本控制 |  |  | 5 | 不适用 |  | 不适用：{C4_REASON} |\n" in report
    # each applicable leaf's score × 100 / 95, at the scheme's 2 decimals; the parents and the total add them
    assert "|  | A4 绩效指标明确性 |  |  | 4 | 2 | 2.1 |  |\n" in report  # 2.105… rounded down: the units add up
    assert "| C 产出 |  |  |  | 30 | 13.75 | 14.47 |  |\n" in report
    assert "| **适用指标合计（折算前）** | | | | **95** | **60.5** | | |\n| **合计** | | | | **100** | **63.68** | | |\n" in report
    assert f"**{note}**" in report
    assert f"### C4 成本控制（权重 5，得分 不适用）\n\n得分计算：不适用 — {C4_REASON}；不计入总分，总分按适用指标折算\n" in report
    data = json_out.to_dict(result)
    assert (data["total"], data["raw_total"], data["applicable_weight"], data["not_applicable"], data["grade"]) == (
        63.68, 60.5, 95.0, "rescale", "中")
    [c4] = [i for i in data["indicators"] if i["id"] == "C4"]
    assert c4 == {"id": "C4", "name": "成本控制", "weight": 5.0, "score": None, "parent": "C", "assessed": True,
                  "not_applicable": C4_REASON}
    lines = render("scores", result).splitlines()
    assert lines[0] == "指标代码,指标名称,级次,上级指标,权重,得分,扣分,暂定,计算得分,折算得分,说明"
    assert f"C4,成本控制,2,C,5,不适用,,否,,,不适用：{C4_REASON}" in lines
    assert lines[-2:] == [f"raw_total,适用指标合计（折算前）raw total,0,,95,60.50,,否,,,{note}",
                          "total,总分 total,0,,100,63.68,,否,,,"]
    explained = render("explain", result)
    assert "C4 成本控制  权重 5 → 得分 不适用\n" in explained
    assert explained.endswith(f"总分：{note}\n")


def test_the_workbook_marks_the_row_and_gives_both_totals(tmp_path, capsys):
    folder = dongguan(tmp_path, not_applicable=na(C4))
    assert main(["check", str(folder), "--rules", str(RULES), "--out", str(tmp_path / "out")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out" / "dongguan-processing-trade" / "2015" / "report.xlsx")["评分表 scores"]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("指标 id", "名称 name", "上级 parent", "权重 weight", "得分 score", "折算得分 normalised", "说明 note")
    assert ("C4", "成本控制", "C", 5, "不适用", None, f"不适用：{C4_REASON}") in rows
    assert ("适用指标合计（折算前）raw total", None, None, 95, 60.5, None, None) in rows
    assert ("总分 total", None, None, 100, 63.68, None, None) in rows


def test_a_parent_declared_drops_its_leaves_and_says_so(tmp_path, rulebook):
    result = check_case(dongguan(tmp_path, not_applicable=na("D,项目无可量化的效益目标,立项批复")), rulebook)
    scores = result.scores
    assert (said(scores.get("D1").not_applicable), said(scores.get("D").not_applicable), scores.get("D").score) == (
        "项目无可量化的效益目标（依据：立项批复）", "下级指标均不适用", None)
    # 11 + 20.75 + 18.75 = 50.5 of 70 → 72.14
    assert (scores.raw_total, scores.applicable_weight, scores.total, scores.grade) == (
        Decimal("50.50"), Decimal(70), Decimal("72.14"), "中")


def test_redistribution_gives_the_weight_to_the_siblings_pro_rata(tmp_path):
    result = check_case(dongguan(tmp_path, not_applicable=na(C4)), rules_with(tmp_path, "redistribute"))
    scores = result.scores
    # C4's 5 goes to C1 / C2 / C3 (15 : 5 : 5): × 30 / 25
    assert [(r.id, r.effective_weight, r.normalised) for r in scores.rows if r.parent == "C"] == [
        ("C1", Decimal("18.00"), Decimal("13.50")), ("C2", Decimal("6.00"), Decimal("3.00")),
        ("C3", Decimal("6.00"), Decimal("0.00")), ("C4", None, None)]
    assert (scores.get("C").normalised, scores.get("A").normalised) == (Decimal("16.50"), Decimal("11.00"))
    assert leaf_scores(result)["C1"] == Decimal("11.25")  # the raw score stays
    assert (scores.raw_total, scores.total, scores.grade, scores.normalisation) == (
        Decimal("60.50"), Decimal("63.25"), "中", "redistribute")
    report = render("markdown", result)
    assert "| 一级指标 | 二级指标 | 三级指标 | 四级指标 | 权重 | 得分 | 折算得分 | 说明 |" in report
    assert "|  | C1 实际完成率 |  |  | 15 | 11.25 | 13.5 |  |" in report
    assert "→ 折算为权重 18.00：13.50\n" in report
    assert "权重按比例分配给同级指标后总分 63.25 / 100" in report


def test_a_first_level_indicator_not_applicable_scores_alike_by_both_methods(tmp_path, rulebook):
    facts = dongguan(tmp_path, not_applicable=na("D,项目无可量化的效益目标,立项批复"))
    rescaled = check_case(facts, rulebook).scores
    redistributed = check_case(facts, rules_with(tmp_path, "redistribute")).scores
    assert rescaled.total == redistributed.total == Decimal("72.14")


def test_cannot_assess_stays_beside_not_applicable(tmp_path, rulebook):
    """Evidence missing for C1 (module usage) and C4 not applicable: C1 and C3 are 无法评价,
    the total provisional, the grade the bands the normalised total may still reach."""
    folder = dongguan(tmp_path, not_applicable=na(C4))
    (folder / "module_usage.yaml").unlink()
    manifest = folder / "case.yaml"
    manifest.write_text("".join(line for line in manifest.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.lstrip().startswith("module_usage:")), encoding="utf-8")
    scores = check_case(folder, rulebook).scores
    assert sorted(r.id for r in scores.unassessed) == ["C1", "C3"]
    assert said(scores.get("C4").not_applicable) == C4_REASON
    # 11 + 20.75 + 2.5 + 15 = 49.25 of 95 → 51.84; C1 and C3 could add 20 of 95 → 72.89
    assert (scores.raw_total, scores.total, scores.provisional, scores.grade) == (
        Decimal("49.25"), Decimal("51.84"), True, "差～中")


@pytest.mark.parametrize("rows, problem", [
    ((C4.replace("C4", "C44", 1),),
     "not_applicable.csv:2 [指标（indicator）]: not an indicator of scheme national-it-construction (did you "
     "mean 'C4'?); found 'C44'; allowed: A, A1, A2, A3, A4, B, B1, B2, B3, B4, B5, C, C1, C2, C3, C4, D, D1"),
    (("A,x,y", "B,x,y", "C,x,y", "D,x,y"),
     "not_applicable.csv:2 [指标（indicator）]: every indicator is declared not applicable: there is nothing "
     "to score; found 14; allowed: fewer than all 14 leaves"),
])
def test_a_declaration_that_cannot_hold_is_an_input_error(tmp_path, rulebook, rows, problem):
    with pytest.raises(InputError) as raised:
        check_case(dongguan(tmp_path, not_applicable=na(*rows)), rulebook)
    assert [str(p) for p in raised.value.problems] == [problem]


def test_a_scheme_that_does_not_say_how_to_normalise_refuses_a_declaration(case_copy, rulebook, capsys):
    (case_copy / "not_applicable.csv").write_text(na("C24,系统尚未上线,上线批复"), encoding="utf-8")
    assert main(["check", str(case_copy), "--rules", str(RULES), "--no-write"]) == 2
    err = capsys.readouterr().err
    assert (f"not_applicable.csv:2 [指标（indicator）]: scheme shanghai-om-subsidy does not say how the total is "
            f"normalised when an indicator does not apply ({RULES / 'schemes' / 'shanghai-om-subsidy.yaml'}); found "
            "'C24'; allowed: no declaration that an indicator does not apply, or `not_applicable: rescale` (the total "
            "rescaled to the scheme's maximum) or `not_applicable: redistribute` (the weight shared out among the "
            "sibling indicators pro rata) in the scheme") in err
    assert "Traceback" not in err


def test_a_scheme_with_an_unknown_method_is_refused(tmp_path):
    with pytest.raises(InputError) as raised:
        rules_with(tmp_path, "rescaled")
    [problem] = raised.value.problems
    assert str(problem).endswith("[not_applicable]: how the total is normalised when an indicator does not apply "
                                 "(did you mean 'rescale'?); found 'rescaled'; allowed: rescale (the total rescaled "
                                 "to the scheme's maximum), redistribute (the weight shared out among the sibling "
                                 "indicators pro rata)")
    assert problem.render("zh").endswith("[not_applicable]：总分在指标不适用时如何折算（是否应为 'rescale'？）；"
                                         "填写的是 'rescaled'；可填：rescale（按百分制折算）、"
                                         "redistribute（权重按比例分配给同级指标）")


def test_the_json_of_a_case_without_declarations_keeps_its_keys(rulebook):
    data = json_out.to_dict(check_case(DONGGUAN, rulebook))
    assert list(data) == ["case", "year", "scheme", "total", "provisional", "grade", "indicators", "findings"]
    assert data["total"] == 65.5
    assert json.dumps(data).count("not_applicable") == 0


def test_leaving_only_weightless_indicators_applicable_is_an_input_error(tmp_path, rulebook):
    """Nothing would be left to rescale over (a division by nothing, never a number)."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("*.test.yaml"))
    scheme = rules / "schemes" / "national-it-construction.yaml"
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(text.replace("- {id: A2, name: 立项程序规范性, weight: 3,", "- {id: A2, name: 立项程序规范性, weight: 0,")
                      .replace("weight: 15\n", "weight: 12\n", 1).replace("grades:", "max: 97\ngrades:", 1),
                      encoding="utf-8")
    declared = ["A1,x,y", "A3,x,y", "A4,x,y", "B,x,y", "C,x,y", "D,x,y"]
    with pytest.raises(InputError) as raised:
        check_case(dongguan(tmp_path, not_applicable=na(*declared)), load_rulebook(rules))
    assert [str(p) for p in raised.value.problems] == [
        "not_applicable.csv:2 [指标（indicator）]: the applicable indicators of the scheme weigh nothing: there is "
        "nothing to normalise the total over; found 'A1, A3, A4, B1, B2, B3, B4, B5, C1, C2, C3, C4, D1'; allowed: "
        "leave an indicator with weight applicable there"]


def test_rates_are_over_what_applies_and_an_na_part_says_so(tmp_path, rulebook):
    """Other instances of the kind: a parent's score rate (the conclusion, the chart, a template's
    metric) counts an N/A leaf's weight as no loss, and a first-level indicator wholly N/A is
    不适用 in them, never 无法评价."""
    from jixiao.report import figures
    from jixiao.report.labels import ZH
    from jixiao.report.markdown import conclusion
    from jixiao.report.template import _metric

    result = check_case(dongguan(tmp_path, not_applicable=na(C4, "D,项目无可量化的效益目标,立项批复")), rulebook)
    c = result.scores.get("C")
    assert (c.score, c.na_weight, c.rate) == (Decimal("13.75"), Decimal(5), Decimal("0.55"))
    sentence = conclusion(result, ZH).split("\n")[0]
    assert "产出类指标得 13.75 分，得分率为 55%；效益类指标不适用" in sentence
    drawn = {label: text for label, _, text in figures.rate_labels(result.scores.rows, ZH["cannot_assess"],
                                                                   ZH["provisional"], ZH["not_applicable"])}
    assert drawn["C 产出"] == "55%" and drawn["D 效益"] == "不适用" and "无法评价" not in drawn.values()
    assert (_metric("C.rate", result, ZH), _metric("C4.score", result, ZH),
            _metric("C4.weight", result, ZH)) == ("55%", "不适用", "5")


def test_the_order_of_the_declarations_never_matters(tmp_path, rulebook):
    """A leaf declared itself keeps its own reason, its parent's declared before or after it."""
    rows = ["C,产出类指标不适用,立项批复", "C4,无可比成本,合同第 5 条"]
    first = check_case(dongguan(tmp_path / "a", not_applicable=na(*rows)), rulebook).scores
    second = check_case(dongguan(tmp_path / "b", not_applicable=na(*reversed(rows))), rulebook).scores
    assert first == second
    assert [(r.id, said(r.not_applicable)) for r in first.rows if r.id.startswith("C")] == [
        ("C", "下级指标均不适用"), ("C1", "产出类指标不适用（依据：立项批复）"), ("C2", "产出类指标不适用（依据：立项批复）"),
        ("C3", "产出类指标不适用（依据：立项批复）"), ("C4", "无可比成本（依据：合同第 5 条）")]
    assert (first.raw_total, first.applicable_weight, first.total) == (Decimal("46.75"), Decimal(70), Decimal("66.79"))


def test_a_nested_declaration_is_more_specific_than_its_ancestors_in_either_order(tmp_path, case_copy):
    """Shanghai's four levels (C → C2 → C29 → C291), with a copy of its scheme that rescales:
    C291 and C292 take C29's reason whether C2 is declared before or after it."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("*.test.yaml"))
    scheme = rules / "schemes" / "shanghai-om-subsidy.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("grades:", "not_applicable: rescale\ngrades:", 1),
                      encoding="utf-8")
    book = load_rulebook(rules)
    rows = ["C2,产出效果不适用,批复,", "C29,未开展满意度调查,说明"]
    reasons = []
    for order in (rows, rows[::-1]):
        (case_copy / "not_applicable.csv").write_text(na(*(r.rstrip(",") for r in order)), encoding="utf-8")
        scores = check_case(case_copy, book).scores
        reasons.append({r.id: said(r.not_applicable) for r in scores.rows if r.id in ("C21", "C291", "C292")})
    assert reasons[0] == reasons[1] == {"C21": "产出效果不适用（依据：批复）", "C291": "未开展满意度调查（依据：说明）",
                                        "C292": "未开展满意度调查（依据：说明）"}
