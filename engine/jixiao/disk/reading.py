"""Reading a file's bytes with a size cap, and listing folders; the operating system's
refusals become the user's problems, named."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..model.messages import Message
from ..model.problems import InputError, Problem
from .refusals import os_problem

MAX_BYTES = 20 * 1024 * 1024


def read_capped(path: Path, label: str) -> bytes:
    """A file's bytes, refusing one larger than MAX_BYTES. Read with plain system calls (open,
    fstat, read to the end, close): a batch reads 150,000 small files, and Python's buffered
    file object adds an ioctl, an lseek and a second fstat to each."""
    try:
        return _read(path)
    except _TooLarge:  # (the problem is made only then: a Problem costs more than reading a small file)
        raise InputError([Problem.said(label, Message("os.too_large", {"size": MAX_BYTES // (1024 * 1024)}))]) from None
    except OSError as exc:  # unreadable, a folder, a failing disk: the user's to fix, named
        problem = os_problem(path, exc, reading=True)
        if str(path) != label:  # the path read beside the label the user knows
            problem = replace(problem, message=f"{problem.message} ({path})", zh=f"{problem.zh}（{path}）")
        raise InputError([replace(problem, file=label)]) from None


class _TooLarge(Exception):
    """A file larger than MAX_BYTES (read_capped says so, naming it)."""


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            raise _TooLarge
        chunks, total = [], 0
        while chunk := os.read(fd, max(size + 1, 65536)):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_BYTES:  # it grew while being read
                raise _TooLarge
        return b"".join(chunks)
    finally:
        os.close(fd)


def enterable(folder: Path) -> None:
    """Check that jixiao may look into the folder `folder`: list it and reach its files. Raises
    InputError naming the folder (its files would otherwise be named, as if each were at fault);
    a folder that does not exist is said where it is looked for."""
    try:
        with os.scandir(folder):
            pass
        os.stat(os.path.join(folder, os.curdir))  # reaching what is in it needs search permission
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise InputError([os_problem(folder, exc, reading=True)]) from None


def listed(directory: Path, levels: int = 1) -> None:
    """Check that `directory` (and, with levels=2, each of its subfolders) can be listed: Path.glob
    skips a folder it may not list without a word, and its files would be silently missing.
    Raises InputError naming the folder."""
    folders = [Path(directory)]
    for _ in range(levels):
        found = []
        for folder in folders:
            try:
                with os.scandir(folder) as entries:
                    found += [Path(e.path) for e in entries if e.is_dir() and not e.name.startswith(".")]
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise InputError([os_problem(folder, exc, reading=True)]) from None
        folders = found


def relative_path(path: Path, root: Path) -> str:
    """`path` relative to `root` (POSIX separators), or `path` itself when it lies elsewhere."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
