"""Files an evaluator starts from: the data-collection workbook (基础数据表) of a scheme, written
to a new file (`jixiao template`); a new case folder with its case.yaml and that workbook
(`jixiao new case`); and next year's folder of a case, made from this year's and jixiao's own
results of it (`jixiao next-year`). Nothing is ever written over: each is a new file or folder."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..check.forms import form_scheme_ids
from ..check.rulebook import in_force
from ..check.runs import check_with_history
from ..disk import atomic
from ..disk.atomic import check_apart, write_files
from ..disk.reading import enterable
from ..load.case_folder import load_case
from ..load.case_manifest import load_manifest
from ..load.rulebook import RuleBook
from ..load.titles import column_code
from ..load.years import declared
from ..model.facts import CASE_FILE
from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems, meant
from ..model.results import CheckResult, shown_deductions
from ..model.vocabulary import INSTRUCTIONS_SHEET, PROJECT_PLACEHOLDER
from ..report.common import deduction
from ..report.data_labels import CASE_FILE_TEXT, DATA_WORDS
from ..report.labels import get


def write_template(rulebook: RuleBook, scheme_id: str, target: Path, case_folder: Path | None = None,
                   year: int | None = None, lang: str = "zh") -> list[Path]:
    """Write the data-collection workbook of a scheme (jixiao.authoring.workbook_template) to
    `target`, a new .xlsx file, filled with the facts of `case_folder` when given (and for its
    year, unless `year`). Returns the paths written. Raises InputError for a name not ending in
    .xlsx, a file that exists (it may be a filled-in workbook), a target inside the case folder,
    an unknown scheme or a case that cannot be read; OutputError when it cannot be written."""
    target = Path(target)
    scheme_id = _scheme_id(rulebook, scheme_id)
    if target.suffix.lower() != ".xlsx":
        raise InputError([Problem.said(target, Message("new.xlsx"), found=target.suffix or target.name,
                                       allowed=Message("new.xlsx_allowed", {"name": WORKBOOK}))])
    if target.exists() or target.is_symlink():
        raise InputError([Problem.said(target, Message("new.file_exists"), allowed=Message("new.file_exists_allowed"))])
    case = None
    if case_folder is not None:
        check_apart(target.parent, [Path(case_folder)], option="FILE")  # never a new fact file inside the case
        case = load_case(Path(case_folder), rulebook.schemas, form_schemes=form_scheme_ids(rulebook))
    from .workbook_template import template_bytes  # lazily: openpyxl is for these commands only (start-up time)
    return write_files(target.parent, {target.name: template_bytes(rulebook, scheme_id, case=case, year=year,
                                                                        lang=lang)})


def _scheme_id(rulebook: RuleBook, given: str) -> str:
    """A scheme named by its id, or by the path of its file (rules/schemes/<id>.yaml, as a user
    who has it open in an editor types it): the id."""
    if given in rulebook.schemes:
        return given
    path = Path(given)
    for scheme in rulebook.schemes.values():
        if path.suffix.lower() in (".yaml", ".yml") and path.exists() and Path(scheme.file).resolve() == path.resolve():
            return scheme.id
    return given  # unknown: refused with the ids by scheme_tables


WORKBOOK = DATA_WORDS["case_workbook"]  # the data-collection workbook a new case folder starts with
PRIOR_FINDINGS = "prior_findings"  # the table of last year's findings and their rectification


def new_case(rulebook: RuleBook, case_id: str, year: int, scheme_id: str, facts: Path = Path("facts")) -> list[Path]:
    """Write <facts>/<case_id>/<year>/ with a case.yaml (case, year, scheme, a project name to fill
    in) and the scheme's data-collection workbook for that year (WORKBOOK, empty). Returns the
    paths written. Raises InputError for a case id that cannot name folders, an implausible
    year, an unknown scheme, or a folder that exists already (never overwritten); OutputError
    when it cannot be written."""
    if scheme_id not in rulebook.schemes:
        raise InputError([Problem.said("--scheme", Message("new.no_scheme", {"meant": meant(scheme_id, rulebook.schemes)}),
                                       found=scheme_id, allowed=", ".join(sorted(rulebook.schemes)))])
    text = CASE_FILE_TEXT.format(case=case_id, year=year, scheme=scheme_id, workbook=WORKBOOK, project=PROJECT_PLACEHOLDER)
    with tempfile.TemporaryDirectory() as trial:  # the id and year as typed, read as check reads them: no folder yet
        (Path(trial) / CASE_FILE).write_text(text, encoding="utf-8")
        load_manifest(Path(trial), Problems())
    target = Path(facts) / case_id / str(year)
    _refuse_existing(target)
    from .workbook_template import template_bytes  # lazily: openpyxl is for these commands only (start-up time)
    files = {CASE_FILE: text.encode("utf-8"), WORKBOOK: template_bytes(rulebook, scheme_id, year=year)}
    _write_new(target, files, "--facts")
    return [target / name for name in files]


def new_case_lines(paths: list[Path], lang: str = "zh") -> list[str]:
    """What `jixiao new case` says: each file written, and what to do next."""
    t = get(lang)["case_files"]
    return [t["created"].format(path=path) for path in paths] + [t["new_case_next"].format(
        case=paths[0].parent / CASE_FILE, workbook=paths[-1].name, folder=paths[0].parent)]




@dataclass(frozen=True)
class NextYear:
    """What `next_year` wrote: the new folder and its year; the files copied as they were (still
    byte-identical to last year's: each to be updated); the lines that still name the old year
    (case.yaml line by line: (file, line number, text); other files: (file, how many lines, ""));
    how many of this year's findings became next year's prior findings (None: the scheme does not
    read them), and the workbook sheet they were written to, when this year's came from one
    (基础数据表.xlsx[上年…]: its other sheets are copied as they were); the lines of case.yaml whose titles were
    moved on to the new year ((line number, new text))."""

    folder: Path
    year: int
    copied: tuple[str, ...]
    old_year: tuple[tuple[str, int, str], ...]
    prior_findings: int | None
    prior_workbook: str | None = None
    retitled: tuple[tuple[int, str], ...] = ()


def next_year(rulebook: RuleBook, folder: Path) -> NextYear:
    """Write next year's folder of a case beside `folder` (<parent>/<year + 1>/) from this year's:
    every fact file copied, case.yaml with its year moved on, and — when the scheme's rules of
    next year read `prior_findings` — this year's findings, as jixiao's check of this year (with
    its earlier years) gives them, as next year's prior_findings.yaml, each with its
    `rectification` left for the evaluator to fill in. Raises InputError when `folder` is no case
    folder or cannot be checked (every problem named), when next year's folder exists (never
    overwritten) or case.yaml has no `year: YYYY` line; OutputError when it cannot be written."""
    folder = Path(folder)
    enterable(folder)
    found = declared(folder)
    if found is None:
        raise InputError([Problem.said(folder / CASE_FILE, Message("new.no_case_file"))])
    year = found[1]
    target = folder.parent / str(year + 1)
    _refuse_existing(target)
    manifest = (folder / CASE_FILE).read_bytes().decode("utf-8")
    line = YEAR_LINE.search(manifest)
    if line is None or line.group(2) != str(year):
        raise InputError([Problem.said(folder / CASE_FILE, Message("new.no_year_line"), key="year",
                                       allowed=Message("new.year_line_allowed", {"year": year}))])
    moved = manifest[:line.start(2)] + str(year + 1) + manifest[line.end(2):]
    moved, retitled = _move_titles(moved, year)
    result = check_with_history(folder, rulebook).result
    _, rules = in_force(rulebook, result.case.scheme, year + 1)
    reads_prior = any(PRIOR_FINDINGS in rule.tables for rule in rules)
    placed = {SHEET_OF.match(Path(row.file).name).groups() for row in result.case.tables.get(PRIOR_FINDINGS, ())}
    if not placed and PRIOR_FINDINGS in result.case.files:  # an empty sheet (a new case's first year) is a place too
        placed = {SHEET_OF.match(Path(result.case.files[PRIOR_FINDINGS]).name).groups()}
    sources = {name for name, _ in placed}  # a workbook's rows are placed as 基础数据表.xlsx[sheet]
    workbook = next((name for name in sorted(sources) if Path(name).suffix.lower() == ".xlsx"), None)
    replaced = {name for name in sources if name != workbook} if reads_prior else set()
    copied = [name for name in sorted(result.case.digests) if name != CASE_FILE and name not in replaced]
    files = {CASE_FILE: moved.encode("utf-8"), **{name: (folder / name).read_bytes() for name in copied}}
    written = None
    if reads_prior and workbook is None:
        files[f"{PRIOR_FINDINGS}.yaml"] = prior_findings_yaml(result).encode("utf-8")
        written = len(result.findings)
    elif reads_prior:  # the workbook's own sheet of them gets this year's findings, in place of last year's
        sheet = next((s for name, s in placed if name == workbook and s), None)
        files[workbook] = _refilled(files[workbook], sheet, rulebook.schemas.tables[PRIOR_FINDINGS], result)
        written, workbook = len(result.findings), f"{workbook}[{sheet}]" if sheet else workbook
    _write_new(target, files, "FOLDER")
    old = [(CASE_FILE, number, text.strip()) for number, text in enumerate(moved.splitlines(), start=1)
           if _names_year(text, year)]
    for name in copied:
        lines = sum(_names_year(text, year) for text in _text_lines(files[name], skip=_sheet_of(workbook)))
        if lines:
            old.append((name, lines, ""))
    return NextYear(target, year + 1, tuple(copied), tuple(old), written, workbook if reads_prior else None,
                    tuple(retitled))


# case.yaml's titles of the project and its report name the project's year ("2017 年…资金"):
# next year's case is next year's project, so they move on with `year:`; the sources and the
# report date stay, listed, for the evaluator (they describe last year's documents).
TITLE_LINE = re.compile(r"^(project|report)([ \t]*:.*)$", re.MULTILINE)


def _year_pattern(year: int) -> re.Pattern:
    return re.compile(rf"(?<!\d){year}(?!\d)")  # 2017, not 20170 or 12017


def _names_year(text: str, year: int) -> bool:
    return _year_pattern(year).search(text) is not None


def _move_titles(manifest: str, year: int) -> tuple[str, list[tuple[int, str]]]:
    """case.yaml with the year in its `project:` and `report:` lines moved on by one, and those
    lines as (line number, new text)."""
    pattern, moved = _year_pattern(year), []

    def move(match: re.Match) -> str:
        line = pattern.sub(str(year + 1), match.group(0))
        if line != match.group(0):
            moved.append((manifest.count("\n", 0, match.start()) + 1, line.strip()))
        return line
    return TITLE_LINE.sub(move, manifest), moved


def next_year_lines(made: NextYear, lang: str = "zh") -> list[str]:
    """What `jixiao next-year` says of the folder it wrote, in `lang` ("zh" or "en"): the folder,
    the files still identical to last year's, the lines still naming the old year, and where
    last year's findings went."""
    t, old = get(lang)["case_files"], made.year - 1
    lines = [t["next_year_written"].format(folder=made.folder, year=made.year)]
    if made.copied:
        lines.append(t["next_year_copied"].format(n=len(made.copied), year=old, files=", ".join(made.copied)))
    for number, text in made.retitled:
        lines.append(t["next_year_retitled"].format(file=CASE_FILE, line=number, year=made.year, text=text))
    for name, count, text in made.old_year:
        cells = Path(name).suffix.lower() == ".xlsx"  # a workbook's count is of its cells
        lines.append(t["next_year_old_line"].format(file=name, line=count, year=old, text=text) if text
                     else t["next_year_old_cells" if cells else "next_year_old_lines"].format(file=name, n=count,
                                                                                              year=old))
    if made.prior_findings is not None:  # (none found: nothing to fill in, said so)
        lines.append(t["next_year_prior" if made.prior_findings else "next_year_prior_none"].format(
            n=made.prior_findings, year=old, file=made.prior_workbook or f"{PRIOR_FINDINGS}.yaml"))
    return lines


