"""report.docx: the structure of a delivered evaluation report, its typography, the score table's
merged cells, every finding and recommendation, the charts, and a firm's own Word template."""

import io
import json
import re
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.report import Settings, figures, render
from jixiao.report.common import points
from jixiao.report.labels import ZH
from jixiao.report.prose import plain, sentence
from jixiao.version import __version__

from conftest import ROOT, SHANGHAI_2017, outside_contents, paragraph_texts

SHANGHAI_2016 = ROOT / "facts" / "shanghai-single-window" / "2016"
DONGGUAN = ROOT / "facts" / "dongguan-processing-trade" / "2015"

H1 = ["摘要", "一、项目基本情况", "二、绩效评价工作情况", "三、评价结论和绩效分析", "四、主要绩效及做法、存在的问题和建议",
      "五、附件"]
H2 = ["（一）概述", "（二）评价结论", "（三）存在的问题和建议", "（一）概况", "（二）绩效目标", "（一）绩效评价目的",
      "（二）评价指标体系", "（三）评价方法", "（四）评价等级", "（一）评价结论", "（二）具体绩效分析", "（一）主要绩效及做法",
      "（二）存在的问题", "（三）建议和改进措施", "附件 1：绩效评价指标体系表", "附件 2：指标工作底稿", "附件 3：资料清单",
      "附件 4：数据核对", "附件 5：评价依据和出处"]


@pytest.fixture(scope="module")
def with_history(rulebook):
    previous = check_case(SHANGHAI_2016, rulebook)
    return check_case(SHANGHAI_2017, rulebook, previous=previous), previous


@pytest.fixture(scope="module")
def document(with_history):
    result, previous = with_history
    history = ((2016, previous.scores.total, True), (2017, result.scores.total))
    return docx.Document(io.BytesIO(render("docx", result, Settings(history=history))))


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def body_text(doc) -> str:
    """The text before the annexes (paragraphs and tables, in document order; not the contents)."""
    parts = []
    for block in outside_contents(doc.element.body.iterchildren()):
        if block.tag == qn("w:p"):
            text = "".join(t.text or "" for t in block.iter(qn("w:t")))
            if text == "五、附件":
                break
            parts.append(text)
        elif block.tag == qn("w:tbl"):
            parts.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
    return "\n".join(parts)


