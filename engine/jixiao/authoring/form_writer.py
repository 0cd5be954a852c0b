"""Writing a self-evaluation form (项目支出绩效自评表) as an .xlsx in one of its layouts (the
national one, the Yunnan copy with its split target columns, the Hubei template), merged cells and
all, the way units fill in the Excel template. Used by `jixiao synth --forms` (jixiao.authoring.
form_synth) and by tests/forms/make_forms.py, which writes the bundled transcriptions of real forms.

A form is a dict as the transcriptions hold it: year, project, department, unit, funds (rows with
row, initial_budget, full_year_budget, executed, weight, rate, score; amounts in 万元 unless
currency_unit says 元), goals {expected, actual}, indicators (level1, level2, level3, target,
actual, weight, score, deviation), total. Every value goes into its cell as given: a plain number
as a number (as Excel keeps what is typed into a General cell), text as text, blanks blank.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")


def cell_value(value):
    """A printed value as a person types it into the template: a plain number as a number."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if _NUMBER.match(text):
        return int(text) if "." not in text else float(text)
    return text


class Sheet:
    """One sheet being written: `put` a value (merged over a range), `save` to a path."""

    def __init__(self, title: str):
        self.workbook = openpyxl.Workbook()
        self.ws = self.workbook.active
        self.ws.title = title
        self.row = 1

    def put(self, row: int, col: int, value, to_col: int | None = None, to_row: int | None = None):
        value = cell_value(value)
        if value is not None:
            self.ws.cell(row, col, value)
        if (to_col and to_col > col) or (to_row and to_row > row):
            self.ws.merge_cells(start_row=row, start_column=col, end_row=to_row or row, end_column=to_col or col)

    def finish(self) -> None:
        """Borders and wrapping on every cell, the title bold: as the template looks."""
        for row in self.ws.iter_rows():
            for cell in row:
                cell.alignment = _WRAP
                cell.border = _BOX
        self.ws["A1"].font = Font(bold=True, size=14)

    def save(self, path: Path) -> None:
        self.finish()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook.save(path)

    def to_bytes(self) -> bytes:
        """The workbook as an .xlsx file's bytes, the same for the same form: the times openpyxl
        stamps (the package's parts, its created and modified properties) are a fixed one."""
        self.finish()
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return _timeless(buffer.getvalue())


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def _timeless(package: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", data)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2020, 1, 1, 0, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _groups(indicators, key):
    """Consecutive runs of rows sharing `key`: [(value, first index, last index)]."""
    runs = []
    for i, row in enumerate(indicators):
        if runs and runs[-1][0] == row.get(key) and key != "level2_run":
            runs[-1][2] = i
        else:
            runs.append([row.get(key), i, i])
    return runs


def _merge_levels(sheet: Sheet, indicators, first_row: int, col1: int, col2: int):
    for value, start, end in _groups(indicators, "level1"):
        sheet.put(first_row + start, col1, value, to_row=first_row + end)
    runs = []
    for i, row in enumerate(indicators):
        key = (row.get("level1"), row.get("level2"))
        if runs and runs[-1][0] == key:
            runs[-1][2] = i
        else:
            runs.append([key, i, i])
    for (_, value), start, end in runs:
        sheet.put(first_row + start, col2, value, to_row=first_row + end)


def national(form: dict, title: str) -> Sheet:
    """The national layout (财预〔2020〕10号 附件), columns A–J."""
    s = Sheet("自评表")
    s.put(1, 1, "项目支出绩效自评表", to_col=10)
    s.put(2, 1, f"（{form['year']}年度）", to_col=10)
    s.put(3, 1, "项目名称")
    s.put(3, 2, form.get("project"), to_col=10)
    s.put(4, 1, "主管部门")
    s.put(4, 2, form.get("department"), to_col=5)
    s.put(4, 6, "实施单位")
    s.put(4, 7, form.get("unit"), to_col=10)
    funds = form["funds"]
    s.put(5, 1, "项目资金（万元）", to_row=5 + len(funds))
    for col, label in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], start=3):
        s.put(5, col, label)
    for i, row in enumerate(funds, start=6):
        s.put(i, 2, row["row"])
        amounts = row.get("amounts_printed")
        if amounts is not None:  # two of three amounts printed: 年初预算数 blank (see case.yaml)
            row = {**row, "initial_budget": None, "full_year_budget": (amounts + [None, None])[0],
                   "executed": (amounts + [None, None])[1]}
        for col, key in enumerate(["initial_budget", "full_year_budget", "executed", "weight", "rate", "score"], 3):
            s.put(i, col, row.get(key))
    g = 6 + len(funds)
    s.put(g, 1, "年度总体目标", to_row=g + 1)
    s.put(g, 2, "预期目标", to_col=5)
    s.put(g, 6, "实际完成情况", to_col=10)
    goals = form.get("goals") or {}
    s.put(g + 1, 2, goals.get("expected"), to_col=5)
    s.put(g + 1, 6, goals.get("actual"), to_col=10)
    h = g + 2
    indicators = form["indicators"]
    s.put(h, 1, "绩效指标", to_row=h + len(indicators))
    for col, label in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], 2):
        s.put(h, col, label)
    s.put(h, 9, "偏差原因分析及改进措施", to_col=10)
    _merge_levels(s, indicators, h + 1, 2, 3)
    for i, row in enumerate(indicators, start=h + 1):
        for col, key in ((4, "level3"), (5, "target"), (6, "actual"), (7, "weight"), (8, "score")):
            s.put(i, col, row.get(key))
        s.put(i, 9, row.get("deviation"), to_col=10)
    t = h + 1 + len(indicators)
    s.put(t, 1, "总分", to_col=6)
    s.put(t, 7, 100 if form.get("total") is not None else None)
    s.put(t, 8, form.get("total"))
    if form.get("printed_notes"):
        s.put(t + 1, 1, form["printed_notes"], to_col=10)
    return s


