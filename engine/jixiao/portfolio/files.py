"""portfolio.csv, .html and .xlsx, written as one set (jixiao.disk.atomic)."""

from __future__ import annotations

from pathlib import Path

from ..disk import atomic
from ..report import formats
from ..report.formats import PortfolioSummary
from . import pages


def write_portfolio(rows: list[dict], out_dir: Path, tables: dict | None = None) -> list[Path]:
    """The portfolio's files (every registered portfolio format: portfolio.csv, .html and .xlsx) in
    `out_dir`, replaced as one set; `tables` is the overview when the caller has it already.
    Raises OutputError when they cannot be written (the previous set then stays)."""
    summary = PortfolioSummary(rows, tables if tables is not None else pages.overview(rows))
    return atomic.write_files(out_dir, formats.files(formats.written(formats.PORTFOLIO), summary))
