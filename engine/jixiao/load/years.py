"""The other years of a case: sibling folders whose case.yaml names the same case (read for
year-over-year), never one behind a link out of the case's folder; two folders of one case
and year are refused."""

from __future__ import annotations

import os
from pathlib import Path

from ..disk.folders import inside
from ..disk.refusals import os_problem
from ..model.facts import CASE_FILE
from ..model.problems import InputError, Problem
from .yaml_source import load_yaml


def sibling_years(facts_dir: Path, refused: list | None = None) -> dict[int, Path]:
    """The other years of the same case: sibling folders whose case.yaml names the same case.
    A sibling that is a link leading out of the case's folder (facts/<case>/), or whose
    case.yaml is one, is not read: it is added to `refused` (a list of Paths). Raises
    InputError when two of them declare the same year (which one is last year's?) or when the
    folder holding them cannot be listed."""
    facts_dir = Path(facts_dir)
    own = case_and_year(facts_dir)
    if own is None:
        return {}
    parent = os.path.realpath(facts_dir.parent)
    years: dict[int, Path] = {}
    try:
        siblings = sorted(facts_dir.parent.iterdir())
    except OSError as exc:
        raise InputError([os_problem(facts_dir.parent, exc, reading=True)]) from None
    for folder in siblings:
        if folder != facts_dir and not (inside(folder, parent) and inside(folder / CASE_FILE, os.path.realpath(folder))):
            if refused is not None and (folder / CASE_FILE).exists():
                refused.append(folder)
            continue
        found = case_and_year(folder)
        if found is None or found[0] != own[0]:
            continue
        if found[1] in years:
            raise InputError([duplicate(folder, years[found[1]], found)])
        years[found[1]] = folder
    return dict(sorted(years.items()))


def duplicate(folder: Path, first: Path, key: tuple):
    """The problem of a second folder declaring the case and year `key` of `first`."""
    return Problem(str(Path(folder) / CASE_FILE), f"案例重复 case {key[0]} {key[1]} is also declared by "
                   f"{Path(first) / CASE_FILE}; each case and year is one folder: change `case` or `year` in "
                   "one of them (a copied folder?)")


def case_and_year(folder: Path):
    """(case, year) as the folder's case.yaml declares them, or None (no case.yaml, a broken one
    — reported when the case itself is checked — or one that is a link out of its folder, which
    is not read: load_case says so)."""
    if not inside(folder / CASE_FILE, os.path.realpath(folder)):
        return None
    try:
        data = load_yaml(folder / CASE_FILE) if (folder / CASE_FILE).is_file() else None
    except Exception:
        return None
    if isinstance(data, dict) and isinstance(data.get("case"), str) and isinstance(data.get("year"), int):
        return data["case"], data["year"]
    return None
