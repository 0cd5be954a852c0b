"""Synthetic portfolios and batch checks in worker processes."""

import csv
import filecmp
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from pathlib import Path

from jixiao.portfolio import overview as portfolio
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.portfolio import pages as portfolio_out
from jixiao.report import PortfolioSummary, Settings, render

from conftest import FACTS, ROOT, RULES



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
    rows = (tmp_path / "results" / "portfolio.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 301
    header = rows[0].split(",")
    totals = {r.split(",")[header.index("total")] for r in rows[1:]}
    grades = {r.split(",")[header.index("grade")] for r in rows[1:]}
    assert len(totals) > 100 and len(grades) >= 3            # varied
    assert any(int(r.split(",")[header.index("cannot_assess")] or 0) > 0 for r in rows[1:])  # missing facts
    failed = [r for r in rows[1:] if r.split(",")[header.index("error")]]
    assert failed and code == 2                               # broken cases reported, exit says so
    assert text.startswith(f"300 个案例：{300 - len(failed)} 个已检查，{len(failed)} 个无法检查\n")
    assert (tmp_path / "results" / "portfolio.html").exists() and (tmp_path / "results" / "portfolio.xlsx").exists()
    checked = 300 - len(failed)
    schemes = tuple(f"{scheme}：" for scheme in load_rulebook(RULES).schemes)  # a line per scheme with cases
    assert sum(int(line.split("：")[1].split()[0]) for line in text.splitlines()
               if line.startswith(schemes)) == checked
    assert "有发现的案例，按规则类别：" in text


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
    rows = (tmp_path / "r" / "portfolio.csv").read_text(encoding="utf-8-sig").splitlines()
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
    pool = (tmp_path / "pool" / "portfolio.csv").read_text(encoding="utf-8-sig")
    dask = (tmp_path / "dask" / "portfolio.csv").read_text(encoding="utf-8-sig")
    assert code in (0, 2) and dask == pool and len(pool.splitlines()) == 25


def case_row(case, scheme, total, grade, provisional=False, **families):
    return {"folder": f"p/{case}", "case": case, "year": 2017, "scheme": scheme, "total": Decimal(total),
            "out_of": Decimal(100), "precision": 2, "grade": grade,
            "provisional": provisional, "findings": sum(families.values()), "cannot_assess": int(provisional),
            "integrity": 0, **{f"family:{k}": v for k, v in families.items()}, "error": ""}


ROWS = [case_row("a", "s1", "90.00", "优", x=2, y=0), case_row("b", "s1", "80.50", "良", x=0, y=1),
        case_row("c", "s1", "70.00", "良", x=0, y=0), case_row("d", "s1", "50.00", "差", True, x=0, y=0),
        {"folder": "p/broken", "error": "case.yaml: missing"}, case_row("e", "s2", "60.00", "中", x=0, y=0)]


def test_the_portfolio_overview_counts_grades_and_spreads_final_totals_only():
    D = Decimal
    assert portfolio.by_scheme(ROWS).to_dict("records") == [
        {"scheme": "s1", "out_of": D(100), "cases": 4, "provisional": 1, "mean": D("80.17"), "min": D("70.00"),
         "median": D("80.50"), "max": D("90.00")},
        {"scheme": "s2", "out_of": D(100), "cases": 1, "provisional": 0, "mean": D("60.00"), "min": D("60.00"),
         "median": D("60.00"), "max": D("60.00")}]
    assert portfolio.grades(ROWS).to_dict("records") == [
        {"scheme": "s1", "out_of": D(100), "grade": "优", "cases": 1, "share": D("0.3333")},
        {"scheme": "s1", "out_of": D(100), "grade": "良", "cases": 2, "share": D("0.6667")},
        {"scheme": "s2", "out_of": D(100), "grade": "中", "cases": 1, "share": D("1.0000")}]
    assert portfolio.by_family(ROWS).to_dict("records") == [
        {"family": "x", "cases_with_findings": 1, "share": D("0.2000"), "findings": 2},
        {"family": "y", "cases_with_findings": 1, "share": D("0.2000"), "findings": 1}]


def test_the_overview_of_only_provisional_or_broken_cases_is_empty_not_an_error():
    provisional = [case_row("d", "s1", "50.00", "差", True, x=1)]
    frame = portfolio.by_scheme(provisional)
    assert frame[["scheme", "cases", "provisional"]].to_dict("records") == [{"scheme": "s1", "cases": 1,
                                                                            "provisional": 1}]
    assert frame[["mean", "min", "median", "max"]].isna().all().all()
    assert portfolio.grades(provisional).empty and portfolio.by_family([ROWS[4]]).empty
    assert portfolio_out.overview_lines(portfolio_out.overview(provisional))[0] == "s1：1 个案例（1 个暂定）；没有最终总分"
    assert portfolio_out.overview_lines(portfolio_out.overview(provisional), "en")[0] == \
        "s1: 1 case (1 provisional); no final totals"


TITLES = {"family:x": ("甲类规则", "Family X"), "family:y": ("乙类规则", "Family Y")}


@pytest.mark.parametrize("lang, headings, sheets, columns, provisional", [
    ("zh", ("各评价方案总分（仅最终总分）", "等级分布", "各规则类别的发现", "<h2>案例</h2>"), ["汇总", "概览"],
     ["案例", "年度", "评价方案", "总分", "满分", "等级", "暂定", "自评得分", "复算得分", "差额（自评 − 复算）", "发现", "无法评价",
      "数据核对", "甲类规则", "乙类规则", "错误", "文件夹"], ("否", "是")),
    ("en", ("Totals by scheme (final totals only)", "Grades", "Findings by rule family", "<h2>Cases</h2>"),
     ["portfolio", "overview"],
     ["case", "year", "scheme", "total", "out of", "grade", "provisional", "self-reported", "recomputed",
      "gap (self-reported − recomputed)", "findings", "cannot assess", "integrity notes", "Family X", "Family Y", "error",
      "folder"], ("no", "yes")),
])
def test_the_overview_is_in_the_html_page_the_workbook_and_the_text(lang, headings, sheets, columns, provisional):
    """The page and the workbook are for people: headings and columns titled in the run's language
    (a family by its title), provisional as 是 / 否; portfolio.csv keeps the codes (a program's)."""
    summary = PortfolioSummary(ROWS, portfolio_out.overview(ROWS), TITLES)
    settings = Settings(lang=lang)
    page = render("portfolio-html", summary, settings)
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions) and "<td>80.17</td>" in page and "<td>66.7%</td>" in page
    assert "<th>" + "</th><th>".join(columns) + "</th>" in page
    assert ("<p>共 6 个案例，其中 1 个无法检查。</p>" if lang == "zh" else "<p>6 cases; 1 could not be checked.</p>") in page
    workbook = openpyxl.load_workbook(io.BytesIO(render("portfolio-xlsx", summary, settings)), read_only=True)
    assert workbook.sheetnames == sheets
    overview = [list(r) for r in workbook[sheets[1]].iter_rows(values_only=True)]
    assert ["s1", 100, 4, 1, 80.17, 70, 80.5, 90] in overview  # numbers as numbers: a spreadsheet sums them
    assert [TITLES["family:x"][lang == "en"], 1, "20%", 2] in overview  # a family by its title
    cases = [list(r) for r in workbook[sheets[0]].iter_rows(values_only=True)]
    assert cases[0] == columns
    assert cases[1][:7] == ["a", 2017, "s1", 90, 100, "优", provisional[0]] and cases[5][-2:] == ["case.yaml: missing", "p/broken"]
    assert cases[4][6] == provisional[1]
    assert render("portfolio-csv", summary, settings).splitlines()[:2] == [
        "case,year,scheme,total,out_of,grade,provisional,self_reported,recomputed,gap,findings,cannot_assess,integrity,"
        "family:x,family:y,error,folder", "a,2017,s1,90.00,100,优,False,,,,2,0,0,2,0,,p/a"]


