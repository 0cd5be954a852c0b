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
import re
from decimal import Decimal

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..check.codes import expected_codes
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
from ..model.vocabulary import AMOUNT_UNIT, INSTRUCTIONS_SHEET

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")

ROWS = 500  # rows below the header given formats and drop-down lists
ERROR_LIMIT = 225  # Excel repairs (drops) a drop-down whose error message is longer
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")  # a required column's header: light orange
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ANSWER_OF = {code: word for word, code in ANSWER_WORDS.items() if code in ANSWERS}  # yes -> 是
FORMATS = {"date": "yyyy-mm-dd", "integer": "0", "text": "@"}
ANSWER_WORDS_SHOWN = " / ".join(ANSWER_OF.values())  # 是 / 否 / 部分


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
    looked_for = {(column, code) for (_, column), codes in _codes(rulebook, scheme_id, year).items() for code in codes}
    wanted -= {t for t in wanted if schemas[t].gives and not set(schemas[t].gives) & looked_for}  # a code no rule reads
    return [name for name in schemas if name in wanted]


def template_bytes(rulebook: RuleBook, scheme_id: str, case: Case | None = None, year: int | None = None,
                   lang: str = "zh") -> bytes:
    """The data-collection workbook for a scheme as .xlsx bytes; with `case`, its facts filled
    in (and a sheet for every table it has, read by the scheme or not). Its notes are in `lang`
    ("zh" or "en"); the sheet names, headers and drop-down words are the Chinese ones people
    type, whatever the language. Raises InputError for an unknown scheme."""
    year = case.year if case is not None and year is None else year
    tables = scheme_tables(rulebook, scheme_id, year)
    if case is not None:
        tables += [t for t in rulebook.schemas.tables if t in case.tables and t not in tables]
    codes = _codes(rulebook, scheme_id, year)
    needs = _needs(rulebook, scheme_id, codes, lang)
    workbook = openpyxl.Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_SHEET
    schemas = [rulebook.schemas.tables[t] for t in tables]
    ranges = _instructions(guide, rulebook, scheme_id, year, case, schemas, needs, codes, lang)
    references = _references(schemas, case, lang)
    ranges.update({place: formula for place, (formula, _, _) in references.items()})
    for schema in schemas:
        rows = case.tables.get(schema.name, []) if case is not None else []
        _table_sheet(workbook.create_sheet(sheet_title(schema)), schema, rows, codes, ranges, lang,
                     {c: (said, picked) for (t, c), (_, said, picked) in references.items() if t == schema.name})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _references(schemas: list[TableSchema], case: Case | None, lang: str) -> dict[tuple[str, str], tuple]:
    """(table, column) -> (its drop-down's range, what its note says may be filled in, what its
    drop-down says when a value is refused) for each column whose values must be found in
    another sheet's column (a `reference` check: a batch of the case's own disbursements): the
    list is that sheet's column, so it offers the case's codes as they are filled in; with a
    case, the note also lists those it has."""
    placed = {schema.name: schema for schema in schemas}
    found = {}
    for schema in schemas:
        for check in schema.checks:
            target = placed.get(check.get("table"))
            if check["kind"] != "reference" or target is None or check["to"] not in target.columns:
                continue
            letter = get_column_letter(list(target.columns).index(check["to"]) + 1)
            sheet = sheet_title(target)
            said = _say("workbook.c_reference", lang, sheet=sheet, column=target.columns[check["to"]].title or check["to"])
            picked = said  # the drop-down's refusal: the sheet and column (the list itself shows the codes)
            have = sorted({str(r.values[check["to"]]) for r in (case.tables.get(target.name, []) if case else [])
                           if r.values.get(check["to"]) is not None})
            if have:
                said += _say("workbook.c_reference_case", lang, codes=_say("workbook.list_sep", lang).join(have))
            found[(schema.name, check["column"])] = (f"'{sheet}'!${letter}$2:${letter}${ROWS + 1}", said, picked)
    return found


