"""Checking cases with their earlier years: one case (its sibling years first, so its findings
are matched year over year), or many in one run (each with last year's result when that was
checked earlier in the run). What the user should hear on the way comes back as notes; the
caller decides how to say it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from ..load.rulebook import RuleBook
from ..load.years import case_and_year, sibling_years
from ..model.facts import CASE_FILE
from ..model.problems import InputError, Problem
from ..model.results import CheckResult, HistoryItem
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
    previous, totals, failed = None, [], {}
    for year, path in years.items():
        if path.resolve() == folder.resolve():
            break
        try:
            previous = check_one_case(path, rulebook,
                                      previous if previous is not None and previous.case.year == year - 1 else None)
            totals.append((year, previous.scores.total, previous.scores.provisional))
        except InputError as exc:
            failed[path.resolve()] = why = f"无法检查 could not be checked ({len(exc.problems)} problem(s))"
            notes.append(f"{path}: not used for year-over-year ({len(exc.problems)} problem(s))")
            previous = None
    if previous is not None and previous.case.year != year_of(years, folder) - 1:
        previous = None
    result = check_one_case(folder, rulebook, previous)
    if previous is None:
        result, note = last_year_unused(result, refused, failed)
        notes += [note] if note else []
    return CaseRun(folder, result, None, (*totals, (result.case.year, result.scores.total, result.scores.provisional)),
                   tuple(notes))


def last_year_unused(result: CheckResult, refused: Iterable[Path] = (), failed: dict | None = None) -> tuple:
    """A case checked without last year's result while last year's folder is there (a sibling
    named for the year before, or one of the same case and that year that could not be
    checked): its findings cannot be told new or repeated. Returns the result with every
    finding marked `unassessed_before` and the reason kept for the report
    (CheckResult.previous_note), and a note for the user: '' when there is no such folder, or
    when it was reported already (`refused`: links out of the case's folder; `failed`: resolved
    path -> why, the folders that could not be checked)."""
    case, failed = result.case, failed or {}
    before = case.year - 1
    sibling = Path(case.directory).parent / str(before)
    why, noted = _why_unused(sibling, case.case, before, refused, failed)
    if not why:
        return result, ""
    history = [HistoryItem(f.fingerprint, f.rule, f.indicator, "unassessed_before", f.text, "")
               for f in result.findings]
    result = replace(result, previous_year=before, history=history, previous_note=f"{sibling.name}/：{why}")
    if noted:
        return result, ""
    return result, f"{sibling}: 上年资料未使用，本年发现无法与上年比对 not used for year-over-year: {why}"


def _why_unused(sibling: Path, case: str, before: int, refused, failed: dict) -> tuple[str, bool]:
    """Why last year's folder was not used ('' when there is none), and whether that was said already."""
    for path, why in failed.items():
        if case_and_year(path) == (case, before) or path == sibling.resolve():
            return why, True
    if any(Path(p).name == sibling.name for p in refused):
        return "链接指向案例文件夹之外，未读取 a link leading out of the case's folder", True
    if not (sibling / CASE_FILE).is_file():
        return "", False
    found = case_and_year(sibling)
    if found is None:
        return "case.yaml 无法读取 its case.yaml cannot be read", False
    if found[0] != case:
        return f"case.yaml 写的是另一个案例 {found[0]}（本案例 {case}） its case.yaml names another case", \
            False
    if found[1] != before:
        return f"case.yaml 写的年度是 {found[1]}，不是 {before} its case.yaml names another year", False
    return "", False


def check_cases(folders: Iterable[Path], rulebook: RuleBook) -> Iterator[CaseRun]:
    """Every case, in the order given; a case that cannot be checked comes back with its error
    and the others still complete. A case gets last year's result when that year was checked
    earlier in the run (list folders in path order, as find_cases does, and years come first)."""
    done: dict[tuple[str, int], CheckResult] = {}
    failed: dict[Path, str] = {}
    for folder in folders:
        try:
            previous = _previous_of(folder, done)
            result = check_one_case(folder, rulebook, previous)
        except InputError as exc:
            failed[Path(folder).resolve()] = f"无法检查 could not be checked ({len(exc.problems)} problem(s))"
            yield CaseRun(Path(folder), None, exc)
            continue
        notes: tuple = ()
        if previous is None:
            result, note = last_year_unused(result, (), failed)
            notes = (note,) if note else ()
        done[(result.case.case, result.case.year)] = result
        totals = sorted((y, r.scores.total, r.scores.provisional) for (c, y), r in done.items() if c == result.case.case)
        yield CaseRun(Path(folder), result, None, tuple(totals), notes)


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