def test_the_workbook_keeps_a_case_id_of_digits_as_text():
    digits = [case_row("0042", "s1", "1.50", "差", x=1)]  # a case id may be all digits: it stays text
    workbook = openpyxl.load_workbook(io.BytesIO(render("portfolio-xlsx", PortfolioSummary(digits, portfolio_out.overview(digits)))), read_only=True)
    assert list(workbook["汇总"].iter_rows(values_only=True))[1][:4] == ("0042", 2017, "s1", 1.5)


def test_the_overview_lines_say_one_case_and_several_in_the_run_s_language():
    """1 case, 2 cases (it said "1 cases"); in Chinese 1 个案例."""
    assert portfolio_out.overview_lines(portfolio_out.overview(ROWS)) == [
        "s1：4 个案例（1 个暂定）；总分平均 80.17，最低 70.00，中位数 80.50，最高 90.00；优 1 · 良 2",
        "s2：1 个案例（0 个暂定）；总分平均 60.00，最低 60.00，中位数 60.00，最高 60.00；中 1",
        "有发现的案例，按规则类别：x 1 (20%)，y 1 (20%)"]
    assert portfolio_out.overview_lines(portfolio_out.overview(ROWS), "en") == [
        "s1: 4 cases (1 provisional); total mean 80.17, min 70.00, median 80.50, max 90.00; 优 1 · 良 2",
        "s2: 1 case (0 provisional); total mean 60.00, min 60.00, median 60.00, max 60.00; 中 1",
        "cases with findings, by rule family: x 1 (20%), y 1 (20%)"]


