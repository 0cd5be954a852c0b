"""What a case folder holds: the fact files to read, the files skipped (and why), and the entries
refused without being opened: links that lead out of the folder, broken links, pipes.

Skipped are only names no one gives a fact file: the lock and temporary files office programs
leave while a document is open or being saved, the operating system's folder litter, hidden
files, and folders. Everything skipped is named in the check's output.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..model.messages import Message
from ..model.problems import Problem

LOCK = Message("skipped.lock")
LIBREOFFICE_LOCK = Message("skipped.libreoffice_lock")
TEMPORARY = Message("skipped.temporary")
THUMBNAILS = Message("skipped.thumbnails")
FOLDER_SETTINGS = Message("skipped.folder_settings")
APPLEDOUBLE = Message("skipped.appledouble")
FOLDER_ICON = Message("skipped.folder_icon")
ZONE_IDENTIFIER = Message("skipped.zone_identifier")
HIDDEN = Message("skipped.hidden")
HIDDEN_FOLDER = Message("skipped.hidden_folder")
FOLDER = Message("skipped.folder")


def litter(name: str) -> Message | None:
    """Why a file of this name is not a fact file but litter of an office program or the
    operating system (or hidden), or None."""
    lower = name.lower()
    if name.startswith("~$"):  # Excel, Word, WPS: ~$facts.xlsx while facts.xlsx is open
        return LOCK
    if name.startswith(".~lock.") and name.endswith("#"):
        return LIBREOFFICE_LOCK
    if lower.endswith(".tmp"):  # Office saves through ~WRL0001.tmp and the like
        return TEMPORARY
    if lower in ("thumbs.db", "ehthumbs.db"):
        return THUMBNAILS
    if lower == "desktop.ini" or name == ".DS_Store":
        return FOLDER_SETTINGS
    if name == "Icon\r":  # macOS keeps a folder's custom icon in a file named Icon + carriage return
        return FOLDER_ICON
    if name.endswith(":Zone.Identifier"):  # Windows' alternate data stream, copied out by WSL or a zip tool
        return ZONE_IDENTIFIER
    if name.startswith("._"):
        return APPLEDOUBLE
    if name.startswith("."):
        return HIDDEN
    return None


def shown(name: str) -> str:
    """A file name as it can be printed: control characters (the carriage return of macOS's
    Icon\\r) written as escapes, so that a terminal does not act on them."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in name)


def inside(path, root: str) -> bool:
    """Whether `path`, with every link on the way followed, lies within the folder `root`
    (itself given with its links resolved: os.path.realpath)."""
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def within(folder, name: str) -> bool:
    """inside(folder / name, os.path.realpath(folder)): whether the entry `name` of `folder`,
    its links followed, lies in `folder`. An entry that is no link does: one system call then,
    where resolving both paths takes one per part of each (a batch asks it of every case)."""
    path = os.path.join(folder, name)
    return not os.path.islink(path) or inside(path, os.path.realpath(folder))


def refused_link(path: Path, where: object = None) -> Problem:
    """The problem of a link leading out of a folder (`where`, a text or a Message naming it;
    the case folder when None): it names the link and where it leads, and nothing of what is there."""
    place = Message("refused.the_case_folder") if where is None else where
    return Problem.said(path.name if where is None else str(path),
                        Message("refused.link_out", {"target": os.path.realpath(path), "where": place}),
                        allowed=Message("refused.link_out_allowed", {"where": place}))


@dataclass
class Listing:
    """A case folder's entries: fact files to read (in name order), files skipped {name: why},
    and entries refused ([(path, problem)]: not opened)."""

    files: list[Path] = field(default_factory=list)
    skipped: dict[str, Message] = field(default_factory=dict)
    refused: list[tuple[Path, Problem]] = field(default_factory=list)


def list_case_folder(directory: Path, case_file: str) -> Listing:
    """Sort the entries of a case folder (other than `case_file`). One directory listing;
    only links and odd entries cost a further system call (and the folder's own path, resolved
    to see where a link leads, one per part of it)."""
    root = None
    listing = Listing()
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = directory / entry.name
            if entry.name == case_file:
                continue
            if entry.is_symlink():
                root = root or os.path.realpath(directory)
                if not inside(path, root):
                    listing.refused.append((path, refused_link(path)))
                    continue
                if not os.path.exists(path):
                    listing.refused.append((path, Problem.said(entry.name, Message("refused.broken_link"),
                                                               found=os.readlink(path))))
                    continue
            if entry.is_dir():
                listing.skipped[entry.name] = HIDDEN_FOLDER if entry.name.startswith(".") else FOLDER
                continue
            why = litter(entry.name)
            if why is not None:
                listing.skipped[shown(entry.name)] = why
            elif entry.is_file():
                listing.files.append(path)
            else:
                mode = os.stat(path).st_mode
                kind = Message("refused.pipe" if stat.S_ISFIFO(mode) else "refused.device")
                listing.refused.append((path, Problem.said(entry.name, Message("refused.not_a_file", {"kind": kind}))))
    return listing