def _say(key: str, lang: str, **params) -> str:
    return Message(key, params).render(lang)


def _rules(rulebook: RuleBook, scheme_id: str, year: int | None) -> list:
    scheme = rulebook.schemes[scheme_id]
    if year is not None:
        return rules_of(scheme.for_year(year), rulebook, year)
    named = {r for leaf in scheme.leaves for r in leaf.rules}
    return sorted([r for r in [*rulebook.rules, *rulebook.instances.get(scheme_id, {}).values()] if r.id in named],
                  key=lambda r: r.place)


def _codes(rulebook: RuleBook, scheme_id: str, year: int | None) -> dict[tuple[str, str], dict[str, str]]:
    """(table, column) -> {code: leaf name}: the codes the scheme's rules look for (every
    version's, when no year is given)."""
    scheme = rulebook.schemes[scheme_id]
    rules = _rules(rulebook, scheme_id, year)
    found: dict[tuple[str, str], dict[str, str]] = {}
    for check_year in ([year] if year is not None else sorted({int(r.effective_from[:4]) for r in rules})):
        in_force = [r for r in rules if r.in_force(check_year)]
        for place, codes in expected_codes(in_force, scheme, rulebook.schemas, check_year).items():
            for code, name in codes.items():
                found.setdefault(place, {}).setdefault(code, name)
    return found


def _needs(rulebook: RuleBook, scheme_id: str, codes: dict, lang: str) -> dict[str, list[str]]:
    """Per table, what its sheet must give, in the rule book's order: the evidence a rule on
    the table itself asks for when it is missing (its `request:`); for a table a rule reads
    through a derived one, the rows it needs (one per code the scheme looks for) or the
    indicators it serves — each sheet its own words, not another sheet's."""
    scheme = rulebook.schemes[scheme_id]
    named = {r for leaf in scheme.leaves for r in leaf.rules}
    leaves = scheme.rule_leaves()
    found: dict[str, list[str]] = {}
    served: dict[str, list[str]] = {}
    for rule in sorted([*rulebook.rules, *rulebook.instances.get(scheme_id, {}).values()], key=lambda r: r.place):
        if rule.id not in named:
            continue
        schema = rulebook.schemas.tables[rule.table]
        if not schema.derived:
            if rule.request and rule.request not in found.setdefault(rule.table, []):
                found[rule.table].append(rule.request)
            continue
        leaf = scheme.indicators[leaves[rule.id]].name
        for table in (o for needed in schema.inputs for o in (needed if isinstance(needed, tuple) else (needed,))):
            if leaf not in served.setdefault(table, []):
                served[table].append(leaf)
    sep = _say("workbook.list_sep", lang)
    for table, names in served.items():
        own = rulebook.schemas.tables[table]
        title = sheet_title(own)
        listed = [(column, values) for (t, column), values in codes.items() if t == table]
        if listed:
            for column, values in listed:
                items = sep.join(_say("workbook.code_item", lang, code=c, name=n) for c, n in values.items())
                found.setdefault(table, []).append(_say("workbook.needs_codes", lang, title=title,
                                                        column=own.columns[column].title or column, codes=items))
        else:
            found.setdefault(table, []).append(_say("workbook.needs_for", lang, title=title, leaves=sep.join(names)))
    return found


GENERAL = tuple(f"workbook.general_{n}" for n in range(1, 11))  # the instructions, in order


