"""The same batch on a Dask cluster (`jixiao check DIR --scheduler ADDRESS`), without a disk the
machines share: the client reads each case's files and ships their bytes; a worker writes them
into a folder of its own, checks the case there and returns its summary row and, with --out,
the case's files rendered, which the client writes. The rules go to each worker once (their
files' bytes, broadcast); each worker process keeps its own engine and rule book, as a pool
worker does. The rows and files are those of the process pool (jixiao.portfolio.pool): paths
in them name the client's folders, never the worker's copies.

A case folder the client cannot ship as plain files (a link, a pipe, a file it cannot read or
too large to read) is checked by the client itself, so that it is refused or reported exactly
as the pool reports it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from ..check import rulebook as rulebooks
from ..check import runs
from ..check.case import check_case
from ..disk.reading import MAX_BYTES, enterable, read_capped
from ..model.messages import Message
from ..model.problems import InputError
from ..report.files import outputs, write_rendered
from ..report.manifest import manifest
from .pool import _ENGINE_LOCK, check_one, error_row, said
from .rows import case_error_row, summary_row


# Cases shipped and not yet answered: the client holds the bytes of this many cases at most,
# however many the batch has, and the workers are never short of work.
IN_FLIGHT = 256


def run_on_dask(folders: list[Path], rules_dir: Path, out: Path | None, address: str, progress=None,
                only: tuple[str, ...] | None = None, lang: str = "zh") -> list[dict]:
    """The batch on the Dask cluster at `address`: rows in the order of `folders`; with `out`,
    each case's files written there by this process as its result comes back."""
    from dask.distributed import Client, as_completed  # dask is an optional extra: imported only when used
    rows: list = [None] * len(folders)
    done = 0

    def finished(i: int, row: dict) -> None:
        nonlocal done
        rows[i] = row
        done += 1
        if progress:
            progress(done, len(folders))

    with Client(address) as client:
        [rules] = client.scatter([rules_bundle(Path(rules_dir))], broadcast=True)
        waiting, index, running = iter(enumerate(folders)), {}, as_completed()

        def submit_next() -> bool:
            """Ship the next case (or check it here when it cannot be shipped); False when none is left."""
            for i, folder in waiting:
                shipped = shipment(Path(folder), lang)
                if shipped is None:  # checked here, as the pool checks it
                    finished(i, check_one(str(folder), str(out) if out else None, rules_dir=str(rules_dir),
                                             only=only, lang=lang))
                    continue
                future = client.submit(check_shipped, shipped, rules, out is not None, only, lang, pure=False)
                index[future.key] = i
                running.add(future)
                return True
            return False

        for _ in range(IN_FLIGHT):
            if not submit_next():
                break
        for future in running:
            i = index.pop(future.key)
            try:
                row, rendered = future.result()
            except Exception as exc:  # e.g. KilledWorker: the case's worker died on every retry
                row, rendered = case_error_row(folders[i], Message("portfolio.dask_failed", {
                    "error": f"{type(exc).__name__}: {exc}"}).render(lang)), None
            future.release()
            finished(i, row if rendered is None else _write(folders[i], row, rendered, Path(out), lang))
            submit_next()
    return rows


def rules_bundle(rules_dir: Path) -> dict:
    """The rules as a worker needs them: the folder's name, every file's bytes by its path
    relative to it, and a digest naming the set (a worker loads each set once)."""
    files = {}
    for folder, _folders, names in os.walk(rules_dir):
        for name in sorted(names):
            path = Path(folder) / name
            files[path.relative_to(rules_dir).as_posix()] = path.read_bytes()
    digest = hashlib.sha256()
    for name, content in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return {"name": rules_dir.resolve().name, "client": str(rules_dir), "files": files, "digest": digest.hexdigest()}


