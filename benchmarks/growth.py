"""Benchmark: growth from 1,000 to 100,000 generated cases, summary only, on 2 workers.

    python benchmarks/growth.py [--sizes 1000 10000 100000] [--jobs 2]

Each case is the peer workload's (benchmarks/peerbench/workload.py gen_case), drawn from its
own seed (the workload's seed and its number), so that a worker makes its share of the cases
one at a time and holds none of them: the workload's own generate() would hold every case in
memory. Each worker checks its cases in memory (records -> result, as peer.py's jixiao in
memory: validation, derivation, checks, durable-rules, findings, scores), keeps the summary of
each (total, grade, number of findings) and drops the result, and checks that every case's
findings equal the plain-Python reference's. It reads its resident set (/proc/self/statm)
after a tenth, half and all of its cases: flat means each case's session and result freed.

Printed: per size, the wall time, ms per case, that time relative to the smallest size's
(linear growth: about 1.00 at every size), and each worker's resident set in MB. It asserts
nothing but agreement (a measurement, not a test).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peerbench.agreement import check_agreement  # noqa: E402
from peerbench.workload import SEED, gen_case, reference  # noqa: E402


def case_number(i: int) -> dict:
    """Case i, the same in any process: drawn from its own seed."""
    return gen_case(random.Random(SEED * 1_000_003 + i), i)


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def check_share(start: int, stop: int) -> tuple[int, int, list[float]]:
    """In a worker: check cases start..stop-1 in memory; (cases, findings, resident MB after a
    tenth, half and all of them). Raises Disagreement if a case's findings differ from the reference's."""
    from peerbench.jixiao_peer import JixiaoInMemory
    engine = JixiaoInMemory()
    engine.setup()
    count = stop - start
    marks = {start + max(1, count // 10) - 1, start + max(1, count // 2) - 1, stop - 1}
    findings, resident, summaries = 0, [], 0
    for i in range(start, stop):
        case = case_number(i)
        found = engine.run([case])  # the result is dropped once its findings are read
        check_agreement("jixiao in memory", found, reference([case]))
        findings += len(found)
        summaries += 1
        if i in marks:
            resident.append(_resident_mb())
    return summaries, findings, resident


def measure(size: int, jobs: int) -> tuple[float, list[list[float]], int]:
    """(wall seconds, each worker's resident MB samples, findings) for `size` cases on `jobs` workers."""
    shares = [(size * k // jobs, size * (k + 1) // jobs) for k in range(jobs)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(check_share, *zip(*shares)))
    seconds = time.perf_counter() - start
    assert sum(r[0] for r in results) == size
    return seconds, [r[2] for r in results], sum(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))
    lines = [f"Growth, generated peer-workload cases, summary only, {args.jobs} workers, {os.cpu_count()} cores.", "",
             "| cases | wall s | ms/case | × smallest | findings | worker MB after 10 % / 50 % / 100 % |",
             "|---:|---:|---:|---:|---:|---|"]
    first = None
    for size in sizes:
        seconds, resident, findings = measure(size, args.jobs)
        per_case = seconds / size * 1000
        first = first or per_case
        memory = "; ".join(" / ".join(f"{mb:.0f}" for mb in worker) for worker in resident)
        lines.append(f"| {size:,} | {seconds:.1f} | {per_case:.3f} | {per_case / first:.2f} | {findings:,} | {memory} |")
        print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
