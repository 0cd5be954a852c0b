"""What a fresh user found reading the outputs of the bundled forms (issue 14 item 6 and the
form-output faults): cells keep no line-wrap spaces, the self-reported total is graded with the
scheme's bands, the text summary sets self-reported beside recomputed with the gap, a
provisional total says how many points could be assessed, and report.docx has the review sheet."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.load.form_cells import unwrapped
from jixiao.report import docx, labels, markdown, text, xlsx
from jixiao.report.formats import Settings
from jixiao.report.labels import FIXED as L
from jixiao.report.review import where

from conftest import FACTS, paragraph_texts
from test_form_review import trimmed

JISHAN = FACTS / "form-jishan-medical-insurance" / "2020"
SHIDIAN = FACTS / "form-shidian-agri-entities" / "2019"
YONGDE = FACTS / "form-yongde-nutrition" / "2022"
TIANCHANG = FACTS / "form-tianchang-flood-drought" / "2022"
DONGGUAN = FACTS / "dongguan-processing-trade" / "2015"


@pytest.fixture(scope="module")
def jishan(rulebook):
    return check_case(JISHAN, rulebook)


@pytest.fixture(scope="module")
def shidian(rulebook):
    return check_case(SHIDIAN, rulebook)


@pytest.fixture(scope="module")
def yongde(rulebook):
    return check_case(YONGDE, rulebook)


def test_form_cells_lose_the_spaces_a_line_wrap_left_between_chinese_characters(jishan):
    """稷山's cells read “纳入医 保统筹”, “及时纳 入”, “建档立卡人 员”: the wraps of the page copied."""
    assert [row.name for row in jishan.scores.rows] == [
        "预算执行率", "产出指标", "指标1:全县参合人数", "指标1:资金是否全部纳入医保统筹", "指标1:资金是否全部及时纳入",
        "指标1:配套资金每人每年", "效益指标", "指标1:是否解决建档立卡人员看病难贵问题", "满意度指标", "指标1:是否满意",
        "自评表填报质量复核（不计分）"]
    rows = {r.values["code"]: r.values for r in jishan.case.tables["form_indicators"]}
    assert rows["B1"]["deviation"] == "建档立卡中有新增死亡人员,导致有偏差"
    assert rows["B1"]["level1"] == "产出指标 (50分)"  # Chinese beside Latin: kept
    assert jishan.case.tables["form_header"][0].values["goal_actual"] == "提高医疗保障水平,推进了因病致贫问题的基本性解决"


@pytest.mark.parametrize("raw, read", [
    ("资金是否全部纳入医 保统筹", "资金是否全部纳入医保统筹"), ("纳\n入", "纳入"), ("新型\u3000主体", "新型主体"),
    ("目标一。\n目标二", "目标一。\n目标二"), ("扶持发展新型农业经营主体 (个)", "扶持发展新型农业经营主体 (个)"),
    ("指标 1：数量", "指标 1：数量"), (" 95 % ", "95 %"), ("≥ 50 个", "≥ 50 个"), ("效果 明显，", "效果明显，")])
def test_unwrapped(raw, read):
    assert unwrapped(raw) == read


@given(st.text(alphabet=st.characters(max_codepoint=0x2fff)))
def test_text_without_chinese_is_only_stripped(text):
    assert unwrapped(text) == text.strip()


# --- the self-reported total graded, and set beside the recomputed one in the text summary ---

def test_the_self_reported_total_is_graded_with_the_schemes_bands(jishan, shidian, yongde):
    """稷山 prints 94 and no grade: the summary said “等级 grade: —” though 94 is 优 by the bands."""
    assert jishan.case.meta["expert_score"]["grade"] == "优"
    assert shidian.case.meta["expert_score"]["grade"] == "中"  # 71.7
    assert yongde.case.meta["expert_score"]["grade"] == "优"  # 96, and the form prints 优 too
    assert "printed_grade" not in yongde.case.meta["expert_score"]
    assert "自评得分 self-reported (form): 94   等级 grade: 优   差额 gap: -5.77" in text.render(jishan, Settings())
    report = markdown.render(jishan, Settings())
    assert "对照：自评表所填总分为 94 分，按评价等级标准为“优”（form.xlsx[自评表] 总分）。" in report


