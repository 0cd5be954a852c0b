"""Faults a finance-bureau reviewer found trying target-setting forms (绩效目标表) filled as units
fill the national template (merged cells, 一级指标 merged down, blank 二级 cells): each test names
the form, the cell and the exact text a reviewer must read (issue 14, item 1: target forms)."""

from __future__ import annotations

import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.report import text
from jixiao.report.formats import Settings

# 一级, 二级 (None: blank, it applies from above), 三级指标, 指标值, 分值
GOOD = [["产出指标", "数量指标", "养护里程", "≥120公里", 20],
        [None, "质量指标", "优良路率", "≥80%", 10],
        [None, "时效指标", "完成时限", "2024年11月底前", 10],
        [None, "成本指标", "每公里养护成本", "≤1.5万元", 10],
        ["效益指标", "社会效益指标", "群众出行时间缩短", "≥10%", 15],
        [None, None, "路面病害处置及时率", "=100%", 15],
        [None, "可持续影响指标", "养护机制建立", "是", 10],
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", 10]]


def national_form(folder, rows=GOOD, *, year=2024, title_year=None, goal="完成乡村道路养护120公里，优良路率不低于80%",
                  total=100):
    """A 绩效目标表 as a unit fills the national template: title and year merged across, 一级指标
    merged down over its rows, 二级 left blank where it applies from above, 总分 merged over A:D.
    The indicator rows start at row 7; 年度总体目标 is B5."""
    folder.mkdir(parents=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标表"
    sheet["A1"] = "项目支出绩效目标表"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = title_year or f"（{year}年度）"
    sheet.merge_cells("A2:F2")
    sheet["A3"], sheet["B3"] = "项目名称", "乡村道路养护"
    sheet.merge_cells("B3:F3")
    sheet["A4"], sheet["B4"], sheet["D4"], sheet["E4"] = "主管部门", "某县交通运输局", "实施单位", "某县公路事务中心"
    sheet["A5"], sheet["B5"] = "年度总体目标", goal
    sheet.merge_cells("B5:F5")
    for column, label in enumerate(["一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"], 1):
        sheet.cell(6, column, label)
    firsts = [i for i, row in enumerate(rows) if row[0]] + [len(rows)]
    for i, row in enumerate(rows):
        for column, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(7 + i, column, value)
    for start, end in zip(firsts, firsts[1:]):
        if end - 1 > start:
            sheet.merge_cells(start_row=7 + start, start_column=1, end_row=7 + end - 1, end_column=1)
    last = 7 + len(rows)
    sheet.cell(last, 1, "总分")
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=4)
    sheet.cell(last, 5, total)
    workbook.save(folder / "目标表.xlsx")
    (folder / "case.yaml").write_text(f"case: road\nyear: {year}\nscheme: self-evaluation\nproject: 乡村道路养护\n",
                                      encoding="utf-8")
    return folder


def findings(result):
    return [(f.rule, f.text) for f in result.findings]


def test_a_well_made_form_gets_no_findings(tmp_path, rulebook):
    """“=100%” (typed in Excel it is a formula; a program's file keeps no computed value) is read as
    the target typed, “=100%”, not as a blank 指标值 “（未记录）”; a yes/no item's “是” is a
    checkable standard (the remedy form-yes-no-as-percentage itself gives), not unmeasurable."""
    result = check_case(national_form(tmp_path / "road" / "2024"), rulebook)
    assert findings(result) == []
    lines = text.render(result, Settings()).splitlines()
    assert "C2 路面病害处置及时率          15  =100%" in lines


def test_a_blank_target_is_still_unmeasurable_but_a_yes_no_prose_one_too(tmp_path, rulebook):
    rows = [r[:] for r in GOOD]
    rows[5][3], rows[6][3] = None, "明显改善"
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    assert findings(result) == [
        ("target-unmeasurable", "“路面病害处置及时率”（C2）：指标值“（未记录）”无法衡量（非数值目标或未填写），年终自评时无法据以判断是否完成。"),
        ("target-unmeasurable", "“养护机制建立”（C3）：指标值“明显改善”无法衡量（非数值目标或未填写），年终自评时无法据以判断是否完成。")]


def test_a_form_of_another_year_than_its_folder_is_said_so(tmp_path, rulebook):
    """A 2023 form (last year's copied) filed in the 2024 folder: its targets are dated as its own
    title, so nothing else notices."""
    rows = [r[:] for r in GOOD]
    rows[2][3] = "2023年11月底前"
    result = check_case(national_form(tmp_path / "road" / "2024", rows, title_year="（2023年度）"), rulebook)
    assert findings(result) == [
        ("target-form-year-folder", "绩效目标表标题写的是 2023 年度，而案例（文件夹 case.yaml）为 2024 年度。")]


def test_weights_that_do_not_add_up_ask_for_no_scores_and_no_execution_rate(tmp_path, rulebook):
    """The self-evaluation form's remedy (执行率 10, 重新计算得分) is wrong for a target form: it has
    no execution block and no scores."""
    rows = [r[:] for r in GOOD]
    rows[0][4] = 10
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    [finding] = result.findings
    assert (finding.rule, finding.text) == ("target-weights-add-up", "各项分值合计 90，与总分所列分值 100 不符。")
    assert finding.recommendation == "调整各项分值使其合计等于总分（或更正总分）；产出、效益、满意度指标分值按本地区规定设置。"


def test_a_first_level_subtotal_that_does_not_add_up_asks_for_no_scores(tmp_path, rulebook):
    rows = [r[:] for r in GOOD]
    rows[0][0] = "产出指标（60分）"
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    [finding] = result.findings
    assert (finding.rule, finding.text) == ("target-group-points", "一级指标“产出指标（60分）”注明 60 分，其下各指标分值合计 50 分。")
    assert finding.recommendation == "调整三级指标分值，使其合计等于一级指标所注分值（或更正所注分值）。"


def test_the_goal_findings_name_the_goal_cell(tmp_path, rulebook):
    """A finding about the 年度总体目标 named the form's indicator and total rows (第 7–15 行), the
    sources of the whole form's sums, not the cell the goal was read from: B5 (blank here, merged
    over B5:F5), in the text, the findings' evidence, the annex and the working paper."""
    import json

    from jixiao.report import json as json_report
    from jixiao.report import markdown

    result = check_case(national_form(tmp_path / "road" / "2024", goal=None), rulebook)
    [finding] = result.findings
    assert finding.rule == "target-goal-not-stated"
    lines = text.render(result, Settings()).splitlines()
    assert "    证据: 目标表.xlsx[绩效目标表] B5" in lines
    [item] = [f for f in json.loads(json_report.render(result, Settings()))["findings"]
              if f["rule"] == "target-goal-not-stated"]
    assert item["evidence"] == [{"file": "目标表.xlsx[绩效目标表]", "row": 1, "line": 5, "cell": "B5",
                                 "values": {"goal_given": "no", "instructions": 0, "kind": "target_setting"},
                                 "derived": "form_totals"}]
    page = markdown.render(result, Settings()).splitlines()
    assert "   - 目标表.xlsx[绩效目标表]!B5（填写了年度总体目标 = 否；保留模板说明文字的栏目数 = 0；表种 = target_setting）" in page


def test_a_year_finding_names_the_title_cell_the_year_was_read_from(tmp_path, rulebook):
    """The year of a 绩效目标表 is read from its title's second line (A2, “（2023年度）”): a finding
    about it names that cell; a form whose title names no year, the title's own cell (A1)."""
    rows = [r[:] for r in GOOD]
    rows[2][3] = "2023年11月底前"
    result = check_case(national_form(tmp_path / "road" / "2024", rows, title_year="（2023年度）"), rulebook)
    lines = text.render(result, Settings()).splitlines()
    assert [f.rule for f in result.findings] == ["target-form-year-folder"]
    assert "    证据: 目标表.xlsx[绩效目标表] A2" in lines
    result = check_case(national_form(tmp_path / "bridge" / "2024", title_year="项目负责人：张三"), rulebook)
    [finding] = result.findings
    assert finding.rule == "target-form-year"
    assert [dict(item) | {"values": dict(item["values"])} for item in finding.evidence] == [
        {"file": "目标表.xlsx[绩效目标表]", "row": 1, "line": 1, "cell": "A1", "derived": "form_totals",
         "values": {"kind": "target_setting"}}]


def test_a_goal_naming_another_year_names_the_goal_cell_and_the_working_paper_too(tmp_path, rulebook):
    from jixiao.report import workpaper

    result = check_case(national_form(tmp_path / "road" / "2024", goal="完成2023年结转的乡村道路养护任务"), rulebook)
    [finding] = result.findings
    assert (finding.rule, finding.text) == ("target-goal-year", "项目名称或年度总体目标写的是 2023 年，而表为 2024 年度。")
    assert text.render(result, Settings()).splitlines()[-1] == "    证据: 目标表.xlsx[绩效目标表] B5"
    [paper] = workpaper.working_papers(result, rule_id="target-goal-year")
    [rule] = paper.rules
    assert [line.where for line in rule.facts] == ["[form_totals，来自 目标表.xlsx[绩效目标表] B5]"]


def test_a_batch_of_target_forms_is_summed_up_as_forms_not_self_evaluation_forms(tmp_path, rulebook):
    """The overview of a batch of 绩效目标表 called them 自评表 (“有发现的自评表，按问题类型”) and ended
    the scheme's line with an empty grade list (“没有最终总分；”)."""
    from jixiao.portfolio.pages import overview, overview_lines
    from jixiao.portfolio.rows import summary_row

    rows = [r[:] for r in GOOD]
    rows[6][3] = "明显改善"
    folder = national_form(tmp_path / "road" / "2024", rows)
    row = summary_row(folder, check_case(folder, rulebook), rulebook)
    lines = overview_lines(overview([row]))
    assert lines[0] == "target-setting：1 个案例（0 个暂定）；没有最终总分"
    assert lines[-1] == "有发现的表（自评表、绩效目标表），按问题类型：target-unmeasurable 1 (1)"
    lines = overview_lines(overview([row]), "en")
    assert lines[0] == "target-setting: 1 case (0 provisional); no final totals"
    assert lines[-1] == "forms with findings (self-evaluation, target-setting), by kind: target-unmeasurable 1 (1)"


def test_the_report_files_a_target_forms_findings_under_a_heading_that_names_it(tmp_path, rulebook):
    """report.md's 三、存在的问题 headed a 绩效目标表's findings “1. 自评表复核” (the rule family's
    title, which named self-evaluation forms only); the portfolio's columns did likewise."""
    from jixiao.report import markdown

    rows = [r[:] for r in GOOD]
    rows[6][3] = "明显改善"
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    lines = markdown.render(result, Settings()).splitlines()
    assert "### 1. 自评表复核、绩效目标表审核" in lines
    assert "### 1. 自评表复核" not in lines
    assert rulebook.families["form-review"]["title"] == "自评表复核、绩效目标表审核"


def test_the_workbook_lists_review_findings_as_review_not_as_deductions_of_zero(tmp_path, rulebook):
    """report.xlsx's 发现 sheet typed each of a 绩效目标表's findings “扣分 deduction” with a deduction
    of 0: a number where there should be none (the text summary says “不计分 not scored”)."""
    import io

    from jixiao.report import xlsx

    rows = [r[:] for r in GOOD]
    rows[6][3] = "明显改善"
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(result, Settings())))
    sheet = book["发现 findings"]
    assert [c.value for c in sheet[2]][:4] == ["审核意见（不计分）review, not scored", "target-unmeasurable", "T", None]


