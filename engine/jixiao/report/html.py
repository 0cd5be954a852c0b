"""report.html: the full report written from the same blocks as report.md (report/blocks.py,
not the Markdown read back), a clean, printable stylesheet, and the charts: the PNG images
report.docx embeds (report/figures.py), as data: URIs. One self-contained file.

A user's Markdown template, filled (`jixiao report --template`), is the one page read as
Markdown, with the `markdown` package (imported then only)."""

from __future__ import annotations

import base64
import threading
from html import escape

from ..model.results import CheckResult
from . import blocks, figures
from .common import is_target_setting
from . import markdown as report_blocks
from .formats import Settings, rendered
from .labels import get

STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #2f6f9f; --warn: #b44d12; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.6; }
h1 { font-size: 1.6rem; border-bottom: 3px solid var(--accent); padding-bottom: .4rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; }
th { background: #f0f4f8; text-align: left; }
td:last-child, th:last-child { text-align: right; }
code { font-size: .85em; background: #f5f7fa; padding: 0 .2em; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.charts img { max-width: 100%; height: auto; } figcaption { text-align: center; font-size: .9rem; color: var(--muted); }
@media print { body { max-width: none; margin: 0; font-size: 10.5pt; } h2 { break-after: avoid; }
               table, .charts { break-inside: avoid; } a { color: inherit; } }
"""


def render(result: CheckResult, settings: Settings) -> str:
    """The full report (or, with settings.template, the filled template) as one page; the chart of
    totals by year from settings.history, [(year, total[, provisional])] of the same case."""
    if settings.template is not None:
        return page(rendered("template", result, settings), result, settings)
    t = get(settings.lang)
    body = blocks.html(report_blocks.shared_blocks(result, settings), after_first_table=chart_block(result, t, settings))
    return _document(body, result, settings)


def page(text: str, result: CheckResult, settings: Settings) -> str:
    """Any Markdown about this result (a filled template) as one HTML page, the charts after its
    first table."""
    body = _converter().reset().convert(text)
    block = chart_block(result, get(settings.lang), settings)
    return _document(_insert_after_conclusion_table(body, block), result, settings)


def _document(body: str, result: CheckResult, settings: Settings) -> str:
    title = escape(f"{result.case.meta.get('project', result.case.case)} {result.case.year}")
    lang = "zh-CN" if settings.lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def chart_block(result: CheckResult, t: dict, settings: Settings) -> str:
    """The charts as report.docx has them (the same PNG bytes), each an <img> with a data: URI,
    what it draws in words as its alternative text, and its caption; without a CJK font, the
    note report.docx gives instead; none for a target-setting form (nothing scored, as in report.docx)."""
    if is_target_setting(result):
        return ""
    images = figures.images(result, t, settings)
    if images is None:
        return f'<p class="charts">{escape(t["d_chart_missing"])}</p>'
    parts = []
    for number, chart in enumerate(images, start=1):
        data = base64.b64encode(chart.png).decode("ascii")
        alt = escape(t["chart_alt"].format(title=chart.title, words=chart.words))
        parts.append(f'<figure><img src="data:image/png;base64,{data}" alt="{alt}" '
                     f'width="640"><figcaption>{escape(t["d_figure"].format(n=number, title=chart.title))}</figcaption>'
                     "</figure>")
    note = figures.years_note(settings, t)  # a provisional year's total is not drawn as a score
    if note:
        parts.append(f"<p>{escape(note)}</p>")
    return '<div class="charts">' + "".join(parts) + "</div>"


_CONVERTER = threading.local()  # one Markdown converter per thread: building one costs more than a page


# Markdown that would turn text into markup a reader's browser acts on. The report quotes
# facts (evidence, reasons, names) as their authors typed them: `<script>` or
# `[see](javascript:…)` in a fact file must show as text, never run or link. Reports and
# templates use headings, lists, tables, emphasis and code only.
_ACTIVE_PATTERNS = ("html", "reference", "link", "image_link", "image_reference", "short_reference",
                    "short_image_ref", "autolink", "automail")


def _converter():
    """Markdown with tables; raw HTML, links and images stay text."""
    if not hasattr(_CONVERTER, "markdown"):
        import markdown  # lazy: only a user's Markdown template is read as Markdown

        converter = markdown.Markdown(extensions=["tables"], output_format="html")
        converter.preprocessors.deregister("html_block")
        for name in _ACTIVE_PATTERNS:
            converter.inlinePatterns.deregister(name)
        _CONVERTER.markdown = converter
    return _CONVERTER.markdown


def _insert_after_conclusion_table(body: str, block: str) -> str:
    """The charts go right after the score table (the first table of the conclusion section)."""
    start = body.find("<table")
    end = body.find("</table>", start)
    if start < 0 or end < 0:
        return body + block
    end += len("</table>")
    return body[:end] + block + body[end:]
