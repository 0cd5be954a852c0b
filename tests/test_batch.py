"""Synthetic portfolios and batch checks in worker processes."""

import filecmp
import json


from engine.cli import main

from conftest import ROOT, RULES

FACTS = ROOT / "facts"


def synth(tmp_path, name, cases, seed):
    out = tmp_path / name
    assert main(["synth", str(out), "--cases", str(cases), "--seed", str(seed), "--facts", str(FACTS)]) == 0
    return out


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_same_seed_same_files_other_seed_other_files(capsys, tmp_path):
    a, b, c = synth(tmp_path, "a", 30, 5), synth(tmp_path, "b", 30, 5), synth(tmp_path, "c", 30, 6)
    assert tree(a) == tree(b)
    assert all(filecmp.cmp(a / f, b / f, shallow=False) for f in tree(a))
    assert any(not filecmp.cmp(a / f, c / f, shallow=False) for f in tree(a) if (c / f).exists())


def test_a_portfolio_varies_and_includes_missing_and_broken_facts(capsys, tmp_path):
    out = synth(tmp_path, "p", 300, 11)
    capsys.readouterr()
    code = main(["check", str(out), "--jobs", "2", "--out", str(tmp_path / "results"), "--summary-only",
                 "--rules", str(RULES)])
    text = capsys.readouterr().out
    rows = (tmp_path / "results" / "portfolio.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 301
    header = rows[0].split(",")
    totals = {r.split(",")[header.index("total")] for r in rows[1:]}
    grades = {r.split(",")[header.index("grade")] for r in rows[1:]}
    assert len(totals) > 100 and len(grades) >= 3            # varied
    assert any(int(r.split(",")[header.index("cannot_assess")] or 0) > 0 for r in rows[1:])  # missing facts
    failed = [r for r in rows[1:] if r.split(",")[header.index("error")]]
    assert failed and code == 2                               # broken cases reported, exit says so
    assert f"{300 - len(failed)} checked, {len(failed)} could not be checked" in text
    assert (tmp_path / "results" / "portfolio.html").exists() and (tmp_path / "results" / "portfolio.xlsx").exists()


def test_worker_processes_give_the_same_results_as_one_process(capsys, tmp_path):
    out = synth(tmp_path, "s", 40, 3)
    capsys.readouterr()
    main(["check", str(out), "--format", "json", "--no-write", "--rules", str(RULES)])
    sequential = {(r["case"], r["year"]): (r["total"], r["grade"], len(r["findings"]))
                  for r in json.loads(capsys.readouterr().out)}
    code = main(["check", str(out), "--jobs", "2", "--out", str(tmp_path / "r"), "--summary-only",
                 "--rules", str(RULES)])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    rows = (tmp_path / "r" / "portfolio.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    parallel = {}
    for row in rows[1:]:
        cells = row.split(",")
        if not cells[header.index("error")]:
            parallel[(cells[0], int(cells[1]))] = (float(cells[header.index("total")]), cells[header.index("grade")])
    assert parallel and {k: (v[0], v[1]) for k, v in sequential.items() if k in parallel} == parallel


def test_a_local_dask_cluster_gives_the_same_results_as_the_process_pool(capsys, tmp_path):
    from dask.distributed import LocalCluster
    out = synth(tmp_path, "d", 24, 9)
    main(["check", str(out), "--jobs", "2", "--out", str(tmp_path / "pool"), "--summary-only", "--rules", str(RULES)])
    with LocalCluster(n_workers=2, threads_per_worker=2, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        code = main(["check", str(out), "--scheduler", cluster.scheduler_address, "--out", str(tmp_path / "dask"),
                     "--summary-only", "--rules", str(RULES)])
    capsys.readouterr()
    pool = (tmp_path / "pool" / "portfolio.csv").read_text(encoding="utf-8")
    dask = (tmp_path / "dask" / "portfolio.csv").read_text(encoding="utf-8")
    assert code in (0, 2) and dask == pool and len(pool.splitlines()) == 25
