"""One interface for every output format, one registry of them by name, and every label,
Chinese and English, in one module (jixiao.report.formats, jixiao.report.labels)."""

import ast
import dataclasses
import io
import json
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl

import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.check.runs import check_with_history
from jixiao.cli.main import main
from jixiao.portfolio.pages import overview
from jixiao.report import formats, labels
from jixiao.report.files import write_outputs
from jixiao.report.formats import CASE, PORTFOLIO, Format, PortfolioSummary, Settings, Template, render
from jixiao.report.prose import plain

from conftest import ROOT, RULES, SHANGHAI_2017, bundled_cases, set_csv_cell

ENGINE = ROOT / "engine" / "jixiao"
SHANGHAI_2016 = ROOT / "facts" / "shanghai-single-window" / "2016"
DONGGUAN_2015 = ROOT / "facts" / "dongguan-processing-trade" / "2015"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SCHEME = "rules/schemes/shanghai-om-subsidy.yaml"
TRANCHE_NOTE = ("“2017 年下半年 40% 运维补贴资金” 实际拨付金额（paid_amount）16520 万元 超过 核定金额 6520 万元"
                "（计划金额 − 审计扣减）；如确为超额拨付，请在 超额拨付（overpaid） 列填 yes")
TRANCHE_NOTE_EN = ("“2017 年下半年 40% 运维补贴资金”: 实际拨付金额 (paid_amount) 16520 万元 exceeds 核定金额 6520 万元"
                   " (计划金额 − 审计扣减); if it was indeed paid over the limit, write yes in 超额拨付 (overpaid)")
# the reports name columns by their titles alone (the text summary and findings.json keep the codes)
TRANCHE_REPORT = TRANCHE_NOTE.replace("（paid_amount）", " ").replace("（overpaid） ", " ")
TRANCHE_REPORT_EN = TRANCHE_NOTE_EN.replace(" (paid_amount)", "").replace(" (overpaid)", "")


@pytest.fixture(scope="module")
def results(tmp_path_factory, rulebook, golden):
    """Results that between them carry every note: integrity notes, last year's findings, missing
    evidence and gaps in the rule set (2016), implausible facts, a gap in part of the year."""
    root = tmp_path_factory.mktemp("formats")
    blocked = root / "shanghai-single-window" / "2017"
    shutil.copytree(SHANGHAI_2017, blocked)
    set_csv_cell(blocked / "disbursements.csv", {"tranche": "2017-h2"}, "paid_amount", "16520")
    rules = root / "rules"
    shutil.copytree(RULES, rules)
    tranche = rules / "tranche-deadline" / "tranche-deadline.yaml"
    text = tranche.read_text(encoding="utf-8")
    tranche.write_text(text.replace("effective: {from: 2016-01-01, to: 2018-12-31}", "effective: {from: 2017-07-01}"),
                       encoding="utf-8")
    return {"golden": golden, "history": check_with_history(SHANGHAI_2017, rulebook).result,
            "2016": check_case(SHANGHAI_2016, rulebook), "dongguan": check_case(DONGGUAN_2015, rulebook),
            "implausible": check_case(blocked, rulebook), "half-year gap": check_case(SHANGHAI_2017, load_rulebook(rules))}


# ------------------------------------------------------------------ one registry, one interface

def test_the_registry_holds_every_format():
    assert list(formats.REGISTRY) == ["text", "json", "scores", "markdown", "html", "xlsx", "docx", "manifest",
                                      "template", "docx-template", "explain", "portfolio-csv", "portfolio-html",
                                      "portfolio-xlsx"]
    assert formats.printable() == ["text", "json", "scores", "markdown", "html", "manifest", "explain"]
    assert [f.file_name() for f in formats.written(CASE)] == [
        "findings.json", "scores.csv", "report.md", "report.html", "report.xlsx", "report.docx", "manifest.json"]
    assert [f.file_name() for f in formats.written(PORTFOLIO)] == ["portfolio.csv", "portfolio.html", "portfolio.xlsx"]
    english, template = Settings(lang="en"), Settings(template=Template("x", "mine/annual.md"))
    assert [formats.get(n).file_name(english) for n in ("markdown", "html")] == ["report.en.md", "report.en.html"]
    assert [formats.get(n).file_name(template) for n in ("template", "html")] == ["annual.md", "annual.html"]
    with pytest.raises(KeyError, match="no output format 'pdf'; known: text, json, scores"):
        formats.get("pdf")


