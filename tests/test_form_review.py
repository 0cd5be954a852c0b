"""The review sheet of a self-evaluation form (复核意见) in report.md / .html / .xlsx, and the
portfolio's self-reported, recomputed and gap columns with the overview of the largest gaps
(issue 14, items 6 and 5), on the bundled forms."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal as D

import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.portfolio.overview import largest_gaps
from jixiao.portfolio.rows import summary_row
from jixiao.report import html, markdown, xlsx
from jixiao.report.formats import Settings
from jixiao.report.labels import FIXED as L
from jixiao.report.labels import get
from jixiao.report.review import form_totals, review_rows

from conftest import FACTS

YONGDE = FACTS / "form-yongde-nutrition" / "2022"
JISHAN = FACTS / "form-jishan-medical-insurance" / "2020"
DONGGUAN = FACTS / "dongguan-processing-trade" / "2015"


def trimmed(sheet) -> list[list]:
    """A sheet's rows without the empty cells a wider row elsewhere pads them with."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def yongde(rulebook):
    return check_case(YONGDE, rulebook)


def test_review_rows_set_each_self_reported_score_beside_the_recomputed_one(yongde):
    assert [(r.code, r.weight, r.self_reported, r.recomputed, r.gap) for r in review_rows(yongde)] == [
        ("A", D(10), D(10), D("10.00"), D(0)), ("B1", D(10), D(10), D("10.00"), D(0)),
        ("B2", D(10), D(10), D("10.00"), D(0)), ("B3", D(10), D(7), D("10.00"), D(-3)),
        ("B4", D(10), D(10), D("10.00"), D(0)), ("C1", D(10), D(10), None, None),
        ("C2", D(10), D(9), D("9.80"), D("-0.8")), ("C3", None, None, None, None),
        ("C4", D(10), D(10), D("10.00"), D(0)), ("D1", D(10), D(10), D("10.00"), D(0)),
        ("D2", D(10), D(10), D("10.00"), D(0))]


def test_form_totals_gap_only_against_a_final_total(yongde, rulebook):
    assert form_totals(yongde) == (D(96), None, None)  # provisional: C1 cannot be assessed
    assert form_totals(check_case(JISHAN, rulebook)) == (D(94), D("99.77"), D("-5.77"))
    assert form_totals(check_case(DONGGUAN, rulebook)) == (None, None, None)


def test_the_report_has_the_review_sheet_with_what_to_correct(yongde):
    text = markdown.render(yongde, Settings())
    assert "| B3 | 资金到位及时率 | 10 | 7 | 10 | -3 |" in text
    assert "| C2 | 政策知晓率 | 10 | 9 | 9.8 | -0.8 |" in text
    assert "| C1 | 减轻贫困学生家庭经济负担 | 10 | 10 | 无法评价 |  |" in text  # weighted, not assessable
    assert "| C3 | 生态效益指标 |  |  |  |  |" in text  # no 分值: not scored
    assert "| **合计** |  | **100** | **96** | **89.8（暂定；10 分无法评价）** |  |" in text
    assert "| **等级** |  |  | **优** | **良～优（暂定）** |  |" in text
    section = text[text.index("## 复核意见"):text.index("## 二、")]
    assert section.count("\n1. ") + section.count("\n2. ") + section.count("\n3. ") + section.count("\n4. ") == 4
    assert "5. " not in section
    assert ("2. “资金到位及时率”（B3）：年度指标值 ≧100%，实际完成值 100%，完成程度 100%，分值 10，按完成程度应得 "
            "10.00 分，自评得分 7。 更正：按“分值 × 完成程度”重新计算该指标得分") in section
    english = markdown.render(yongde, Settings(lang="en"))
    assert "## Review of the self-evaluation form" in english
    assert "| Code | Indicator | Weight | Self-reported | Recomputed | Gap |" in english
    page = html.render(yongde, Settings())
    assert "<h2>复核意见</h2>" in page and '<td style="text-align: right;">-0.8</td>' in page


def test_no_review_sheet_for_a_case_that_is_no_form(rulebook):
    result = check_case(DONGGUAN, rulebook)
    assert "复核意见" not in markdown.render(result, Settings())
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(result, Settings())))
    assert L["sheet_review"] not in book.sheetnames


