"""What in a folder jixiao writes is jixiao's: what its manifest.json lists.

A folder jixiao writes holds manifest.json, a JSON object with a "jixiao" key (the version that
wrote it) and "files": the path (relative, with '/') of every file jixiao wrote there, the
manifest itself included. Anything else in the folder is the user's, and no run deletes or
overwrites it. A manifest written before manifests listed their files has no "files": then the
files that the caller's earlier versions wrote (its `legacy` names) count as jixiao's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

MARK = "manifest.json"
_MARK_LIMIT = 256 * 1024 * 1024  # a synthetic portfolio's manifest lists every file of every case

Legacy = Callable[[str], bool]  # whether an earlier version wrote this relative path


def read_mark(folder: Path) -> dict | None:
    """The manifest of a folder jixiao wrote, or None (no manifest, or not jixiao's)."""
    try:
        with open(Path(folder) / MARK, "rb") as handle:
            data = json.loads(handle.read(_MARK_LIMIT))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "jixiao" in data else None


def listed(mark: dict | None) -> set[str] | None:
    """The files a manifest lists, or None when it lists none (an earlier version's manifest)."""
    files = (mark or {}).get("files")
    if isinstance(files, list) and all(isinstance(name, str) for name in files):
        return set(files)
    return None


def mark_bytes(data: dict, files) -> bytes:
    """manifest.json's bytes: `data` with "files", sorted (the same files give the same bytes)."""
    return (json.dumps({**data, "files": sorted(set(files))}, ensure_ascii=False, indent=2, sort_keys=True)
            + "\n").encode("utf-8")


class Contents:
    """A folder jixiao is about to write, looked through: its files that jixiao wrote (`mine`,
    relative paths), what else it holds (`foreign`: files, and folders holding nothing of
    jixiao's with a trailing '/'), and its folders that may not be written (`read_only`)."""

    def __init__(self, folder: Path, mark: dict | None, legacy: Legacy | None, skip: Callable[[str], bool]):
        names = listed(mark)
        self._mine = (lambda rel: rel in names) if names is not None else (legacy or (lambda rel: rel == MARK))
        self._skip = skip
        self.mine: list[str] = []
        self.foreign: list[str] = []
        self.read_only: list[Path] = []
        self._walk(Path(folder), "")

    @classmethod
    def listed_in(cls, mark: dict | None) -> "Contents":
        """What a manifest lists as jixiao's, without looking through the folder."""
        contents = cls.__new__(cls)
        contents.mine, contents.foreign, contents.read_only = sorted(listed(mark) or ()), [], []
        return contents

    def _walk(self, folder: Path, prefix: str) -> bool:
        """Sort the entries of `folder`; whether something of jixiao's lies within it. Raises
        OSError when a folder cannot be listed."""
        if not os.access(folder, os.W_OK | os.X_OK):
            self.read_only.append(folder)
        holds_mine = False
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
        for entry in found:
            rel = prefix + entry.name
            if self._skip(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                foreign, read_only = len(self.foreign), len(self.read_only)
                if self._walk(Path(entry.path), rel + "/"):
                    holds_mine = True
                else:  # the user's folder: named once, not file by file
                    del self.foreign[foreign:]
                    del self.read_only[read_only:]
                    self.foreign.append(rel + "/")
            elif self._mine(rel):
                self.mine.append(rel)
                holds_mine = True
            else:
                self.foreign.append(rel)
        return holds_mine


def names(paths: list[str], limit: int = 12) -> str:
    """Paths for a message: the first `limit`, then how many more."""
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")