def yunnan_split(form: dict, title: str) -> Sheet:
    """The Yunnan copy: 年度指标值 split into 指标性质 | 指标值 | 度量单位; the grade beside 总分. Columns A–K."""
    s = Sheet("自评表")
    s.put(1, 1, "项目支出绩效自评表", to_col=11)
    s.put(2, 1, f"（{form['year']}年度）", to_col=11)
    s.put(3, 1, "项目名称")
    s.put(3, 2, form.get("project"), to_col=11)
    s.put(4, 1, "主管部门")
    s.put(4, 2, form.get("department"), to_col=5)
    s.put(4, 6, "实施单位")
    s.put(4, 7, form.get("unit"), to_col=11)
    funds = form["funds"]
    unit = form.get("currency_unit", "万元")
    s.put(5, 1, f"项目资金（{unit}）", to_row=5 + len(funds))
    for col, label in enumerate(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], start=3):
        s.put(5, col, label)
    for i, row in enumerate(funds, start=6):
        s.put(i, 2, row["row"])
        for col, key in enumerate(["initial_budget", "full_year_budget", "executed", "weight", "rate", "score"], 3):
            s.put(i, col, row.get(key))
    g = 6 + len(funds)
    s.put(g, 1, "年度总体目标", to_row=g + 1)
    s.put(g, 2, "预期目标", to_col=6)
    s.put(g, 7, "实际完成情况", to_col=11)
    goals = form.get("goals") or {}
    s.put(g + 1, 2, goals.get("expected"), to_col=6)
    s.put(g + 1, 7, goals.get("actual"), to_col=11)
    h = g + 2
    indicators = form["indicators"]
    s.put(h, 1, "绩效指标", to_row=h + 1 + len(indicators))
    for col, label in ((2, "一级指标"), (3, "二级指标"), (4, "三级指标"), (8, "实际完成值"), (9, "分值"), (10, "得分"),
                       (11, "偏差原因分析及改进措施")):
        s.put(h, col, label, to_row=h + 1)
    s.put(h, 5, "年度指标值", to_col=7)
    for col, label in ((5, "指标性质"), (6, "指标值"), (7, "度量单位")):
        s.put(h + 1, col, label)
    _merge_levels(s, indicators, h + 2, 2, 3)
    for i, row in enumerate(indicators, start=h + 2):
        target = row.get("target") or {}
        s.put(i, 4, row.get("level3"))
        s.put(i, 5, target.get("op"))
        s.put(i, 6, target.get("value"))
        s.put(i, 7, target.get("unit"))
        for col, key in ((8, "actual"), (9, "weight"), (10, "score"), (11, "deviation")):
            s.put(i, col, row.get(key))
    t = h + 2 + len(indicators)
    s.put(t, 1, "总分", to_col=8)
    s.put(t, 9, 100)
    s.put(t, 10, form.get("total"))
    s.put(t, 11, form.get("grade_printed"))
    if form.get("printed_notes"):
        label, _, text = form["printed_notes"].partition(":")
        s.put(t + 1, 1, label.strip(), to_col=3)
        s.put(t + 1, 4, text.strip(), to_col=11)
    return s


