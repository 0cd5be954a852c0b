"""Writing results never destroys input, runs into one place take turns, and the operating
system's refusals are the user's to fix: exit 2, naming the path and what to do."""

import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from jixiao.disk import atomic
from jixiao.cli.main import main
from jixiao.model.problems import InputError, OutputError
from jixiao.report.files import write_outputs

from as_user import jixiao_as_user
from conftest import FACTS, ROOT, RULES, SHANGHAI_2017, bundled_cases



@pytest.fixture
def facts(tmp_path):
    """A copy of the bundled facts, safe to lose."""
    shutil.copytree(FACTS, tmp_path / "facts")
    return tmp_path / "facts"


@pytest.fixture
def rules(tmp_path):
    shutil.copytree(RULES, tmp_path / "rules")
    return tmp_path / "rules"


def snapshot(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def jixiao(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def overlap(out, relation, read):
    return (f"{out}: the output folder (--out) {relation} {read}, which jixiao reads: writing "
            f"there would replace or mix with the input; choose an --out outside it")


# 2. Writing results never destroys input ------------------------------------------------------------------------

def test_check_refuses_an_out_that_is_the_facts_folder(capsys, facts):
    before = snapshot(facts)
    code, out, err = jixiao(capsys, "check", facts, "--out", facts, "--rules", RULES)
    assert (code, out) == (2, "")
    assert err == f"jixiao: 1 problem in the input; nothing was done:\n  {overlap(facts, 'is', facts)}\n"
    assert snapshot(facts) == before


def test_check_refuses_out_dot_from_the_folder_holding_the_case(capsys, facts, monkeypatch):
    monkeypatch.chdir(facts)  # where `<case>/<year>` is: --out . would make the output folder the case folder
    before = snapshot(facts)
    code, _, err = jixiao(capsys, "check", "shanghai-single-window/2017", "--out", ".", "--rules", RULES)
    assert code == 2 and overlap(".", "contains", "shanghai-single-window/2017") in err
    assert snapshot(facts) == before


@pytest.mark.parametrize("where, relation, read", [
    ("{facts}/shanghai-single-window/2017/results", "lies inside", "{facts}/shanghai-single-window/2017"),
    ("{facts}/shanghai-single-window/2016", "is", "{facts}/shanghai-single-window/2016"),  # a year read for history
    ("{facts}/shanghai-single-window", "contains", "{facts}/shanghai-single-window/2017"),
    ("{rules}", "is", "{rules}"),
    ("{rules}/schemes", "lies inside", "{rules}"),
    ("{tmp}", "contains", "{facts}/shanghai-single-window/2017"),
    ("{tmp}/link-to-facts", "contains", "{facts}/shanghai-single-window/2017"),  # through a symbolic link
])
@pytest.mark.parametrize("command", ["check", "report"])
def test_no_output_folder_that_is_contains_or_lies_inside_an_input(capsys, tmp_path, facts, rules, command, where,
                                                                   relation, read):
    (tmp_path / "link-to-facts").symlink_to(facts)
    names = {"facts": facts, "rules": rules, "tmp": tmp_path}
    out, read = where.format(**names), read.format(**names)
    before = snapshot(tmp_path)
    code, stdout, err = jixiao(capsys, command, facts / "shanghai-single-window" / "2017", "--out", out,
                               "--rules", rules)
    assert (code, stdout) == (2, "") and overlap(out, relation, read) in err
    assert snapshot(tmp_path) == before


def test_a_batch_refuses_an_out_inside_the_folder_it_reads(capsys, facts):
    before = snapshot(facts)
    code, _, err = jixiao(capsys, "check", facts, "--jobs", "2", "--out", facts / "results", "--rules", RULES)
    assert code == 2 and overlap(facts / "results", "lies inside", facts) in err
    assert snapshot(facts) == before


def test_report_refuses_to_write_over_its_own_template(capsys, tmp_path):
    out = tmp_path / "out"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out, "--rules", RULES)[0] == 0
    template = out / "shanghai-single-window" / "2017" / "brief.md"  # `check` replaces this folder: no place for it
    template.write_text("# 简报\n{{ metric total }}\n", encoding="utf-8")
    folder = template.parent
    code, _, err = jixiao(capsys, "report", SHANGHAI_2017, "--template", template, "--out", out, "--rules", RULES)
    assert code == 2 and f"{folder}: the output folder (--out) contains {template}" in err
    assert template.read_text(encoding="utf-8") == "# 简报\n{{ metric total }}\n"


def test_check_replaces_only_a_folder_jixiao_wrote(capsys, tmp_path):
    folder = tmp_path / "out" / "shanghai-single-window" / "2017"
    folder.mkdir(parents=True)
    (folder / "my notes.docx").write_bytes(b"the evaluator's own work")
    for command in ("check", "report"):
        code, _, err = jixiao(capsys, command, SHANGHAI_2017, "--out", tmp_path / "out", "--rules", RULES)
        assert code == 2 and (f"{folder}: not a folder jixiao wrote (no jixiao manifest.json in "
                              "it), so jixiao will not replace it; choose another --out, or empty or remove the "
                              "folder") in err
        assert snapshot(folder) == {"my notes.docx": b"the evaluator's own work"}
    (folder / "my notes.docx").unlink()  # an empty folder is jixiao's to fill
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", tmp_path / "out", "--rules", RULES)[0] == 0
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["case"] == "shanghai-single-window"


def test_a_report_alone_marks_its_folder_as_jixiaos(capsys, tmp_path):
    out = tmp_path / "out"
    assert jixiao(capsys, "report", SHANGHAI_2017, "--out", out, "--rules", RULES)[0] == 0
    folder = out / "shanghai-single-window" / "2017"
    assert sorted(snapshot(folder)) == ["manifest.json", "report.docx", "report.html", "report.md"]
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out, "--rules", RULES)[0] == 0  # so check may replace it
    assert sorted(snapshot(folder)) == ["findings.json", "manifest.json", "report.docx", "report.html", "report.md",
                                        "report.xlsx", "scores.csv"]


