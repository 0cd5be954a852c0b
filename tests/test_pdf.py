"""report.docx checked as a person would: converted to PDF by headless LibreOffice (Debian's
libreoffice-writer-nogui, installed by .ci/run), its text read back with poppler's pdftotext in
the order it is drawn (-raw: a table cell's wrapped lines stay together), and looked at. The
score table, every finding and every recommendation are there; the Chinese is real text in
embedded fonts that have every glyph; the report is a sane length. The first page and the
score table's page are kept as PNG in findings/test-artifacts/ for people to look at."""

import contextlib
import io
import os
import re
import shutil
import subprocess
from functools import lru_cache

import pytest
from fontTools.ttLib import TTCollection, TTFont

from jixiao.check.case import check_case
from jixiao.check.runs import check_with_history
from jixiao.cli.main import main
from jixiao.report.common import points
from jixiao.report.prose import plain

from conftest import DONGGUAN_2015, FACTS, ROOT, RULES, SHANGHAI_2017

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ARTIFACTS = ROOT / "findings" / "test-artifacts"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

pytestmark = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                reason="LibreOffice not installed (.ci/run installs it)")


def squeezed(text: str) -> str:
    """Text without whitespace: a line wrapped in a cell or a paragraph reads as one."""
    return re.sub(r"\s+", "", text)


def to_pdf(case, tmp_path):
    """report.docx as `jixiao check` writes it (with the case's earlier years), converted to
    PDF. Returns the PDF's path."""
    assert SOFFICE, "LibreOffice is required here: .ci/run installs Debian's libreoffice-writer-nogui"
    out = tmp_path / "out"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", str(case), "--out", str(out), "--rules", str(RULES)]) == 0
    docx = out / case.parent.name / case.name / "report.docx"
    # a profile of its own: LibreOffice refuses to start beside another instance using the same
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                          capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "report.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pdf


def outside_contents(text: str) -> str:
    """A report's squeezed text without its table of contents (目录 up to the body's 摘要, the
    second: the contents list it first)."""
    start = text.index("目录")
    return text[:start] + text[text.index("摘要", text.index("摘要", start) + 2):]


def pages_of(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]  # a form feed ends each page