def _instructions(sheet, rulebook: RuleBook, scheme_id: str, year, case: Case | None, schemas: list[TableSchema],
                  needs: dict[str, list[str]], codes: dict, lang: str) -> dict[tuple[str, str], str]:
    """The instructions sheet: how to fill in, each table's content and evidence, and the codes
    the scheme looks for with their indicators. Returns each code column's list range on it
    (说明!$B$40:$B$48), for its drop-down list."""
    scheme = rulebook.schemes[scheme_id]
    sheet.append([_say("workbook.title", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_say("workbook.scheme", lang, name=scheme.name, id=scheme_id)
                  + (_say("workbook.year", lang, year=year) if year else "")])
    if case is not None:
        sheet.append([_say("workbook.project", lang, project=case.meta.get("project", case.case), case=case.case,
                           year=case.year) + (_say("workbook.unit", lang, unit=case.meta["unit"])
                                              if case.meta.get("unit") else "")])
    sheet.append([])
    _heading(sheet, _say("workbook.how", lang))
    for number, key in enumerate(GENERAL if codes else GENERAL[:-1], start=1):
        sheet.append([f"{number}. " + _say(key, lang, mark=REQUIRED_MARK, unit=AMOUNT_UNIT, ratio=RATIO_UNIT,
                                           words=ANSWER_WORDS_SHOWN)])
    sheet.append([])
    _heading(sheet, _say("workbook.tables", lang))
    sheet.append([_say(f"workbook.head_{k}", lang) for k in ("sheet", "content", "code", "required", "needs")])
    _header_row(sheet)
    who = (_say("workbook.ask_unit", lang, unit=case.meta["unit"]) if case is not None and case.meta.get("unit")
           else _say("workbook.ask_default", lang))
    sep, more = _say("workbook.asks_sep", lang), _say("workbook.asks_more", lang)
    for schema in schemas:
        source = case.sources.get(schema.name, "") if case is not None else ""
        asked = needs.get(schema.name, [])
        asks = sep.join(asked[:4]) + (more if len(asked) > 4 else "") if asked else who
        sheet.append([sheet_title(schema), schema.title + (_say("workbook.source", lang, source=source) if source else ""),
                      schema.name, _say("workbook.list_sep", lang).join(c.title or c.name for c in schema.required),
                      asks])
    ranges = {}
    shown = [(place, values) for place, values in codes.items() if place[0] in {s.name for s in schemas}]
    if shown:
        sheet.append([])
        _heading(sheet, _say("workbook.codes", lang))
        sheet.append([_say(f"workbook.head_{k}", lang) for k in ("sheet", "column", "value", "leaf")])
        _header_row(sheet)
        for (table, column), values in shown:
            schema = rulebook.schemas.tables[table]
            first = sheet.max_row + 1
            for code, name in values.items():
                sheet.append([sheet_title(schema), schema.columns[column].title or column, code, name])
            ranges[(table, column)] = f"'{INSTRUCTIONS_SHEET}'!$C${first}:$C${sheet.max_row}"
    for letter, width in zip("ABCDE", (30, 50, 24, 36, 80)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return ranges


def _heading(sheet, text: str) -> None:
    sheet.append([text])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)


def _header_row(sheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL


def _table_sheet(sheet, schema: TableSchema, rows: list, codes: dict, ranges: dict, lang: str,
                 references: dict[str, tuple[str, str]]) -> None:
    """One table's sheet: the header, a comment, format and drop-down list per column, the rows.
    `references`: column -> (what its note says may be filled in: another sheet's codes, and
    what its drop-down says when a value is refused)."""
    columns = list(schema.columns.values())
    sheet.append([header_title(c) for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        expected = codes.get((schema.name, column.name), {})
        cell.comment = Comment(_comment(column, rows, expected, lang, references.get(column.name, (None,))[0]), "jixiao",
                               width=320, height=200)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(header_title(column)) + 2))
        choices = _choices(column)
        listed = ranges.get((schema.name, column.name))
        if choices or listed:
            shown = _say("workbook.list_sep", lang).join(choices or expected) or references.get(column.name, ("", ""))[1]
            error = _say("workbook.pick", lang, choices=shown)
            check = DataValidation(type="list", formula1=listed or '"' + ",".join(choices) + '"', allow_blank=True,
                                   showErrorMessage=True, errorTitle=_say("workbook.pick_title", lang),
                                   error=error if len(error) <= ERROR_LIMIT else error[:ERROR_LIMIT - 1] + "…")
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
    """A column's drop-down list: the words people type (是 / 否 / 部分; 产出 for output), the
    codes where the schema gives no word for them."""
    if column.type == "answer":
        return [ANSWER_OF[a] for a in ANSWERS]
    words = column.word_of
    return [words.get(a, str(a)) for a in column.allowed]


def _format(column: Column) -> str:
    if column.type == "number":
        return "0.00%" if column.unit == RATIO_UNIT else "#,##0.00####"
    return FORMATS.get(column.type, "@" if column.type != "answer" else "General")


def _cell_value(column: Column, value):
    """A fact's value as the cell holds it: a day as a date, a month-only date as its text
    (2017-09), an answer as 是 / 否 / 部分, an allowed code as its word (产出), a number as a
    number, text as text."""
    if value is None:
        return None
    if isinstance(value, FactDate):
        if len(value.text) == 10:
            return datetime.date.fromisoformat(value.text)
        return value.text
    if column.type == "answer":
        return ANSWER_OF.get(value, value)
    if column.words and value in column.word_of:
        return column.word_of[value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 10 ** 15 else float(value)
    return value


def _comment(column: Column, rows: list, expected: dict, lang: str, reference: str | None = None) -> str:
    """A column's comment, in `lang`: its code, meaning, unit, what may be filled in (the codes
    the scheme looks for, with their indicators; `reference`: another sheet's codes), an example."""
    lines = [f"{column.title or column.name}（{column.name}）" + (_say("workbook.required", lang) if column.required
                                                                else "")]
    if column.unit:
        lines.append(_say("workbook.c_unit", lang, unit=column.unit))
    sep = _say("workbook.list_sep", lang)
    if reference:
        allowed = reference
    elif expected:
        allowed = _say("workbook.c_codes", lang, codes=sep.join(
            _say("workbook.code_item", lang, code=c, name=n) for c, n in expected.items()))
    elif column.allowed:
        allowed = _say("workbook.c_choices", lang, choices=" / ".join(_choices(column)))
    elif column.type == "number":
        allowed = _say("workbook.c_ratio" if column.unit == RATIO_UNIT else "workbook.c_number", lang)
    else:
        allowed = _say(f"workbook.c_{column.type}", lang, words=ANSWER_WORDS_SHOWN)
    lines.append(_say("workbook.c_allowed", lang, allowed=allowed))
    example = next((row.values[column.name] for row in rows if row.values.get(column.name) is not None), None)
    if example is None:
        example = (next(iter(expected)) if expected else _choices(column)[0] if column.allowed or column.type == "answer"
                   else _example(column, lang))
    example = _cell_value(column, example) if not isinstance(example, str) or column.words else example
    shown = str(example)
    lines.append(_say("workbook.c_example", lang, example=shown if len(shown) <= 60 else shown[:60] + "…"))
    if column.description and (lang == "en" or _mostly_chinese(column.description)):  # an English note: for --lang en
        lines.append(_say("workbook.c_description", lang, description=column.description))
    return "\n".join(lines)


def _mostly_chinese(text: str) -> bool:
    """Whether a schema's description is written for Chinese readers: more Chinese characters than
    Latin letters (“e.g. 超过 when the report gives a lower bound” is an English note quoting a word)."""
    chinese = len(CJK.findall(text))
    return chinese > 0 and chinese >= len(LATIN.findall(text))


def _example(column: Column, lang: str) -> str:
    """An example value of a column's type, written as people type it."""
    if column.type == "number":
        return _say("workbook.e_ratio", lang) if column.unit == RATIO_UNIT else "3064.72"
    return {"integer": "12", "date": "2017-06-30"}.get(column.type) or _say("workbook.e_text", lang)