def test_every_format_renders_its_subject_through_one_interface(golden):
    summary = PortfolioSummary([{"folder": "f", "case": "c", "year": 2017, "scheme": "s", "total": Decimal("86.74"),
                                 "grade": "良", "provisional": False, "findings": 1, "cannot_assess": 0,
                                 "integrity": 0, "error": ""}], {})
    summary = PortfolioSummary(summary.rows, overview(summary.rows))
    settings = Settings(template=Template("{{ metric total }}", "t.md"))
    word = io.BytesIO()
    docx.Document().save(word)
    word_settings = Settings(template=Template("", "t.docx", word.getvalue()))
    for fmt in formats.REGISTRY.values():
        chosen = word_settings if fmt.name == "docx-template" else settings
        output = fmt.render(golden if fmt.subject == CASE else summary, chosen)
        assert isinstance(output, bytes if fmt.binary else str), fmt.name
    assert render("template", golden, settings) == "86.74"
    with pytest.raises(ValueError, match="format 'template' needs template"):
        render("template", golden)


@pytest.mark.parametrize("name", formats.printable())
def test_check_prints_each_printable_format_as_the_registry_renders_it(capsys, rulebook, name):
    assert main(["check", str(SHANGHAI_2017), "--no-write", "--format", name, "--rules", str(RULES)]) == 0
    run = check_with_history(SHANGHAI_2017, rulebook)
    assert capsys.readouterr().out == render(name, run.result, Settings(history=run.totals))


def test_check_writes_every_file_of_the_case_set(tmp_path, rulebook):
    result = check_case(SHANGHAI_2017, rulebook)
    folder = write_outputs(result, tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.file_name() for f in formats.written(CASE))
    assert (folder / "scores.csv").read_bytes() == render("scores", result).encode("utf-8-sig")
    assert (folder / "report.md").read_text(encoding="utf-8") == render("markdown", result)


# ------------------------------------------------------------------ a new format is one new module

def words(result, settings):
    """A format of this test module: a case in one line."""
    return f"{result.case.case} {result.case.year}: {result.scores.total} {result.scores.grade}\n"


def portfolio_words(summary, settings):
    return "".join(f"{row['case']} {row['year']}: {row['total']}\n" for row in summary.rows if not row.get("error"))


@pytest.fixture
def with_words(monkeypatch):
    """The registry with two formats added from this module; the registry as it was afterwards."""
    monkeypatch.setattr(formats, "REGISTRY", dict(formats.REGISTRY))
    formats.register(Format("words", "test_formats:words", file="words.txt"))
    formats.register(Format("portfolio-words", portfolio_words, file="portfolio.txt", subject=PORTFOLIO))


def test_a_format_added_elsewhere_is_not_known_until_it_is_registered(capsys):
    with pytest.raises(SystemExit):
        main(["check", str(SHANGHAI_2017), "--no-write", "--format", "words"])
    assert "invalid choice: 'words'" in capsys.readouterr().err


