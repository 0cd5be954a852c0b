"""Commands that bring data in: `template` (the data-collection workbook, 基础数据表). Each prints
what jixiao.authoring.case_files returns."""

from __future__ import annotations

from ..authoring.case_files import write_template
from .common import EXIT_OK, rulebook_of


def cmd_template(args) -> int:
    """Write the data-collection workbook of a scheme (filled from --case) to a new .xlsx file."""
    for path in write_template(rulebook_of(args), args.scheme, args.file, args.case, args.year):
        print(f"jixiao: wrote {path}")
    return EXIT_OK