def test_a_grade_the_form_prints_that_the_bands_do_not_give_is_kept_beside_it(yongde, rulebook, tmp_path):
    result = check_case(YONGDE, rulebook)
    result.case.meta["expert_score"]["printed_grade"] = "良"  # as check/forms.py keeps it
    assert "自评得分 self-reported (form): 96   等级 grade: 优（表中填“良” the form prints 良）" in text.render(result, Settings())
    assert "按评价等级标准为“优”（表中填“良”）" in markdown.render(result, Settings())


def test_the_text_summary_sets_the_self_reported_score_beside_the_recomputed_one(jishan):
    lines = text.render(jishan, Settings()).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("指标 indicator"))
    assert lines[at:at + 15] == [
        "指标 indicator                                   分值 自评 self 复算 recomp  差额 gap",
        "A 预算执行率                                       10         9        9.91     -0.91  *",
        "B 产出指标                                         50        48       49.86     -1.86",
        "  B1 指标1:全县参合人数                            15        13       14.86     -1.86  *",
        "  B2 指标1:资金是否全部纳入医保统筹                15        15          15         0",
        "  B3 指标1:资金是否全部及时纳入                    10        10          10         0",
        "  B4 指标1:配套资金每人每年                        10        10          10         0",
        "C 效益指标                                         30        27          30        -3",
        "  C1 指标1:是否解决建档立卡人员看病难贵问题        30        27          30        -3",
        "D 满意度指标                                       10         9          10        -1",
        "  D1 指标1:是否满意                                10         9          10        -1",
        "R 自评表填报质量复核（不计分）                      —                不计分",
        "总分 total                                        100        94       99.77     -5.77",
        "(* 扣分指标 leaf with deductions)",
        "(自评 self: the form's own score; 复算 recomp: recomputed; 差额 gap = 自评 − 复算, none against a score not wholly assessed)"]


def test_no_gap_against_a_partial_score_in_the_text_summary(shidian, yongde):
    """施甸's rows scored without a 分值 (X, 68.8 by the form) cannot be recomputed: no gap; nor
    has 永德's 效益 (C1 cannot be assessed), nor a provisional total."""
    lines = text.render(shidian, Settings()).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("指标 indicator"))
    assert lines[at + 1:at + 5] == [
        "A 预算执行率                          20       2.9        2.89     +0.01  *",
        "X 未列分值的绩效指标                  80      68.8    无法评价",
        "R 自评表填报质量复核（不计分）         —                不计分",
        "总分 total                           100      71.7        2.89  （暂定；80 分无法评价）"]
    assert "C 效益指标                            30        29        19.8" in text.render(yongde, Settings()).splitlines()


def test_a_case_that_is_no_form_keeps_its_score_table(rulebook):
    lines = text.render(check_case(DONGGUAN, rulebook), Settings()).splitlines()
    assert "指标 indicator             权重      得分" in lines
    assert not any(line.startswith("总分 total  ") for line in lines)
    assert not any("自评" in line for line in lines)


# --- a provisional total says how many points could be assessed, in every output ---

