"""The portfolio summary as an HTML page and an Excel workbook: the overview (totals and
grades per scheme, findings per rule family), then one row per case."""

from __future__ import annotations

import io
import math
from decimal import Decimal
from html import escape

import openpyxl

from ..report.html import STYLE
from ..report.xlsx import _reproducible
from . import overview as portfolio
from .overview import half_up
from .rows import case_table, is_numeric, spreadsheet_number, text

# The overview's column headings, Chinese with English.
HEADINGS = {
    "scheme": "方案 scheme", "cases": "案例 cases", "provisional": "暂定 provisional", "mean": "平均 mean",
    "min": "最低 min", "median": "中位数 median", "max": "最高 max", "grade": "等级 grade", "share": "占比 share",
    "family": "规则类别 family", "cases_with_findings": "有发现的案例 cases with findings",
    "findings": "发现 findings",
}
SECTIONS = (("by_scheme", "总分 totals by scheme (final totals only)"), ("grades", "等级分布 grades"),
            ("by_family", "发现 findings by rule family"))


def overview(rows: list[dict]) -> dict:
    """The three overview tables, each a heading row then rows of typed values: counts (int),
    statistics (Decimal, 2 places half up), a share as text (12.5 %), None where there is none."""
    checked = sum(1 for row in rows if not row.get("error"))
    tables = {}
    for name, _ in SECTIONS:
        frame = getattr(portfolio, name)(rows)
        records = frame.to_dict("records")
        wholes = {}  # what each row's share is of: its scheme's final cases, or every checked case
        for record in records:
            wholes[record.get("scheme")] = wholes.get(record.get("scheme"), 0) + record.get("cases", 0)
        tables[name] = [[HEADINGS[c] for c in frame.columns]] + [
            [_percent(record, checked if name == "by_family" else wholes[record["scheme"]]) if column == "share"
             else _value(value) for column, value in record.items()]
            for record in records]
    return tables


def _percent(record: dict, whole: int) -> str:
    """A share as a percentage, from the counts themselves (not from the rounded ratio: rounding
    twice would move 12.3456 % to 12.4 %)."""
    part = record["cases_with_findings"] if "cases_with_findings" in record else record["cases"]
    return f"{half_up(Decimal(part) * 100 / Decimal(whole), '0.1')} %"


def _value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, str, Decimal)):
        return value
    return int(value)  # pandas' counts (numpy integers)


def _text(value) -> str:
    """How a value of the overview or the case table reads on the page and in the run's summary."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # already rounded half up to 2 places (portfolio/overview.py)
    return str(value)


def overview_lines(tables: dict) -> list[str]:
    """The overview (from `overview`) in a few lines of text, for the end of a batch run."""
    lines = []
    for values in tables["by_scheme"][1:]:
        scheme, cases, provisional, mean, low, median, high = values
        spread = (f"total mean {_text(mean)}, min {_text(low)}, median {_text(median)}, max {_text(high)}"
                  if mean is not None else "no final totals")
        grades = " · ".join(f"{g[1]} {g[2]}" for g in tables["grades"][1:] if g[0] == scheme)
        lines.append(f"{scheme}: {cases} cases ({provisional} provisional); {spread}; {grades}")
    families = ", ".join(f"{f[0]} {f[1]} ({f[2]})" for f in tables["by_family"][1:])
    if families:
        lines.append(f"cases with findings, by rule family: {families}")
    return lines


# The overview's columns that hold numbers, by heading.
_NUMERIC_HEADINGS = {HEADINGS[c] for c in ("cases", "provisional", "mean", "min", "median", "max",
                                           "cases_with_findings", "findings")}


def _table(header: list[str], rows: list[list], shown) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in header)
    body = "\n".join("<tr>" + "".join(f"<td>{escape(shown(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def html(rows: list[dict], tables: dict, title: str = "项目组合评价汇总 portfolio") -> str:
    """Written directly: a portfolio has thousands of rows, too many to go through Markdown."""
    header, cases = case_table(rows)
    failed = sum(1 for row in rows if row.get("error"))
    sections = "\n".join(f"<h2>{escape(heading)}</h2>\n{_table(tables[name][0], tables[name][1:], _text)}"
                         for name, heading in SECTIONS)
    body = (f"<h1>{escape(title)}</h1>\n<p>{len(cases)} 个案例 cases；{failed} 个无法检查 could not be checked。</p>\n"
            f"{sections}\n<h2>案例 cases</h2>\n{_table(header, cases, text)}")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def xlsx(rows: list[dict], tables: dict) -> bytes:
    """Sheet 汇总 portfolio (one row per case), then 概览 overview; numbers as numbers, so that a
    spreadsheet sums and sorts them."""
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: thousands of cases stay cheap
    sheet = workbook.create_sheet("汇总 portfolio")
    header, cases = case_table(rows)
    sheet.append(header)
    numeric = [is_numeric(column) for column in header]
    for row in cases:
        sheet.append([spreadsheet_number(value) if number and value is not None else text(value)
                      for value, number in zip(row, numeric)])
    sheet = workbook.create_sheet("概览 overview")
    for name, heading in SECTIONS:
        sheet.append([heading])
        header, *values = tables[name]
        sheet.append(header)
        numeric = [column in _NUMERIC_HEADINGS for column in header]
        for row in values:
            sheet.append([spreadsheet_number(value) if number and value is not None else _text(value)
                          for value, number in zip(row, numeric)])
        sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())
