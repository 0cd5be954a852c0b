"""A table's `caption` column: what a row is in words (a question, an indicator's name), shown
beside the row's label where reports quote the facts; a caption that is not a text column of
the table is a schema error."""

from __future__ import annotations

import pytest

from jixiao.model.tables import Column, TableSchema
from jixiao.report import markdown
from jixiao.report.formats import Settings


def test_a_working_paper_names_an_observation_by_its_question(golden):
    lines = markdown.render(golden, Settings()).splitlines()
    assert ("| 绩效指标是否明确、完整（含效果类指标）？（indicators_complete，observations.yaml 第 15 行） | 部分 | 是 |"
            in lines)


@pytest.mark.parametrize("values, expected", [
    ({"id": "q1", "question": "  是否专账核算？ "}, "是否专账核算？"),
    ({"id": "q1", "question": ""}, ""),
    ({"id": "q1"}, ""),
])
def test_caption_of_a_row(values, expected):
    schema = TableSchema("observations", "", {"id": Column("id", "text"), "question": Column("question", "text")},
                         ("id",), "id", caption="question")
    assert schema.caption_of(values) == expected
    assert TableSchema("observations", "", schema.columns, ("id",), "id").caption_of(values) == ""


@pytest.mark.parametrize("caption, found", [("questions", "found 'questions'"), ("answer", "found 'answer'")])
def test_a_caption_must_be_a_text_column_of_the_table(capsys, rules_dir, caption, found):
    from test_scaffolds import run
    path = rules_dir / "tables" / "observations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("caption: question", f"caption: {caption}"), encoding="utf-8")
    code, _, err = run(capsys, "lint", rules_dir, "--lang", "en")
    assert code == 2
    assert "observations.yaml:5 [caption]: caption must name a text column of this table" in err and found in err


def test_a_ratio_in_a_finding_reads_as_a_percentage(rulebook):
    """A number whose unit its row names (unit_in) in 比例 is quoted as a percentage in a finding's
    text: the form said 98 %, not “实际完成 0.98”; a number in another unit as written."""
    from test_form_folders import YONGDE

    from jixiao.check.case import check_case
    result = check_case(YONGDE, rulebook)
    texts = {f.rule: f.text for f in result.findings if f.rule.startswith("attainment")}
    assert texts == {"attainment@C2": "“政策知晓率（═100%）”：实际完成 98%，未达到年度指标值 100%（比例）。"}


@pytest.mark.parametrize("ratio, shown", [("0.98", "98"), ("1", "100"), ("0.9983", "99.83"), ("0.99995", "99.995"),
                                          ("0", "0"), ("0.5", "50"), ("1.25", "125")])
def test_percent_figure(ratio, shown):
    """The one rule of jixiao.model.percents, which the finding texts use (0.99995 was 100.00)."""
    from decimal import Decimal

    from jixiao.model.percents import percent_figure
    assert percent_figure(Decimal(ratio)) == shown
