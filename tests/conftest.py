"""Shared fixtures: the rules/ rulebook, the bundled case, and copies of it to edit.

The tests run against the repository's rules/ and facts/, or, when JIXIAO_TEST_BUNDLE names a
folder holding a rules/ and a facts/, against those (tests/test_bundle.py runs the tests that
list cases or schemes against a copy with a case and a scheme more: no test may assume that
only the bundled ones exist). Expectations about the whole bundle are computed from it
(bundled_cases); the golden cases are looked up by name.
"""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from docx.oxml.ns import qn

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.load.case_folder import find_cases
from jixiao.load.yaml_source import load_yaml, plain

ROOT = Path(__file__).resolve().parent.parent

# The command line keeps the rule books it loads in a cache (jixiao.check.rulebook.cached_rulebook):
# the tests' commands, in this process and in the ones it starts, use one of their own.
os.environ["JIXIAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="jixiao-test-cache-")
atexit.register(shutil.rmtree, os.environ["JIXIAO_CACHE_DIR"], True)
BUNDLE = Path(os.environ.get("JIXIAO_TEST_BUNDLE") or ROOT)
RULES = BUNDLE / "rules"
FACTS = BUNDLE / "facts"
SHANGHAI_2017 = FACTS / "shanghai-single-window" / "2017"
SHANGHAI_2016 = FACTS / "shanghai-single-window" / "2016"
DONGGUAN_2015 = FACTS / "dongguan-processing-trade" / "2015"


def bundled_cases(facts: Path = FACTS) -> list[tuple[str, int, str]]:
    """(case, year, scheme) of each case folder under `facts`, in the order jixiao checks them."""
    cases = []
    for folder in find_cases(facts):
        manifest = plain(load_yaml(folder / "case.yaml"))
        cases.append((manifest["case"], manifest["year"], manifest["scheme"]))
    return cases


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Most tests pin the English wording of problems: they read them in English, as a user
    who sets JIXIAO_LANG=en does. The Chinese messages (the default) are tested with --lang zh."""
    monkeypatch.setenv("JIXIAO_LANG", "en")


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook(RULES)


@pytest.fixture(scope="session")
def golden(rulebook):
    return check_case(SHANGHAI_2017, rulebook)


@pytest.fixture
def shanghai_years(tmp_path):
    """A copy of the Shanghai case with both its years, 2016 and 2017: facts/shanghai-single-window/."""
    folder = tmp_path / "facts" / "shanghai-single-window"
    shutil.copytree(SHANGHAI_2016, folder / "2016")
    shutil.copytree(SHANGHAI_2017, folder / "2017")
    return folder


@pytest.fixture
def case_copy(tmp_path):
    """A fresh copy of the Shanghai 2017 fact folder, safe to edit."""
    target = tmp_path / "shanghai-single-window" / "2017"
    shutil.copytree(SHANGHAI_2017, target)
    return target


def set_csv_cell(path: Path, match: dict, column: str, value) -> None:
    """Set `column` to `value` in every row whose cells equal `match`; at least one must."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert hits, f"no row of {path.name} matches {match}"
    for row in hits:
        row[column] = str(value)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def set_yaml_field(path: Path, match: dict, field: str, value) -> None:
    """Set `field` in the YAML record(s) matching `match` (or in the single record)."""
    data = plain(load_yaml(path))  # jixiao's loader: `no` stays the text "no"
    records = data if isinstance(data, list) else [data]
    hits = [r for r in records if all(str(r.get(k)) == str(v) for k, v in match.items())]
    assert hits, f"no record of {path.name} matches {match}"
    for record in hits:
        record[field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def rules_dir(tmp_path):
    """A copy of the bundled rules/ to change (a test module may define its own)."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


@pytest.fixture
def dongguan(tmp_path):
    """A copy of the Dongguan 2015 case folder to change (a test module may define its own)."""
    folder = tmp_path / "dongguan-processing-trade" / "2015"
    shutil.copytree(DONGGUAN_2015, folder)
    return folder


# --- report.docx read back ---

def outside_contents(blocks):
    """The document's blocks (paragraphs, tables) but the table of contents' lines: the field whose
    instruction is TOC, from its paragraph to the one its end is in."""
    inside = False
    for block in blocks:
        if block.tag == qn("w:p") and any("TOC" in (i.text or "") for i in block.iter(qn("w:instrText"))):
            inside = True
        if not inside:
            yield block
        elif any(c.get(qn("w:fldCharType")) == "end" for c in block.iter(qn("w:fldChar"))):
            inside = False


def paragraph_texts(doc) -> list[str]:
    """Each paragraph's text, the table of contents left out."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in outside_contents(doc.element.body.iterchildren()) if p.tag == qn("w:p")]
