"""A results folder holds what jixiao wrote, as its manifest.json lists; anything else in it is
the user's and is never deleted or overwritten: the run is refused (exit 2), naming it. A
folder the user made read-only is not replaced either, and no run leaves leftovers behind."""

import json
import os
import shutil
from pathlib import Path

from jixiao.cli.main import main

from as_user import jixiao_as_user
from conftest import FACTS, ROOT, RULES, SHANGHAI_2017

FACTS_ROOT = FACTS

CHECK_FILES = ["findings.json", "manifest.json", "report.docx", "report.html", "report.md", "report.xlsx", "scores.csv"]
PREVIOUS_KEPT = "jixiao: 1 problem writing the results; the previous results were left as they were:\n"


def snapshot(folder) -> dict:
    """Every file and folder beneath `folder`: {relative path: bytes, or None for a folder}."""
    return {p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
            for p in sorted(Path(folder).rglob("*"))}


def jixiao(capsys, *args):
    rules = [] if args[0] == "synth" else ["--rules", str(RULES)]
    code = main([str(a) for a in args] + rules)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def foreign(folder, names, option="--out") -> str:
    return (f"  {folder}: holds files jixiao did not write (its manifest.json does not list "
            f"them): {names}; jixiao replaces this folder as a whole, which would delete them: move them out of "
            f"it, or choose another {option}\n")


def test_the_manifest_lists_the_files_written(capsys, tmp_path):
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", tmp_path)[0] == 0
    folder = tmp_path / "shanghai-single-window" / "2017"
    assert sorted(os.listdir(folder)) == CHECK_FILES
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"] == CHECK_FILES


def test_your_own_files_in_a_results_folder_are_never_deleted(capsys, tmp_path):
    out = tmp_path / "o"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out)[0] == 0
    folder = out / "shanghai-single-window" / "2017"
    (folder / "审定稿.docx").write_bytes(b"x\n")
    (folder / "附件").mkdir()
    (folder / "附件" / "签字页.pdf").write_bytes(b"signed")
    before = snapshot(out)
    code, stdout, err = jixiao(capsys, "check", SHANGHAI_2017, "--out", out)
    assert (code, stdout) == (2, "")
    assert err == PREVIOUS_KEPT + foreign(folder, "审定稿.docx, 附件/")
    assert snapshot(out) == before
    (folder / "审定稿.docx").unlink()
    (folder / "附件" / "签字页.pdf").unlink()  # an empty folder of one's own counts too: it would go with the rest
    code, _, err = jixiao(capsys, "check", SHANGHAI_2017, "--out", out)
    assert code == 2 and err == PREVIOUS_KEPT + foreign(folder, "附件/")
    (folder / "附件").rmdir()
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out)[0] == 0


def test_a_file_of_yours_inside_a_subfolder_jixiao_wrote_is_named(capsys, tmp_path):
    out = tmp_path / "synthetic"
    assert jixiao(capsys, "synth", out, "--cases", "2", "--facts", FACTS_ROOT)[0] == 0
    mine = out / "synth-00002" / os.listdir(out / "synth-00002")[0] / "说明.txt"
    mine.write_text("mine", encoding="utf-8")
    before = snapshot(out)
    code, _, err = jixiao(capsys, "synth", out, "--cases", "2", "--facts", FACTS_ROOT)
    assert code == 2
    assert err == PREVIOUS_KEPT + foreign(out, mine.relative_to(out).as_posix(), "OUT_DIR")
    assert snapshot(out) == before


def test_report_never_overwrites_a_file_jixiao_did_not_write(capsys, tmp_path):
    out = tmp_path / "o"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out)[0] == 0
    folder = out / "shanghai-single-window" / "2017"
    (folder / "report.en.md").write_text("my own translation", encoding="utf-8")
    before = snapshot(out)
    code, _, err = jixiao(capsys, "report", SHANGHAI_2017, "--lang", "en", "--out", out)
    assert code == 2
    assert err == PREVIOUS_KEPT + (f"  {folder / 'report.en.md'}: not a file jixiao wrote (the "
                                   "folder's manifest.json does not list it), so jixiao will not overwrite it: move "
                                   "it out of the folder, or choose another --out\n")
    assert snapshot(out) == before


