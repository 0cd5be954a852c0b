"""report.html is written from the report's blocks, not from the Markdown read back (issue 15
item 7): it has exactly the sections, tables, list items and findings of report.md, and every
text in it is escaped."""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser
from pathlib import Path

import markdown as markdown_package
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.report import blocks, html, markdown
from jixiao.report.blocks import BREAK, Code, Item, Items, Para, Strong, Table, text
from jixiao.report.formats import Settings

from conftest import DONGGUAN_2015, FACTS, SHANGHAI_2016, SHANGHAI_2017

YONGDE = FACTS / "form-yongde-nutrition" / "2022"


class Outline(HTMLParser):
    """A page's headings, tables (rows of cell texts) and list items, as text."""

    def __init__(self):
        super().__init__()
        self.headings, self.tables, self.items = [], [], []
        self._text: list[str] | None = None
        self._row: list | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "td", "th") or (tag == "li"):
            if tag == "li":
                self._flush_item()
            self._text = []
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self._row = []
        if tag == "br" and self._text is not None:
            self._text.append(" ")

    def _flush_item(self):
        if self._text is not None and self._row is None:
            said = " ".join("".join(self._text).split())  # a line break and its indent: one space
            if said:
                self.items.append(said)
        self._text = None

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3"):
            self.headings.append((tag, "".join(self._text).strip()))
            self._text = None
        elif tag in ("td", "th"):
            self._row.append("".join(self._text).strip())
            self._text = None
        elif tag == "tr":
            self.tables[-1].append(self._row)
            self._row = None
        elif tag in ("li", "ul", "ol"):
            self._flush_item()

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def outline(page: str) -> Outline:
    reader = Outline()
    reader.feed(page[page.index("<body>"):])
    reader.close()
    return reader


def markdown_outline(report: str) -> Outline:
    """The Markdown read by an independent reader (the markdown package), as a browser would see it."""
    return outline("<body>" + markdown_package.markdown(report, extensions=["tables"]))


@pytest.mark.parametrize("folder, lang", [(SHANGHAI_2017, "zh"), (SHANGHAI_2016, "en"), (DONGGUAN_2015, "zh"),
                                          (YONGDE, "zh")])
def test_the_page_has_exactly_the_sections_tables_and_findings_of_the_markdown(rulebook, folder, lang):
    result = check_case(folder, rulebook)
    settings = Settings(lang=lang)
    report = markdown.render(result, settings)
    page = html.render(result, settings)
    ours, theirs = outline(page), markdown_outline(report)
    assert ours.headings == theirs.headings
    assert len(ours.headings) >= 10
    assert ours.tables == theirs.tables
    assert len(ours.tables) >= 3
    # the Markdown's annex nests each finding's evidence with three spaces, which the markdown
    # package reads as items of the same list; as items, they are the same
    assert ours.items == theirs.items
    for finding in result.findings:
        assert html_lib.escape(finding.text, quote=False) in page


def test_the_evidence_of_a_finding_is_a_list_inside_its_item(rulebook):
    page = html.render(check_case(DONGGUAN_2015, rulebook), Settings())
    annex = page[page.index("<h2>附件：发现及证据</h2>"):]
    assert annex.startswith("<h2>附件：发现及证据</h2>\n<ol>\n<li><code>targets-reasonable</code> → A3（2）")
    assert "（报告 一(二)）\n<ul>\n<li>observations.yaml:11（" in annex


def test_the_page_is_rendered_without_reading_markdown(rulebook, monkeypatch):
    def refuse():
        raise AssertionError("the report's page read as Markdown")

    monkeypatch.setattr(html, "_converter", refuse)
    page = html.render(check_case(SHANGHAI_2017, rulebook), Settings())
    assert "<h2>三、存在的问题</h2>" in page


def test_the_blocks_written_as_html():
    made = [Para(text("a < b & ", Strong("c ", Code("x<y>")), " d")),
            Items((Item(text("one", BREAK, "two")), Item(text("three"), (Item(text("3.1")),))), ordered=True),
            Table((text("甲"), ()), ("l", "r"), ((text("1|2"), text("3")),), ((text(Strong("合计")), ()),))]
    assert blocks.html(made) == (
        "<p>a &lt; b &amp; <strong>c <code>x&lt;y&gt;</code></strong> d</p>\n"
        "<ol>\n<li>one<br>\ntwo</li>\n<li>three\n<ul>\n<li>3.1</li>\n</ul></li>\n</ol>\n"
        "<table>\n<thead>\n<tr>\n<th>甲</th>\n<th style=\"text-align: right;\"></th>\n</tr>\n</thead>\n<tbody>\n"
        "<tr>\n<td>1|2</td>\n<td style=\"text-align: right;\">3</td>\n</tr>\n"
        "<tr>\n<td><strong>合计</strong></td>\n<td style=\"text-align: right;\"></td>\n</tr>\n</tbody>\n</table>")
    assert blocks.markdown_lines(made) == [
        "a < b & **c `x<y>`** d", "", "1. one  \n   two", "2. three", "   - 3.1", "",
        "| 甲 | |", "|---|---:|", "| 1\\|2 | 3 |", "| **合计** | |", ""]


def test_a_label_s_markup_is_the_label_s_and_a_value_stays_text():
    assert blocks.rich("得分 **{total}**，方案 `{scheme}`。", total="**9**", scheme="<s>") == (
        "得分 ", Strong("**9**"), "，方案 ", Code("<s>"), "。")


@given(st.text())
def test_any_text_shows_as_typed(said):
    page = blocks.html([Para(text(said)), Table((text(said),), ("l",), ((text(said),),))])
    reader = outline("<body>" + page)
    assert reader.tables == [[[said.strip()], [said.strip()]]]
    assert "<" not in page.replace("<p>", "").replace("</p>", "").replace("<table>", "").replace("</table>", "") \
        .replace("<thead>", "").replace("</thead>", "").replace("<tbody>", "").replace("</tbody>", "") \
        .replace("<tr>", "").replace("</tr>", "").replace("<th>", "").replace("</th>", "") \
        .replace("<td>", "").replace("</td>", "")


def test_a_chart_drawn_over_the_kept_canvas_is_the_chart_drawn_afresh(rulebook):
    """The score-rate chart is blitted over a canvas kept per scheme (report/figures.py): a case's
    chart shows nothing of the case drawn before it."""
    from jixiao.report import figures
    from jixiao.report.labels import ZH

    later, earlier = check_case(SHANGHAI_2017, rulebook), check_case(SHANGHAI_2016, rulebook)
    figures._CANVASES.clear()
    alone = figures.images(later, ZH, Settings())[0].png
    figures._CANVASES.clear()
    figures.images(earlier, ZH, Settings())
    assert len(figures._CANVASES) == 1
    after = figures.images(later, ZH, Settings())[0].png
    assert len(figures._CANVASES) == 1 and after == alone
    assert alone.startswith(b"\x89PNG\r\n\x1a\n")