def hubei(form: dict, title: str) -> Sheet:
    """The Hubei-style template (预算执行 20 分, 绩效目标 80 分, no weight column). Columns A–G."""
    s = Sheet("自评表")
    s.put(1, 1, "项目支出绩效自评表", to_col=7)
    s.put(2, 1, form.get("filer"), to_col=4)
    s.put(2, 5, form.get("filed"), to_col=7)
    s.put(3, 1, "项目名称", to_col=2)
    s.put(3, 3, form.get("project"), to_col=7)
    s.put(4, 1, "主管部门", to_col=2)
    s.put(4, 3, form.get("department"))
    s.put(4, 4, "项目实施单位")
    s.put(4, 5, form.get("unit"), to_col=7)
    s.put(5, 1, "项目类别", to_col=2)
    s.put(5, 3, form.get("project_category"), to_col=7)
    s.put(6, 1, "项目属性", to_col=2)
    s.put(6, 3, form.get("project_attribute"), to_col=7)
    s.put(7, 1, "预算执行情况（万元）（20分）", to_col=3)
    for col, label in ((4, "预算数(A)"), (5, "执行数(B)"), (6, "执行率(B/A)"), (7, "得分(20分*执行率)")):
        s.put(7, col, label)
    funds = form["funds"][0]
    s.put(8, 1, funds["row"], to_col=3)
    for col, key in ((4, "budget_A"), (5, "executed_B"), (6, "rate"), (7, "score")):
        s.put(8, col, funds.get(key))
    indicators = form["indicators"]
    s.put(9, 1, "年度绩效目标1（80分）", to_row=10 + len(indicators))
    for col, label in ((2, "一级指标"), (3, "二级指标"), (4, "三级指标"), (5, "年初目标值(A)"), (6, "实际完成值(B)"),
                       (7, "得分")):
        s.put(9, col, label)
    _merge_levels(s, indicators, 10, 2, 3)
    for i, row in enumerate(indicators, start=10):
        for col, key in ((4, "level3"), (5, "target"), (6, "actual"), (7, "score")):
            s.put(i, col, row.get(key))
    t = 10 + len(indicators)
    s.put(t, 2, "总分", to_col=6)
    s.put(t, 7, form.get("total"))
    s.put(t + 1, 1, "偏差大或目标未完成原因分析", to_col=2)
    s.put(t + 1, 3, form.get("deviation_analysis"), to_col=7)
    s.put(t + 2, 1, "改进措施及结果应用方案", to_col=2)
    s.put(t + 2, 3, form.get("improvement_measures"), to_col=7)
    return s


WRITERS = {"national": national, "yunnan-split": yunnan_split, "hubei-execution-20": hubei}