def test_the_html_report_draws_no_score_chart_and_works_out_no_score(tmp_path, rulebook):
    """report.html of a 绩效目标表 drew “图 1 一级指标得分率” and worked T out as “得分 = 权重 0 − 扣分 0 = 0”
    (report.docx had been fixed to neither)."""
    from jixiao.report import html

    rows = [r[:] for r in GOOD]
    rows[6][3] = "明显改善"
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    page = html.render(result, Settings())
    assert "一级指标得分率" not in page and "<figure>" not in page
    assert "权重 0 − 扣分" not in page
    # (its working paper's last line said “得分计算：不计分（权重为 0）”: a score's working and a weight,
    # of a form that has neither; test_nothing_in_a_target_form_s_reports_speaks_of_a_score below)
    assert "审核结论：本表不计分，审核意见说明需要更正之处。" in page


@pytest.mark.parametrize("lang, said, wrong", [
    ("zh", "本表为绩效目标表，不计分：各指标不扣分、不计得分，审核意见见下文。", "各项指标均有扣分。"),
    ("en", "A target-setting form is not scored: no indicator loses or keeps points; the review findings follow.",
     "Every indicator has a deduction.")])
def test_the_word_report_says_no_indicator_has_a_deduction(tmp_path, rulebook, lang, said, wrong):
    """report.docx's 四、（一） said “各项指标均有扣分。” of a 绩效目标表: nothing on it is scored."""
    import io

    from docx import Document

    from conftest import paragraph_texts
    from jixiao.report import docx

    rows = [r[:] for r in GOOD]
    rows[6][3] = "明显改善"
    result = check_case(national_form(tmp_path / "road" / "2024", rows), rulebook)
    paragraphs = paragraph_texts(Document(io.BytesIO(docx.render(result, Settings(lang=lang)))))
    assert said in paragraphs
    assert wrong not in paragraphs