def all_text(doc) -> str:
    """Every paragraph's text (in tables too), the contents left out."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in outside_contents(doc.element.body.iter(qn("w:p"))))


def test_headings_follow_the_report_structure(document):
    assert headings(document, 1) == H1
    assert headings(document, 2) == H2


def test_cover_gives_the_case_yaml_fields_and_the_date(document):
    texts = [p.text for p in document.paragraphs[:20] if p.text]
    assert texts[:7] == ["财政项目支出绩效评价报告", "项目名称：2017 年上海国际贸易单一窗口政府运维补贴资金",
                         "项目单位：上海市口岸服务办公室", "主管部门：上海市口岸服务办公室", "委托单位：上海市口岸服务办公室",
                         "评价机构：上海社发项目管理服务有限公司", "2018 年 9 月 20 日"]
    assert texts[7] == "目  录"


def test_a_cover_field_case_yaml_lacks_is_marked_not_invented(rulebook):
    doc = docx.Document(io.BytesIO(render("docx", check_case(DONGGUAN, rulebook))))
    texts = [p.text for p in doc.paragraphs[:20] if p.text]
    assert texts[1:7] == ["项目名称：东莞市加工贸易管理服务平台软硬件建设项目", "项目单位：东莞市商务局（原市外经贸局）、市电子政务办",
                          "主管部门：（未提供）", "委托单位：东莞市财政局", "评价机构：专家组", "（未提供）"]


def test_contents_is_a_toc_field_word_updates_on_opening(document):
    instructions = [t.text for t in document.element.body.iter(qn("w:instrText"))]
    assert instructions == [' TOC \\o "1-2" \\h \\z \\u ']
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def score_table(doc):
    return next(t for t in doc.tables if t.cell(0, 0).text == "一级指标")


def test_score_table_has_the_multi_level_layout_with_merged_cells(document, with_history):
    result, _ = with_history
    table = score_table(document)
    leaves = [r for r in result.scores.rows if r.is_leaf]
    assert [c.text for c in table.rows[0].cells] == ["一级指标", "二级指标", "三级指标", "四级指标", "权重", "得分"]
    assert len(table.rows) == 1 + 36 + 1 and len(leaves) == 36
    # A spans its 4 leaves (rows 1–4), A1 its 2; a level-3 leaf is merged across the level-4 column
    assert table.cell(1, 0).text == "A 项目决策\n8 / 7" and table.cell(1, 0)._tc is table.cell(4, 0)._tc
    assert table.cell(5, 0).text == "B 项目管理\n34 / 24.99" and table.cell(5, 0)._tc is not table.cell(4, 0)._tc
    assert table.cell(1, 1).text == "A1 项目立项\n4 / 4" and table.cell(1, 1)._tc is table.cell(2, 1)._tc
    assert table.cell(3, 1)._tc is not table.cell(2, 1)._tc
    assert table.cell(1, 2).text == "A11 战略目标适应性" and table.cell(1, 2)._tc is table.cell(1, 3)._tc
    b221 = next(i for i, r in enumerate(table.rows) if r.cells[3].text == "B221 市口岸办财务管理制度健全性")
    assert table.cell(b221, 2).text == "B22 财务管理制度健全性\n4 / 4" and table.cell(b221, 2)._tc is table.cell(b221 + 1, 2)._tc
    assert [table.cell(i, 4).text for i in range(1, 37)] == [points(r.weight) for r in leaves]
    assert [table.cell(i, 5).text for i in range(1, 37)] == [points(r.score) for r in leaves]
    assert table.cell(35, 2).text.startswith("C31") and table.cell(35, 5).text == "2" and table.cell(36, 5).text == "1.5"
    assert [table.cell(37, i).text for i in (0, 4, 5)] == ["合计", "100", "86.74"]
    assert table.cell(37, 0)._tc is table.cell(37, 3)._tc


def test_every_indicator_is_argued_in_a_paragraph(document, with_history):
    result, _ = with_history
    text = body_text(document)
    analysis = text[text.index("（二）具体绩效分析"):text.index("四、主要绩效及做法")]
    for leaf in result.scheme.leaves:
        assert f"{leaf.id} {leaf.name}（权重 " in analysis
    assert ("（1）B11 预算执行率（权重 2，得分 1.99）评价要点：预算应足额执行（预算执行率 = 实际支出 / 预算）。经核查，"
            "预算安排 16177.08 万元，实际支出 16104.72 万元，预算执行率为 99.55%，未全部执行。据此扣 0.01 分。"
            "本指标得 1.99 分（满分 2 分）。") in analysis
    assert "（1）A11 战略目标适应性（权重 2，得分 2）评价要点：项目应符合国家和地方相关政策及主管部门战略目标。经核查，" \
           "未发现不符合要求的情况，得满分 2 分。" in analysis


def test_every_finding_and_recommendation_is_in_section_four(document, with_history):
    result, _ = with_history
    text = body_text(document)
    section = text[text.index("四、主要绩效及做法"):]
    problems = section[section.index("（二）存在的问题"):section.index("（三）建议和改进措施")]
    advice = section[section.index("（三）建议和改进措施"):]
    assert len(result.findings) == 14
    for finding in result.findings:
        assert plain(finding.text) in problems
        assert finding.recommendation in advice
    assert "1. 项目单位应将绩效目标细化为明确、可衡量的绩效指标，补充完善效果类指标。（针对 A22）" in advice


def test_the_body_cites_neither_jixiao_nor_the_seed_report(document):
    body = body_text(document)
    assert "jixiao" not in body and "§" not in body and "评价报告 §" not in body
    annex = all_text(document)[all_text(document).index("附件 5：评价依据和出处"):]
    assert f"jixiao {__version__}" in annex and "上海 2017 年评价报告 §三(二)2(1) B11" in annex


def test_year_over_year_counts_add_up_to_the_rows_listed(document):
    table = next(t for t in document.tables if t.cell(0, 0).text == "状态")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [
        ["状态", "项数", "问题"],
        ["已整改", "1", "B222 运维商财务管理制度健全性：运维商应有补贴资金财务管理规范，并要求专款专用、单独记账"],
        # B232: open in the case's record of 2016's problems (as C32 counts it); each row by indicator code
        ["仍存在（上年已发现）", "2", "B232 运维商财务管理制度执行有效性：运维商应对运维补贴资金支出专账核算（或设辅助账）\n"
                                  "B332 协同运维机制健全性：协作运维机制应要求保存运维记录，并规定定期抽样核实其真实性和完整性"],
        ["上年未评价，无法比对", "12", "A22、B11、B12、B31、B32、B342（2 项）、C121、C24、C25、C31、C32"]]
    summary = "上表共 15 项：上年发现的问题已整改 1 项；上年发现的问题仍存在 2 项；本年发现、所属指标上年未评价（上年资料不足）" \
              "因而无法比对 12 项。"
    assert summary in body_text(document) and "新发现" not in body_text(document)
    assert sum(int(n) for n in re.findall(r"(\d+) 项", summary.split("：")[1])) == sum(int(r[1]) for r in rows[1:]) == 15


def test_typography_of_an_official_document(document):
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28, 26]
    fonts = {}
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "Table Text"):
        style = document.styles[name]
        east_asian = style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        fonts[name] = (east_asian, style.font.size.pt)
    assert fonts == {"Normal": ("仿宋", 16.0), "Heading 1": ("黑体", 16.0), "Heading 2": ("楷体", 16.0),
                     "Title": ("方正小标宋简体", 22.0), "Table Text": ("仿宋", 10.5)}
    assert document.styles["Normal"].paragraph_format.line_spacing == Pt(28)
    footer = section.footer.paragraphs[0]
    assert [t.text for t in footer._p.iter(qn("w:instrText"))] == [" PAGE "] and footer.text == "— 1 —"
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    assert "FangSong,仿宋_GB2312" in font_table.blob.decode("utf-8")


def test_charts_are_png_images(document):
    assert figures.cjk_font() is not None  # .ci/run installs fonts-noto-cjk
    blobs = [document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
             for shape in document.inline_shapes]
    # 2016's total is provisional: not drawn as a score, and the report says so under the charts
    assert len(blobs) == 1 and all(b.startswith(b"\x89PNG") for b in blobs)
    assert "图 1 一级指标得分率" in body_text(document) and "图 2 历年总分" not in body_text(document)
    assert "2016 年总分为暂定（部分指标无法评价），未绘入图中。" in body_text(document)


def test_without_a_cjk_font_the_report_says_so_instead_of_drawing_boxes(golden, monkeypatch):
    monkeypatch.setattr(figures, "cjk_font", lambda: None)
    doc = docx.Document(io.BytesIO(render("docx", golden)))
    assert len(doc.inline_shapes) == 0
    assert "（本机未找到中文字体，图表未生成：请安装 fonts-noto-cjk 后重新生成报告。）" in body_text(doc)


def test_working_papers_are_readable(document):
    annex = all_text(document)[all_text(document).index("附件 2：指标工作底稿"):]
    table = next(t for t in document.tables if t.cell(0, 1).text == "核查的事实（出处）")
    rows = {row.cells[0].text.split("\n")[0]: [c.text for c in row.cells] for row in table.rows[1:]}
    assert [c.text for c in table.rows[0].cells] == ["指标", "核查的事实（出处）", "扣分及得分"]
    assert len(rows) == 36  # one row a leaf
    assert rows["B11 预算执行率"] == [
        "B11 预算执行率\n权重 2，得分 1.99", "budget.csv 第 2–5 行；disbursements.csv 第 2–4 行：预算执行率 99.55%（扣分）",
        "扣分：权重 × (1 - 预算执行率) = 2 × (1 - 0.9955) = 0.0089\n得分：2 − 0.0089 = 1.9911，按评分规则计 1.99 分"]
    # a leaf at full marks: the facts read, where they stand; the facts a rule deducted for come first
    assert rows["A11 战略目标适应性"][1:] == [  # the question in words, then its code and where it was read
        "项目是否符合国家关于发展单一窗口平台的政策和优先发展重点、市口岸办的战略目标？（strategic_fit，observations.yaml 第 3 行）",
        "未扣分，得满分 2 分。"]
    assert rows["B12 运维成本测算完整性"][1].endswith("（扣分）\n另有 24 条事实未列出（见基础数据）。")
    assert "execution_rate" not in annex and "0.99552700" not in annex and "限于 0 至权重之间" not in annex


def test_the_same_result_gives_the_same_bytes(golden):
    assert render("docx", golden) == render("docx", golden)


def test_check_writes_report_docx(tmp_path):
    assert main(["check", str(SHANGHAI_2017), "--out", str(tmp_path)]) == 0
    folder = tmp_path / "shanghai-single-window" / "2017"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "report.docx" in manifest["files"] if "files" in manifest else (folder / "report.docx").exists()
    doc = docx.Document(str(folder / "report.docx"))
    assert headings(doc, 1) == H1


def firm_template(path, body: list[str], table: bool = True):
    """A small Word template, as a firm writes its own: paragraphs with placeholders and a
    table whose row repeats per score row."""
    doc = docx.Document()
    for text in body:
        doc.add_paragraph(text)
    if table:
        grid = doc.add_table(rows=4, cols=3)
        grid.cell(0, 0).text, grid.cell(0, 1).text, grid.cell(0, 2).text = "指标", "权重", "得分"
        grid.cell(1, 0).text = "{%tr for row in scores %}"
        grid.cell(2, 0).text, grid.cell(2, 1).text, grid.cell(2, 2).text = \
            "{{ row.indent }}{{ row.id }} {{ row.name }}", "{{ row.weight }}", "{{ row.score }}"
        grid.cell(3, 0).text = "{%tr endfor %}"
    doc.save(str(path))


def test_a_firm_fills_its_own_word_template(tmp_path, capsys):
    template = tmp_path / "firm.docx"
    firm_template(template, ["项目：{{ project }}（{{ evaluator }}）", "总分 {{ total }} 分，等级“{{ grade }}”。",
                             "C121 得 {{ indicator.C121.score }} / {{ indicator.C121.weight }}：{{ indicator.C121.text }}",
                             "{% for f in findings %}", "{{ f.indicator }}：{{ f.text }}", "{% endfor %}"])
    out = tmp_path / "out"
    assert main(["report", str(SHANGHAI_2017), "--template", str(template), "--out", str(out)]) == 0
    filled = docx.Document(str(out / "shanghai-single-window" / "2017" / "firm.docx"))
    texts = [p.text for p in filled.paragraphs if p.text]
    assert texts[:3] == ["项目：2017 年上海国际贸易单一窗口政府运维补贴资金（上海社发项目管理服务有限公司）",
                         "总分 86.74 分，等级“良”。",
                         "C121 得 1.79 / 3：评价要点：运维补贴资金应按期分批拨付：上半年 40%、下半年 40%、次年审计结束后 20%。经核查，“2017 年上半年 40% "
                         "运维补贴资金”6520 万元应于 2017-06-30 前拨付，实际于 2017-10 拨付，拨付滞后。据此扣 1.21 分。"
                         "本指标得 1.79 分（满分 3 分）。"]
    assert texts[3:] == [f"{f.indicator}：{sentence(f.text, ZH)}" for f in check_case(SHANGHAI_2017, _rulebook()).findings]
    rows = [[c.text for c in r.cells] for r in filled.tables[0].rows]
    assert rows[1] == ["A 项目决策", "8", "7"] and rows[2] == ["　A1 项目立项", "4", "4"] and len(rows) == 1 + 56  # 56 indicators
    assert "{{" not in "".join(texts)


def _rulebook():
    from jixiao.check.rulebook import load_rulebook
    return load_rulebook(ROOT / "rules")


def test_a_placeholder_naming_nothing_is_an_error_naming_it(tmp_path, capsys):
    template = tmp_path / "firm.docx"
    firm_template(template, ["总分 {{ totl }}"], table=False)
    out = tmp_path / "out"
    assert main(["report", str(SHANGHAI_2017), "--template", str(template), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "firm.docx" in err and "unknown placeholder 'totl' (did you mean 'total'?)" in err
    assert not (out / "shanghai-single-window" / "2017" / "firm.docx").exists()


def test_a_template_that_is_not_a_word_document_is_refused(tmp_path, capsys):
    template = tmp_path / "firm.docx"
    template.write_text("{{ total }}", encoding="utf-8")
    assert main(["report", str(SHANGHAI_2017), "--template", str(template), "--no-write"]) == 2
    assert "not a Word .docx document" in capsys.readouterr().err


def test_the_score_table_marks_not_applicable_and_adjusted_leaves(tmp_path, rulebook):
    """Table 3-1 says 不适用 and 调整 as every other score table does (issue 13 item 6: shown
    wherever the score is), instead of a bare number."""
    from test_judgement import ADJUST_A1
    from test_not_applicable import C4, dongguan, na

    result = check_case(dongguan(tmp_path, not_applicable=na(C4), adjustments=ADJUST_A1), rulebook)
    table = docx.Document(io.BytesIO(render("docx", result))).tables
    rows = [[cell.text for cell in row.cells] for grid in table for row in grid.rows]
    assert [row[1:] for row in rows if row[1].startswith(("A1 ", "C4 "))] == [
        ["A1 立项依据充分性", "4", "3（调整）"], ["C4 成本控制", "5", "不适用"]]


def test_the_provenance_annex_keeps_each_file_name_digest_and_rule_id_on_one_line(golden):
    """The digests' table gave the file name 3.6 cm (cost_estimates_by_subject.csv broke in two) and
    the rules' table 3.0 cm to ids such as office-financial-rules-followed: both wrapped. The
    columns are now wide enough and digests and ids in 8 pt."""
    from docx.shared import Cm
    document = docx.Document(io.BytesIO(render("docx", golden)))
    digests = next(t for t in document.tables if t.rows[0].cells[-1].text == "SHA-256")
    rules = next(t for t in document.tables if t.rows[0].cells[-1].text == "依据（含转录出处）")
    assert [round(c.width / Cm(1), 1) for c in digests.rows[1].cells] == [5.6, 10.0]
    assert [round(c.width / Cm(1), 1) for c in rules.rows[1].cells] == [4.4, 11.2]
    assert all(row.cells[1].paragraphs[0].runs[0].font.size.pt == 8 for row in digests.rows[1:])
    assert all(row.cells[0].paragraphs[0].runs[0].font.size.pt == 8 for row in rules.rows[1:])


def test_every_problem_the_body_lists_is_a_closed_sentence(golden):
    """四(二)'s problems quoted a finding's evidence as transcribed, without its full stop (“…有待进一步
    完善”, “…工作量测算有误”); the Markdown report's 三 and the review sheet did the same."""
    document = docx.Document(io.BytesIO(render("docx", golden)))
    texts = paragraph_texts(document)
    start, end = texts.index("（二）存在的问题"), texts.index("（三）建议和改进措施")
    items = [text for text in texts[start:end] if re.match(r"（\d+）", text)]
    assert len(items) == len(golden.findings) and all(text.endswith("。") for text in items), items
    report = render("markdown", golden)
    part = report[report.index("## 三、存在的问题"):report.index("## 四、建议和改进措施")]
    lines = [line for line in part.splitlines() if line.startswith("- **")]
    assert len(lines) == len(golden.findings) and all(line.rstrip().endswith("。") for line in lines), lines


