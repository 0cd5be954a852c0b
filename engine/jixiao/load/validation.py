"""Records validated against their table's schema: unknown and missing columns reported once
per table, every cell parsed, required values present, keys unique; each problem names the
file, the row (or the Excel cell) and the column with its Chinese title."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from ..model.facts import Case, Fact, cells_of
from ..model.messages import Message
from ..model.problems import Problems, closest
from ..model.tables import RATIO_UNIT, TableSchema
from ..model.vocabulary import NOTE_HEADERS
from .cells import ValueProblem, allowed_in, allowed_listing, parsers_for, ratio_parser
from .records import column_list, rows_said
from .titles import abbreviated, bare_header, column_label
from .yaml_source import line_of


def add_table(case: Case, name: str, label: str, records: list[tuple[int, dict]], schema: TableSchema,
              problems: Problems) -> None:
    """Validate records against the table's schema and add them to the case as rows.

    A column the schema does not know, or a required column that is missing, is one problem
    for the table (at its header; in YAML, listing the rows), not one per row. A cell of a
    workbook is named as Excel shows it (facts.xlsx[budget]!D3), a column with its title."""
    plan = _plan(schema)
    header = getattr(records, "header", None)
    if header is not None:  # a header row: its columns are checked once, before the rows
        _check_columns(label, records, schema, problems)
    start = len(problems.items)  # (the problems of a YAML list's keys come before its rows')
    letters = getattr(records, "letters", {})
    parsers, seen, ratios, required = plan.parsers, plan.seen, plan.ratios, plan.required
    key_column = plan.text_key
    keys: set[str] = set()
    keyed = 0  # rows with their key (a text) given
    unknown = missing = False  # a column the schema does not know; a required column absent
    rows = []
    for index, (line, record) in enumerate(records, start=1):
        # Every record is parsed here at once, a text a column has seen before looked up without
        # a call; one that is not plainly valid (a cell refused, a required value empty, a row
        # in 比例) is validated again by _validate_record, which says what is wrong: the parsers
        # are pure, so both give the same values.
        values: dict | None = {}
        try:
            for column_name, raw in record.items():
                texts = seen.get(column_name)
                if texts is None:
                    unknown = True  # reported by _check_columns
                    continue
                value = texts.get(raw)  # (a list or a mapping: TypeError, refused by its parser below)
                if value is None:
                    value = parsers[column_name](raw)
                    if value is None:
                        continue
                values[column_name] = value
        except (ValueProblem, TypeError):
            values = None
        if (values is None or not required <= values.keys()
                or (ratios and str(record.get("unit") or "").strip() == RATIO_UNIT)):
            unknown = unknown or not record.keys() <= seen.keys()  # (the parse may have stopped before one)
            missing = missing or not required <= record.keys()
            values = _validate_record(label, index, line, record, schema, problems, letters, parsers, header)
        if key_column in values:
            keys.add(values[key_column])
            keyed += 1
        key_lines = key_cells = None
        if type(record) is not dict:
            key_lines, key_cells = getattr(record, "key_lines", None), getattr(record, "key_cells", None)
        rows.append(Fact(name, index, label, line, MappingProxyType(values),  # a new dict: no copy
                         lines=MappingProxyType(dict(key_lines)) if key_lines else _NO_LINES,
                         cells=MappingProxyType(dict(key_cells)) if key_cells else _NO_LINES))
    if header is None and (unknown or missing):  # a YAML list whose records name unknown keys or miss some
        said = Problems()
        _check_columns(label, records, schema, said)
        problems.items[start:start] = said.items
    if plan.key and (key_column is None or len(keys) != keyed):  # (a key of text: distinct as read)
        _check_unique_keys(label, rows, records, schema, problems)
    case.tables[name] = rows
    case.columns[name] = plan.columns
    case.files[name] = label


_NO_LINES = MappingProxyType({})  # a CSV or sheet row: on one line (shared: read-only)


class _Plan:
    """What add_table needs of a table schema, made once per schema: each column's parser and
    the texts it has seen ({text: value}), the columns known and required, the key."""

    __slots__ = ("schema", "parsers", "seen", "required", "ratios", "key", "text_key", "columns")

    def __init__(self, schema: TableSchema) -> None:
        self.schema = schema
        self.parsers = parsers_for(schema)
        self.seen = {name: parse.seen for name, parse in self.parsers.items()}
        self.required = frozenset(column.name for column in schema.required)
        self.ratios = "unit" in schema.columns  # a row of this table may be in 比例 (_validate_record)
        self.key = tuple(schema.key or ())
        # a key of one text column: rows whose keys differ as read differ as _check_unique_keys compares them
        self.text_key = self.key[0] if len(self.key) == 1 and schema.columns[self.key[0]].type == "text" else None
        self.columns = tuple(schema.columns)


_PLANS: dict[int, _Plan] = {}  # id(schema) -> its plan (the plan keeps the schema alive: its id is not reused)


def _plan(schema: TableSchema) -> _Plan:
    plan = _PLANS.get(id(schema))
    if plan is None or plan.schema is not schema:
        plan = _PLANS[id(schema)] = _Plan(schema)
    return plan


def nearest_column(schema: TableSchema, text: str) -> str | None:
    """The column a misspelt header most likely means: by its code (amout) or its title (实际拨付金 额)."""
    nearest = closest(text, schema.columns)
    if nearest is None:  # by title: a shortened one (拨付金) before a close spelling (拨付金額)
        titles = {column.title: name for name, column in schema.columns.items() if column.title}
        bare = bare_header(text)
        nearest = titles.get(abbreviated(bare, titles) or closest(bare, titles) or closest(text, titles))
    return nearest


def _did_you_mean(schema: TableSchema, text: str) -> Message | str:
    """' (did you mean …?)' naming the column by code, or by title when the header was a title."""
    nearest = nearest_column(schema, text)
    if nearest is None:
        if bare_header(text).lower() in NOTE_HEADERS and "evidence" in schema.columns:  # 备注: where notes go
            return Message("table.note_column", {"column": column_key(schema, "evidence")})
        return ""
    column = schema.columns[nearest]
    meant = nearest if closest(text, schema.columns) else column.title
    return Message("table.meant_column", {"name": repr(meant)})


def column_key(schema: TableSchema, name: str) -> str:
    """A column as a problem names it: 实际拨付金额（paid_amount，万元）, with its title and unit where
    the schema gives them."""
    return column_label(schema.columns.get(name), name)


def _place(label: str, index: int, line, record, column: str, letters: dict,
           header: int | None = None) -> tuple[str, int | None, str]:
    """Where a value stands: (file, line, prefix): a workbook's cell; a CSV file and the line,
    which is the row as the user sees it (no second row number beside it); a YAML file, the
    key's line and the record's number in the list (“record 4: ”: `in_record` True)."""
    cells = getattr(record, "key_cells", None) if type(record) is not dict else None
    if cells and cells.get(column):  # a form's header: the cell the value was read from
        file, address = cells_of(label, cells[column][0])
        return f"{file}!{address}", None, False
    if column in letters and line is not None:
        return f"{label}!{letters[column]}{line}", None, False
    if header is not None:
        return label, line, False
    return label, line_of(record, column, line), True


def _in_record(in_record: bool, index: int, message: Message) -> Message:
    """A message about a value of a YAML record, after the record's number (“record 4: ”)."""
    return Message("problem.in_record", {"index": index, "message": message}) if in_record else message