def test_a_self_evaluation_form_of_another_year_than_its_folder_is_said_so_too(tmp_path, rulebook):
    """The same kind for the 自评表 of a folder mixing forms: 稷山's 2020 form in a 2021 folder."""
    import shutil
    from pathlib import Path

    source = Path(__file__).parent.parent / "facts" / "form-jishan-medical-insurance" / "2020"
    folder = tmp_path / "jishan" / "2021"
    folder.mkdir(parents=True)
    shutil.copy(source / "form.xlsx", folder / "form.xlsx")
    (folder / "case.yaml").write_text("case: jishan\nyear: 2021\nscheme: self-evaluation\nproject: 建档立卡个人缴费县级配套资金\n", encoding="utf-8")
    result = check_case(folder, rulebook)
    assert [f.text for f in result.findings if f.rule == "form-year-folder"] == [
        "自评表标题写的是 2020 年度，而案例（文件夹 case.yaml）为 2021 年度。"]
    assert [f.text for f in check_case(source, rulebook).findings if f.rule == "form-year-folder"] == []


def test_an_uncomputed_formula_in_a_number_column_is_said_to_be_one(tmp_path, rulebook):
    """A 总分 typed as “=SUM(E7:E14)” in a file a program wrote (no computed value) was read as a
    blank cell; now that a formula is read as typed, a number column names it as a formula."""
    from jixiao.model.problems import InputError

    folder = national_form(tmp_path / "road" / "2024", total="=SUM(E7:E14)")
    with pytest.raises(InputError) as raised:
        check_case(folder, rulebook)
    assert [str(p) for p in raised.value.problems] == [
        "目标表.xlsx[绩效目标表]!E15 [总分分值（total_points）]: number expected, found a formula without a computed value "
        "(the file was not saved by a spreadsheet): open and save it in Excel or WPS, or type the number; "
        "found '=SUM(E7:E14)'; allowed: a number, e.g. 3064.72"]