def test_the_prose_leaves_out_what_case_yaml_does_not_give(rulebook, dongguan):
    """Dongguan's case.yaml names no 主管部门: the body said “主管部门为（未提供）”, and without an
    evaluator and a client “（未提供）接受（未提供）委托”. The cover marks what is missing; the prose
    leaves the clause out."""
    case_yaml = dongguan / "case.yaml"
    case_yaml.write_text(case_yaml.read_text(encoding="utf-8").replace("evaluator: 专家组\n", "")
                         .replace("commissioned_by: 东莞市财政局\n", ""), encoding="utf-8")
    document = docx.Document(io.BytesIO(render("docx", check_case(dongguan, rulebook))))
    texts = paragraph_texts(document)
    body = texts[texts.index("摘要"):]
    assert [text for text in body if "未提供" in text] == []
    assert "东莞市加工贸易管理服务平台软硬件建设项目由东莞市商务局（原市外经贸局）、市电子政务办实施。本次评价年度为 2015 年。" in body
    assert ("为了解东莞市加工贸易管理服务平台软硬件建设项目的绩效情况，加强资金使用和管理的规范性，提升资金使用效益，"
            "对该项目进行绩效评价。") in body
    assert texts.count("（未提供）") == 1 and "主管部门：（未提供）" in texts  # the cover: the date, the department


