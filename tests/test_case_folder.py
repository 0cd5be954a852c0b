"""What a case folder holds: office and system litter is skipped and named; links that lead out of
the folder are refused unread."""

import json
import os
import shutil

import pytest

from jixiao.cli.main import main

from conftest import RULES, SHANGHAI_2017

SHANGHAI_2016 = SHANGHAI_2017.parent / "2016"
SECRET = "SECRET-LINE-of-a-file-outside-the-case"


def run(capsys, folder, *extra):
    code = main(["check", str(folder), "--rules", str(RULES), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def problems_of(err):
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


LITTER = {  # name: (why in Chinese, as manifest.json keeps it; why in English, as --lang en says it)
    "~$facts.xlsx": ("Office 锁定文件（文档在 Excel 或 WPS 中打开时生成）", "lock file of a document open in Excel or WPS"),
    ".~lock.budget.csv#": ("LibreOffice 锁定文件", "lock file of a document open in LibreOffice"),
    "~WRL0001.tmp": ("临时文件（Office 保存时生成）", "temporary file"),
    "Thumbs.db": ("Windows 缩略图缓存", "thumbnail cache"),
    "desktop.ini": ("系统文件夹设置", "folder settings of Windows or macOS"),
    ".DS_Store": ("系统文件夹设置", "folder settings of Windows or macOS"),
    "._budget.csv": ("macOS 附加信息文件", "AppleDouble file"),
    ".notes.csv": ("隐藏文件", "hidden file"),
}


def test_office_and_system_litter_is_skipped_and_named(capsys, case_copy, tmp_path):
    """Issue 11 item 4: Excel's lock file (present while the workbook is open), Thumbs.db and
    desktop.ini stopped the whole check."""
    for name in LITTER:
        (case_copy / name).write_bytes(b"\x05owner\x00" + bytes(160))
    (case_copy / "附件").mkdir()
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, case_copy, "--out", str(out_dir))
    assert code == 0 and "总分 total: 86.74 / 100   等级 grade: 良" in out
    skipped = {**LITTER, "附件": ("文件夹：只读取案例文件夹本身的事实文件", "a folder: fact files are read from the case folder itself")}
    assert err.splitlines() == [f"jixiao: {case_copy}: 已跳过 skipped 9 file(s), not fact files:",
                                *(f"  {name} — {en}" for name, (_, en) in sorted(skipped.items()))]
    manifest = json.loads((out_dir / "shanghai-single-window" / "2017" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["skipped"] == {name: zh for name, (zh, _) in skipped.items()}
    assert "~$facts.xlsx" not in manifest["inputs"]["facts"]


def test_a_macos_folder_icon_and_a_windows_download_marker_are_litter(capsys, case_copy):
    """Issue 12 item 8: macOS's `Icon\\r` (and, of the same kind, the `:Zone.Identifier` files a
    copy from Windows leaves) were "not a fact file": exit 2. The carriage return is printed
    as an escape, not sent to the terminal."""
    (case_copy / "Icon\r").write_bytes(b"")
    (case_copy / "budget.csv:Zone.Identifier").write_text("[ZoneTransfer]\nZoneId=3\n", encoding="utf-8")
    code, out, err = run(capsys, case_copy, "--no-write")
    assert code == 0 and "总分 total: 86.74 / 100   等级 grade: 良" in out
    assert err.splitlines() == [
        f"jixiao: {case_copy}: 已跳过 skipped 2 file(s), not fact files:",
        "  Icon\\r — custom folder icon (Icon\\r)",
        "  budget.csv:Zone.Identifier — download marker of a file copied from Windows (Zone.Identifier)"]


def test_the_json_result_stays_json_when_files_are_skipped(capsys, case_copy):
    (case_copy / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run(capsys, case_copy, "--no-write", "--format", "json")
    assert code == 0 and json.loads(out)["total"] == 86.74
    assert "Thumbs.db — thumbnail cache" in err


@pytest.mark.parametrize("name, problem", [
    ("~budget.csv", "~budget.csv: unknown fact table '~budget'"),  # a tilde alone is no lock file
    ("budget.csv~", "budget.csv~: not a fact file; found '.csv~'"),  # an editor's backup is not skipped unseen
    ("budget.xls", "budget.xls: not a fact file; found '.xls'"),
])
def test_names_close_to_litter_are_not_skipped(capsys, case_copy, name, problem):
    shutil.copy(case_copy / "budget.csv", case_copy / name)
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert any(line.startswith(problem) for line in problems_of(err)), err


# ---------------------------------------------------------------- links

@pytest.fixture
def outside(tmp_path):
    """A file outside the case folder, whose content must never be shown."""
    path = tmp_path / "elsewhere" / "passwd"
    path.parent.mkdir()
    path.write_text(f"root:x:0:0\n{SECRET}:x:1:1\n", encoding="utf-8")
    return path


def test_a_fact_file_linking_out_of_the_case_folder_is_refused_unread(capsys, case_copy, outside):
    """Issue 11 item 8: the link was followed and the error quoted lines of the target."""
    (case_copy / "budget.csv").unlink()
    os.symlink(outside, case_copy / "budget.csv")
    code, out, err = run(capsys, case_copy, "--no-write")
    assert (code, out) == (2, "")
    assert SECRET not in err and "root:x" not in err
    assert problems_of(err) == [
        f"budget.csv: a link to {outside}, outside the case folder: refused, not read; "
        "allowed: what lies within the case folder: copy it in rather than link to it"]


def test_a_relative_link_out_of_the_case_folder_is_refused(capsys, case_copy, outside):
    os.symlink(os.path.relpath(outside, case_copy), case_copy / "operators_extra.csv")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2 and SECRET not in err
    assert problems_of(err) == [
        f"operators_extra.csv: a link to {outside}, outside the case folder: refused, not read; "
        "allowed: what lies within the case folder: copy it in rather than link to it"]


def test_a_workbook_linking_out_gives_no_knock_on_problems(capsys, case_copy, outside):
    for path in case_copy.glob("*.csv"):
        path.unlink()
    os.symlink(outside, case_copy / "facts.xlsx")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2 and len(problems_of(err)) == 1 and "facts.xlsx: a link to" in err


def test_case_yaml_linking_out_is_refused_unread(capsys, case_copy, outside):
    (case_copy / "case.yaml").unlink()
    os.symlink(outside, case_copy / "case.yaml")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2 and SECRET not in err
    assert problems_of(err) == [
        f"case.yaml: a link to {outside}, outside the case folder: refused, not read; "
        "allowed: what lies within the case folder: copy it in rather than link to it"]


def test_a_folder_linking_out_is_refused(capsys, case_copy, outside):
    os.symlink(outside.parent, case_copy / "scans")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2 and problems_of(err) == [
        f"scans: a link to {outside.parent}, outside the case folder: refused, not read; "
        "allowed: what lies within the case folder: copy it in rather than link to it"]


def test_a_link_within_the_case_folder_is_read(capsys, case_copy):
    (case_copy / "tables").mkdir()
    (case_copy / "budget.csv").rename(case_copy / "tables" / "budget.csv")
    os.symlink(os.path.join("tables", "budget.csv"), case_copy / "budget.csv")
    code, out, err = run(capsys, case_copy, "--no-write")
    assert code == 0 and "总分 total: 86.74 / 100" in out
    assert "  tables — a folder: fact files are read from the case folder itself" in err


def test_a_broken_link_is_a_problem_not_silence(capsys, case_copy):
    os.symlink("budget-2017.csv", case_copy / "operators_extra.csv")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == ["operators_extra.csv: a link to nothing (broken link): not read; found 'budget-2017.csv'"]


def test_last_year_behind_a_link_out_of_the_case_is_not_read(capsys, tmp_path):
    case = tmp_path / "facts" / "shanghai-single-window"
    shutil.copytree(SHANGHAI_2017, case / "2017")
    shutil.copytree(SHANGHAI_2016, tmp_path / "elsewhere" / "2016")
    os.symlink(tmp_path / "elsewhere" / "2016", case / "2016")
    code, out, err = run(capsys, case / "2017", "--no-write", "--format", "json")
    assert code == 0
    assert {f.get("status") for f in json.loads(out)["findings"] if f["kind"] == "deduction"} == {"not_compared"}
    assert err == (f"jixiao: {case / '2016'}: a link leading out of {case}: not read, not used for year-over-year\n"
                   f"jixiao: {case / '2017'}: not compared with last year (2016): its folder, or one that "
                   "may be it, could not be read or checked; this year's findings have the status not_compared, not "
                   "new\n")


def test_last_year_within_the_case_is_used(capsys, tmp_path):
    case = tmp_path / "facts" / "shanghai-single-window"
    shutil.copytree(SHANGHAI_2017, case / "2017")
    shutil.copytree(SHANGHAI_2016, case / "2016")
    code, out, _ = run(capsys, case / "2017", "--no-write", "--format", "json")
    assert code == 0 and "repeated" in {f.get("status") for f in json.loads(out)["findings"]}


def test_a_case_behind_a_link_out_of_a_portfolio_is_reported(capsys, tmp_path):
    portfolio = tmp_path / "portfolio"
    shutil.copytree(SHANGHAI_2017, portfolio / "shanghai-single-window" / "2017")
    shutil.copytree(SHANGHAI_2016, tmp_path / "elsewhere" / "2016")
    os.symlink(tmp_path / "elsewhere", portfolio / "linked-case")
    code, out, err = run(capsys, portfolio, "--no-write")
    assert code == 2
    assert out.splitlines()[:3] == [
        "2 个案例：", "  shanghai-single-window       2017  shanghai-om-subsidy         86.74  良     14 项发现",
        f"  {str(portfolio / 'linked-case'):<40} 错误：1 个问题，见下文"]
    english = run(capsys, portfolio, "--no-write", "--lang", "en")[1]
    assert english.splitlines()[:3] == [
        "2 cases:", "  shanghai-single-window       2017  shanghai-om-subsidy         86.74  良     14 findings",
        f"  {str(portfolio / 'linked-case'):<40} ERROR: 1 problem(s), see below"]
    assert err.splitlines()[1] == (
        f"  {portfolio / 'linked-case'}: a link to {tmp_path / 'elsewhere'}, outside {portfolio}: refused, not read"
        f"; allowed: what lies within {portfolio}: copy it in rather than link to it")


def test_a_case_naming_an_unknown_scheme_is_told_so_in_the_user_s_language(capsys, tmp_path):
    """case.yaml's scheme that no scheme has: said from the catalogue (it was English only)."""
    case = tmp_path / "shanghai-single-window" / "2017"
    shutil.copytree(SHANGHAI_2017, case)
    manifest = case / "case.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("scheme: shanghai-om-subsidy",
                                                                     "scheme: shanghai-om-subsidi"), encoding="utf-8")
    code, _, zh = run(capsys, case, "--no-write", "--lang", "zh")
    assert code == 2 and "  case.yaml [scheme]：未知的评价方案（是否应为 'shanghai-om-subsidy'？）；填写的是 'shanghai-om-subsidi'" in zh
    code, _, en = run(capsys, case, "--no-write", "--lang", "en")
    assert code == 2 and "  case.yaml [scheme]: unknown scheme (did you mean 'shanghai-om-subsidy'?); found 'shanghai-om-subsidi'" in en
