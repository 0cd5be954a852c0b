"""The typography of report.docx, after the conventions of Chinese official documents
(GB/T 9704): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body in 仿宋 三号
(16 pt) at a fixed 28 pt line, first lines indented two characters; headings in 黑体 (level 1)
and 楷体 (level 2), 仿宋 bold below; the title in 小标宋 二号 (22 pt); page numbers at the foot
(“— 1 —”); tables in 仿宋 五号 (10.5 pt) with ruled cells and a repeated header row.

Font names: each run style names its East-Asian font (w:eastAsia) beside a Latin one, with the
language zh-CN, and the document's font table gives each CJK font its other names (仿宋:
FangSong, 仿宋_GB2312 …): Word on a Chinese system finds them, and a machine without them (Word
elsewhere, LibreOffice on Linux) substitutes a CJK font for the zh-CN text instead of boxes.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from .labels import FIXED

_FONTS = FIXED["fonts"]
FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONG = (_FONTS[k] for k in ("fangsong", "heiti", "kaiti", "xiaobiaosong", "song"))
LATIN = "Times New Roman"
# Other names of each CJK font, for the font table (w:altName): what a reader's machine may have.
ALT_NAMES = FIXED["font_alt_names"]
BODY_PT, TABLE_PT, TITLE_PT, LINE_PT = 16, 10.5, 22, 28
TABLE_LINE_PT = 13  # 五号 in tables and annexes: about 1.25 lines, compact and readable
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6  # A4 less the side margins
TABLE_TEXT_ID = "TableText"  # the id python-docx gives the style it adds as "Table Text" (checked in setup)

# style name -> (East-Asian font, size pt, bold, alignment, first-line indent in characters)
STYLES = {
    "Normal": (FANGSONG, BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    "Title": (XIAOBIAOSONG, TITLE_PT, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "Heading 1": (HEITI, BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "Heading 2": (KAITI, BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "Heading 3": (FANGSONG, BODY_PT, True, WD_ALIGN_PARAGRAPH.LEFT, 2),
    "Caption": (HEITI, TABLE_PT + 1.5, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "Table Text": (FANGSONG, TABLE_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "Annex Text": (FANGSONG, TABLE_PT, False, WD_ALIGN_PARAGRAPH.LEFT, 0),  # the working papers: 五号, compact
}


def set_fonts(element_rpr_owner, east_asian: str, latin: str = LATIN) -> None:
    """Name the fonts of a style or run: w:ascii / w:hAnsi Latin, w:eastAsia the CJK font; and
    mark its text zh-CN (so a substitute for a missing CJK font is a CJK one)."""
    rpr = element_rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asian)):
        fonts.set(qn(attribute), value)
    fonts.set(qn("w:hint"), "eastAsia")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(theme), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def setup(document) -> None:
    """Page, margins, styles, page numbers and the font table of a new document."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    for name, (font, size, bold, align, indent) in STYLES.items():
        style = document.styles[name] if name in [s.name for s in document.styles] else document.styles.add_style(name, 1)
        if name in ("Table Text", "Annex Text"):
            style.base_style = document.styles["Normal"]
        if name == "Title":  # python-docx's Title has a coloured rule under it: not in an official document
            borders = style.element.get_or_add_pPr().find(qn("w:pBdr"))
            if borders is not None:
                borders.getparent().remove(borders)
        style.font.name = LATIN
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element, font)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Pt(size * indent) if indent else Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if name != "Title" else WD_LINE_SPACING.SINGLE
        if name != "Title":
            fmt.line_spacing = Pt(LINE_PT if size >= BODY_PT else TABLE_LINE_PT)
        if name == "Annex Text":
            fmt.space_before = Pt(3)
        if name != "Annex Text":
            fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        if name.startswith("Heading"):
            fmt.keep_with_next = True
    assert all(document.styles[name].style_id == style_id(name) for name in STYLES)
    _font_table(document)
    page_numbers(section)


def _font_table(document) -> None:
    """Each CJK font in the font table, with its other names and the Chinese character set."""
    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    from docx.oxml import parse_xml  # the font table is a plain XML part in python-docx

    root = parse_xml(part.blob)
    for name, alternatives in ALT_NAMES.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alternatives), ("w:charset", "86"), ("w:family", "roman"),
                           ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_numbers(section) -> None:
    """“— N —” centred at the foot of every page (a PAGE field) but the cover, which has none."""
    section.different_first_page_header_footer = True  # the cover's footer: the (empty) first-page one
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _run(paragraph, "— ", SONG, 14)
    field(paragraph, "PAGE", "1", SONG, 14)
    _run(paragraph, " —", SONG, 14)


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    set_fonts(run._r, font)
    return run


