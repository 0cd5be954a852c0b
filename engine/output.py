"""Write a case's outputs atomically: all files appear together, or the old ones stay.

Files are written into a temporary folder beside the target, then swapped in with
renames; a run killed midway leaves the previous findings/<case>/<year>/ as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from .check import Result
from .render import html_out, json_out, markdown_out, xlsx_out


def scores_csv(result: Result) -> str:
    """One row per indicator, then the total. `provisional` is True where a score leaves out
    indicators that could not be assessed (the leaf itself, its parents, the total)."""
    scores = result.scores
    by_id = {row.id: row for row in scores.rows}
    waiting = set()
    for leaf in scores.unassessed:
        row = leaf
        while row is not None:
            waiting.add(row.id)
            row = by_id.get(row.parent) if row.parent else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", "level", "parent", "weight", "score", "deductions", "provisional"])
    for row in scores.rows:
        writer.writerow([row.id, row.name, row.level, row.parent or "", row.weight,
                         "" if row.score is None else row.score,
                         f"{row.deductions.quantize(Decimal('0.0001'))}" if row.is_leaf else "", row.id in waiting])
    weight = sum((row.weight for row in scores.rows if row.parent is None), Decimal(0))
    writer.writerow(["total", "总分 total", 0, "", weight, scores.total, "", scores.provisional])
    return buffer.getvalue()


def manifest(result: Result) -> str:
    """What the result rests on: jixiao's version and the hash of every rule and fact file."""
    from . import __version__
    data = {"jixiao": __version__, "case": result.case.case, "year": result.case.year,
            "scheme": result.scheme.id, "inputs": result.inputs}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def outputs(result: Result, history: list | None = None) -> dict[str, str | bytes]:
    report = markdown_out.render(result)  # once: report.html is the same text as a page
    return {"findings.json": json_out.render(result), "scores.csv": csv_bytes(scores_csv(result)),
            "report.md": report, "report.html": html_out.page(report, result, history=history),
            "report.xlsx": xlsx_out.render(result), "manifest.json": manifest(result)}


def write_outputs(result: Result, out_dir: Path, history: list | None = None) -> Path:
    target = Path(out_dir) / result.case.case / str(result.case.year)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; results are for sharing
    try:
        for name, content in outputs(result, history).items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _clear_leftovers(target: Path) -> None:
    """Staging folders a killed run left beside the target: never the results themselves."""
    for stale in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.old-*"):
        if target.exists():
            shutil.rmtree(stale, ignore_errors=True)
        else:  # killed between the two renames: the old results are the ones to keep
            os.replace(stale, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    retired.rmdir()
    os.replace(target, retired)
    try:
        os.replace(staging, target)
    except OSError:
        os.replace(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def write_report(result: Result, out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Add report files to a case's output folder, each replaced atomically."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = target / name
        temporary = path.with_name(f".{name}.tmp-{os.getpid()}")
        with open(temporary, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        written.append(path)
    return written


def write_portfolio(rows: list[dict], out_dir: Path, tables: dict | None = None) -> list[Path]:
    """portfolio.csv, .html and .xlsx in `out_dir`, each replaced atomically; `tables` is the
    overview when the caller has it already."""
    from .batch import portfolio_csv
    from .render import portfolio_out
    text = portfolio_csv(rows)
    tables = tables if tables is not None else portfolio_out.overview(rows)
    files = {"portfolio.csv": csv_bytes(text), "portfolio.html": portfolio_out.html(text, tables).encode("utf-8"),
             "portfolio.xlsx": portfolio_out.xlsx(text, tables)}
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = Path(out_dir) / name
        temporary = path.with_name(f".{name}.tmp-{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        written.append(path)
    return written


def csv_bytes(text: str) -> bytes:
    """A CSV file's bytes: UTF-8 with a byte-order mark, which Excel needs to read the Chinese
    right when the file is double-clicked (jixiao's own reader takes either)."""
    return text.encode("utf-8-sig")
