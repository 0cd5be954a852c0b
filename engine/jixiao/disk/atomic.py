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
  jixiao's manifest.json); a fact folder (with case.yaml) never. What the manifest does not list
  (jixiao.disk.owned) is the user's: with whole=True a folder holding any of it is refused (the
  swap would delete it), as is a folder the user made read-only; with whole=False a file of the
  user's is never overwritten. `stage.write_mark(data)` writes the manifest, listing the files.
- guarded=True (with whole=False): the folder may hold anything, but a staged file replaces
  only a file its manifest lists (portfolio.csv in an --out that holds your own files too).

Durability: the staged files are written without a sync each, then made durable together
before the commit (one syncfs of their file system where Linux offers it, else an fsync of
each), and only then renamed into place; so a reader never sees a partial file, and a crash
leaves the previous files or the new set whole.

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
import ctypes
import json
import os
import sys
import secrets
import shutil
import tempfile
from pathlib import Path

from ..model.messages import Message
from ..model.problems import InputError, OutputError, Problem
from .guards import check_apart, check_listed, check_owned, make_folder, refuse_unlisted
from .leftovers import recover_files, recover_folders, remove, roll_forward
from .owned import MARK, Contents, Legacy, mark_bytes, read_mark
from .refusals import os_problem

__all__ = ["MARK", "Stage", "check_apart", "check_listed", "probe", "replacing", "sync_files", "write_files"]

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers are then judged by their pid
    fcntl = None


class Stage:
    """The files of one `replacing` block, written as they come and committed together."""

    def __init__(self, folder: Path, whole: bool, fsync: bool, option: str, contents: Contents | None = None,
                 mark: dict | None = None):
        self.folder, self.whole, self.fsync, self.option = folder, whole, fsync, option
        self.contents, self.mark = contents, mark  # what an owned folder held before, and its manifest
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
        self._attempt(lambda: _write_file(temporary, data, fsync=False), self.folder / name)  # synced at the commit
        return self.folder / name

    def write_mark(self, data: dict) -> Path:
        """Stage manifest.json, listing every file jixiao wrote in the folder: those staged, and
        with whole=False those it wrote before. `data` is the rest of its content; with
        whole=False a manifest already there keeps its own."""
        files = {*self.staged, MARK}
        if not self.whole and self.contents is not None:
            files |= set(self.contents.mine)
        base = self.mark if not self.whole and self.mark is not None else data
        return self.write(MARK, mark_bytes({k: v for k, v in base.items() if k != "files"}, files))

    @property
    def dropped(self) -> list[str]:
        """The files jixiao wrote before that a whole replacement did not write again."""
        if not self.whole or self.contents is None:
            return []
        return sorted(set(self.contents.mine) - set(self.staged) - {MARK})

    def commit(self, exclusive: bool) -> None:
        if self.contents is not None and not self.whole:
            refuse_unlisted(self.folder, self.staged, self.contents.mine, self.option)
        if exclusive:
            existing = [self.folder / name for name in self.staged if os.path.lexists(self.folder / name)]
            if existing:
                raise InputError([Problem.said(path, Message("write.exists")) for path in existing])
        if self.fsync:
            self._attempt(lambda: sync_files(list(self.staged.values()), self.staging), self.folder)
        if self.whole:
            self._attempt(self._swap, self.folder)
        else:
            self._attempt(self._rename_all, self.folder)

    def _swap(self) -> None:
        target, parent = self.folder, self.folder.parent
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
        remove(retired)

    def _rename_all(self) -> None:
        pairs = [[temporary.name, name] for name, temporary in self.staged.items()]
        draft = self.folder / f".journal.jixiao-{self.token}.tmp"  # the journal appears whole, or not at all
        self.staged[draft.name] = draft
        _write_file(draft, json.dumps(pairs).encode("utf-8"), self.fsync)
        os.rename(draft, self.journal)
        _fsync_dir(self.folder)  # from here on, the set is decided: a killed run is rolled forward
        roll_forward(self.folder, pairs)
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
              fsync: bool = True, option: str = "--out", legacy: Legacy | None = None, guarded: bool = False):
    """Stage files with `stage.write(name, bytes)`; they are committed as one set when the block
    ends without an exception (see the module's docstring for whole, owned). exclusive: refuse
    (InputError) to replace a file that exists. fsync: make each file durable before the commit
    (off for bulk synthetic data). `option` names the argument that chose `folder`, for advice.
    `legacy`: which relative paths count as jixiao's in a folder whose manifest lists no files
    (written by an earlier version); guarded: see the module's docstring. Raises OutputError
    when the system refuses, or when the folder holds what jixiao did not write, naming the path."""
    shown = Path(folder)
    folder = Path(os.path.abspath(folder))
    make_folder(folder.parent, option)
    with _locked(folder.parent) as certain:
        recover_folders(folder.parent, certain)
        contents, mark = check_owned(folder, shown, option, whole, legacy) if owned else (None, None)
        if guarded and not whole and not owned:
            mark = read_mark(folder)
            contents = Contents.listed_in(mark)
        if not whole:
            make_folder(folder, option)
            recover_files(folder, certain)
        stage = Stage(folder, whole, fsync, option, contents, mark)
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
    make_folder(folder, option)
    try:
        with tempfile.TemporaryFile(dir=folder):  # O_TMPFILE where there is one: nothing is left
            pass
    except OSError as exc:
        raise OutputError([os_problem(folder, exc, reading=False, option=option)]) from None


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


def sync_files(paths: list[Path], folder: Path | None = None) -> None:
    """Make these files (and `folder`'s entries, the folder they were written into) durable at
    once: one syncfs of their file system where there is one (Linux), else an fsync of each file
    and of the folder. Raises OSError when a file cannot be synced."""
    if paths and _syncfs(paths[0].parent):
        return
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    if folder is not None:
        _fsync_dir(folder)


# syncfs(2): one call makes everything written on a file system durable, a case's files in one
# go instead of an fsync (a journal commit) per file. Linux only; elsewhere each file is fsynced.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
_SYNCFS = getattr(_LIBC, "syncfs", None)


def _syncfs(directory: Path) -> bool:
    """syncfs on the file system of `directory`; False where there is none or it fails."""
    if _SYNCFS is None:
        return False
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False
    try:
        return _SYNCFS(descriptor) == 0
    finally:
        os.close(descriptor)


def _fsync_dir(directory: Path) -> None:
    """Make a folder's entries (renames) durable; not every system can open a folder for this."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
