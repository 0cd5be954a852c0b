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
    ("市口岸办向主运维商拨付运维补贴资金按批次", "disbursements"), ("实际绩效表", "outcomes"), ("实际绩效", "outcomes"),
    ("绩效目标", "targets"), ("基础数据", None),
])
def test_a_misnamed_sheet_says_which_table_it_likely_means(rulebook, sheet, meant):
    assert meant_table(sheet, rulebook.schemas) == meant
