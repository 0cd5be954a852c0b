"""Hidden leftovers of runs that died midway, and how the next run into the same place finishes
or discards them (see jixiao.disk.atomic): a retired folder whose replacement never arrived is
put back, a journal's renames are completed, every other leftover is removed."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
from pathlib import Path

FOLDER_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.jixiao-(?P<pid>\d+)-[0-9a-f]+\.(?P<kind>new|old)$")
FILE_LEFTOVER = re.compile(r"^\..+\.jixiao-(?P<pid>\d+)-[0-9a-f]+\.(?P<kind>tmp|commit)$")
# What versions before this module left: staged or retired folders (tempfile's 8 characters),
# and per-file temporaries named by pid.
# (Only the names those versions used: a year's folder, a report or portfolio file.)
LEGACY_FOLDER = re.compile(r"^\.(?P<name>\d{4})\.(?P<kind>new|old)-[a-z0-9_]{8}$")
LEGACY_FILE = re.compile(r"^\..+\.(?:md|html|csv|xlsx)\.tmp-(?P<pid>\d+)$")


def dead(pid: int, certain: bool) -> bool:
    if certain:
        return True
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def recover_folders(directory: Path, certain: bool) -> None:
    """Staged and retired folders that dead runs left in `directory`: a retired folder whose
    target is missing is put back (the run died between its two renames), the others removed."""
    try:
        names = os.listdir(directory)
    except OSError:  # a folder that may be written but not listed: nothing can be found to clean
        return
    for name in sorted(names):
        match = FOLDER_LEFTOVER.match(name)
        if match and not dead(int(match["pid"]), certain):
            continue
        match = match or (LEGACY_FOLDER.match(name) if certain else None)
        if not match:
            continue
        leftover, target = directory / name, directory / match["name"]
        if match["kind"] == "old" and not os.path.lexists(target):
            with contextlib.suppress(OSError):  # if it cannot be put back, it stays: never lost
                os.rename(leftover, target)
            continue
        remove(leftover)


def recover_files(folder: Path, certain: bool) -> None:
    """Temporaries and journals that dead runs left in `folder`: a journal's renames are
    completed (its set was decided), every temporary left then is removed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        match = FILE_LEFTOVER.match(name)
        if match and match["kind"] == "commit" and dead(int(match["pid"]), certain):
            with contextlib.suppress(OSError, ValueError):
                roll_forward(folder, json.loads((folder / name).read_bytes()))
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
    for name in names:
        match = FILE_LEFTOVER.match(name) or LEGACY_FILE.match(name)
        legacy = match is not None and match.re is LEGACY_FILE
        if match and (legacy or match["kind"] == "tmp") and dead(int(match["pid"]), certain and not legacy):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def roll_forward(folder: Path, pairs: list) -> None:
    for temporary, name in pairs:
        if "/" in temporary + name or os.sep in temporary + name:
            continue  # a journal names files of its own folder only
        if os.path.exists(folder / temporary):
            os.replace(folder / temporary, folder / name)


def remove(path: Path) -> None:
    """A leftover, whatever it is. Its folders are jixiao's (a staged or retired set of its files),
    so one that may not be written is made writable to empty it (a retired copy of a folder the
    user had made read-only). One that still cannot be removed stays, and is tried again next run."""
    if os.path.islink(path) or not os.path.isdir(path):
        with contextlib.suppress(OSError):
            os.unlink(path)
        return
    shutil.rmtree(path, ignore_errors=True)
    if os.path.lexists(path):
        folders = [str(path)]
        while folders:
            folder = folders.pop()
            with contextlib.suppress(OSError):
                os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) | stat.S_IRWXU)
                with os.scandir(folder) as entries:
                    folders += [entry.path for entry in entries if entry.is_dir(follow_symlinks=False)]
        shutil.rmtree(path, ignore_errors=True)
