"""portfolio.csv, .html and .xlsx, written as one set (jixiao.disk.atomic)."""

from __future__ import annotations

from pathlib import Path

from ..disk import atomic
from ..report import formats
from ..report.formats import PortfolioSummary
from ..version import __version__
from . import pages


def check_place(out_dir: Path) -> None:
    """Before a batch: OutputError if `out_dir` holds a portfolio file (or manifest.json) that
    jixiao did not write, which it would not overwrite at the end."""
    atomic.check_listed(out_dir, (*(f.file_name() for f in formats.written(formats.PORTFOLIO)), atomic.MARK))


def write_portfolio(rows: list[dict], out_dir: Path, tables: dict | None = None, *, lang: str = "zh",
                    titles: dict | None = None) -> list[Path]:
    """The portfolio's files (every registered portfolio format: portfolio.csv, .html and .xlsx)
    in `out_dir`, replaced as one set and listed in its manifest.json; `tables` is the overview
    when the caller has it already; the page and workbook in `lang` ("zh" or "en"), with the
    family and review-rule columns titled by `titles` (jixiao.portfolio.rows.column_titles).
    Returns their paths. Raises OutputError when they cannot be written, or when a file of one of
    those names is there that jixiao did not write (the previous set then stays)."""
    summary = PortfolioSummary(rows, tables if tables is not None else pages.overview(rows), titles or {})
    files = formats.files(formats.written(formats.PORTFOLIO), summary, formats.Settings(lang=lang))
    # --out may hold files of the user's too: only a portfolio file its manifest.json lists is replaced
    with atomic.replacing(out_dir, guarded=True) as stage:
        written = [stage.write(name, data) for name, data in files.items()]
        stage.write_mark({"jixiao": __version__, "written_by": "jixiao check (the portfolio's files)"})
    return [Path(out_dir) / path.name for path in written]
