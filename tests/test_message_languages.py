"""Every message a user reads is said from one registry, in Chinese by default and in English with
--lang en: input problems of fact files, workbooks, case.yaml, rule files and form layouts, the
evaluation team's judgement, and the text summary's labels (issue 12 point 5, issue 16 item 3).

Each case below asserts the exact Chinese and the exact English of one kind of message; the
English is the wording the other tests of that kind assert (str() of a problem).
"""

from __future__ import annotations

import shutil

import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.load.form_layouts import load_layouts
from jixiao.model.problems import InputError

from conftest import RULES, SHANGHAI_2017, set_csv_cell
from test_effective_dates import TRANCHE_RULE, edit, rules_dir, split_tranche_rule  # noqa: F401 (rules_dir: a fixture)
from test_judgement import waivers
from test_not_applicable import dongguan


def said(error: InputError, root) -> list[tuple[str, str]]:
    """Each problem in Chinese and in English, its paths below `root` shown relative."""
    prefix = f"{root}/"
    return [(p.render("zh").replace(prefix, ""), p.render("en").replace(prefix, "")) for p in error.problems]


def rule_problems(rules_dir) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    return said(error.value, rules_dir)


# ------------------------------------------------------------------------------------- rule files

def test_versions_that_overlap_are_said_in_both_languages(rules_dir):
    split_tranche_rule(rules_dir, "2017-06-30", "2017-06-01", replaces=True)
    assert rule_problems(rules_dir) == [(
        "tranche-deadline/tranche-deadline-v2.yaml:10 [effective.from]：本版本在被替代的版本结束之前开始（tranche-deadline, "
        f"{TRANCHE_RULE}:9: 2016-01-01 – 2017-06-30）：日期在 2017-06-01 – 2017-06-30 的事实会被两个版本同时判断；"
        "填写的是 '2017-06-01'；可填：2017-07-01 或之后",
        "tranche-deadline/tranche-deadline-v2.yaml:10 [effective.from]: this version starts before the version it "
        f"replaces ends (tranche-deadline, {TRANCHE_RULE}:9: 2016-01-01 – 2017-06-30): a fact dated 2017-06-01 – "
        "2017-06-30 would be judged by both; found '2017-06-01'; allowed: 2017-07-01 or later")]


def test_rules_of_one_leaf_that_overlap_are_said_in_both_languages(rules_dir):
    split_tranche_rule(rules_dir, "2017-06-30", "2017-06-01")
    assert rule_problems(rules_dir) == [(
        "tranche-deadline/tranche-deadline-v2.yaml:9 [effective.from]：tranche-deadline-v2 在 tranche-deadline"
        f"（{TRANCHE_RULE}:9：2016-01-01 – 2017-06-30）结束之前开始；两者都为 schemes/shanghai-om-subsidy.yaml 的 C121 "
        "扣分并读取 tranche_payments，日期在 2017-06-01 – 2017-06-30 的事实会被扣两次分；填写的是 '2017-06-01'；"
        "可填：2017-07-01 或之后（如为其新版本，写 `replaces: tranche-deadline`）",
        "tranche-deadline/tranche-deadline-v2.yaml:9 [effective.from]: tranche-deadline-v2 starts before "
        f"tranche-deadline ({TRANCHE_RULE}:9: 2016-01-01 – 2017-06-30) ends; both feed C121 of "
        "schemes/shanghai-om-subsidy.yaml and read tranche_payments, so a fact dated 2017-06-01 – 2017-06-30 would "
        "be deducted twice; found '2017-06-01'; allowed: 2017-07-01 or later (with `replaces: tranche-deadline` if "
        "it is a new version of it)")]


def test_a_parameter_version_within_a_year_is_said_in_both_languages(rules_dir):
    edit(rules_dir / "outcomes" / "system-availability.yaml", "family: outcomes\n",
         "family: outcomes\nparams:\n  min_availability:\n"
         "    - {from: 2016-01-01, value: 0.999}\n    - {from: 2019-07-01, value: 0.998}\n")
    assert rule_problems(rules_dir) == [(
        "outcomes/system-availability.yaml:8 [params.min_availability]：参数值按整个检查年度适用：每个版本从 1 月 1 日起"
        "（如需在年内变更，请在该日结束本规则，并用 `replaces:` 开始其新版本）；填写的是 '2019-07-01'；"
        "可填：2019-01-01 或 2020-01-01",
        "outcomes/system-availability.yaml:8 [params.min_availability]: a parameter's value applies to whole check "
        "years: a version starts on 1 January (for a change within a year, end the rule there and start a new "
        "version of it with `replaces:`); found '2019-07-01'; allowed: 2019-01-01 or 2020-01-01")]


