"""Checking cases with their earlier years: one case (its sibling years first, so its findings
are matched year over year), or many in one run (each with last year's result when that was
checked earlier in the run). What the user should hear on the way comes back as notes; the
caller decides how to say it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from ..disk.reading import enterable
from ..disk.refusals import USER_FIXABLE, os_problem
from ..load.rulebook import RuleBook
from ..load.case_manifest import CaseFile, read_case_file
from ..load.years import case_and_year, declared_in, sibling_years, unchanged_files, unchanged_sheets
from ..model.facts import CASE_FILE
from ..model.messages import Message
from ..model.problems import InputError, Problem
from ..model.results import CheckResult
from .case import check_case
from .findings import RuleError
from .history import not_compared

LOG = logging.getLogger("jixiao.check")  # what `-v` shows: how long each case took


@dataclass(frozen=True)
class CaseRun:
    """One case of a run: its result, or the input error that stopped it; `totals` are the
    (year, total, provisional) of this case's years checked so far (the chart of totals by
    year); `notes` what the user should hear (earlier years not used, and why); `unchanged` the
    fact files byte-identical to last year's (in the folder of the previous year of the case)."""

    folder: Path
    result: CheckResult | None
    error: InputError | None = None
    totals: tuple = ()
    notes: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    unchanged_sheets: tuple[str, ...] = ()  # workbook sheets holding last year's rows (the file itself changed)


def check_one_case(folder: Path, rulebook: RuleBook, previous: CheckResult | None = None,
                   case_file: CaseFile | None = None) -> CheckResult:
    """check_case, with a rule that cannot compute its deduction or text reported as bad input
    (its file named) rather than a crash, and a folder jixiao may not look into named as such.
    `case_file`: the folder's case.yaml as read_case_file read it. Raises InputError."""
    enterable(folder)
    started = time.perf_counter()
    try:
        result = check_case(folder, rulebook, previous=previous, case_file=case_file)
        LOG.info("%s: checked in %.3f s", folder, time.perf_counter() - started)
        return result
    except RuleError as exc:
        raise InputError([Problem(exc.file, exc.message)]) from None
    except OSError as exc:  # a refusal a reader did not name (every write is named where it happens)
        if exc.errno not in USER_FIXABLE:
            raise
        raise InputError([os_problem(exc.filename or folder, exc, reading=True)]) from None


def check_with_history(folder: Path, rulebook: RuleBook) -> CaseRun:
    """One case, after its earlier years (sibling folders of the same case): last year's result
    is passed on, so this year's findings are matched with it. An earlier year that cannot be
    checked, or a sibling folder that cannot be read, is left out with a note naming it and why;
    when last year's result is missing for either reason, this year's findings are not_compared
    (not new). Raises InputError when the case itself cannot be checked."""
    folder = Path(folder)
    enterable(folder)
    refused: list = []
    unreadable: list[Problem] = []
    years = sibling_years(folder, refused, unreadable) if folder.is_dir() else {}
    notes = [f"{path}: a link leading out of {folder.parent}: not read, not used for year-over-year"
             for path in refused]
    notes += [f"{problem} — not known whether it is an earlier year of this case: not used for year-over-year"
              for problem in unreadable]
    previous, totals, failed = None, [], set()
    for year, path in years.items():
        if path.resolve() == folder.resolve():
            break
        try:
            previous = check_one_case(path, rulebook,
                                      previous if previous is not None and previous.case.year == year - 1 else None)
            totals.append((year, previous.scores.total, previous.scores.provisional))
        except InputError as exc:
            notes.append(not_used(path, year, exc))
            failed.add(year)
            previous = None
    own = year_of(years, folder)
    if previous is not None and previous.case.year != own - 1:
        previous = None
    result = check_one_case(folder, rulebook, previous)
    foreign = foreign_last_year(result)
    if previous is None and (refused or unreadable or own - 1 in failed or foreign):
        result, note = uncompared(result, foreign)
        notes.append(note)
    unchanged = unchanged_files(result.case, years[own - 1]) if own - 1 in years else ()
    sheets = unchanged_sheets(result.case, previous.case, unchanged) if previous is not None else ()
    return CaseRun(folder, result, None, (*totals, (result.case.year, result.scores.total, result.scores.provisional)),
                   tuple(notes), unchanged, sheets)


def not_used(folder: Path, year: int, error: InputError) -> Message:
    """The note on an earlier year that could not be checked: its first problem, and how many more
    (a Message, said in the run's language; the problem in English, as a problem's text is kept)."""
    more = len(error.problems) - 1
    return Message("run.not_used_more" if more else "run.not_used",
                   {"folder": folder, "year": year, "problem": error.problems[0], "more": more})


def uncompared(result: CheckResult, why: Message | str = "") -> tuple[CheckResult, Message]:
    """The result with its findings marked not_compared, and the note that says so (`why`: the
    reason when it is known here, e.g. from foreign_last_year)."""
    year = result.case.year
    why = why or Message("run.unreadable_last_year")
    note = Message("run.uncompared", {"folder": result.case.directory, "year": year - 1, "why": why})
    return replace(result, history=not_compared(result.findings), previous_year=year - 1, previous_note=why), note


def foreign_last_year(result: CheckResult) -> Message | str:
    """Why the folder named for last year beside this one is not this case's ('' when there is
    none, or it is): its case.yaml names another case. (One naming another year cannot be read
    as any year: jixiao.load.years.)"""
    return _foreign(Path(result.case.directory), result.case.case, result.case.year)


def _foreign(folder: Path, case: str, year: int) -> Message | str:
    sibling = folder.parent / str(year - 1)
    try:
        found = case_and_year(sibling) if (sibling / CASE_FILE).is_file() else None
    except OSError:  # a folder that may not be looked into: said where the siblings are listed
        found = None
    if found is not None and found[0] != case:
        return Message("run.foreign", {"folder": sibling.name, "other": found[0], "case": case})
    return ""


