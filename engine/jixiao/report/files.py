"""A case's outputs and the portfolio's files, written through engine/atomic.py: all files of
a set appear together, or the old ones stay; a run killed midway leaves the previous
findings/<case>/<year>/ as it was.
"""

from __future__ import annotations

import csv
import io
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
from .common import NOT_APPLICABLE, normalisation_note, row_note


def scores_csv(result: CheckResult) -> str:
    """One row per indicator, then the total. `provisional` is True where a score leaves out
    indicators that could not be assessed (the leaf itself, its parents, the total). When the
    evaluation team's judgement touches the scores, the columns `computed` (the score computed
    from the findings, where an adjustment changed it), `normalised` (redistribution) and `note`
    (不适用 and why, the adjustment) follow, and a `raw_total` row (the applicable leaves' sum,
    before normalising) comes before the total."""
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
    judged = bool(scores.normalisation or scores.adjusted or any(row.waived for row in scores.rows))
    writer.writerow(["id", "name", "level", "parent", "weight", "score", "deductions", "provisional",
                     *(["computed", "normalised", "note"] if judged else [])])
    for row in scores.rows:
        shown = NOT_APPLICABLE if row.not_applicable is not None else "" if row.score is None else row.score
        writer.writerow([row.id, row.name, row.level, row.parent or "", row.weight, shown,
                         f"{row.deductions.quantize(Decimal('0.0001'))}"
                         if row.is_leaf and row.assessed and row.not_applicable is None else "",
                         row.id in waiting,
                         *([_blank(row.computed), _blank(row.normalised), row_note(row)] if judged else [])])
    weight = sum((row.weight for row in scores.rows if row.parent is None), Decimal(0))
    if scores.normalisation:
        writer.writerow(["raw_total", "适用指标合计（折算前）raw total", 0, "", scores.applicable_weight,
                         scores.raw_total, "", scores.provisional, "", "", normalisation_note(result)])
    writer.writerow(["total", "总分 total", 0, "", weight, scores.total, "", scores.provisional,
                     *(["", "", ""] if judged else [])])
    return buffer.getvalue()


def _blank(value) -> object:
    return "" if value is None else value


# What versions before manifests listed their files wrote into a case's folder of results.
EARLIER_OUTPUTS = frozenset({"findings.json", "scores.csv", "report.md", "report.html", "report.xlsx", atomic.MARK,
                             "report.en.md", "report.en.html"})
OUTPUT_NAMES = ("findings.json", "scores.csv", "report.md", "report.html", "report.xlsx", atomic.MARK)


def manifest(result: CheckResult) -> dict:
    """What the result rests on: jixiao's version, the hash of every rule and fact file, and the
    files of the case folder that were skipped, with why (manifest.json; the list of the files
    written is added as it is written)."""
    return {"jixiao": __version__, "case": result.case.case, "year": result.case.year,
            "scheme": result.scheme.id, "inputs": {kind: dict(files) for kind, files in result.inputs.items()},
            "skipped": result.case.skipped}


def outputs(result: CheckResult, history: list | None = None) -> dict[str, str | bytes]:
    """A case's result files but manifest.json: {name: text or bytes}."""
    report = markdown_out.render(result)  # once: report.html is the same text as a page
    return {"findings.json": json_out.render(result), "scores.csv": csv_bytes(scores_csv(result)),
            "report.md": report, "report.html": html_out.page(report, result, history=history),
            "report.xlsx": xlsx_out.render(result)}


def write_outputs(result: CheckResult, out_dir: Path, history: list | None = None,
                  removed: list | None = None) -> Path:
    """Replace <out_dir>/<case>/<year>/ with this result's files (OUTPUT_NAMES), as one set
    (jixiao.disk.atomic): only an empty folder, or one holding nothing but what jixiao wrote, is
    replaced. Returns the folder; adds to `removed` (when given) the names of the files jixiao had
    added to it (`jixiao report`'s), which went with the previous results. Raises OutputError when
    it cannot be written or holds files of the user's; the previous files then stay."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    files = {name: content if isinstance(content, bytes) else content.encode("utf-8")
             for name, content in outputs(result, history).items()}
    with atomic.replacing(target, whole=True, owned=True, legacy=EARLIER_OUTPUTS.__contains__) as stage:
        for name, content in files.items():
            stage.write(name, content)
        stage.write_mark(manifest(result))
    if removed is not None:
        removed += stage.dropped
    return target


def removed_note(names: list[str]) -> str:
    """What to say of the files `jixiao report` had added to a folder of results that `check` replaced."""
    return (f"已删除 removed {', '.join(names)}, which `jixiao report` had made from the previous results; "
            "run it again to make them from these")


def write_report(result: CheckResult, out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Add report files ({name: text}) to a case's output folder, as one set, and list them in its
    manifest.json (the case's, when the folder has none yet). A file of one of those names that
    jixiao did not write is not overwritten: OutputError."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    data = {name: text.encode("utf-8") for name, text in files.items()}
    with atomic.replacing(target, owned=True, legacy=EARLIER_OUTPUTS.__contains__) as stage:
        written = [stage.write(name, content) for name, content in data.items()]
        stage.write_mark(manifest(result))
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
    if _may_be_case(folder):  # its earlier years are read too (year over year)
        try:
            reads += [p for p in folder.parent.iterdir() if p != folder and _may_be_case(p)]
        except OSError:
            pass  # reported when the years are listed
    atomic.check_apart(out, reads)


def _may_be_case(folder: Path) -> bool:
    """Whether `folder` holds a case.yaml, or may (it cannot be looked into: that is said where it is read)."""
    try:
        return is_case_dir(folder)
    except OSError:
        return True
