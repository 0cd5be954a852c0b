"""The other years of a case: sibling folders whose case.yaml names the same case (read for
year-over-year), never one behind a link out of the case's folder; two folders of one case
and year are refused."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..disk.folders import within
from ..disk.refusals import os_problem
from ..model.facts import CASE_FILE, Case
from ..model.messages import Message
from ..model.problems import InputError, Problem
from .yaml_source import load_yaml


def sibling_years(facts_dir: Path, refused: list | None = None, unreadable: list | None = None,
                  own: tuple[str, int] | None = None, names: list | None = None) -> dict[int, Path]:
    """The other years of the same case: sibling folders whose case.yaml names the same case.
    A sibling that is a link leading out of the case's folder (facts/<case>/), or whose
    case.yaml is one, is not read: it is added to `refused` (a list of Paths). A sibling that
    cannot be read, or whose case.yaml declares no case and year, may be a year of the case or
    not: its Problem is added to `unreadable` (as is the case's folder when it cannot be
    listed); without that list, InputError. Raises InputError when two of them declare the
    same year (which one is last year's?). `own`: the (case, year) the folder's case.yaml
    declares, when the caller has just read it (a checked case's: not read again). `names`: a
    list to which the names of the folders beside it are added, when they could be listed."""
    facts_dir = Path(facts_dir)
    name = facts_dir.name
    if own is None or (name.isdigit() and len(name) == 4 and int(name) != own[1]):
        own = case_and_year(facts_dir)  # (a year other than the folder's name: as case_and_year reads it, None)
    if own is None:
        return {}
    years: dict[int, Path] = {}
    parent = facts_dir.parent
    try:  # (in the order of their paths; a Path made only for a folder other than this one)
        listed = sorted(os.listdir(parent), key=os.path.normcase)
    except OSError as exc:
        return _unknown(os_problem(parent, exc, reading=True), unreadable, {own[1]: facts_dir})
    if names is not None:
        names += listed
    for entry in listed:
        folder = facts_dir if entry == name else parent / entry
        if folder is not facts_dir and not (within(facts_dir.parent, folder.name) and within(folder, CASE_FILE)):
            if refused is not None and os.path.exists(folder / CASE_FILE):
                refused.append(folder)
            continue
        try:
            found = own if folder is facts_dir else declared(folder)
        except InputError as exc:
            _unknown(exc.problems[0], unreadable, years)
            continue
        if found is None or found[0] != own[0]:
            continue
        if found[1] in years:
            raise InputError([duplicate(folder, years[found[1]], found)])
        years[found[1]] = folder
    return dict(sorted(years.items()))


def _unknown(problem: Problem, unreadable: list | None, years: dict) -> dict:
    if unreadable is None:
        raise InputError([problem])
    unreadable.append(problem)
    return years


def duplicate(folder: Path, first: Path, key: tuple):
    """The problem of a second folder declaring the case and year `key` of `first`."""
    return Problem.said(Path(folder) / CASE_FILE, Message("case.twice", {"case": key[0], "year": key[1],
                                                                         "other": Path(first) / CASE_FILE}))


def case_and_year(folder: Path):
    """(case, year) as the folder's case.yaml declares them, or None (no case.yaml, a broken one
    — reported when the case itself is checked — or one that is a link out of its folder, which
    is not read: load_case says so)."""
    try:
        return declared(folder)
    except InputError:
        return None


def declared(folder: Path):
    """(case, year) as the folder's case.yaml declares them, or None when it has none (or one
    that is a link out of the folder, which is not read). Raises InputError when the folder or
    its case.yaml cannot be read, declares no case (text) and year (a number), or a year other
    than its folder's name (when that is a year)."""
    if not within(folder, CASE_FILE):
        return None
    try:
        if not (folder / CASE_FILE).is_file():
            return None
    except OSError as exc:  # a folder that may not be looked into
        raise InputError([os_problem(folder, exc, reading=True)]) from None
    return declared_in(folder, load_yaml(folder / CASE_FILE))


def declared_in(folder: Path, data):
    """(case, year) as `data`, the folder's case.yaml as read, declares them (declared: raises
    InputError as it does)."""
    folder = Path(folder)
    if isinstance(data, dict) and isinstance(data.get("case"), str) and isinstance(data.get("year"), int) \
            and not isinstance(data.get("year"), bool):
        if folder.name.isdigit() and len(folder.name) == 4 and int(folder.name) != data["year"]:
            # which year is it? Neither may stand in for last year's facts (load_case says more)
            raise InputError([Problem.said(folder / CASE_FILE, Message("case.declared_year", {
                "year": data["year"], "folder": folder.name}))])
        return data["case"], data["year"]
    raise InputError([Problem.said(folder / CASE_FILE, Message("case.declares_nothing"))])


def declared_fields(folder: Path) -> dict:
    """What the folder's case.yaml says of `case` (text) and `year` (a number), each when it can
    be read (for the row of a case that could not be checked); {} when nothing can."""
    try:
        data = load_yaml(folder / CASE_FILE) if within(folder, CASE_FILE) else None
    except InputError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: data[key] for key, kind in (("case", str), ("year", int))
            if isinstance(data.get(key), kind) and not isinstance(data.get(key), bool)}


def unchanged_sheets(case: Case, last_year: Case, files: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The sheets of a workbook (基础数据表.xlsx[绩效目标]) whose rows hold last year's values in
    the same workbook and sheet, row for row: a workbook copied forward and changed elsewhere
    (next-year writes its prior findings) is no longer byte-identical, but these sheets are
    still last year's. Those of `files` (byte-identical already) are not repeated. In name order."""
    def by_sheet(of: Case) -> dict[str, list]:
        found: dict[str, list] = {}
        for rows in of.tables.values():
            for row in rows:
                if row.file and row.file.endswith("]") and "[" in row.file:
                    found.setdefault(row.file, []).append(row.values)
        return found
    now, then = by_sheet(case), by_sheet(last_year)
    return tuple(sorted(place for place, rows in now.items()
                        if then.get(place) == rows and place.split("[", 1)[0] not in files))


def unchanged_files(case: Case, last_year: Path) -> tuple[str, ...]:
    """The fact files of a case (the files it read, but case.yaml) whose bytes are those of the
    file of the same name in last year's folder: copied forward and, perhaps, never updated.
    In name order; a file of last year's that cannot be read counts as different."""
    same = []
    for name, digest in sorted(case.digests.items()):
        if name == CASE_FILE:
            continue
        try:
            if hashlib.sha256((Path(last_year) / name).read_bytes()).hexdigest() == digest:
                same.append(name)
        except OSError:
            continue
    return tuple(same)
