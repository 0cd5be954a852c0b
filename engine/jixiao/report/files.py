"""A case's outputs, written through jixiao.disk.atomic: all files of
a set appear together, or the old ones stay; a run killed midway leaves the previous
findings/<case>/<year>/ as it was.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..disk import atomic
from ..load.case_folder import is_case_dir
from ..model.results import CheckResult
from . import formats
from .formats import OUTPUT_ALIASES, Settings
from .labels import FIXED
from .manifest import manifest


# What versions before manifests listed their files wrote into a case's folder of results.
EARLIER_OUTPUTS = frozenset({"findings.json", "scores.csv", "report.md", "report.html", "report.xlsx", atomic.MARK,
                             "report.en.md", "report.en.html",
                             "report.docx", "report.en.docx"})  # (a folder whose manifest lost its list, too)


def select_outputs(text: str) -> tuple[str, ...]:
    """`--outputs md,html,…` as the format names chosen, in the order they are written
    (e.g. ("json", "markdown")). Raises ValueError naming an unknown name, the allowed names and
    the closest one."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in OUTPUT_ALIASES]
    if unknown or not names:
        allowed = ", ".join(OUTPUT_ALIASES)
        close = difflib.get_close_matches(unknown[0], OUTPUT_ALIASES, n=1, cutoff=0.5) if unknown else []
        hint = FIXED["outputs_close"].format(name=close[0]) if close else ""
        what = FIXED["outputs_unknown"].format(name=unknown[0]) if unknown else FIXED["outputs_none"]
        raise ValueError(what + FIXED["outputs_allowed"].format(allowed=allowed) + hint)
    chosen = {OUTPUT_ALIASES[name] for name in names}
    return tuple(f.name for f in _case_formats() if f.name in chosen)


def _case_formats(only: tuple[str, ...] | None = None) -> list:
    """The formats of a case's files but manifest.json, all or those named in `only`."""
    return [f for f in formats.written(formats.CASE) if f.name != "manifest" and (only is None or f.name in only)]


def outputs(result: CheckResult, history: list | None = None, only: tuple[str, ...] | None = None) -> dict[str, bytes]:
    """The case's set of files but manifest.json ({name: bytes}): every registered format that a
    case alone renders and that has a file (findings.json, scores.csv, report.md/.html/.xlsx/.docx),
    or only the formats named in `only` (select_outputs). manifest.json is written last, listing
    them (write_outputs)."""
    return formats.files(_case_formats(only), result, Settings(history=tuple(history or ())))


def output_names(only: tuple[str, ...] | None = None) -> list[str]:
    """The names of the files `write_outputs` writes (with the same `only`), manifest.json last."""
    return [f.file_name() for f in _case_formats(only)] + [atomic.MARK]


def write_outputs(result: CheckResult, out_dir: Path, history: list | None = None,
                  removed: list | None = None, only: tuple[str, ...] | None = None) -> Path:
    """Replace <out_dir>/<case>/<year>/ with this result's files, as one set
    (jixiao.disk.atomic): only an empty folder, or one holding nothing but what jixiao wrote, is
    replaced. Returns the folder; adds to `removed` (when given) the names of the files jixiao had
    added to it (`jixiao report`'s), which went with the previous results. Raises OutputError when
    it cannot be written or holds files of the user's; the previous files then stay. `only`: the
    formats written (select_outputs; None: all); manifest.json is always written and lists them."""
    return write_rendered(result.case.case, result.case.year, outputs(result, history, only), manifest(result), out_dir,
                          removed)


def write_rendered(case: str, year: int, files: dict[str, bytes], mark: dict, out_dir: Path,
                   removed: list | None = None) -> Path:
    """write_outputs for outputs rendered elsewhere (a Dask worker renders a case's files, the
    client writes them): `files` as outputs() gives them, `mark` as manifest() does."""
    target = Path(out_dir) / case / str(year)
    with atomic.replacing(target, whole=True, owned=True, legacy=EARLIER_OUTPUTS.__contains__) as stage:
        for name, content in files.items():
            stage.write(name, content)
        stage.write_mark(mark)
    if removed is not None:
        removed += stage.dropped
    return target


def removed_note(names: list[str]) -> str:
    """What to say of the files `jixiao report` had added to a folder of results that `check` replaced."""
    return FIXED["removed"].format(files=", ".join(names))


def report_formats(template) -> tuple[str | None, list[str]]:
    """What `jixiao report` prints and writes, by format name: (the one printed, or None for a
    firm's Word template, which is only written; the ones written to the case's folder). With a
    Markdown template, the template filled; without one, the report in Markdown; HTML and Word
    beside either."""
    if template is not None and template.is_word:
        return None, ["docx-template"]
    printed = "template" if template is not None else "markdown"
    return printed, [printed, "html", "docx"]


def write_report(result: CheckResult, out_dir: Path, names: list[str], settings: Settings) -> list[Path]:
    """Add the files of these formats (by name, rendered with `settings`) to a case's output
    folder, as one set, and list them in its manifest.json (the case's, when the folder has none
    yet). A file of one of those names that jixiao did not write is not overwritten: OutputError."""
    target = Path(out_dir) / result.case.case / str(result.case.year)
    data = formats.files([formats.get(name) for name in names], result, settings)
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
