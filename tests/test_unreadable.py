"""What jixiao may not read is said: the folder or file, why, and what to do — as a read, not a
write; an earlier year that cannot be read or checked is named with its problem, and this
year's findings are then not called new; in a batch, only the cases that cannot be read fail."""

import json
import shutil

import pytest

from jixiao.cli.main import main

from as_user import jixiao_as_user
from conftest import FACTS, ROOT, RULES, bundled_cases

PERMISSION = ("cannot read: permission denied; allow jixiao to read it (check its permissions or ask "
              "its owner)")
NOTHING_DONE = "jixiao: 1 problem in the input; nothing was done:\n"


@pytest.fixture
def case(tmp_path):
    """A copy of the Shanghai case, both years: facts/shanghai-single-window/{2016,2017}."""
    shutil.copytree(FACTS / "shanghai-single-window", tmp_path / "shanghai-single-window")
    return tmp_path / "shanghai-single-window"


@pytest.fixture
def locked():
    """Take permissions from a path for the test (all, or those not in `mode`); give them back after it."""
    changed = []

    def lock(path, mode=0):
        changed.append((path, path.stat().st_mode))
        path.chmod(mode)
    yield lock
    for path, mode in reversed(changed):
        path.chmod(mode)


def not_compared(folder, year) -> str:
    return (f"jixiao: {folder}: not compared with last year ({year - 1}): its folder, or one that may be "
            f"it, could not be read or checked; this year's findings have the status not_compared, not new\n")


def statuses(stdout) -> set:
    return {f["status"] for f in json.loads(stdout)["findings"] if f["kind"] == "deduction"}


@pytest.mark.parametrize("command", [["check", "--no-write"], ["check", "--out", "OUT"], ["explain"],
                                     ["report", "--no-write"]])
def test_a_case_folder_that_may_not_be_read_is_said_to_be_unreadable(case, locked, tmp_path, command):
    folder = case / "2017"
    locked(folder)
    args = [command[0], folder, *[str(tmp_path / "out") if a == "OUT" else a for a in command[1:]]]
    done = jixiao_as_user(*args, "--rules", RULES)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"{NOTHING_DONE}  {folder}: {PERMISSION}\n"
    assert not (tmp_path / "out").exists()


def test_a_case_folder_that_may_be_listed_but_not_entered(case, locked):
    folder = case / "2017"
    locked(folder, 0o600)
    done = jixiao_as_user("check", folder, "--no-write", "--rules", RULES)
    assert (done.returncode, done.stderr) == (2, f"{NOTHING_DONE}  {folder}: {PERMISSION}\n")


@pytest.mark.parametrize("write", [False, True])
def test_an_earlier_year_that_may_not_be_read_is_said_and_findings_are_not_called_new(case, locked, tmp_path, write):
    locked(case / "2016")
    options = ["--out", tmp_path / "out"] if write else ["--no-write"]
    done = jixiao_as_user("check", case / "2017", "--format", "json", *options, "--rules", RULES)
    assert done.returncode == 0
    assert done.stderr == (f"jixiao: {case / '2016'}: {PERMISSION} — not known whether it is an earlier year of this "
                           "case: not used for year-over-year\n" + not_compared(case / "2017", 2017))
    result = json.loads(done.stdout)
    assert result["total"] == 86.74 and statuses(done.stdout) == {"not_compared"}
    if write:
        written = tmp_path / "out" / "shanghai-single-window" / "2017" / "findings.json"
        assert json.loads(written.read_text(encoding="utf-8")) == result


def test_an_earlier_year_with_an_unreadable_file_names_the_file_and_why(case, locked):
    locked(case / "2016" / "observations.yaml")
    done = jixiao_as_user("check", case / "2017", "--format", "json", "--no-write", "--rules", RULES)
    assert done.returncode == 0
    assert done.stderr == (f"jixiao: {case / '2016'}: 2016 could not be checked, so it is not used for "
                           f"year-over-year: observations.yaml: {PERMISSION} ({case / '2016' / 'observations.yaml'})\n"
                           + not_compared(case / "2017", 2017))
    assert statuses(done.stdout) == {"not_compared"}