def test_synth_refuses_to_write_over_the_facts_it_reads(capsys, facts):
    before = snapshot(facts)
    code, _, err = jixiao(capsys, "synth", facts, "--cases", "3", "--facts", facts)
    assert code == 2 and f"{facts}: the output folder (OUT_DIR) is {facts}" in err
    assert snapshot(facts) == before


def test_synth_replaces_only_a_folder_synth_wrote(capsys, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "budget 2024.xlsx").write_bytes(b"not jixiao's")
    code, _, err = jixiao(capsys, "synth", mine, "--cases", "3", "--facts", FACTS)
    assert code == 2 and f"{mine}: not a folder jixiao wrote" in err and "choose another OUT_DIR" in err
    assert snapshot(mine) == {"budget 2024.xlsx": b"not jixiao's"}
    out = tmp_path / "synthetic"
    assert jixiao(capsys, "synth", out, "--cases", "3", "--facts", FACTS)[0] == 0
    assert jixiao(capsys, "synth", out, "--cases", "2", "--facts", FACTS)[0] == 0  # its own: replaced whole
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "synth-00001", "synth-00002"]


# 6. Runs into one place take turns; leftovers of dead runs are cleaned ---------------------------------------------

def test_two_runs_into_one_out_take_turns(golden, tmp_path, monkeypatch):
    """Run A is writing when run B starts: B waits for A instead of deleting A's staging."""
    expected = snapshot(write_outputs(golden, tmp_path / "fresh"))
    out = tmp_path / "out"
    write_outputs(golden, out)  # a previous result, so that both runs replace one
    b_moved, b_done, errors = threading.Event(), threading.Event(), []  # moved: waits for the lock, or done
    real_flock, real_write = fcntl.flock, atomic._write_file

    def flock(descriptor, operation):
        if threading.current_thread().name == "B":
            b_moved.set()
        return real_flock(descriptor, operation)

    def write(path, data, fsync):  # A, having written its first file, lets B run
        result = real_write(path, data, fsync)
        if threading.current_thread().name == "A" and not b_moved.is_set():
            threading.Thread(target=run, name="B").start()
            assert b_moved.wait(120), "run B neither waited nor finished"
        return result

    def run():
        try:
            write_outputs(golden, out)
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(f"{threading.current_thread().name}: {type(exc).__name__}: {exc}")
        finally:
            if threading.current_thread().name == "B":
                b_done.set()
                b_moved.set()

    monkeypatch.setattr(fcntl, "flock", flock)
    monkeypatch.setattr(atomic, "_write_file", write)
    a = threading.Thread(target=run, name="A")
    a.start()
    a.join(120)
    assert b_done.wait(120)
    assert errors == []
    folder = out / "shanghai-single-window" / "2017"
    assert snapshot(folder) == expected and sorted(os.listdir(folder.parent)) == ["2017"]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_runs_are_removed_and_a_decided_set_is_finished(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    pid = dead_pid()
    leftovers = [f".portfolio.html.tmp-{pid}",                        # what versions before 0.x left
                 f".portfolio.csv.jixiao-{pid}-0badc0de.tmp"]         # a run killed while writing
    for name in leftovers:
        (out / name).write_bytes(b"trunc")
    (out / f".report.md.jixiao-{pid}-1234abcd.tmp").write_bytes(b"decided")  # killed during its renames:
    (out / f".journal.jixiao-{pid}-1234abcd.commit").write_text(          # the journal says what to finish
        json.dumps([[f".report.md.jixiao-{pid}-1234abcd.tmp", "report.md"]]), encoding="utf-8")
    (out / ".portfolio.csv.keep").write_bytes(b"someone else's")  # not a name jixiao uses: left alone
    atomic.write_files(out, {"portfolio.csv": b"new"})
    assert snapshot(out) == {".portfolio.csv.keep": b"someone else's", "portfolio.csv": b"new", "report.md": b"decided"}


def test_a_retired_folder_whose_replacement_never_came_is_put_back(tmp_path):
    case = tmp_path / "out" / "c"
    retired = case / f".2017.jixiao-{dead_pid()}-00c0ffee.old"  # killed between the swap's two renames
    retired.mkdir(parents=True)
    (retired / "manifest.json").write_text('{"jixiao": "0"}', encoding="utf-8")
    staged = case / f".2017.jixiao-{dead_pid()}-00c0ffee.new"
    staged.mkdir()
    atomic.write_files(case / "2016", {"manifest.json": b'{"jixiao": "1"}'}, whole=True, owned=True)
    assert sorted(os.listdir(case)) == ["2016", "2017"]
    assert (case / "2017" / "manifest.json").read_text(encoding="utf-8") == '{"jixiao": "0"}'


def test_a_full_disk_while_the_portfolio_is_written_leaves_the_previous_set_whole(tmp_path, facts):
    """A real refusal: once the portfolio's files are rendered, the system's limit on a file's
    size (RLIMIT_FSIZE) stops the write of the second one, as a full disk would."""
    out = tmp_path / "out"
    args = ["check", str(facts), "--jobs", "2", "--summary-only", "--out", str(out), "--rules", str(RULES)]
    subprocess.run([sys.executable, "-m", "jixiao", *args], cwd=ROOT, capture_output=True, check=True)
    before = snapshot(out)
    shutil.rmtree(facts / "shanghai-single-window" / "2016")  # the next portfolio differs
    limit = len(before["portfolio.csv"]) + 16  # the new CSV (smaller) fits; the HTML page does not
    script = ("import resource, signal, sys\n"
              "from jixiao.report import portfolio_pages as portfolio_out\n"
              "from jixiao.cli import main\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "render = portfolio_out.xlsx\n"
              "def xlsx(*args):\n"  # rendered last, before any portfolio file is written
              "    data = render(*args)\n"
              f"    resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
              "    return data\n"
              "portfolio_out.xlsx = xlsx\n"
              f"sys.exit(main({args!r}))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert (f"{out / 'portfolio.html'}: cannot write: file too large (a limit on file size); "
            "raise the limit (ulimit -f), or choose another --out") in done.stderr
    assert snapshot(out) == before
    assert sorted(os.listdir(out)) == ["manifest.json", "portfolio.csv", "portfolio.html", "portfolio.xlsx"]


# 7. The operating system's refusals are the user's to fix ---------------------------------------------------------

def refuse_opening(monkeypatch, path, error=errno.EACCES):
    """The system refuses to open `path` (as for a file with mode 000, to anyone but root)."""
    real = os.open

    def fake(file, flags, *args, **kwargs):
        if Path(file) == Path(path):
            raise OSError(error, os.strerror(error), str(file))
        return real(file, flags, *args, **kwargs)
    monkeypatch.setattr(os, "open", fake)


def refuse_writing(monkeypatch, folder, error=errno.EROFS):
    """The system refuses to create anything in or below `folder` (a read-only disk or folder)."""
    real_open, real_mkdir, real_rename = os.open, os.mkdir, os.rename
    inside = lambda path: Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))  # noqa: E731

    def fake_open(file, flags, *args, **kwargs):
        if inside(file) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(error, os.strerror(error), str(file))
        return real_open(file, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if inside(path) and os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
        if inside(path):
            raise OSError(error, os.strerror(error), str(path))
        return real_mkdir(path, *args, **kwargs)

    def fake_rename(source, target, *args, **kwargs):
        if inside(source) or inside(target):
            raise OSError(error, os.strerror(error), str(source))
        return real_rename(source, target, *args, **kwargs)
    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    monkeypatch.setattr(os, "rename", fake_rename)


UNREADABLE = ("budget.csv: cannot read: permission denied; allow jixiao to read it (check its "
              "permissions or ask its owner) ({path})")


def test_an_unreadable_fact_file_is_named(capsys, case_copy, monkeypatch):
    refuse_opening(monkeypatch, case_copy / "budget.csv")
    code, out, err = jixiao(capsys, "check", case_copy, "--no-write", "--rules", RULES)
    assert (code, out) == (2, "") and UNREADABLE.format(path=case_copy / "budget.csv") in err
    assert "internal error" not in err


def test_an_unreadable_fact_file_is_named_for_real(case_copy):
    (case_copy / "budget.csv").chmod(0)
    done = jixiao_as_user("check", case_copy, "--no-write", "--rules", RULES)
    assert done.returncode == 2 and UNREADABLE.format(path=case_copy / "budget.csv") in done.stderr


def test_an_unreadable_folder_in_a_portfolio_is_named_not_skipped(capsys, facts, monkeypatch):
    hidden = facts / "dongguan-processing-trade"
    real = os.scandir

    def scandir(path="."):
        if Path(path) == hidden:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = jixiao(capsys, "check", facts, "--no-write", "--rules", RULES)
    # every case, the unreadable one too: not one fewer and exit 0; nor none
    assert code == 2 and out.startswith(f"{len(bundled_cases())} 个案例：\n")
    assert err.endswith(f"jixiao: {hidden}: 1 problem(s); this case was not checked:\n  {hidden}: cannot "
                        "read: permission denied; allow jixiao to read it (check its permissions or ask its "
                        "owner); any case in it was not checked\n")


def test_an_unreadable_rules_folder_is_named(capsys, rules, monkeypatch):
    family = rules / "separate-accounting"
    real = os.scandir

    def scandir(path="."):
        if Path(path) == family:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = jixiao(capsys, "lint", rules)
    assert code == 2 and err == (f"jixiao: 1 problem in the input; nothing was done:\n  {family}: cannot read: "
                                 "permission denied; allow jixiao to read it (check its permissions or ask "
                                 "its owner)\n")


READ_ONLY = "{path}: cannot write: read-only file system; choose another --out"


def test_a_read_only_out_is_named_and_the_previous_results_stay(capsys, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out, "--rules", RULES)[0] == 0
    before = snapshot(out)
    refuse_writing(monkeypatch, out)
    code, stdout, err = jixiao(capsys, "check", SHANGHAI_2017, "--out", out, "--rules", RULES)
    assert (code, stdout) == (2, "") and "internal error" not in err
    assert err == ("jixiao: 1 problem writing the results; the previous results were left as they were:\n  "
                   + READ_ONLY.format(path=out / "shanghai-single-window" / "2017") + "\n")
    monkeypatch.undo()
    assert snapshot(out) == before


def test_a_batch_into_a_read_only_out_stops_before_checking(capsys, facts, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    refuse_writing(monkeypatch, out)
    code, stdout, err = jixiao(capsys, "check", facts, "--jobs", "2", "--out", out, "--rules", RULES)
    assert (code, stdout) == (2, "") and READ_ONLY.format(path=out) in err


def test_a_read_only_out_for_real(capsys, tmp_path):
    out = tmp_path / "out"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out, "--rules", RULES)[0] == 0
    before = snapshot(out)
    (out / "shanghai-single-window").chmod(0o555)
    try:
        done = jixiao_as_user("check", SHANGHAI_2017, "--out", out, "--rules", RULES)
    finally:
        (out / "shanghai-single-window").chmod(0o755)
    assert done.returncode == 2
    assert "cannot write: permission denied; allow writing there" in done.stderr
    assert snapshot(out) == before


def test_an_out_that_is_a_file(capsys, tmp_path):
    out = tmp_path / "results.txt"
    out.write_text("mine", encoding="utf-8")
    code, _, err = jixiao(capsys, "check", SHANGHAI_2017, "--out", out, "--rules", RULES)
    assert code == 2 and f"{out}: is a file, not a folder; move it away, or choose another --out" in err
    assert out.read_text(encoding="utf-8") == "mine"


def test_a_full_disk_in_a_batch_names_each_case_path(capsys, tmp_path, facts, monkeypatch):
    def full(path, data, fsync):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic, "_write_file", full)  # the forked workers inherit it
    out = tmp_path / "out"
    code, stdout, err = jixiao(capsys, "check", facts, "--jobs", "2", "--out", out, "--rules", RULES)
    assert code == 2 and "internal error" not in stdout + err
    cases = bundled_cases(facts)
    for case in (f"{case}/{year}" for case, year, _ in cases):
        assert (f"{out / case / 'findings.json'}: cannot write: no space left on the disk; free some "
                "space, or choose another --out") in stdout  # a case's error: in the messages' language ($JIXIAO_LANG)
    assert f"{out / 'portfolio.csv'}: cannot write: no space left on the disk" in err
    assert sorted(os.listdir(out)) == sorted({case for case, _, _ in cases})
    assert [p for p in out.rglob("*") if p.is_file()] == []