YEAR_LINE = re.compile(r"^(year:[ \t]*)(\d+)([ \t]*(?:#.*)?)$", re.MULTILINE)


def prior_findings_yaml(result: CheckResult) -> str:
    """This year's findings as next year's prior_findings table (YAML): an id (year-rule), the
    finding's text as the issue, jixiao's check as who raised it, the deduction as evidence, and
    `rectification` empty: the evaluator says how far each was rectified."""
    year, rows, seen = result.case.year, [], set()
    for finding, shown in zip(result.findings, shown_deductions(result)):
        key = f"{year}-{finding.rule}"
        number = 2
        while key in seen:
            key, number = f"{year}-{finding.rule}-{number}", number + 1
        seen.add(key)
        cut = (DATA_WORDS["prior_cut"].format(d=deduction(shown, result.scheme.precision)) if shown
               else get("zh")["no_cut"])  # as the reports showed it
        rows.append({"id": key, "issue": finding.text,
                     "raised_by": DATA_WORDS["prior_raised_by"].format(year=year, rule=finding.rule,
                                                                       indicator=finding.indicator),
                     "rectification": None,
                     "evidence": DATA_WORDS["prior_evidence"].format(year=year, indicator=finding.indicator, cut=cut),
                     "rule": finding.rule})  # next year's finding of the rule is this one, repeated, while open
    head = DATA_WORDS["prior_head"].format(year=year)
    return head + (yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000) if rows else "[]\n")


