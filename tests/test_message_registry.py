"""Every user-facing message and label lives in one registry (issue 12 point 5): the message
catalogue (jixiao/model/catalogue*.py) and the report labels (jixiao/report/*labels.py), each
Chinese and English with the same parameters. Chinese text anywhere else in the package is
either input vocabulary (words jixiao reads in what people type, not words it says) or a
module not yet moved, listed below with its exact count so that the list can only shrink.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from jixiao.model import catalogue, catalogue_authoring, catalogue_cases, catalogue_checks, catalogue_input, catalogue_rules
from jixiao.model.catalogue import CATALOGUE
from jixiao.report.labels import LANGUAGES

PACKAGE = Path(catalogue.__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

REGISTRY = {  # where messages and labels are kept, in both languages
    "model/catalogue.py", "model/catalogue_input.py", "model/catalogue_checks.py", "model/catalogue_rules.py",
    "model/catalogue_cases.py", "model/catalogue_authoring.py", "report/labels.py", "report/docx_labels.py", "report/text_labels.py",
}
INPUT_VOCABULARY = {  # Chinese that jixiao reads, not says: parsing tokens and patterns
    "model/vocabulary.py": "answers (是/否/部分), note and total rows, units, Excel's Chinese date formats",
    "lang/targets.py": "the comparison words and dates of a self-evaluation form's targets (不低于, 2017年底前)",
    "check/form_facts.py": "the row labels of a self-evaluation form (预算执行率, 满意度) it recognises",
}
NOT_YET_MOVED = {  # module -> its Chinese literals still outside the registry; lower a count when moving some
    "authoring/form_draft.py": 133,  # synthetic self-evaluation forms: the form's own Chinese content (input)
    "authoring/form_writer.py": 78,  # writing forms in the national layout: its labels (input)
    "authoring/form_synth.py": 16,  # synthetic forms' slips: Chinese cell texts (input)
    "load/form_sheet.py": 18,  # reading a self-evaluation form: its row labels (input) and two problems
    "disk/refusals.py": 17,  # the OS's refusals, said bilingually (中文 English)
    "disk/folders.py": 12,  # files skipped in a case folder, said bilingually
    "cli/main.py": 12,  # --help examples naming Chinese files and schemes
    "check/findings.py": 1,  # 等 closing a brief list of labels ({labels_brief})
    "authoring/scheme_scaffold.py": 10,  # `jixiao new scheme`'s grades and its examples
    "authoring/case_files.py": 8,  # the new case's file names and last year's findings, written in Chinese
    "disk/atomic.py": 8,  # refusals to write, said bilingually
    "check/forms.py": 6,  # a self-evaluation form's scheme: its leaf names and one problem
    "check/runs.py": 5,  # notes of a run over several years, said bilingually
    "authoring/examples.py": 4,  # example values of the scaffolds (天, 小时, 分钟, 示例)
    "authoring/scaffold.py": 2,  # the rule scaffold's comments
    "authoring/synth.py": 2,  # synthetic cases' texts (data)
    "check/history.py": 1,  # the label of last year's findings as facts
    "model/rules.py": 1,  # an open effective period, "2017-01-01 起"
    "model/schemes.py": 1,  # the grade of a case with nothing assessed, 无法评级 (data of the results)
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def chinese_literals() -> dict[str, list[str]]:
    """Each module's string literals (f-string parts included, docstrings not) holding Chinese."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        documentation = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in documentation \
                    and CJK.search(node.value):
                found.setdefault(module, []).append(node.value)
    return found


def test_no_chinese_text_outside_the_registry_and_the_input_vocabulary():
    outside = {module: len(texts) for module, texts in chinese_literals().items()
               if module not in REGISTRY and module not in INPUT_VOCABULARY}
    assert outside == NOT_YET_MOVED


def test_the_scan_finds_chinese_in_an_f_string_and_skips_docstrings(tmp_path, monkeypatch):
    package = tmp_path / "jixiao"
    (package / "load").mkdir(parents=True)
    (package / "load" / "sample.py").write_text('"""说明。"""\n\ndef f(n):\n    """说明。"""\n'
                                                '    return f"第 {n} 行", "plain"\n', encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package)
    assert chinese_literals() == {"load/sample.py": ["第 ", " 行"]}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_no_key_is_in_two_sections_of_the_catalogue():
    sections = [catalogue.NOTES, catalogue.INPUT, catalogue.SCHEMES, catalogue.RULE_FILES,
                catalogue_input.INPUT_CATALOGUE, catalogue_checks.CHECKS_CATALOGUE,
                catalogue_rules.RULES_CATALOGUE, catalogue_cases.CASES_CATALOGUE,
                catalogue_authoring.AUTHORING_CATALOGUE]
    assert sum(len(s) for s in sections) == len(CATALOGUE)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_chinese_and_english_with_the_same_parameters(key):
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip()
    assert fields(zh) == fields(en)
    assert not CJK.search(en)


def test_every_label_of_the_text_summary_is_in_both_languages_with_the_same_parameters():
    zh, en = LANGUAGES["zh"]["text"], LANGUAGES["en"]["text"]
    assert set(zh) == set(en)
    for key in zh:
        assert fields(zh[key]) == fields(en[key]), key
        assert not CJK.search(en[key]), key
