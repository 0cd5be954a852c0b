"""Every user-facing message and label lives in one registry (issue 12 point 5): the message
catalogue (jixiao/model/catalogue*.py) and the report labels (jixiao/report/*labels.py), each
Chinese and English with the same parameters. Chinese text anywhere else in the package is
input vocabulary (words jixiao reads in what people type, not words it says), the content of
a synthetic form jixiao generates (data written into the form, not a message), example input
in --help (file and scheme names a user types), or a module not yet moved, listed below with
its exact count so that the list can only shrink.
"""

from __future__ import annotations

import ast
import importlib
import re
import string
from pathlib import Path

import pytest

from jixiao.model import (catalogue, catalogue_authoring, catalogue_cases, catalogue_checks, catalogue_disk,
                          catalogue_input, catalogue_rules, catalogue_schemas)
from jixiao.model.catalogue import CATALOGUE
from jixiao.report.labels import LANGUAGES

PACKAGE = Path(catalogue.__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

REGISTRY = {  # where messages and labels are kept, in both languages
    "model/catalogue.py", "model/catalogue_input.py", "model/catalogue_checks.py", "model/catalogue_rules.py",
    "model/catalogue_cases.py", "model/catalogue_disk.py", "model/catalogue_schemas.py", "report/labels.py", "report/docx_labels.py", "report/text_labels.py",
    "report/paper_labels.py", "report/help_labels.py", "model/catalogue_authoring.py",
    "report/portfolio_labels.py", "report/data_labels.py", "report/fixed_labels.py", "report/review_labels.py",
    "report/case_file_labels.py",
}
INPUT_VOCABULARY = {  # Chinese that jixiao reads, not says: parsing tokens and patterns
    "model/vocabulary.py": "answers (是/否/部分), note and total rows, units, Excel's Chinese date formats, the marks "
                           "of where a transcribed text stands in its report (§三(二), 报告 一(二))",
    "lang/targets.py": "the comparison words and dates of a self-evaluation form's targets (不低于, 2017年底前)",
    "check/form_facts.py": "the row labels of a self-evaluation form (预算执行率, 满意度) it recognises",
    "load/form_cells.py": "what a form's cells hold and jixiao reads: the year of its title (2017 年), 是 / 否 of a "
                          "yes/no cell, a date cell as the form writes it (2017年6月30日), Chinese text (a range of "
                          "code points) whose line wraps are removed",
    "load/form_sheet.py": "the labels of a self-evaluation form it finds (三级指标, 年度, 项目资金 … (元)) and the "
                          "units it reads there (元, 万元)",
}
GENERATED_FORM_CONTENT = {  # the Chinese a synthetic self-evaluation form holds: data jixiao writes into a form it
    # generates (`jixiao synth --forms`), read back as any form is; the content of a form, not a message about it
    "authoring/form_draft.py": "the form's indicators, targets, units and texts (预算执行率, 不低于 95%)",
    "authoring/form_writer.py": "the national layout's own labels, written into the sheet as the published form has them",
    "authoring/form_synth.py": "the slips planted in a form: the cell texts they put there",
    # and the broken facts `jixiao synth` plants in a synthetic case, which a check must refuse (data, not a message)
    "authoring/synth.py": "an amount written 约 120, a year written 二〇一七",
}
EXAMPLE_INPUT = {  # Chinese in --help examples: what a user types (file, folder and scheme names), not words jixiao says
    "cli/main.py": ["jixiao report facts/shanghai-single-window/2017 --lang en --template 我的模板.md",
                    "jixiao template shanghai-om-subsidy 基础数据表.xlsx",
                    "jixiao new case renovation-east 2024 --scheme school-renovation --facts 案例",
                    "jixiao new scheme renovation-self-check --name 校舍改造项目自评指标 --leaf B1:预算执行率:10:"
                    "budget-execution --leaf C1:项目完成率:20:completion-rate",
                    "jixiao new scheme renovation-self-check --name 校舍改造项目自评指标 --leaves leaves.csv",
                    "the scheme's name, e.g. 校舍改造项目绩效评价指标体系", "ID:名称:WEIGHT:RULE"],
}
NOT_YET_MOVED: dict = {}  # every module's Chinese literals moved into the registry (issue 12 point 5)


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
               if module not in REGISTRY and module not in INPUT_VOCABULARY and module not in GENERATED_FORM_CONTENT
               and module not in EXAMPLE_INPUT}
    assert outside == NOT_YET_MOVED


def test_the_chinese_of_the_help_is_its_examples_only():
    """--help's Chinese terms are help_labels'; what is left in cli/main.py is example input, listed
    literal by literal so that a message written there is not taken for an example."""
    found = chinese_literals()
    assert {module: found.get(module) for module in EXAMPLE_INPUT} == EXAMPLE_INPUT


