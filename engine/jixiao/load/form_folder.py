"""A case folder holding several self-evaluation forms (one per project): each form is its own
case. The folder's case.yaml names a scheme that is built from a form (rules/schemes/ with
`form:`), and the folder holds more than one workbook; each workbook is then checked on its own,
as the case `<case>-<file name>` of the folder's year, with the folder's case.yaml (scheme, year,
sources) and nothing else of the folder. A unit is named by the workbook's path
(`facts/县财政局/2023/农村饮水.xlsx`): `jixiao check` accepts that path too.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.facts import CASE_FILE
from ..model.problems import InputError
from .yaml_source import load_yaml, plain

WORKBOOK = ".xlsx"


def is_form_unit(path: Path) -> bool:
    """Whether `path` names one form of a case folder (a workbook beside a case.yaml)."""
    path = Path(path)
    return path.suffix.lower() == WORKBOOK and path.is_file() and (path.parent / CASE_FILE).is_file()


def form_units(folder: Path, form_schemes) -> list[Path]:
    """The workbooks of a case folder that holds several forms, in name order; [] for any other
    folder (one workbook, or a scheme not built from forms, or a case.yaml that cannot be read:
    checking the folder says what is wrong with it). `form_schemes`: the ids of the schemes
    built from forms."""
    folder = Path(folder)
    try:
        books = sorted(entry.name for entry in os.scandir(folder)
                       if entry.name.lower().endswith(WORKBOOK) and not entry.name.startswith("~$")
                       and entry.is_file())
    except OSError:
        return []
    if len(books) < 2:
        return []
    try:
        manifest = plain(load_yaml(folder / CASE_FILE))
    except (InputError, OSError):
        return []
    if not isinstance(manifest, dict) or manifest.get("scheme") not in form_schemes:
        return []
    return [folder / name for name in books]


def expand(folders: list[Path], form_schemes) -> list[Path]:
    """The case folders with each folder of several forms replaced by its forms (form_units)."""
    units = []
    for folder in folders:
        units += form_units(folder, form_schemes) or [folder]
    return units


def unit_case(case: str, path: Path) -> str:
    """The case id of one form of a folder of several: the folder's case and the file's name."""
    return f"{case}-{Path(path).stem}"