def _check_columns(label: str, records, schema: TableSchema, problems: Problems) -> None:
    """Columns the schema does not know, and required columns missing: each reported once."""
    header = getattr(records, "header", None)
    if header is not None:  # a table with a header row (CSV, a sheet): the header is wrong, once
        named = records.columns
        letters = records.letters
        unknown = [c for c in named if c not in schema.columns]
        meant = {nearest_column(schema, c) for c in unknown}  # 'amout' for amount: one problem, not two
        for column in unknown:
            where = f"{label}!{letters[column]}{header}" if column in letters else label
            problems.add(where, Message("table.unknown_column", {"meant": _did_you_mean(schema, column)}),
                         line=None if column in letters else header, key=column, allowed=column_list(schema))
        for column in schema.required:
            if column.name not in named and column.name not in meant:
                at = rows_said("row" if letters else "line", [header])
                problems.add(label, Message("table.missing_column", {"at": at}), key=column_key(schema, column.name),
                             allowed=column_list(schema))
        return
    unknown: dict[str, list] = {}
    missing: dict[str, list] = {}
    for index, (line, record) in enumerate(records, start=1):
        for column in record:
            if column not in schema.columns:
                unknown.setdefault(column, []).append((index, line_of(record, column, line)))
        for column in schema.required:
            if column.name not in record:
                missing.setdefault(column.name, []).append((index, line))
    for column, where in unknown.items():
        rows = [i for i, _ in where]
        meant = closest(column, schema.columns)
        problems.add(label, Message("table.unknown_key", {
            "rows": rows_said("record", rows),
            "meant": Message("table.meant_column", {"name": repr(meant)}) if meant is not None else ""}),
            line=where[0][1], key=column, allowed=column_list(schema))
    misspelt: dict[str, set] = {}  # a column -> the rows that give it under a misspelt name
    for name, where in unknown.items():
        misspelt.setdefault(closest(name, schema.columns), set()).update(i for i, _ in where)
    for column, where in missing.items():
        if {i for i, _ in where} <= misspelt.get(column, set()):
            continue  # every row that misses it has it misspelt: reported as the unknown column
        problems.add(label, Message("table.missing_key", {"rows": rows_said("record", [i for i, _ in where])}),
                     line=where[0][1], key=column_key(schema, column))