def test_the_generated_form_content_modules_hold_chinese():
    """Each module declared form content (or input vocabulary) still holds Chinese: a stale entry is removed."""
    found = chinese_literals()
    assert [module for module in (*GENERATED_FORM_CONTENT, *INPUT_VOCABULARY) if not found.get(module)] == []


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
                catalogue_rules.RULES_CATALOGUE, catalogue_cases.CASES_CATALOGUE, catalogue_disk.DISK_CATALOGUE,
                catalogue_schemas.SCHEMAS_CATALOGUE, catalogue_authoring.AUTHORING_CATALOGUE]
    assert sum(len(s) for s in sections) == len(CATALOGUE)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_chinese_and_english_with_the_same_parameters(key):
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip()
    assert fields(zh) == fields(en)
    assert not CJK.search(en)


LABEL_MODULES = sorted((PACKAGE / "report").glob("*labels.py"))


def label_pairs() -> list[tuple[str, str, dict, dict]]:
    """Every Chinese/English pair of label dictionaries of the report's label modules: ZH and EN,
    or NAME_ZH and NAME_EN."""
    pairs = []
    for path in LABEL_MODULES:
        module = importlib.import_module(f"jixiao.report.{path.stem}")
        own = [target.id for node in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(node, ast.Assign)
               for target in node.targets if isinstance(target, ast.Name)]  # its own, not imported
        pairs += [(path.stem, name, vars(module)[name], vars(module)[name[:-2] + "EN"]) for name in own
                  if name.endswith("ZH") and isinstance(vars(module)[name], dict)]
    return pairs


def test_the_label_modules_are_the_ones_whose_pairs_are_checked():
    assert [(module, name) for module, name, _, _ in label_pairs()] == [
        ("case_file_labels", "CASE_FILES_ZH"), ("docx_labels", "DOCX_ZH"), ("labels", "ZH"), ("paper_labels", "PAPER_ZH"), ("portfolio_labels", "PORTFOLIO_ZH"),
        ("review_labels", "REVIEW_ZH"), ("text_labels", "TEXT_ZH")]


def test_no_label_module_is_merged_into_the_pairs_by_a_module_level_update():
    """Each label lives in the pair it belongs to (report/shown_labels.py, merged into ZH, EN, FIXED
    and the text summary's by updates at import, was folded into them); only report.docx's own
    labels are kept apart for size and merged, by name."""
    merged = []
    for path in LABEL_MODULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            call = node.value if isinstance(node, ast.Expr) else None
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "update":
                merged.append((path.stem, ast.unparse(call)))
    assert merged == [("labels", "ZH.update(DOCX_ZH)"), ("labels", "EN.update(DOCX_EN)")]


def differences(zh, en, where: str = "") -> list[str]:
    """Where a Chinese label and its English disagree in shape: keys, list lengths, {placeholders}."""
    if isinstance(zh, dict) and isinstance(en, dict):
        found = [f"{where}.{key}: {'only in Chinese' if key in zh else 'only in English'}"
                 for key in sorted(set(zh) ^ set(en), key=str)]
        return found + [d for key in zh if key in en for d in differences(zh[key], en[key], f"{where}.{key}")]
    if isinstance(zh, (list, tuple)) and isinstance(en, (list, tuple)):
        if len(zh) != len(en):
            return [f"{where}: {len(zh)} Chinese items, {len(en)} English"]
        return [d for i, (a, b) in enumerate(zip(zh, en)) for d in differences(a, b, f"{where}[{i}]")]
    if isinstance(zh, str) and isinstance(en, str):
        return [] if fields(zh) == fields(en) else [f"{where}: {sorted(fields(zh))} vs {sorted(fields(en))}"]
    return [] if type(zh) is type(en) else [f"{where}: {type(zh).__name__} vs {type(en).__name__}"]


@pytest.mark.parametrize("module, name, zh, en", label_pairs(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_label_pair_has_the_same_keys_and_placeholders(module, name, zh, en):
    # The one difference: the Chinese sentence leaves out the maximum (its score table shows it).
    expected = [".sentence: ['grade', 'out_of', 'parts', 'total'] vs ['grade', 'max', 'parts', 'total']"] if name == "ZH" else []
    assert differences(zh, en) == expected


def test_a_label_missing_in_one_language_is_found():
    assert differences({"a": "{n} 项", "b": {"c": "x"}, "d": ["1"]}, {"a": "{m} items", "b": {}, "d": ["1", "2"]}) == [
        ".a: ['n'] vs ['m']", ".b.c: only in Chinese", ".d: 1 Chinese items, 2 English"]


def test_every_label_of_the_text_summary_is_in_both_languages_with_the_same_parameters():
    zh, en = LANGUAGES["zh"]["text"], LANGUAGES["en"]["text"]
    assert set(zh) == set(en)
    for key in zh:
        assert fields(zh[key]) == fields(en[key]), key
        assert not CJK.search(en[key]), key
