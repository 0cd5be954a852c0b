"""Benchmark: a batch of synthesized self-evaluation forms (issue 14 item 5).

    python benchmarks/forms.py [--forms 1000] [--jobs 2] [--per-folder 1] [--keep DIR] [--profile]

Writes N forms with `jixiao synth --forms` (not timed; with --keep, forms already in DIR are
reused), then times, in a fresh process, `jixiao check DIR --jobs N --summary-only --out OUT`
(every form read from its .xlsx, its rules run in durable-rules, scored, the portfolio and its
overview written) and prints forms per second, with the load average of the machine, and the
CPU time the command and its workers used (what the forms cost, whatever else the machine does). With
--profile it also runs 200 of the forms in one process under cProfile and prints where the time
goes. It asserts nothing: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--per-folder", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the forms here and reuse them next time")
    parser.add_argument("--profile", action="store_true", help="also profile 200 forms in one process")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        forms = args.keep or Path(scratch) / "forms"
        if not (forms / "slips.csv").is_file() or len(_units(forms)) != args.forms:
            from jixiao.authoring.form_synth import synth_forms
            started = time.perf_counter()
            synth_forms(forms, args.forms, args.seed, args.per_folder)
            print(f"wrote {args.forms} forms in {time.perf_counter() - started:.1f} s (not timed)")
        out = Path(scratch) / "out"
        command = [sys.executable, "-m", "jixiao", "check", str(forms), "--jobs", str(args.jobs), "--summary-only",
                   "--out", str(out), "-q", "--rules", str(ROOT / "rules")]
        load = os.getloadavg()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:])
        print(f"{args.forms} forms, {args.jobs} workers, summary only: {elapsed:.2f} s, "
              f"{args.forms / elapsed:.0f} forms/s (exit {done.returncode}; load average before "
              f"{load[0]:.2f}, after {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs)")
        # on a shared machine the wall time depends on the others' load; the CPU time much less
        print(f"CPU time of the command and its workers: {cpu:.1f} s, {1000 * cpu / args.forms:.1f} ms a form; "
              f"on {args.jobs} idle cores that is about {args.forms * args.jobs / cpu:.0f} forms/s")
        if args.profile:
            _profile(forms)
    return 0


def _units(forms: Path) -> list[str]:
    return [p.name for p in forms.rglob("*.xlsx")]


def _profile(forms: Path) -> None:
    from jixiao.check import runs
    from jixiao.check.case import check_case
    from jixiao.check.forms import form_scheme_ids
    from jixiao.check.rulebook import load_rulebook
    from jixiao.load.case_folder import find_cases
    from jixiao.load.form_folder import expand
    from jixiao.portfolio.rows import summary_row

    rulebook = load_rulebook(ROOT / "rules")
    units = expand(find_cases(forms), form_scheme_ids(rulebook))[:200]
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for unit in units:
        summary_row(unit, runs.alone(check_case(unit, rulebook)), rulebook)
    profile.disable()
    print(f"one process, {len(units)} forms: {len(units) / (time.perf_counter() - started):.0f} forms/s under cProfile")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    sys.exit(main())
