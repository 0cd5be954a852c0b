"""Target-setting forms (绩效目标表, issue 14 item 1): the indicator rows with targets and weights,
no actuals. They were "scored" 0 / 100, 差～优（暂定）, each row asked for its actual value; they are
reviewed with the scheme target-setting (rules/schemes/target-setting.yaml) for what target setting
requires, and every output says so: no total, no grade, no 0 / 100, no 暂定, no request for actuals."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from docx import Document

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.portfolio.rows import summary_row
from jixiao.report import docx, explain, labels, scores, text, xlsx
from jixiao.report.formats import Settings
from jixiao.report.review import form_totals, review_section
from jixiao.report.summary import row_line, run_lines
from jixiao.check.runs import CaseRun

from conftest import paragraph_texts

# the rows of the form: 一级, 二级, 三级指标, 指标值, 分值
ROWS = [["产出指标", "数量指标", "养护里程", "≥120公里", 30],
        [None, "时效指标", "完成时限", "2024年11月底前", 10],
        [None, "成本指标", "每公里养护成本", "≤1.5万元", 20],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善", 20],
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "90%", 20]]


def target_form(folder, rows=ROWS, title_year="（2024年度）", goal="完成乡村道路养护120公里，优良路率不低于80%",
                total=100):
    folder.mkdir(parents=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "目标表"
    for row in [["项目支出绩效目标表"], [title_year], ["项目名称", "乡村道路养护"],
                ["主管部门", "某县交通运输局", None, "实施单位", "某县公路事务中心"],
                ["年度总体目标", goal], ["一级指标", "二级指标", "三级指标", "指标值", "分值"], *rows,
                ["总分", None, None, None, total]]:
        sheet.append(row)
    workbook.save(folder / "目标表.xlsx")
    (folder / "case.yaml").write_text("case: road\nyear: 2024\nscheme: self-evaluation\nproject: 乡村道路养护\n",
                                      encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def road(tmp_path_factory, rulebook):
    folder = target_form(tmp_path_factory.mktemp("targets") / "road" / "2024")
    return folder, check_case(folder, rulebook)


FINDINGS_ZH = [
    " 1. target-output-kinds: 产出指标中没有质量指标（二级指标）。",
    "    建议: 按财预〔2021〕101号在产出指标下设置数量、质量、时效和成本指标（确不适用的，说明理由）。",
    "    依据: 财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）：产出指标一般包括数量、质量、"
    "时效和成本指标；成本指标原则上应当设置",
    "    证据: 目标表.xlsx[目标表] 第 7–12 行",
]


def test_the_text_summary_says_it_is_a_target_setting_review(road):
    _, result = road
    lines = text.render(result, Settings()).splitlines()
    assert lines[:13] == [
        "乡村道路养护  (road 2024)",
        "评价方案 scheme: 项目支出绩效目标表审核（财预〔2021〕101号） (target-setting)",
        "绩效目标表审核 target-setting review: 不计分（只有指标值和分值，没有实际完成值），无总分和等级 not scored: no total, no grade",
        "",
        "指标 indicator               分值  指标值 target",
        "B1 养护里程                    30  ≥120公里",
        "B2 完成时限                    10  2024年11月底前",
        "B3 每公里养护成本              20  ≤1.5万元",
        "C1 群众出行条件                20  明显改善",
        "D1 沿线群众满意度              20  90%",
        "分值合计 weights in all       100",
        "",
        "审核意见 review findings: 3",
    ]
    assert lines[13:17] == FINDINGS_ZH
    body = "\n".join(lines)
    for word in ("总分 total:", "等级 grade:", "暂定", "/ 100", "资料清单", "实际完成值（outcomes）", "失分"):
        assert word not in body


def test_the_text_summary_in_english(road):
    _, result = road
    lines = text.render(result, Settings(lang="en")).splitlines()
    assert lines[:4] == ["乡村道路养护  (road 2024)",
                         "scheme: 项目支出绩效目标表审核（财预〔2021〕101号） (target-setting)",
                         "target-setting review: not scored (targets and weights, no actual values): no total, no grade",
                         ""]
    assert lines[4] == "indicator            weight  target"
    assert lines[10:13] == ["weights in all          100", "", "review findings: 3"]
    assert lines[13] == " 1. target-output-kinds: 产出指标中没有质量指标（二级指标）。"
    assert "provisional" not in "\n".join(lines) and "grade" not in "\n".join(lines[3:])


def test_json_has_no_total_and_no_grade(road, capsys):
    folder, _ = road
    assert main(["check", str(folder), "--no-write", "-o", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["scheme"], data["total"], data["grade"], data["provisional"], data["form_kind"]) == (
        "target-setting", None, None, False, "target_setting")
    assert [i["id"] for i in data["indicators"]] == ["T"]
    assert [(f["rule"], f["kind"]) for f in data["findings"]] == [
        ("target-output-kinds", "review"), ("target-unmeasurable", "review"), ("target-without-direction", "review")]
    assert {f["deduction"] for f in data["findings"]} == {0.0}


def test_explain_says_nothing_is_scored(road):
    _, result = road
    zh = explain.render(result, Settings()).splitlines()
    assert zh[:4] == ["指标工作底稿 — road 2024，评价方案 target-setting",
                      "绩效目标表审核：不计分，无总分和等级（表中只有指标值和分值，没有实际完成值）", "",
                      "T 绩效目标表审核（不计分）"]
    assert not [line for line in zh if line.lstrip().startswith("得分：")]
    en = explain.render(result, Settings(lang="en")).splitlines()
    assert en[1] == ("target-setting review: not scored, no total and no grade (the form holds targets and weights, "
                     "no actual values)")
    assert not [line for line in en if line.lstrip().startswith("score:")]


def test_the_review_sheet_lists_targets_and_weights(road):
    _, result = road
    section = review_section(result, labels.get("zh"))
    assert section[:14] == [
        "## 绩效目标表审核意见", "",
        "本表为绩效目标表：只有指标值和分值，没有实际完成值，不计分、不评级。以下逐项列出指标值和分值，审核意见说明目标设置中需要更正之处。", "",
        "| 编号 | 指标 | 分值 | 指标值 |", "|---|---|---:|---|",
        "| B1 | 养护里程 | 30 | ≥120公里 |", "| B2 | 完成时限 | 10 | 2024年11月底前 |",
        "| B3 | 每公里养护成本 | 20 | ≤1.5万元 |", "| C1 | 群众出行条件 | 20 | 明显改善 |",
        "| D1 | 沿线群众满意度 | 20 | 90% |", "| **分值合计** |  | **100** |  |", "", "### 审核意见及更正要求"]
    assert section[15] == ("1. 产出指标中没有质量指标（二级指标）。 更正：按财预〔2021〕101号在产出指标下设置数量、质量、时效和成本指标"
                           "（确不适用的，说明理由）。（位置：目标表.xlsx[目标表] 第 7–12 行）")
    en = review_section(result, labels.get("en"))
    assert en[0] == "## Review of the target-setting form"
    assert en[4] == "| Code | Indicator | Weight | Target |"


def test_the_workbook_has_no_total_and_its_review_sheet_the_targets(road):
    _, result = road
    book = openpyxl.load_workbook(io.BytesIO(xlsx.render(result, Settings())))
    sheet = [r for r in book["评分表 scores"].iter_rows(values_only=True)]
    assert sheet[-1][:2] == ("注意 note", "绩效目标表审核：不计分，无总分和等级；审核意见 3 条。")
    assert not [r for r in sheet if r[0] in ("总分 total", "等级 grade")]
    review = [r for r in book["复核意见 review"].iter_rows(values_only=True)]
    assert [r[:4] for r in review[:8]] == [
        ("编号 code", "指标 indicator", "分值 weight", "指标值 target"), ("B1", "养护里程", 30, "≥120公里"),
        ("B2", "完成时限", 10, "2024年11月底前"), ("B3", "每公里养护成本", 20, "≤1.5万元"),
        ("C1", "群众出行条件", 20, "明显改善"), ("D1", "沿线群众满意度", 20, "90%"),
        ("分值合计 weights in all", None, 100, None), ("注意 note", "绩效目标表审核：不计分，无总分和等级；审核意见 3 条。", None, None)]
    assert [r[0] for r in review[-3:]] == ["target-output-kinds", "target-unmeasurable", "target-without-direction"]
    english = openpyxl.load_workbook(io.BytesIO(xlsx.render(result, Settings(lang="en"))))
    assert [r for r in english["评分表 scores"].iter_rows(values_only=True)][-1][1] == (
        "Target-setting review: not scored, no total and no grade; 3 review finding(s).")


def test_scores_csv_has_no_total_row(road):
    _, result = road
    assert scores.render(result, Settings()).splitlines() == [
        "指标代码,指标名称,级次,上级指标,权重,得分,扣分,暂定", "T,绩效目标表审核（不计分）,1,,0,不计分,,否"]


def test_the_word_report_reviews_the_targets(road):
    _, result = road
    for lang, heading, caption, conclusion, absent in (
            ("zh", "（二）绩效目标表审核意见", "表 3-2 乡村道路养护绩效目标表指标值与分值",
             "本表为绩效目标表，只有指标值和分值，没有实际完成值：只审核目标设置，不计分，无总分和等级。", "项目总体得分"),
            ("en", "(2) Review of the target-setting form", "Table 3-2 Targets and weights of 乡村道路养护",
             "This is a target-setting form: targets and weights, no actual values. Its targets are reviewed; nothing is "
             "scored, and there is no total and no grade.", "overall score")):
        document = Document(io.BytesIO(docx.render(result, Settings(lang=lang))))
        paragraphs = paragraph_texts(document)
        assert heading in paragraphs and caption in paragraphs and conclusion in paragraphs
        assert not [p for p in paragraphs if absent in p]
        [table] = [t for t in document.tables if t.rows[0].cells[-1].text in ("指标值", "Target")]
        assert [[c.text for c in row.cells] for row in table.rows][1] == ["B1", "养护里程", "30", "≥120公里"]
        assert [c.text for c in table.rows[-1].cells][2] == "100"


def test_a_batch_row_has_no_score_and_names_the_review(road, rulebook):
    folder, result = road
    row = summary_row(folder, result, rulebook)
    assert (row["scheme"], row["total"], row["grade"], row["provisional"], row["self_reported"], row["recomputed"],
            row["gap"], row["findings"], row["cannot_assess"]) == (
        "target-setting", None, "", False, None, None, None, 3, 0)
    assert (row["kind:target-unmeasurable"], row["kind:form-unmeasurable-target"]) == (1, 0)
    assert form_totals(result) == (None, None, None)
    assert row_line(row, "zh") == f"  road{' ' * 24} 2024  target-setting{' ' * 12} 绩效目标表审核（不计分） 3 条审核意见"
    assert row_line(row, "en") == (f"  road{' ' * 24} 2024  target-setting{' ' * 12} target-setting review (not scored) "
                                   "3 review findings")
    assert run_lines([CaseRun(folder, result)], "zh")[1] == row_line(row, "zh")


def test_a_batch_of_a_target_setting_form_and_a_self_evaluation_form(tmp_path, capsys, rulebook):
    """The portfolio: the target-setting form's row empty where a score would be; the overview
    gives its scheme no total."""
    target_form(tmp_path / "forms" / "road" / "2024")
    other = tmp_path / "forms" / "jishan"
    import shutil
    from conftest import FACTS
    shutil.copytree(FACTS / "form-jishan-medical-insurance", other)
    out = tmp_path / "out"
    assert main(["check", str(tmp_path / "forms"), "--out", str(out), "--jobs", "2", "--summary-only"]) == 0
    rows = (out / "portfolio.csv").read_text(encoding="utf-8-sig").splitlines()
    header = rows[0].split(",")
    road = dict(zip(header, rows[[r.split(",")[0] for r in rows].index("road")].split(",")))
    assert {k: road[k] for k in ("scheme", "total", "grade", "provisional", "self_reported", "recomputed", "gap",
                                 "findings")} == {
        "scheme": "target-setting", "total": "", "grade": "", "provisional": "False", "self_reported": "",
        "recomputed": "", "gap": "", "findings": "3"}


def test_each_kind_of_target_setting_slip_is_found(tmp_path, rulebook):
    """A form without its year or goal, a target without a unit, a row without a weight, a
    misfiled execution rate, weights that do not add up to the first-level subtotal or the total;
    then a form of 2024 with a row of 2023 and a goal of 2023."""
    rows = [["产出指标(50分)", "数量指标", "养护里程", "≥120", 30],
            [None, "质量指标", "优良路率", "≥80%", 10],
            [None, "时效指标", "资金支付完成率", "≥100%", None],
            [None, "成本指标", "每公里养护成本", "≤1.5万元", 20],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", 20]]
    result = check_case(target_form(tmp_path / "a" / "2024", rows=rows, title_year="", goal=None), rulebook)
    assert [(f.rule, f.text) for f in result.findings] == [
        ("form-indicator-misfiled", "“资金支付完成率”（B3）列在“产出指标(50分)／时效指标”下，但其名称表明它是预算执行类指标。"),
        ("target-form-year", "绩效目标表的标题未写明所属年度（“（××××年度）”），其目标属于哪一年不明。"),
        ("target-goal-not-stated", "年度总体目标未写明：栏目空白，或保留了模板的填报说明文字。"),
        ("target-group-points", "一级指标“产出指标(50分)”注明 50 分，其下各指标分值合计 60 分。"),
        ("target-row-without-weight", "有 1 个指标未设分值（B3）：年终自评时无从计分。"),
        ("target-weights-add-up", "各项分值合计 80，与总分所列分值 100 不符。"),
        ("target-without-unit", "“养护里程”（B1）：指标值“≥120”只有数值，未写明计量单位。"),
    ]
    rows = [["产出指标", "数量指标", "养护里程", "≥120公里", 30], [None, "质量指标", "2023年优良路率", "≥80%", 10],
            [None, "时效指标", "完成时限", "2024年11月底前", 10], [None, "成本指标", "每公里养护成本", "≤1.5万元", 20],
            ["效益指标", "社会效益指标", "群众出行时间缩短", "≥10分钟", 10],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", 20]]
    result = check_case(target_form(tmp_path / "b" / "2024", rows=rows, goal="2023年完成乡村道路养护120公里"), rulebook)
    assert [(f.rule, f.text) for f in result.findings] == [
        ("target-goal-year", "项目名称或年度总体目标写的是 2023 年，而表为 2024 年度。"),
        ("target-year-elsewhere", "“2023年优良路率”（B2）：指标或指标值写的是 2023 年，而表为 2024 年度。"),
    ]


def test_a_target_setting_scheme_must_review_and_be_named_by_a_form_scheme(rules_dir):
    """lint refuses `target_setting:` naming a scheme that scores rows, and one outside a form scheme."""
    from jixiao.check.rulebook import load_rulebook
    from jixiao.model.problems import InputError

    scheme = rules_dir / "schemes" / "self-evaluation.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("target_setting: target-setting",
                                                                 "target_setting: school-renovation"), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_rulebook(rules_dir)
    assert [p.render("zh") for p in refused.value.problems] == [
        f"{scheme}:27 [target_setting]：“target_setting”应为审核绩效目标表的方案（form 中不列计分方法）；"
        "填写的是 'school-renovation'；可填：target-setting"]
    other = rules_dir / "schemes" / "school-renovation.yaml"
    other.write_text("target_setting: target-setting\n" + other.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_rulebook(rules_dir)
    assert f"{other}:1 [target_setting]：“target_setting”写在自评表方案（有 form）中，值为审核绩效目标表的方案编号" \
        in [p.render("zh").split("；")[0] for p in refused.value.problems]


def test_a_self_evaluation_form_in_a_folder_of_the_target_setting_scheme_is_refused(tmp_path, rulebook):
    folder = target_form(tmp_path / "road" / "2024")
    (folder / "case.yaml").write_text("case: road\nyear: 2024\nscheme: target-setting\nproject: 乡村道路养护\n",
                                      encoding="utf-8")
    assert check_case(folder, rulebook).scheme.id == "target-setting"  # its own scheme reviews a 绩效目标表
    from conftest import FACTS
    import shutil
    jishan = tmp_path / "jishan" / "2020"
    shutil.copytree(FACTS / "form-jishan-medical-insurance" / "2020", jishan)
    manifest = jishan / "case.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("scheme: self-evaluation", "scheme: target-setting"),
                        encoding="utf-8")
    from jixiao.model.problems import InputError
    with pytest.raises(InputError) as refused:
        check_case(jishan, rulebook)
    assert [p.render("zh") for p in refused.value.problems] == [
        "form.xlsx[自评表] [form_header]：方案 target-setting 审核绩效目标表：本表是自评表；填写的是 'self_evaluation'；可填：target_setting"]


def test_the_word_report_s_method_section_reviews_and_does_not_grade(road):
    """二、绩效评价工作情况 of a target-setting form: what was reviewed and against what, no
    100-point total, no grade bands, no 暂定 (it said 评价等级按总分划分 and 满分 100 分)."""
    _, result = road
    for lang, system, graded, absent in (
            ("zh", "本次审核采用《项目支出绩效目标表审核（财预〔2021〕101号）》，对象为项目的绩效目标表（5 项指标，各有指标值和分值）。",
             "本表为绩效目标表，不计分，不评定等级。", ("满分", "评价等级按总分划分", "暂定")),
            ("en", "The review uses 《项目支出绩效目标表审核（财预〔2021〕101号）》 on the project's target-setting form "
                   "(5 indicators, each with its target and weight).",
             "This is a target-setting form: it is not scored and not graded.", ("Grades by total", "provisional"))):
        paragraphs = paragraph_texts(Document(io.BytesIO(docx.render(result, Settings(lang=lang)))))
        assert system in paragraphs and graded in paragraphs
        assert [p for p in paragraphs if any(word in p for word in absent)] == []
