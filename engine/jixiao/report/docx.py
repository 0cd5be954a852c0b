"""report.docx: the evaluation report as evaluation firms deliver it, in the order of a real one
(the 2017 Shanghai report): 封面 → 目录 → 摘要 → 一、项目基本情况 → 二、绩效评价工作情况 →
三、评价结论和绩效分析 (Table 3-1 in its multi-level layout with merged cells, the charts, each
indicator argued in a paragraph) → 四、主要绩效及做法、存在的问题和建议 → 五、附件 (indicator
system, working papers, 资料清单, 数据核对, 评价依据和出处).

Everything comes from the result: the cover from case.yaml (a key it lacks is marked
“（未提供）”, never made up), the profile and budget from the facts, the method and grade bands
from the scheme, the paragraphs from report/prose.py. Typography: report/docx_style.py. The body
cites management documents only; jixiao, its version, the rules' files and hashes are in the
last annex (and manifest.json).
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..model.results import CheckResult
from . import docx_sections as sections
from . import docx_style as style
from .formats import Settings
from .labels import get
from .review_labels import for_result


def render(result: CheckResult, settings: Settings) -> bytes:
    """The report as a .docx file's bytes, in the settings' language (cover, headings, notes;
    authored texts as written). The same result gives the same bytes."""
    t = for_result(result, get(settings.lang))
    document = Document(io.BytesIO(_styled()))
    cover(document, result, t)
    toc = contents(document, t)
    sections.summary(document, result, t)
    sections.project(document, result, t)
    sections.evaluation(document, result, t)
    sections.conclusion(document, result, t, settings)
    sections.problems_and_advice(document, result, t)
    sections.annexes(document, result, t)
    fill_contents(document, toc, t)
    style.update_fields_on_open(document)
    _fixed_properties(document, result)
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


@lru_cache(maxsize=1)
def _styled() -> bytes:
    """A new document with the report's page, styles, page numbers and font table (style.setup),
    as bytes: set up once a process, each report starts from a copy."""
    document = Document()
    style.setup(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def stable_zip(data: bytes) -> bytes:
    """A .docx (a zip) with every member dated 1980-01-01: the same document, the same bytes
    (python-docx stamps the time of writing)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def cover_fields(result: CheckResult, t: dict) -> list[tuple[str, str]]:
    """(label, value) of the cover, from case.yaml; a key it lacks is marked as not given."""
    meta = result.case.meta
    return [(label, str(meta[key]).strip() if meta.get(key) not in (None, "") else t["cover_missing"])
            for key, label in t["cover_fields"]]


def cover_date(result: CheckResult, t: dict) -> str:
    """The report's date (case.yaml report_date) as 2018 年 9 月 20 日, or marked as not given."""
    value = result.case.meta.get("report_date")
    if value in (None, ""):
        return t["cover_missing"]
    text = getattr(value, "text", None) or str(value)
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return t["d_date"].format(y=int(parts[0]), m=int(parts[1]), d=int(parts[2]))
    return text


def cover(document, result: CheckResult, t: dict) -> None:
    for _ in range(3):
        document.add_paragraph()
    style.paragraph(document, t["cover_title"], "Title")
    for _ in range(3):
        document.add_paragraph()
    for label, value in cover_fields(result, t):
        paragraph = document.add_paragraph()
        hang = Pt(style.BODY_PT * (len(label) + 1))  # a long value wraps under itself, not under its label
        paragraph.paragraph_format.first_line_indent = -hang
        paragraph.paragraph_format.left_indent = Cm(1.5) + hang
        paragraph.paragraph_format.line_spacing = Pt(40)
        label_run = paragraph.add_run(f"{label}：")
        label_run.font.bold = True
        style.set_fonts(label_run._r, style.HEITI)
        paragraph.add_run(value)
    for _ in range(3):
        document.add_paragraph()
    date = document.add_paragraph(cover_date(result, t))
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date.paragraph_format.first_line_indent = Pt(0)
    date.add_run().add_break(WD_BREAK.PAGE)


def contents(document, t: dict):
    """目录: its heading and the paragraph the table of contents starts in (filled by
    fill_contents once the headings are written)."""
    heading = document.add_paragraph(t["toc"])
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.first_line_indent = Pt(0)
    style.set_fonts(heading.runs[0]._r, style.HEITI)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(0)
    return paragraph


TOC_LEVELS = {"Heading 1": 0, "Heading 2": 1}  # the headings the table of contents lists, and their indent
TOC_LINE_PT = 22  # tighter than the body's 28 pt: a report's contents on one page


def fill_contents(document, start, t: dict) -> None:
    """The table of contents: a TOC field over the headings of levels 1–2 whose shown result lists
    them already (a PDF made without Word, or a viewer that does not update fields, shows the
    headings, not an instruction); Word adds the page numbers when it updates the field, as it
    is asked to on opening. `start`: contents()' paragraph."""
    levels = {style.style_id(name): level for name, level in TOC_LEVELS.items()}
    headings = []
    for element in start._p.itersiblings():
        props = getattr(element, "pPr", None)  # a paragraph's properties (a table has none)
        level = levels.get(props.style) if props is not None else None
        if level is not None:
            headings.append(("".join(node.text or "" for node in element.iter(qn("w:t"))), level))
    style.field_start(start, 'TOC \\o "1-2" \\h \\z \\u')
    line, previous = start, start
    for number, (text, level) in enumerate(headings or [(t["toc_hint"], 0)]):
        if number:
            line = document.add_paragraph()
            previous._p.addnext(line._p)  # moved up, under the one before
            line.paragraph_format.first_line_indent = Pt(0)
        line.paragraph_format.left_indent = Pt(style.BODY_PT * 2 * level)
        line.paragraph_format.line_spacing = Pt(TOC_LINE_PT)
        line.add_run(text)
        previous = line
    style.field_end(line)
    line.add_run().add_break(WD_BREAK.PAGE)


def _fixed_properties(document, result: CheckResult) -> None:
    """Core properties that do not change from run to run (python-docx stamps the time)."""
    import datetime

    props = document.core_properties
    props.title = str(result.case.meta.get("project", result.case.case))
    props.author = str(result.case.meta.get("evaluator", ""))
    props.last_modified_by = ""
    props.revision = 1
    stamp = datetime.datetime(result.case.year + 1, 1, 1)
    props.created = stamp
    props.modified = stamp