def field(paragraph, instruction: str, shown: str, font: str = FANGSONG, size: float = BODY_PT) -> None:
    """A Word field (PAGE, TOC …) with the text shown until it is updated."""
    field_start(paragraph, instruction)
    _run(paragraph, shown, font, size)
    field_end(paragraph)


def field_start(paragraph, instruction: str) -> None:
    """A field's start, its instruction and the start of the result it shows until updated (which
    may run over several paragraphs, as a table of contents does, up to field_end)."""
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    _field_char(paragraph, "separate")


def field_end(paragraph) -> None:
    _field_char(paragraph, "end")


def _field_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        element.set(qn("w:dirty"), "true")  # Word updates it when the file is opened
    run._r.append(element)


def update_fields_on_open(document) -> None:
    """Ask Word to update the fields (the table of contents) when the document is opened."""
    settings = document.settings.element
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    settings.append(element)


def page_break_section(document) -> None:
    document.add_section(WD_SECTION.NEW_PAGE)


def table(document, columns: list[str], rows: list[list[str]], widths: list[float] | None = None,
          numeric: tuple[int, ...] = (), small: tuple[int, ...] = ()):
    """A ruled table: a bold, shaded header row repeated on each page, then the rows; cells in
    the table style (仿宋 五号); `numeric` columns right-aligned, `small` ones in 8 pt (a digest
    on one line); widths in cm. The rows are
    built as XML in one go (python-docx finds each cell by walking the table, which made the
    tables most of the time a report took)."""
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    repeat_header(header)
    for cell, title in zip(header.cells, columns):
        write(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        shade(cell)
    if rows:
        twips = [Cm(w).twips for w in widths] if widths else [None] * len(columns)
        body = "".join(_row_xml(values, twips, numeric, small) for values in rows)
        for row in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"):
            grid._tbl.append(row)
    if widths:
        set_widths(grid, widths)
    keep_together(grid)
    return grid


_SMALL = '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'  # 8 pt, in half-points


def _row_xml(values, twips: list, numeric: tuple[int, ...], small: tuple[int, ...] = ()) -> str:
    """A table row as `write` fills one: each cell a paragraph in the table style (right-aligned
    in a numeric column), its text a run with a line break for each newline."""
    cells = []
    for i, (value, width) in enumerate(zip(values, twips)):
        size = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>' if width is not None else "<w:tcPr/>"
        align = '<w:jc w:val="right"/>' if i in numeric else ""
        lines = str(value).split("\n")
        text = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' if line != line.strip()
                              else f"<w:t>{escape(line)}</w:t>" if line else "" for line in lines)
        cells.append(f'<w:tc>{size}<w:p><w:pPr><w:pStyle w:val="{TABLE_TEXT_ID}"/>{align}</w:pPr>'
                     f"<w:r>{_SMALL if i in small else ''}{text}</w:r></w:p></w:tc>")
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def set_widths(grid, widths: list[float]) -> None:
    """Column widths in cm: the table grid's (what LibreOffice reads) and each cell's (Word's;
    a cell spanning columns gets their sum)."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)
    for tr in grid._tbl.tr_lst:  # each cell element once (python-docx's row.cells walks the grid per row)
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            if column < len(widths):
                tc.width = Cm(sum(widths[column:column + span]))
            column += span


def write(cell, text: str, bold: bool = False, align=None) -> None:
    """A cell's text in the table style, after what its first paragraph holds (set on the XML
    elements: python-docx's paragraph and run objects cost more than the text)."""
    element = cell._tc.p_lst[0]
    properties = element.get_or_add_pPr()
    properties.style = TABLE_TEXT_ID  # by its id: see `paragraph`
    if align is not None:
        properties.jc_val = align
    run = element.add_r()
    if bold:
        run.get_or_add_rPr()._set_bool_val("b", True)  # as python-docx sets font.bold
    run.text = str(text)  # a newline becomes a line break, as add_run makes it


def shade(cell, fill: str = "E8EEF4") -> None:
    properties = cell._tc.get_or_add_tcPr()
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), fill)
    properties.append(element)


def style_id(name: str) -> str:
    """The id of one of the report's styles (python-docx's rule; setup checks it holds)."""
    return name.replace(" ", "")


def paragraph(document, text: str = "", name: str | None = None):
    """A new paragraph in the style of that name (None: the body's). The style is set by its id:
    python-docx looks a name up through every style of the document, which made the paragraphs
    and table cells most of the time a report took."""
    added = document.add_paragraph(text)
    if name is not None:
        added._p.get_or_add_pPr().style = style_id(name)
    return added


def keep_together(grid) -> None:
    """No row of the table is split across two pages (a cell's lines read on, not after a page break)."""
    for row in grid.rows:
        properties = row._tr.get_or_add_trPr()
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        properties.append(element)


def repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)
