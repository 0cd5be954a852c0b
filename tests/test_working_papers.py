"""The working papers of report.md / .html read as report.docx's annex does (one helper,
report/readable.py): column titles, not field names; codes in words; numbers rounded as people
quote them, ratios as percentages (issue 15, a fresh user's fault: `execution_gap =
-0.9101431617423089`, `direction = at_least` in report.md)."""

from __future__ import annotations

import re

import pytest

from jixiao.check.case import check_case
from jixiao.report import html, markdown
from jixiao.report.formats import Settings

from conftest import FACTS, SHANGHAI_2017

JISHAN = FACTS / "form-jishan-medical-insurance" / "2020"


def papers(report: str) -> str:
    return report[report.index("## 附件：指标工作底稿"):report.index("## 附件：评价依据和出处")]


@pytest.fixture(scope="module")
def jishan(rulebook):
    return check_case(JISHAN, rulebook)


def test_a_form_s_working_papers_are_readable(jishan):
    text = papers(markdown.render(jishan, Settings()))
    lines = text.splitlines()
    # the execution gap rounded, under its column's title
    execution = lines.index("**规则 `form-execution-score`**：预算执行得分应为 分值 × 执行率（执行率 = 全年执行数 / 全年预算数，"
                            "最高不超过分值）")
    assert lines[execution + 3:execution + 10] == [
        "- 条件：有值(预算执行得分与 分值 × 执行率 之差) 且 预算执行得分之差（绝对值） > 预算执行得分的舍入误差上限 且 "
        "预算执行得分之差（绝对值） > finest",
        "- 参数（2020）：finest = 0.005",
        "",
        "| 事实（出处） | 预算执行得分与 分值 × 执行率 之差 | 预算执行得分之差（绝对值） | 预算执行得分的舍入误差上限 | 是否发现问题 |",
        "|---|---|---|---|:---:|",
        "| form（form.xlsx[自评表] 第 6–9、13–19 行） | -0.91 | 0.91 | 0.5 | 是 |",
        ""]
    # a code in words, in the condition and in the facts
    assert "- 条件：指标值类型 = \"定量\" 且 指标方向 = \"未写方向\"" in lines
    # the row itself, not the 总分 row the form's header also rests on
    # (the indicator in words, its code and where it was read: the table's caption column)
    assert "| 指标1:全县参合人数（B1，form.xlsx[自评表] 第 13 行） | 未写方向 | 定量 | 是 |" in lines
    # a scored row: the facts it read, the deduction worked out, the score
    b1 = lines.index("### B1 指标1:全县参合人数（权重 15，得分 14.86）")
    assert lines[b1 + 2:b1 + 16] == [
        "**规则 `attainment@B1`**：正向指标按完成比例计分：得分 = 权重 × min(实际值 / 目标值, 1)",
        "",
        "- 依据：财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）项目支出绩效自评表：定量指标（正向，年度指标值为 ≥X）："
        "完成值达到指标值记满分，未达到的按 实际完成值 / 年度指标值 × 分值 记分",
        "- 条件：指标代码 = \"B1\" 且 目标单位 = \"无单位\" 且 方向 = \"≥（正向）\" 且 实际值 < 目标值",
        "- 扣分标准：权重 × (1 - 实际值 ÷ 目标值)",
        "- 扣分：权重 × (1 - 实际值 ÷ 目标值) = 15 × (1 - 8676 ÷ 8755) = 0.1354",
        "",
        "| 事实（出处） | 方向 | 目标值 | 目标单位 | 实际值 | 是否扣分 |",
        "|---|---|---|---|---|:---:|",
        "| 指标1:全县参合人数（8755）（B1，form.xlsx[自评表] 第 13 行） | ≥（正向） | 8755 | 无单位 | 8676 | 是 |",
        "",
        "得分计算：得分 = 权重 15 − 扣分 0.1354 = 14.8646，限于 0 至权重之间，四舍五入保留两位小数：14.86",
        "",
        "### B2 指标1:资金是否全部纳入医保统筹（权重 15，得分 15）"]
    # a rule that only reports (deducts nothing) shows no '0 = 0'
    assert "扣分：0 = 0" not in text
    for trace in ("execution_gap", "at_least", "quantitative", "direction =", "answer =", "metric ="):
        assert trace not in text, trace
    assert not re.findall(r"\d\.\d{5,}", text)


def test_the_evidence_annex_names_the_values_as_the_working_papers_do(rulebook, jishan):
    report = markdown.render(jishan, Settings())
    annex = report[report.index("## 附件：发现及证据"):report.index("## 附件：指标工作底稿")]
    assert ("   - form.xlsx[自评表]:19（预算执行得分与 分值 × 执行率 之差 = -0.91；预算执行得分之差（绝对值） = 0.91；"
            "预算执行得分的舍入误差上限 = 0.5）\n") in annex
    assert "   - form.xlsx[自评表]:13（方向 = ≥（正向）；指标代码 = B1；目标值 = 8755；目标单位 = 无单位；实际值 = 8676）\n" in annex
    assert "execution_gap" not in annex and "at_least" not in annex
    report = markdown.render(check_case(SHANGHAI_2017, rulebook), Settings())
    assert "   - budget.csv:2（预算执行率 = 99.55%）\n" in report
    assert "   - observations.yaml:15（结论 = 部分；问题编号 = indicators_complete）\n" in report


def test_the_page_s_working_papers_are_the_same(jishan):
    page = html.render(jishan, Settings())
    assert ("<tr>\n<td>form（form.xlsx[自评表] 第 6–9、13–19 行）</td>\n<td>-0.91</td>\n<td>0.91</td>\n<td>0.5</td>\n"
            "<td style=\"text-align: center;\">是</td>\n</tr>") in page
    assert "execution_gap" not in page and "at_least" not in page and "0.9101431617423089" not in page


def test_shanghai_s_working_papers_quote_the_facts_with_units(rulebook):
    text = papers(markdown.render(check_case(SHANGHAI_2017, rulebook), Settings()))
    lines = text.splitlines()
    b11 = lines.index("### B11 预算执行率（权重 2，得分 1.99）")
    assert lines[b11 + 5:b11 + 15] == [
        "- 条件：预算执行率 < 1",
        "- 扣分标准：权重 × (1 - 预算执行率)",
        "- 扣分：权重 × (1 - 预算执行率) = 2 × (1 - 0.9955) = 0.0089",
        "",
        "| 事实（出处） | 预算执行率 | 是否扣分 |",
        "|---|---|:---:|",
        "| budget.csv 第 2–5 行；disbursements.csv 第 2–4 行 | 99.55% | 是 |",
        "",
        "得分计算：得分 = 权重 2 − 扣分 0.0089 = 1.9911，限于 0 至权重之间，四舍五入保留两位小数：1.99",
        ""]
    # an observation rule shows the one fact it asks about, its answer in words
    a11 = lines.index("### A11 战略目标适应性（权重 2，得分 2）")
    assert lines[a11 + 8:a11 + 11] == ["| 事实（出处） | 结论 | 是否扣分 |", "|---|---|:---:|",
                                       "| 项目是否符合国家关于发展单一窗口平台的政策和优先发展重点、市口岸办的战略目标？"
                                       "（strategic_fit，observations.yaml 第 3 行） | 是 | 否 |"]
    assert "answer = yes" not in text and "execution_rate" not in text