def test_a_provisional_total_is_out_of_the_points_that_could_be_assessed(shidian):
    """施甸: “2.89 / 100” read as a failing project, though 80 of its 100 points cannot be assessed."""
    summary = text.render(shidian, Settings())
    assert ("总分 total: 2.89 / 20 可评价分值 assessable（另 80 分无法评价 cannot be assessed，满分 out of 100）   "
            "等级 grade: 差～良（暂定 provisional）") in summary.splitlines()
    assert " / 100 " not in summary
    report = markdown.render(shidian, Settings())
    assert ("项目可评价的 20 分中得 **2.89** 分，另有 80 分无法评价（满分 100 分），总分暂定；评价等级暂定为“**差～良**”。"
            "其中预算执行率类指标得 2.89 分，得分率为 14.5%；未列分值的绩效指标类指标无法评价；"
            "自评表填报质量复核（不计分）权重为 0。") in report
    assert "| **合计** | | | | **100** | **2.89（暂定；80 分无法评价）** |" in report
    assert "| **合计** |  | **100** | **71.7** | **2.89（暂定；80 分无法评价）** |  |" in report
    assert "| **等级** |  |  | **中** | **差～良（暂定）** |  |" in report
    english = markdown.render(shidian, Settings(lang="en"))
    assert ("The project scores **2.89** of the 20 points that could be assessed; 80 more cannot be assessed "
            "(out of 100), so the total is provisional; grade so far **差～良**.") in english
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(shidian, Settings())))
    rows = trimmed(book[L["sheet_scores"]])
    assert rows[-4:] == [[L["assessable_row"], None, None, 20, 2.89],
                         [L["total_row"], None, None, 100, 2.89, "暂定 provisional：80 分无法评价 cannot be assessed"],
                         [L["grade_row"], "差～良（暂定 provisional）"],
                         [L["note_row"], "1 项指标（80 分）因资料不全无法评价，未计入总分；总分和等级待补充资料后确定"]]
    review = trimmed(book[L["sheet_review"]])
    assert review[7:9] == [[L["total_row"], None, 100, 71.7, 2.89, None,
                            "暂定 provisional：80 分无法评价 cannot be assessed"],
                           [L["grade_row"], None, None, "中", "差～良（暂定 provisional）"]]
    table = docx_tables(shidian)[0]
    assert [c.text for c in table.rows[-1].cells] == ["合计", "100", "2.89（暂定；80 分无法评价）"]


def test_a_final_total_is_printed_as_before(jishan):
    assert "总分 total: 99.77 / 100   等级 grade: 优" in text.render(jishan, Settings()).splitlines()
    assert "项目总体得分为 **99.77** 分，评价等级为“**优**”。" in markdown.render(jishan, Settings())
    rows = trimmed(openpyxl.load_workbook(io.BytesIO(xlsx.render(jishan, Settings())))[L["sheet_scores"]])
    assert rows[-2:] == [[L["total_row"], None, None, 100, 99.77], [L["grade_row"], "优"]]


# --- the review sheet in report.docx ---

def docx_tables(result, lang="zh"):
    return Document(io.BytesIO(docx.render(result, Settings(lang=lang)))).tables


def docx_paragraphs(result, lang="zh") -> list[str]:
    """The paragraphs' texts, the table of contents left out (it lists the headings too)."""
    return paragraph_texts(Document(io.BytesIO(docx.render(result, Settings(lang=lang)))))


def test_report_docx_has_the_review_sheet_of_a_form(jishan):
    """Issue 14 item 6: the recomputed table beside the self-reported one, the findings and what
    to correct, in Word too."""
    paragraphs = docx_paragraphs(jishan)
    at = paragraphs.index("（二）自评表复核意见")
    assert paragraphs[at + 1:at + 3] == [
        "逐项对照自评表所填得分与按年度指标值、实际完成值和分值复算的得分；差额 = 自评得分 − 复算得分（正数表示自评偏高）。",
        "表 3-2 建档立卡个人缴费县级配套资金（稷山县医疗保障局）自评得分与复算得分对照表"]
    assert paragraphs.index("（三）具体绩效分析") > at and "（二）具体绩效分析" not in paragraphs
    table = next(t for t in docx_tables(jishan) if t.rows[0].cells[0].text == "编号")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["编号", "指标", "分值", "自评得分", "复算得分", "差额"],
        ["A", "预算执行率", "10", "9", "9.91", "-0.91"],
        ["B1", "指标1:全县参合人数", "15", "13", "14.86", "-1.86"],
        ["B2", "指标1:资金是否全部纳入医保统筹", "15", "15", "15", "0"],
        ["B3", "指标1:资金是否全部及时纳入", "10", "10", "10", "0"],
        ["B4", "指标1:配套资金每人每年", "10", "10", "10", "0"],
        ["C1", "指标1:是否解决建档立卡人员看病难贵问题", "30", "27", "30", "-3"],
        ["D1", "指标1:是否满意", "10", "9", "10", "-1"],
        ["合计", "合计", "100", "94", "99.77", "-5.77"],  # merged across code and indicator
        ["等级", "等级", "", "优", "优", ""]]
    assert all(run.font.bold for cell in table.rows[-2].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0].cells[0]._tc.getparent().find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    found = paragraphs[paragraphs.index("复核发现及更正要求") + 1:paragraphs.index("（三）具体绩效分析")]
    review = [f for f in jishan.findings if f.family == "form-review"]
    assert found == [f"（{n}）{f.text}更正：{f.recommendation}{where(f, labels.get('zh'))}"
                     for n, f in enumerate(review, start=1)]
    assert len(found) == 15
    assert found[1] == ("（2）“指标1:全县参合人数”（B1）：年度指标值 8755，实际完成值 8676，完成程度 99.098%，分值 15，按完成程度应得 "
                        "14.86 分，自评得分 13。更正：按“分值 × 完成程度”重新计算该指标得分（达到年度指标值记满分，得分不超过分值），"
                        "并修改自评表的得分和总分。（位置：form.xlsx[自评表] 第 13 行）")


