"""A small cache of bytes on disk, in the user's cache folder, for start-up time: each entry is
kept under a name and a key (a digest of everything its bytes were made from), and is given
back only when both match and its own checksum holds. Anything else — no folder, an entry
missing, stale, truncated, corrupt or unreadable — reads as a miss, never as an error: the
caller then computes the value as if there were no cache. Writing is best effort (a
read-only home, a full disk: nothing is kept and nothing is said).

The folder: $JIXIAO_CACHE_DIR, else $XDG_CACHE_HOME/jixiao, else ~/.cache/jixiao. Setting
JIXIAO_CACHE_DIR to "off" (or to nothing) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MAGIC = b"jixiao-cache 1\n"
KEEP = 16  # entries kept; the least recently written go first (e.g. a Dask worker's rules in a new folder each run)


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when the cache is turned off."""
    chosen = os.environ.get("JIXIAO_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jixiao"


def _path(name: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / (hashlib.sha256(name.encode()).hexdigest()[:32] + ".bin")


def read_entry(name: str, key: bytes) -> bytes | None:
    """The bytes kept under `name` for `key` (a 32-byte digest), or None (a miss, whatever the reason)."""
    path = _path(name)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC)
    if data[:head] != MAGIC or data[head:head + 32] != key:
        return None
    payload = data[head + 64:]
    if hashlib.sha256(payload).digest() != data[head + 32:head + 64]:
        return None  # truncated or corrupt
    return payload


def write_entry(name: str, key: bytes, payload: bytes) -> None:
    """Keep `payload` under `name` for `key`, replacing what was there (a new file renamed over
    the old one: a reader sees the old entry or the new, whole). Best effort: fails silently."""
    path = _path(name)
    if path is None:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as out:
            out.write(MAGIC + key + hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
        _prune(path.parent)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written entries."""
    entries = []
    for entry in folder.glob("*.bin"):
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            continue
    for _, entry in sorted(entries, reverse=True)[KEEP:]:
        try:
            entry.unlink()
        except OSError:
            pass
