"""User-facing input errors: every problem names where it is, what was found and what is allowed."""

from __future__ import annotations

import difflib
import errno
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    found: object = None
    allowed: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.key:
            parts.append(f"[{self.key}]")
        text = " ".join(parts) + f": {self.message}"
        if self.found is not None:
            text += f"; found {self.found!r}"
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        return text


class InputError(Exception):
    """Bad input: carries every problem found, so a run reports them all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while a loader keeps going; raise them together at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file, message, *, line=None, key=None, found=None, allowed=None) -> None:
        self.items.append(Problem(str(file), message, line, key, found, allowed))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to `name` (the same but for case, else a close spelling), or None."""
    options = [str(c) for c in candidates]
    same_but_case = [c for c in options if c.lower() == str(name).lower()]
    close = same_but_case or difflib.get_close_matches(str(name), options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix naming the nearest candidate, or ''."""
    nearest = closest(name, candidates)
    return f" (did you mean {nearest!r}?)" if nearest is not None else ""


class OutputError(InputError):
    """The results could not be written (a folder that may not be written, a full disk, a
    read-only --out): the user's to fix, so exit 2 like bad input; the previous results stay."""


# Why the operating system refused, and what the user can do about it: (reason, advice).
_REFUSALS = {
    "EACCES": ("没有权限 permission denied", "{fix} (check its permissions or ask its owner)"),
    "EPERM": ("不允许此操作 operation not permitted", "{fix} (check its permissions or ask its owner)"),
    "EROFS": ("只读文件系统 read-only file system", "{other}"),
    "ENOSPC": ("磁盘已满 no space left on the disk", "free some space{or_other}"),
    "EDQUOT": ("超出磁盘配额 disk quota exceeded", "free some space or ask for a larger quota{or_other}"),
    "EFBIG": ("文件过大 file too large (a limit on file size)", "raise the limit (ulimit -f){or_other}"),
    "ENOTDIR": ("不是文件夹 a file stands where a folder is needed", "move that file away{or_other}"),
    "EEXIST": ("不是文件夹 a file stands where a folder is needed", "move that file away{or_other}"),
    "EISDIR": ("是文件夹而不是文件 a folder, not a file", "give a file"),
    "ENOENT": ("找不到 not found", "check the path"),
    "ENAMETOOLONG": ("名称过长 name too long", "use a shorter path"),
    "ELOOP": ("符号链接过多 too many symbolic links", "check the path's symbolic links"),
    "EIO": ("读写错误 input/output error (a failing disk or network share)", "check the disk or the share"),
    "EMFILE": ("打开的文件过多 too many open files", "raise the limit (ulimit -n) or use fewer --jobs"),
    "ENFILE": ("打开的文件过多 too many open files", "raise the limit (ulimit -n) or use fewer --jobs"),
}
# Refusals that are the user's to fix wherever they happen (a missing file, or one that exists
# already, is more often jixiao's own mistake: those stay internal errors unless met where they happen).
USER_FIXABLE = frozenset(getattr(errno, name) for name in _REFUSALS
                         if hasattr(errno, name) and name not in ("ENOENT", "EEXIST"))


def os_problem(path, exc: OSError, reading: bool, option: str = "--out") -> Problem:
    """A Problem for an operating-system refusal on `path`: what failed, why, and what to do.
    `option` names the argument that chose where to write (for the advice `choose another …`)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    reason, advice = _REFUSALS.get(name, (exc.strerror or str(exc), ""))
    fix = "allow jixiao to read it" if reading else "allow writing there"
    other = f"choose another {option}" if not reading else "copy it to a disk jixiao can read"
    advice = advice.format(fix=fix, other=other, or_other=f", or {other}" if not reading else "")
    action = "无法读取 cannot read" if reading else "无法写入 cannot write"
    return Problem(str(path), f"{action}: {reason}" + (f"; {advice}" if advice else ""))
