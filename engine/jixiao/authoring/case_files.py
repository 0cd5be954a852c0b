"""Files an evaluator starts from: the data-collection workbook (基础数据表) of a scheme, written
to a new file (`jixiao template`)."""

from __future__ import annotations

from pathlib import Path

from ..disk.atomic import check_apart, write_files
from ..load.case_folder import load_case
from ..load.rulebook import RuleBook
from ..model.problems import InputError, Problem


def write_template(rulebook: RuleBook, scheme_id: str, target: Path, case_folder: Path | None = None,
                   year: int | None = None) -> list[Path]:
    """Write the data-collection workbook of a scheme (jixiao.authoring.workbook_template) to
    `target`, a new .xlsx file, filled with the facts of `case_folder` when given (and for its
    year, unless `year`). Returns the paths written. Raises InputError for a name not ending in
    .xlsx, a file that exists (it may be a filled-in workbook), a target inside the case folder,
    an unknown scheme or a case that cannot be read; OutputError when it cannot be written."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise InputError([Problem(str(target), "模板文件应以 .xlsx 结尾 the workbook's name ends in .xlsx",
                                  found=target.suffix or target.name, allowed="e.g. 基础数据表.xlsx")])
    if target.exists() or target.is_symlink():
        raise InputError([Problem(str(target), "文件已存在，jixiao 不会覆盖 the file exists: jixiao does not overwrite "
                                  "it (it may be a filled-in workbook)", allowed="a new file name, or delete the file")])
    case = None
    if case_folder is not None:
        check_apart(target.parent, [Path(case_folder)], option="FILE")  # never a new fact file inside the case
        case = load_case(Path(case_folder), rulebook.schemas)
    from .workbook_template import template_bytes  # lazily: openpyxl is for these commands only (start-up time)
    return write_files(target.parent, {target.name: template_bytes(rulebook, scheme_id, case=case, year=year)})

