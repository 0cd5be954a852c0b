"""Check a portfolio in worker processes: `jixiao check DIR --jobs N`.

durable-rules is not thread-safe, so parallelism is processes. Each worker loads the rules
once and keeps one engine (one durable-rules Host) for every case it checks; each case's
session is freed when the case is done. A broken case comes back as an error row; the
others still complete. The summary has one row per case.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import sys
import threading
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_WORKER: dict = {}  # per process: the knowledge, loaded once
_ENGINE_LOCK = threading.Lock()  # durable-rules is not thread-safe: one case at a time per process


def _init(rules_dir: str) -> None:
    from . import evaluate
    from .check import load_knowledge
    evaluate._ENGINE = None  # a forked worker starts its own engine: one Host per process
    _WORKER["knowledge"] = load_knowledge(Path(rules_dir))


def check_one(folder: str, out: str | None, rules_dir: str | None = None) -> dict:
    """Check one case in this process; always returns a summary row (with `error` if it failed)."""
    with _ENGINE_LOCK:  # a Dask worker may run several tasks in threads of one process
        return _check_one(folder, out, rules_dir)


def _check_one(folder: str, out: str | None, rules_dir: str | None) -> dict:
    from .check import check_case
    from .errors import InputError
    from .findings import RuleError
    if "knowledge" not in _WORKER:
        _init(rules_dir)
    knowledge = _WORKER["knowledge"]
    try:
        result = check_case(Path(folder), knowledge)
        if out:
            from .output import write_outputs
            write_outputs(result, Path(out))
        return summary_row(folder, result, knowledge)
    except InputError as exc:
        return {"folder": folder, "error": "; ".join(str(p) for p in exc.problems)}
    except RuleError as exc:
        return {"folder": folder, "error": str(exc)}
    except Exception as exc:  # an engine failure: report it with the case, keep the batch going
        return {"folder": folder, "error": f"internal error: {type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(limit=3)}


def summary_row(folder, result, knowledge) -> dict:
    families = {name: 0 for name in knowledge.families}
    for finding in result.findings:
        families[finding.family] += 1
    return {"folder": str(folder), "case": result.case.case, "year": result.case.year, "scheme": result.scheme.id,
            "total": str(result.scores.total), "grade": result.scores.grade,
            "provisional": result.scores.provisional, "findings": len(result.findings),
            "cannot_assess": len(result.scores.unassessed), "integrity": len(result.integrity),
            **{f"family:{name}": count for name, count in families.items()}, "error": ""}


def run(folders: list[Path], rules_dir: Path, jobs: int, out: Path | None, progress=None) -> list[dict]:
    """Every case, in `jobs` worker processes; rows in the order of `folders`."""
    args = [(str(f), str(out) if out else None, str(rules_dir)) for f in folders]
    rows: list[dict] = []
    # fork: workers start at once and work wherever the parent does (a script, a test run);
    # each resets the engine it inherited and builds its own (the Host runs no threads).
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init,
                             initargs=(str(rules_dir),)) as pool:
        chunk = max(1, min(64, len(args) // (jobs * 8) or 1))
        for row in pool.map(_check_args, args, chunksize=chunk):
            rows.append(row)
            if progress:
                progress(len(rows), len(args))
    return rows


def run_on_dask(folders: list[Path], rules_dir: Path, out: Path | None, address: str, progress=None) -> list[dict]:
    """The same batch on a Dask cluster: each Dask worker process keeps its own engine."""
    from dask.distributed import Client, as_completed
    with Client(address) as client:
        futures = client.map(check_one, [str(f) for f in folders], out=str(out) if out else None,
                             rules_dir=str(rules_dir), pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        rows: list = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            rows[index[future.key]] = future.result()
            if progress:
                progress(done, len(futures))
    return rows


def _check_args(args) -> dict:
    return check_one(*args)


def progress_bar(done: int, total: int, stream=None) -> None:
    stream = stream or sys.stderr  # looked up now: the stream may have been replaced since import
    if done == total or done % max(1, total // 50) == 0:
        filled = int(30 * done / total)
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} cases")
        if done == total:
            stream.write("\n")
        stream.flush()


COLUMNS = ["case", "year", "scheme", "total", "grade", "provisional", "findings", "cannot_assess", "integrity"]


def portfolio_csv(rows: list[dict]) -> str:
    families = sorted({k for row in rows for k in row if k.startswith("family:")})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS + families + ["error", "folder"])
    for row in rows:
        writer.writerow([row.get(c, "") for c in COLUMNS + families] + [row.get("error", ""), row["folder"]])
    return buffer.getvalue()
