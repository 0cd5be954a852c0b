"""A case's outputs and the portfolio's files, written through engine/atomic.py: all files of
a set appear together, or the old ones stay; a run killed midway leaves the previous
findings/<case>/<year>/ as it was.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from ..disk import atomic
from ..load.case_folder import is_case_dir
from ..model.results import CheckResult
from ..version import __version__
from . import html as html_out
from . import json as json_out
from . import markdown as markdown_out
from . import xlsx as xlsx_out


def scores_csv(result: CheckResult) -> str:
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


def manifest(result: CheckResult) -> str:
    """What the result rests on: jixiao's version, the hash of every rule and fact file, and the
    files of the case folder that were skipped, with why."""
    data = {"jixiao": __version__, "case": result.case.case, "year": result.case.year,
            "scheme": result.scheme.id, "inputs": {kind: dict(files) for kind, files in result.inputs.items()},
            "skipped": result.case.skipped}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def outputs(result: CheckResult, history: list | None = None) -> dict[str, str | bytes]:
    report = markdown_out.render(result)  # once: report.html is the same text as a page
    return {"findings.json": json_out.render(result), "scores.csv": csv_bytes(scores_csv(result)),
            "report.md": report, "report.html": html_out.page(report, result, history=history),
            "report.xlsx": xlsx_out.render(result), "manifest.json": manifest(result)}


def write_outputs(result: CheckResult, out_dir: Path, history: list | None = None) -> Path:
    """Replace <out_dir>/<case>/<year>/ with this result's files, as one set (engine/atomic.py):
    only a folder jixiao wrote (its manifest.json) or an empty one is replaced. Returns the folder.
    Raises OutputError when it cannot be written; the previous files then stay."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    files = {name: content if isinstance(content, bytes) else content.encode("utf-8")
             for name, content in outputs(result, history).items()}
    atomic.write_files(target, files, whole=True, owned=True)
    return target


def write_report(result: CheckResult, out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Add report files ({name: text}) to a case's output folder, as one set; the folder gets the
    case's manifest.json if it has none (so that it is recognisably jixiao's)."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    data = {name: text.encode("utf-8") for name, text in files.items()}
    with atomic.replacing(target, owned=True) as stage:
        written = [stage.write(name, content) for name, content in data.items()]
        if not (Path(target) / atomic.MARK).exists():
            stage.write(atomic.MARK, manifest(result).encode("utf-8"))
    return [Path(target) / path.name for path in written]


def csv_bytes(text: str) -> bytes:
    """A CSV file's bytes: UTF-8 with a byte-order mark, which Excel needs to read the Chinese
    right when the file is double-clicked (jixiao's own reader takes either)."""
    return text.encode("utf-8-sig")


def refuse_writing_into_input(out: Path, facts_dir: Path, rules_dir: Path) -> None:
    """`out` must be apart from everything a check reads: the facts (a case's sibling years
    too) and the rules. Raises InputError naming both."""
    folder = Path(facts_dir)
    reads = [folder, Path(rules_dir)]
    if is_case_dir(folder):  # its earlier years are read too (year over year)
        try:
            reads += [p for p in folder.parent.iterdir() if p != folder and is_case_dir(p)]
        except OSError:
            pass  # reported when the years are listed
    atomic.check_apart(out, reads)
