"""The data-collection workbook (基础数据表) evaluators send to a project unit: a sheet per
fact table a scheme's rules read, headed by the columns' Chinese titles and units, each
column explained in a cell comment, drop-down lists for answers and allowed values, number
and date formats, required columns marked, and an instructions sheet (说明). Filled from a
case, it holds that case's facts, and checking it gives exactly that case's results.

    data = template_bytes(rulebook, "shanghai-om-subsidy", case=case)   # bytes of an .xlsx

The workbook is read back by jixiao.load.workbook: sheet names and headers are resolved by
jixiao.load.titles, and the instructions sheet is not read.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..check.rulebook import rules_of
from ..load.cells import ANSWER_WORDS
from ..load.case_folder import FORM_TABLES
from ..load.rulebook import RuleBook
from ..load.titles import REQUIRED_MARK, header_title, sheet_title
from ..model.facts import Case
from ..model.messages import Message
from ..model.problems import InputError, Problem, meant
from ..model.tables import RATIO_UNIT, Column, TableSchema
from ..model.values import ANSWERS, FactDate
from ..model.vocabulary import INSTRUCTIONS_SHEET

ROWS = 500  # rows below the header given formats and drop-down lists
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")  # a required column's header: light orange
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ANSWER_OF = {code: word for word, code in ANSWER_WORDS.items() if code in ANSWERS}  # yes -> 是
FORMATS = {"date": "yyyy-mm-dd", "integer": "0", "text": "@"}


def scheme_tables(rulebook: RuleBook, scheme_id: str, year: int | None = None) -> list[str]:
    """The observed tables a scheme's rules read (those in force in `year`, or every rule the
    scheme names when None): each rule's table, a derived table's inputs (every alternative),
    and the tables their integrity checks compare them with. In the order of rules/tables.
    Raises InputError for an unknown scheme."""
    if scheme_id not in rulebook.schemes:
        raise InputError([Problem.said("SCHEME", Message("new.no_scheme", {"meant": meant(scheme_id, rulebook.schemes)}),
                                       found=scheme_id, allowed=", ".join(sorted(rulebook.schemes)))])
    scheme = rulebook.schemes[scheme_id]
    if year is None:
        named = {r for leaf in scheme.leaves for r in leaf.rules}
        rules = [r for r in [*rulebook.rules, *rulebook.instances.get(scheme_id, {}).values()] if r.id in named]
    else:
        rules = rules_of(scheme.for_year(year), rulebook, year)
    schemas = rulebook.schemas.tables
    wanted: set[str] = set()
    for table in (r.table for r in rules):
        schema = schemas[table]
        if schema.derived:  # (a self-evaluation form is its own layout: its tables only for a form's scheme)
            wanted.update(o for needed in schema.inputs for o in (needed if isinstance(needed, tuple) else (needed,))
                          if scheme.form is not None or o not in FORM_TABLES)
        else:
            wanted.add(table)
    for table in list(wanted):  # totals and names are checked against these: integrity needs them
        wanted.update(c["table"] for c in schemas[table].checks
                      if c.get("table") in schemas and not schemas[c["table"]].derived)
    return [name for name in schemas if name in wanted]


def template_bytes(rulebook: RuleBook, scheme_id: str, case: Case | None = None, year: int | None = None) -> bytes:
    """The data-collection workbook for a scheme as .xlsx bytes; with `case`, its facts filled
    in (and a sheet for every table it has, read by the scheme or not). Raises InputError for an
    unknown scheme."""
    year = case.year if case is not None and year is None else year
    tables = scheme_tables(rulebook, scheme_id, year)
    if case is not None:
        tables += [t for t in rulebook.schemas.tables if t in case.tables and t not in tables]
    requests = _requests(rulebook, scheme_id)
    workbook = openpyxl.Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_SHEET
    schemas = [rulebook.schemas.tables[t] for t in tables]
    _instructions(guide, rulebook, scheme_id, year, case, schemas, requests)
    for schema in schemas:
        rows = case.tables.get(schema.name, []) if case is not None else []
        _table_sheet(workbook.create_sheet(sheet_title(schema)), schema, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _requests(rulebook: RuleBook, scheme_id: str) -> dict[str, list[str]]:
    """Per table, the evidence the scheme's rules ask for when it is missing (their `request:`,
    or an instance's as its leaf words it), in the rule book's order."""
    scheme = rulebook.schemes[scheme_id]
    named = {r for leaf in scheme.leaves for r in leaf.rules}
    found: dict[str, list[str]] = {}
    for rule in sorted([*rulebook.rules, *rulebook.instances.get(scheme_id, {}).values()], key=lambda r: r.place):
        if rule.id in named and rule.request:
            schema = rulebook.schemas.tables[rule.table]
            for table in (o for needed in (schema.inputs if schema.derived else (rule.table,))
                          for o in (needed if isinstance(needed, tuple) else (needed,))):
                if rule.request not in found.setdefault(table, []):
                    found[table].append(rule.request)
    return found


GENERAL = [
    "每个工作表是一张基础数据表，第一行是表头（列名），请从第二行起每行填写一条记录，不要修改表头。",
    f"列名前带 {REQUIRED_MARK} 且底色为橙色的是必填列；其他列有数据时填写。",
    "将鼠标停在表头单元格上可查看该列的说明：含义、单位、可填的值和示例。",
    "金额一律以“万元”为单位，不要换算成元；数字直接填写，可带千位分隔符（16,104.72）。",
    "比例（单位为“比例”的列）填 0 到 1 之间的小数，或百分数（如 99.83%）。",
    "日期填写为 2017-06-30；只知道月份时填写 2017-06（按该月最后一天比较）。",
    "是否类问题从下拉列表中选择：是 / 否 / 部分。",
    "请勿在表头上方加标题行，勿在表格下方加合计行或注释行，勿合并单元格，勿隐藏行、列或工作表。",
    "不适用或暂无资料的表可留空（只保留表头），并在“依据”或备注中说明；评价时该表相关指标将列为“无法评价”。",
]


def _instructions(sheet, rulebook: RuleBook, scheme_id: str, year, case: Case | None, schemas: list[TableSchema],
                  requests: dict[str, list[str]]) -> None:
    scheme = rulebook.schemes[scheme_id]
    sheet.append(["基础数据表 填写说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"评价方案：{scheme.name}（{scheme_id}）" + (f"　年度：{year}" if year else "")])
    if case is not None:
        sheet.append([f"项目：{case.meta.get('project', case.case)}（{case.case} {case.year}）"
                      + (f"　项目单位：{case.meta['unit']}" if case.meta.get("unit") else "")])
    sheet.append([])
    sheet.append(["一、如何填写"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for number, text in enumerate(GENERAL, start=1):
        sheet.append([f"{number}. {text}"])
    sheet.append([])
    sheet.append(["二、各表内容（工作表名称 — 填写什么 — 必填列 — 向谁索取 / 依据）"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append(["工作表", "内容", "表代码", "必填列", "需提供的资料（向项目单位或主管部门索取）"])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    who = f"向{case.meta['unit']}索取" if case is not None and case.meta.get("unit") else "向项目单位索取"
    for schema in schemas:
        source = case.sources.get(schema.name, "") if case is not None else ""
        asked = requests.get(schema.name, [])
        asks = "；".join(asked[:4]) + ("；等" if len(asked) > 4 else "") if asked else who
        sheet.append([sheet_title(schema), schema.title + (f"（出处：{source}）" if source else ""), schema.name,
                      "、".join(c.title or c.name for c in schema.required), asks])
    for letter, width in zip("ABCDE", (30, 50, 24, 36, 80)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _table_sheet(sheet, schema: TableSchema, rows: list) -> None:
    """One table's sheet: the header, a comment, format and drop-down list per column, the rows."""
    columns = list(schema.columns.values())
    sheet.append([header_title(c) for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(_comment(column, rows), "jixiao", width=320, height=200)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(header_title(column)) + 2))
        choices = _choices(column)
        if choices:
            check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                   showErrorMessage=True, errorTitle="请从下拉列表中选择",
                                   error="可填：" + "、".join(choices))
            check.add(f"{letter}2:{letter}{ROWS + 1}")
            sheet.add_data_validation(check)
        code = _format(column)
        for number, row in enumerate(rows, start=2):
            value = _cell_value(column, row.values.get(column.name))
            target = sheet.cell(number, index, value)
            if value is not None:
                target.number_format = "@" if isinstance(value, str) else code  # a month, a code: as typed
        if code != "General":
            for number in range(len(rows) + 2, ROWS + 2):
                sheet.cell(number, index).number_format = code
    sheet.freeze_panes = "A2"


