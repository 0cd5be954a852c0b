"""The operating system's refusals (no permission, a full disk, a read-only folder …) as
problems for the user: the path, why, and what to do."""

from __future__ import annotations

import errno

from ..model.problems import Problem

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