def test_a_format_added_in_a_test_module_is_selectable_and_written(capsys, tmp_path, with_words):
    out = tmp_path / "out"
    assert main(["check", str(SHANGHAI_2017), "--format", "words", "--out", str(out), "--rules", str(RULES)]) == 0
    assert capsys.readouterr().out == "shanghai-single-window 2017: 86.74 良\n"
    folder = out / "shanghai-single-window" / "2017"
    assert (folder / "words.txt").read_text(encoding="utf-8") == "shanghai-single-window 2017: 86.74 良\n"
    assert sorted(p.name for p in folder.iterdir()) == [
        "findings.json", "manifest.json", "report.docx", "report.html", "report.md", "report.xlsx", "scores.csv", "words.txt"]
    batch = tmp_path / "batch"
    assert main(["check", str(ROOT / "facts"), "--summary-only", "--out", str(batch), "--rules", str(RULES)]) == 0
    lines = (batch / "portfolio.txt").read_text(encoding="utf-8").splitlines()
    assert [tuple(line.split()[:2]) for line in lines] == [(case, f"{year}:") for case, year, _ in bundled_cases()]
    assert {"dongguan-processing-trade 2015: 65.50", "school-renovation 2023: 94", "shanghai-single-window 2016: 9.00",
            "shanghai-single-window 2017: 86.74"} <= set(lines)
    assert sorted(p.name for p in batch.iterdir()) == [
        "manifest.json", "portfolio.csv", "portfolio.html", "portfolio.txt", "portfolio.xlsx"]


