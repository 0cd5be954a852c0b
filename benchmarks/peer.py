"""Benchmark: jixiao against its peers on the shared peer workload, in one process.

    python benchmarks/peer.py [--sizes 1000 10000] [--repeat 3] [--dir DIR]

The workload (benchmarks/peerbench/workload.py): n generated project-year cases, four rules —
R1 separate accounting, R2 tranche deadline, R3 cost-to-task, R4 record policy — and a
plain-Python reference giving the expected findings as (case_id, rule, entity) tuples.

For each size it generates the cases and writes them as jixiao case folders (not timed), then
runs, in turn, for each repetition: plain Python (the reference itself), zen-engine (the rules
as a decision graph, static loader), raw durable-rules (the rules as its JSON ruleset, run
through its own Host and actions), jixiao in memory (records → result) and jixiao from fact
files (case folders → result, as `jixiao check DIR --no-write` checks them). Every run's
findings must equal the reference's exactly, as a multiset; a disagreement stops the
benchmark with the engine's name and the findings missing or extra. Setting up each engine
(loading rules, registering rulesets) is not timed; a run is.

Progress goes to stderr, each run with its CPU time and the machine's load average, then the
best CPU time of each engine and its ratio to zen-engine's (on a shared machine the wall time
depends on the others' load, the CPU time much less). On stdout it prints ms per case (wall
time) and each engine's ratio to zen-engine's time (the best of the repetitions of each), as
a Markdown table, and last the line
`jixiao/zen in-memory: X.XX  from-files: Y.YY` (at the largest size).

zen-engine is an optional extra: `pip install -e '.[bench]'` (zen-engine 2.1.3).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from peerbench.agreement import Disagreement, check_agreement
from peerbench.durable_peer import DurablePeer
from peerbench.floor_peer import DurableFloor
from peerbench.jixiao_peer import JixiaoFromFiles, JixiaoInMemory
from peerbench.workload import generate, reference


class PlainPython:
    name = "plain Python (the reference)"

    def setup(self) -> None:
        pass

    def prepare(self, cases):
        return cases

    def run(self, cases):
        return reference(cases)


class ZenEngine:
    """zen_peer.Zen (the default: ZenEngine.evaluate with a static loader) as one of the engines."""

    name = "zen-engine (decision graph, static loader)"

    def setup(self) -> None:
        try:
            from peerbench.zen_peer import Zen  # zen-engine is optional: said plainly when missing
            self._zen = Zen()
            self._zen.setup()
        except ImportError as exc:
            raise SystemExit(f"peer.py: zen-engine is not installed ({exc}); install it with "
                             "`pip install -e '.[bench]'` (zen-engine 2.1.3)") from None

    def prepare(self, cases):
        return cases

    def run(self, cases):
        return self._zen.run(cases)


def versions() -> str:
    found = []
    for package in ("zen-engine", "durable-rules", "jixiao"):
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} (not installed)")
    return ", ".join(found)


def measure(sizes: list[int], repeat: int, directory: Path, progress=print,
            cpu: dict | None = None) -> dict[int, dict[str, float]]:
    """{size: {engine name: best seconds per case}} (wall time); raises Disagreement when an
    engine's findings differ from the reference's. `cpu`, when given, is filled likewise with
    each engine's best CPU time of this process per case (on a shared machine the wall time
    depends on the others' load, the CPU time much less)."""
    engines = [PlainPython(), ZenEngine(), DurablePeer(), DurableFloor(), JixiaoInMemory(), JixiaoFromFiles(directory)]
    for engine in engines:
        engine.setup()
    best: dict[int, dict[str, float]] = {}
    for size in sizes:
        cases = generate(size)
        expected = reference(cases)
        inputs = {engine.name: engine.prepare(cases) for engine in engines}
        best[size] = {}
        for repetition in range(1, repeat + 1):
            for engine in engines:  # in turn, so that a busy moment of the machine is shared
                gc.collect()
                start, start_cpu = time.perf_counter(), time.process_time()
                found = engine.run(inputs[engine.name])
                seconds, used = time.perf_counter() - start, time.process_time() - start_cpu
                check_agreement(engine.name, found, expected)
                best[size][engine.name] = min(best[size].get(engine.name, seconds), seconds)
                if cpu is not None:
                    used_best = cpu.setdefault(size, {})
                    used_best[engine.name] = min(used_best.get(engine.name, used / size), used / size)
                progress(f"{size:,} cases, repetition {repetition}: {engine.name} {seconds / size * 1000:.3f} ms/case "
                         f"({used / size * 1000:.3f} CPU), {len(found):,} findings agree; "
                         f"load average {os.getloadavg()[0]:.2f}")
        best[size] = {name: seconds / size for name, seconds in best[size].items()}
    return best


def table(best: dict[int, dict[str, float]], repeat: int) -> str:
    sizes = sorted(best)
    zen = ZenEngine.name
    lines = [f"Peer workload, one process, best of {repeat} repetitions; {datetime.date.today().isoformat()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}, {versions()}.",
             "",
             "| engine | " + " | ".join(f"{size:,} cases: ms/case | × zen-engine" for size in sizes) + " |",
             "|---|" + "---:|---:|" * len(sizes)]
    for name in best[sizes[0]]:
        cells = [f"{best[size][name] * 1000:.3f} | {best[size][name] / best[size][zen]:.2f}" for size in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    largest = best[sizes[-1]]
    lines += ["", f"jixiao/zen in-memory: {largest[JixiaoInMemory.name] / largest[zen]:.2f}  "
                  f"from-files: {largest[JixiaoFromFiles.name] / largest[zen]:.2f}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="cases per run (default 1000 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the best of each engine counts (default 3)")
    parser.add_argument("--dir", type=Path, help="write the case folders here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    if args.repeat < 1 or min(args.sizes) < 1:
        parser.error("--sizes and --repeat must be at least 1")
    sizes = sorted(set(args.sizes))
    taken = [args.dir / f"{size}-cases" for size in sizes if args.dir is not None and (args.dir / f"{size}-cases").exists()]
    if taken:
        parser.error(f"{', '.join(map(str, taken))} exists already: choose another --dir, or remove it")
    def say(line: str) -> None:  # progress on stderr; the table alone on stdout
        print(line, file=sys.stderr, flush=True)

    cpu: dict[int, dict[str, float]] = {}
    load = os.getloadavg()[0]
    try:
        if args.dir is not None:
            best = measure(sizes, args.repeat, args.dir, say, cpu)
        else:
            with tempfile.TemporaryDirectory(prefix="jixiao-peer-") as directory:
                best = measure(sizes, args.repeat, Path(directory), say, cpu)
    except Disagreement as exc:
        raise SystemExit(f"peer.py: {exc}") from None  # exit status 1, no timing printed
    say(f"load average before {load:.2f}, after {os.getloadavg()[0]:.2f}; best CPU time per case (ms), "
        "and its ratio to zen-engine's:")
    for size, engines in sorted(cpu.items()):
        zen = engines[ZenEngine.name]
        say(f"  {size:,} cases: " + "; ".join(f"{name} {used * 1000:.3f} ({used / zen:.2f})"
                                              for name, used in engines.items()))
    print(table(best, args.repeat))


if __name__ == "__main__":
    main()
