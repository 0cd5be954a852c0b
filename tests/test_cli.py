"""`jixiao check`: outputs, formats, exit codes, and clear errors for bad input."""

import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from jixiao import __version__
from jixiao.cli.main import main
from jixiao.disk import atomic
from jixiao.report.prose import plain

from conftest import FACTS, ROOT, RULES, SHANGHAI_2017, bundled_cases, set_csv_cell

def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


JSON_KEYS = ["case", "year", "scheme", "total", "provisional", "grade", "indicators", "findings"]


def run(capsys, *args):
    code = main(["check", *map(str, args), "--rules", str(RULES)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output_is_exactly_the_result(capsys, tmp_path):
    code, out, err = run(capsys, SHANGHAI_2017, "--format", "json", "--out", tmp_path)
    assert code == 0 and err == ""
    result = json.loads(out)
    assert list(result) == JSON_KEYS
    assert (result["case"], result["year"], result["scheme"]) == ("shanghai-single-window", 2017,
                                                                 "shanghai-om-subsidy")
    assert (result["total"], result["provisional"], result["grade"]) == (86.74, False, "良")
    assert len(result["indicators"]) == 56  # 36 leaves and 20 parents of Table 3-1
    assert all(list(i) == ["id", "name", "weight", "score", "parent", "assessed"] for i in result["indicators"])
    assert {i["id"]: i["parent"] for i in result["indicators"]}["B221"] == "B22"
    common = ["rule", "indicator", "deduction", "text", "recommendation", "source", "evidence", "kind"]
    assert all(list(f)[:8] == common for f in result["findings"])
    kinds = [f["kind"] for f in result["findings"]]
    # integrity notes first; then the deductions; then last year's findings rectified this year (2016 facts)
    assert kinds == ["integrity"] * 3 + ["deduction"] * 14 + ["rectified"]
    assert all(len(f["fingerprint"]) == 12 for f in result["findings"][3:])
    assert all(e["file"] and e["row"] >= 1 for f in result["findings"] for e in f["evidence"])
    written = tmp_path / "shanghai-single-window" / "2017"
    assert json.loads((written / "findings.json").read_text(encoding="utf-8")) == result


def test_files_written_and_report_in_the_reports_order(capsys, tmp_path):
    code, out, _ = run(capsys, SHANGHAI_2017, "--out", tmp_path)
    assert code == 0
    assert "86.74" in out and "良" in out
    folder = tmp_path / "shanghai-single-window" / "2017"
    assert sorted(p.name for p in folder.iterdir()) == ["findings.json", "manifest.json", "report.docx", "report.html", "report.md",
                                                        "report.xlsx", "scores.csv"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jixiao"] == __version__ and manifest["scheme"] == "shanghai-om-subsidy"
    assert manifest["inputs"]["facts"] == {p.name: sha256(p) for p in SHANGHAI_2017.iterdir()}  # case.yaml + 15
    assert len(manifest["inputs"]["facts"]) == 16
    rules = manifest["inputs"]["rules"]
    assert {"separate-accounting/separate-accounting.yaml", "schemes/shanghai-om-subsidy.yaml", "families.yaml",
            "tables/disbursements.yaml"} <= set(rules)
    assert rules == {name: sha256(RULES / name) for name in rules}
    report = (folder / "report.md").read_text(encoding="utf-8")
    positions = [report.index(h) for h in ("## 数据核对", "## 摘要", "## 一、评价结论", "| 一级指标", "## 二、具体绩效分析",
                                           "## 三、存在的问题", "## 四、建议和改进措施", "## 附件")]
    assert positions == sorted(positions)
    everything = json.loads((folder / "findings.json").read_text(encoding="utf-8"))["findings"]
    findings = [f for f in everything if f["kind"] == "deduction"]
    checks_part = report[:report.index("## 一、评价结论")]
    # (findings.json names columns with their codes, the report by their titles)
    assert all(re.sub(r"（[a-z_]+）", "", f["text"]) in checks_part for f in everything if f["kind"] == "integrity")
    problems_part = report[report.index("## 三、存在的问题"):report.index("## 四、建议和改进措施")]
    advice_part = report[report.index("## 四、建议和改进措施"):report.index("## 附件")]
    for finding in findings:
        assert plain(finding["text"]) in problems_part  # less references to an earlier report's sections
        assert finding["recommendation"] in advice_part
    raw = (folder / "scores.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Chinese Excel reads it right
    scores = raw.decode("utf-8-sig").splitlines()
    assert scores[0] == "指标代码,指标名称,级次,上级指标,权重,得分,扣分,暂定"  # Chinese titles (--lang en: English)
    assert "C121,市口岸办补贴资金拨付及时率,4,C12,3,1.79,1.21,否" in scores  # deducted as shown: 3 − 1.79
    assert scores[-1] == "total,总分 total,0,,100,86.74,,否"


def test_markdown_format_prints_the_report(capsys, tmp_path):
    code, out, _ = run(capsys, SHANGHAI_2017, "--format", "markdown", "--no-write", "--out", tmp_path)
    assert code == 0 and out.startswith("# 2017 年上海国际贸易单一窗口政府运维补贴资金 绩效评价报告")
    assert not (tmp_path / "shanghai-single-window").exists()


def test_two_runs_give_byte_identical_outputs(capsys, tmp_path):
    outputs = []
    for name in ("a", "b"):
        run(capsys, SHANGHAI_2017, "--out", tmp_path / name)
        folder = tmp_path / name / "shanghai-single-window" / "2017"
        outputs.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert outputs[0] == outputs[1]


def test_a_run_failing_midway_leaves_the_previous_results(capsys, tmp_path, monkeypatch):
    run(capsys, SHANGHAI_2017, "--out", tmp_path)
    folder = tmp_path / "shanghai-single-window" / "2017"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    calls = []
    real_write = atomic._write_file

    def write_then_fail(path, data, fsync):  # the first file is written, the second one fails
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data, fsync)

    monkeypatch.setattr(atomic, "_write_file", write_then_fail)
    code, _, err = run(capsys, SHANGHAI_2017, "--out", tmp_path)
    assert code == 2 and "Traceback" not in err
    assert f"{folder / 'scores.csv'}: cannot write: no space left on the disk; free some space, " \
           "or choose another --out" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["2017"]  # no staging folders left


def expect_input_error(capsys, folder, *fragments):
    code, out, err = run(capsys, folder, "--no-write")
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    return err


def test_bad_date_names_file_line_column_value_and_what_is_allowed(capsys, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", "2017年10月中旬")
    expect_input_error(capsys, case_copy, "disbursements.csv:3 [实际拨付日期（paid_date）]: date expected",
                       "'2017年10月中旬'", "allowed: a date, e.g. 2024-01-31, 2024/1/31 or 2024.1.31 (the Chinese "
                       "year-month-day form too); when only the month is known 2024-01, 2024/1 or 2024.1 (compared "
                       "as the month's last day)")


def test_every_problem_of_a_run_is_reported_at_once(capsys, case_copy):
    set_csv_cell(case_copy / "disbursements.csv", {"tranche": "2017-h1"}, "paid_amount", "六千")
    set_csv_cell(case_copy / "operator_practices.csv", {"operator": "上海榕基软件开发有限公司"},
                 "separate_account", "maybe")
    err = expect_input_error(capsys, case_copy, "2 problems", "disbursements.csv:3 [实际拨付金额（paid_amount，万元）]",
                             "operator_practices.csv:5 [是否对补贴资金支出专账核算（或设辅助账）（separate_account）]", "allowed: yes, no, partial (是, 否, 部分)")
    assert "'六千'" in err and "'maybe'" in err


def test_unknown_column_is_an_error_with_a_suggestion(capsys, case_copy):
    path = case_copy / "budget.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("amount", "amout", 1), encoding="utf-8")
    err = expect_input_error(capsys, case_copy, "1 problem in the input",
                             "budget.csv:1 [amout]: unknown column in the header (did you mean 'amount'?)")
    assert "required column" not in err  # the misspelt column is one problem, not two


def test_unknown_table_file_is_an_error(capsys, case_copy):
    shutil.copy(case_copy / "budget.csv", case_copy / "budjet.csv")
    expect_input_error(capsys, case_copy, "budjet.csv", "unknown fact table 'budjet'", "did you mean 预算构成 (budget)?")


def test_a_missing_table_leaves_its_indicators_unassessed_not_full_marks(capsys, case_copy):
    (case_copy / "operator_practices.csv").unlink()
    source = case_copy / "case.yaml"
    source.write_text("\n".join(l for l in source.read_text(encoding="utf-8").splitlines()
                                if not l.strip().startswith("operator_practices:")) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, case_copy, "--no-write")
    assert code == 0
    assert ("总分 total: 84.74 / 96 可评价分值 assessable（另 4 分无法评价 cannot be assessed，满分 out of 100）   "
            "等级 grade: 良（暂定 provisional）") in out  # B232 and B32 (4 points) unassessed
    assert "[B232] 各运维商财务核算与运维记录实务" in out and "[B32] 各运维商能否提供考勤记录、工单" in out


def test_scores_csv_shows_no_deduction_for_a_leaf_that_was_not_assessed(capsys, case_copy, tmp_path):
    (case_copy / "operator_practices.csv").unlink()
    source = case_copy / "case.yaml"
    source.write_text("\n".join(l for l in source.read_text(encoding="utf-8").splitlines()
                                if not l.strip().startswith("operator_practices:")) + "\n", encoding="utf-8")
    assert run(capsys, case_copy, "--out", tmp_path / "out")[0] == 0
    scores = (tmp_path / "out" / "shanghai-single-window" / "2017" / "scores.csv").read_text(encoding="utf-8-sig")
    rows = {row.split(",")[0]: row for row in scores.splitlines()}
    assert rows["B232"] == "B232,运维商财务管理制度执行有效性,4,B23,2,,,是"  # not assessed: no score, no deduction
    assert rows["B231"].endswith(",0.00,否")  # assessed, nothing deducted


def test_the_written_line_names_the_folder_and_every_file_written(capsys, tmp_path):
    code, out, _ = run(capsys, SHANGHAI_2017, "--out", tmp_path)
    folder = tmp_path / "shanghai-single-window" / "2017"
    assert code == 0 and out.endswith(f"\n已写入 written: {folder}{os.sep} — findings.json, scores.csv, report.md, "
                                      "report.html, report.xlsx, report.docx, manifest.json\n")
    assert sorted(os.listdir(folder)) == ["findings.json", "manifest.json", "report.docx", "report.html", "report.md",
                                          "report.xlsx", "scores.csv"]


def test_a_sources_entry_without_its_file(capsys, case_copy):
    (case_copy / "operator_practices.csv").unlink()
    expect_input_error(capsys, case_copy, "'sources' names a table with no file")


def test_yaml_syntax_error_names_the_line(capsys, case_copy):
    path = case_copy / "observations.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: [unclosed\n", encoding="utf-8")
    expect_input_error(capsys, case_copy, "observations.yaml:", "YAML syntax error")


def test_yaml_boolean_instead_of_an_answer(capsys, case_copy):
    path = case_copy / "observations.yaml"
    text = path.read_text(encoding="utf-8").replace("  answer: partial\n", "  answer: false\n", 1)
    path.write_text(text, encoding="utf-8")
    expect_input_error(capsys, case_copy, "observations.yaml:17 [结论（answer）]: record 4: not an answer; found 'false'; "
                       "allowed: yes, no, partial (是, 否, 部分)")


def test_unknown_scheme(capsys, case_copy):
    path = case_copy / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("shanghai-om-subsidy", "shanghai-om-subsidie"),
                    encoding="utf-8")
    expect_input_error(capsys, case_copy, "case.yaml", "[scheme]", "did you mean 'shanghai-om-subsidy'?")


def test_folder_without_case_yaml(capsys, tmp_path):
    expect_input_error(capsys, tmp_path, "no case folder (with case.yaml) here or below")


def test_nonexistent_folder(capsys, tmp_path):
    expect_input_error(capsys, tmp_path / "nope", "no such folder")


def test_a_broken_rule_stops_the_run(capsys, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "separate-accounting" / "separate-accounting.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("separate_account ==", "seperate_account =="),
                    encoding="utf-8")
    code = main(["check", str(SHANGHAI_2017), "--no-write", "--rules", str(rules)])
    err = capsys.readouterr().err
    assert code == 2
    assert "separate-accounting.yaml:12 [when.where]" in err
    assert "did you mean 'separate_account'?" in err


def test_console_script_exits_2_without_traceback(case_copy):
    set_csv_cell(case_copy / "budget.csv", {"no": "1"}, "amount", "-")
    env = dict(os.environ, JIXIAO_RULES=str(RULES))
    done = subprocess.run([sys.executable, "-m", "jixiao", "check", str(case_copy), "--no-write"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 2
    assert "budget.csv:2 [预算金额（amount，万元）]" in done.stderr and "Traceback" not in done.stderr


def test_a_folder_of_cases_gives_one_summary_line_each_then_details(capsys, tmp_path):
    code, out, err = run(capsys, FACTS, "--out", tmp_path)
    cases = bundled_cases()
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0] == f"{len(cases)} 个案例："
    summary = {tuple(line.split()[:2]): line.split() for line in lines[1:len(cases) + 1]}
    assert sorted(summary) == sorted((case, str(year)) for case, year, _ in cases)  # one line each
    assert summary["dongguan-processing-trade", "2015"] == ["dongguan-processing-trade", "2015",
                                                            "national-it-construction", "65.5", "中", "11", "项发现"]
    assert summary["shanghai-single-window", "2016"][:5] == ["shanghai-single-window", "2016", "shanghai-om-subsidy",
                                                             "9", "不合格～优（暂定）"]
    assert summary["shanghai-single-window", "2017"] == ["shanghai-single-window", "2017", "shanghai-om-subsidy",
                                                         "86.74", "良", "14", "项发现"]
    assert out.count("总分 total:") == len(cases)
    assert all((tmp_path / case / str(year) / "report.md").exists() for case, year, _ in cases)


def test_a_broken_case_in_a_folder_does_not_stop_the_others(capsys, tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    set_csv_cell(facts / "dongguan-processing-trade" / "2015" / "funding.csv", {"source": "市财政预算安排"},
                 "in_place", "abc")
    code, out, err = run(capsys, facts, "--no-write", "--lang", "en")
    assert code == 2
    summary = {tuple(line.split()[:2]): line for line in out.splitlines()[1:len(bundled_cases()) + 1]}
    assert "ERROR: 1 problem(s)" in summary[str(facts / "dongguan-processing-trade" / "2015"), "ERROR:"]
    assert "86.74" in summary["shanghai-single-window", "2017"]
    assert "funding.csv:2 [实际到位（in_place，万元）]" in err and "Traceback" not in err


def test_the_portfolio_row_of_a_broken_case_names_its_case_and_year(capsys, tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    cases = bundled_cases(facts)
    set_csv_cell(facts / "dongguan-processing-trade" / "2015" / "funding.csv", {"source": "市财政预算安排"},
                 "in_place", "abc")
    manifest = facts / "shanghai-single-window" / "2016" / "case.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("year: 2016", "year: 二〇一六"), encoding="utf-8")
    out = tmp_path / "out"
    assert run(capsys, facts, "--jobs", "2", "--summary-only", "--out", out)[0] == 2
    rows = (out / "portfolio.csv").read_text(encoding="utf-8-sig").splitlines()
    broken = {("dongguan-processing-trade", 2015): ["dongguan-processing-trade", "2015", ""],
              ("shanghai-single-window", 2016): ["shanghai-single-window", "", ""]}  # its year is not a number
    assert [row.split(",")[:3] for row in rows] == [["case", "year", "scheme"]] + [
        broken.get((case, year), [case, str(year), scheme]) for case, year, scheme in cases]


def test_a_folder_of_cases_as_json_is_a_list(capsys):
    code, out, _ = run(capsys, FACTS, "--format", "json", "--no-write")
    results = json.loads(out)
    assert code == 0 and [(r["case"], r["year"]) for r in results] == [(case, year) for case, year, _ in bundled_cases()]
    # a form adds its own scores (self_reported, self_reported_grade, gap); a total out of other than 100 its max
    form = ["self_reported", "self_reported_grade", "gap"]
    assert all(list(r)[:len(JSON_KEYS)] == JSON_KEYS for r in results)
    assert all(list(r)[len(JSON_KEYS):] in ((["max"] if "max" in r else []) + (form if r["scheme"] == "self-evaluation" else []),)
               for r in results)
    assert all(r["max"] != 100 for r in results if "max" in r)


def test_a_run_killed_midway_leaves_the_previous_results(tmp_path):
    out = tmp_path / "out"
    assert main(["check", str(SHANGHAI_2017), "--out", str(out), "--rules", str(RULES), "--format", "json"]) == 0
    folder = out / "shanghai-single-window" / "2017"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    script = (
        "import os, sys, time\n"
        "from jixiao.cli import main\n"
        "from jixiao.disk import atomic\n"
        "def slow_sync(paths, folder=None):\n"
        "    open(sys.argv[1], 'w').close()\n"   # tell the test we are writing: the files are staged
        "    time.sleep(60)\n"
        "atomic.sync_files = slow_sync\n"
        f"main(['check', {str(SHANGHAI_2017)!r}, '--out', {str(out)!r}, '--rules', {str(RULES)!r}])\n")
    flag = tmp_path / "writing"
    child = subprocess.Popen([sys.executable, "-c", script, str(flag)], cwd=ROOT)
    try:
        for _ in range(600):
            if flag.exists():
                break
            time.sleep(0.05)
        assert flag.exists(), "the child never started writing"
        child.kill()
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # the next run clears what the killed one left behind and writes the same bytes
    assert main(["check", str(SHANGHAI_2017), "--out", str(out), "--rules", str(RULES), "--format", "json"]) == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["2017"]


@pytest.mark.parametrize("jobs", ["-1", "two", "1.5"])
def test_jobs_must_be_a_count_of_worker_processes(capsys, jobs):
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(SHANGHAI_2017), "--jobs", jobs, "--no-write"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and f"expected a number of worker processes (0 = one per CPU core), found '{jobs}'" in err


def test_jobs_zero_means_one_per_cpu_core():
    from jixiao.cli.main import build_parser
    args = build_parser().parse_args(["check", "facts", "--jobs", "0"])
    assert args.jobs == (os.cpu_count() or 1) and build_parser().parse_args(["check", "facts"]).jobs == 1
