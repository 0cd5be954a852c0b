"""Start-up of a single `jixiao check` (issue 17): what it imports, and the rule book it keeps
in the user's cache between runs (jixiao.check.rulebook.cached_rulebook, jixiao.disk.cache),
which must never change a result: a stale, corrupt or unreadable entry is a miss."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DONGGUAN_2015, RULES, SHANGHAI_2017

import jixiao.check.rulebook as rulebooks
from jixiao.cli.main import main
from jixiao.disk import cache
from jixiao.durable.encoding import to_json
from jixiao.model.problems import InputError

HEAVY = ("pandas", "numpy", "openpyxl", "matplotlib", "docx")


def imported_by(*args: str, env: dict | None = None) -> set[str]:
    """The top-level packages a `jixiao …` process imports (python -X importtime)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "jixiao", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


FORM_CASE = next((RULES.parent / "facts").glob("form-*/*"), None)  # its facts are a workbook (form.xlsx)


@pytest.mark.parametrize("case, needed", [(SHANGHAI_2017, set()), (DONGGUAN_2015, set()),
                                          (FORM_CASE, {"openpyxl", "numpy"})], ids=["shanghai", "dongguan", "form"])
def test_a_check_imports_no_dataframe_workbook_chart_or_word_library_it_does_not_need(case, needed, tmp_path):
    """Fact files in CSV and YAML need none of them; a workbook needs openpyxl (which imports
    numpy when it is installed), and nothing else."""
    if case is None:
        pytest.skip("no self-evaluation form case in this bundle")
    for args in (["--no-write"], ["--outputs", "json", "--out", str(tmp_path)]):
        loaded = imported_by("check", str(case), "--rules", str(RULES), *args)
        assert "jixiao" in loaded and "durable" in loaded  # (the probe sees what was imported)
        assert loaded & set(HEAVY) == needed, args


def test_a_single_check_imports_neither_the_batch_machinery_nor_the_authoring_tools():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "jixiao", "check", str(SHANGHAI_2017),
                           "--rules", str(RULES), "--no-write"], capture_output=True, text=True, check=True)
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"multiprocessing", "concurrent.futures", "jixiao.portfolio.run", "jixiao.portfolio.pool",
            "jixiao.authoring.lint", "jixiao.authoring.ruletests", "jixiao.report.explain"} & modules == set()


def modules_imported_by(*args: str) -> set[str]:
    """Every module (dotted name) a `jixiao …` process imports (python -X importtime)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "jixiao", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


# Never needed by a check of one case: data frames, Markdown and templating packages, the batch
# machinery (worker pools, Dask and its file systems).
NEVER_FOR_ONE_CASE = {"pandas", "markdown", "jinja2", "dask", "distributed", "fsspec", "multiprocessing",
                      "concurrent.futures", "jixiao.portfolio.run", "jixiao.portfolio.pool", "jixiao.portfolio.dask"}
# What only writing needs: the workbook, Word, chart and image libraries, jixiao's atomic writes
# (with tempfile, secrets and ctypes) and case files; and what only a form's
# case or a misspelt name needs (the review sheet's blocks, difflib).
ONLY_FOR_WRITING = {*HEAVY, "lxml", "PIL", "jixiao.disk.atomic", "jixiao.report.files", "jixiao.report.manifest",
                    "jixiao.report.html", "jixiao.report.markdown", "jixiao.report.json", "jixiao.report.xlsx",
                    "jixiao.report.docx", "jixiao.report.figures", "tempfile", "secrets", "ctypes"}
ONLY_FOR_A_FORM_OR_A_WRONG_NAME = {"jixiao.report.review", "jixiao.report.blocks", "html", "difflib"}


def test_a_check_that_writes_nothing_imports_no_writing_machinery_and_no_review_sheet(tmp_path):
    """Issue 17: a cold `jixiao check CASE --no-write` (the bundled Shanghai case, its facts in CSV
    and YAML) imports none of what writing, a form's review sheet or a batch needs."""
    loaded = modules_imported_by("check", str(SHANGHAI_2017), "--rules", str(RULES), "--no-write")
    assert {"jixiao.check.case", "durable.engine", "yaml"} <= loaded  # (the probe sees what was imported)
    assert loaded & (NEVER_FOR_ONE_CASE | ONLY_FOR_WRITING | ONLY_FOR_A_FORM_OR_A_WRONG_NAME) == set()


