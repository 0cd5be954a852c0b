"""Check a portfolio in worker processes: `jixiao check DIR --jobs N`.

durable-rules is not thread-safe, so parallelism is processes. Each worker has the rules
(the parent's, when forked; else loaded once) and keeps one engine (one durable-rules Host)
for every case it checks; each case's session is freed when the case is done. A broken
case, or one whose worker process dies, comes back as an error row; the others still
complete. The summary has one row per case.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..check import case as case_check  # looked up at each call: tests stand in for it in workers
from ..check import rulebook as rulebooks
from ..check import runs
from ..check.findings import RuleError
from ..disk.reading import enterable
from ..disk.refusals import USER_FIXABLE, os_problem
from ..durable.session import reset_after_fork
from ..load.readers import import_workbook_readers
from ..load.rulebook import RuleBook
from ..model.messages import Message
from ..model.problems import InputError
from ..report.files import write_outputs
from .rows import case_error_row, summary_row

_WORKER: dict = {}  # per process: the rulebook, loaded once
_ENGINE_LOCK = threading.Lock()  # durable-rules is not thread-safe: one case at a time per process


def _init(rules_dir: str, args: list | None = None, state=None, rulebook=None, parent: int | None = None) -> None:
    """A worker's start: it dies with `parent` (the batch's process), has its own engine, and the
    rules (the parent's, when it was forked from a parent that had loaded them, else loaded here)."""
    if parent is not None:
        die_with(parent)
    reset_after_fork()  # a forked worker starts its own engine: one Host per process
    if rulebook is None or Path(rulebook.directory).resolve() != Path(rules_dir).resolve():
        rulebook = rulebooks.load_rulebook(Path(rules_dir))
    _WORKER.update(rulebook=rulebook, args=args, state=state)


def _start(rules_dir: str, args: list, state, rulebook, parent: int) -> None:
    """A pool worker's start (_init), and its collector tuned for checking case after case."""
    _init(rules_dir, args, state, rulebook, parent)
    # What the worker has now (the rules, the modules) lives as long as it: the collector need
    # not walk it again (nor, when forked, touch and so copy the parent's pages). A case makes
    # thousands of short-lived objects: collected every 10,000 of them, not every 700 (about
    # once a case), which was 2-3 % of a case's time.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def die_with(parent: int) -> None:
    """Make this worker process end when `parent` does, however it ends (kill -9 too): a pool's
    idle workers otherwise wait on their queue forever. On Linux the kernel sends SIGKILL when
    the parent dies (PR_SET_PDEATHSIG); elsewhere, and in case the parent died before that was
    set, a watchdog thread sees the process re-parented and exits."""
    if sys.platform.startswith("linux"):  # ctypes and prctl exist only there: imported where they are used
        import ctypes
        import signal
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="jixiao-parent-watchdog", daemon=True).start()


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def check_one(folder: str, out: str | None, rules_dir: str | None = None, rulebook: RuleBook | None = None,
              only: tuple[str, ...] | None = None, lang: str = "zh") -> dict:
    """Check one case in this process (with `rulebook`, else the worker's); always returns a
    summary row (with `error` if it failed, said in `lang`). `only`: the case's files written
    (None: all)."""
    with _ENGINE_LOCK:  # a Dask worker may run several tasks in threads of one process
        return _check_one(folder, out, rules_dir, rulebook, only, lang)


def said(problems, lang: str) -> str:
    """A case's problems as its error row says them, in `lang`."""
    return "; ".join(p.render(lang) for p in problems)


def _check_one(folder: str, out: str | None, rules_dir: str | None, rulebook: RuleBook | None,
               only: tuple[str, ...] | None = None, lang: str = "zh") -> dict:
    if rulebook is None:
        if "rulebook" not in _WORKER:
            _init(rules_dir)
        rulebook = _WORKER["rulebook"]
    try:
        enterable(Path(folder))
        result = runs.alone(case_check.check_case(Path(folder), rulebook))  # no earlier year: not_compared
        if out:
            write_outputs(result, Path(out), only=only)
        return summary_row(folder, result, rulebook)
    except Exception as exc:  # the batch goes on: the case is a row with its error
        return error_row(folder, exc, lang)


