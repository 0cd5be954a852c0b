"""What `jixiao check PATH` does with a path, callable from Python (`jixiao.check_path`): one case
(with its earlier years), the cases under a folder checked in this process, or a batch of them
(worker processes, a Dask cluster, or summary rows only); and the files that leaves behind.

    checked = check(Path("facts"), rulebook, Path("rules"), out=Path("findings"))
    checked.mode          # "case", "cases" or "batch"
    checked.runs          # [CaseRun] for "case" and "cases"; None for a batch
    checked.portfolio     # Portfolio (rows, overview) for "cases" and "batch"; None for one case
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..check.forms import form_scheme_ids
from ..check.runs import CaseRun, check_with_history
from ..load.case_folder import is_case_dir
from ..load.form_folder import form_units
from ..load.rulebook import RuleBook

if TYPE_CHECKING:
    from .run import Portfolio, Progress

CASE, CASES, BATCH = "case", "cases", "batch"


def mode_of(path: Path, jobs: int = 1, scheduler: str | None = None, case_files: bool = True) -> str:
    """How a path is checked: CASE when it is a case folder (case.yaml in it) or not a folder at
    all (checking it then names what is wrong); else BATCH with workers (`jobs` > 1), a Dask
    `scheduler` or without each case's files (`case_files` False); else CASES, one after another
    in this process."""
    path = Path(path)
    if not path.is_dir() or is_case_dir(path):
        return CASE
    return BATCH if jobs > 1 or scheduler is not None or not case_files else CASES


@dataclass(frozen=True)
class Checked:
    """What a check of a path gave: its mode, the runs checked in this process (None for a
    batch), the portfolio of a folder of cases (None for one case), and the folders of results
    written, each with the names of the files in it (`written`: [(folder, [name, …])]);
    `removed`, the files `jixiao report` had added to the one case's folder that went with the
    previous results."""

    mode: str
    runs: list[CaseRun] | None
    portfolio: Portfolio | None = None
    written: list[tuple[Path, list[str]]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether some case of a folder could not be checked (one case raises instead)."""
        return bool(self.portfolio is not None and self.portfolio.failed)


def check(path: Path, rulebook: RuleBook, rules_dir: Path, *, jobs: int = 1, scheduler: str | None = None,
          out: Path | None = None, case_files: bool = True, progress: Progress | None = None,
          heard: Callable[[Checked], None] | None = None, only: tuple[str, ...] | None = None,
          lang: str = "zh", messages: str | None = None) -> Checked:
    """Check a case folder or a folder of cases (see mode_of), writing the results to `out` when
    given: a case's files in <out>/<case>/<year>/, and for a batch the portfolio's files
    (portfolio.csv, .html, .xlsx; the page and workbook in `lang`, a case's error in `messages`, else
    `lang`) in `out`; `only`: the formats of each case's files written
    (jixiao.report.files.select_outputs; None: all; manifest.json always). `progress(done, total)` is called as a batch goes;
    `heard(checked)` with what was checked before the last files are written (one case's, or a
    batch's portfolio files), so that what it says is said even when they cannot be written.

    Raises InputError when the case (or every case: no case folder below) cannot be checked,
    OutputError when the results cannot be written; in a folder of cases, a case that cannot be
    checked is a row with its error (`Checked.failed`) and the others still complete."""
    mode = mode_of(path, jobs, scheduler, case_files)
    if mode == CASE and Path(path).is_dir() and form_units(path, form_scheme_ids(rulebook)):
        mode = BATCH if jobs > 1 or scheduler is not None or not case_files else CASES  # each form its own case
    if mode == CASE:
        run = check_with_history(path, rulebook)
        if heard is not None:
            heard(Checked(mode, [run]))
        if out is None:
            return Checked(mode, [run])
        # writing's own (atomic writes: shutil, tempfile): imported only when writing, for start-up time
        from ..report.files import output_names, write_outputs

        removed: list[str] = []
        folder = write_outputs(run.result, out, list(run.totals), removed, only)
        return Checked(mode, [run], None, [(folder, output_names(only))], removed)
    # a folder's only (worker pools, Dask; writing its files): imported here for start-up time
    from ..disk.atomic import MARK
    from ..report.files import output_names
    from .run import check_portfolio

    portfolio = check_portfolio(path, rulebook, rules_dir, jobs=jobs, scheduler=scheduler, out=out,
                                case_files=case_files, progress=progress if mode == BATCH else None, only=only,
                                lang=messages or lang)  # a case's error: a message, in the messages' language
    written = []
    if out is not None and case_files:  # each case's files were written as it completed
        written = [(Path(out) / row["case"] / str(row["year"]), output_names(only)) for row in portfolio.rows
                   if not row.get("error")]
    if heard is not None:
        heard(Checked(mode, portfolio.runs, portfolio, list(written)))
    if out is not None and mode == BATCH:
        paths = portfolio.write(out, lang)
        written.append((Path(out), [p.name for p in paths] + [MARK]))
    return Checked(mode, portfolio.runs, portfolio, written)


def removed_line(folder: Path, removed: list[str]) -> str:
    """What to say of the report files a check's new results replaced in `folder`."""
    from ..report.files import removed_note  # (only ever after writing: already imported)

    return f"{folder}: {removed_note(removed)}"