def test_a_check_that_writes_every_file_imports_no_batch_dataframe_or_markdown_package(tmp_path):
    """The default check writes report.xlsx, .docx and .html with its chart: openpyxl, python-docx
    and matplotlib (with numpy) are needed then, and nothing of a batch's, pandas or the
    Markdown and templating packages (report.html is built from the report's blocks)."""
    loaded = modules_imported_by("check", str(SHANGHAI_2017), "--rules", str(RULES), "--out", str(tmp_path / "out"))
    assert {"openpyxl", "docx", "matplotlib", "jixiao.disk.atomic"} <= loaded  # (it did write them)
    assert loaded & NEVER_FOR_ONE_CASE == set()


# ---------------------------------------------------------------------------- the rule book cache

@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules(tmp_path, monkeypatch):
    """A copy of rules/, cached though just written (RECENT_NS: 0; its own test below)."""
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    monkeypatch.setattr(rulebooks, "RECENT_NS", 0)
    return copy


def after_the_clock_moved_past(path: Path, rules: Path) -> None:
    """Return once the file system's clock gives a change time later than `path`'s (a file's
    times move in ticks of its clock: an edit within the same tick would keep them); the probe
    is written beside `rules`, not in it."""
    before, probe = os.stat(path).st_ctime_ns, rules.parent / "clock-probe"
    while True:
        probe.write_bytes(b"")
        if os.stat(probe).st_ctime_ns > before:
            return


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bin")) if folder.is_dir() else []


def loads(monkeypatch) -> list[Path]:
    """Record every time the rules are read from their files (a cache miss)."""
    calls: list[Path] = []
    real = rulebooks.load_rulebook

    def counting(directory, *args, **kwargs):
        calls.append(Path(directory))
        return real(directory, *args, **kwargs)

    monkeypatch.setattr(rulebooks, "load_rulebook", counting)
    return calls


