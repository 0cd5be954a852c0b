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
