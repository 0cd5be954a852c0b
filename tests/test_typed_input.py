"""What people type into the data-collection workbook (issue 16, the fresh user's review):
Chinese dates, codes the scheme expects, Chinese drop-downs, near-miss headers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.load.cells import ValueProblem, parser
from jixiao.model.tables import Column
from jixiao.model.values import FactDate

DATE = parser(Column("d", "date"))
ZH_DATES = ("日期，如 2024-01-31、2024年1月31日、2024/1/31、2024.1.31；只知月份时写 2024-01、2024年1月、2024年1月底、"
            "2024/1 或 2024.1（按该月最后一天比较）")


@pytest.mark.parametrize("typed, latest, shown", [
    ("2024年1月", "2024-01-31", "2024-01"),  # a month alone: a month, compared as its last day
    ("2024年1月31日", "2024-01-31", "2024-01-31"),
    (" 2024 年 1 月 5 号", "2024-01-05", "2024-01-05"),
    ("2024年1月底", "2024-01-31", "2024-01-31"),  # 月底: the last day itself
    ("2024年2月底前", "2024-02-29", "2024-02-29"),
    ("2024.1", "2024-01-31", "2024-01"),
    ("2024.10", "2024-10-31", "2024-10"),
    ("2024.1.31", "2024-01-31", "2024-01-31"),
    ("2024/1", "2024-01-31", "2024-01"),
    ("2024/1/31", "2024-01-31", "2024-01-31"),
    ("2024-1-5", "2024-01-05", "2024-01-05"),
    ("2017-06", "2017-06-30", "2017-06"),
    ("2017-06-30", "2017-06-30", "2017-06-30"),
])
def test_a_date_typed_the_chinese_way_is_read(typed, latest, shown):
    assert DATE(typed) == FactDate(latest, shown)


@pytest.mark.parametrize("typed, said", [
    ("2024年1月31日前", "应为日期"), ("2024年1月上旬", "应为日期"), ("2024/1-31", "应为日期"),
    ("2024年13月", "没有这个日期"), ("2023年2月29日", "没有这个日期"), ("2024.1.32", "没有这个日期"),
])
def test_a_date_that_cannot_be_read_is_refused_showing_the_forms_that_are(typed, said):
    with pytest.raises(ValueProblem) as caught:
        DATE(typed)
    assert (caught.value.zh, caught.value.allowed_zh) == (said, ZH_DATES)


@pytest.mark.parametrize("number", [2024.1, Decimal("2024.10"), 2024.12])
def test_a_date_excel_stored_as_a_number_is_refused_for_its_month_cannot_be_told(number):
    with pytest.raises(ValueProblem) as caught:
        DATE(number)
    assert caught.value.zh == ("Excel 把它存成了数字：2024.10 会变成 2024.1（一月），无法分辨月份；请将单元格设为文本，"
                               "或写 2024-10")


# ---------------------------------------------------------------- near-miss headers and sheet names

from jixiao.cli.main import main  # noqa: E402
from jixiao.load.case_folder import meant_table  # noqa: E402

from conftest import RULES  # noqa: E402


def header_problem(capsys, case, header: str) -> str:
    path = case / "disbursements.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("paid_amount", header, 1), encoding="utf-8")
    assert main(["check", str(case), "--no-write", "--rules", str(RULES), "--lang", "zh"]) == 2
    return capsys.readouterr().err.splitlines()[1].split("；可填")[0]


@pytest.mark.parametrize("header, meant", [
    ("拨付金額", "实际拨付金额"),  # a traditional character
    ("拨付金", "实际拨付金额"),  # shortened: not 拨付方, the closer spelling
    ("实际拨付金額（万元）", "实际拨付金额"),  # the template's header, with its unit
    ("*实际拨付金(万元)", "实际拨付金额"),  # marked required, half-width brackets
    ("paid_amout", "paid_amount"),
])
def test_a_misspelt_header_says_which_column_it_likely_means(capsys, case_copy, header, meant):
    assert header_problem(capsys, case_copy, header) == (
        f"  disbursements.csv:1 [{header}]：表头中的列名无法识别（是否应为 '{meant}'？）")


@pytest.mark.parametrize("sheet, meant", [
    ("拨付批次", "disbursements"), ("拨付批次表", None), ("disbursement", "disbursements"),
    ("项目单位向主运维商拨付运维补贴资金按批次", "disbursements"), ("实际绩效表", "outcomes"), ("实际绩效", "outcomes"),
    ("绩效目标", "targets"), ("基础数据", None),
])
def test_a_misnamed_sheet_says_which_table_it_likely_means(rulebook, sheet, meant):
    assert meant_table(sheet, rulebook.schemas) == meant


# ---------------------------------------------------------------- the codes a scheme expects; Chinese drop-downs

import io  # noqa: E402
import shutil  # noqa: E402

import openpyxl  # noqa: E402

from jixiao.authoring.workbook_template import template_bytes  # noqa: E402
from jixiao.check.case import check_case  # noqa: E402

from conftest import FACTS  # noqa: E402

SCHOOL_CODES = ["unit_cost", "completed", "accepted", "on_time", "safety", "cost", "budget", "students", "facilities"]
SCHOOL_LEAVES = ["单位面积造价", "工程完工率", "验收合格率", "完成及时率", "安全率", "成本控制率", "预算执行率", "满意度指标",
                 "设施完好率"]


def blank(rulebook, scheme="school-renovation", lang="zh"):
    return openpyxl.load_workbook(io.BytesIO(template_bytes(rulebook, scheme, lang=lang)))


def test_the_blank_workbook_offers_the_codes_the_scheme_expects_with_their_indicators(rulebook):
    book = blank(rulebook)
    guide = list(book["说明"].iter_rows(values_only=True))
    listed = [row[:4] for row in guide if row[0] == "绩效目标" and row[1] == "指标代码"]
    assert listed == [("绩效目标", "指标代码", code, leaf) for code, leaf in zip(SCHOOL_CODES, SCHOOL_LEAVES)]
    assert [row[:4] for row in guide if row[0] == "评价小组核查结论" and row[1] == "问题编号"] == [
        ("评价小组核查结论", "问题编号", "teaching", "教学条件改善")]
    first = next(n for n, row in enumerate(guide, start=1) if row[:2] == ("绩效目标", "指标代码"))
    targets = book["绩效目标"]
    lists = {str(v.sqref): v.formula1 for v in targets.data_validations.dataValidation}
    assert lists == {"A2:A501": f"'说明'!$C${first}:$C${first + 8}", "B2:B501": '"产出,效益"',
                     "D2:D501": '"达到,不超过,高于（不含本数）,低于（不含本数）,较上年提高,较上年降低"'}
    assert targets["A1"].comment.text.splitlines()[1] == "可填：本方案要读取的代码（每个一行，从下拉列表选择）：" + "、".join(
        f"{c}（{n}）" for c, n in zip(SCHOOL_CODES, SCHOOL_LEAVES))


def test_each_sheet_says_what_it_needs_in_its_own_words(rulebook):
    for scheme in ("school-renovation", "shanghai-om-subsidy"):
        needs = [row[4] for row in blank(rulebook, scheme)["说明"].iter_rows(values_only=True)
                 if row[2] and row[4] and row[0] != "工作表" and row[4] != "向项目单位索取"]  # (the fallback)
        assert len(needs) == len(set(needs)), scheme


def test_every_note_of_the_chinese_workbook_is_chinese_and_of_the_english_one_english(rulebook):
    cjk = __import__("re").compile(r"[\u4e00-\u9fff]")
    for lang in ("zh", "en"):
        book = blank(rulebook, "shanghai-om-subsidy", lang)
        for sheet in book.worksheets[1:]:
            for cell in sheet[1]:
                # each line after the column's own name: Chinese; English ones in English (the Chinese words as typed)
                for line in cell.comment.text.splitlines()[1:]:
                    label = line.split("：" if lang == "zh" else ":")[0]
                    assert (bool(cjk.search(label)) if lang == "zh" else not cjk.search(label)), (sheet.title, line)
    en = blank(rulebook, "shanghai-om-subsidy", "en")
    assert en["说明"]["A1"].value == "Data-collection workbook: how to fill it in"
    overpaid = en["项目单位向主运维商拨付运维补贴资金，按批次"]["M1"].comment.text
    assert overpaid.splitlines()[1] == "Allowed: 是 / 否 / 部分 (yes / no / partial, from the drop-down list)"


def test_chinese_words_of_allowed_values_are_read_as_their_codes(tmp_path, rulebook):
    case = tmp_path / "school" / "2023"
    shutil.copytree(FACTS / "school-renovation" / "2023", case)
    before = check_case(case, rulebook)
    path = case / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: output", "kind: 产出").replace("direction: at_least", "direction: 达到")
                    .replace("direction: at_most", "direction: 不超过"), encoding="utf-8")
    after = check_case(case, rulebook)
    assert [row.values["kind"] for row in after.tables["targets"]] == [r.values["kind"] for r in before.tables["targets"]]
    assert (after.scores.total, after.scores.grade) == (before.scores.total, before.scores.grade)


def test_a_row_with_a_code_the_scheme_does_not_look_for_is_noted_with_the_code_it_likely_means(tmp_path, rulebook):
    case = tmp_path / "school" / "2023"
    shutil.copytree(FACTS / "school-renovation" / "2023", case)
    path = case / "outcomes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("metric: completed", "metric: 工程完工率")
                    .replace("metric: accepted", "metric: acceptd"), encoding="utf-8")
    result = check_case(case, rulebook)
    notes = [n for n in result.integrity if n.check == "unknown_code"]
    allowed = "、".join(f"{c}（{n}）" for c, n in zip(SCHOOL_CODES, SCHOOL_LEAVES))
    said = "实际绩效（outcomes）：指标代码（metric） 填的是“{found}”，不是评价方案要读取的代码，该行不会被任何规则读取；" \
           "方案要读取的代码：" + allowed + "；尚缺：completed、accepted（是否应为 {code}，即“{leaf}”？）"
    assert [n.text("zh") for n in notes] == [said.format(found="工程完工率", code="completed", leaf="工程完工率"),
                                             said.format(found="acceptd", code="accepted", leaf="验收合格率")]
    assert [n.evidence() for n in notes] == [[{"file": "outcomes.yaml", "row": 2, "line": 3}],
                                             [{"file": "outcomes.yaml", "row": 3, "line": 4}]]
    assert {"B1", "B2"} <= {r.indicator for r in result.cannot_assess}
