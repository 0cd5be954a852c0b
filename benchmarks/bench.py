"""Benchmark: jixiao on synthetic portfolios of 1, 100, 1,000 and 10,000 cases.

    python benchmarks/bench.py [--sizes 1 100 1000 10000] [--jobs 2] [--keep DIR]

For each size it writes the portfolio (not timed; with --keep, portfolios already in DIR are
reused), then measures, in fresh processes:
- the floor: only loading and validating the same facts, in the same number of workers;
- the check: `jixiao check DIR --jobs N --summary-only` (all rules in durable-rules, scores,
  the portfolio summary), wall time and cases per second, and its peak memory (the largest
  resident set of the command and its workers, from wait4);
- each worker's memory over its cases: the same batch (jixiao.portfolio.pool's worker functions in
  as many workers) with every worker reading its resident set (/proc/self/statm) after each
  case; the table shows it after a tenth, half and all of each worker's cases.
  Flat means one engine per worker, each case's session freed.
It also times one case after start-up (rules loaded, engine warm). It prints a table; it
asserts nothing (this is a measurement, not a test).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = """
import sys, time
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor
from jixiao.check.rulebook import load_rulebook
from jixiao.load.case_folder import find_cases, load_case
from jixiao.model.problems import InputError
schemas = None
def init():
    global schemas
    schemas = load_rulebook(Path(sys.argv[2])).schemas
def load(folder):
    try:
        load_case(folder, schemas)
    except InputError:
        pass
    return 1
if __name__ == "__main__":
    folders = find_cases(Path(sys.argv[1]))
    with ProcessPoolExecutor(int(sys.argv[3]), initializer=init) as pool:
        sum(pool.map(load, folders, chunksize=max(1, len(folders) // (int(sys.argv[3]) * 8) or 1)))
"""


MEMORY = """
import multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from jixiao.portfolio import pool as batch
from jixiao.load.case_folder import find_cases
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
def check(folder):
    batch.check_one(folder, None)
    return os.getpid(), resident_mb()
if __name__ == "__main__":
    folders = [str(f) for f in find_cases(Path(sys.argv[1]))]
    jobs = int(sys.argv[3])
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=batch._init,
                             initargs=(sys.argv[2],)) as pool:
        samples = {}
        for pid, mb in pool.map(check, folders, chunksize=max(1, min(64, len(folders) // (jobs * 8) or 1))):
            samples.setdefault(pid, []).append(mb)
    print(", ".join(" → ".join(f"{s[max(0, len(s) * k // 10 - 1)]:.0f}" for k in (1, 5, 10))
                    for s in samples.values()))
"""


def timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB of the command and its children, and what it printed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode not in (0, 2):
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()[-2000:]}")
        return wall, usage.ru_maxrss // 1024, out.read().decode().strip()


def one_case() -> float:
    from jixiao.check.case import check_case
    from jixiao.check.rulebook import load_rulebook
    rulebook = load_rulebook(ROOT / "rules")
    case = ROOT / "facts" / "shanghai-single-window" / "2017"
    check_case(case, rulebook)  # warm: rulesets registered, modules imported
    start = time.perf_counter()
    for _ in range(20):
        check_case(case, rulebook)
    return (time.perf_counter() - start) / 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="write portfolios here and reuse them on the next run")
    args = parser.parse_args()
    jixiao = [sys.executable, "-m", "jixiao"]
    print(f"one case after start-up (Shanghai 2017, warm): {one_case() * 1000:.0f} ms")
    print("| cases | check (s) | cases/s | floor: load + validate (s) | check / floor | peak RSS (MB) "
          "| each worker's RSS after 10 % → 50 % → 100 % of its cases (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(args.keep or tmp) / f"p{size}-seed1"
            if not (args.keep and folder.is_dir()):
                subprocess.run([*jixiao, "synth", str(folder), "--cases", str(size), "--seed", "1"], cwd=ROOT,
                               check=True, capture_output=True)
            floor, _, _ = timed([sys.executable, "-c", FLOOR, str(folder), str(ROOT / "rules"), str(args.jobs)])
            wall, peak, _ = timed([*jixiao, "check", str(folder), "--jobs", str(args.jobs), "--summary-only",
                                   "--out", str(Path(tmp) / f"out{size}")])
            _, _, workers = timed([sys.executable, "-c", MEMORY, str(folder), str(ROOT / "rules"), str(args.jobs)])
            print(f"| {size:,} | {wall:.1f} | {size / wall:.0f} | {floor:.1f} | {wall / floor:.1f}× | {peak} "
                  f"| {workers} |", flush=True)


if __name__ == "__main__":
    main()