def test_start_up_imports_no_renderer_library():
    """Building the command line (its --format choices come from the registry) loads neither
    openpyxl, markdown nor pandas (numpy); rendering a workbook does."""
    script = ("import sys\nfrom jixiao.cli.main import build_parser\nbuild_parser()\n"
              "loaded = lambda: sorted(m for m in ('openpyxl', 'markdown', 'pandas', 'numpy') if m in sys.modules)\n"
              "print(loaded())\n"
              "from jixiao.report import formats\nformats.get('xlsx').render\n"
              "from jixiao.report import xlsx\nprint('openpyxl' in loaded())\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "[]\nTrue\n"  # (openpyxl takes numpy along when it is installed)


# ------------------------------------------------------------------ every label in one place

def placeholders(value):
    """The {names} of a label, or of each label inside a table of them."""
    if isinstance(value, str):
        return {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    if isinstance(value, Mapping):
        return {key: placeholders(item) for key, item in value.items()}
    return [placeholders(item) for item in value]


def test_both_languages_have_the_same_labels_with_the_same_placeholders():
    chinese, english = placeholders(labels.ZH), placeholders(labels.EN)
    assert chinese.keys() == english.keys()
    # The one difference: the Chinese sentence names the maximum only where it is not 100 ({out_of}; its score table shows it).
    assert {key: (chinese[key], english[key]) for key in chinese if chinese[key] != english[key]} == {
        "sentence": ({"total", "out_of", "grade", "parts"}, {"total", "max", "grade", "parts"})}
    assert labels.get("en") is labels.EN and labels.get() is labels.ZH
    with pytest.raises(KeyError, match="no labels for language 'fr'"):
        labels.get("fr")


def test_english_labels_are_english():
    assert [key for key, value in labels.EN.items() if HAN.search(str(value))] == []
    assert labels.EN["working_gap"].startswith("cannot assess — gap in the rule set")


def chinese_only(labels_of: dict) -> list[str]:
    return [key for key, value in labels_of.items()
            if HAN.search(str(value)) and not re.search("[A-Za-z]", re.sub(r"\{\w+\}", "", str(value)))]


def test_fixed_labels_are_bilingual_or_english():
    """The outputs without a language show both; in the Chinese text summary these five were
    Chinese alone before, and stay so (its Chinese output must not change); a form's column, 分值
    (the form's own word where the scheme's table says 权重), is as Chinese alone as 权重 was."""
    assert chinese_only(labels.FIXED) == []
    assert chinese_only(labels.ZH["text"]) == ["weight", "form_weight", "score", "recommendation", "source", "evidence"]


def literals(path: Path):
    """The string literals of a module with Chinese in them, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and HAN.search(node.value)]


def test_no_chinese_label_outside_the_labels_module():
    """Every renderer takes its labels from jixiao.report.labels (and the *_labels modules merged
    into it); punctuation such as （）、： may stay beside them: it is not a label."""
    modules = [*(ENGINE / "report").glob("*.py"), *(ENGINE / "portfolio").glob("*.py"),
               ENGINE / "cli" / "case_commands.py"]
    found = {str(m.relative_to(ENGINE)): literals(m) for m in modules if not m.name.endswith("labels.py")}
    assert {module: hits for module, hits in found.items() if hits} == {}


# ------------------------------------------------------------------ the English report is English

def authored(value, found: set, seen: set) -> set:
    """Every text a result holds: rule and fact texts, names, the check's messages, as written."""
    if isinstance(value, str):
        found.add(value)
    elif id(value) in seen or value is None or isinstance(value, (int, float, Decimal)):
        pass
    else:
        seen.add(id(value))
        if isinstance(value, Mapping):
            items = [*value.keys(), *value.values()]
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = list(value)
        elif dataclasses.is_dataclass(value):
            items = [getattr(value, f.name) for f in dataclasses.fields(value)]
        else:
            items = list(vars(value).values()) if hasattr(value, "__dict__") else []
        for item in items:
            authored(item, found, seen)
    return found


def chinese_labels(text: str, result) -> list[str]:
    """The lines of `text` with Chinese that is not a text of the result."""
    texts = {t for t in authored(result, set(), set()) if HAN.search(t)}
    texts |= {plain(t) for t in texts}  # the body quotes them less references to an earlier report's sections
    for quoted in sorted(texts, key=len, reverse=True):
        text = text.replace(quoted, "")
    return [line for line in text.splitlines() if HAN.search(line)]


TEMPLATE = ("{{ score_table }}\n{{ conclusion }}\n{{ problems }}\n{{ recommendations }}\n{{ integrity }}\n"
            "{{ requests }}\n{{ rule_gaps }}\n{{ annex }}\n{{ indicator LEAF }}\n{{ metric total }} {{ metric grade }}\n")


@pytest.mark.parametrize("which", ["golden", "history", "2016", "dongguan", "implausible", "half-year gap"])
def test_the_english_report_has_no_chinese_label(results, which):
    result = results[which]
    template = Template(TEMPLATE.replace("LEAF", result.scheme.leaves[0].id), "t.md")
    for settings in (Settings(lang="en"), Settings(lang="en", template=template),
                     Settings(lang="en", history=((2016, Decimal(9), True), (2017, Decimal(80), False)))):
        for name in ("markdown", "html") if settings.template is None else ("template", "html"):
            assert chinese_labels(render(name, result, settings), result) == [], (name, settings)


def test_the_english_report_says_each_note_in_english(results):
    report = render("markdown", results["2016"], Settings(lang="en"))
    assert ("**Not assessed and not counted in the total: 28 indicator(s) worth 81 points for want of evidence, "
            "2 indicator(s) worth 4 points for a gap in the rule set; the total and grade are final only once the "
            "evidence and the rules are provided**") in report
    assert (f"1. [B232] 2016: no rule in force in the whole year ({SCHEME}:55 lists separate-accounting: "
            "from 2017-01-01)") in report
    assert "|  | A2 项目目标 |  |  | 4 | cannot assess |" in report
    assert "### A21 绩效目标合理性（Weight 2，Score cannot assess）" in report
    assert ("Score：cannot assess — gap in the rule set, not counted in the total until the rule set "
            "covers it\n") in report
    report = render("markdown", results["implausible"], Settings(lang="en"))
    assert (f"1. [B11] Facts that cannot be true, to be corrected: {TRANCHE_REPORT_EN} (disbursements.csv line 4)"
            in report)
    assert ("**Not assessed and not counted in the total: 4 indicator(s) worth 11 points whose facts cannot be "
            "true; the total and grade are final only once the facts are corrected**") in report
    report = render("markdown", results["half-year gap"], Settings(lang="en"))
    assert (f"**Gap in the rule set**：2017: no rule in force during 2017-01-01 – 2017-06-30 ({SCHEME}:88 lists "
            "tranche-deadline: from 2017-07-01)") in report
    report = render("markdown", results["golden"], Settings(lang="en"))
    assert ("- 运维商 “上海外高桥英得网络信息有限公司” is not among the 运维商名称 of "
            "运维商及其承担的功能模块 (it has: 上海亿通国际股份有限公司, 上海外高桥英得网络信息技术有限公司, 上海榕基软件开发有限公司, 上海海勃物流软件有限公司, 上海英迪信息技术有限公司, 中国电子口岸数据中心上海分中心, 北京九城口岸软件科技有限公司, 大连龙图信息技术有限公司, 杭州高斯信息技术有限公司) (allocations.csv line 6)" in report)
    assert not [line for line in report.splitlines() if "找不到" in line or "不一致" in line or "之和" in line]
    assert "(cost_estimates_by_subject.csv lines 2–8)" in report
    assert "| office（management_rules.yaml lines 2, 9） | 1 | no |" in report  # a derived fact: where it comes from
    page = render("html", results["golden"], Settings(lang="en", history=((2016, Decimal(9), True),
                                                                            (2017, Decimal("86.74"), False))))
    # 2016's total is provisional: not drawn as a score (one final year: no chart of totals by year)
    assert "Score rate by first-level indicator" in page and "Total by year" not in page
    assert "The totals of 2016 are provisional (some indicators could not be assessed) and are not drawn." in page


def test_the_chinese_report_is_as_it_was(results):
    report = render("markdown", results["2016"])
    assert ("**28 项指标（81 分）因资料不全、2 项指标（4 分）因规则缺口无法评价，未计入总分；"
            "总分和等级待补充资料和规则后确定**") in report
    report = render("markdown", results["implausible"])
    assert f"1. [B11] 数据不可信，请核对更正：{TRANCHE_REPORT}（disbursements.csv 第 4 行）" in report
    assert "| office（management_rules.yaml 第 2、9 行） | 1 | 否 |" in render("markdown", results["golden"])


def test_findings_json_in_english(results):
    data = json.loads(render("json", results["2016"], Settings(lang="en")))
    gap = next(f for f in data["findings"] if f["kind"] == "rule_gap")
    assert gap["text"] == (f"Gap in the rule set: 2016: no rule in force in the whole year ({SCHEME}:55 lists "
                           "separate-accounting: from 2017-01-01)")
    assert gap["recommendation"] == ("For the rule author: add a rule in force for this period, or check the rules' "
                                     "dates; the audited unit has nothing to provide")
    missing = next(f for f in data["findings"] if f["kind"] == "cannot_assess")
    assert missing["text"].startswith("Cannot assess: missing ") and missing["recommendation"].startswith(
        "Please provide: ")
    data = json.loads(render("json", results["implausible"]))  # Chinese, as findings.json is written
    assert next(f for f in data["findings"] if f["kind"] == "implausible")["recommendation"] == (
        "核对原始资料，更正录入错误后重新评价；读取该数据的指标在此之前无法评价。")


def test_the_workbook_note_follows_the_language(results):
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", results["implausible"], Settings(lang="en"))))
    rows = [[cell for cell in row if cell is not None] for row in book["评分表 scores"].iter_rows(values_only=True)]
    assert ["注意 note", "Not assessed and not counted in the total: 4 indicator(s) worth 11 points whose facts "
            "cannot be true; the total and grade are final only once the facts are corrected"] in rows
    assert ["B11", "预算执行率", "B1", 2, "cannot assess"] in rows


def test_english_counts_say_one_thing_and_several():
    """1 problem found, 1 more fact, of 1 fact (they said "1 problems", "1 more facts"); Chinese the same either way."""
    en, zh = labels.get("en"), labels.get("zh")
    assert [labels.counted(en["findings_count"], n).format(n=n, lost=2) for n in (1, 2)] == [
        "1 problem found, 2 points deducted.", "2 problems found, 2 points deducted."]
    assert [labels.counted(en["wp_more"], n).format(n=n) for n in (1, 3)] == [
        "1 more fact not listed (see the facts).", "3 more facts not listed (see the facts)."]
    assert labels.counted(en["paper"]["paper_not_fired"], 1).format(n=0, count=1) == "did not fire: 0 of 1 fact"
    assert labels.counted(en["paper"]["paper_more"], 1).format(n=1) == "… 1 more fact"
    assert {labels.counted(zh["findings_count"], n).format(n=1, lost=2) for n in (1, 2)} == {"共发现问题 1 项，扣分合计 2 分。"}
