"""Commands that bring data in: `template` (the data-collection workbook, 基础数据表) and
`next-year` (next year's folder of a case). Each prints what jixiao.authoring.case_files returns."""

from __future__ import annotations

from ..authoring.case_files import next_year, next_year_lines, write_template
from ..report.labels import FIXED
from .common import EXIT_OK, messages_in, rulebook_of


def cmd_template(args) -> int:
    """Write the data-collection workbook of a scheme (filled from --case) to a new .xlsx file."""
    written = write_template(rulebook_of(args), args.scheme, args.file, args.case, args.year, messages_in(args))
    print(FIXED["written"].format(files=", ".join(str(path) for path in written)))  # as check says it
    return EXIT_OK


def cmd_next_year(args) -> int:
    """Write next year's folder of a case from this year's, and say what is still last year's."""
    for line in next_year_lines(next_year(rulebook_of(args), args.folder), messages_in(args)):
        print(line)
    return EXIT_OK
