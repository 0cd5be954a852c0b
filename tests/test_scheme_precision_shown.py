"""Scores printed at the scheme's precision in every output, and facts quoted as written.

A scheme may score leaves to 0–4 decimals (`precision:`). Every output used to print scores at 2
decimals whatever the scheme said (a 3-decimal total 86.729 read 86.73, B11's 1.991 read 1.99 and
its working paper “按评分规则计 1.99 分”), and the working papers rounded a fact to 2 decimals even
where the digits were the reason for a deduction (C24's target 0.999 and actual 0.9983 read
“目标值 1；实际值 1” beside a deduction)."""

from __future__ import annotations

import io
import json
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.report import docx as docx_report
from jixiao.report import json as json_report
from jixiao.report import markdown, text, xlsx
from jixiao.report.common import points
from jixiao.report.formats import Settings
from jixiao.report.readable import readable

from conftest import RULES, SHANGHAI_2017


@pytest.fixture(scope="module")
def three_places(tmp_path_factory):
    """The Shanghai case scored by its scheme at 3 decimals."""
    rules = tmp_path_factory.mktemp("precision") / "rules"
    shutil.copytree(RULES, rules)
    scheme = rules / "schemes" / "shanghai-om-subsidy.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("\ngrades:", "\nprecision: 3\ngrades:", 1),
                      encoding="utf-8")
    return check_case(SHANGHAI_2017, load_rulebook(rules))


def test_the_scheme_scores_to_three_places(three_places):
    scores = three_places.scores
    assert (scores.total, scores.get("B11").score, scores.get("B").score) == (
        Decimal("86.729"), Decimal("1.991"), Decimal("24.991"))


def test_the_text_and_json_print_three_places(three_places):
    shown = text.render(three_places, Settings())
    assert "86.729 / 100" in shown and re.search(r"B11 预算执行率\s+2\s+1\.991", shown)
    data = json.loads(json_report.render(three_places, Settings()))
    rows = {row["id"]: row["score"] for row in data["indicators"]}
    assert (data["total"], rows["B11"], rows["B"], rows["C"]) == (86.729, 1.991, 24.991, 54.738)


def test_the_workbook_and_word_print_three_places(three_places):
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(three_places, Settings()))).worksheets[0]
    values = {row[0]: row[4] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert (values["B11"], values["B"]) == (1.991, 24.991)
    document = docx.Document(io.BytesIO(docx_report.render(three_places, Settings())))
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "按评分规则计 1.991 分" in cells and "按评分规则计 1.99 分" not in cells


def test_the_working_paper_quotes_a_target_as_written(golden):
    report = markdown.render(golden, Settings())
    assert ("| 2017 年单一窗口平台系统可用率达到 99.9% 及以上（system_availability，targets.yaml 第 41 行；"
            "system_availability.yaml 第 2 行） | ≥（正向） | 99.9% | 比例 | 99.83% | 是 |") in report  # (its direction: read)
    assert "目标值 = 99.9%；目标单位 = 比例；实际值 = 99.83%" in report


@given(st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False, allow_infinity=False))
def test_a_value_of_at_most_four_places_is_printed_exactly(value):
    """A score (at a precision up to 4) or a fact as written reads back as the same number."""
    assert Decimal(points(value)) == value
    assert Decimal(readable(value)) == value


@given(st.decimals(min_value=-1000, max_value=1000, places=8, allow_nan=False, allow_infinity=False))
def test_a_computed_value_is_printed_at_two_places(value):
    """A value of more than 4 decimals (a mean, a share) is printed at 2, half up."""
    assert Decimal(points(value)) == value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_unit_in_must_name_a_text_column_of_the_table(capsys, rules_dir):
    from test_scaffolds import run
    path = rules_dir / "tables" / "targets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit_in: unit,", "unit_in: units,"), encoding="utf-8")
    code, _, err = run(capsys, "lint", rules_dir, "--lang", "en")
    assert code == 2 and "targets.yaml:10 [value.unit_in]: unit_in must name a text column of this table" in err
    assert "found 'units'" in err
    path.write_text(path.read_text(encoding="utf-8").replace("unit_in: units,", "unit_in: kind, unit: 个,"),
                    encoding="utf-8")
    code, _, err = run(capsys, "lint", rules_dir, "--lang", "en")
    assert code == 2 and "[value.unit_in]: unit_in must name a text column" in err and "found 'kind'" in err
