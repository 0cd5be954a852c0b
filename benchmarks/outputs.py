"""Benchmark: what a case's files cost in a batch. On a synthetic portfolio (default 1,000
cases, 2 workers) it times, in fresh processes,

- `jixiao check DIR --jobs N --summary-only` (the check and the portfolio summary), and
- `jixiao check DIR --jobs N --out OUT` (the same, writing every case's files: findings.json,
  scores.csv, report.md/.html/.xlsx/.docx, manifest.json), or with `--outputs SET` each set of
  formats named (e.g. `--outputs md,html,xlsx,json --outputs all`),

and prints each per case and its ratio to summary-only, with the machine's load average before
and after. It asserts nothing (a measurement, not a test).

    python benchmarks/outputs.py [--cases 1000] [--jobs 2] [--keep DIR] [--outputs SET ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the portfolio here (reused when present)")
    parser.add_argument("--outputs", action="append", help="a set of formats to write (jixiao check --outputs), "
                        "or 'all' (the default)")
    args = parser.parse_args()
    jixiao = [sys.executable, "-m", "jixiao"]
    work = Path(tempfile.mkdtemp(prefix="jixiao-outputs-"))
    try:
        cases = args.keep or work / "cases"
        if not cases.exists():
            subprocess.run([*jixiao, "synth", str(cases), "--cases", str(args.cases), "--seed", "1"], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL)
        n = args.cases
        print(f"{n} cases, {args.jobs} workers; load average {_load()}", flush=True)
        summary = timed([*jixiao, "check", str(cases), "--jobs", str(args.jobs), "--summary-only",
                         "--out", str(work / "summary")])
        print(f"{'summary only':24}: {summary:8.1f} s  {summary / n * 1000:7.1f} ms a case", flush=True)
        for number, chosen in enumerate(args.outputs or ["all"]):
            choice = [] if chosen == "all" else ["--outputs", chosen]
            full = timed([*jixiao, "check", str(cases), "--jobs", str(args.jobs), *choice,
                          "--out", str(work / f"full{number}")])
            shutil.rmtree(work / f"full{number}", ignore_errors=True)
            print(f"{chosen:24}: {full:8.1f} s  {full / n * 1000:7.1f} ms a case  {full / summary:6.2f}x summary only",
                  flush=True)
        print(f"load average after: {_load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _load() -> str:
    """The load average over 1, 5 and 15 minutes (/proc/loadavg), where the system has one."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown" if not hasattr(os, "getloadavg") else " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