def fonts_of(pdf) -> list[dict]:
    """pdffonts' table: each font's name, type, and whether it is embedded."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [{"name": line.split()[0], "embedded": line.split()[-5] == "yes"} for line in lines]


@lru_cache(maxsize=None)
def installed_fonts() -> dict:
    """{PostScript name: (file, index in a collection)} of the fonts fontconfig knows."""
    listing = subprocess.run(["fc-list", "-f", "%{postscriptname}\t%{file}\t%{index}\n"], capture_output=True,
                             text=True, check=True).stdout
    return {name: (path, int(index or 0)) for name, path, index in
            (line.split("\t") for line in listing.splitlines() if line.count("\t") == 2)}


def glyphs_of(embedded: str) -> set[int]:
    """The code points the font behind an embedded subset (ABCDEF+NotoSansCJKjp-Regular-VKana)
    has glyphs for; LibreOffice names a subset after the font, sometimes with a suffix."""
    base = embedded.split("+", 1)[-1]
    name = max((n for n in installed_fonts() if base.startswith(n)), key=len, default=None)
    assert name is not None, f"embedded font {embedded} is not one of this machine's"
    path, index = installed_fonts()[name]
    font = TTCollection(path).fonts[index] if path.endswith((".ttc", ".otc")) else TTFont(path)
    return set(font.getBestCmap())


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory, rulebook):
    pdf = to_pdf(SHANGHAI_2017, tmp_path_factory.mktemp("pdf"))
    return check_with_history(SHANGHAI_2017, rulebook).result, pdf, pages_of(pdf)


def test_the_score_table_findings_and_recommendations_are_in_the_pdf(shanghai):
    result, pdf, pages = shanghai
    text = outside_contents(re.sub(r"—\d+—", "", squeezed("".join(pages))))  # the page numbers at each foot
    # the score table: every indicator with its weight and score (a parent's as weight / score), in order, then the total
    start = text.index(squeezed("表 3-1"))
    table = text[start:text.index(squeezed("图 1"), start)]
    table = table.replace("一级指标二级指标三级指标四级指标权重得分", "")  # the header, repeated on each page
    at = 0
    for row in result.scores.rows:
        numbers = f"{points(row.weight)}{points(row.score)}" if row.is_leaf else f"{points(row.weight)}/{points(row.score)}"
        at = table.index(squeezed(f"{row.id} {row.name}") + numbers, at)
    assert table.index("合计10086.74", at) > at
    body = text[:text.index("五、附件")]
    assert len(result.findings) == 14
    for finding in result.findings:
        assert squeezed(plain(finding.text)) in body, finding.rule
        assert squeezed(finding.recommendation) in body, finding.rule
    # every problem's title: in 摘要 with its indicators, and as a heading of 四（二）
    titles = [result.families[family]["title"] for family in dict.fromkeys(f.family for f in result.findings)]
    assert len(titles) == 9
    for number, title in enumerate(titles, start=1):
        assert f"（{number}）{squeezed(title)}（" in body and f"{number}.{squeezed(title)}" in body
    assert "86.74" in body and "“良”" in body


def test_the_chinese_is_real_text_in_embedded_fonts_with_every_glyph(shanghai):
    _, pdf, pages = shanghai
    text = "".join(pages)
    assert "\ufffd" not in text and not re.search(r"[\ue000-\uf8ff]", text)  # no replacement or private-use glyphs
    assert len(HAN.findall(text)) > 10_000
    fonts = fonts_of(pdf)
    assert fonts and all(f["embedded"] for f in fonts), fonts
    covered = set().union(*(glyphs_of(f["name"]) for f in fonts))
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in covered})
    assert missing == []  # every character drawn with a glyph of its own, not a box


def test_the_report_is_a_sane_length(shanghai, tmp_path):
    _, _, pages = shanghai
    assert 25 <= len(pages) <= 33  # well under 40 (45, then 37, before the annexes' tables were set tighter)
    pdf = to_pdf(DONGGUAN_2015, tmp_path)
    assert 15 <= len(pages_of(pdf)) <= 30


def test_first_page_and_score_table_page_are_kept_as_pictures(shanghai):
    _, pdf, pages = shanghai
    assert squeezed(pages[0]).startswith("财政项目支出绩效评价报告项目名称：2017年上海国际贸易单一窗口政府运维补贴资金")
    table_page = next(n for n, page in enumerate(pages, start=1) if "表 3-1" in page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page, name in ((1, "shanghai-2017-docx-page-1"), (table_page, "shanghai-2017-docx-score-table")):
        target = ARTIFACTS / name
        subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "80", "-png", "-singlefile", str(pdf),
                        str(target)], check=True)
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 20_000


def test_a_forms_review_sheet_is_in_the_pdf(tmp_path, rulebook):
    """Issue 14 item 6 in Word: the review sheet of 永德's form (provisional) read back from the
    PDF: each row's self-reported and recomputed score and gap, the totals and grades, every
    form-review finding with what to correct. Its page is kept as a picture."""
    case = FACTS / "form-yongde-nutrition" / "2022"
    pdf = to_pdf(case, tmp_path)
    pages = pages_of(pdf)
    text = outside_contents(re.sub(r"—\d+—", "", squeezed("".join(pages))))
    start = text.index(squeezed("（二）自评表复核意见"))
    section = text[start:text.index(squeezed("（三）具体绩效分析"), start)]
    table = section[section.index("编号指标分值自评得分复算得分差额"):section.index("复核发现及更正要求")]
    at = 0
    for row in ("A预算执行率101010 0", "B3资金到位及时率10710-3", "C1减轻贫困学生家庭经济负担1010无法评价",
                "C2政策知晓率1099.8-0.8", "C3生态效益指标", "D2家长满意度1010100",
                "合计100 9689.8（暂定；10分无法评价）", "等级优良～优（暂定）"):
        at = table.index(squeezed(row), at)
    result = check_case(case, rulebook)
    review = [f for f in result.findings if f.family == "form-review"]
    assert len(review) == 4
    for finding in review:
        assert squeezed(plain(finding.text)) + "更正：" + squeezed(finding.recommendation) in section, finding.rule
    page = next(n for n, p in enumerate(pages, start=1) if "表 3-2" in p)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "80", "-png", "-singlefile", str(pdf),
                    str(ARTIFACTS / "form-yongde-2022-docx-review")], check=True)
    assert (ARTIFACTS / "form-yongde-2022-docx-review.png").stat().st_size > 20_000