def test_the_contents_list_the_headings_before_word_updates_them(golden):
    """目录 showed only “（打开文件后按 F9 …）” until Word updated the field: a PDF made elsewhere (the
    bureau's LibreOffice or WPS) had no contents. The field's shown result lists the headings of
    levels 1–2; Word still replaces it (with page numbers) when it updates the field on opening."""
    document = docx.Document(io.BytesIO(render("docx", golden)))
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    start = next(i for i, p in enumerate(paragraphs) if p.text == "目  录") + 1
    listed = [p.text for p in paragraphs[start:start + len(headings)]]
    assert listed == headings and len(headings) == 25
    assert headings[:2] == ["摘要", "（一）概述"] and headings[-1] == "附件 5：评价依据和出处"
    xml = paragraphs[start]._p.xml
    assert 'w:fldCharType="begin"' in xml and "TOC" in xml and 'w:fldCharType="separate"' in xml
    assert 'w:fldCharType="end"' in paragraphs[start + len(headings) - 1]._p.xml
    assert "F9" not in "".join(listed)


def test_the_cover_has_no_page_number(golden):
    """The cover carried “— 1 —” at its foot; official documents leave it unnumbered."""
    section = docx.Document(io.BytesIO(render("docx", golden))).sections[0]
    assert section.different_first_page_header_footer is True
    assert [p.text for p in section.first_page_footer.paragraphs] == [""]
    assert "PAGE" in section.footer.paragraphs[0]._p.xml  # every other page is numbered


def test_a_long_cover_field_wraps_under_its_value(golden):
    """“项目名称：…建设项 / 目”: the second line started under the label. Each field hangs: its lines
    after the first start where its value does."""
    document = docx.Document(io.BytesIO(render("docx", golden)))
    field = next(p for p in document.paragraphs if p.text.startswith("项目名称："))
    fmt = field.paragraph_format
    assert fmt.first_line_indent == -Pt(80)  # 5 characters of 16 pt
    assert abs(fmt.left_indent - docx.shared.Cm(1.5) - Pt(80)) < Pt(0.5)  # kept in twentieths of a point
