"""portfolio.csv, .html and .xlsx, written as one set (jixiao.disk.atomic)."""

from __future__ import annotations

from pathlib import Path

from ..disk import atomic
from ..report.files import csv_bytes
from . import pages
from .rows import portfolio_csv


def write_portfolio(rows: list[dict], out_dir: Path, tables: dict | None = None) -> list[Path]:
    """portfolio.csv, .html and .xlsx in `out_dir`, replaced as one set; `tables` is the overview
    when the caller has it already. Raises OutputError when they cannot be written (the
    previous set then stays)."""
    tables = tables if tables is not None else pages.overview(rows)
    files = {"portfolio.csv": csv_bytes(portfolio_csv(rows)), "portfolio.html": pages.html(rows, tables).encode("utf-8"),
             "portfolio.xlsx": pages.xlsx(rows, tables)}
    return atomic.write_files(out_dir, files)
