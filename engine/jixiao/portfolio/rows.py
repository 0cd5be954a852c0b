"""One summary row per case of a portfolio, as data: what portfolio.csv, .html and .xlsx show
and the overview groups. Values keep their types (a total is a Decimal, a count an int); the
renderers decide how each is written."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from ..load.rulebook import RuleBook
from ..load.years import declared_fields
from ..model.results import CheckResult

COLUMNS = ["case", "year", "scheme", "total", "grade", "provisional", "findings", "cannot_assess", "integrity"]
_NUMERIC = {"year", "total", "findings", "cannot_assess", "integrity"}  # and every family:… count


def summary_row(folder, result: CheckResult, rulebook: RuleBook) -> dict:
    """The row of a checked case: total (Decimal), grade, provisional, and counts of findings
    (per rule family too), indicators not assessed and integrity notes."""
    families = {name: 0 for name in rulebook.families}
    for finding in result.findings:
        families[finding.family] += 1
    return {"folder": str(folder), "case": result.case.case, "year": result.case.year, "scheme": result.scheme.id,
            "total": result.scores.total, "grade": result.scores.grade,
            "provisional": result.scores.provisional, "findings": len(result.findings),
            "cannot_assess": len(result.scores.unassessed), "integrity": len(result.integrity),
            **{f"family:{name}": count for name, count in families.items()}, "error": ""}


def error_row(folder, error: str, **extra) -> dict:
    """The row of a folder that could not be checked (or was refused unread): it and why."""
    return {"folder": str(folder), "error": error, **extra}


def case_error_row(folder, error: str, **extra) -> dict:
    """The row of a case that could not be checked: its folder, why, and the case and year its
    case.yaml declares, when they can be read."""
    return {**declared_fields(Path(folder)), **error_row(folder, error, **extra)}


def case_table(rows: list[dict]) -> tuple[list[str], list[list]]:
    """The cases as a table: the column names (families sorted, then error and folder), and one
    list of typed values per case (None where a case has no value)."""
    families = sorted({k for row in rows for k in row if k.startswith("family:")})
    header = COLUMNS + families + ["error", "folder"]
    return header, [[row.get(column) if row.get(column) != "" else None for column in header] for row in rows]


def is_numeric(column: str) -> bool:
    """Whether a column of the case table holds numbers (a case id such as 0042 stays text)."""
    return column in _NUMERIC or column.startswith("family:")


def text(value) -> str:
    """A value as the CSV and the HTML page show it."""
    return "" if value is None else str(value)


def portfolio_csv(rows: list[dict]) -> str:
    """portfolio.csv's text: the case table, one line per case."""
    header, values = case_table(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([text(value) for value in row] for row in values)
    return buffer.getvalue()


def spreadsheet_number(value):
    """A number as a spreadsheet cell: an int when it is whole as written (86 stays 86), else a
    float (86.74)."""
    if isinstance(value, Decimal):
        written = str(value)
        return float(written) if "." in written or "E" in written.upper() else int(written)
    return int(value) if not isinstance(value, float) else value
