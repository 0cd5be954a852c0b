"""The full report as a document: headings, paragraphs, lists and tables of inline text, built
once from the result (report/markdown.py) and written out as Markdown (`markdown_lines`) or as
HTML (`html`), each straight from the same blocks: the HTML page is not the Markdown read back.

Inline text is a tuple of parts: a `str` (text as its author wrote it), `Strong(...)`, `Code(text)`
or `BREAK` (a line break inside a list item). In HTML every text is escaped, so a fact's
`<script>` or `[link](javascript:…)` shows as typed and never runs or links; in Markdown text is
written as it is (a table cell's `|` escaped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Strong:
    """Bold text: its parts (str or Code)."""

    parts: tuple

    def __init__(self, *parts):
        object.__setattr__(self, "parts", parts)


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Break:
    """A line break inside a list item."""


BREAK = Break()


@dataclass(frozen=True)
class Heading:
    level: int
    text: tuple


@dataclass(frozen=True)
class Para:
    text: tuple


@dataclass(frozen=True)
class Item:
    """A list item: its text, and the items of a list inside it (bulleted)."""

    text: tuple
    children: tuple = ()


@dataclass(frozen=True)
class Items:
    """A list: bulleted, or numbered 1, 2, …"""

    items: tuple[Item, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table: the header's cells, the alignment of each column ("l", "r" or "c"), the rows, and
    the rows of totals after them (in Markdown, blank cells of the header and the totals are
    written `| |`, of other rows `|  |`)."""

    header: tuple
    align: tuple[str, ...]
    rows: tuple = ()
    totals: tuple = ()


def text(*parts) -> tuple:
    """Inline text of these parts (str, Strong, Code, BREAK); empty strings dropped."""
    return tuple(p for p in parts if p != "")


_MARKUP = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`")


def rich(template: str, **values) -> tuple:
    """A label with `**bold**` and `` `code` `` markup, filled with `values`: the markup is the
    label's, the values are text (a value holding `**` stays text)."""
    parts, at = [], 0
    for match in _MARKUP.finditer(template):
        parts.append(template[at:match.start()].format(**values))
        if match.group(1) is not None:
            parts.append(Strong(match.group(1).format(**values)))
        else:
            parts.append(Code(match.group(2).format(**values)))
        at = match.end()
    parts.append(template[at:].format(**values))
    return text(*parts)


# Markdown

def md_inline(parts: tuple, indent: str = "") -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Strong):
            out.append("**" + md_inline(part.parts, indent) + "**")
        elif isinstance(part, Code):
            out.append(f"`{part.text}`")
        else:
            out.append("  \n" + indent)
    return "".join(out)


def _md_cell(parts: tuple) -> str:
    return md_inline(parts).replace("|", "\\|").replace("\n", " ")


def _md_row(cells, compact: bool = False) -> str:
    """A table row; `compact`: a blank cell as `| |` (the header's, the totals')."""
    if compact:
        return "|" + "".join(f" {_md_cell(c)} |" if c else " |" for c in cells)
    return "| " + " | ".join(_md_cell(c) for c in cells) + " |"


_RULE = {"l": "---|", "r": "---:|", "c": ":---:|"}


def markdown_lines(blocks) -> list[str]:
    """The blocks as lines of Markdown, each block followed by a blank line."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines.append("#" * block.level + " " + md_inline(block.text))
        elif isinstance(block, Para):
            lines.append(md_inline(block.text))
        elif isinstance(block, Items):
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}. " if block.ordered else "- "
                lines.append(marker + md_inline(item.text, " " * len(marker)))
                lines += [f"   - {md_inline(child.text, '     ')}" for child in item.children]
        elif isinstance(block, Table):
            lines.append(_md_row(block.header, compact=True))
            lines.append("|" + "".join(_RULE[a] for a in block.align))
            lines += [_md_row(row) for row in block.rows]
            lines += [_md_row(row, compact=True) for row in block.totals]
        lines.append("")
    return lines


# HTML

def html_inline(parts: tuple) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(part, quote=False))
        elif isinstance(part, Strong):
            out.append("<strong>" + html_inline(part.parts) + "</strong>")
        elif isinstance(part, Code):
            out.append(f"<code>{escape(part.text, quote=False)}</code>")
        else:
            out.append("<br>\n")
    return "".join(out)


_ALIGN = {"l": "", "r": ' style="text-align: right;"', "c": ' style="text-align: center;"'}


def _html_table(table: Table) -> str:
    align = [_ALIGN[a] for a in table.align]
    out = ["<table>\n<thead>\n<tr>\n"]
    out += [f"<th{a}>{html_inline(c)}</th>\n" for a, c in zip(align, table.header)]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for row in (*table.rows, *table.totals):
        out.append("<tr>\n")
        out += [f"<td{a}>{html_inline(c)}</td>\n" for a, c in zip(align, row)]
        out.append("</tr>\n")
    out.append("</tbody>\n</table>")
    return "".join(out)


def _html_items(items: Items) -> str:
    tag = "ol" if items.ordered else "ul"
    out = [f"<{tag}>\n"]
    for item in items.items:
        inner = html_inline(item.text)
        if item.children:
            inner += "\n" + _html_items(Items(item.children))
        out.append(f"<li>{inner}</li>\n")
    out.append(f"</{tag}>")
    return "".join(out)


def html(blocks, after_first_table: str = "") -> str:
    """The blocks as an HTML fragment; `after_first_table` (HTML) goes right after the first table
    (or at the end when there is none)."""
    out = []
    pending = after_first_table
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{html_inline(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            out.append(f"<p>{html_inline(block.text)}</p>")
        elif isinstance(block, Items):
            out.append(_html_items(block))
        elif isinstance(block, Table):
            out.append(_html_table(block))
            if pending:
                out.append(pending)
                pending = ""
    if pending:
        out.append(pending)
    return "\n".join(out)
