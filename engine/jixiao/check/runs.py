"""Checking cases with their earlier years: one case (its sibling years first, so its findings
are matched year over year), or many in one run (each with last year's result when that was
checked earlier in the run). What the user should hear on the way comes back as notes; the
caller decides how to say it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..load.rulebook import RuleBook
from ..load.years import sibling_years
from ..model.problems import InputError, Problem
from ..model.results import CheckResult
from .case import check_case
from .findings import RuleError


@dataclass(frozen=True)
class CaseRun:
    """One case of a run: its result, or the input error that stopped it; `totals` are the
    (year, total, provisional) of this case's years checked so far (the chart of totals by
    year); `notes` what the user should hear (earlier years not used, and why)."""

    folder: Path
    result: CheckResult | None
    error: InputError | None = None
    totals: tuple = ()
    notes: tuple[str, ...] = ()


def check_one_case(folder: Path, rulebook: RuleBook, previous: CheckResult | None = None) -> CheckResult:
    """check_case, with a rule that cannot compute its deduction or text reported as bad input
    (its file named) rather than a crash. Raises InputError."""
    try:
        return check_case(folder, rulebook, previous=previous)
    except RuleError as exc:
        raise InputError([Problem(exc.file, exc.message)]) from None


def check_with_history(folder: Path, rulebook: RuleBook) -> CaseRun:
    """One case, after its earlier years (sibling folders of the same case): last year's result
    is passed on, so this year's findings are matched with it. An earlier year that cannot be
    checked is left out, with a note. Raises InputError when the case itself cannot be checked."""
    folder = Path(folder)
    refused: list = []
    years = sibling_years(folder, refused) if folder.is_dir() else {}
    notes = [f"{path}: a link leading out of {folder.parent}: not read, not used for year-over-year"
             for path in refused]
    previous, totals = None, []
    for year, path in years.items():
        if path.resolve() == folder.resolve():
            break
        try:
            previous = check_one_case(path, rulebook,
                                      previous if previous is not None and previous.case.year == year - 1 else None)
            totals.append((year, previous.scores.total, previous.scores.provisional))
        except InputError as exc:
            notes.append(f"{path}: not used for year-over-year ({len(exc.problems)} problem(s))")
            previous = None
    if previous is not None and previous.case.year != year_of(years, folder) - 1:
        previous = None
    result = check_one_case(folder, rulebook, previous)
    return CaseRun(folder, result, None, (*totals, (result.case.year, result.scores.total, result.scores.provisional)),
                   tuple(notes))


def check_cases(folders: Iterable[Path], rulebook: RuleBook) -> Iterator[CaseRun]:
    """Every case, in the order given; a case that cannot be checked comes back with its error
    and the others still complete. A case gets last year's result when that year was checked
    earlier in the run (list folders in path order, as find_cases does, and years come first)."""
    done: dict[tuple[str, int], CheckResult] = {}
    for folder in folders:
        try:
            result = check_one_case(folder, rulebook, _previous_of(folder, done))
        except InputError as exc:
            yield CaseRun(Path(folder), None, exc)
            continue
        done[(result.case.case, result.case.year)] = result
        totals = sorted((y, r.scores.total, r.scores.provisional) for (c, y), r in done.items() if c == result.case.case)
        yield CaseRun(Path(folder), result, None, tuple(totals))


def _previous_of(folder: Path, done: dict) -> CheckResult | None:
    """Last year's result of the same case, when it was checked earlier in this run."""
    years = sibling_years(folder)
    year = year_of(years, folder)
    found = [r for (case, y), r in done.items() if y == year - 1 and years.get(y) is not None
             and Path(years[y]).resolve() == Path(r.case.directory).resolve()]
    return found[0] if found else None


def year_of(years: dict, folder: Path) -> int:
    """The year a case folder stands for among its case's years ({year: folder}), or 0."""
    return next((y for y, p in years.items() if p.resolve() == Path(folder).resolve()), 0)
