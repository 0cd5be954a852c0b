"""Load one case (a project and year) from its fact folder and validate it.

A case folder holds `case.yaml` (what the case is, which scheme scores it, where each
table comes from in the source documents) and one file per fact table: CSV, YAML (a list of
records) or an Excel workbook (a table per sheet). The table is named by the file (or sheet);
its schema is in `rules/tables/`. Every problem in the folder is reported at once, each once:
a file or sheet that cannot be read counts as given, so nothing else is reported because
of it.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from dataclasses import replace
from pathlib import Path

from ..disk.folders import inside, list_case_folder, refused_link, within
from ..disk.refusals import os_problem
from ..model.facts import CASE_FILE, Case
from ..model.messages import Joined, Message, Named
from ..model.problems import InputError, Problem, Problems, closest
from ..model.tables import TableSchemas
from . import readers
from .case_manifest import CaseFile, load_manifest
from .form_folder import is_form_unit, unit_case
from .titles import abbreviated, sheet_title
from .validation import add_table

FACT_SUFFIXES = readers.SUFFIXES
OTHER_SPREADSHEETS = (".xls", ".et", ".ett", ".xlsm", ".xlsb", ".xltx", ".ods", ".numbers")  # saved as .xlsx, read
LOG = logging.getLogger("jixiao.load")  # what `-v` shows: each file read, how long it took


def is_case_dir(path: Path) -> bool:
    return (Path(path) / CASE_FILE).is_file()


def find_cases(directory: Path, refused: list | None = None, unreadable: list | None = None) -> list[Path]:
    """Every case folder (holding case.yaml) at or below `directory`, in path order. Links to
    folders are not followed: one within `directory` leads to a folder found anyway; one that
    leads out of it is added to `refused` (a list of Problems), unread. A folder that cannot be
    listed (its cases would be missing) is added to `unreadable` (Problems); without that list,
    InputError naming each.

    Each folder is listed once with scandir, as os.walk lists it, and whether a subfolder is a
    link is taken from the listing (os.walk and this function each asked it again of every
    folder); Path.rglob built a Path for every file."""
    root = os.path.realpath(directory)
    found: list[Path] = []
    errors: list[OSError] = []  # a folder that may not be listed is passed over: said below
    _walk_cases(os.fspath(directory), root, str(directory), refused, found, errors)
    errors = [exc for exc in errors  # (a folder that does not exist has no cases: said by the caller)
              if not (isinstance(exc, FileNotFoundError) and Path(exc.filename) == Path(directory))]
    problems = [os_problem(exc.filename, exc, reading=True) for exc in errors]
    if problems and unreadable is None:  # its cases would be missing from the run: the user's to fix, each named
        raise InputError(problems)
    if unreadable is not None:
        unreadable += problems
    return sorted(found)


def _walk_cases(folder: str, root: str, given: str, refused: list | None, found: list, errors: list) -> None:
    """find_cases below `folder` (`root`: the folder searched, resolved; `given`: as given), in
    the order os.walk(folder) visits folders: each folder, then each subfolder that is no link."""
    folders, case_file = [], False
    try:
        entries = os.scandir(folder)
    except OSError as exc:
        errors.append(exc)
        return
    with entries:
        while True:
            try:
                entry = next(entries)
            except StopIteration:
                break
            except OSError as exc:  # (os.walk too leaves a folder it cannot list to the end)
                errors.append(exc)
                return
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(entry)
            elif entry.name == CASE_FILE:
                case_file = True
    links = [entry for entry in folders if _is_link(entry)]
    if refused is not None:
        refused += [refused_link(Path(folder) / entry.name, given) for entry in links
                    if not inside(os.path.join(folder, entry.name), root)]
    if case_file:
        # asked of the file system, not of the listing: a folder that may be listed but not
        # entered is said (os.path.isfile would say False of it, the listing True)
        try:
            if stat.S_ISREG(os.stat(os.path.join(folder, CASE_FILE)).st_mode):
                found.append(Path(folder))
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as exc:
            errors.append(OSError(exc.errno, exc.strerror, folder))
    for entry in folders:
        if entry not in links:
            _walk_cases(os.path.join(folder, entry.name), root, given, refused, found, errors)


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:  # (as os.path.islink says of an entry it cannot look at)
        return False


def load_case(directory: Path, schemas: TableSchemas, problems: Problems | None = None,
              form_schemes: frozenset = frozenset(), case_file: CaseFile | None = None) -> Case:
    """Read and validate every file of a case folder. `form_schemes`: the ids of the schemes built
    from a form (jixiao.check.forms.form_scheme_ids): a case of one of them is a form folder, whose
    workbooks must hold forms and whose other files the form's tables (never looked up among every
    fact table). `case_file`: its case.yaml as the caller read it (read_case_file).

    Raises InputError with all problems found; when the caller passes its own `problems`,
    table-level problems are added there instead, so it can report them with its own.
    `case_file`: the folder's case.yaml as jixiao.load.case_manifest.read_case_file read it.
    """
    directory = Path(directory)
    if is_form_unit(directory):
        return _load_form_unit(directory, schemas, problems)
    if case_file is None and not _plain_case_file(directory):  # (read_case_file found it so)
        if not directory.is_dir():
            raise InputError([Problem.said(directory, Message("folder.none"))])
        if not is_case_dir(directory):
            raise InputError([Problem.said(directory / CASE_FILE, Message("folder.no_case_file"))])
        if not within(directory, CASE_FILE):
            raise InputError([refused_link(directory / CASE_FILE)])
    own = problems is None
    problems = Problems() if own else problems
    case = load_manifest(directory, problems, case_file=case_file)
    case.reads_forms = case.scheme in form_schemes
    try:
        listing = list_case_folder(directory, CASE_FILE)
    except OSError as exc:
        raise InputError([os_problem(directory, exc, reading=True)]) from None
    case.skipped = listing.skipped
    for path, problem in listing.refused:
        problems.items.append(problem)
        _attempted(case, path)
    for path in listing.files:
        if path.suffix.lower() not in FACT_SUFFIXES:
            spreadsheet = path.suffix.lower() in OTHER_SPREADSHEETS
            suffixes = ", ".join(FACT_SUFFIXES)
            problems.add(path.name, Message("folder.not_fact_file"), found=path.suffix,
                         allowed=Message("folder.save_as_xlsx", {"suffixes": suffixes}) if spreadsheet else suffixes)
            case.attempted.add(path.stem)  # given, in a form not read: its tables are not also "missing"
            case.opaque = case.opaque or spreadsheet
            continue
        _load_file(case, path, schemas, problems)
    for table in case.sources:
        if table not in case.tables and table not in case.attempted and not case.opaque:
            _source_without_file(case, table, schemas, problems)
    if own:
        problems.raise_if_any()
    return case


def _plain_case_file(directory: Path) -> bool:
    """Whether the folder's case.yaml is a file and no link: then the folder is one, holding a
    case.yaml within it (what load_case asks first, in one system call rather than three)."""
    try:
        return stat.S_ISREG(os.lstat(os.path.join(directory, CASE_FILE)).st_mode)
    except OSError:
        return False


def _load_form_unit(path: Path, schemas: TableSchemas, problems: Problems | None) -> Case:
    """One form of a case folder of several (jixiao.load.form_folder): the folder's case.yaml and
    that workbook only, as the case <case>-<file name>, of the project the form names (项目名称)."""
    own = problems is None
    problems = Problems() if own else problems
    if not within(path.parent, CASE_FILE):
        raise InputError([refused_link(path.parent / CASE_FILE)])
    case = load_manifest(path.parent, problems)
    case.case, case.directory = unit_case(case.case, path), path
    case.reads_forms = True  # (a folder of several workbooks is split into forms only for a form scheme)
    _load_file(case, path, schemas, problems)
    headers = case.tables.get("form_header", [])
    if len(headers) == 1 and headers[0].values.get("project"):
        case.meta["project"] = headers[0].values["project"]
    if own:
        problems.raise_if_any()
    return case


def _load_file(case: Case, path: Path, schemas: TableSchemas, problems: Problems) -> None:
    """One fact file: a CSV or YAML table, or a workbook with one table per sheet."""
    started = time.perf_counter()
    try:
        case.digests[path.name], tables = readers.read(path, schemas.tables, problems, schemas.layouts,
                                                        case.reads_forms)
    except InputError as exc:
        problems.extend(exc.problems)
        _attempted(case, path)
        return
    finally:
        LOG.info("%s: read in %.3f s", path, time.perf_counter() - started)
    for name, label, records in tables:
        hidden = getattr(records, "hidden", None)
        if name in FORM_TABLES and name in case.tables and records is not None:
            _add_form_table(case, name, label, records, schemas, problems)
            continue
        if _known_table(name, label, case, schemas, problems, hidden) and records is not None and not hidden:
            add_table(case, name, label, records, schemas.tables[name], problems)


# a folder may hold several self-evaluation forms (one per project): their rows share these tables
FORM_TABLES = ("form_header", "form_funds", "form_indicators")


def _add_form_table(case: Case, name: str, label: str, records, schemas: TableSchemas, problems: Problems) -> None:
    """Another form's rows of a form table already given: appended, numbered on; a form given
    twice (its key again) is a problem naming both files."""
    part = Case(case.directory, case.case, case.year, case.scheme, case.meta)
    add_table(part, name, label, records, schemas.tables[name], problems)
    rows = case.tables[name]
    taken = {r.values.get("form") for r in rows}
    for row in part.tables.get(name, []):
        if name == "form_header" and row.values.get("form") in taken:
            problems.add(label, Message("folder.form_twice", {"form": row.values.get("form")}), found=case.files[name])
            continue
        rows.append(replace(row, index=len(rows) + 1))
    case.files[name] = f"{case.files[name]}, {label}"


HIDDEN_SHEET, VERY_HIDDEN_SHEET = Message("folder.hidden_sheet"), Message("folder.very_hidden_sheet")


def _attempted(case: Case, path: Path) -> None:
    """A file that could not be read counts as given: the table it is named after, or, for a
    workbook, any table (its sheets are unknown)."""
    case.attempted.add(path.stem)
    case.opaque = case.opaque or path.suffix.lower() == ".xlsx"


def _known_table(name: str, label: str, case: Case, schemas: TableSchemas, problems: Problems,
                 hidden: str | None = None) -> bool:
    """Whether `name` is an observed table not given yet; if not, one problem. A hidden sheet
    (`hidden`: its state) is one problem, saying it is hidden and, if so, that its name is
    no table's; it counts as given, and is not read."""
    case.attempted.add(name)
    schema = schemas.get(name)
    why = (VERY_HIDDEN_SHEET if hidden == "veryHidden" else HIDDEN_SHEET) if hidden else None
    if schema is None or schema.derived:
        meant = meant_table(name, schemas)
        case.unknown_tables.append(name)
        if meant is not None:  # a misspelt name: the table it was meant to be is given too
            case.attempted.add(meant)
        if case.reads_forms and meant is None:  # a form folder: the form's tables, never every fact table
            forms = Joined(tuple(_named_table(schemas, t) for t in FORM_TABLES if t in schemas.tables))
            unknown = Message("form.not_form_table", {"name": name})
            allowed = Message("form.not_form_table_allowed", {"tables": forms})
        else:
            unknown = Message("input.unknown_table_meant" if meant else "input.unknown_table",
                              {"name": name, **({"meant": _named_table(schemas, meant)} if meant else {})})
            allowed = _known_tables(schemas)
        problems.add(label, Message("folder.hidden_and_unknown", {"why": why, "unknown": unknown}) if why else unknown,
                     allowed=allowed)
        return False
    if why:
        problems.add(label, why)
        return False
    if name in case.tables:
        problems.add(label, Message("folder.table_twice", {"title": sheet_title(schema), "name": name}),
                     found=case.files[name])
        return False
    return True


