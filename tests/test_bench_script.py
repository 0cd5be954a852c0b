"""benchmarks/bench.py keeps running as the package moves (it imports jixiao's modules by path):
a two-case portfolio gives one row of the table. Nothing is timed here."""

import re
import subprocess
import sys

from conftest import ROOT


def test_the_portfolio_benchmark_runs_on_two_cases():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--sizes", "2", "--jobs", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"one case after start-up \(Shanghai 2017, warm\): \d+ ms", lines[0])
    assert lines[1].startswith("| cases | check (s) |") and len(lines) == 4
    assert re.fullmatch(r"\| 2 \| [\d.]+ \| \d+ \| [\d.]+ \| [\d.]+× \| \d+ \| \d+ → \d+ → \d+ \|", lines[3])