SHEET_OF = re.compile(r"^(.*?)(?:\[(.*)\])?$")  # 基础数据表.xlsx[上年…] -> the file and its sheet


def _refilled(data: bytes, sheet: str | None, schema, result: CheckResult) -> bytes:
    """The workbook (.xlsx bytes) with its prior findings sheet (`sheet`, or its only sheet)
    holding this year's findings, as prior_findings_yaml gives them, instead of last year's
    rows: each value under the header that names its column."""
    import openpyxl  # lazily, as in new_case: openpyxl is for these commands only (start-up time)
    rows = yaml.safe_load(prior_findings_yaml(result)) or []
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = book[sheet] if sheet else book.worksheets[0]
    codes = [column_code(schema, cell.value) for cell in found[1]]
    if found.max_row > 1:
        found.delete_rows(2, found.max_row - 1)
    for number, row in enumerate(rows, start=2):
        for index, code in enumerate(codes, start=1):
            if row.get(code) is not None:
                found.cell(number, index, row[code]).number_format = "@"  # as typed: text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_of(placed: str | None) -> str | None:
    """The sheet of a place written as 基础数据表.xlsx[sheet] (None for a file alone)."""
    return SHEET_OF.match(placed).group(2) if placed else None


def _text_lines(data: bytes, skip: str | None = None) -> list[str]:
    """A text file's lines; a workbook's text cells, but those of its instructions sheet (说明)
    and of the sheet `skip` (the prior findings next-year wrote)."""
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        pass
    import openpyxl  # lazily, as in new_case
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):  # no workbook: not read as facts
        return []
    return [value for sheet in book.worksheets if sheet.title not in (INSTRUCTIONS_SHEET, skip)
            for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)]


def _refuse_existing(target: Path) -> None:
    if os.path.lexists(target):
        raise InputError([Problem.said(target, Message("new.folder_exists"), allowed=Message("new.folder_exists_allowed"))])


def _write_new(target: Path, files: dict[str, bytes], option: str) -> None:
    """The new folder, appearing whole or not at all; refused if it appeared meanwhile."""
    with atomic.replacing(target, whole=True, option=option) as stage:
        for name, data in files.items():
            stage.write(name, data)
        _refuse_existing(target)
