"""The names people give tables and columns: the schema's codes (`disbursements`,
`paid_amount`), its Chinese titles (实际拨付金额), and the data-collection workbook's forms
(a sheet named by the title's head, 市口岸办向主运维商拨付运维补贴资金，按批次; a header
`*实际拨付金额（万元）`: required, with its unit). Each is turned back into the code here, so
that every reader (CSV, YAML, workbook) and the template agree on one set of names.
"""

from __future__ import annotations

import re

from ..model.tables import Column, TableSchema

SHEET_NAME_LIMIT = 31  # characters Excel allows in a sheet name
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
REQUIRED_MARK = "*"  # before a required column's header in the data-collection workbook


def sheet_title(schema: TableSchema) -> str:
    """The sheet name of a table in the data-collection workbook: its title up to the first
    bracket (运维补贴资金测算，按会计科目), as Excel allows (≤ 31 characters, no []:*?/\\);
    the code when the table has no title."""
    return _sheet_name(schema.title) or schema.name


def _sheet_name(title: str) -> str:
    head = re.split(r"[（(]", title, maxsplit=1)[0].strip()
    return _SHEET_FORBIDDEN.sub("", head)[:SHEET_NAME_LIMIT].strip()


def header_title(column: Column) -> str:
    """A column's header in the data-collection workbook: its title with its unit,
    实际拨付金额（万元）, marked *实际拨付金额（万元） when required; the code when untitled."""
    text = column.title or column.name
    if column.unit:
        text += f"（{column.unit}）"
    return (REQUIRED_MARK if column.required else "") + text


def plain_name(text: str) -> str:
    """A name compared loosely: no spaces, brackets as the full-width ones Chinese text uses."""
    return re.sub(r"\s+", "", str(text)).replace("(", "（").replace(")", "）").replace(",", "，")


def table_names(tables: dict) -> dict[str, str]:
    """Every name of an observed table -> its code: the code, the full title and the sheet title,
    and each title it had before and that title's sheet name (a workbook collected then)."""
    names: dict[str, str] = {}
    for code, schema in tables.items():
        if getattr(schema, "derived", False):
            continue
        for name in (schema.title, sheet_title(schema)):
            if name:
                names.setdefault(plain_name(name), code)
    for code, schema in tables.items():  # (after every current title: a current one wins)
        if getattr(schema, "derived", False):
            continue
        for former in getattr(schema, "former_titles", ()):
            for name in (former, _sheet_name(former)):
                if name:
                    names.setdefault(plain_name(name), code)
    for code, schema in tables.items():  # a code wins over a title spelt like it
        names[plain_name(code)] = code
    return names


def table_code(name: str, tables: dict) -> str:
    """The code of the table a file or sheet is named after (its code or Chinese title), else `name`."""
    if name in tables:
        return name
    return _table_names(id(tables), tables).get(plain_name(name), name)


_CACHE: dict[int, tuple] = {}


def _table_names(key: int, tables: dict) -> dict[str, str]:
    entry = _CACHE.get(key)
    if entry is None or entry[0] is not tables or entry[1] != len(tables):
        entry = _CACHE[key] = (tables, len(tables), table_names(tables))
    return entry[2]


def column_names(schema: TableSchema) -> dict[str, str]:
    """Every header a column may be given -> its code: the code, the title, the title with
    its unit (实际拨付金额（万元）, 实际拨付金额(万元)), each perhaps marked required (*)."""
    entry = _COLUMNS.get(id(schema))
    if entry is not None and entry[0] is schema:
        return entry[1]
    names: dict[str, str] = {}
    for code, column in schema.columns.items():
        if column.title:
            names.setdefault(plain_name(column.title), code)
            names.setdefault(plain_name(header_title(column).lstrip(REQUIRED_MARK)), code)
    for code in schema.columns:  # a code wins over a title spelt like it
        names[code] = code
    _COLUMNS[id(schema)] = (schema, names)
    return names


_COLUMNS: dict[int, tuple] = {}  # id(schema) -> (schema, its names): schemas live as long as the rules


def column_code(schema, text):
    """The code of the column a header cell names (code, title, or title（unit）, with or without *),
    else the header as written (an unknown column, reported as such). Non-text cells pass through."""
    if schema is None or not isinstance(text, str):
        return text
    stripped = text.strip()
    if stripped in schema.columns:
        return stripped
    plain = plain_name(stripped)
    names = column_names(schema)
    found = names.get(plain)
    if found is None and plain.startswith(REQUIRED_MARK):
        found = names.get(plain[len(REQUIRED_MARK):])
    return found if found is not None else text


def column_label(column: Column | None, name: str = "") -> str:
    """A column as messages name it: its title, code and unit, 实际拨付金额（paid_amount，万元）;
    the code alone when the schema gives no title (or `name` when the column is unknown)."""
    if column is None:
        return name
    inside = "，".join(part for part in (column.name, column.unit) if part)
    return f"{column.title}（{inside}）" if column.title else column.name


def abbreviated(name: str, titles) -> str | None:
    """The one title that holds every character of `name` in order (拨付批次 in
    市口岸办向主运维商拨付运维补贴资金，按批次; 拨付金 in 实际拨付金额): what a shortened name means,
    else None."""
    def holds(title: str) -> bool:
        rest = iter(title)
        return all(char in rest for char in name)
    found = [title for title in titles if len(name) >= 2 and holds(title)]
    return found[0] if len(found) == 1 else None


def bare_header(text: str) -> str:
    """A header without its required mark and its unit: *实际拨付金額（万元） -> 实际拨付金額."""
    return re.sub(r"\s*[（(][^（）()]*[）)]?\s*$", "", plain_name(text).lstrip(REQUIRED_MARK)) or plain_name(text)
