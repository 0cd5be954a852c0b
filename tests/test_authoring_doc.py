"""docs/authoring.md, replayed: its files and commands, in a copy of the repository, give
the outputs it promises. Keeps the tutorial true as the code changes."""

import re
import shlex
import shutil
import subprocess
import sys

import pytest

from jixiao.cli.main import main

from conftest import BUNDLE, ROOT

DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", DOC, re.S)


def block(lang, starts):
    found = [body for kind, body in BLOCKS if kind == lang and body.lstrip().startswith(starts)]
    assert len(found) == 1, (lang, starts)
    return found[0]


def commands(starts):
    text = block("sh", starts).replace("\\\n", " ")
    return [shlex.split(line)[1:] for line in text.splitlines() if line.startswith("jixiao ")]


def jixiao(capsys, args):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    for folder in ("rules", "facts"):
        shutil.copytree(BUNDLE / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint_counts(capsys):
    code, out, _ = jixiao(capsys, ["lint"])
    assert code == 0 and out.strip().endswith("no errors, 0 warnings"), out
    rules, tables, cases = re.search(r"(\d+) rules, .* (\d+) fact tables, (\d+) rule test cases", out).groups()
    return int(rules), int(tables), int(cases)


def test_the_tutorial_works_as_written(capsys, workspace):
    case = workspace / "facts" / "shanghai-single-window" / "2017"
    rules, tables, cases = lint_counts(capsys)
    # §2 the table schema, §3 the facts and their source
    (workspace / "rules" / "tables" / "service_report_metrics.yaml").write_text(
        block("yaml", "table: service_report_metrics"), encoding="utf-8")
    (case / "service_report_metrics.csv").write_text(block("csv", "task,metrics"), encoding="utf-8")
    with open(case / "case.yaml", "a", encoding="utf-8") as handle:  # the last entry of `sources:`
        handle.write(block("yaml", "service_report_metrics:"))
    # §4 scaffold: refused until filled in
    [new] = commands("jixiao new rule")
    assert jixiao(capsys, new)[0] == 0
    assert jixiao(capsys, ["lint"])[0] == 2
    # §5 the rule, §6 the scheme line, §7 its tests
    scheme = workspace / "rules" / "schemes" / "shanghai-om-subsidy.yaml"
    new_line = block("yaml", "- {id: B342").rstrip("\n")
    lines = [new_line if line.lstrip().startswith("- {id: B342,") else line
             for line in scheme.read_text(encoding="utf-8").splitlines()]
    assert new_line in lines
    scheme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = workspace / "rules" / "management"
    (folder / "service-report-metrics-per-task.yaml").write_text(
        block("yaml", "id: service-report-metrics-per-task"), encoding="utf-8")
    (folder / "service-report-metrics-per-task.test.yaml").write_text(
        block("yaml", "rule: service-report-metrics-per-task"), encoding="utf-8")
    # §8 lint and test
    assert lint_counts(capsys) == (rules + 1, tables + 1, cases + 2)
    code, out, _ = jixiao(capsys, ["test"])
    assert code == 0 and out.splitlines()[-1] == f"{cases + 2} passed, 0 failed"
    [only] = commands("jixiao test --rule")
    code, out, _ = jixiao(capsys, only)
    promised = block("", "PASS  service-report-metrics-per-task").strip().splitlines()
    assert code == 0 and all(line in out.splitlines() for line in promised)
    [pytest_command] = [shlex.split(line) for line in block("sh", "pytest rules/").splitlines()]
    ran = subprocess.run([sys.executable, "-m", *pytest_command], capture_output=True, text=True)
    assert ran.returncode == 0 and re.search(r"\b2 passed in ", ran.stdout.splitlines()[-1]), ran.stdout
    # §9 the finding in the check and the report
    [check] = commands("jixiao check")
    code, out, _ = jixiao(capsys, check)
    finding = block("", "[B342").strip()
    assert code == 0 and finding in out and "86.74" in out and "发现 findings: 15" in out
    report = (workspace / "findings" / "shanghai-single-window" / "2017" / "report.md").read_text(encoding="utf-8")
    problems, advice = report.split("## 四、建议和改进措施")
    assert "季度运维服务报告未就 4 项基础运维任务设置服务质量指标" in problems.split("## 三、存在的问题")[1]
    assert "使指标内容全面覆盖各项基础运维任务" in advice
    [explain] = commands("jixiao explain")
    code, out, _ = jixiao(capsys, explain)
    assert code == 0 and "触发：6 条事实中 4 条" in out


def test_the_scheme_walk_through_works_as_written(capsys, workspace):
    (workspace / "leaves.csv").write_text(block("csv", "id,name,weight,rule"), encoding="utf-8")
    [new] = commands("jixiao new scheme")
    code, out, err = jixiao(capsys, new)
    assert (code, err) == (0, "") and out.startswith("created rules/schemes/renovation-self-check.yaml\n")
    lint_counts(capsys)  # no errors, 0 warnings
    code, out, _ = jixiao(capsys, ["test"])
    assert code == 0 and out.splitlines()[-1].endswith(" passed, 0 failed")
    case = workspace / "facts" / "dongguan-processing-trade" / "2015" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("scheme: national-it-construction",
                                                             "scheme: renovation-self-check"), encoding="utf-8")
    code, out, _ = jixiao(capsys, ["check", "facts/dongguan-processing-trade/2015", "--no-write"])
    assert code == 0 and "评价方案 scheme: 校舍改造项目绩效评价指标体系 (renovation-self-check)\n" in out
    assert "总分 total: 26.49 / 30   等级 grade: 良\n" in out  # 10 + 6.49 (64.95 % spent) + 10, of 30
