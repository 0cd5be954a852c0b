"""A portfolio's files: portfolio.csv, .html and .xlsx, from its summary rows (one per case,
jixiao.portfolio.rows) and its overview tables (jixiao.portfolio.pages.overview). The rows keep
their types (a total is a Decimal, a count an int); here is where each is written."""

from __future__ import annotations

import csv as csv_module
import io
from decimal import Decimal
from html import escape

import openpyxl

from .common import overview_text
from .formats import PortfolioSummary, Settings
from .html import STYLE
from .labels import FIXED as L
from .xlsx import reproducible

COLUMNS = ["case", "year", "scheme", "total", "grade", "provisional", "self_reported", "recomputed", "gap", "findings",
           "cannot_assess", "integrity"]
_NUMERIC = {"year", "total", "self_reported", "recomputed", "gap", "findings", "cannot_assess", "integrity"}  # and every family:… count
# The overview's columns that hold numbers, by heading.
_NUMERIC_HEADINGS = {L["overview_columns"][c] for c in ("cases", "provisional", "mean", "min", "median", "max",
                                                        "cases_with_findings", "findings",
                                                        "year", "self_reported", "recomputed", "gap")}


def case_table(rows: list[dict]) -> tuple[list[str], list[list]]:
    """The cases as a table: the column names (families sorted, then error and folder), and one
    list of typed values per case (None where a case has no value)."""
    families = sorted({k for row in rows for k in row if k.startswith("family:")})
    kinds = sorted({k for row in rows for k in row if k.startswith("kind:")})  # self-evaluation forms'
    header = COLUMNS + families + kinds + ["error", "folder"]
    return header, [[row.get(column) if row.get(column) != "" else None for column in header] for row in rows]


def is_numeric(column: str) -> bool:
    """Whether a column of the case table holds numbers (a case id such as 0042 stays text)."""
    return column in _NUMERIC or column.startswith(("family:", "kind:"))


def text(value) -> str:
    """A value of the case table as the CSV and the HTML page show it."""
    return "" if value is None else str(value)


def spreadsheet_number(value):
    """A number as a spreadsheet cell: an int when it is whole as written (86 stays 86), else a
    float (72.35)."""
    if isinstance(value, Decimal):
        written = str(value)
        return float(written) if "." in written or "E" in written.upper() else int(written)
    return int(value) if not isinstance(value, float) else value


def csv(portfolio: PortfolioSummary, settings: Settings) -> str:
    """portfolio.csv's text: the case table, one line per case."""
    header, values = case_table(portfolio.rows)
    buffer = io.StringIO()
    writer = csv_module.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([text(value) for value in row] for row in values)
    return buffer.getvalue()


def _table(header: list[str], rows: list[list], shown) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in header)
    body = "\n".join("<tr>" + "".join(f"<td>{escape(shown(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def html(portfolio: PortfolioSummary, settings: Settings) -> str:
    """Written directly: a portfolio has thousands of rows, too many to go through Markdown."""
    rows, tables, title = portfolio.rows, portfolio.tables, L["portfolio_title"]
    header, cases = case_table(rows)
    failed = sum(1 for row in rows if row.get("error"))
    sections = "\n".join(f"<h2>{escape(heading)}</h2>\n{_table(tables[name][0], tables[name][1:], overview_text)}"
                         for name, heading in L["overview_sections"].items())
    body = (f"<h1>{escape(title)}</h1>\n<p>{L['portfolio_counts'].format(cases=len(cases), failed=failed)}</p>\n"
            f"{sections}\n<h2>{L['portfolio_cases']}</h2>\n{_table(header, cases, text)}")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def xlsx(portfolio: PortfolioSummary, settings: Settings) -> bytes:
    """Sheet 汇总 portfolio (one row per case), then 概览 overview; numbers as numbers, so that a
    spreadsheet sums and sorts them."""
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: thousands of cases stay cheap
    sheet = workbook.create_sheet(L["sheet_portfolio"])
    header, cases = case_table(portfolio.rows)
    sheet.append(header)
    numeric = [is_numeric(column) for column in header]
    for row in cases:
        sheet.append([spreadsheet_number(value) if number and value is not None else text(value)
                      for value, number in zip(row, numeric)])
    sheet = workbook.create_sheet(L["sheet_overview"])
    for name, heading in L["overview_sections"].items():
        sheet.append([heading])
        header, *values = portfolio.tables[name]
        sheet.append(header)
        numeric = [column in _NUMERIC_HEADINGS for column in header]
        for row in values:
            sheet.append([spreadsheet_number(value) if number and value is not None else overview_text(value)
                          for value, number in zip(row, numeric)])
        sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(buffer.getvalue())
