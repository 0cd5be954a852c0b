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
from jixiao.load.table_schemas import load_catalog
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


# ------------------------------------------------------------------ fact table schemas (load/table_schemas.py, check_kinds.py)
SCHEMA = """table: sample
title: 样表
key: [item]
columns:
  item: {type: text, title: 项目, required: true}
  amount: {type: number, title: 金额, unit: 万元}
  due: {type: date, title: 到期日, required: true}
"""


@pytest.mark.parametrize("replace, add, zh, en", [
    ("table: sample", "table: other", "sample.yaml:1 [table]：“table”必须与文件名相同；填写的是 'other'；可填：sample",
     "sample.yaml:1 [table]: 'table' must equal the file name; found 'other'; allowed: sample"),
    ("key: [item]", "key: [iten]", "sample.yaml:3 [key]：主键列不是本表的列（是否应为 'item'？）；填写的是 'iten'",
     "sample.yaml:3 [key]: key column is not a column (did you mean 'item'?); found 'iten'"),
    ("title: 项目,", "title: 项目, max: 3,", "sample.yaml:5 [item.max]：“max”限定数字的范围；项目（item） 是 text 列；填写的是 3；"
     "可填：integer 和 number 列的 min / max",
     "sample.yaml:5 [item.max]: 'max' bounds a number; 项目 (item) is a text column; found 3; allowed: min / max on "
     "integer and number columns"),
    ("", "checks:\n  - {kind: dates_in_order, columns: [due, item]}\n",
     "sample.yaml:9 [checks.dates_in_order]：项目（item） 是 text 列；此核对需要日期（或存年份的 integer 列）；填写的是 'item'",
     "sample.yaml:9 [checks.dates_in_order]: 项目 (item) is a text column; this check needs dates (or an integer "
     "column holding a year); found 'item'"),
    ("", "checks:\n  - {kind: duration, column: amount, start: due, end: due}\n",
     "sample.yaml:9 [checks.column]：时长以 天, 小时, 分钟 为单位；金额（amount） 的单位是“万元”；填写的是 '万元'",
     "sample.yaml:9 [checks.column]: a duration is in 天, 小时, 分钟; 金额 (amount) has unit '万元'; found '万元'"),
    ("", "checks:\n  - {kind: sideways}\n", "sample.yaml:9 [checks]：无法识别的核对类型；填写的是 'sideways'；可填：",
     "sample.yaml:9 [checks]: unknown check kind; found 'sideways'; allowed: "),
])
def test_a_schema_problem_is_said_in_one_language(tmp_path, monkeypatch, replace, add, zh, en):
    text = SCHEMA.replace(replace, add) if replace else SCHEMA + add
    (tmp_path / "sample.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as refused:
        load_catalog(Path("."))
    [problem] = refused.value.problems
    assert (problem.render("zh")[:len(zh)], problem.render("en")[:len(en)]) == (zh, en)


# ------------------------------------------------- the command line's own refusals (lead, session 5)

SHANGHAI = Path(__file__).resolve().parent.parent / "facts" / "shanghai-single-window" / "2017"


def said(capsys, *args) -> tuple[int, str]:
    from jixiao.cli.main import main

    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("lang, expected", [
    ("zh", "--indicator：不是方案 shanghai-om-subsidy 的末级指标（是否应为 'C132'？）；填写的是 'C12l'"),
    ("en", "--indicator: not a leaf of shanghai-om-subsidy (did you mean 'C132'?); found 'C12l'"),
])
def test_explain_names_a_wrong_indicator_in_one_language(capsys, lang, expected):
    code, err = said(capsys, "explain", SHANGHAI, "--indicator", "C12l", "--lang", lang)
    assert code == 2 and expected in err


@pytest.mark.parametrize("lang, expected", [
    ("zh", "无法识别的占位符“totl”（是否应为 'total'？）"),
    ("en", "unknown placeholder 'totl' (did you mean 'total'?)"),
])
def test_a_templates_unknown_placeholder_is_said_in_one_language(tmp_path, capsys, lang, expected):
    template = tmp_path / "t.md"
    template.write_text("{{ metric totl }}\n", encoding="utf-8")
    code, err = said(capsys, "report", SHANGHAI, "--template", template, "--out", tmp_path / "out", "--lang", lang)
    assert code == 2 and expected.replace("unknown placeholder 'totl'", "no metric 'totl'").replace(
        "无法识别的占位符“totl”", "没有数值“totl”") in err


@pytest.mark.parametrize("lang, expected", [
    ("zh", "此处及其下级文件夹中没有案例文件夹（含 case.yaml）"),
    ("en", "no case folder (with case.yaml) here or below"),
])
def test_a_folder_without_cases_is_said_in_one_language(tmp_path, capsys, lang, expected):
    code, err = said(capsys, "check", tmp_path, "--no-write", "--lang", lang)
    assert code == 2 and f"{tmp_path}{'：' if lang == 'zh' else ': '}{expected}" in err