def test_the_workbook_has_the_review_sheet(yongde):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(yongde, Settings())))
    sheet = book[L["sheet_review"]]
    rows = trimmed(sheet)
    assert rows[0] == L["review_columns"]
    assert rows[4] == ["B3", "资金到位及时率", 10, 7, 10, -3]
    assert rows[7] == ["C2", "政策知晓率", 10, 9, 9.8, -0.8]
    assert rows[6] == ["C1", "减轻贫困学生家庭经济负担", 10, 10, "无法评价"]
    assert rows[8] == ["C3", "生态效益指标"]
    assert rows[12] == [L["total_row"], None, 100, 96, 89.8, None, "暂定 provisional：10 分无法评价 cannot be assessed"]
    assert rows[13] == [L["grade_row"], None, None, "优", "良～优（暂定 provisional）"]
    assert rows[15][:5] == L["review_finding_columns"]
    assert [r[4] for r in rows[16:]] == ["form.xlsx[自评表] 第 19 行", "form.xlsx[自评表] 第 16 行",
                                         "form.xlsx[自评表] 第 19 行", "form.xlsx[自评表] 第 18 行"]
    assert [r[0] for r in rows[16:]] == ["form-missed-target-no-reason", "form-score-follows-target",
                                         "form-score-follows-target", "form-unmeasurable-target"]


def test_portfolio_rows_and_the_largest_gaps(rulebook, yongde):
    jishan, dongguan = check_case(JISHAN, rulebook), check_case(DONGGUAN, rulebook)
    rows = [summary_row("j", jishan, rulebook), summary_row("y", yongde, rulebook), summary_row("d", dongguan, rulebook)]
    assert [(r["self_reported"], r["recomputed"], r["gap"]) for r in rows] == [
        (D("94.00"), D("99.77"), D("-5.77")), (D("96.00"), None, None), (None, None, None)]
    assert [str(r["self_reported"]) for r in rows[:2]] == ["94.00", "96.00"]  # at the scheme's precision
    gaps = largest_gaps(rows)
    assert gaps.values.tolist() == [["form-jishan-medical-insurance", 2020, D(100), D("94.00"), D("99.77"), D("-5.77")]]


def test_a_batch_of_forms_writes_the_gap_columns_and_overview(tmp_path, capsys):
    folder = tmp_path / "forms"
    for case in (YONGDE, JISHAN, DONGGUAN):
        shutil.copytree(case.parent, folder / case.parent.name)
    out = tmp_path / "out"
    assert main(["check", str(folder), "--jobs", "2", "--out", str(out), "--summary-only"
                 ]) == 0
    assert ("自评与复算差额最大的自评表（自评 − 复算）：form-jishan-medical-insurance 2020 -5.77（自评 94.00，复算 99.77）"
            in capsys.readouterr().out.splitlines())
    rows = list(csv.DictReader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["case"], r["self_reported"], r["recomputed"], r["gap"]) for r in rows] == [
        ("dongguan-processing-trade", "", "", ""), ("form-jishan-medical-insurance", "94.00", "99.77", "-5.77"),
        ("form-yongde-nutrition", "96.00", "", "")]
    book = openpyxl.load_workbook(out / "portfolio.xlsx")
    P = get("zh")["portfolio"]
    values = trimmed(book[P["sheet_overview"]])
    at = values.index([P["overview_sections"]["largest_gaps"]])
    assert values[at + 2] == ["form-jishan-medical-insurance", 2020, 100, 94, 99.77, -5.77]


def test_the_review_leaf_weighing_nothing_is_not_given_a_rate_or_full_marks(rulebook):
    """A fresh user read “…复核（不计分）类指标得 0 分，得分率为 0.0%” and “得满分 0 分” of the
    form's review leaf R (weight 0) as a failure and a contradiction."""
    report = markdown.render(check_case(JISHAN, rulebook), Settings(lang="zh"))
    summary = next(line for line in report.splitlines() if line.startswith("项目总体得分为"))
    assert summary.endswith("满意度指标类指标得 10 分，得分率为 100%；自评表填报质量复核（不计分）权重为 0。")
    paper = report.split("### R ", 1)[1].split("\n### ", 1)[0]
    assert "该指标不计分（权重为 0）。" in paper and "得满分 0 分" not in paper