def crash_on(monkeypatch, name, once_marker=None):
    """Make the worker process checking case folder `name` die as a native crash would (SIGSEGV);
    with `once_marker`, only the first time. Forked workers inherit the patch."""
    import faulthandler
    import os
    import signal
    from jixiao.check import case as check
    real = check.check_case

    def check_case(folder, *args, **kwargs):
        if Path(folder).parent.name == name and not (once_marker and once_marker.exists()):
            if once_marker:
                once_marker.touch()
            faulthandler.disable()  # pytest's handler would print the dying worker's stack
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(folder, *args, **kwargs)
    monkeypatch.setattr(check, "check_case", check_case)


def test_a_worker_that_dies_takes_only_its_own_case_with_it(capsys, tmp_path, monkeypatch):
    from jixiao.portfolio import pool as batch
    from jixiao.load.case_folder import find_cases
    folders = find_cases(synth(tmp_path, "c", 24, 5))
    expected = batch.run(folders, RULES, 2, None)
    crash_on(monkeypatch, "synth-00007")
    rows = batch.run(folders, RULES, 2, None)
    assert [r["folder"] for r in rows] == [str(f) for f in folders]
    died = [r for r in rows if "检查此案例时工作进程退出" in r.get("error", "")]  # said in the batch's language (zh: batch.run's default)
    assert [r["folder"] for r in died] == [str(f) for f in folders if f.parent.name == "synth-00007"]
    assert [r for r in rows if r not in died] == [r for r in expected if r["folder"] not in {d["folder"] for d in died}]


def test_a_worker_that_dies_once_costs_no_case(capsys, tmp_path, monkeypatch):
    from jixiao.portfolio import pool as batch
    from jixiao.load.case_folder import find_cases
    folders = find_cases(synth(tmp_path, "c", 24, 5))
    expected = batch.run(folders, RULES, 2, None)
    crash_on(monkeypatch, "synth-00011", once_marker=tmp_path / "died-once")
    assert batch.run(folders, RULES, 2, None) == expected and (tmp_path / "died-once").exists()


def test_forked_workers_keep_the_rules_the_parent_loaded(tmp_path, monkeypatch):
    from jixiao.check import rulebook as check
    from jixiao.portfolio import pool as batch
    from jixiao.load.case_folder import find_cases
    folders = find_cases(synth(tmp_path, "k", 6, 2))
    rulebook = check.load_rulebook(RULES)
    expected = batch.run(folders, RULES, 2, None)
    loads = tmp_path / "loads"
    real = check.load_rulebook

    def counting(directory):  # the workers inherit this patch; each load leaves a line
        with open(loads, "a") as record:
            record.write("load\n")
        return real(directory)
    monkeypatch.setattr(check, "load_rulebook", counting)
    assert batch.run(folders, RULES, 2, None, rulebook=rulebook) == expected
    assert not loads.exists()
    assert batch.run(folders, RULES, 2, None) == expected and loads.read_text().count("load") == 2  # one a worker