def meant_table(name: str, schemas: TableSchemas) -> str | None:
    """The observed table an unknown file or sheet name most likely means, by its code (budjet
    for budget) or by its title (拨付批次, a shortened 市口岸办向主运维商拨付运维补贴资金，按批次), or None."""
    known = [t for t, s in schemas.tables.items() if not s.derived]
    titles = {sheet_title(schemas.tables[t]): t for t in known}
    nearest = closest(name, known)
    if nearest is not None:
        return nearest
    title = closest(name, titles) or _abbreviating(name, titles)
    return titles[title] if title is not None else None


def _named_table(schemas: TableSchemas, code: str) -> Named:
    return Named(code, sheet_title(schemas.tables[code]))


def _known_tables(schemas: TableSchemas) -> Joined:
    """The observed tables, each by its sheet title and code, as a problem lists what is allowed."""
    return Joined(tuple(_named_table(schemas, t) for t, s in schemas.tables.items() if not s.derived))


def _source_without_file(case: Case, table: str, schemas: TableSchemas, problems: Problems) -> None:
    """case.yaml's `sources` names a table no file or sheet holds: say which table (by title),
    and the files or sheets whose names are no table's (a renamed sheet is the likely cause)."""
    schema = schemas.get(table)
    if schema is None or schema.derived:  # (case.yaml's own check names a table that does not exist)
        meant = meant_table(table, schemas)
        problems.add(CASE_FILE, Message("input.source_unknown_meant" if meant else "input.source_unknown",
                                        {"table": table, **({"meant": _named_table(schemas, meant)} if meant else {})}),
                     key=f"sources.{table}", allowed=_known_tables(schemas))
        return
    given = {"table": _named_table(schemas, table)}
    if case.unknown_tables:
        message = Message("input.source_without_file_renamed",
                          {**given, "names": Joined(tuple(f"“{n}”" for n in case.unknown_tables))})
    else:
        message = Message("input.source_without_file", given)
    problems.add(CASE_FILE, message, key=f"sources.{table}",
                 allowed=Message("input.source_without_file_allowed", {"title": sheet_title(schema), "code": table}))


def _abbreviating(name: str, titles) -> str | None:
    """The one title a shortened name means (拨付批次), else None (jixiao.load.titles.abbreviated)."""
    return abbreviated(name, titles)


def case_from_records(label: str, case_id: str, year: int, scheme: str, tables: dict, schemas: TableSchemas) -> Case:
    """A case from tables given inline (rule test cases): {table: [record, …]}; validated like files."""
    problems = Problems()
    case = Case(Path(label), case_id, year, scheme, {"project": case_id})
    for name, records in tables.items():
        if not _known_table(name, f"{label} facts.{name}", case, schemas, problems):
            continue
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            problems.add(label, Message("folder.records", {"name": name}), line=getattr(records, "line", None))
            continue
        lines = getattr(records, "item_lines", [None] * len(records))
        add_table(case, name, label, list(zip(lines, records)), schemas.tables[name], problems)
    problems.raise_if_any()
    return case
