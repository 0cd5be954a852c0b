"""A target-setting form (绩效目标表) is reviewed, not scored: its outputs said what a scored
form's say where nothing is scored: a working paper column 是否扣分, a text table headed 权重 where
the form says 分值, “扣分：0 = 0” in the working paper, “得分计算：不计分（权重为 0）”, “该指标不计分
（权重为 0）”, “本报告的得分和发现…”, and report.docx's annexes headed 权重 / 评分标准 / 扣分及得分 with
“扣分条件…，扣分标准：0”. Each test names the output and the exact words a reader must see."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document

from jixiao.check.case import check_case
from jixiao.report import docx, explain, html, markdown, text, xlsx
from jixiao.report.formats import Settings

from conftest import FACTS, paragraph_texts
from test_target_review_faults import GOOD, national_form

JISHAN = FACTS / "form-jishan-medical-insurance" / "2020"


@pytest.fixture(scope="module")
def road(tmp_path_factory, rulebook):
    """A 绩效目标表 with three findings: no goal (B5), an unmeasurable target (C3), weights of 90
    against a 总分 of 100."""
    rows = [r[:] for r in GOOD]
    rows[6][3], rows[0][4] = "明显改善", 10
    folder = national_form(tmp_path_factory.mktemp("target") / "road" / "2024", rows, goal=None)
    return check_case(folder, rulebook)


def _docx(result, lang="zh") -> Document:
    return Document(io.BytesIO(docx.render(result, Settings(lang=lang))))


def _cells(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_the_text_summary_heads_the_target_form_s_column_as_the_form_does(road):
    """The national 绩效目标表 heads its column 分值 (as report.md / .xlsx's review tables do), not 权重."""
    lines = text.render(road, Settings()).splitlines()
    assert lines[4] == "指标 indicator               分值  指标值 target"
    assert "权重" not in text.render(road, Settings())


def test_the_scored_form_s_text_table_says_the_form_s_word_too(rulebook):
    """The same column of a 自评表's text table: 分值 (its report.md says 分值 as well)."""
    lines = text.render(check_case(JISHAN, rulebook), Settings()).splitlines()
    assert "指标 indicator                                   分值 自评 self 复算 recomp  差额 gap" in lines


@pytest.mark.parametrize("lang, found, deducted", [("zh", "是否发现问题", "是否扣分"), ("en", "Problem found", "Deducted")])
def test_the_working_papers_ask_whether_a_problem_was_found(road, lang, found, deducted):
    """report.md / .html's working papers headed each target rule's facts 是否扣分: its rules deduct nothing."""
    page = markdown.render(road, Settings(lang=lang))
    heads = [line for line in page.splitlines() if line.startswith("| ") and line.endswith(" |") and "---" not in line
             and ("事实（出处）" in line or "Fact (where)" in line)]
    assert len(heads) == 16
    assert all(line.endswith(f" | {found} |") for line in heads)
    assert f"| {deducted} |" not in page
    page = html.render(road, Settings(lang=lang))
    assert page.count(f">{found}</th>") == 16 and f">{deducted}</th>" not in page


def test_a_self_evaluation_form_s_review_rules_find_and_its_scored_rules_deduct(rulebook):
    """The same for the review leaf R of a 自评表 (weight 0): its rules find; a scored leaf's deduct."""
    page = markdown.render(check_case(JISHAN, rulebook), Settings())
    review = page.rsplit("### R ", 1)[1].split("\n### ", 1)[0]  # (the working papers: the last of each heading)
    scored = page.rsplit("### B1 ", 1)[1].split("\n### ", 1)[0]
    assert "| 是否发现问题 |" in review and "| 是否扣分 |" not in review
    assert "| 是否扣分 |" in scored and "| 是否发现问题 |" not in scored


def test_the_report_speaks_of_review_findings_not_of_a_score(road):
    page = markdown.render(road, Settings())
    lines = page.splitlines()
    assert "审核结论：本表不计分，审核意见说明需要更正之处。" in lines
    assert "本报告的审核意见依据评价方案 `target-setting` 及下列规则、基础数据逐项核查得出（jixiao 0.1.0）。" in lines
    assert next(line for line in lines if line.startswith("评价要点：")).endswith("各项分值合计 90，与总分所列分值 100 不符。审核意见不计分。")
    for said in ("得分计算", "权重为 0", "本报告的得分和发现"):
        assert said not in page
    page = markdown.render(road, Settings(lang="en"))
    assert "Review：the form is not scored: the findings say what to correct." in page.splitlines()
    assert "The review findings are not scored." in page and "weight 0" not in page


def test_the_word_report_s_annexes_speak_of_review_not_of_scores(road):
    """附件 1 headed T's column 权重 (with 0) and its standard “扣分条件：…，扣分标准：0” for each rule;
    附件 2 headed its last column 扣分及得分, with “扣分：0 = 0” once per finding."""
    document = _docx(road)
    system, papers = document.tables[1:3]  # 附件 1, 附件 2 (after the form's own table: 表 3-2)
    assert [c.text for c in system.rows[0].cells] == ["指标", "计分", "审核要点", "审核标准"]
    row = [c.text for c in system.rows[1].cells]
    assert row[:2] == ["T 绩效目标表审核（不计分）", "不计分"]
    assert row[3].startswith("发现问题的条件：(三级指标名称所示类别 = \"满意度\" 且 指标类别 ≠ \"满意度\") 或 ")
    assert [c.text for c in papers.rows[0].cells] == ["指标", "核查的事实（出处）", "审核结论"]
    assert papers.rows[1].cells[2].text == "本表不计分，审核意见说明需要更正之处。"
    assert "目标表（目标表.xlsx[绩效目标表] B5）：填写了年度总体目标 否；保留模板说明文字的栏目数 0；表种 target_setting（发现问题）" \
        in papers.rows[1].cells[1].text.splitlines()
    everything = "\n".join([*paragraph_texts(document), *_cells(document)])
    for said in ("扣分条件", "扣分标准", "扣分：", "扣分及得分", "（扣分）", "权重", "本报告的得分和发现"):
        assert said not in everything
    english = _docx(road, "en")
    assert [c.text for c in english.tables[2].rows[0].cells] == ["Indicator", "Facts checked (where)", "Review"]


def test_the_working_paper_on_the_terminal_works_out_no_deduction(road, rulebook):
    """`jixiao explain` of a 绩效目标表 printed “扣分：0 = 0（针对 目标表）” under each rule that found a problem."""
    paper = explain.render(road, Settings())
    assert "扣分" not in paper
    assert "      ✓ [form_totals，来自 目标表.xlsx[绩效目标表] B5]  目标表: goal_given = no, instructions = 0, " \
           "kind = target_setting" in paper.splitlines()
    assert "deduction" not in explain.render(road, Settings(lang="en"))
    jishan = explain.render(check_case(JISHAN, rulebook), Settings())
    review = jishan.split("\nR ", 1)[1]
    assert "扣分：" not in review and "扣分：" in jishan.split("\nR ", 1)[0]


def test_the_workbook_names_the_goal_cell(road):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(road, Settings())))
    sheet = book["发现 findings"]
    first = next(sheet.iter_rows(min_row=2, values_only=True))
    assert (first[1], first[-1]) == ("target-goal-not-stated", "目标表.xlsx[绩效目标表]!B5")


@pytest.mark.parametrize("file, cell, place", [
    ("目标表.xlsx[绩效目标表]", "绩效目标表!B5", ("目标表.xlsx[绩效目标表]", "B5")),
    ("目标表.xlsx", "绩效目标表!B5", ("目标表.xlsx[绩效目标表]", "B5")),  # a workbook of several forms: its label names no sheet
    ("目标表.xlsx[Sheet!1]", "Sheet!1!A2", ("目标表.xlsx[Sheet!1]", "A2"))])  # a sheet's name may hold “!”
def test_a_cell_is_named_with_its_sheet(file, cell, place):
    from jixiao.model.facts import cells_of

    assert cells_of(file, cell) == place


def test_the_portfolio_s_column_of_form_findings_names_both_kinds_of_form():
    """The overview's table of form findings holds 绩效目标表 findings too (its title says so): its
    column was headed 自评表问题类型（复核规则）."""
    from jixiao.report.portfolio_labels import PORTFOLIO_ZH as zh
    assert (zh["overview_sections"]["by_kind"], zh["overview_columns"]["kind"]) == (
        "自评表复核、绩效目标表审核发现（按问题类型）", "表格问题类型（复核、审核规则）")
