"""Where jixiao may write (jixiao.disk.atomic asks before it stages a file): never over input, a
file, or a folder jixiao did not write; each refusal an OutputError (InputError for an output
that overlaps what is read) naming the path and what to do, in Chinese and English."""

from __future__ import annotations

import os
from pathlib import Path

from ..model.facts import CASE_FILE
from ..model.messages import Message
from ..model.problems import InputError, OutputError, Problem
from .folders import APPLEDOUBLE, FOLDER_SETTINGS, THUMBNAILS, litter
from .leftovers import FILE_LEFTOVER, LEGACY_FILE
from .owned import MARK, Contents, Legacy, read_mark
from .owned import names as listing
from .refusals import os_problem


def check_listed(folder: Path, names, option: str = "--out") -> None:
    """Before a long run that will write `names` into `folder` (guarded, see `replacing`): refuse
    now (OutputError) if one of them is there and not listed in its manifest as jixiao's."""
    folder = Path(folder)
    if os.path.isdir(folder):
        refuse_unlisted(folder, names, Contents.listed_in(read_mark(folder)).mine, option)


def refuse_unlisted(folder: Path, names, mine: list[str], option: str) -> None:
    theirs = [name for name in names if os.path.lexists(folder / name) and name not in mine]
    if theirs:
        raise OutputError([Problem.said(folder / name, Message("write.not_listed", {"mark": MARK, "option": option}))
                           for name in theirs])


def check_apart(out: Path, reads: list[Path], option: str = "--out") -> None:
    """Refuse (InputError, naming both) an output folder that is, contains or lies inside a path
    being read. Paths are compared by identity (device and inode) along their real parents, so
    symbolic links, `.` and `..` and a case-insensitive disk do not hide an overlap."""
    mine = _chain(out)
    for read in reads:
        theirs = _chain(read)
        if not theirs or not mine:
            continue
        if os.path.exists(out) and os.path.exists(read) and mine[0] == theirs[0]:
            relation = "write.is"
        elif os.path.exists(read) and theirs[0] in mine:
            relation = "write.lies_inside"
        elif os.path.exists(out) and mine[0] in theirs:
            relation = "write.contains"
        else:
            continue
        raise InputError([Problem.said(out, Message("write.overlaps", {"option": option, "relation": Message(relation),
                                                                       "read": read}))])


def _chain(path: Path) -> list[tuple[int, int]]:
    """(device, inode) of `path` (or, if it does not exist yet, its nearest existing parent) and
    of every folder above it."""
    real = Path(os.path.realpath(path))
    chain = []
    for candidate in (real, *real.parents):
        try:
            status = os.stat(candidate)
        except OSError:
            continue
        chain.append((status.st_dev, status.st_ino))
    return chain


def check_owned(folder: Path, shown: Path, option: str, whole: bool = False,
                 legacy: Legacy | None = None) -> tuple[Contents | None, dict | None]:
    """Refuse (OutputError) to write into a folder that is a file, a fact folder, or not jixiao's;
    with `whole`, one holding anything jixiao did not write, or that may not be written. Returns
    what it holds and its manifest (None, None when it does not exist)."""
    if not os.path.lexists(folder):
        return None, None
    if not folder.is_dir():
        raise OutputError([Problem.said(shown, Message("write.file_for_folder", {"option": option}))])
    try:
        entries = [n for n in os.listdir(folder) if not not_the_users(n)]
    except OSError as exc:
        raise OutputError([os_problem(shown, exc, reading=True, option=option)]) from None
    if CASE_FILE in entries:
        raise OutputError([Problem.said(shown, Message("write.fact_folder", {"case_file": CASE_FILE, "option": option}))])
    mark = read_mark(folder)
    if entries and mark is None:
        raise OutputError([Problem.said(shown, Message("write.not_jixiaos", {"mark": MARK, "option": option}))])
    try:
        contents = Contents(folder, mark, legacy, not_the_users)
    except OSError as exc:
        raise OutputError([os_problem(exc.filename or shown, exc, reading=True, option=option)]) from None
    if whole and contents.foreign:
        raise OutputError([Problem.said(shown, Message("write.foreign", {"mark": MARK, "files": listing(contents.foreign),
                                                                         "option": option}))])
    if whole and contents.read_only:
        where = contents.read_only[0]
        where = shown / where.relative_to(folder) if where != folder else shown
        raise OutputError([Problem.said(where, Message("write.read_only", {"option": option}))])
    return contents, mark


def not_the_users(name: str) -> bool:
    """What a results folder may hold besides jixiao's files and still be replaced: a dead run's
    temporaries, and what the operating system leaves in a folder it shows (Thumbs.db, .DS_Store)."""
    return bool(FILE_LEFTOVER.match(name) or LEGACY_FILE.match(name)
                or litter(name) in (THUMBNAILS, FOLDER_SETTINGS, APPLEDOUBLE))


def make_folder(folder: Path, option: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next((p for p in (folder, *folder.parents) if os.path.lexists(p) and not p.is_dir()), folder)
        raise OutputError([Problem.said(blocking, Message("write.file_in_path", {"option": option}))]) from None
    except OSError as exc:
        raise OutputError([os_problem(folder, exc, reading=False, option=option)]) from None
