"""The year-over-year table agrees with the findings (one source of truth: last year's result,
and where it could not assess a rule, the case's record of last year's problems), lists its rows
by indicator code, and its counts add up."""

from __future__ import annotations

import io
import json
import re

import docx

from jixiao.check.case import check_case
from jixiao.report import render

from conftest import SHANGHAI_2016, SHANGHAI_2017


def _table(report: str) -> list[tuple[str, str, str]]:
    part = report[report.index("### 上年问题整改情况"):report.index("## 四、建议和改进措施")]
    return re.findall(r"^\| (\S+) [^|]* \| ([^|]*) \| ([^|]*) \|$", part, re.M)


def test_b232_is_last_year_s_open_separate_accounting_problem_as_c32_says(rulebook):
    """C32 deducts for the 2016 separate-accounting problem still open; the table said B232
    上年未评价 (2016's check could not assess the rule). It is the same problem: 仍存在."""
    result = check_case(SHANGHAI_2017, rulebook, previous=check_case(SHANGHAI_2016, rulebook))
    assert str(result.scores.total) == "86.74"
    rows = _table(render("markdown", result))
    assert ("B232", "财务未专账核算", "仍存在（上年已发现）") in rows
    assert [r[0] for r in rows] == ["A22", "B11", "B12", "B222", "B232", "B31", "B32", "B332", "B342", "B342",
                                    "C121", "C24", "C25", "C31", "C32"]  # by indicator code
    statuses = [r[2] for r in rows]
    assert (statuses.count("已整改"), statuses.count("仍存在（上年已发现）")) == (1, 2)
    report = render("markdown", result)
    assert ("上表共 15 项：上年发现的问题已整改 1 项；上年发现的问题仍存在 2 项；本年发现、所属指标上年未评价（上年资料不足）"
            "因而无法比对 12 项。") in report
    data = json.loads(render("json", result))
    status = {f["rule"]: f["status"] for f in data["findings"] if f["kind"] == "deduction"}
    assert (status["separate-accounting"], status["record-sample-verification-rule"]) == ("repeated", "repeated")
    word = docx.Document(io.BytesIO(render("docx", result)))
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    repeated = next(row for row in cells if row[0] == "仍存在（上年已发现）")
    assert repeated[1] == "2" and repeated[2].splitlines()[0].startswith("B232 ")
