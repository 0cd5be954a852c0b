"""Benchmark: what a case's files cost in a batch. On a synthetic portfolio (default 1,000
cases, 2 workers) it times, in fresh processes,

- `jixiao check DIR --jobs N --summary-only` (the check and the portfolio summary), and
- `jixiao check DIR --jobs N --out OUT` (the same, writing every case's files: findings.json,
  scores.csv, report.md/.html/.xlsx/.docx, manifest.json),

and prints both per case and their ratio. It asserts nothing (a measurement, not a test).

    python benchmarks/outputs.py [--cases 1000] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    jixiao = [sys.executable, "-m", "jixiao"]
    work = Path(tempfile.mkdtemp(prefix="jixiao-outputs-"))
    try:
        cases = args.keep or work / "cases"
        if not cases.exists():
            subprocess.run([*jixiao, "synth", str(cases), "--cases", str(args.cases), "--seed", "1"], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL)
        summary = timed([*jixiao, "check", str(cases), "--jobs", str(args.jobs), "--summary-only",
                         "--out", str(work / "summary")])
        full = timed([*jixiao, "check", str(cases), "--jobs", str(args.jobs), "--out", str(work / "full")])
        n = args.cases
        print(f"{n} cases, {args.jobs} workers")
        print(f"summary only : {summary:8.1f} s  {summary / n * 1000:7.1f} ms a case")
        print(f"full output  : {full:8.1f} s  {full / n * 1000:7.1f} ms a case")
        print(f"ratio        : {full / summary:8.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
