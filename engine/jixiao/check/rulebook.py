"""The rule book made ready to check cases: read (jixiao.load.rulebook), every derived table
computable, and per scheme and year the weights and the rules in force, bound to their leaves.
The command line keeps the rule book it loaded in the user's cache (cached_rulebook)."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path

from ..disk.cache import read_entry, write_entry
from ..load.rulebook import RuleBook, read_rulebook
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..version import __version__
from .derive import check_derivations


def load_rulebook(directory: Path, pending: frozenset = frozenset()) -> RuleBook:
    """Read rules/ and check that the engine can compute every derived table it declares
    (`pending`: see read_rulebook). Raises InputError with every problem found."""
    rulebook = read_rulebook(directory, pending)
    check_derivations(rulebook.schemas)
    return rulebook


def cached_rulebook(directory: Path) -> RuleBook:
    """load_rulebook(directory), kept in the user's cache (jixiao.disk.cache) for start-up time:
    loading and checking rules/ is most of a single `jixiao check` otherwise. The entry is used
    only when the key matches: the path, size, modification and change times (ns), inode and
    device of every file under `directory` — as git's index and Python's bytecode caches tell
    an edited file, without reading it — the folder as given and as an absolute path, jixiao's
    version and the size and time of each of its source files, and Python's version. Any write
    to a rule file moves its change time (which no tool can set back), so an edit that keeps
    the size and sets the modification time back is still seen; a folder with a file changed
    less than RECENT_NS ago, or dated in the future, is read from its files and not kept (an
    edit within the file system's timestamp tick would keep the times: git's "racy" files).
    Else (or when the entry cannot be read whole and unpickled as a RuleBook) the rules are
    loaded as if there were no cache. A rule book with problems raises InputError as
    load_rulebook does, and is never kept."""
    directory = Path(directory)
    key = _cache_key(directory)
    if key is not None:
        payload = read_entry(CACHE_NAME + os.path.abspath(directory), key)
        if payload is not None:
            try:
                rulebook = pickle.loads(payload)
            except Exception:  # an entry from another build of jixiao's classes: a miss
                rulebook = None
            if type(rulebook) is RuleBook:
                return rulebook
    rulebook = load_rulebook(directory)
    if key is not None and _cache_key(directory) == key:  # (not kept when rules/ changed while it was read)
        write_entry(CACHE_NAME + os.path.abspath(directory), key, pickle.dumps(rulebook, pickle.HIGHEST_PROTOCOL))
    return rulebook


CACHE_NAME = "rulebook:"
# A file's times are as fine as its file system's clock tick (FAT: 2 s): one changed within the
# last RECENT_NS could change again and keep them, so a folder holding one is not cached.
RECENT_NS = 3_000_000_000
_SOURCE = Path(__file__).resolve().parents[1]  # the jixiao package's folder


def _cache_key(directory: Path) -> bytes | None:
    """The digest a cached rule book is kept under (see cached_rulebook), or None (no cache this
    time) when some file under `directory` cannot be looked at or changed too recently."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{sys.version}\0{directory}\0{os.path.abspath(directory)}\0".encode())
    settled = time.time_ns() - RECENT_NS
    try:
        for name, info in _stats_under(_SOURCE, ".py"):  # jixiao's own code: an edited loader is a new key
            digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        for name, info in _stats_under(directory):
            if max(info.st_mtime_ns, info.st_ctime_ns) > settled:
                return None
            digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\0"
                          f"{info.st_dev}\0".encode())
    except (OSError, ValueError):
        return None
    return digest.digest()


def _stats_under(folder, suffix: str = "") -> list[tuple[str, os.stat_result]]:
    """Every file below `folder` (links followed, each folder once, __pycache__ left out) as its
    path relative to `folder` and its os.stat, sorted; `suffix`: only those names. Raises
    OSError when a folder cannot be listed or a file looked at."""
    found, seen = [], set()

    def walk(path: str, prefix: str) -> None:
        real = os.path.realpath(path)
        if real in seen:
            return
        seen.add(real)
        with os.scandir(path) as listing:
            entries = list(listing)
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    walk(entry.path, prefix + entry.name + "/")
            elif entry.name.endswith(suffix):
                found.append((prefix + entry.name, entry.stat()))

    walk(os.fspath(folder), "")
    return sorted(found, key=lambda item: item[0])


def in_force(rulebook: RuleBook, scheme_id: str, year: int) -> tuple[Scheme, tuple[Rule, ...]]:
    """A scheme with the weights of `year` and the rules it uses that year, worked out once
    per scheme and year (a batch checks thousands of cases against a few of them).
    Raises InputError when a weight has no value in `year`."""
    key = (scheme_id, year)
    if key not in rulebook.in_force_cache:
        scheme = rulebook.schemes[scheme_id].for_year(year)
        rulebook.in_force_cache[key] = scheme, tuple(rules_of(scheme, rulebook, year))  # shared: immutable
    return rulebook.in_force_cache[key]


def rules_of(scheme: Scheme, rulebook: RuleBook, year: int) -> list[Rule]:
    """The rules a scheme uses, in force in `year`, each bound to the leaf it feeds, in the rule
    book's order (rules/<family>/<id>.yaml: the order rule files are read in), an instance a leaf
    applies with arguments standing where a rule file of its family and id would."""
    leaves = scheme.rule_leaves()
    applied = rulebook.instances.get(scheme.id, {})
    plain = [r for r in rulebook.rules if r.id in leaves]
    used = sorted([*plain, *applied.values()], key=lambda r: r.place)
    return [replace(r, indicator=leaves[r.id]) for r in used if r.in_force(year)]
