"""The operating system's refusals (no permission, a full disk, a read-only folder …) as
problems for the user: the path, why, and what to do, in Chinese and English (the messages'
keys are jixiao/model/catalogue_disk.py's)."""

from __future__ import annotations

import errno

from ..model.messages import Message
from ..model.problems import Problem

# Why the operating system refused, and what the user can do about it: (reason, advice), catalogue keys.
_REFUSALS = {
    "EACCES": ("os.EACCES", "os.permissions"),
    "EPERM": ("os.EPERM", "os.permissions"),
    "EROFS": ("os.EROFS", None),  # the advice is the other place: another --out, another disk
    "ENOSPC": ("os.ENOSPC", "os.free_space"),
    "EDQUOT": ("os.EDQUOT", "os.quota"),
    "EFBIG": ("os.EFBIG", "os.file_size"),
    "ENOTDIR": ("os.ENOTDIR", "os.move_file"),
    "EEXIST": ("os.ENOTDIR", "os.move_file"),
    "EISDIR": ("os.EISDIR", "os.give_file"),
    "ENOENT": ("os.ENOENT", "os.check_path"),
    "ENAMETOOLONG": ("os.ENAMETOOLONG", "os.shorter_path"),
    "ELOOP": ("os.ELOOP", "os.check_links"),
    "EIO": ("os.EIO", "os.check_disk"),
    "EMFILE": ("os.EMFILE", "os.open_files"),
    "ENFILE": ("os.EMFILE", "os.open_files"),
}


# Refusals that are the user's to fix wherever they happen (a missing file, or one that exists
# already, is more often jixiao's own mistake: those stay internal errors unless met where they happen).
USER_FIXABLE = frozenset(getattr(errno, name) for name in _REFUSALS
                         if hasattr(errno, name) and name not in ("ENOENT", "EEXIST"))


def os_problem(path, exc: OSError, reading: bool, option: str = "--out") -> Problem:
    """A Problem for an operating-system refusal on `path`: what failed, why, and what to do.
    `option` names the argument that chose where to write (for the advice `choose another …`)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    reason_key, advice_key = _REFUSALS.get(name, (None, None))
    reason = Message(reason_key) if reason_key else (exc.strerror or str(exc))  # the system's own words
    other = Message("os.copy_readable") if reading else Message("os.other_option", {"option": option})
    advice = None
    if reason_key == "os.EROFS":
        advice = other
    elif advice_key:
        advice = Message(advice_key, {"fix": Message("os.allow_read" if reading else "os.allow_write"),
                                      "or_other": "" if reading else Message("os.or_other", {"other": other})})
    action = Message("os.read" if reading else "os.write")
    if advice is None:
        return Problem.said(path, Message("os.refused", {"action": action, "reason": reason}))
    return Problem.said(path, Message("os.refused_advice", {"action": action, "reason": reason, "advice": advice}))
