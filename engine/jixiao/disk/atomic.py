"""Every file jixiao writes goes through `replacing`: a set of files appears whole or not at
all, never over input, and never over a folder jixiao did not write.

    with replacing(folder, whole=True, owned=True) as stage:
        stage.write("findings.json", data)
    # committed when the block ends; after an exception nothing has changed

- whole=True: `folder` becomes exactly the staged files. They are written into a new folder
  beside it, which is swapped in by two renames (`folder` → retired, new → `folder`).
- whole=False: the staged files join `folder` (other files stay). Each is written beside its
  target; a journal then lists them and each is renamed over its target.
- owned=True: an existing `folder` is written only if it is empty or jixiao wrote it (it holds
  jixiao's manifest.json); a fact folder (with case.yaml) never.

A run killed midway leaves hidden leftovers that name what they are for, the run's pid and a
random token (`.2017.jixiao-4242-1a2b3c4d.new`). The next run into the same place finishes or
discards them: a retired folder whose replacement never arrived is put back, a journal's
renames are completed, every other leftover is removed. Runs into the same place take turns:
an exclusive lock (flock) on the parent of the folder written is held from that clean-up to
the commit, so no run removes another's staging and every leftover found is a dead run's.
Where flock is unavailable, a leftover is removed only once its pid is no longer running.

An operating-system refusal (permission, read-only, full disk, a file where a folder should
be) is an OutputError naming the path and what to do; the previous files stay.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from ..model.facts import CASE_FILE
from ..model.problems import InputError, OutputError, Problem
from .refusals import os_problem

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers are then judged by their pid
    fcntl = None

MARK = "manifest.json"  # a folder jixiao wrote holds this, a JSON object with a "jixiao" key
_FOLDER_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.jixiao-(?P<pid>\d+)-[0-9a-f]+\.(?P<kind>new|old)$")
_FILE_LEFTOVER = re.compile(r"^\..+\.jixiao-(?P<pid>\d+)-[0-9a-f]+\.(?P<kind>tmp|commit)$")
# What versions before this module left: staged or retired folders (tempfile's 8 characters),
# and per-file temporaries named by pid.
# (Only the names those versions used: a year's folder, a report or portfolio file.)
_LEGACY_FOLDER = re.compile(r"^\.(?P<name>\d{4})\.(?P<kind>new|old)-[a-z0-9_]{8}$")
_LEGACY_FILE = re.compile(r"^\..+\.(?:md|html|csv|xlsx)\.tmp-(?P<pid>\d+)$")


class Stage:
    """The files of one `replacing` block, written as they come and committed together."""

    def __init__(self, folder: Path, whole: bool, fsync: bool, option: str):
        self.folder, self.whole, self.fsync, self.option = folder, whole, fsync, option
        self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.staged: dict[str, Path] = {}  # name -> where it is written until the commit
        self.staging = folder.parent / f".{folder.name}.jixiao-{self.token}.new" if whole else None
        self.journal = None if whole else folder / f".journal.jixiao-{self.token}.commit"
        if whole:
            self._attempt(self.staging.mkdir, folder)

    def write(self, name: str, data: bytes) -> Path:
        """Stage one file (`name` may hold '/' with whole=True: a file in a subfolder)."""
        if self.whole:
            temporary = self.staging / name
            if "/" in name:
                self._attempt(lambda: temporary.parent.mkdir(parents=True, exist_ok=True), self.folder / name)
        else:
            if "/" in name or name.startswith("."):
                raise ValueError(f"not a plain file name: {name!r}")
            temporary = self.folder / f".{name}.jixiao-{self.token}.tmp"
        self.staged[name] = temporary
        self._attempt(lambda: _write_file(temporary, data, self.fsync), self.folder / name)
        return self.folder / name

    def commit(self, exclusive: bool) -> None:
        if exclusive:
            existing = [self.folder / name for name in self.staged if os.path.lexists(self.folder / name)]
            if existing:
                raise InputError([Problem(str(path), "exists already; not overwritten") for path in existing])
        if self.whole:
            self._attempt(self._swap, self.folder)
        else:
            self._attempt(self._rename_all, self.folder)

    def _swap(self) -> None:
        target, parent = self.folder, self.folder.parent
        if self.fsync:
            _fsync_dir(self.staging)
        if not os.path.lexists(target):
            os.rename(self.staging, target)
            _fsync_dir(parent)
            return
        retired = parent / f".{target.name}.jixiao-{self.token}.old"
        os.rename(target, retired)
        try:
            os.rename(self.staging, target)
        except OSError:
            os.rename(retired, target)
            raise
        _fsync_dir(parent)
        _remove(retired)

    def _rename_all(self) -> None:
        pairs = [[temporary.name, name] for name, temporary in self.staged.items()]
        draft = self.folder / f".journal.jixiao-{self.token}.tmp"  # the journal appears whole, or not at all
        self.staged[draft.name] = draft
        _write_file(draft, json.dumps(pairs).encode("utf-8"), self.fsync)
        os.rename(draft, self.journal)
        _fsync_dir(self.folder)  # from here on, the set is decided: a killed run is rolled forward
        _roll_forward(self.folder, pairs)
        _fsync_dir(self.folder)
        os.unlink(self.journal)

    def discard(self) -> None:
        """Remove what was staged; a set whose journal is written is left for the next run to finish."""
        if self.whole:
            shutil.rmtree(self.staging, ignore_errors=True)
        elif not os.path.exists(self.journal):
            for temporary in self.staged.values():
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _attempt(self, action, path: Path):
        try:
            return action()
        except OSError as exc:
            raise OutputError([os_problem(path, exc, reading=False, option=self.option)]) from None


@contextlib.contextmanager
def replacing(folder: Path, *, whole: bool = False, owned: bool = False, exclusive: bool = False,
              fsync: bool = True, option: str = "--out"):
    """Stage files with `stage.write(name, bytes)`; they are committed as one set when the block
    ends without an exception (see the module's docstring for whole, owned). exclusive: refuse
    (InputError) to replace a file that exists. fsync: make each file durable before the commit
    (off for bulk synthetic data). `option` names the argument that chose `folder`, for advice.
    Raises OutputError when the system refuses, naming the path."""
    shown = Path(folder)
    folder = Path(os.path.abspath(folder))
    _make_folder(folder.parent, option)
    with _locked(folder.parent) as certain:
        _recover_folders(folder.parent, certain)
        if owned:
            _check_owned(folder, shown, option)
        if not whole:
            _make_folder(folder, option)
            _recover_files(folder, certain)
        stage = Stage(folder, whole, fsync, option)
        try:
            yield stage
            stage.commit(exclusive)
        except BaseException:
            stage.discard()
            raise


def write_files(folder: Path, files: dict[str, bytes], **options) -> list[Path]:
    """`files` ({name: bytes}) written into `folder` as one set (options: see `replacing`);
    returns their paths under `folder` as given."""
    with replacing(folder, **options) as stage:
        for name, data in files.items():
            stage.write(name, data)
    return [Path(folder) / name for name in files]


def probe(folder: Path, option: str = "--out") -> None:
    """Make `folder` and check that a file can be created in it, before a long run writes there:
    OutputError naming it if not."""
    folder = Path(folder)
    _make_folder(folder, option)
    try:
        with tempfile.TemporaryFile(dir=folder):  # O_TMPFILE where there is one: nothing is left
            pass
    except OSError as exc:
        raise OutputError([os_problem(folder, exc, reading=False, option=option)]) from None


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
            relation = "is"
        elif os.path.exists(read) and theirs[0] in mine:
            relation = "lies inside"
        elif os.path.exists(out) and mine[0] in theirs:
            relation = "contains"
        else:
            continue
        raise InputError([Problem(str(out), f"输出位置与输入重叠 the output folder ({option}) {relation} {read}, "
                                            f"which jixiao reads: writing there would replace or mix with the input; "
                                            f"choose an {option} outside it")])


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


@contextlib.contextmanager
def _locked(directory: Path):
    """Hold an exclusive flock on `directory` (a folder: no lock file is left anywhere); yields
    True while it is held, False where it cannot be taken."""
    descriptor = None
    if fcntl is not None:
        with contextlib.suppress(OSError):
            descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        held = False
        if descriptor is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
                held = True
            except OSError:  # e.g. a network file system without locks
                pass
        yield held
    finally:
        if descriptor is not None:
            os.close(descriptor)  # releases the lock


def _dead(pid: int, certain: bool) -> bool:
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


def _recover_folders(directory: Path, certain: bool) -> None:
    """Staged and retired folders that dead runs left in `directory`: a retired folder whose
    target is missing is put back (the run died between its two renames), the others removed."""
    try:
        names = os.listdir(directory)
    except OSError:  # a folder that may be written but not listed: nothing can be found to clean
        return
    for name in sorted(names):
        match = _FOLDER_LEFTOVER.match(name)
        if match and not _dead(int(match["pid"]), certain):
            continue
        match = match or (_LEGACY_FOLDER.match(name) if certain else None)
        if not match:
            continue
        leftover, target = directory / name, directory / match["name"]
        if match["kind"] == "old" and not os.path.lexists(target):
            with contextlib.suppress(OSError):  # if it cannot be put back, it stays: never lost
                os.rename(leftover, target)
            continue
        _remove(leftover)


def _recover_files(folder: Path, certain: bool) -> None:
    """Temporaries and journals that dead runs left in `folder`: a journal's renames are
    completed (its set was decided), every temporary left then is removed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        match = _FILE_LEFTOVER.match(name)
        if match and match["kind"] == "commit" and _dead(int(match["pid"]), certain):
            with contextlib.suppress(OSError, ValueError):
                _roll_forward(folder, json.loads((folder / name).read_bytes()))
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
    for name in names:
        match = _FILE_LEFTOVER.match(name) or _LEGACY_FILE.match(name)
        legacy = match is not None and match.re is _LEGACY_FILE
        if match and (legacy or match["kind"] == "tmp") and _dead(int(match["pid"]), certain and not legacy):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _roll_forward(folder: Path, pairs: list) -> None:
    for temporary, name in pairs:
        if "/" in temporary + name or os.sep in temporary + name:
            continue  # a journal names files of its own folder only
        if os.path.exists(folder / temporary):
            os.replace(folder / temporary, folder / name)


def _check_owned(folder: Path, shown: Path, option: str) -> None:
    if not os.path.lexists(folder):
        return
    if not folder.is_dir():
        raise OutputError([Problem(str(shown), f"不是文件夹 a file stands where jixiao writes a folder; "
                                               f"move it away, or choose another {option}")])
    try:
        names = [n for n in os.listdir(folder) if not _FILE_LEFTOVER.match(n) and not _LEGACY_FILE.match(n)]
    except OSError as exc:
        raise OutputError([os_problem(shown, exc, reading=True, option=option)]) from None
    if CASE_FILE in names:
        raise OutputError([Problem(str(shown), f"这是事实文件夹 a fact folder (it holds {CASE_FILE}): jixiao never "
                                               f"writes over input; choose another {option}")])
    if names and not _has_mark(folder):
        raise OutputError([Problem(str(shown), f"不是 jixiao 写的文件夹 not a folder jixiao wrote (no jixiao {MARK} in "
                                               f"it), so jixiao will not replace it; choose another {option}, or "
                                               f"empty or remove the folder")])


def _has_mark(folder: Path) -> bool:
    try:
        with open(folder / MARK, "rb") as handle:
            data = json.loads(handle.read(1 << 20))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "jixiao" in data


def _make_folder(folder: Path, option: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next((p for p in (folder, *folder.parents) if os.path.lexists(p) and not p.is_dir()), folder)
        raise OutputError([Problem(str(blocking), f"不是文件夹 is a file, not a folder; move it away, or choose "
                                                  f"another {option}")]) from None
    except OSError as exc:
        raise OutputError([os_problem(folder, exc, reading=False, option=option)]) from None


def _write_file(path: Path, data: bytes, fsync: bool) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        if fsync:
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    """A leftover, whatever it is; one that cannot be removed stays (and is tried again next run)."""
    if os.path.islink(path) or not os.path.isdir(path):
        with contextlib.suppress(OSError):
            os.unlink(path)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(directory: Path) -> None:
    """Make a folder's entries (renames) durable; not every system can open a folder for this."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
