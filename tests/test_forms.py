"""Self-evaluation forms (项目支出绩效自评表): read from .xlsx with their layout (merged cells, the
national layout and two provincial variants), targets parsed, the scheme built from each form's
own weights and scored with rules/methods/, and the review rules (rules/form-review/). The real
published forms bundled under facts/form-*/ are golden cases: exact recomputed scores and findings."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.lang.targets import parse_target
from jixiao.model.problems import InputError

from conftest import FACTS, ROOT
from forms.make_forms import BUNDLED, write

YONGDE = FACTS / "form-yongde-nutrition" / "2022"
JISHAN = FACTS / "form-jishan-medical-insurance" / "2020"
TIANCHANG = FACTS / "form-tianchang-flood-drought" / "2022"
SHIDIAN = FACTS / "form-shidian-agri-entities" / "2019"


def scores(result) -> dict[str, Decimal | None]:
    return {row.id: row.score for row in result.scores.rows}


def findings(result) -> list[tuple[str, str]]:
    return [(f.rule, f.indicator) for f in result.findings]


# -- targets as typed ------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, direction, value, unit", [
    ("≥50个", "quantitative", "at_least", Decimal(50), "个"),
    ("≤90万元", "quantitative", "at_most", Decimal(90), "万元"),
    ("=100%", "quantitative", "equal", Decimal(1), "比例"),
    ("100%", "quantitative", "none", Decimal(1), "比例"),
    ("≧95%", "quantitative", "at_least", Decimal("0.95"), "比例"),
    ("═100%", "quantitative", "equal", Decimal(1), "比例"),
    ("≥100百分比", "quantitative", "at_least", Decimal(1), "比例"),
    ("≥204.46平方米", "quantitative", "at_least", Decimal("204.46"), "平方米"),
    ("2023年12月底前", "date", "at_most", Decimal(20231231), "日期"),
    ("2023年10月", "date", "at_most", Decimal(20231031), "日期"),
    ("效果明显", "qualitative", "none", None, ""),
    ("严格执行相关制度规定", "qualitative", "none", None, ""),
    ("/", "not_applicable", "none", None, ""),
    (None, "blank", "none", None, ""),
])
def test_targets_as_typed(text, kind, direction, value, unit):
    target = parse_target(text)
    assert (target.kind, target.direction, target.value, target.unit) == (kind, direction, value, unit)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False), st.sampled_from(["个", "万元", "人次", "米"]),
       st.sampled_from([("≥", "at_least"), ("≤", "at_most"), ("=", "equal"), ("≧", "at_least"), ("", "none")]))
def test_a_number_with_a_unit_reads_back(number, unit, sign):
    target = parse_target(f"{sign[0]}{number}{unit}")
    assert (target.kind, target.direction, target.value, target.unit) == ("quantitative", sign[1], number, unit)


# -- reading the form -----------------------------------------------------------------------

def test_bundled_workbooks_are_the_transcriptions(tmp_path):
    """Each bundled form.xlsx holds exactly what tests/forms/make_forms.py writes from its transcription."""
    for name, (folder, layout) in BUNDLED.items():
        fresh = write(name, layout, tmp_path / f"{name}.xlsx")
        ours, theirs = openpyxl.load_workbook(fresh).active, openpyxl.load_workbook(ROOT / folder / "form.xlsx").active
        assert [[c.value for c in row] for row in ours.iter_rows()] == [[c.value for c in row] for row in theirs.iter_rows()]
        assert sorted(map(str, ours.merged_cells.ranges)) == sorted(map(str, theirs.merged_cells.ranges))


def test_the_national_layout_read_with_its_merged_cells(rulebook):
    result = check_case(JISHAN, rulebook)
    header = result.tables["form_header"][0].values
    assert (header["layout"], header["year"], header["project"], header["department"], header["implementing_unit"]) == (
        "national", 2020, "建档立卡个人缴费县级配套资金", "稷山县医疗保障局", "稷山县医疗保险服务中心")
    assert (header["total_points"], header["total_score"]) == (100, 94)
    funds = {r.values["row_kind"]: dict(r.values) for r in result.tables["form_funds"]}
    assert funds["total"] == {"form": "form", "row_kind": "total", "row_label": "年度资金总额",
                              "full_year_budget": Decimal("65.66"), "executed": Decimal("65.07"), "points": 10,
                              "rate": Decimal("0.99"), "score": 9}
    rows = {r.values["code"]: r.values for r in result.tables["form_rows"]}
    # the 一级指标 merged over four rows applies to each
    assert [rows[c]["level1"] for c in ("B1", "B2", "B3", "B4")] == ["产出指标 (50分)"] * 4
    assert (rows["B1"]["target_value"], rows["B1"]["actual_value"], rows["B1"]["attainment"].quantize(Decimal("0.0001"))) \
        == (8755, 8676, Decimal("0.9910"))


def test_the_yunnan_split_layout(rulebook):
    result = check_case(YONGDE, rulebook)
    header = result.tables["form_header"][0].values
    assert (header["layout"], header["amount_unit"], header["grade"]) == ("yunnan-split", "元", "优")
    rows = {r.values["code"]: r.values for r in result.tables["form_rows"]}
    assert (rows["B1"]["target"], rows["B1"]["direction"], rows["B1"]["target_unit"]) == ("≧735人次", "at_least", "人次")
    assert (rows["C2"]["target"], rows["C2"]["direction"], rows["C2"]["actual_value"]) == ("═100%", "equal", Decimal("0.98"))
    assert rows["C1"]["target_kind"] == "qualitative"
    assert "points" not in rows["C3"] and rows["C3"]["level2"] == "生态效益指标"  # the empty template row, kept


def test_the_hubei_layout_execution_20_without_a_weight_column(rulebook):
    result = check_case(SHIDIAN, rulebook)
    header = result.tables["form_header"][0].values
    assert (header["layout"], header["execution_points"], header["total_score"]) == ("hubei-execution-20", 20,
                                                                                      Decimal("71.7"))
    assert "year" not in header  # the form names no year
    assert [r.values.get("points") for r in result.tables["form_indicators"]] == [None] * 5
    assert scores(result) == {"A": Decimal("2.89"), "X": None, "R": 0}
    assert (result.scores.total, result.scores.provisional, result.scores.grade) == (Decimal("2.89"), True, "差～良")
    assert [c.indicator for c in result.cannot_assess] == ["X"]  # 80 points the form gives no row weights for
    assert findings(result) == [("rate-times-weight@A", "A"), ("form-execution-rate-printed", "R"),
                                ("form-row-without-weight", "R")] + [("form-target-without-direction", "R")] * 5


def test_an_unknown_layout_is_refused_with_its_reason(tmp_path, rulebook):
    folder = tmp_path / "case" / "2020"
    shutil.copytree(JISHAN, folder)
    workbook = openpyxl.load_workbook(folder / "form.xlsx")
    sheet = workbook.active
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "全年预算数":
                cell.value = "调整后预算数"
    workbook.save(folder / "form.xlsx")
    with pytest.raises(InputError) as error:
        check_case(folder, rulebook)
    [problem] = error.value.problems
    assert problem.file == "form.xlsx[自评表]"
    assert problem.message.startswith("a form of unknown layout: the nearest layout, national")
    assert problem.message.endswith("needs the labels 全年预算数, which the sheet does not hold")
    assert problem.zh.startswith("无法识别的表样：最接近的表样 national")
    assert problem.zh.endswith("需要标签 全年预算数，本工作表中没有")


def test_an_unreadable_cell_is_named_by_sheet_and_cell(tmp_path, capsys):
    folder = tmp_path / "case" / "2020"
    shutil.copytree(JISHAN, folder)
    workbook = openpyxl.load_workbook(folder / "form.xlsx")
    workbook.active["G13"] = "十五"  # the 分值 of the first indicator, in words
    workbook.save(folder / "form.xlsx")
    assert main(["check", str(folder), "--no-write", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "form.xlsx[自评表]!G13 [分值（points）]: number expected" in err and "'十五'" in err


def test_the_same_form_as_yaml_tables_gives_the_same_result(tmp_path, rulebook):
    from_xlsx = check_case(JISHAN, rulebook)
    folder = tmp_path / "jishan" / "2020"
    folder.mkdir(parents=True)
    shutil.copy(JISHAN / "case.yaml", folder / "case.yaml")
    for table in ("form_header", "form_funds", "form_indicators"):
        rows = [{k: str(v) for k, v in r.values.items()} for r in from_xlsx.tables[table]]
        (folder / f"{table}.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    from_yaml = check_case(folder, rulebook)
    assert scores(from_yaml) == scores(from_xlsx)
    assert [(f.rule, f.indicator, f.text) for f in from_yaml.findings] == \
        [(f.rule, f.indicator, f.text) for f in from_xlsx.findings]


def test_several_forms_in_one_folder_are_read_and_refused_for_one_score(tmp_path, rulebook):
    folder = tmp_path / "two" / "2022"
    shutil.copytree(YONGDE, folder)
    shutil.copy(TIANCHANG / "form.xlsx", folder / "天长.xlsx")
    with pytest.raises(InputError) as error:
        check_case(folder, rulebook)
    [problem] = error.value.problems
    assert "forms found: form, 天长" in problem.message


# -- golden: the real published forms -------------------------------------------------------

def test_golden_yongde_2022(rulebook):
    result = check_case(YONGDE, rulebook)
    assert scores(result) == {"A": 10, "B": 40, "B1": 10, "B2": 10, "B3": 10, "B4": 10, "C": Decimal("19.8"),
                              "C1": None, "C2": Decimal("9.8"), "C4": 10, "D": 20, "D1": 10, "D2": 10, "R": 0}
    assert (result.scores.total, result.scores.provisional, result.scores.grade) == (Decimal("89.8"), True, "良～优")
    assert findings(result) == [("attainment@C2", "C2"), ("form-missed-target-no-reason", "R"),
                                ("form-score-follows-target", "R"), ("form-score-follows-target", "R"),
                                ("form-unmeasurable-target", "R")]
    texts = [f.text for f in result.findings if f.rule == "form-score-follows-target"]
    assert texts == ["“资金到位及时率”（B3）：年度指标值 ≧100%，实际完成值 100%，完成程度 100%，分值 10，按完成程度应得 10.00 分，自评得分 7。",
                     "“政策知晓率”（C2）：年度指标值 ═100%，实际完成值 98%，完成程度 98%，分值 10，按完成程度应得 9.80 分，自评得分 9。"]
    assert [c.indicator for c in result.cannot_assess] == ["C1"]


def test_golden_jishan_2020(rulebook):
    result = check_case(JISHAN, rulebook)
    assert scores(result) == {"A": Decimal("9.91"), "B": Decimal("49.86"), "B1": Decimal("14.86"), "B2": 15, "B3": 10,
                              "B4": 10, "C": 30, "C1": 30, "D": 10, "D1": 10, "R": 0}
    assert (result.scores.total, result.scores.provisional, result.scores.grade) == (Decimal("99.77"), False, "优")
    assert findings(result) == [("rate-times-weight@A", "A"), ("attainment@B1", "B1"), ("form-execution-score", "R"),
                                ("form-score-follows-target", "R"), ("form-score-follows-target", "R"),
                                ("form-score-follows-target", "R")] + [("form-target-without-direction", "R")] * 6 \
        + [("form-total-is-sum", "R")] + [("form-yes-no-as-percentage", "R")] * 4
    assert [f.text for f in result.findings if f.rule == "form-total-is-sum"] == ["总分得分 94 与各项得分合计 93 不符。"]


def test_golden_tianchang_2022(rulebook):
    result = check_case(TIANCHANG, rulebook)
    assert scores(result) == {"A": 10, "B": 20, "B1": 10, "B2": 10, "B4": None, "B6": None, "B8": None, "C": None,
                              "C1": None, "C3": None, "C7": None, "D": 10, "D1": 10, "R": 0}
    assert (result.scores.total, result.scores.provisional) == (Decimal(40), True)
    unmeasurable = [f.text.split("（")[1][:2] for f in result.findings if f.rule == "form-unmeasurable-target"]
    assert unmeasurable == ["B4", "B6", "B8", "C1", "C3", "C7"]
    assert [f.rule for f in result.findings] == ["form-indicator-misfiled"] * 2 + ["form-target-without-direction"] * 3 \
        + ["form-template-rows"] + ["form-unmeasurable-target"] * 6
    assert [f.text for f in result.findings if f.rule == "form-indicator-misfiled"][0] == \
        "“指标1:年度资金支付完成率100%”（B6）列在“(50分)／时效指标”下，但其名称表明它是预算执行类指标。"
    [template] = [f for f in result.findings if f.rule == "form-template-rows"]
    assert template.text == "模板占位行未删除或未填写（9 行）：B3、B5、B7、B9、C2、C4、C6、C8、D2。"


def test_check_writes_the_reports_of_a_form(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["check", str(JISHAN), "--out", str(out), "-q"]) == 0
    folder = out / "form-jishan-medical-insurance" / "2020"
    assert sorted(p.name for p in folder.iterdir()) == ["findings.json", "manifest.json", "report.docx", "report.html",
                                                       "report.md", "report.xlsx", "scores.csv"]
    result = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
    assert (result["total"], result["grade"]) == (99.77, "优")
    assert "对照：自评表所填总分为 94 分" in (folder / "report.md").read_text(encoding="utf-8")


def test_a_target_setting_form_is_read_and_checked(tmp_path, rulebook):
    """绩效目标表: the indicator rows with targets and weights, no actuals: read, and reviewed with
    the scheme target-setting (rules/schemes/self-evaluation.yaml target_setting): nothing scored
    (its only leaf is the review's, weight 0), no leaf asks for an actual value, and its findings
    say what target setting requires (it was scored 0 / 100, 差～优（暂定）, each row 无法评价)."""
    folder = tmp_path / "road" / "2024"
    folder.mkdir(parents=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "目标表"
    for row in [["项目支出绩效目标表"], ["（2024年度）"], ["项目名称", "乡村道路养护"],
                ["主管部门", "某县交通运输局", None, "实施单位", "某县公路事务中心"],
                ["年度总体目标", "完成乡村道路养护120公里，优良路率不低于80%"],
                ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
                ["产出指标", "数量指标", "养护里程", "≥120公里", 30],
                [None, "时效指标", "完成时限", "2024年11月底前", 10],
                [None, "成本指标", "每公里养护成本", "≤1.5万元", 20],
                ["效益指标", "社会效益指标", "群众出行条件", "明显改善", 20],
                ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "90%", 20],
                ["总分", None, None, None, 100]]:
        sheet.append(row)
    workbook.save(folder / "目标表.xlsx")
    (folder / "case.yaml").write_text("case: road\nyear: 2024\nscheme: self-evaluation\nproject: 乡村道路养护\n",
                                      encoding="utf-8")
    result = check_case(folder, rulebook)
    header = result.tables["form_header"][0].values
    assert (header["kind"], header["layout"], header["year"], header["goal_expected"], header["total_points"]) == (
        "target_setting", "target-setting", 2024, "完成乡村道路养护120公里，优良路率不低于80%", 100)
    rows = {r.values["code"]: r.values for r in result.tables["form_rows"]}
    assert rows["B2"]["level1"] == "产出指标"  # a blank 一级 cell repeats the one above
    assert (rows["B2"]["target_kind"], rows["B2"]["target_value"]) == ("date", 20241130)
    assert result.scheme.id == "target-setting"
    assert scores(result) == {"T": 0}
    assert (result.scores.provisional, result.cannot_assess, result.scores.unassessed) == (False, (), [])
    assert [(f.rule, f.indicator, f.text) for f in result.findings] == [
        ("target-output-kinds", "T", "产出指标中没有质量指标（二级指标）。"),
        ("target-unmeasurable", "T", "“群众出行条件”（C1）：指标值“明显改善”无法衡量（非数值目标或未填写），年终自评时无法据以判断是否完成。"),
        ("target-without-direction", "T", "“沿线群众满意度”（D1）：指标值“90%”未写明方向（≥ / ≤ / =），是下限、上限还是须恰好达到不明。")]
