"""report.xlsx: the score table and the findings, for staff who work in Excel."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from ..model.results import CheckResult
from .common import NOT_APPLICABLE, normalisation_note, provisional_note, row_note
from .json import to_dict

HEADER = PatternFill("solid", fgColor="DCE6F0")


def render(result: CheckResult) -> bytes:
    data = to_dict(result)
    workbook = openpyxl.Workbook()
    scores = workbook.active
    scores.title = "评分表 scores"
    rows = result.scores.rows
    notes = [row_note(row) for row in rows]
    noted = any(notes) or result.scores.normalisation is not None
    _table(scores, ["指标 id", "名称 name", "上级 parent", "权重 weight", "得分 score",
                    *(["折算得分 normalised", "说明 note"] if noted else [])],
           [[i["id"], i["name"], i["parent"] or "", i["weight"], _score(i),
             *([i.get("normalised"), note] if noted else [])] for i, note in zip(data["indicators"], notes)],
           widths=[10, 36, 10, 10, 10, *([12, 60] if noted else [])])
    scores.append([])
    mark = "暂定 provisional" if data["provisional"] else ""
    if result.scores.normalisation:
        scores.append(["适用指标合计（折算前）raw total", "", "", data["applicable_weight"], data["raw_total"]])
        scores.append(["不适用 not applicable", normalisation_note(result)])
    scores.append(["总分 total", "", "", _plain(result.scheme.max), data["total"], *([mark] if mark else [])])
    scores.append(["等级 grade", data["grade"] + ("（暂定 provisional）" if mark else "")])
    if mark:
        scores.append(["注意 note", provisional_note(result)])
    findings = workbook.create_sheet("发现 findings")
    _table(findings, ["类型 kind", "规则 rule", "指标 indicator", "扣分 deduction", "问题 finding", "建议 recommendation",
                      "依据 source", "证据 evidence"],
           [[f["kind"], f["rule"], f["indicator"] or "", f["deduction"], f["text"], f["recommendation"], f["source"],
             "; ".join(f"{e['file']}:{e.get('line', '')}" for e in f["evidence"])] for f in data["findings"]],
           widths=[12, 26, 10, 10, 60, 50, 40, 30])
    buffer = io.BytesIO()
    _fixed_dates(workbook)
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


def _score(indicator: dict):
    if "not_applicable" in indicator:
        return NOT_APPLICABLE
    return indicator["score"] if indicator["assessed"] else "无法评价"


def _plain(value):
    return int(value) if value == int(value) else float(value)


def _reproducible(data: bytes) -> bytes:
    """The same workbook bytes on every run: zip entries carry no wall-clock time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of creation and saving here
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z",
                                 content)
            target.writestr(entry, content)
    return out.getvalue()


def _table(sheet, header, rows, widths) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGH", widths):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _fixed_dates(workbook) -> None:
    """Same input, same bytes: no creation or modification time in the file."""
    fixed = datetime.datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.lastModifiedBy = "jixiao"
    workbook.properties.creator = "jixiao"
