"""Reports: the full report (zh / en, Markdown / HTML), templates, charts, Excel, year over year."""

import base64
import io
import re
import shutil
from decimal import Decimal

import docx
import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.report import Settings, render
from jixiao.report import template as template_out
from jixiao.model.problems import InputError

from conftest import FACTS, ROOT, RULES, SHANGHAI_2017

SHANGHAI_2016 = FACTS / "shanghai-single-window" / "2016"


@pytest.fixture(scope="module")
def with_history(rulebook):
    previous = check_case(SHANGHAI_2016, rulebook)
    return check_case(SHANGHAI_2017, rulebook, previous=previous), previous


ZH_ORDER = ["## 数据核对", "## 摘要", "## 一、评价结论", "## 二、具体绩效分析", "## 三、存在的问题",
            "### 上年问题整改情况", "## 四、建议和改进措施", "## 附件：发现及证据"]
EN_ORDER = ["## Integrity of the facts", "## Summary", "## 1. Conclusion", "## 2. Analysis by indicator",
            "## 3. Problems found", "### Last year's findings", "## 4. Recommendations", "## Annex"]


@pytest.mark.parametrize("lang, order", [("zh", ZH_ORDER), ("en", EN_ORDER)])
def test_full_report_sections_in_order(with_history, lang, order):
    result, _ = with_history
    report = render("markdown", result, Settings(lang=lang))
    positions = [report.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_every_indicator_is_analysed_with_its_working(golden):
    report = render("markdown", golden)
    analysis = report[report.index("## 二、具体绩效分析"):report.index("## 三、存在的问题")]
    for leaf in golden.scheme.leaves:
        assert f"### {leaf.id} {leaf.name}" in analysis
    # the evaluator's prose: the facts with their units, the score and why; no field name, raw float or formula
    assert ("### B11 预算执行率（权重 2，得分 1.99）\n\n评价要点：预算应足额执行（预算执行率 = 实际支出 / 预算）。经核查，"
            "预算安排 16177.08 万元，实际支出 16104.72 万元，预算执行率为 99.55%，未全部执行。据此扣 0.01 分。"
            "本指标得 1.99 分（满分 2 分）。") in analysis
    for trace in ("execution_rate", "answer =", "0.995527", "weight", "`", "§", "jixiao"):
        assert trace not in analysis, trace
    # the working papers' annex works each deduction out, readably (the engine's trace is `jixiao explain`'s)
    papers = report[report.index("## 附件：指标工作底稿"):report.index("## 附件：评价依据和出处")]
    assert "- 扣分：权重 × 实际拨付金额 ÷ 同一拨付方实际拨付合计 = 3 × 6520 ÷ 16104.72 = 1.2146\n" in papers
    assert papers.count("得分计算：得分 = 权重") == 36


def test_the_body_cites_neither_jixiao_nor_the_report_it_was_transcribed_from(golden):
    report = render("markdown", golden)
    body = report[:report.index("## 附件")]
    assert "jixiao" not in body and "§" not in body and "2017 年评价报告" not in body
    assert "本报告由 jixiao" not in report
    provenance = report[report.index("## 附件：评价依据和出处"):]
    assert "（jixiao 0.1.0）" in provenance and "上海 2017 年评价报告 §三(二)2(1) B11" in provenance
    assert "规则库拟定（两份评价报告均未单列）" in provenance and "jixiao（" not in provenance  # a recommendation's source: the rule book, not the tool


def test_the_body_leaves_out_a_transcription_s_marks_in_either_convention(rulebook):
    """Dongguan's facts mark where each was transcribed with “（报告 一(二)）”, not “§”: the body
    quoted them (B-indicator paragraphs, 三、存在的问题). Only the expert score compared with keeps
    its source."""
    result = check_case(FACTS / "dongguan-processing-trade" / "2015", rulebook)
    report = render("markdown", result)
    body = report[:report.index("## 附件")]
    assert [line for line in body.splitlines() if "报告 " in line] == [
        "对照：专家组评分为 70 分，等级“中”（报告 一(二)：专家组综合评价结论认为，该项目绩效得分为 70 分，绩效等级为中）。"
        "本报告的得分依据评分标准，由基础数据逐项计算。"]
    assert "主要功能消失（报告 一(二)）" in report[report.index("## 附件"):]  # the annex quotes the evidence as transcribed


def test_year_over_year_is_counted_honestly(with_history):
    result, _ = with_history
    report = render("markdown", result)
    part = report[report.index("### 上年问题整改情况"):report.index("## 四、建议和改进措施")]
    rows = [line for line in part.splitlines() if line.startswith("| ") and not line.startswith("| 指标")]
    statuses = [row.rsplit("|", 2)[1].strip() for row in rows]
    # B232: 2016's check could not assess it, but the case's record of 2016's problems (C32) has it open
    assert len(rows) == 15 and statuses.count("上年未评价，无法比对") == 12 and "新发现" not in "".join(statuses)
    summary = ("上表共 15 项：上年发现的问题已整改 1 项；上年发现的问题仍存在 2 项；"
               "本年发现、所属指标上年未评价（上年资料不足）因而无法比对 12 项。")
    assert summary in part
    assert sum(int(n) for n in re.findall(r"(\d+) 项", summary.split("：", 1)[1])) == len(rows)


def test_annex_lists_every_finding_with_its_evidence(golden):
    report = render("markdown", golden)
    annex = report[report.index("## 附件"):]
    for finding in golden.findings:
        assert finding.text in annex
        for item in finding.evidence:
            assert f"{item['file']}:{item.get('line', '')}" in annex


def test_english_report_keeps_the_rules_chinese_text_beside_english_titles(golden):
    report = render("markdown", golden, Settings(lang="en"))
    assert "The project scores **86.74** of 100, grade **良**." in report
    assert "Tranches are paid by their deadlines" in report and "拨付滞后" in report


def test_html_is_one_printable_page_with_the_charts(with_history):
    result, previous = with_history
    history = [(2015, Decimal("80.5"), False), (2016, previous.scores.total, previous.scores.provisional),
               (2017, result.scores.total, result.scores.provisional)]
    html = render("html", result, Settings(history=tuple(history)))
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html and '<html lang="zh-CN">' in html
    assert html.count("<table>") >= 3
    # the charts: the very PNG images report.docx embeds, as data: URIs, and in words
    assert re.findall(r'alt="([^"]*)"', html) == [
        "一级指标得分率：A 项目决策 87.5%；B 项目管理 73.5%；C 项目绩效 94.4%", "历年总分：2015 80.5；2017 86.74"]  # 2016 is provisional: not drawn
    assert "<p>2016 年总分为暂定（部分指标无法评价），未绘入图中。</p>" in html
    images = [base64.b64decode(data) for data in re.findall(r'src="data:image/png;base64,([^"]+)"', html)]
    word = docx.Document(io.BytesIO(render("docx", result, Settings(history=tuple(history)))))
    embedded = [part.blob for part in word.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 2 and sorted(images) == sorted(embedded)
    assert "http://" not in html and "<svg" not in html  # nothing to fetch


def test_excel_workbook(golden):
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", golden)))
    assert book.sheetnames == ["评分表 scores", "发现 findings"]
    scores = book["评分表 scores"]
    rows = list(scores.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("A", "项目决策", None, 8, 7)
    assert ("总分 total", None, None, 100, 86.74) in rows
    findings = list(book["发现 findings"].iter_rows(min_row=2, values_only=True))
    # 类型 in people's words; 扣分 as shown, at the scheme's precision, adding up to what the total lost
    assert [f[0] for f in findings] == ["数据核对 integrity"] * 3 + ["扣分 deduction"] * 14
    assert [f[3] for f in findings] == [None] * 3 + [1, 0.01, 1, 1, 2, 1, 2, 2, 0, 1.21, 0.07, 0.47, 1, 0.5]
    assert round(sum(f[3] for f in findings[3:]), 2) == 13.26  # = 100 − 86.74
    # two named styles, shared by every cell (not a style object per cell)
    sheet = book["发现 findings"]
    assert {c.style for c in sheet[1]} == {"jixiao header"} and sheet["A1"].font.bold
    assert {c.style for row in sheet.iter_rows(min_row=2) for c in row} == {"jixiao cell"}
    assert sheet["E2"].alignment.wrap_text and sheet["E2"].alignment.vertical == "top"
    assert render("xlsx", golden) == render("xlsx", golden)  # byte-reproducible


TEMPLATE = """# 简报

总分 {{ metric total }}（{{ metric grade }}），C121 {{ metric C121.score }} / {{ metric C121.weight }}。

{{ findings tranche-deadline }}

{{ indicator C24 }}
"""


def test_a_template_pulls_findings_and_metrics(golden):
    text = template_out.fill(TEMPLATE, golden, "t.md")
    assert "总分 86.74（良），C121 1.79 / 3。" in text
    assert "- **C121 市口岸办补贴资金拨付及时率** “2017 年上半年 40% 运维补贴资金”6520 万元" in text
    assert "### C24 单一窗口平台系统可用率（权重 3，得分 2.93）" in text
    assert "{{" not in text


@pytest.mark.parametrize("placeholder, message", [
    ("{{ metric totl }}", "no metric 'totl' (did you mean 'total'?)"),
    ("{{ indicatr C121 }}", "unknown placeholder 'indicatr' (did you mean 'indicator'?)"),
    ("{{ findings tranche }}", "no rule family 'tranche' (did you mean 'tranche-deadline'?)"),
    ("{{ indicator C12 }}", "no leaf indicator 'C12'"),
    ("{{ }}", "empty placeholder"),
])
def test_a_misspelt_placeholder_is_an_error_naming_it(golden, placeholder, message):
    with pytest.raises(InputError) as error:
        template_out.fill(f"ok\n{placeholder}\n", golden, "t.md")
    [problem] = error.value.problems
    assert (problem.file, problem.line, problem.key) == ("t.md", 2, placeholder) and message in problem.message


def test_report_command_with_a_template(capsys, tmp_path):
    template = tmp_path / "brief.md"
    template.write_text(TEMPLATE, encoding="utf-8")
    code = main(["report", str(SHANGHAI_2017), "--template", str(template), "--out", str(tmp_path / "out"),
                 "--rules", str(RULES)])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("# 简报")
    folder = tmp_path / "out" / "shanghai-single-window" / "2017"
    assert (folder / "brief.md").read_text(encoding="utf-8") == out
    assert 'src="data:image/png;base64,' in (folder / "brief.html").read_text(encoding="utf-8")
    template.write_text("{{ metric totl }}\n", encoding="utf-8")
    code = main(["report", str(SHANGHAI_2017), "--template", str(template), "--no-write", "--rules", str(RULES)])
    err = capsys.readouterr().err
    assert code == 2 and "brief.md:1 [{{ metric totl }}]" in err


def test_report_command_in_english(capsys, tmp_path):
    code = main(["report", str(SHANGHAI_2017), "--lang", "en", "--out", str(tmp_path), "--rules", str(RULES)])
    assert code == 0 and capsys.readouterr().out.startswith("# 2017 年上海国际贸易单一窗口政府运维补贴资金: performance")
    assert (tmp_path / "shanghai-single-window" / "2017" / "report.en.html").exists()


def test_findings_are_matched_year_over_year(with_history):
    result, _ = with_history
    status = {(h.rule, h.status) for h in result.history}
    assert ("operator-financial-rules", "rectified") in status    # 2017 财务管理规范
    assert ("record-sample-verification-rule", "repeated") in status  # 运维记录管理 still inadequate
    assert ("tranche-deadline", "unassessed_before") in status     # no 2016 payment facts
    assert not any(s == "new" for _, s in status)


def test_fingerprints_are_stable_when_the_figures_change(rulebook, with_history, case_copy):
    result, previous = with_history
    path = case_copy / "system_availability.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("downtime_minutes: 910", "downtime_minutes: 2000"),
                    encoding="utf-8")
    changed = check_case(case_copy, rulebook, previous=previous)
    before = {f.rule: f.fingerprint for f in result.findings}
    after = {f.rule: f.fingerprint for f in changed.findings}
    assert before["system-availability"] == after["system-availability"]
    assert len(set(before.values())) == len(before)


def test_c32_can_use_the_matched_status_instead_of_a_typed_answer(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    scheme = rules / "schemes" / "shanghai-om-subsidy.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("rules: [prior-findings-rectified]",
                                                                 "rules: [prior-year-findings-repeated]"),
                      encoding="utf-8")
    rulebook = load_rulebook(rules)
    previous = check_case(SHANGHAI_2016, rulebook)
    result = check_case(SHANGHAI_2017, rulebook, previous=previous)
    assert result.scores.get("C32").score == Decimal("1.5")  # as the report: −0.5 for the repeated record rules
    assert result.scores.total == Decimal("86.74")
    [finding] = [f for f in result.findings if f.indicator == "C32"]
    assert "运维记录管理规定较为简单" in finding.text
    alone = check_case(SHANGHAI_2017, rulebook)  # without last year's facts: cannot assess, not full marks
    assert alone.scores.get("C32").score is None


def test_check_uses_the_earlier_year_by_itself(capsys, tmp_path):
    code = main(["check", str(SHANGHAI_2017), "--format", "json", "--out", str(tmp_path), "--rules", str(RULES)])
    import json
    result = json.loads(capsys.readouterr().out)
    kinds = [f["kind"] for f in result["findings"]]
    assert code == 0 and kinds.count("rectified") == 1
    statuses = {f["rule"]: f["status"] for f in result["findings"] if f["kind"] == "deduction"}
    assert statuses["record-sample-verification-rule"] == "repeated"
    html = (tmp_path / "shanghai-single-window" / "2017" / "report.html").read_text(encoding="utf-8")
    # 2016's total is provisional (85 of 100 points could not be assessed): not drawn as a score
    assert re.findall(r'alt="历年总分：([^"]*)"', html) == [] and "2016 年总分为暂定（部分指标无法评价），未绘入图中。" in html


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> [点击](javascript:alert(3)) ![x](javascript:alert(4)) <http://e.example>'


def test_markup_in_a_fact_shows_as_text_in_the_html_report(tmp_path, rulebook):
    case = tmp_path / "2017"
    shutil.copytree(SHANGHAI_2017, case)
    path = case / "observations.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  evidence: 市口岸办针对本项目部分设置了绩效指标" in text  # a finding quotes this evidence
    path.write_text(text.replace("  evidence: 市口岸办针对本项目部分设置了绩效指标",
                                 f"  evidence: '{HOSTILE} 市口岸办针对本项目部分设置了绩效指标", 1)
                    .replace("有待进一步完善（§三(二)1(2) A22）", "有待进一步完善（§三(二)1(2) A22）'", 1), encoding="utf-8")
    result = check_case(case, rulebook)
    page = render("html", result)
    assert HOSTILE in render("markdown", result)  # the Markdown quotes the fact as typed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "[点击](javascript:alert(3))" in page
    body = page[page.index("<body>"):]
    assert not re.search(r"<(script|a)[\s>]", body)  # nothing that runs or links
    # the only images: the charts, drawn by jixiao, from data: URIs
    assert [tag[:43] for tag in re.findall(r"<img\b[^>]*>", body)] == ['<img src="data:image/png;base64,iVBORw0KGgo']


def test_the_text_summary_quotes_findings_without_transcription_marks(golden):
    """`jixiao check` printed “…资金来源尚不明确（§三(二)3(3) C31；§四(二)3）”: the marks of where the
    Shanghai facts were transcribed from, which the report's body leaves out."""
    text = render("text", golden)
    [line] = [line for line in text.splitlines() if "next-phase-mechanism:" in line]
    assert line.endswith("下一阶段的运维机制管理办法和资金来源尚不明确") and "§" not in text