def test_reports_join_the_manifest_and_check_says_it_removed_them(capsys, tmp_path):
    out = tmp_path / "o"
    folder = out / "shanghai-single-window" / "2017"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out)[0] == 0
    assert jixiao(capsys, "report", SHANGHAI_2017, "--lang", "en", "--out", out)[0] == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"] == sorted(CHECK_FILES + ["report.en.docx", "report.en.html", "report.en.md"])
    code, _, err = jixiao(capsys, "check", SHANGHAI_2017, "--out", out)
    assert code == 0 and sorted(os.listdir(folder)) == CHECK_FILES  # made from the previous results: not kept
    assert (f"jixiao: {folder}: 已删除 removed report.en.docx, report.en.html, report.en.md, which `jixiao report` had made from "
            "the previous results; run it again to make them from these\n") in err


def test_a_results_folder_of_an_earlier_version_is_still_jixiaos(capsys, tmp_path):
    """Before manifests listed their files: the files `check` and `report` write are jixiao's, any other is not."""
    out = tmp_path / "o"
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out)[0] == 0
    folder = out / "shanghai-single-window" / "2017"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "report.en.md").write_text("by an earlier jixiao report", encoding="utf-8")
    assert jixiao(capsys, "check", SHANGHAI_2017, "--out", out)[0] == 0
    (folder / "brief.md").write_text("a filled template, or the user's own: not known", encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = jixiao(capsys, "check", SHANGHAI_2017, "--out", out)
    assert code == 2 and err == PREVIOUS_KEPT + foreign(folder, "brief.md")


def test_a_read_only_results_folder_is_not_replaced_and_nothing_is_left_behind(tmp_path):
    out = tmp_path / "o"
    assert main(["check", str(SHANGHAI_2017), "--out", str(out), "--rules", str(RULES)]) == 0
    folder = out / "shanghai-single-window" / "2017"
    before = snapshot(out)
    folder.chmod(0o555)
    try:
        done = jixiao_as_user("check", SHANGHAI_2017, "--out", out, "--rules", RULES)
        after = snapshot(out)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2
    assert done.stderr == PREVIOUS_KEPT + (
        f"  {folder}: cannot write: the folder is read-only, and jixiao replaces it as a whole; "
        "allow writing there (check its permissions or ask its owner), or choose another --out\n")
    assert after == before and sorted(os.listdir(folder.parent)) == ["2017"]


def test_a_read_only_leftover_of_an_earlier_run_is_removed(tmp_path):
    """What versions before this one left when the folder they replaced was read-only."""
    out = tmp_path / "o"
    assert main(["check", str(SHANGHAI_2017), "--out", str(out), "--rules", str(RULES)]) == 0
    case = out / "shanghai-single-window"
    leftover = case / f".2017.jixiao-{os.getpid() + 10 ** 6}-880ac066.old"
    shutil.copytree(case / "2017", leftover)
    leftover.chmod(0o555)
    done = jixiao_as_user("check", SHANGHAI_2017, "--out", out, "--rules", RULES)
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(case)) == ["2017"]


def test_a_batch_never_overwrites_a_portfolio_file_of_yours(capsys, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "portfolio.xlsx").write_bytes(b"the evaluator's own portfolio workbook")
    code, stdout, err = jixiao(capsys, "check", FACTS_ROOT, "--jobs", "2", "--out", out)
    assert (code, stdout) == (2, "")  # said before any case is checked
    assert err == PREVIOUS_KEPT + (f"  {out / 'portfolio.xlsx'}: not a file jixiao wrote (the "
                                   "folder's manifest.json does not list it), so jixiao will not overwrite it: move "
                                   "it out of the folder, or choose another --out\n")
    assert snapshot(out) == {"portfolio.xlsx": b"the evaluator's own portfolio workbook"}
    (out / "portfolio.xlsx").unlink()
    (out / "说明.txt").write_text("mine", encoding="utf-8")  # beside the portfolio: left alone
    for _ in range(2):  # the second run replaces what the first wrote
        assert jixiao(capsys, "check", FACTS_ROOT, "--jobs", "2", "--out", out)[0] == 0
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"] == [
        "manifest.json", "portfolio.csv", "portfolio.html", "portfolio.xlsx"]
    assert (out / "说明.txt").read_text(encoding="utf-8") == "mine"