def _validate_record(label, index, line, record, schema: TableSchema, problems: Problems, letters: dict,
                     parsers: dict, header: int | None = None) -> dict:
    """A record's typed values (`parsers`: parsers_for(schema)); a value that does not parse, or a
    required one that is empty, is a problem. (Unknown and missing columns are the table's
    problems: _check_columns.)"""
    values = {}
    # a row whose `unit` column says 比例 (an outcome, a target): 99.83% there is 0.9983
    ratio_row = "unit" in schema.columns and str(record.get("unit") or "").strip() == RATIO_UNIT
    for column_name, raw in record.items():
        parse = parsers.get(column_name)
        if parse is None:
            continue
        if ratio_row:
            parse = ratio_parser(schema.columns[column_name])
        try:
            value = parse(raw)
        except ValueProblem as exc:
            file, where, in_record = _place(label, index, line, record, column_name, letters, header)
            message = _row_unit_said(exc.message, record, raw, schema, column_name)
            problems.add(file, _in_record(in_record, index, message), line=where,
                         key=column_key(schema, column_name), found=raw, allowed=exc.allowed_message)
            continue
        if value is not None:
            values[column_name] = value
    for column in schema.required:
        name = column.name
        if name not in values and name in record and _empty(record[name]):  # (one that did not parse: above)
            file, where, in_record = _place(label, index, line, record, name, letters, header)
            if ratio_row and column.type == "number" and not column.unit:
                column = replace(column, unit=RATIO_UNIT)  # a value on a row in 比例: a ratio
            problems.add(file, _in_record(in_record, index, Message("table.required_empty")), line=where,
                         key=column_key(schema, name), allowed=_describe(column))
    return values


def _row_unit_said(message: Message, record, raw, schema: TableSchema, column_name: str) -> Message:
    """A percentage refused on a row whose own `unit` is given (an outcome in %, 个): said with that
    unit, since the value's column has none of its own to write the number in."""
    unit = str(record.get("unit") or "").strip() if "unit" in schema.columns else ""
    if message.key != "cell.percent_elsewhere" or not unit or schema.columns[column_name].unit:
        return message
    return Message("cell.percent_row_unit", {"unit": unit, "ratio": RATIO_UNIT,
                                             "number": str(raw).strip().rstrip("%％").strip()})


def _empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _describe(column) -> Message | str:
    if column.allowed:
        return allowed_listing(column)  # with the words people type for each code
    return allowed_in(column)


def _check_unique_keys(label, rows: list[Fact], records, schema: TableSchema, problems: Problems) -> None:
    """Each key is given once. A row whose key has a value missing or refused (reported
    already) is not compared: it would make a false duplicate of every other such row."""
    if not schema.key:
        return
    letters = getattr(records, "letters", {})
    header = getattr(records, "header", None)
    seen: dict[tuple, Fact] = {}
    for row in rows:
        values = row.values
        try:
            key = tuple([str(values[k]) for k in schema.key])
        except KeyError:
            continue
        if key in seen:
            first = seen[key]
            file, where, in_record = _place(label, row.index, row.line, {}, schema.key[0], letters, header)
            if where is None and file != label:  # a workbook's cell: the other row by the sheet's row number
                other = rows_said("row", [first.line])
            elif header is not None:  # a CSV file: by its line
                other = rows_said("line", [first.line])
            else:  # a YAML list: by the record's number and its line
                other = Message("table.other_record", {"index": first.index, "line": first.line})
            named = "/".join(column_key(schema, k) for k in schema.key)
            problems.add(file, _in_record(in_record, row.index, Message("table.duplicate", {"key": named, "other": other})),
                         line=where, key=named, found="/".join(key))
        else:
            seen[key] = row