def result_json(capsys, rules: Path, case: Path = SHANGHAI_2017) -> dict:
    assert main(["check", str(case), "--rules", str(rules), "--no-write", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_second_check_takes_the_rule_book_from_the_cache_with_the_same_result(cache_dir, rules, capsys,
                                                                                 monkeypatch):
    calls = loads(monkeypatch)
    first = result_json(capsys, rules)
    assert calls == [rules] and len(entries(cache_dir)) == 1
    second = result_json(capsys, rules)
    assert calls == [rules]  # not read again
    assert second == first and first["total"] == 86.74 and first["grade"] == "良"
    monkeypatch.setenv("JIXIAO_CACHE_DIR", "off")
    assert result_json(capsys, rules) == first and calls == [rules, rules]


def test_a_changed_rule_file_is_read_again(cache_dir, rules, capsys, monkeypatch):
    calls = loads(monkeypatch)
    before = result_json(capsys, rules, DONGGUAN_2015)
    assert (before["total"], before["grade"]) == (65.5, "中")
    scheme = rules / "schemes" / "national-it-construction.yaml"
    text = scheme.read_text(encoding="utf-8")
    assert "{name: 中, min: 60}" in text
    scheme.write_text(text.replace("{name: 中, min: 60}", "{name: 中等, min: 60}"), encoding="utf-8")
    after = result_json(capsys, rules, DONGGUAN_2015)
    assert len(calls) == 2 and (after["total"], after["grade"]) == (65.5, "中等")
    monkeypatch.setenv("JIXIAO_CACHE_DIR", "off")
    assert after == result_json(capsys, rules, DONGGUAN_2015)  # as without a cache


def test_a_new_file_under_rules_is_a_new_key(rules):
    key = rulebooks._cache_key(rules)
    assert key is not None and rulebooks._cache_key(rules) == key
    (rules / "notes.txt").write_text("", encoding="utf-8")
    assert rulebooks._cache_key(rules) != key


def test_an_edit_keeping_the_size_and_setting_the_modification_time_back_is_still_seen(cache_dir, rules, capsys,
                                                                                       monkeypatch):
    """The key holds each file's size and times, not its bytes: an edit that keeps the size and
    puts the modification time back (as `touch -d`, `cp -p` or an editor might) still moves the
    change time, which no tool sets back."""
    calls = loads(monkeypatch)
    before = result_json(capsys, rules, DONGGUAN_2015)
    assert (before["total"], before["grade"], len(calls)) == (65.5, "中", 1)
    assert result_json(capsys, rules, DONGGUAN_2015) == before and len(calls) == 1  # (from the cache)
    scheme = rules / "schemes" / "national-it-construction.yaml"
    raw, info = scheme.read_bytes(), os.stat(scheme)
    after_the_clock_moved_past(scheme, rules)
    scheme.write_bytes(raw.replace("{name: 中, min: 60}".encode(), "{name: 仲, min: 60}".encode()))  # (same size)
    os.utime(scheme, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (os.stat(scheme).st_size, os.stat(scheme).st_mtime_ns) == (info.st_size, info.st_mtime_ns) and \
        scheme.read_bytes() != raw
    after = result_json(capsys, rules, DONGGUAN_2015)
    assert (after["total"], after["grade"], len(calls)) == (65.5, "仲", 2)


@pytest.mark.parametrize("change", ["modification time", "size", "replaced by a copy with the same times"])
def test_a_rule_file_with_other_times_or_size_is_a_new_key(rules, change):
    key = rulebooks._cache_key(rules)
    rule = next(rules.glob("*/budget-execution.yaml"))
    info = os.stat(rule)
    after_the_clock_moved_past(rule, rules)
    if change == "modification time":
        os.utime(rule, ns=(info.st_atime_ns, info.st_mtime_ns - 1_000_000_000))
    elif change == "size":
        rule.write_bytes(rule.read_bytes() + b"\n")
        os.utime(rule, ns=(info.st_atime_ns, info.st_mtime_ns))
    else:
        shutil.copy2(rule, rule.with_suffix(".new"))
        os.replace(rule.with_suffix(".new"), rule)
    assert rulebooks._cache_key(rules) != key


def test_a_rules_folder_changed_just_now_is_neither_taken_from_nor_kept_in_the_cache(cache_dir, rules, capsys,
                                                                                   monkeypatch):
    """A file changed less than RECENT_NS ago (or dated in the future) could change again within
    its file system's clock tick and keep its times: such a folder is read from its files."""
    monkeypatch.setattr(rulebooks, "RECENT_NS", 3_000_000_000)  # (as jixiao has it; the copy is seconds old)
    calls = loads(monkeypatch)
    first = result_json(capsys, rules)
    assert result_json(capsys, rules) == first and calls == [rules, rules] and entries(cache_dir) == []
    monkeypatch.setattr(rulebooks, "RECENT_NS", 0)
    assert result_json(capsys, rules) == first and len(entries(cache_dir)) == 1
    rule = next(rules.glob("*/budget-execution.yaml"))
    os.utime(rule, ns=(0, time.time_ns() + 3_600_000_000_000))  # an hour ahead
    assert rulebooks._cache_key(rules) is None


def test_an_edited_jixiao_source_file_is_a_new_key(rules, tmp_path, monkeypatch):
    source = tmp_path / "jixiao"
    source.mkdir()
    (source / "loader.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(rulebooks, "_SOURCE", source)
    key = rulebooks._cache_key(rules)
    os.utime(source / "loader.py", ns=(1, 1))
    assert rulebooks._cache_key(rules) != key


@pytest.mark.parametrize("damage", ["flip a payload byte", "truncate", "other key", "not a rule book", "empty"])
def test_a_damaged_entry_is_a_miss_and_the_result_unchanged(cache_dir, rules, capsys, monkeypatch, damage):
    calls = loads(monkeypatch)
    expected = result_json(capsys, rules)
    [entry] = entries(cache_dir)
    data = entry.read_bytes()
    head = len(cache.MAGIC)
    if damage == "flip a payload byte":
        data = data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "other key":
        data = data[:head] + bytes(32) + data[head + 32:]
    elif damage == "not a rule book":  # whole and checked, but what it unpickles to is not a RuleBook
        payload = pickle.dumps({"rules": []})
        data = data[:head + 32] + __import__("hashlib").sha256(payload).digest() + payload
    else:
        data = b""
    entry.write_bytes(data)
    assert result_json(capsys, rules) == expected
    assert calls == [rules, rules]  # read from the files again, and kept again
    assert result_json(capsys, rules) == expected and calls == [rules, rules]


def test_an_unwritable_cache_folder_changes_nothing(tmp_path, rules, capsys, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(blocker / "cache"))  # cannot be made: a file is in the way
    calls = loads(monkeypatch)
    assert result_json(capsys, rules)["total"] == 86.74
    assert result_json(capsys, rules)["total"] == 86.74 and len(calls) == 2


def test_a_rule_book_with_problems_is_never_kept(cache_dir, rules, capsys):
    rule = next(rules.glob("*/budget-execution.yaml"))
    rule.write_text(rule.read_text(encoding="utf-8").replace("id: budget-execution", "id: [broken"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            rulebooks.cached_rulebook(rules)
    assert entries(cache_dir) == []


def test_the_cache_keeps_a_bounded_number_of_entries(cache_dir):
    for k in range(cache.KEEP + 5):
        cache.write_entry(f"entry {k}", bytes(32), b"x")
    assert len(entries(cache_dir)) == cache.KEEP
    assert cache.read_entry(f"entry {cache.KEEP + 4}", bytes(32)) == b"x"
    assert cache.read_entry(f"entry {cache.KEEP + 4}", bytes([1]) * 32) is None


# ---------------------------------------------------------------------------- the ruleset's JSON

def test_a_ruleset_is_written_as_json_would_write_it():
    """to_json (written once per ruleset and year, on the path of every check) writes what
    json.dumps writes for text, lists and maps; numbers in fixed point."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=8)
    tree = st.recursive(st.one_of(text, st.integers()),
                        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                st.dictionaries(text, inner, max_size=4)), max_leaves=20)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(tree)
    def same(data):
        assert to_json(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    same()
    assert to_json({"$gt": {"amount": __import__("decimal").Decimal("0.00001")}}) == '{"$gt":{"amount":0.00001}}'


# ---------------------------------------------------------------------------- dataclasses' code, compiled once

def test_dataclasses_code_is_compiled_once_and_what_it_does_is_unchanged(cache_dir, monkeypatch):
    """jixiao.disk.compiled: the same generated text gives the same code object, kept in the
    cache at exit, and a class made from it behaves as one made by Python's own compile."""
    import dataclasses

    import jixiao.cli  # noqa: F401  (installs it)
    from jixiao.disk import compiled

    assert dataclasses.exec is compiled._exec  # installed by the command line
    monkeypatch.setattr(compiled, "_compiled", {})
    monkeypatch.setattr(compiled, "_added", [])

    def make():
        @dataclasses.dataclass(frozen=True)
        class Pair:
            left: int
            right: str = "r"
        return Pair

    first, second = make(), make()
    assert first.__init__.__code__ is second.__init__.__code__  # compiled once
    assert len(compiled._added) == len(compiled._compiled) > 0
    pair = second(1)
    assert (pair, repr(pair).rsplit(".", 1)[-1], hash(pair) == hash(second(1, "r"))) == \
        (second(1, "r"), "Pair(left=1, right='r')", True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.left = 2
    # the field types as written (text here: this module has future annotations), not the names of
    # the generated code ("_type_left"), as they would be had the compile inherited future flags
    assert second.__init__.__annotations__ == {"left": "int", "right": "str", "return": None}
    compiled._keep()
    kept = compiled._compiled
    monkeypatch.setattr(compiled, "_compiled", {})
    monkeypatch.setattr(dataclasses, "exec", exec)  # as before install
    compiled.install()
    assert compiled._compiled.keys() == kept.keys() and len(entries(cache_dir)) == 1


def test_import_jixiao_leaves_dataclasses_alone_the_command_line_installs_it():
    """A program that imports jixiao keeps Python's own dataclasses; only jixiao's command
    (its own process) compiles their code once."""
    probe = ("import dataclasses, sys; import jixiao; print(hasattr(dataclasses, 'exec')); "
             "import jixiao.cli; print(dataclasses.exec.__module__)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={**os.environ, "JIXIAO_CACHE_DIR": "off"})
    assert run.stdout.split() == ["False", "jixiao.disk.compiled"]


def test_the_command_line_leaves_the_last_collection_of_cycles_to_the_end_of_the_process():
    """jixiao.cli registers gc.freeze at exit: Python's collections at shutdown have nothing to
    look through (the process ends, and its memory with it). So an object in a reference cycle
    is not finalized at exit in the command's process; and its youngest generation is collected
    every 50,000 new objects, not 700. A program that imports jixiao alone keeps Python's
    collector as it is."""
    probe = ("import gc, sys, jixiao\nif sys.argv[1] == 'cli': import jixiao.cli\n"
             "print(*gc.get_threshold(), flush=True)\n"
             "class Cycle:\n    def __del__(self): print('finalized', flush=True)\n"
             "c = Cycle(); c.me = c; del c\n")
    said = [subprocess.run([sys.executable, "-c", probe, which], capture_output=True, text=True, check=True,
                           env={**os.environ, "JIXIAO_CACHE_DIR": "off"}).stdout for which in ("jixiao", "cli")]
    assert said == ["700 10 10\nfinalized\n", "50000 10 10\n"]


def test_checking_many_tunes_the_collector_for_its_block_only():
    """A program checking many cases in its own process (the peer benchmark's from-files run)
    gets the command's collector inside the block, and its own back after, even on an error."""
    import gc

    from jixiao.collector import YOUNGEST, checking_many
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        with pytest.raises(KeyError), checking_many():
            assert gc.get_threshold() == (YOUNGEST, 11, 12) == (50_000, 11, 12)
            raise KeyError("a case failed")
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize("damage", ["flip a payload byte", "not code objects", "empty"])
def test_a_damaged_entry_of_compiled_code_is_a_miss(cache_dir, monkeypatch, damage):
    import dataclasses
    import marshal

    from jixiao.disk import compiled

    if damage == "not code objects":
        cache.write_entry(compiled.NAME + sys.version, compiled._key(), marshal.dumps({"def f(): pass": "text"}))
    else:
        cache.write_entry(compiled.NAME + sys.version, compiled._key(), marshal.dumps({"x": 1}))
        [entry] = entries(cache_dir)
        data = entry.read_bytes()
        entry.write_bytes(b"" if damage == "empty" else data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:])
    monkeypatch.setattr(compiled, "_compiled", {})
    monkeypatch.setattr(compiled, "_added", [])
    monkeypatch.setattr(dataclasses, "exec", exec)
    compiled.install()
    assert compiled._compiled == {} and dataclasses.exec is compiled._exec


def test_a_check_gives_the_same_result_with_and_without_compiled_code_kept(tmp_path):
    """The whole command, in new processes: no cache, then the cache being filled, then used."""
    def run(cache_setting: str) -> str:
        done = subprocess.run([sys.executable, "-m", "jixiao", "check", str(SHANGHAI_2017), "--rules", str(RULES),
                               "--no-write", "--format", "json"], capture_output=True, text=True,
                              env={**os.environ, "JIXIAO_CACHE_DIR": cache_setting})
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    without = run("off")
    assert json.loads(without)["total"] == 86.74
    assert run(str(tmp_path / "c")) == without and any((tmp_path / "c").glob("*.bin"))
    assert run(str(tmp_path / "c")) == without


# ---------------------------------------------------------------------------- regular expressions' programs, kept

PATTERNS = [("", 0), (r"(?P<year>\d{4})-(?P<month>\d\d)?", 0), (r"[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD]", 0),
            (r" a  b # comment\n c", re.VERBOSE), (r"(?i)ß|ǅ|\bword\b", 0), (r"(a)|(?:b)(c)?", re.IGNORECASE | re.ASCII),
            (rb"\x00[\x80-\xff]+(?P<tail>.)", re.DOTALL), (r"^第\s*(\d+)\s*行$", re.MULTILINE), (r"(?<=a)b(?!c)", 0)]


def test_a_kept_program_makes_the_pattern_python_compiles(monkeypatch):
    """jixiao.disk.compiled: a pattern made from its kept program equals (flags, text and
    program) the one Python's re compiles, with the same groups, and matches the same; every
    pattern a check's modules compile is kept."""
    from jixiao.disk import compiled

    monkeypatch.setattr(compiled, "_programs", {})
    monkeypatch.setattr(compiled, "_added_programs", [])
    python = compiled._python_compile
    for text, flags in PATTERNS:
        first = compiled._compile_pattern(text, flags)
        assert (text, flags) in compiled._programs and first == python(text, flags)
        again = compiled._compile_pattern(text, flags)  # made from the kept program
        assert again is not first and again == python(text, flags)
        assert (again.pattern, again.flags, again.groups, dict(again.groupindex)) == \
            (first.pattern, first.flags, first.groups, dict(first.groupindex))
        sample = (b"\x00\x80\x81z" if isinstance(text, bytes) else "2017-03 第 12 行 word ß ab\ta b c\x85")
        assert [m.groupdict() for m in again.finditer(sample)] == [m.groupdict() for m in first.finditer(sample)]
        assert [m.span() for m in again.finditer(sample)] == [m.span() for m in first.finditer(sample)]
    assert len(compiled._added_programs) == len(PATTERNS)
    # what a check's modules compile (PyYAML's resolver and reader, argparse's, jixiao's own)
    import yaml  # noqa: F401

    import jixiao.check.case  # noqa: F401
    import jixiao.cli.case_commands  # noqa: F401
    for (kind, text, flags), pattern in list(re._cache.items()):
        if kind in (str, bytes) and not flags & re.DEBUG:
            program = compiled._program(text, flags)
            assert __import__("_sre").compile(text, *program) == pattern == python(text, flags)


def test_a_damaged_program_is_compiled_as_python_would(monkeypatch):
    from jixiao.disk import compiled

    text = r"(?P<a>x+)y"
    monkeypatch.setattr(compiled, "_programs", {(text, 0): (0, ["not", "a", "program"], 0, {}, (None,))})
    monkeypatch.setattr(compiled, "_added_programs", [])
    made = compiled._compile_pattern(text, 0)
    assert made == compiled._python_compile(text, 0) and made.match("xxy").group("a") == "xx"
    assert compiled._programs[(text, 0)][1] != ["not", "a", "program"] and compiled._added_programs == [text]


def test_the_command_line_compiles_patterns_from_kept_programs_and_import_jixiao_does_not():
    probe = ("import re; import jixiao; print(re._compiler.compile.__module__); "
             "import jixiao.cli; print(re._compiler.compile.__module__)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={**os.environ, "JIXIAO_CACHE_DIR": "off"})
    assert run.stdout.split() == ["re._compiler", "jixiao.disk.compiled"]
