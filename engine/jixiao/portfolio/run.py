"""Checking a folder of cases: `jixiao check DIR` and `jixiao.check_portfolio`.

In this process, one case after another (each with last year's result when that was checked
first), each case's files written as it completes; or, with workers (`jobs` > 1) or a Dask
`scheduler`, as a batch of summary rows. Either way: the cases under the folder, two folders of
one case and year refused before anything is written, a folder that cannot be written said once
before any case is checked, one summary row per case and the overview.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ..check.runs import CaseRun, check_cases
from ..disk.atomic import probe
from ..check.forms import form_scheme_ids
from ..load.case_folder import find_cases
from ..load.form_folder import WORKBOOK, expand, unit_case
from ..load.rulebook import RuleBook
from ..load.years import case_and_year, duplicate
from ..model.messages import Message
from ..model.problems import InputError, Problem, chinese_part
from ..report.files import removed_note, write_outputs
from . import pages, pool
from .dask import run_on_dask
from .files import check_place, write_portfolio
from .rows import case_error_row, column_titles, error_row, summary_row

Progress = Callable[[int, int], None]  # (cases done, cases in all)


@dataclass(frozen=True)
class Portfolio:
    """What a run over a folder of cases gives: one summary row per case (in path order, then
    the links refused), each case's full run when it was checked in this process, the
    overview tables, and the titles of the family and review-rule columns (rows.column_titles)."""

    rows: list[dict]
    runs: list[CaseRun] | None  # None for a batch (workers keep the full results)
    tables: dict
    titles: dict = field(default_factory=dict)

    @property
    def failed(self) -> list[dict]:
        return [row for row in self.rows if row.get("error")]

    def write(self, out: Path, lang: str = "zh") -> list[Path]:
        """portfolio.csv, .html and .xlsx in `out`, as one set; the page and workbook in `lang`
        ("zh" or "en"). Raises OutputError."""
        return write_portfolio(self.rows, out, self.tables, lang=lang, titles=self.titles)


def check_portfolio(directory: Path, rulebook: RuleBook, rules_dir: Path, *, jobs: int = 1,
                    scheduler: str | None = None, out: Path | None = None, case_files: bool = True,
                    progress: Progress | None = None, only: tuple[str, ...] | None = None,
                    lang: str = "zh") -> Portfolio:
    """Check every case under `directory`. With `out`, each case's files are written there as it
    completes (unless `case_files` is False; `Portfolio.write` adds portfolio.csv/.html/.xlsx);
    with `jobs` > 1 or a Dask `scheduler`, or without `case_files`, it is a batch (summary rows).

    Raises InputError when there is no case, when two folders declare one case and year, or
    OutputError when `out` cannot be written; a case that cannot be checked is a row with its
    error, as is a folder that cannot be read (its cases, if any, are not checked), and the
    others still complete. `only`: the formats of each case's files written (None: all;
    manifest.json always). Each error row says its problem in `lang`."""
    refused: list[Problem] = []  # links leading out of the folder: reported, not followed
    unreadable: list[Problem] = []  # folders that cannot be listed: reported, the others checked
    folders = expand(find_cases(directory, refused, unreadable), form_scheme_ids(rulebook))
    if not folders:
        raise InputError([Problem.said(directory, Message("portfolio.no_case")), *refused,
                          *unreadable])
    refused += [_skipped(p) for p in unreadable]
    batch = jobs > 1 or scheduler is not None or not case_files
    case_out = out if case_files else None
    if not batch or case_out is not None:  # each case's files are named by its case and year
        refuse_duplicates(folders)
    if out is not None:
        probe(out)  # a folder that cannot be written is said once, before any case is checked
    if out is not None and batch:
        check_place(out)  # so is a portfolio file of the user's, which would not be overwritten at the end
    if not batch:
        return _in_this_process(folders, rulebook, case_out, refused, only, lang)
    if scheduler is not None:
        rows = run_on_dask(folders, rules_dir, case_out, scheduler, progress, only, lang)
    elif jobs > 1:
        # a portfolio written here imports openpyxl for its workbook anyway: imported before the
        # workers fork, it is imported once, not once more in each worker that reads a workbook
        rows = pool.run(folders, rules_dir, jobs, case_out, progress, rulebook, only, share_readers=out is not None,
                        lang=lang)
    else:
        rows = _summaries(folders, rulebook, progress, lang)
    refuse_duplicates(folders, rows)  # (without the cases' own files, nothing was written yet)
    rows += [error_row(problem.file, problem.render(lang)) for problem in refused]
    # the overview once: for the summary, page and workbook
    return Portfolio(rows, None, pages.overview(rows), column_titles(rulebook))


def _in_this_process(folders: list[Path], rulebook: RuleBook, out: Path | None, refused: list[Problem],
                     only: tuple[str, ...] | None = None, lang: str = "zh") -> Portfolio:
    runs = []
    for run in check_cases(folders, rulebook):
        if out is not None and run.result is not None:
            removed: list[str] = []
            written = write_outputs(run.result, out, list(run.totals), removed, only)
            if removed:
                run = replace(run, notes=(*run.notes, f"{written}: {removed_note(removed)}"))
        runs.append(run)
    rows = [summary_row(run.folder, run.result, rulebook) if run.result is not None
            else case_error_row(run.folder, pool.said(run.error.problems, lang)) for run in runs]
    runs += [CaseRun(Path(problem.file), None, InputError([problem])) for problem in refused]
    rows += [error_row(problem.file, problem.render(lang)) for problem in refused]
    return Portfolio(rows, runs, pages.overview(rows), column_titles(rulebook))


def _summaries(folders: list[Path], rulebook: RuleBook, progress: Progress | None, lang: str = "zh") -> list[dict]:
    """A batch in this process: each case checked on its own (as a worker would), as a row."""
    rows = []
    for done, folder in enumerate(folders, start=1):
        rows.append(pool.check_one(str(folder), None, rulebook=rulebook, lang=lang))
        if progress:
            progress(done, len(folders))
    return rows


def refuse_duplicates(folders: list[Path], rows: list[dict] | None = None) -> None:
    """Two folders that declare the same case and year (a copied folder whose case.yaml was not
    changed) would write over each other's results: InputError naming both. From the summary
    rows when the batch has them (it read every case.yaml), else from each folder's case.yaml."""
    seen: dict[tuple, Path] = {}
    problems = []
    keys = ([(Path(r["folder"]), (r["case"], r["year"])) for r in rows if not r.get("error")] if rows is not None
            else [(folder, _declared(Path(folder))) for folder in folders])
    for folder, key in keys:
        if key is None:
            continue  # a broken case.yaml: reported when the case is checked
        if key in seen:
            problems.append(duplicate(folder, seen[key], key))
        else:
            seen[key] = folder
    if problems:
        raise InputError(problems)


def _declared(folder: Path):
    """(case, year) of a case folder, or of one form of a folder of several (its own case)."""
    if folder.suffix.lower() == WORKBOOK:
        key = case_and_year(folder.parent)
        return (unit_case(key[0], folder), key[1]) if key is not None else None
    return case_and_year(folder)


def _skipped(problem: Problem) -> Problem:
    """A folder that could not be listed, said with its cases not checked (its own message in
    each language, without its file: the problem names the folder already)."""
    said = {lang: Message("portfolio.folder_skipped", {"problem": text}).render(lang)
            for lang, text in (("en", problem.message), ("zh", problem.zh or chinese_part(problem.message)))}
    return replace(problem, message=said["en"], zh=said["zh"])
