"""The integrity check kinds a table schema may declare in `checks:`: their keys, and what
each needs of the columns it names. The checks themselves: engine/integrity.py (facts that
disagree) and engine/plausibility.py (facts that cannot be true)."""

from __future__ import annotations

INTEGRITY_KEYS = {
    "row_sum": {"kind", "total", "parts"},
    "subtotals": {"kind", "marker", "group", "amounts"},
    "sum_equals": {"kind", "column", "table", "row", "other"},
    "shares": {"kind", "column", "group"},
    "reference": {"kind", "column", "table", "to", "where"},
}
PLAUSIBILITY_KEYS = {
    "bounds": {"kind", "columns", "min", "max", "where"},
    "at_most": {"kind", "column", "limit", "less", "title", "unless"},
    "sum_at_most": {"kind", "column", "table", "other"},
    "dates_in_order": {"kind", "columns"},
}
CHECK_KEYS = {**INTEGRITY_KEYS, **PLAUSIBILITY_KEYS}
REQUIRED_KEYS = {"row_sum": {"total", "parts"}, "subtotals": {"marker", "group", "amounts"},
                 "sum_equals": {"column", "table", "row", "other"}, "shares": {"column", "group"},
                 "reference": {"column", "table", "to"}, "bounds": {"columns"}, "at_most": {"column", "limit"},
                 "sum_at_most": {"column", "table", "other"}, "dates_in_order": {"columns"}}
_NUMBERS = ("integer", "number")


def check_problems(check: dict, columns: dict) -> list[tuple[str, str, object]]:
    """What is wrong with one plausibility check of a schema: [(key, message, found)]; the
    columns it names are known to exist (tables.py checks that first)."""
    kind, problems = check["kind"], []
    if kind not in PLAUSIBILITY_KEYS:
        return problems

    def want(names, types, what):
        for name in names:
            if name in columns and columns[name].type not in types:
                article = "an" if columns[name].type[0] in "aeiou" else "a"
                problems.append((kind, f"{name} is {article} {columns[name].type} column; this check needs {what}", name))

    if kind == "bounds":
        want(as_list(check.get("columns")), _NUMBERS, "numbers")
        for key in ("min", "max"):
            value = check.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                problems.append((key, f"'{key}' is a number", value))
        if check.get("min") is None and check.get("max") is None:
            problems.append((kind, "a bounds check needs 'min' or 'max'", None))
        if not isinstance(check.get("where") or {}, dict):
            problems.append(("where", "'where' maps columns to a value or a list of values", check.get("where")))
    elif kind == "at_most":
        want([check.get("column"), check.get("limit"), *as_list(check.get("less"))], _NUMBERS, "numbers")
        want([check["unless"]] if check.get("unless") else [], ("answer",), "an answer (yes / no)")
    elif kind == "sum_at_most":
        want([check.get("column")], _NUMBERS, "numbers")
    elif kind == "dates_in_order":
        names = as_list(check.get("columns"))
        want(names, ("date",), "dates")
        if len(names) < 2:
            problems.append(("columns", "dates_in_order lists at least two date columns", check.get("columns")))
    return problems


def named_columns(check: dict) -> list:
    """The columns of its own table a check names (not those of another table it refers to)."""
    names = [check.get(k) for k in ("total", "marker", "group", "column", "limit", "unless") if check.get(k) is not None]
    names += as_list(check.get("parts")) + as_list(check.get("amounts")) + as_list(check.get("less"))
    names += as_list(check.get("columns"))
    if check["kind"] in PLAUSIBILITY_KEYS and isinstance(check.get("where"), dict):
        names += list(check["where"])
    return names


def as_list(value) -> list:
    """A key that lists names, or names one: always a list."""
    return list(value) if isinstance(value, list) else ([value] if value is not None else [])