def test_the_portfolio_files_are_the_same_bytes_on_every_run(monkeypatch):
    """Not even the workbook's creation time changes (openpyxl stamps the clock into it)."""
    import datetime
    import re
    import types
    import zipfile
    from openpyxl.packaging import core

    class Later(datetime.datetime):
        calls = 0

        @classmethod
        def now(cls, tz=None):
            cls.calls += 1
            return datetime.datetime(2030, 5, 17, 8, 30, cls.calls % 60, tzinfo=tz)

    tables = portfolio_out.overview(ROWS)
    first = render("portfolio-xlsx", PortfolioSummary(ROWS, tables))
    # a later run: openpyxl's clock says another time
    monkeypatch.setattr(core, "datetime", types.SimpleNamespace(datetime=Later, timezone=datetime.timezone))
    second = render("portfolio-xlsx", PortfolioSummary(ROWS, tables))
    assert Later.calls > 0 and first == second
    stamps = re.findall(rb"<dcterms:(\w+)[^>]*>([^<]*)<", zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml"))
    assert stamps == [(b"created", b"2000-01-01T00:00:00Z"), (b"modified", b"2000-01-01T00:00:00Z")]


def test_the_overview_rounds_half_up_like_every_score():
    rows = [case_row("a", "s", "86.74", "良"), case_row("b", "s", "86.75", "良")]
    assert portfolio_out.overview_lines(portfolio_out.overview(rows), "en") == [
        "s: 2 cases (0 provisional); total mean 86.75, min 86.74, median 86.75, max 86.75; 良 2"]
    assert portfolio_out.overview_lines(portfolio_out.overview(rows)) == [
        "s：2 个案例（0 个暂定）；总分平均 86.75，最低 86.74，中位数 86.75，最高 86.75；良 2"]
    # shares, as score rates (jixiao.model.percents.rate_text): 1 of 16 is 6.25 %, shown 6.3 %; 10 of 81 is
    # 12.345679 %, shown 12.3 % (from the counts, rounded once: not 12.35 rounded again)
    sixteen = [case_row(f"c{i}", "s", "90.00" if i else "70.00", "优" if i else "良", x=int(i < 10))
               for i in range(16)]
    grades = portfolio_out.overview(sixteen)["grades"]
    assert grades[1:] == [["s", Decimal(100), "优", 15, "93.8%"], ["s", Decimal(100), "良", 1, "6.3%"]]
    eighty_one = [case_row(f"c{i}", "s", "90.00", "优", x=int(i < 10)) for i in range(81)]
    assert portfolio_out.overview(eighty_one)["by_family"][1:] == [["x", 10, "12.3%", 10]]
    assert portfolio.grades(sixteen)["share"].tolist() == [Decimal("0.9375"), Decimal("0.0625")]


def test_the_portfolio_csv_opens_in_chinese_excel(capsys, tmp_path):
    out = synth(tmp_path, "e", 3, 1)
    assert main(["check", str(out), "--jobs", "2", "--summary-only", "--out", str(tmp_path / "r"),
                 "--rules", str(RULES)]) in (0, 2)
    raw = (tmp_path / "r" / "portfolio.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcase,year,scheme,total,out_of,grade,provisional,")  # UTF-8 with BOM
    assert [r["case"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))] == [
        "synth-00001", "synth-00002", "synth-00003"]


def test_synth_reads_facts_as_jixiao_does(capsys, tmp_path):
    """Facts saved by Excel (UTF-8 with BOM, or GBK) vary into the same portfolio as the originals;
    what synth writes, Excel reads right (BOM) and jixiao reads back."""
    import shutil
    facts = tmp_path / "excel-facts"
    shutil.copytree(FACTS, facts)
    for number, path in enumerate(sorted(facts.rglob("*.csv"))):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.encode("utf-8-sig") if number % 2 else text.encode("gb18030"))
    a = synth(tmp_path, "a", 12, 4)
    assert main(["synth", str(tmp_path / "b"), "--cases", "12", "--seed", "4", "--facts", str(facts)]) == 0
    b = tmp_path / "b"
    assert tree(a) == tree(b) and all(filecmp.cmp(a / f, b / f, shallow=False) for f in tree(a))
    assert all((a / f).read_bytes().startswith(b"\xef\xbb\xbf") for f in tree(a) if f.endswith(".csv"))


def alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by whoever adopted it, is not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_end_when_the_batch_is_killed(tmp_path):
    """kill -9 of the batch's process: its workers, one idle on the pool's queue and one busy
    with a case, end too instead of waiting forever."""
    import os
    import signal
    import subprocess
    import sys
    import time
    folders = synth(tmp_path, "k", 6, 2)
    marks = tmp_path / "marks"
    marks.mkdir()
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from jixiao.check import case as check\n"
        "from jixiao.portfolio import pool as batch\n"
        "marks = Path(sys.argv[1])\n"
        "start, real = batch._init, check.check_case\n"
        "def init(*args):\n"
        "    (marks / f'worker-{os.getpid()}').touch()\n"
        "    start(*args)\n"
        "def check_case(folder, *args, **kwargs):\n"
        "    if Path(folder).parent.name == 'synth-00001':\n"  # this case takes (nearly) forever
        "        (marks / 'busy').touch()\n"
        "        time.sleep(600)\n"
        "    return real(folder, *args, **kwargs)\n"
        "batch._init, check.check_case = init, check_case\n"
        "from jixiao.cli import main\n"
        "main(['check', sys.argv[2], '--jobs', '2', '--no-write', '--rules', sys.argv[3]])\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(marks), str(folders), str(RULES)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        for _ in range(1200):  # at most a minute for the batch to start its two workers and reach the slow case
            workers = [int(p.name.split("-")[1]) for p in marks.glob("worker-*")]
            if len(workers) == 2 and (marks / "busy").exists():
                break
            time.sleep(0.05)
        assert len(workers) == 2 and (marks / "busy").exists(), "the batch never started"
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=60)
        for _ in range(600):  # at most a minute for the workers to notice
            if not any(alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert [pid for pid in workers if alive(pid)] == [], "workers outlived the batch"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # only the processes this test started
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


COPY = "copied-folder"  # a folder name no bundled case has


def copied_case(tmp_path):
    """The bundled facts with Shanghai 2017 copied to a second folder, its case.yaml unchanged."""
    import shutil
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    shutil.copytree(facts / "shanghai-single-window" / "2017", facts / COPY / "2017")
    return facts


DUPLICATE = ("{second}/case.yaml: case shanghai-single-window 2017 is also declared by {first}/case.yaml; "
             "each case and year is one folder: change `case` or `year` in one of them (a copied folder?)")


@pytest.mark.parametrize("options", [[], ["--jobs", "2"], ["--jobs", "2", "--summary-only"], ["--no-write"]])
def test_two_folders_of_the_same_case_and_year_are_refused_before_anything_is_written(capsys, tmp_path, options):
    facts = copied_case(tmp_path)
    code = main(["check", str(facts), "--out", str(tmp_path / "out"), "--rules", str(RULES), *options])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert DUPLICATE.format(second=facts / "shanghai-single-window" / "2017", first=facts / COPY / "2017") \
        in captured.err
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").rglob("*")) == []


def test_two_folders_of_the_same_earlier_year_are_refused(capsys, tmp_path):
    import shutil
    facts = tmp_path / "facts"
    shutil.copytree(FACTS / "shanghai-single-window", facts / "shanghai-single-window")
    case = facts / "shanghai-single-window"
    shutil.copytree(case / "2016", case / "2016-copy")  # which one is last year's?
    code = main(["check", str(case / "2017"), "--no-write", "--rules", str(RULES)])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert ("2016-copy/case.yaml: case shanghai-single-window 2016 is also declared by "
            f"{case / '2016'}/case.yaml") in captured.err


def test_a_run_s_lines_count_in_the_run_s_language():
    """The lines a run prints: `1 case:` / `2 cases:`, `1 finding` / `2 findings` (it said "1 cases:",
    "1 findings"); in Chinese 1 个案例：, 1 项发现."""
    from jixiao.report.summary import case_line
    from jixiao.report.labels import counted, get

    one, two = (counted(get("en")["portfolio"]["run_cases"], n).format(n=n) for n in (1, 2))
    assert (one, two) == ("1 case:", "2 cases:")
    assert counted(get("zh")["portfolio"]["run_cases"], 1).format(n=1) == "1 个案例："
    line = case_line("c", 2017, "s", Decimal("90"), "优", False, 1, 0, "en")
    assert line.endswith("优     1 finding") and case_line("c", 2017, "s", Decimal("90"), "优", True, 2, 3, "en").endswith(
        "优 (provisional) 2 findings, 3 cannot assess")
    assert case_line("c", 2017, "s", Decimal("90"), "优", True, 1, 3).endswith("优（暂定） 1 项发现，3 项无法评价")


def test_a_batch_s_progress_counts_in_the_run_s_language():
    from jixiao.cli.case_commands import progress_bar

    zh, en = io.StringIO(), io.StringIO()
    progress_bar(3, 3, zh)
    progress_bar(3, 3, en, lang="en")
    assert (zh.getvalue(), en.getvalue()) == ("\r[" + "#" * 30 + "] 3/3 个案例\n", "\r[" + "#" * 30 + "] 3/3 cases\n")