def test_a_not_before_check_on_a_text_column_is_said_in_both_languages(rules_dir):
    edit(rules_dir / "tables" / "contract_phases.yaml",
         "{kind: not_before, column: accepted_on, table: contracts, join: {contract: id}, other: signed_on}",
         "{kind: not_before, column: accepted_on, table: contracts, join: {contract: id}, other: title}")
    assert rule_problems(rules_dir) == [(
        "tables/contract_phases.yaml [checks.not_before]：not_before 与日期比较；contracts.title 是 text 列；"
        "填写的是 'title'",
        "tables/contract_phases.yaml [checks.not_before]: not_before compares with a date; contracts.title is a text "
        "column; found 'title'")]


@pytest.mark.parametrize("raw, zh, en", [
    (b"id: [unclosed\n", "YAML 语法错误：", "YAML syntax error: "),
    (b"id: \xff\xfe\n", "不是 UTF-8 文本（第 4 字节：invalid start byte）；请以 UTF-8 编码保存",
     "not UTF-8 text (invalid start byte at byte 4)"),
])
def test_a_rule_file_that_is_no_yaml_is_said_in_both_languages(rules_dir, raw, zh, en):
    (rules_dir / "outcomes" / "system-availability.yaml").write_bytes(raw)
    [(said_zh, said_en)] = rule_problems(rules_dir)
    assert said_zh.startswith(f"outcomes/system-availability.yaml") and zh in said_zh
    assert en in said_en and "语法" not in said_en


def test_a_form_layout_named_apart_from_its_file_is_said_in_both_languages(tmp_path):
    source = RULES / "forms" / "layouts" / "national.yaml"
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(source, folder / "renamed.yaml")
    with pytest.raises(InputError) as error:
        load_layouts(folder)
    [(zh, en)] = [pair for pair in said(error.value, folder) if "[layout]" in pair[0]]
    assert zh == f"renamed.yaml:4 [layout]：“layout”必须与文件名相同；填写的是 '{source.stem}'；可填：renamed"
    assert en == f"renamed.yaml:4 [layout]: 'layout' must equal the file name; found '{source.stem}'; allowed: renamed"


# ------------------------------------------------------------------------------------- fact files

def fact_problems(folder, rulebook) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as error:
        check_case(folder, rulebook)
    return said(error.value, folder)


@pytest.mark.parametrize("file, match, column, value, zh, en", [
    ("operator_practices.csv", {"operator": "上海亿通国际股份有限公司"}, "separate_account", "maybe",
     "operator_practices.csv:2 [是否对补贴资金支出专账核算（或设辅助账）（separate_account）]：不是可填的回答；"
     "填写的是 'maybe'；可填：是、否、部分（yes, no, partial）",
     "operator_practices.csv:2 [是否对补贴资金支出专账核算（或设辅助账）（separate_account）]: not an answer; "
     "found 'maybe'; allowed: yes, no, partial (是, 否, 部分)"),
    ("disbursements.csv", {"tranche": "2017-h1"}, "paid_amount", "16,10.5",
     "disbursements.csv:3 [实际拨付金额（paid_amount，万元）]：逗号只能用作千位分隔符：逗号只能每三位数字一个（16,104.72），"
     "小数点不能写成逗号；填写的是 '16,10.5'；可填：数字，如 3064.72",
     "disbursements.csv:3 [实际拨付金额（paid_amount，万元）]: a comma that is not a thousands separator: commas only "
     "between groups of three digits (16,104.72), and a decimal point, not a comma; found '16,10.5'; allowed: a "
     "number, e.g. 3064.72"),
])
def test_a_cell_that_does_not_fit_its_column_is_said_in_both_languages(case_copy, rulebook, file, match, column,
                                                                        value, zh, en):
    set_csv_cell(case_copy / file, match, column, value)
    assert fact_problems(case_copy, rulebook) == [(zh, en)]


def test_a_misspelt_header_is_said_in_both_languages(case_copy, rulebook):
    path = case_copy / "operators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("no,operator,", "no,operater,", 1), encoding="utf-8")
    [(zh, en)] = fact_problems(case_copy, rulebook)
    assert zh == ("operators.csv:1 [operater]：表头中的列名无法识别（是否应为 'operator'？）；可填：序号（no）、"
                  "运维商名称（operator）、简称（short_name）、角色（role）、承担功能模块（modules）")
    assert en == ("operators.csv:1 [operater]: unknown column in the header (did you mean 'operator'?); "
                  "allowed: no, operator, short_name, role, modules")


def test_a_file_named_xlsx_that_is_no_workbook_is_said_in_both_languages(case_copy, rulebook):
    (case_copy / "operators.xlsx").write_text("not a workbook", encoding="utf-8")
    assert fact_problems(case_copy, rulebook) == [(
        "operators.xlsx：不是 Excel 工作簿（.xlsx）：文件是另一种内容（是否改过扩展名？）；可填：在 Excel 或 WPS 中打开并另存为 .xlsx",
        "operators.xlsx: not an Excel workbook (.xlsx): the file holds another kind of content (a renamed file?); "
        "allowed: open the workbook in Excel or WPS and save it again as .xlsx")]


