"""A portfolio's files: portfolio.csv, .html and .xlsx, from its summary rows (one per case,
jixiao.portfolio.rows) and its overview tables (jixiao.portfolio.pages.overview). The rows keep
their types (a total is a Decimal, a count an int); here is where each is written.

portfolio.csv is for programs: its header is the columns' codes (case, total, family:budget, …)
and a provisional total is True / False. portfolio.html and .xlsx are for people: their headings
and columns are titled in the settings' language (Chinese by default; a family and a review rule
by their titles), provisional is 是 / 否 (yes / no)."""

from __future__ import annotations

import csv as csv_module
import io
from decimal import Decimal
from html import escape

import openpyxl

from .common import overview_text
from .formats import PortfolioSummary, Settings
from .html import STYLE
from .labels import counted, get
from .portfolio_labels import SECTIONS
from .xlsx import reproducible

COLUMNS = ["case", "year", "scheme", "total", "out_of", "grade", "provisional", "self_reported", "recomputed", "gap", "findings",
           "cannot_assess", "integrity"]
_NUMERIC = {"year", "total", "out_of", "self_reported", "recomputed", "gap", "findings", "cannot_assess", "integrity"}  # and every family:… count
# The overview's columns that hold numbers, by code.
_NUMERIC_OVERVIEW = {"out_of", "cases", "provisional", "mean", "min", "median", "max", "cases_with_findings", "findings",
                     "year", "self_reported", "recomputed", "gap"}


def column_title(column: str, portfolio: PortfolioSummary, lang: str) -> str:
    """A case table's column as people read it, in `lang`: its title, a family's or a review
    rule's by its own (portfolio.titles); a column without one by its code."""
    P = get(lang)["portfolio"]
    if column in P["columns"]:
        return P["columns"][column]
    titles = portfolio.titles.get(column)
    if titles is None:
        return column
    label = P["family_column"] if column.startswith("family:") else P["kind_column"]
    return label.format(title=titles[0] if lang == "zh" else titles[1])


def _shown_value(column: str, value, lang: str):
    """A case table's value as people read it: provisional as 是 / 否 (yes / no)."""
    if column == "provisional" and isinstance(value, bool):
        return get(lang)["portfolio"]["yes" if value else "no"]
    return value


def _overview_value(name: str, column: str, value, portfolio: PortfolioSummary, lang: str):
    """An overview value as people read it: a family or a review rule by its title."""
    key = {("by_family", "family"): "family:", ("by_kind", "kind"): "kind:"}.get((name, column))
    titles = portfolio.titles.get(f"{key}{value}") if key is not None else None
    return value if titles is None else titles[0] if lang == "zh" else titles[1]


def _people_table(portfolio: PortfolioSummary, lang: str) -> tuple[list[str], list[list]]:
    """The case table with titled columns and provisional in words (the page's and workbook's)."""
    header, values = case_table(portfolio.rows)
    return ([column_title(c, portfolio, lang) for c in header],
            [[_shown_value(c, v, lang) for c, v in zip(header, row)] for row in values])


def _overview(portfolio: PortfolioSummary, name: str, lang: str) -> tuple[list[str], list[bool], list[list]]:
    """An overview table titled in `lang`: its headings, which columns hold numbers, its rows."""
    codes, *values = portfolio.tables[name]
    columns = get(lang)["portfolio"]["overview_columns"]
    return ([columns.get(c, c) for c in codes], [c in _NUMERIC_OVERVIEW for c in codes],
            [[_overview_value(name, c, v, portfolio, lang) for c, v in zip(codes, row)] for row in values])


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
    lang = settings.lang
    P = get(lang)["portfolio"]
    title = P["title"]
    header, cases = _people_table(portfolio, lang)
    failed = sum(1 for row in portfolio.rows if row.get("error"))
    sections = []
    for name in SECTIONS:
        headings, _, values = _overview(portfolio, name, lang)
        sections.append(f"<h2>{escape(P['overview_sections'][name])}</h2>\n{_table(headings, values, overview_text)}")
    counts = counted(P["counts"], len(cases)).format(cases=len(cases), failed=failed)
    body = (f"<h1>{escape(title)}</h1>\n<p>{escape(counts)}</p>\n"
            + "\n".join(sections) + f"\n<h2>{escape(P['cases'])}</h2>\n{_table(header, cases, text)}")
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def xlsx(portfolio: PortfolioSummary, settings: Settings) -> bytes:
    """Sheet 汇总 (portfolio; one row per case), then 概览 (overview), titled in the settings'
    language; numbers as numbers, so that a spreadsheet sums and sorts them."""
    P = get(settings.lang)["portfolio"]
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: thousands of cases stay cheap
    sheet = workbook.create_sheet(P["sheet_cases"])
    numeric = [is_numeric(column) for column in case_table(portfolio.rows)[0]]
    header, cases = _people_table(portfolio, settings.lang)
    sheet.append(header)
    for row in cases:
        sheet.append([spreadsheet_number(value) if number and value is not None else text(value)
                      for value, number in zip(row, numeric)])
    sheet = workbook.create_sheet(P["sheet_overview"])
    for name in SECTIONS:
        sheet.append([P["overview_sections"][name]])
        header, numeric, values = _overview(portfolio, name, settings.lang)
        sheet.append(header)
        for row in values:
            sheet.append([spreadsheet_number(value) if number and value is not None else overview_text(value)
                          for value, number in zip(row, numeric)])
        sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(buffer.getvalue())
