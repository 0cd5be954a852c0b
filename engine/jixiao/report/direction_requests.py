"""Why a leaf whose method cannot read its target's direction was not assessed, in the user's
words: the row of the fact file that sets the target (targets.yaml row 3, or a form's cell), its
direction column by its Chinese title (方向), the direction found, the directions the method
reads, and the methods of the rule book that read the one found.

A method states the directions it reads in its conditions (Rule.directions; the engine decides
that the leaf cannot be assessed): this only says which row made it so, as a rule's `request:`
(written for any case) cannot.
"""

from __future__ import annotations

from ..lang.conditions import holds
from ..model.messages import Joined, Message, Named
from ..model.rules import DIRECTION, without_direction


def direction_request(result, rule, t: dict) -> str | None:
    """The request for `rule`'s leaf when the rule could not assess because the target it would
    read states a direction it does not read (`t`: the report labels, for the language and the
    directions' words); None otherwise (the rule's own request applies)."""
    if not rule.directions or rule.id not in {r.id for r in result.cannot_assess}:
        return None
    tree = rule.requirement_for(result.case.year)
    if tree is None:
        return None
    relaxed = without_direction(tree)
    rows = [row for row in result.tables.get(rule.table, ())
            if row.values.get(DIRECTION) not in rule.directions and holds(relaxed, row.values)]
    if not rows:
        return None  # something else is missing (a value, a unit): the rule's request says what
    return t["notes_sep"].join(_said(result, rule, row, t) for row in rows)


def _said(result, rule, row, t: dict) -> str:
    lang, words = t["lang"], t["wp_codes"]
    found = str(row.values[DIRECTION])
    source = (row.derived_from or (row,))[0]
    readers = [r for r in result.readers.get(found, ()) if r != (rule.method or rule.id)]
    params = {
        "where": _where(source, lang), "column": _column(result, source), "text": row.values.get("text", ""),
        "metric": row.values.get("metric", ""), "found": found, "found_words": words.get(found, found),
        "rule": rule.method or rule.id,
        "reads": Joined(tuple(f"{d}（{words.get(d, d)}）" if lang == "zh" else f"{d} ({words.get(d, d)})"
                              for d in rule.directions)),
        "readers": (Message("direction_request.readers", {"found": found, "methods": Joined(tuple(readers))})
                    if readers else Message("direction_request.no_reader", {"found": found})),
    }
    return Message("direction_request.unread", params).render(lang)


def _where(source, lang: str) -> str:
    """The cell (form.xlsx[自评表]!E13) when the reader noted it, else the file and row."""
    cell = source.values.get("target_cell")
    if cell:
        return f"{source.file}!{cell}"
    return Message("form_request.place_row", {"file": source.file, "line": source.line}).render(lang)


def _column(result, source) -> Named:
    """The column that states the direction in the source's table: its own `direction` (targets:
    方向), else the target as written (a form's 年度指标值, whose sign gives it)."""
    schema = result.schemas.get(source.table) if result.schemas is not None else None
    columns = schema.columns if schema is not None else {}
    for name in (DIRECTION, "target"):
        if name in columns:
            return Named(name, columns[name].title)
    return Named(DIRECTION)