def test_printing_to_a_full_disk_is_said_as_such(case_copy):
    with open("/dev/full", "w") as full:  # every write to it fails: No space left on device
        done = subprocess.run([sys.executable, "-m", "jixiao", "check", str(case_copy), "--no-write",
                               "--rules", str(RULES)], cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2 and "internal error" not in done.stderr
    assert ("(standard output or a file the system did not name): cannot write: no space left on the "
            "disk") in done.stderr


@settings(max_examples=80, deadline=None)
@given(out=st.lists(st.sampled_from("ab"), max_size=3), read=st.lists(st.sampled_from("ab"), max_size=3),
       out_exists=st.booleans(), through_link=st.booleans())
def test_an_out_is_refused_exactly_when_it_is_contains_or_lies_inside_an_input(out, read, out_exists, through_link):
    with tempfile.TemporaryDirectory() as root:
        root = Path(root)
        real_read, real_out = root.joinpath("r", *read), root.joinpath("r", *out)
        real_read.mkdir(parents=True, exist_ok=True)
        if out_exists:
            real_out.mkdir(parents=True, exist_ok=True)
        (root / "link").symlink_to(root / "r")
        given_read = root.joinpath("link", *read) if through_link else real_read
        inside = real_out.parts[:len(real_read.parts)] == real_read.parts
        contains = real_read.parts[:len(real_out.parts)] == real_out.parts
        if inside or contains:
            with pytest.raises(InputError) as refused:
                atomic.check_apart(real_out, [given_read])
            relation = "is" if inside and contains else "lies inside" if inside else "contains"
            assert refused.value.problems[0].message.startswith(
                f"the output folder (--out) {relation} {given_read}, which jixiao reads")
        else:
            atomic.check_apart(real_out, [given_read])


def test_a_case_folder_is_made_durable_with_one_sync_before_it_appears(golden, tmp_path, monkeypatch):
    """Issue 15 item 7: the case's files are written, then synced together (one syncfs), then
    the folder is swapped in; a reader sees the previous files until then, never a partial set."""
    out = tmp_path / "out"
    previous = snapshot(write_outputs(golden, out))
    folder = out / "shanghai-single-window" / "2017"
    syncs, fsyncs = [], []
    real_sync, real_fsync = atomic._syncfs, os.fsync

    def syncfs(directory):
        syncs.append(sorted(os.listdir(directory)))
        assert snapshot(folder) == previous  # nothing of the new set is visible yet
        return real_sync(directory)

    def fsync(descriptor):
        fsyncs.append(descriptor)
        return real_fsync(descriptor)

    monkeypatch.setattr(atomic, "_syncfs", syncfs)
    monkeypatch.setattr(os, "fsync", fsync)
    write_outputs(golden, out)
    assert syncs == [["findings.json", "manifest.json", "report.docx", "report.html", "report.md", "report.xlsx",
                      "scores.csv"]]
    assert len(fsyncs) == (0 if atomic._SYNCFS is not None else 8) + 1  # and the folder above, for the rename


def test_without_syncfs_each_file_is_fsynced_and_a_failure_leaves_the_previous_files(golden, tmp_path, monkeypatch):
    out = tmp_path / "out"
    previous = snapshot(write_outputs(golden, out))
    folder = out / "shanghai-single-window" / "2017"
    calls = []

    def full(descriptor):
        calls.append(descriptor)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_SYNCFS", None)
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as failed:
        write_outputs(golden, out)
    assert [str(p) for p in failed.value.problems] == [
        f"{folder}: cannot write: no space left on the disk; free some space, or choose another --out"]
    assert len(calls) == 1
    assert snapshot(folder) == previous and sorted(os.listdir(folder.parent)) == ["2017"]