def shipment(folder: Path, lang: str = "zh") -> dict | None:
    """A case folder as bytes: {"folder", "files": {name: bytes}, "folders": [names]} (its
    sub-folders are listed, not read: a case does not read them), with how it stands year over
    year (runs.standing_alone: only the client sees its sibling years). None when it cannot be
    shipped as it is: an entry that is a link or not a regular file, or one that cannot be read."""
    files, folders = {}, []
    try:
        enterable(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.name)
                elif entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_size <= MAX_BYTES:
                    files[entry.name] = read_capped(Path(entry.path), entry.name)
                else:
                    return None
    except (OSError, InputError):
        return None
    try:
        standing = ("ok", runs.standing_alone(folder))
    except InputError as exc:  # said after the case itself is checked, as the pool says it
        standing = ("error", said(exc.problems, lang))
    return {"folder": str(folder), "files": files, "folders": folders, "standing": standing}


_RULEBOOKS: dict[str, tuple] = {}  # per worker process: rules digest -> (rule book, its folder here)


def check_shipped(shipped: dict, rules: dict, render: bool,
                  only: tuple[str, ...] | None = None, lang: str = "zh") -> tuple[dict, tuple | None]:
    """In a Dask worker: check a shipped case in a folder of this worker's own. Returns its
    summary row (or error row) and, when `render`, its files as (case, year, {name: bytes},
    manifest) for the client to write (of the formats in `only`; None: all); paths in the row name the client's folders."""
    with _ENGINE_LOCK:  # a Dask worker may run several tasks in threads of one process
        rulebook, local_rules = _rulebook(rules)
        place = Path(tempfile.mkdtemp(prefix="jixiao-case-"))
        try:
            original = Path(shipped["folder"])
            folder = place / original.parent.name / original.name
            folder.mkdir(parents=True)
            for name in shipped["folders"]:
                (folder / name).mkdir()
            for name, content in shipped["files"].items():
                (folder / name).write_bytes(content)
            row, rendered = _check(folder, original, shipped["standing"], rulebook, render, only, lang)
        finally:
            shutil.rmtree(place, ignore_errors=True)
    return _as_client(row, {str(folder): str(original), local_rules: rules["client"]}), rendered


def _check(folder: Path, original: Path, standing: tuple, rulebook, render: bool,
           only: tuple[str, ...] | None = None, lang: str = "zh") -> tuple[dict, tuple | None]:
    """pool._check_one on the worker's copy, with the client's word on the case's other years."""
    try:
        result = check_case(folder, rulebook)
        if standing[0] == "error":
            return case_error_row(folder, standing[1]), None
        result = runs.with_standing(result, standing[1])
        result = replace(result, case=replace(result.case, directory=original))
        rendered = (result.case.case, result.case.year, outputs(result, only=only), manifest(result)) if render else None
        return summary_row(original, result, rulebook), rendered
    except Exception as exc:  # the batch goes on: the case is a row with its error (as the pool's)
        return error_row(folder, exc, lang), None


def _rulebook(rules: dict) -> tuple:
    """The rule book of a shipped set of rules, written into a folder of this worker's and loaded once."""
    if rules["digest"] not in _RULEBOOKS:
        root = Path(tempfile.mkdtemp(prefix="jixiao-rules-")) / rules["name"]
        for name, content in rules["files"].items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        _RULEBOOKS[rules["digest"]] = (rulebooks.load_rulebook(root), str(root))
    return _RULEBOOKS[rules["digest"]]


def _as_client(row: dict, places: dict[str, str]) -> dict:
    """The row with the worker's folders named as the client's."""
    def named(text):
        if not isinstance(text, str):
            return text
        for here, there in places.items():
            text = text.replace(here, there)
        return text
    return {key: named(value) for key, value in row.items()}


def _write(folder: Path, row: dict, rendered: tuple, out: Path, lang: str = "zh") -> dict:
    """Write a case's rendered files into `out`, as the pool's worker would have: the row, or
    the error row of a folder that cannot be written."""
    try:
        write_rendered(*rendered, out)
    except (InputError, OSError) as exc:  # (a folder that cannot be written; other failures are the client's)
        return error_row(folder, exc, lang)
    return row
