"""The integrity check kinds a table schema may declare in `checks:`: their keys, and what
each needs of the columns it names. The checks themselves: check/integrity.py (facts that
disagree) and check/plausibility.py (facts that cannot be true, or are incomplete)."""

from __future__ import annotations

from ..model.messages import Message, Named
from ..model.vocabulary import DURATION_UNITS  # a duration column's unit: how many make a day

INTEGRITY_KEYS = {
    "row_sum": {"kind", "total", "parts"},
    "subtotals": {"kind", "marker", "group", "amounts"},
    "sum_equals": {"kind", "column", "table", "row", "join", "other"},
    "shares": {"kind", "column", "group"},
    "reference": {"kind", "column", "table", "to", "where"},
}
PLAUSIBILITY_KEYS = {
    "bounds": {"kind", "columns", "min", "max", "where"},
    "at_most": {"kind", "column", "limit", "less", "title", "unless"},
    "sum_at_most": {"kind", "column", "table", "other"},
    "dates_in_order": {"kind", "columns"},
    "not_before": {"kind", "column", "table", "join", "other"},
    "duration": {"kind", "column", "start", "end"},
    "term_ends": {"kind", "start", "months", "end"},
    "required_with": {"kind", "column", "with"},
    "equal": {"kind", "columns", "present"},
}
CHECK_KEYS = {**INTEGRITY_KEYS, **PLAUSIBILITY_KEYS}
REQUIRED_KEYS = {"row_sum": {"total", "parts"}, "subtotals": {"marker", "group", "amounts"},
                 "sum_equals": {"column", "table", "other"}, "shares": {"column", "group"},
                 "reference": {"column", "table", "to"}, "bounds": {"columns"}, "at_most": {"column", "limit"},
                 "sum_at_most": {"column", "table", "other"}, "dates_in_order": {"columns"},
                 "not_before": {"column", "table", "join", "other"}, "duration": {"column", "start", "end"},
                 "term_ends": {"start", "months", "end"}, "required_with": {"column", "with"},
                 "equal": {"columns"}}
_NUMBERS = ("integer", "number")


def check_problems(check: dict, columns: dict) -> list[tuple[str, Message, object]]:
    """What is wrong with one check of a schema: [(key, message, found)], each message a catalogue
    Message naming a column by its title and code; the columns of its own
    table it names are known to exist (table_schemas.py checks that first; those of another
    table are checked with every schema loaded, load/rulebook.py)."""
    kind, problems = check["kind"], []
    if kind == "sum_equals" and ("row" in check) == ("join" in check):
        problems.append((kind, Message("kind.row_or_join"), None))
    for key in ("join", "row"):
        if key in check and not (isinstance(check[key], dict) and (check[key] or key == "row")):
            problems.append((key, Message(f"kind.{key}"), check[key]))
    if kind not in PLAUSIBILITY_KEYS:
        return problems

    def want(names, types, what):
        for name in names:
            if name in columns and columns[name].type not in types:
                column = columns[name]
                a_type = Message("kind.an_type" if column.type[0] in "aeiou" else "kind.a_type", {"type": column.type})
                problems.append((kind, Message("kind.wrong_type", {"column": Named(name, column.title), "type": a_type,
                                                                   "what": Message(what)}), name))

    if kind == "bounds":
        want(as_list(check.get("columns")), _NUMBERS, "kind.numbers")
        for key in ("min", "max"):
            value = check.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                problems.append((key, Message("kind.is_number", {"key": key}), value))
        if check.get("min") is None and check.get("max") is None:
            problems.append((kind, Message("kind.bounds"), None))
        if not isinstance(check.get("where") or {}, dict):
            problems.append(("where", Message("kind.where"), check.get("where")))
    elif kind == "at_most":
        want([check.get("column"), check.get("limit"), *as_list(check.get("less"))], _NUMBERS, "kind.numbers")
        want([check["unless"]] if check.get("unless") else [], ("answer",), "kind.an_answer")
    elif kind == "sum_at_most":
        want([check.get("column")], _NUMBERS, "kind.numbers")
    elif kind == "dates_in_order":
        names = as_list(check.get("columns"))
        want(names, ("date", "integer"), "kind.dates_or_year")
        if len(names) < 2:
            problems.append(("columns", Message("kind.two_dates"), check.get("columns")))
    elif kind == "not_before":
        want([check.get("column")], ("date",), "kind.a_date")
    elif kind == "duration":
        want([check.get("start"), check.get("end")], ("date",), "kind.dates")
        want([check.get("column")], _NUMBERS, "kind.a_number")
        column = columns.get(check.get("column"))
        if column is not None and column.unit not in DURATION_UNITS:
            problems.append(("column", Message("kind.duration_unit", {
                "units": ", ".join(DURATION_UNITS), "column": Named(column.name, column.title), "unit": column.unit}),
                column.unit))
    elif kind == "term_ends":
        want([check.get("start"), check.get("end")], ("date",), "kind.dates")
        want([check.get("months")], ("integer",), "kind.months")
    elif kind == "required_with":
        if not as_list(check.get("with")):
            problems.append(("with", Message("kind.required_with"), check.get("with")))
    elif kind == "equal":
        if len(as_list(check.get("columns"))) < 2:
            problems.append(("columns", Message("kind.two_columns"), check.get("columns")))
    return problems


def named_columns(check: dict) -> list:
    """The columns of its own table a check names (not those of another table it refers to)."""
    names = [check.get(k) for k in ("total", "marker", "group", "column", "limit", "unless", "start", "end", "months")
             if check.get(k) is not None]
    names += as_list(check.get("parts")) + as_list(check.get("amounts")) + as_list(check.get("less"))
    names += as_list(check.get("columns")) + as_list(check.get("with")) + as_list(check.get("present"))
    if check["kind"] in PLAUSIBILITY_KEYS and isinstance(check.get("where"), dict):
        names += list(check["where"])
    if isinstance(check.get("join"), dict):
        names += list(check["join"])  # this table's columns; its values name the other table's
    return names


def as_list(value) -> list:
    """A key that lists names, or names one: always a list."""
    return list(value) if isinstance(value, list) else ([value] if value is not None else [])