def test_the_docx_review_sheet_of_a_provisional_form_and_in_english(yongde):
    table = next(t for t in docx_tables(yongde, "en") if t.rows[0].cells[0].text == "Code")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Code", "Indicator", "Weight", "Self-reported", "Recomputed", "Gap"]
    assert rows[6] == ["C1", "减轻贫困学生家庭经济负担", "10", "10", "cannot assess", ""]
    assert rows[8] == ["C3", "生态效益指标", "", "", "", ""]
    assert rows[-2:] == [["Total", "Total", "100", "96", "89.8 (provisional; 10 points cannot be assessed)", ""],
                         ["Grade", "Grade", "", "优", "良～优 (provisional)", ""]]
    assert "(2) Review of the self-evaluation form" in docx_paragraphs(yongde, "en")


def test_no_review_sheet_in_the_docx_of_a_case_that_is_no_form(rulebook):
    result = check_case(DONGGUAN, rulebook)
    paragraphs = docx_paragraphs(result)
    assert "（二）具体绩效分析" in paragraphs and "（二）自评表复核意见" not in paragraphs
    assert not any(t.rows[0].cells[0].text == "编号" for t in docx_tables(result))


def test_the_docx_of_a_form_takes_its_units_funds_and_goal_from_the_form(yongde, shidian):
    """A form names its 实施单位, 主管部门, amount unit, funds and 年度总体目标: report.docx said
    “（未提供）” and “基础数据中未提供预算构成 / 绩效目标” (and would have said 万元 of 永德's 元)."""
    paragraphs = docx_paragraphs(yongde)
    assert paragraphs[paragraphs.index("财政项目支出绩效评价报告") + 5:][:2] == ["项目单位：永德县明朗中学",
                                                                                  "主管部门：永德县教育体育局"]
    at = paragraphs.index("2. 预算资金及使用情况")
    assert paragraphs[at + 1:at + 6] == [
        "本项目预算构成如下表所示（单位：元）：", "项目预算合计 387664.62 元，实际支出 387664.62 元，预算执行率为 100%。",
        "（二）绩效目标", "项目设定的绩效目标如下：", "1. 确保每一个学生都能享受到国家政策福利,改善学生体质"]
    budget = next(t for t in docx_tables(yongde) if t.rows[0].cells[0].text == "序号")
    assert [[c.text for c in row.cells] for row in budget.rows] == [
        ["序号", "资金分类", "金额"], ["1", "本年财政拨款", "387664.62"], ["", "合计", "387664.62"]]
    paragraphs = docx_paragraphs(shidian)  # its funds block has the total row only
    at = paragraphs.index("2. 预算资金及使用情况")
    assert paragraphs[at + 1] == "项目预算合计 650 万元，实际支出 94 万元，预算执行率为 14.46%。"
    assert paragraphs[at - 1] == ("2019年新型农业经营主体扶持项目（施甸县农业农村局）由施甸县农业农村局实施，主管部门为施甸县人民政府。"
                                  "本次评价年度为 2019 年。")
