"""Benchmark: jixiao on synthetic portfolios of 1, 100, 1,000 and 10,000 cases.

    python benchmarks/bench.py [--sizes 1 100 1000 10000] [--jobs 2]

For each size it writes the portfolio (not timed), then measures, in fresh processes:
- the floor: only loading and validating the same facts, in the same number of workers;
- the check: `jixiao check DIR --jobs N --summary-only` (all rules in durable-rules, scores,
  the portfolio summary), wall time and cases per second;
- peak memory: the largest resident set of the parent and of any worker.
It also times one case after start-up (rules loaded, engine warm). It prints a table; it
asserts nothing (this is a measurement, not a test).
"""

from __future__ import annotations

import argparse
import resource
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
from engine.check import load_knowledge
from engine.facts import find_cases, load_case
from engine.errors import InputError
catalog = None
def init():
    global catalog
    catalog = load_knowledge(Path(sys.argv[2])).catalog
def load(folder):
    try:
        load_case(folder, catalog)
    except InputError:
        pass
    return 1
if __name__ == "__main__":
    folders = find_cases(Path(sys.argv[1]))
    with ProcessPoolExecutor(int(sys.argv[3]), initializer=init) as pool:
        sum(pool.map(load, folders, chunksize=max(1, len(folders) // (int(sys.argv[3]) * 8) or 1)))
"""


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds, and peak RSS in MB of the command and its children."""
    start = time.perf_counter()
    child = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if child.returncode not in (0, 2):
        raise SystemExit(f"{' '.join(command)} failed:\n{child.stderr[-2000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb // 1024


def one_case() -> float:
    from engine.check import check_case, load_knowledge
    knowledge = load_knowledge(ROOT / "rules")
    case = ROOT / "facts" / "shanghai-single-window" / "2017"
    check_case(case, knowledge)  # warm: rulesets registered, modules imported
    start = time.perf_counter()
    for _ in range(20):
        check_case(case, knowledge)
    return (time.perf_counter() - start) / 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    jixiao = [sys.executable, "-m", "engine.cli"]
    print(f"one case after start-up (Shanghai 2017, warm): {one_case() * 1000:.0f} ms")
    print(f"| cases | check (s) | cases/s | floor: load+validate (s) | check / floor | peak RSS (MB) |")
    print(f"|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"p{size}"
            subprocess.run([*jixiao, "synth", str(folder), "--cases", str(size), "--seed", "1"], cwd=ROOT,
                           check=True, capture_output=True)
            floor, _ = timed([sys.executable, "-c", FLOOR, str(folder), str(ROOT / "rules"), str(args.jobs)])
            wall, peak = timed([*jixiao, "check", str(folder), "--jobs", str(args.jobs), "--summary-only",
                                "--out", str(Path(tmp) / f"out{size}")])
            print(f"| {size:,} | {wall:.1f} | {size / wall:.0f} | {floor:.1f} | {wall / floor:.1f}× | {peak} |",
                  flush=True)


if __name__ == "__main__":
    main()