def _choices(column: Column) -> list[str]:
    if column.type == "answer":
        return [ANSWER_OF[a] for a in ANSWERS]
    return [str(a) for a in column.allowed]


def _format(column: Column) -> str:
    if column.type == "number":
        return "0.00%" if column.unit == RATIO_UNIT else "#,##0.00####"
    return FORMATS.get(column.type, "@" if column.type != "answer" else "General")


def _cell_value(column: Column, value):
    """A fact's value as the cell holds it: a day as a date, a month-only date as its text
    (2017-09), an answer as 是 / 否 / 部分, a number as a number, text as text."""
    if value is None:
        return None
    if isinstance(value, FactDate):
        if len(value.text) == 10:
            return datetime.date.fromisoformat(value.text)
        return value.text
    if column.type == "answer":
        return ANSWER_OF.get(value, value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 10 ** 15 else float(value)
    return value


def _comment(column: Column, rows: list) -> str:
    """A column's comment: its code, meaning, unit, what may be filled in, and an example."""
    lines = [f"{column.title or column.name}（{column.name}）" + ("　必填" if column.required else "")]
    if column.unit:
        lines.append(f"单位：{column.unit}")
    allowed = {"answer": "是 / 否 / 部分（从下拉列表选择）", "date": "日期 2017-06-30；只知月份时 2017-06",
               "integer": "整数", "text": "文字"}
    if column.allowed:
        lines.append("可填：" + " / ".join(map(str, column.allowed)))
    elif column.type == "number":
        lines.append("可填：0 到 1 之间的小数或百分数（99.83%）" if column.unit == RATIO_UNIT else "可填：数字")
    else:
        lines.append("可填：" + allowed[column.type])
    example = next((row.values[column.name] for row in rows if row.values.get(column.name) is not None), None)
    if example is None:
        example = _EXAMPLES.get(column.type if column.unit != RATIO_UNIT else "ratio")
        if column.allowed:
            example = column.allowed[0]
    if column.type == "answer" and example in ANSWER_OF:
        example = ANSWER_OF[example]
    shown = str(example)
    lines.append("示例：" + (shown if len(shown) <= 60 else shown[:60] + "…"))
    if column.description:
        lines.append("说明：" + column.description)
    return "\n".join(lines)


_EXAMPLES = {"text": "（文字）", "number": "3064.72", "ratio": "0.4 或 40%", "integer": "12", "date": "2017-06-30",
             "answer": "yes"}
