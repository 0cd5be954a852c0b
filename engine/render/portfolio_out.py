"""The portfolio summary as an HTML page and an Excel sheet (one row per case)."""

from __future__ import annotations

import csv
import io
from html import escape

import openpyxl

from .html_out import STYLE
from .xlsx_out import _reproducible


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def html(portfolio_csv: str, title: str = "项目组合评价汇总 portfolio") -> str:
    """The table written directly: a portfolio has thousands of rows, too many to go through Markdown."""
    rows = _rows(portfolio_csv)
    failed = sum(1 for r in rows[1:] if r[rows[0].index("error")])
    head = "".join(f"<th>{escape(c)}</th>" for c in rows[0])
    body_rows = "\n".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
    body = (f"<h1>{escape(title)}</h1>\n<p>{len(rows) - 1} 个案例 cases；{failed} 个无法检查 could not be checked。</p>\n"
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body_rows}\n</tbody>\n</table>")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def xlsx(portfolio_csv: str) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)  # streams rows: thousands of cases stay cheap
    sheet = workbook.create_sheet("汇总 portfolio")
    for row in _rows(portfolio_csv):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())
