"""Commands that bring data in: `template` (the data-collection workbook, 基础数据表)."""

from __future__ import annotations

from pathlib import Path

from ..disk.atomic import check_apart, write_files
from ..load.case_folder import load_case
from ..model.problems import InputError, Problem
from .common import EXIT_OK, rulebook_of


def cmd_template(args) -> int:
    """Write the data-collection workbook of a scheme (filled from --case) to a new .xlsx file."""
    target = Path(args.file)
    if target.suffix.lower() != ".xlsx":
        raise InputError([Problem(str(target), "模板文件应以 .xlsx 结尾 the workbook's name ends in .xlsx",
                                  found=target.suffix or target.name, allowed="e.g. 基础数据表.xlsx")])
    if target.exists() or target.is_symlink():
        raise InputError([Problem(str(target), "文件已存在，jixiao 不会覆盖 the file exists: jixiao does not overwrite "
                                  "it (it may be a filled-in workbook)", allowed="a new file name, or delete the file")])
    rulebook = rulebook_of(args)
    case = None
    if args.case is not None:
        check_apart(target.parent, [Path(args.case)], option="FILE")  # never a new fact file inside the case
        case = load_case(Path(args.case), rulebook.schemas)
    from ..authoring.workbook_template import template_bytes  # lazily: openpyxl is for this command only
    data = template_bytes(rulebook, args.scheme, case=case, year=args.year)
    written = write_files(target.parent, {target.name: data})
    for path in written:
        print(f"jixiao: wrote {path}")
    return EXIT_OK
