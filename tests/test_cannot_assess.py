"""Cannot assess is not compliant: missing facts leave an indicator unscored, never at full marks,
and the report lists the evidence to request (资料清单)."""

import json
from decimal import Decimal

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.report import render

from conftest import RULES, set_csv_cell, set_yaml_field

GOLDEN_TOTAL = Decimal("86.74")


def drop_yaml_record(path, key, value):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"- {key}: {value}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_a_missing_observation_leaves_its_indicator_unassessed(rulebook, case_copy):
    drop_yaml_record(case_copy / "observations.yaml", "id", "indicators_complete")
    result = check_case(case_copy, rulebook)
    a22 = result.scores.get("A22")
    assert (a22.score, a22.assessed) == (None, False)
    assert result.scores.get("A2").score == Decimal(2)  # only A21 assessed
    assert result.scores.total == GOLDEN_TOTAL - 1  # A22's 1 point is not counted, and never 2
    assert result.scores.provisional and result.scores.grade == "良"
    assert [r.id for r in result.cannot_assess] == ["indicators-complete"]
    report = render("markdown", result)
    assert "1 项指标（2 分）因资料不全无法评价，未计入总分" in report
    assert "## 五、资料清单（需补充的证据）" in report
    assert "[A22] 评价小组对“绩效指标应明确、完整，覆盖产出和效果”的核查结论及依据（observations：indicators_complete）" in report
    assert "| A22 绩效指标明确性 |  | 2 | 无法评价 |" in report


def test_a_misspelt_observation_id_is_not_full_marks(rulebook, case_copy):
    set_yaml_field(case_copy / "observations.yaml", {"id": "strategic_fit"}, "id", "strategic_fitt")
    result = check_case(case_copy, rulebook)
    assert result.scores.get("A11").score is None
    assert result.scores.total == GOLDEN_TOTAL - 2


def test_an_unmeasured_metric(rulebook, case_copy):
    drop_yaml_record(case_copy / "outcomes.yaml", "metric", "new_functions")
    result = check_case(case_copy, rulebook)
    assert result.scores.get("C25").score is None
    assert result.scores.total == GOLDEN_TOTAL - Decimal("2.53")


def test_a_budget_of_zero_cannot_give_an_execution_rate(rulebook, case_copy):
    for no in ("1", "2", "3", "4"):
        set_csv_cell(case_copy / "budget.csv", {"no": no}, "amount", "0")
    result = check_case(case_copy, rulebook)
    assert result.scores.get("B11").score is None


def test_empty_observations_leave_every_qualitative_leaf_unassessed(rulebook, case_copy):
    (case_copy / "observations.yaml").write_text("[]\n", encoding="utf-8")
    result = check_case(case_copy, rulebook)
    unassessed = sorted(r.id for r in result.scores.unassessed)
    assert unassessed == ["A11", "A12", "A21", "A22", "B21", "B231", "B31", "B341", "B342", "C122", "C31"]
    assert result.scores.total < GOLDEN_TOTAL  # never the 92.74 that empty answers once gave


def test_json_marks_unassessed_leaves_and_lists_the_requests(capsys, case_copy):
    drop_yaml_record(case_copy / "observations.yaml", "id", "indicators_complete")
    code = main(["check", str(case_copy), "--format", "json", "--no-write", "--rules", str(RULES)])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    a22 = next(i for i in result["indicators"] if i["id"] == "A22")
    assert (a22["score"], a22["assessed"]) == (None, False)
    [request] = [f for f in result["findings"] if f["kind"] == "cannot_assess"]
    assert (request["rule"], request["indicator"], request["deduction"]) == ("indicators-complete", "A22", None)
    assert request["recommendation"].startswith("请提供：评价小组对")


def test_every_output_says_where_the_total_is_that_it_is_provisional(capsys, tmp_path, case_copy):
    import io
    import openpyxl
    from jixiao.report import template as template_out
    drop_yaml_record(case_copy / "observations.yaml", "id", "indicators_complete")  # A22 cannot be assessed
    assert main(["check", str(case_copy), "--out", str(tmp_path / "out"), "--rules", str(RULES)]) == 0
    assert ("总分 total: 85.74 / 98 可评价分值 assessable（另 2 分无法评价 cannot be assessed，满分 out of 100）   "
            "等级 grade: 良（暂定 provisional）") in capsys.readouterr().out.splitlines()
    folder = tmp_path / "out" / "shanghai-single-window" / "2017"
    data = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
    assert list(data)[:6] == ["case", "year", "scheme", "total", "provisional", "grade"]
    assert (data["total"], data["provisional"], data["grade"]) == (85.74, True, "良")
    scores = (folder / "scores.csv").read_text(encoding="utf-8-sig").splitlines()
    assert scores[-1] == "total,总分 total,0,,100,85.74,,是"
    provisional = {line.split(",")[0]: line.split(",")[-1] for line in scores[1:]}
    assert sorted(i for i, flag in provisional.items() if flag == "是") == ["A", "A2", "A22", "total"]
    book = openpyxl.load_workbook(io.BytesIO((folder / "report.xlsx").read_bytes()))
    rows = list(book["评分表 scores"].iter_rows(values_only=True))
    assert rows[-4:] == [("可评价分值 assessable", None, None, 98, 85.74, None),
                         ("总分 total", None, None, 100, 85.74, "暂定 provisional：2 分无法评价 cannot be assessed"),
                         ("等级 grade", "良（暂定 provisional）", None, None, None, None),
                         ("注意 note", "1 项指标（2 分）因资料不全无法评价，未计入总分；总分和等级待补充资料后确定",
                          None, None, None, None)]
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert "| **合计** | | | | **100** | **85.74（暂定；2 分无法评价）** |" in report
    assert "项目可评价的 98 分中得 **85.74** 分，另有 2 分无法评价（满分 100 分），总分暂定；评价等级暂定为“**良**”。" in report
    result = check_case(case_copy, load_rulebook(RULES))
    assert template_out.fill("{{ metric total }} {{ metric grade }}", result, "t.md") == "85.74（暂定；2 分无法评价） 良（暂定）"
    assert template_out.fill("{{ metric total }}", result, "t.md", "en") == "85.74 (provisional; 2 points cannot be assessed)"


def test_a_final_total_carries_no_mark(golden):
    from jixiao.report import json as json_out, template as template_out
    assert json_out.to_dict(golden)["provisional"] is False
    assert render("scores", golden).splitlines()[-1] == "total,总分 total,0,,100,86.74,,否"
    assert "| **合计** | | | | **100** | **86.74** |" in render("markdown", golden)
    assert template_out.fill("{{ metric total }} {{ metric grade }}", golden, "t.md") == "86.74 良"
