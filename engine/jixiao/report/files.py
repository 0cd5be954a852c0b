"""A case's outputs, written through engine/atomic.py: all files of
a set appear together, or the old ones stay; a run killed midway leaves the previous
findings/<case>/<year>/ as it was.
"""

from __future__ import annotations

from pathlib import Path

from ..disk import atomic
from ..load.case_folder import is_case_dir
from ..model.results import CheckResult
from . import formats
from .formats import Settings


def outputs(result: CheckResult, history: list | None = None) -> dict[str, bytes]:
    """The case's set of files ({name: bytes}): every registered format that a case alone
    renders and that has a file (findings.json, scores.csv, report.md/.html/.xlsx, manifest.json)."""
    return formats.files(formats.written(formats.CASE), result, Settings(history=tuple(history or ())))


def write_outputs(result: CheckResult, out_dir: Path, history: list | None = None) -> Path:
    """Replace <out_dir>/<case>/<year>/ with this result's files, as one set (engine/atomic.py):
    only a folder jixiao wrote (its manifest.json) or an empty one is replaced. Returns the folder.
    Raises OutputError when it cannot be written; the previous files then stay."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    atomic.write_files(target, outputs(result, history), whole=True, owned=True)
    return target


def write_report(result: CheckResult, out_dir: Path, names: list[str], settings: Settings) -> list[Path]:
    """Add the files of these formats (by name, rendered with `settings`) to a case's output
    folder, as one set; the folder gets the case's manifest.json if it has none (so that it is
    recognisably jixiao's)."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    data = formats.files([formats.get(name) for name in names], result, settings)
    with atomic.replacing(target, owned=True) as stage:
        written = [stage.write(name, content) for name, content in data.items()]
        if not (Path(target) / atomic.MARK).exists():
            stage.write(atomic.MARK, formats.get("manifest").encode(formats.render("manifest", result, settings)))
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
