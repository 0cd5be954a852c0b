"""What the reports say in words: each case cites only its own basis (never the seed report or
jixiao), integrity notes name exactly the indicators they leave unassessed, columns by their
Chinese titles, and a leaf that weighs nothing shown as 不计分 (no “−0”, no “0 0”)."""

from __future__ import annotations

import csv
import io
import re

import docx
import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.report import Settings, render

from conftest import FACTS, SHANGHAI_2017, bundled_cases

SCHOOL = FACTS / "school-renovation" / "2023"
YONGDE = FACTS / "form-yongde-nutrition" / "2022"
NOT_A_BASIS = re.compile(r"评价报告|jixiao|§|公开发布")  # the seed reports, their sections, published forms, the tool


def _body(report: str) -> str:
    """report.md before its annexes."""
    return report[:report.index("## 附件")]


@pytest.mark.parametrize("case, year", [(c, y) for c, y, _ in bundled_cases()])
def test_a_case_cites_only_its_own_basis(rulebook, case, year):
    result = check_case(FACTS / case / str(year), rulebook)
    cited = {r.id: r.citation for r in result.rules} | {f"finding {f.rule}": f.source for f in result.findings}
    assert {k: v for k, v in cited.items() if NOT_A_BASIS.search(v)} == {}
    body = _body(render("markdown", result)).split("\n", 1)[1]  # (the title, the project's name: the case's own)
    assert not NOT_A_BASIS.search(body)


def test_the_school_report_does_not_cite_the_shanghai_report(rulebook):
    result = check_case(SCHOOL, rulebook)
    report = render("markdown", result)
    assert "上海" not in _body(report)
    c3 = re.search(r"^- \*\*C3 设施完好率.*\n.*$", report, re.M).group(0)
    assert "依据：评价方案所定评分方法：比率指标未达目标的，按未达目标的百分点数扣分" in c3
    assert "上海" not in render("text", result)
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(render("docx", result))).paragraphs)
    assert "上海" not in word[:word.index("附件")]
    # where the method was transcribed from stays in the provenance annex
    assert "2017 年上海国际贸易单一窗口政府运维补贴资金绩效评价报告 §三(二)3(2) C24" in report[report.index("评价依据和出处"):]


def test_integrity_notes_name_exactly_the_indicators_they_leave_unassessed(golden):
    """Shanghai 2017: three disagreements, none read by a rule that then cannot assess (B12 reads
    other rows of cost_estimates_by_subject and is scored)."""
    assert golden.scores.get("B12").score is not None
    report = render("markdown", golden)
    assert "读取这些数据的指标无法评价" not in report
    assert "这些数据未使任何指标无法评价，各指标照常评分。" in report
    assert "  （均未使指标无法评价 no indicator is left unassessed by them）" in render("text", golden).splitlines()
    word = [p.text for p in docx.Document(io.BytesIO(render("docx", golden))).paragraphs]
    assert not [p for p in word if "读取这些数据的指标" in p]
    assert ("基础数据核对发现 3 处数据前后不一致或不可信（不扣分），详见附件 4。这些数据未使任何指标无法评价，各指标照常评分。"
            in word)


def test_reports_name_columns_by_their_titles_not_their_codes(golden):
    report = render("markdown", golden)
    assert "- 第 6 行 合计 = 1807.8 万元，但 主运维计划数 + 协作运维计划 = 543.03 万元（相差 1264.77 万元）" in report
    assert not re.search(r"（(lead_plan|collab_plan|operator|operators|total)）", report)
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", golden)))
    texts = [r[4] for r in book["发现 findings"].iter_rows(min_row=2, values_only=True)]
    assert "lead_plan" not in "".join(texts)
    # the text summary and findings.json keep the codes the fact files' headers use
    assert "主运维计划数（lead_plan）" in render("text", golden)


def test_scores_csv_has_titles_in_the_report_s_language(golden):
    zh = list(csv.reader(io.StringIO(render("scores", golden))))
    en = list(csv.reader(io.StringIO(render("scores", golden, Settings(lang="en")))))
    assert zh[0] == ["指标代码", "指标名称", "级次", "上级指标", "权重", "得分", "扣分", "暂定"]
    assert en[0] == ["id", "name", "level", "parent", "weight", "score", "deductions", "provisional"]
    assert zh[-1] == ["total", "总分 total", "0", "", "100", "86.74", "", "否"]
    assert en[-1] == ["total", "总分 total", "0", "", "100", "86.74", "", "no"]


def test_a_leaf_that_weighs_nothing_is_shown_as_not_scored(rulebook):
    result = check_case(YONGDE, rulebook)
    text = render("text", result)
    assert "R 自评表填报质量复核（不计分）         —                不计分" in text.splitlines()
    assert "−0]" not in text and " 2. [R 不计分 not scored] form-missed-target-no-reason: " in text
    report = render("markdown", result)
    assert "| R 自评表填报质量复核（不计分） |  |  |  | — | 不计分 |" in report
    assert "（扣 0 分）" not in report and "（不计分）（不计分）" not in report
    assert "- **R 自评表填报质量复核（不计分）** “政策知晓率”（C2）" in report
    rows = {r[0]: r for r in csv.reader(io.StringIO(render("scores", result)))}
    assert rows["R"][4:7] == ["0", "不计分", ""]
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", result)))
    scores = {r[0]: r[4] for r in book["评分表 scores"].iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert scores["R"] == "不计分"
    word = docx.Document(io.BytesIO(render("docx", result)))
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["R 自评表填报质量复核（不计分）", "—", "不计分"] in [row[-3:] for row in cells]
