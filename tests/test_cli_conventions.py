"""Command-line conventions (issue 16, item 5) and the command line as a thin layer (issue 12,
item 4): every command's --help shows an example; -v says what was read, the rules in force and
how long each case took; after a check, every file written is listed, for one case, a folder of
cases and a batch; what `jixiao check` does is callable from Python as `jixiao.check_path`."""

from __future__ import annotations

import argparse
import os
import re
import shutil

import pytest

import jixiao
from jixiao.check.rulebook import in_force
from jixiao.cli.main import build_parser, main
from jixiao.model.problems import InputError
from jixiao.portfolio.pages import batch_lines
from jixiao.portfolio.plan import BATCH, CASE, CASES, mode_of
from jixiao.report.files import output_names

from conftest import FACTS, RULES, SHANGHAI_2016, SHANGHAI_2017, bundled_cases

CASE_FILES = ", ".join(output_names())


def cli(capsys, *args):
    code = main([*map(str, args), "--rules", str(RULES)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def commands(parser, prefix=("jixiao",)):
    """Every command and subcommand: (words, its parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield (*prefix, name), command
                yield from commands(command, (*prefix, name))


def test_every_commands_help_shows_an_example_of_itself():
    found = dict(commands(build_parser()))
    assert {" ".join(words) for words in found} == {
        "jixiao check", "jixiao explain", "jixiao lint", "jixiao test", "jixiao coverage", "jixiao report",
        "jixiao synth", "jixiao template", "jixiao next-year", "jixiao new", "jixiao new case", "jixiao new rule",
        "jixiao new scheme"}
    for words, command in found.items():
        text = command.format_help()
        examples = text[text.index("\nexample"):].splitlines()[2:]
        assert examples and all((line + " ").startswith("  " + " ".join(words) + " ") for line in examples), words


def test_verbose_says_each_file_read_the_rules_in_force_and_each_case(capsys, rulebook):
    code, out, err = cli(capsys, "check", SHANGHAI_2017, "--no-write", "-o", "json", "-v")
    assert code == 0 and out.startswith("{")
    lines = err.splitlines()
    read = [re.fullmatch(r"jixiao: (.+): read in \d+\.\d{3} s", line) for line in lines]
    assert [m.group(1) for m in read if m] == [str(p) for folder in (SHANGHAI_2016, SHANGHAI_2017)
                                               for p in sorted(folder.iterdir()) if p.name != "case.yaml"]
    rules = [(year, in_force(rulebook, "shanghai-om-subsidy", year)[1]) for year in (2016, 2017)]
    assert [line for line in lines if " in force in " in line] == [
        f"jixiao: {folder}: scheme shanghai-om-subsidy, {len(used)} rule(s) in force in {year}: "
        + ", ".join(r.id for r in used) for folder, (year, used) in zip((SHANGHAI_2016, SHANGHAI_2017), rules)]
    assert [re.sub(r"\d+\.\d{3}", "T", line) for line in lines if "checked in" in line] == [
        f"jixiao: {SHANGHAI_2016}: checked in T s", f"jixiao: {SHANGHAI_2017}: checked in T s"]
    assert len(lines) == sum(1 for m in read if m) + 4  # nothing else
    code, _, err = cli(capsys, "check", SHANGHAI_2017, "--no-write", "-o", "json")
    assert (code, err) == (0, "")  # without -v, nothing: and the last run's -v is not left behind


def test_after_a_check_of_one_case_its_files_are_listed(capsys, tmp_path):
    code, out, _ = cli(capsys, "check", SHANGHAI_2017, "--out", tmp_path)
    assert code == 0
    assert out.endswith(f"\n\n已写入 written: {tmp_path / 'shanghai-single-window' / '2017'}{os.sep} — {CASE_FILES}\n")
    code, out, _ = cli(capsys, "check", SHANGHAI_2017, "--out", tmp_path, "-q")
    assert (code, out) == (0, "")


def case_lines(out_dir):
    return [f"已写入 written: {out_dir / case / str(year)}{os.sep} — {CASE_FILES}" for case, year, _ in bundled_cases()]


def test_after_a_check_of_a_folder_every_cases_files_are_listed(capsys, tmp_path):
    code, out, _ = cli(capsys, "check", FACTS, "--out", tmp_path)
    assert code == 0
    assert out.endswith("\n\n" + "\n".join(case_lines(tmp_path)) + "\n")


def test_after_a_batch_every_cases_files_and_the_portfolios_are_listed(capsys, tmp_path):
    code, out, err = cli(capsys, "check", FACTS, "--out", tmp_path, "--jobs", "2")
    assert code == 0 and "portfolio:" not in err
    portfolio = f"已写入 written: {tmp_path}{os.sep} — portfolio.csv, portfolio.html, portfolio.xlsx, manifest.json"
    assert out.endswith("\n\n" + "\n".join([*case_lines(tmp_path), portfolio]) + "\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "manifest.json", "portfolio.csv", "portfolio.html", "portfolio.xlsx"]
    code, out, _ = cli(capsys, "check", FACTS, "--out", tmp_path / "summary", "--jobs", "2", "--summary-only")
    assert code == 0 and out.endswith(f"\n\n已写入 written: {tmp_path / 'summary'}{os.sep} — portfolio.csv, "
                                      "portfolio.html, portfolio.xlsx, manifest.json\n")


def test_the_choice_of_case_cases_or_batch_is_the_layers_below(tmp_path):
    assert [mode_of(SHANGHAI_2017), mode_of(FACTS), mode_of(FACTS, jobs=2), mode_of(FACTS, scheduler="tcp://x:1"),
            mode_of(FACTS, case_files=False), mode_of(tmp_path / "nothing")] == [CASE, CASES, BATCH, BATCH, BATCH, CASE]


def test_jixiao_check_from_python_prints_nothing_and_says_what_it_wrote(capsys, tmp_path, rulebook):
    checked = jixiao.check_path(SHANGHAI_2017, rulebook, out=tmp_path)
    assert (checked.mode, checked.portfolio, checked.failed) == (CASE, None, False)
    assert checked.runs[0].result.scores.total == jixiao.check_case(SHANGHAI_2017, rulebook).scores.total
    assert checked.written == [(tmp_path / "shanghai-single-window" / "2017", output_names())]
    checked = jixiao.check_path(FACTS, rulebook, out=tmp_path / "all", case_files=False)
    assert (checked.mode, checked.runs) == (BATCH, None)
    assert checked.written == [(tmp_path / "all", ["portfolio.csv", "portfolio.html", "portfolio.xlsx",
                                                   "manifest.json"])]
    cases = len(bundled_cases())
    assert batch_lines(checked.portfolio.rows, checked.portfolio.tables)[0] == f"{cases} 个案例：{cases} 个已检查，0 个无法检查"
    assert batch_lines(checked.portfolio.rows, checked.portfolio.tables, "en")[0] == (
        f"{cases} cases: {cases} checked, 0 could not be checked")
    assert capsys.readouterr() == ("", "")


def test_jixiao_check_raises_for_a_case_that_cannot_be_checked(tmp_path, rulebook):
    with pytest.raises(InputError) as caught:
        jixiao.check_path(tmp_path / "nothing", rulebook)
    assert [str(p) for p in caught.value.problems] == [f"{tmp_path / 'nothing'}: no such folder"]


def test_quiet_prints_nothing_on_success_for_a_folder_or_a_batch(capsys, tmp_path):
    """-q printed a folder's cases and a batch's summary lines and progress bar (README: “-q prints
    nothing on success”); a case that cannot be checked is still said, on stderr."""
    for options in (["--out", tmp_path / "cases"], ["--jobs", "2", "--summary-only", "--out", tmp_path / "batch"],
                    ["--jobs", "2", "--no-write"]):
        code, out, err = cli(capsys, "check", FACTS, *options, "-q")
        assert (code, out, err) == (0, "", ""), options
    broken = tmp_path / "facts"
    shutil.copytree(FACTS / "dongguan-processing-trade", broken / "dongguan-processing-trade")
    shutil.copytree(SHANGHAI_2017, broken / "shanghai-single-window" / "2017")
    (broken / "shanghai-single-window" / "2017" / "budget.csv").write_text("item,amount\n硬件,很多\n", encoding="utf-8")
    code, out, err = cli(capsys, "check", broken, "--jobs", "2", "--summary-only", "--no-write", "-q")
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert "shanghai-single-window/2017" in line and "很多" in line
