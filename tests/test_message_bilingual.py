"""Messages that were English only, or 中文 English run together, said in one language: Chinese
by default, English with --lang en (issue 16 item 3, issue 12 point 5). Each case raises the
problem as a user meets it and compares the whole line in both languages."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from jixiao.disk import atomic
from jixiao.disk.folders import list_case_folder
from jixiao.disk.refusals import os_problem
from jixiao.model.problems import InputError


def both(problem) -> tuple[str, str]:
    return problem.render("zh"), problem.render("en")


@pytest.mark.parametrize("number, reading, zh, en", [
    (errno.EACCES, True, "f.csv：无法读取：没有权限；允许 jixiao 读取它（请检查其权限或询问其所有者）",
     "f.csv: cannot read: permission denied; allow jixiao to read it (check its permissions or ask its owner)"),
    (errno.ENOSPC, False, "f.csv：无法写入：磁盘已满；请释放一些空间，或另选一个 --out",
     "f.csv: cannot write: no space left on the disk; free some space, or choose another --out"),
    (errno.EROFS, True, "f.csv：无法读取：只读文件系统；将其复制到 jixiao 能读取的磁盘上",
     "f.csv: cannot read: read-only file system; copy it to a disk jixiao can read"),
    (errno.EXDEV, False, "f.csv：无法写入：Invalid cross-device link", "f.csv: cannot write: Invalid cross-device link"),
])
def test_an_operating_system_refusal_is_said_in_one_language(number, reading, zh, en):
    problem = os_problem("f.csv", OSError(number, "Invalid cross-device link"), reading=reading)
    assert both(problem) == (zh, en)


def test_writing_over_a_fact_folder_is_refused_in_one_language(tmp_path):
    (tmp_path / "case.yaml").write_text("case: x\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        atomic.write_files(tmp_path, {"a.txt": b"a"}, whole=True, owned=True)
    assert both(refused.value.problems[0]) == (
        f"{tmp_path}：这是事实文件夹（其中有 case.yaml）：jixiao 从不覆盖输入；请另选一个 --out",
        f"{tmp_path}: a fact folder (it holds case.yaml): jixiao never writes over input; choose another --out")


def test_an_output_inside_the_input_is_refused_in_one_language(tmp_path):
    out = tmp_path / "facts" / "out"
    out.mkdir(parents=True)
    with pytest.raises(InputError) as refused:
        atomic.check_apart(out, [tmp_path / "facts"])
    assert both(refused.value.problems[0]) == (
        f"{out}：输出位置与输入重叠：输出文件夹（--out）位于 {tmp_path / 'facts'}，而 jixiao 要读取它：写入该处会替换或混入输入；"
        "请选择该位置之外的 --out",
        f"{out}: the output folder (--out) lies inside {tmp_path / 'facts'}, which jixiao reads: writing there would "
        "replace or mix with the input; choose an --out outside it")


def test_a_broken_link_in_a_case_folder_is_refused_in_one_language(tmp_path):
    (tmp_path / "budget.csv").symlink_to(tmp_path / "nowhere.csv")
    [(path, problem)] = list_case_folder(Path(tmp_path), "case.yaml").refused
    assert both(problem) == ("budget.csv：指向不存在之处的链接（断开的链接）：未读取；填写的是 " + repr(str(tmp_path / "nowhere.csv")),
                             "budget.csv: a link to nothing (broken link): not read; found "
                             + repr(str(tmp_path / "nowhere.csv")))