def error_row(folder, exc: Exception, lang: str = "zh") -> dict:
    """The row of a case that could not be checked (or written), in a worker or on Dask: the
    user's problems said in `lang`; an operating-system refusal a reader did not name (every
    write is named where it happens) as one; anything else an engine failure, with its trace."""
    if isinstance(exc, InputError):
        return case_error_row(folder, said(exc.problems, lang))
    if isinstance(exc, RuleError):
        return case_error_row(folder, str(exc))
    if isinstance(exc, OSError) and exc.errno in USER_FIXABLE:
        return case_error_row(folder, os_problem(exc.filename or folder, exc, reading=True).render(lang))
    return case_error_row(folder, f"internal error: {type(exc).__name__}: {exc}", trace=traceback.format_exc(limit=3))


WAITING, CHECKING, DONE = 0, 1, 2


def run(folders: list[Path], rules_dir: Path, jobs: int, out: Path | None, progress=None,
        rulebook=None, only: tuple[str, ...] | None = None, share_readers: bool = False,
        lang: str = "zh") -> list[dict]:
    """Every case, in `jobs` worker processes; rows in the order of `folders`. `share_readers`:
    import the workbook readers here first (when this process imports openpyxl anyway), so that
    forked workers share them instead of each importing them.

    A worker process that dies (the engine's native code crashing, the kernel killing it)
    takes no other case with it: the pool is rebuilt and the cases not finished are checked
    again; each case that was being checked when a worker died is retried alone, and if its
    worker dies again it becomes an error row."""
    args = [(str(f), str(out) if out else None, str(rules_dir), None, only, lang) for f in folders]
    if share_readers and "fork" in multiprocessing.get_all_start_methods():
        import_workbook_readers()
    rows: list = [None] * len(args)
    state = multiprocessing.Array("b", len(args), lock=False)  # per case, shared with the forked workers
    done = [0]

    def collect(results) -> None:
        for index, row in results:
            rows[index] = row
            done[0] += 1
            if progress:
                progress(done[0], len(args))

    pending = list(range(len(args)))
    while pending:
        suspects = _run_pool(pending, args, state, rules_dir, jobs, collect, rulebook)
        unfinished = [i for i in pending if rows[i] is None and i not in suspects]
        for index in suspects:  # alone, so that a second death names its case
            if _run_pool([index], args, state, rules_dir, 1, collect, rulebook):
                collect([(index, case_error_row(args[index][0], Message("portfolio.worker_died").render(lang)))])
        if unfinished and not suspects:  # the pool broke outside any case: nothing to retry it with
            collect([(i, case_error_row(args[i][0], Message("portfolio.workers_not_started").render(lang)))
                     for i in unfinished])
            unfinished = []
        pending = unfinished
    return rows


def _run_pool(indexes: list[int], args: list, state, rules_dir: Path, jobs: int, collect,
              rulebook=None) -> list[int]:
    """Check these cases in a pool of `jobs` workers; returns the cases that were being checked
    if a worker died (the pool is then broken and given up), else []."""
    for index in indexes:
        state[index] = WAITING
    # fork: workers start at once and work wherever the parent does (a script, a test run);
    # each resets the engine it inherited and builds its own (the Host runs no threads), and
    # keeps the rules the parent loaded. Under spawn, each worker loads them itself.
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    chunk = max(1, min(64, len(indexes) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start,
                             initargs=(str(rules_dir), args, state, rulebook if fork else None, os.getpid())) as pool:
        futures = [pool.submit(_check_indexes, indexes[i:i + chunk]) for i in range(0, len(indexes), chunk)]
        try:
            for future in as_completed(futures):
                collect(future.result())
        except BrokenProcessPool:
            return [i for i in indexes if state[i] == CHECKING]
    return []


def _check_indexes(indexes: list[int]) -> list[tuple[int, dict]]:
    """In a worker: check these cases (by their place in the batch), marking each one's state."""
    results = []
    state, args = _WORKER["state"], _WORKER["args"]
    for index in indexes:
        state[index] = CHECKING
        results.append((index, check_one(*args[index])))
        state[index] = DONE
    return results