def test_a_case_folder_whose_years_cannot_be_listed_is_checked_and_said(case, locked):
    locked(case, 0o311)  # its folders may be entered, not listed
    done = jixiao_as_user("check", case / "2017", "--format", "json", "--no-write", "--rules", RULES)
    assert done.returncode == 0 and json.loads(done.stdout)["total"] == 86.74
    assert done.stderr == (f"jixiao: {case}: {PERMISSION} — not known whether it is an earlier year of this case: not "
                           "used for year-over-year\n" + not_compared(case / "2017", 2017))
    assert statuses(done.stdout) == {"not_compared"}


def run(capsys, *args):
    code = main([*map(str, args), "--rules", str(RULES)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_earlier_year_with_broken_facts_names_its_first_problem_and_counts_the_others(capsys, case):
    (case / "2016" / "a.txt").write_text("", encoding="utf-8")
    (case / "2016" / "b.txt").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "check", case / "2017", "--format", "json", "--no-write")
    assert code == 0 and statuses(out) == {"not_compared"}
    lines = err.splitlines(keepends=True)
    assert lines[0].startswith(f"jixiao: {case / '2016'}: 2016 could not be checked, so it is not used for "
                               f"year-over-year: a.txt: not a fact file; found '.txt'")
    assert lines[0].endswith(f" (and 1 more problem(s): `jixiao check {case / '2016'}` lists them all)\n")
    assert lines[1:] == [not_compared(case / "2017", 2017)]


def test_an_earlier_year_whose_case_yaml_declares_no_year_is_named(capsys, case):
    manifest = case / "2016" / "case.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("year: 2016", "year: 二〇一六"), encoding="utf-8")
    code, out, err = run(capsys, "check", case / "2017", "--format", "json", "--no-write")
    assert code == 0 and statuses(out) == {"not_compared"}
    assert err == (f"jixiao: {manifest}: declares no case (text) and year (a number) — not known whether it is an "
                   "earlier year of this case: not used for year-over-year\n" + not_compared(case / "2017", 2017))


SHANGHAI_LINES = {  # with --lang en (the lines of a run are said in its language)
    "  shanghai-single-window       2016  shanghai-om-subsidy             9  不合格～优 (provisional) 2 findings, 30 cannot assess",
    "  shanghai-single-window       2017  shanghai-om-subsidy         86.74  良     14 findings"}


@pytest.mark.parametrize("mode", [0, 0o600])  # (0o600: it may be listed, but what is in it not reached)
def test_a_folder_of_cases_beside_a_case_it_may_not_read(tmp_path, locked, mode):
    """--jobs and in this process: the case that cannot be read is a row of its own; the others complete."""
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    hidden = facts / "dongguan-processing-trade" / "2015"
    locked(hidden, mode)
    error = f"{hidden}: {PERMISSION}; any case in it was not checked"
    others = len(bundled_cases(facts)) - 1  # every case but the locked one is checked
    batch = jixiao_as_user("check", facts, "--jobs", "2", "--no-write", "--rules", RULES, "--lang", "en")
    assert batch.returncode == 2
    lines = batch.stdout.splitlines()
    assert lines[0] == f"{others + 1} cases: {others} checked, 1 could not be checked"
    assert SHANGHAI_LINES <= set(lines[1:others + 1]) and lines[others + 1] == f"  {hidden}: ERROR {error}"
    here = jixiao_as_user("check", facts, "--no-write", "--rules", RULES, "--lang", "en")
    assert here.returncode == 2
    lines = here.stdout.splitlines()
    assert lines[0] == f"{others + 1} cases:"
    assert SHANGHAI_LINES | {f"  {str(hidden):<40} ERROR: 1 problem(s), see below"} <= set(lines[1:others + 2])
    assert here.stderr.endswith(f"jixiao: {hidden}: 1 problem(s); this case was not checked:\n  {error}\n")


def test_findings_of_a_case_checked_alone_in_a_batch_are_not_called_new(capsys, tmp_path):
    """A worker checks each case alone, without last year's result: not_compared, where there is a last year."""
    out = tmp_path / "out"
    assert run(capsys, "check", FACTS, "--jobs", "2", "--out", out)[0] == 0
    found = {year: statuses((out / "shanghai-single-window" / year / "findings.json").read_text(encoding="utf-8"))
             for year in ("2016", "2017")}
    assert found == {"2016": {"not_compared"}, "2017": {"not_compared"}}
