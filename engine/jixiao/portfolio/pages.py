"""The portfolio summary as an HTML page and an Excel workbook: the overview (totals and
grades per scheme, findings per rule family), then one row per case."""

from __future__ import annotations

import csv
import io
import math
import re
from decimal import Decimal
from html import escape

import openpyxl

from ..report.html import STYLE
from ..report.xlsx import _reproducible
from . import overview as portfolio

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
    """The three overview tables, each as a heading row and value rows of text."""
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
             else _cell(value) for column, value in record.items()]
            for record in records]
    return tables


def _percent(record: dict, whole: int) -> str:
    """A share as a percentage, from the counts themselves (not from the rounded ratio: rounding
    twice would move 12.3456 % to 12.4 %)."""
    from .overview import half_up
    part = record["cases_with_findings"] if "cases_with_findings" in record else record["cases"]
    return f"{half_up(Decimal(part) * 100 / Decimal(whole), '0.1')} %"


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # already rounded half up to 2 places (engine/portfolio.py)
    return str(value)


def overview_lines(tables: dict) -> list[str]:
    """The overview (from `overview`) in a few lines of text, for the end of a batch run."""
    lines = []
    for values in tables["by_scheme"][1:]:
        scheme, cases, provisional, mean, low, median, high = values
        spread = f"total mean {mean}, min {low}, median {median}, max {high}" if mean != "—" else "no final totals"
        grades = " · ".join(f"{g[1]} {g[2]}" for g in tables["grades"][1:] if g[0] == scheme)
        lines.append(f"{scheme}: {cases} cases ({provisional} provisional); {spread}; {grades}")
    families = ", ".join(f"{f[0]} {f[1]} ({f[2]})" for f in tables["by_family"][1:])
    if families:
        lines.append(f"cases with findings, by rule family: {families}")
    return lines


_NUMBER = re.compile(r"-?\d{1,15}(\.\d{1,6})?")
# Columns whose values are numbers (a case id such as 0042 stays text).
NUMERIC = {"year", "total", "findings", "cannot_assess", "integrity", *(HEADINGS[c] for c in (
    "cases", "provisional", "mean", "min", "median", "max", "cases_with_findings", "findings"))}


def _typed_rows(rows: list[list[str]]) -> list[list]:
    """A table's rows with its numeric columns' numbers as numbers: a spreadsheet sums and sorts them."""
    numeric = [name in NUMERIC or name.startswith("family:") for name in rows[0]]
    return [rows[0]] + [[_number(cell) if is_number else cell for cell, is_number in zip(row, numeric)]
                        for row in rows[1:]]


def _number(cell: str):
    if _NUMBER.fullmatch(cell):
        return float(cell) if "." in cell else int(cell)
    return cell


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _table(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in rows[0])
    body = "\n".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def html(portfolio_csv: str, tables: dict, title: str = "项目组合评价汇总 portfolio") -> str:
    """Written directly: a portfolio has thousands of rows, too many to go through Markdown."""
    cases = _rows(portfolio_csv)
    failed = sum(1 for r in cases[1:] if r[cases[0].index("error")])
    sections = "\n".join(f"<h2>{escape(heading)}</h2>\n{_table(tables[name])}" for name, heading in SECTIONS)
    body = (f"<h1>{escape(title)}</h1>\n<p>{len(cases) - 1} 个案例 cases；{failed} 个无法检查 could not be checked。</p>\n"
            f"{sections}\n<h2>案例 cases</h2>\n{_table(cases)}")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def xlsx(portfolio_csv: str, tables: dict) -> bytes:
    """Sheet 汇总 portfolio (one row per case), then 概览 overview."""
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: thousands of cases stay cheap
    sheet = workbook.create_sheet("汇总 portfolio")
    for row in _typed_rows(_rows(portfolio_csv)):
        sheet.append(row)
    sheet = workbook.create_sheet("概览 overview")
    for name, heading in SECTIONS:
        sheet.append([heading])
        for row in _typed_rows(tables[name]):
            sheet.append(row)
        sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())