def check_cases(folders: Iterable[Path], rulebook: RuleBook) -> Iterator[CaseRun]:
    """Every case, in the order given; a case that cannot be checked comes back with its error
    and the others still complete. A case gets last year's result when that year was checked
    earlier in the run (list folders in path order, as find_cases does, and years come first);
    when last year's folder could not be read or checked, its findings are not_compared."""
    # Each result by its folder, and each case's totals by year: what a later year looks up,
    # found directly rather than by scanning every case checked so far. Each case.yaml is read
    # once: for the case's name and year among its siblings, and for the check.
    done = _Done()
    totals_of: dict[str, dict[int, tuple]] = {}
    for folder in folders:
        names: list[str] = []
        try:
            case_file = read_case_file(folder)
            previous, known, last = _previous_of(folder, done, _declared(folder, case_file), names)
            result = check_one_case(folder, rulebook, previous, case_file)
        except InputError as exc:
            yield CaseRun(Path(folder), None, exc)
            continue
        notes = ()
        # (no folder named for last year beside it, as its siblings were listed: none of another case)
        foreign = foreign_last_year(result) if not names or str(result.case.year - 1) in names else ""
        if previous is None and (not known or foreign):
            result, note = uncompared(result, foreign)
            notes = (note,)
        done.add(result.case.directory, result)
        years = totals_of.setdefault(result.case.case, {})
        years[result.case.year] = (result.case.year, result.scores.total, result.scores.provisional)
        unchanged = unchanged_files(result.case, last) if last is not None else ()
        sheets = unchanged_sheets(result.case, previous.case, unchanged) if previous is not None else ()
        yield CaseRun(Path(folder), result, None, tuple(sorted(years.values())), notes, unchanged, sheets)


def alone(result: CheckResult) -> CheckResult:
    """A result checked without its earlier years (by a batch's worker): its findings are
    not_compared when the case has a last year, or may have (a sibling folder not read)."""
    return with_standing(result, standing_alone(result.case.directory, (result.case.case, result.case.year)))


def standing_alone(folder: Path, declared: tuple[str, int] | None = None) -> Message | str | None:
    """How a case checked without its earlier years stands year over year, from its folder and
    its siblings' case.yaml alone (what a worker that sees only the case's own files cannot
    find out): None when it has no last year, else why its findings are not_compared ('' for
    the usual reason); `declared`: its (case, year), when known. Raises InputError as
    sibling_years does (two folders of one year)."""
    folder = Path(folder)
    declared = declared or case_and_year(folder)
    foreign = _foreign(folder, *declared) if declared is not None else ""
    return None if _previous_of(folder, _Done(), declared)[1] and not foreign else foreign


def with_standing(result: CheckResult, standing: Message | str | None) -> CheckResult:
    """The result as standing_alone says it stands."""
    return result if standing is None else uncompared(result, standing)[0]


class _Done:
    """The results of a run so far, each by its folder: found by the path as given (a later
    year's sibling is named as the run names folders) or else by the path with its links
    followed, which is worked out only when a path as given is not found."""

    def __init__(self) -> None:
        self.given: dict[str, CheckResult] = {}
        self.resolved: dict[str, CheckResult] | None = None

    def add(self, folder, result: CheckResult) -> None:
        self.given[str(folder)] = result
        if self.resolved is not None:
            self.resolved[str(Path(folder).resolve())] = result

    def get(self, folder) -> CheckResult | None:
        found = self.given.get(str(folder))
        if found is None:
            if self.resolved is None:
                self.resolved = {str(Path(f).resolve()): r for f, r in self.given.items()}
            found = self.resolved.get(str(Path(folder).resolve()))
        return found


def _declared(folder: Path, case_file: CaseFile | None) -> tuple[str, int] | None:
    """(case, year) as case_and_year finds them, from case.yaml as read (None when it was not)."""
    try:
        return declared_in(folder, case_file.data) if case_file is not None else None
    except InputError:
        return None


def _previous_of(folder: Path, done: _Done, declared: tuple[str, int] | None = None, names: list | None = None
                 ) -> tuple[CheckResult | None, bool, Path | None]:
    """Last year's result of the same case, when it was checked earlier in this run (`done`: each
    result by its folder); whether that is known (False when last year's folder is there but was
    not checked, or a sibling folder could not be read or was refused); and last year's folder,
    when there is one. `declared`, `names`: as sibling_years takes them."""
    refused: list = []
    unreadable: list = []
    years = sibling_years(folder, refused, unreadable, declared, names)
    year = year_of(years, folder)
    last = years.get(year - 1)
    found = done.get(last) if last is not None else None
    if found is not None and found.case.year == year - 1:
        return found, True, years.get(year - 1)
    return None, not (refused or unreadable or year - 1 in years), years.get(year - 1)


def year_of(years: dict, folder: Path) -> int:
    """The year a case folder stands for among its case's years ({year: folder}), or 0."""
    folder = Path(folder)
    # the folder itself is among them as given (sibling_years lists it so): no path resolved then
    return next((y for y, p in years.items() if p == folder), 0) or \
        next((y for y, p in years.items() if p.resolve() == folder.resolve()), 0)


FAIL_ON = ("deduction", "provisional", "integrity")


def meets(result: CheckResult, conditions) -> bool:
    """Whether a result meets one of these conditions (names from FAIL_ON; `check --fail-on`): a
    finding that deducts points, a provisional total, an integrity note."""
    met = {"deduction": any(f.deduction > 0 for f in result.findings), "provisional": result.scores.provisional,
           "integrity": bool(result.integrity)}
    return any(met[c] for c in conditions)
