"""A Dask cluster without a shared disk: the scheduler and each worker in processes of their own,
in working folders of their own, the workers unable to see the case folder, the rules or the
output folder (an empty file system is mounted over each, in the workers' own mount namespace).
The client ships each case's bytes and writes the outputs: the same portfolio and case files
as the process pool's."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from jixiao.cli.main import main

from conftest import FACTS, RULES

DASK = str(Path(sys.executable).parent / "dask")


def _hiding_works() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def cluster(tmp_path):
    """(scheduler address, the worker processes): workers that cannot see tmp_path nor the rules."""
    if not _hiding_works():
        pytest.skip("needs `unshare -m` (a mount namespace) to hide the case folder from the workers")
    places = [Path(tempfile.mkdtemp(prefix="jixiao-dask-")) for _ in range(3)]
    started = []
    try:
        scheduler_file = places[0] / "scheduler.json"
        started.append(subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                         "--scheduler-file", str(scheduler_file)], cwd=places[0],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(600):
            if scheduler_file.exists() and scheduler_file.read_text().strip():
                break
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        hide = f"mount -t tmpfs none {tmp_path} && mount -t tmpfs none {RULES}"
        for place in places[1:]:
            started.append(subprocess.Popen(
                ["unshare", "-m", "--propagation", "private", "sh", "-c",
                 f"{hide} && exec {DASK} worker {address} --nworkers 1 --nthreads 2 --no-dashboard "
                 f"--local-directory {place}"], cwd=place, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from dask.distributed import Client
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            seen = client.run(lambda: [Path(p).exists() and any(Path(p).iterdir()) for p in (str(tmp_path), str(RULES))])
        assert list(seen.values()) == [[False, False], [False, False]]  # the workers see neither
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in reversed(started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for place in places:
            shutil.rmtree(place, ignore_errors=True)


def test_workers_that_cannot_see_the_cases_give_the_pools_portfolio_and_files(cluster, tmp_path, capsys):
    cases = tmp_path / "cases"
    assert main(["synth", str(cases), "--cases", "16", "--seed", "3", "--facts", str(FACTS)]) == 0
    shutil.copytree(FACTS / "shanghai-single-window", cases / "shanghai-single-window")  # 2016 and 2017
    pool_code = main(["check", str(cases), "--jobs", "2", "--out", str(tmp_path / "pool"), "--rules", str(RULES)])
    dask_code = main(["check", str(cases), "--scheduler", cluster, "--out", str(tmp_path / "dask"),
                      "--rules", str(RULES)])
    capsys.readouterr()
    pool, dask = tmp_path / "pool", tmp_path / "dask"
    assert dask_code == pool_code
    assert tree(dask) == tree(pool)
    assert "shanghai-single-window/2017/findings.json" in tree(dask)
    different = [name for name in tree(pool) if not filecmp.cmp(pool / name, dask / name, shallow=False)]
    assert different == []
    rows = (dask / "portfolio.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + 16 + 2 and str(tmp_path) in rows[1] and "jixiao-case-" not in "".join(rows)