def test_case_yaml_with_a_case_id_that_cannot_name_folders_is_said_in_both_languages(case_copy, rulebook):
    edit(case_copy / "case.yaml", "case: shanghai-single-window", "case: Shanghai_Window")
    [(zh, en)] = fact_problems(case_copy, rulebook)
    assert zh == ("case.yaml:4 [case]：案例 id 用于命名输出文件夹：只能由小写字母、数字和“-”“_”“.”组成；"
                  "填写的是 'Shanghai_Window'；可填：例如 shanghai-single-window")
    assert en == ("case.yaml:4 [case]: the case id names output folders: lower-case letters, digits, '-', '_', '.'; "
                  "found 'Shanghai_Window'; allowed: e.g. shanghai-single-window")


# ------------------------------------------------------------------------------------- judgement

@pytest.mark.parametrize("adjustments, zh, en", [
    ("A1,3,-1,r,b,2016-03-01",
     "adjustments.csv:2 [调整后得分（score，分）]：调整后得分和调整分值只能填一项；填写的是 '3'；"
     "可填：调整后得分（score，分）、调整分值（delta，分）二选一",
     "adjustments.csv:2 [调整后得分（score，分）]: give the adjusted score or the change to the computed score, not "
     "both; found '3'; allowed: one of 调整后得分（score，分）, 调整分值（delta，分）"),
    ("A1,5,,r,b,2016-03-01",
     "adjustments.csv:2 [调整后得分（score，分）]：A1 调整后得分为 5，超出 [0, 4]（其权重）；填写的是 '5'；"
     "可填：0 到 4 之间的得分",
     "adjustments.csv:2 [调整后得分（score，分）]: the adjusted score of A1 would be 5, outside [0, 4] (its weight); "
     "found '5'; allowed: a score from 0 to 4"),
])
def test_an_adjustment_that_cannot_hold_is_said_in_both_languages(tmp_path, rulebook, adjustments, zh, en):
    folder = dongguan(tmp_path, adjustments=f"indicator,score,delta,reason,by,date\n{adjustments}\n")
    assert fact_problems(folder, rulebook) == [(zh, en)]


def test_a_waiver_of_a_rule_not_used_is_said_in_both_languages(tmp_path, rulebook):
    folder = dongguan(tmp_path, waivers=waivers("completion-rates,r,a,2016-06-30"))
    assert [(zh.split("；可填：")[0], en.split("; allowed: ")[0]) for zh, en in fact_problems(folder, rulebook)] == [(
        "waivers.csv:2 [豁免的规则（rule）]：评价方案 national-it-construction 在 2015 年未使用该规则（是否应为“completion-rate”？）"
        "：该豁免不起作用；填写的是 'completion-rates'",
        "waivers.csv:2 [豁免的规则（rule）]: scheme national-it-construction uses no such rule in 2015 (did you mean "
        "'completion-rate'?): the waiver would waive nothing; found 'completion-rates'")]


# ------------------------------------------------------------------------------------- what the commands print

def test_the_text_summary_takes_its_labels_in_the_chosen_language(capsys):
    assert main(["check", str(SHANGHAI_2017), "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "total: 86.74 / 100   grade: 良\n" in english
    assert "    recommendation: " in english and "    source: " in english and "    evidence: " in english
    labels = ("建议", "依据", "证据", "总分", "评价方案", "指标", "发现", "数据核对", "(* 扣分指标")
    assert [line for line in english.splitlines() if line.strip().startswith(labels)] == []
    assert "indicator                                         weight     score\n" in english
    assert main(["check", str(SHANGHAI_2017), "--lang", "zh"]) == 0
    chinese = capsys.readouterr().out
    assert "总分 total: 86.74 / 100   等级 grade: 良\n" in chinese
    assert "    建议: " in chinese and "    依据: " in chinese and "    证据: " in chinese


def test_new_case_refuses_in_one_language(tmp_path, capsys):
    facts = tmp_path / "facts"
    assert main(["new", "case", "Bad_ID", "2024", "--scheme", "shanghai-om-subsidy", "--facts", str(facts),
                 "--lang", "zh"]) == 2
    zh = capsys.readouterr().err.splitlines()
    assert zh[1:] == ["  case.yaml:4 [case]：案例 id 用于命名输出文件夹：只能由小写字母、数字和“-”“_”“.”组成；"
                      "填写的是 'Bad_ID'；可填：例如 shanghai-single-window"]
    assert main(["new", "case", "ok", "2024", "--scheme", "nosuch", "--facts", str(facts), "--lang", "zh"]) == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  --scheme：没有这个评价方案；填写的是 'nosuch'；可填：national-it-construction, school-renovation, "
        "self-evaluation, shanghai-om-subsidy, target-setting")
    assert main(["new", "case", "ok", "2024", "--scheme", "nosuch", "--facts", str(facts), "--lang", "en"]) == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  --scheme: no such scheme; found 'nosuch'; allowed: national-it-construction, school-renovation, "
        "self-evaluation, shanghai-om-subsidy, target-setting")
