"""report.xlsx: the score table and the findings, for staff who work in Excel."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

from ..model.results import CheckResult
from .common import (assessable_points, is_target_setting, normalisation_note, open_points, places, points, provisional_note,
                     row_note)
from .formats import Settings
from .json import to_dict
from .labels import FIXED as L
from .labels import get
from .review import (form_totals, is_form, recomputed_text, review_findings, review_rows, self_reported_grade, target_rows,
                     target_weights)

# The workbook's two styles, registered once and named by every cell (not a style object per
# cell: building those was most of the time a workbook took). Names as Excel lists them.
HEADER_STYLE, CELL_STYLE = "jixiao header", "jixiao cell"


def _styles(workbook) -> None:
    workbook.add_named_style(NamedStyle(HEADER_STYLE, font=Font(bold=True),
                                        fill=PatternFill("solid", fgColor="DCE6F0")))
    workbook.add_named_style(NamedStyle(CELL_STYLE, alignment=Alignment(wrap_text=True, vertical="top")))


def render(result: CheckResult, settings: Settings) -> bytes:
    """The workbook's bytes: sheets of scores and of findings, with bilingual headings (labels.FIXED)
    and the notes in the settings' language."""
    t = get(settings.lang)
    data = to_dict(result, t)
    workbook = openpyxl.Workbook()
    _styles(workbook)
    scores = workbook.active
    scores.title = L["sheet_scores"]
    rows = result.scores.rows
    notes = [row_note(row, t) for row in rows]
    noted = any(notes) or result.scores.normalisation is not None
    _table(scores, [*L["score_columns"], *(L["judged_columns"] if noted else [])],
           [[i["id"], i["name"], i["parent"] or "", i["weight"], _score(i, t),
             *([i.get("normalised"), note] if noted else [])] for i, note in zip(data["indicators"], notes)],
           widths=[10, 36, 10, 10, 10, *([12, 60] if noted else [])])
    scores.append([])
    mark = _provisional_mark(result)
    if result.scores.normalisation:
        scores.append([L["raw_total_row"], "", "", data["applicable_weight"], data["raw_total"]])
        scores.append([L["na_row"], normalisation_note(result, t)])
    assessable = assessable_points(result)
    if is_target_setting(result):  # reviewed, not scored: no total, no grade
        scores.append([L["note_row"], t["target_line"].format(n=len(result.findings))])
    else:
        if assessable is not None:  # what a provisional total is out of
            scores.append([L["assessable_row"], "", "", _plain(assessable), data["total"]])
        scores.append([L["total_row"], "", "", _plain(result.scheme.max), data["total"], *([mark] if mark else [])])
        scores.append([L["grade_row"], data["grade"] + (L["provisional"] if mark else "")])
    if mark:
        scores.append([L["note_row"], provisional_note(result, t)])
    findings = workbook.create_sheet(L["sheet_findings"])
    kinds = [f["kind"] for f in data["findings"]]  # (a leaf weighing nothing deducts nothing: `review`, report/json.py)
    _table(findings, L["finding_columns"],
           [[L["kind_names"].get(kind, kind), f["rule"], f["indicator"] or "",
             f["deduction"] if kind == "deduction" else None, f["text"], f["recommendation"], f["source"],
             "; ".join(_place(e) for e in f["evidence"])]
            for f, kind in zip(data["findings"], kinds)],
           widths=[12, 26, 10, 10, 60, 50, 40, 30])
    if is_form(result):
        _review_sheet(workbook.create_sheet(L["sheet_review"]), result, t)
    buffer = io.BytesIO()
    _fixed_dates(workbook)
    workbook.save(buffer)
    return reproducible(buffer.getvalue())


def _place(item: dict) -> str:
    """A piece of evidence as the 发现 sheet names it: file:line, or a form header's cell as Excel
    names it (目标表.xlsx[绩效目标表]!B5)."""
    return f"{item['file']}!{item['cell']}" if item.get("cell") else f"{item['file']}:{item.get('line', '')}"


def _review_sheet(sheet, result: CheckResult, t: dict) -> None:
    """复核意见: each row of the form, self-reported beside recomputed, and the gap (numbers as
    numbers); the total; then the form-review findings with what to correct. A target-setting
    form's: each row's weight and target, the weights in all, then the findings."""
    def number(value):
        return None if value is None else _plain(value)

    if is_target_setting(result):
        _table(sheet, L["target_columns"], [[code, name, number(weight), target]
                                            for code, name, weight, target in target_rows(result)],
               widths=[10, 36, 10, 24])
        sheet.append([L["target_total"], "", _plain(target_weights(result))])
        sheet.append([L["note_row"], t["target_line"].format(n=len(review_findings(result)))])
        _review_findings(sheet, result, t)
        return

    _table(sheet, L["review_columns"],
           [[r.code, r.name, number(r.weight), number(r.self_reported), number(r.recomputed) if r.recomputed is not None else recomputed_text(r, t) or None, number(r.gap)]
            for r in review_rows(result)], widths=[10, 36, 10, 14, 14, 14])
    reported, _, gap = form_totals(result)
    mark = [_provisional_mark(result)] if result.scores.provisional else []
    sheet.append([L["total_row"], "", _plain(result.scheme.max), number(reported), number(result.scores.total),
                  number(gap), *mark])
    sheet.append([L["grade_row"], "", "", self_reported_grade(result, t) or "",
                  result.scores.grade + (L["provisional"] if result.scores.provisional else "")])
    _review_findings(sheet, result, t)


def _review_findings(sheet, result: CheckResult, t: dict) -> None:
    sheet.append([])
    sheet.append(L["review_finding_columns"])
    for cell in sheet[sheet.max_row]:
        cell.style = HEADER_STYLE
    for finding in review_findings(result):
        sheet.append([finding.rule, finding.text, finding.recommendation, finding.recommendation_source,
                      places(finding.evidence, t)])


def _provisional_mark(result: CheckResult) -> str:
    """暂定 beside a provisional total, with the points that could not be assessed; '' when final."""
    if not result.scores.provisional:
        return ""
    return L["provisional_open_cell"].format(open=points(open_points(result)))


def _score(indicator: dict, t: dict):
    if "not_applicable" in indicator:
        return t["not_applicable"]
    if not indicator["weight"] and indicator["assessed"]:  # weighs nothing: its findings say what to correct
        return t["unscored"]
    return indicator["score"] if indicator["assessed"] else t["cannot_assess"]


def _plain(value):
    return int(value) if value == int(value) else float(value)


def reproducible(data: bytes) -> bytes:
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
        cell.style = HEADER_STYLE
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGH", widths):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.style = CELL_STYLE
    sheet.freeze_panes = "A2"


def _fixed_dates(workbook) -> None:
    """Same input, same bytes: no creation or modification time in the file."""
    fixed = datetime.datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.lastModifiedBy = "jixiao"
    workbook.properties.creator = "jixiao"
