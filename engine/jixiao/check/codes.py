"""The codes a scheme's rules look for in a table's key (指标代码 completed, an observation's id
teaching …), and the rows that give another code where one of them is missing: a row the
rules never read, although the user meant it for them (a typo, a Chinese name for the code).

    expected_codes(rules, scheme, schemas, 2023)   # {("targets", "metric"): {"completed": "工程完工率", …}, …}
    unknown_codes(case, expected, schemas)         # [IntegrityNote, …]
"""

from __future__ import annotations

from typing import Iterator

from ..model.facts import Case
from ..model.messages import Joined, Message, Named
from ..model.problems import closest
from ..model.results import IntegrityNote
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..model.tables import TableSchemas

UNKNOWN_CODE = "unknown_code"  # the check an IntegrityNote of this module names


def expected_codes(rules: list[Rule], scheme: Scheme, schemas: TableSchemas,
                   year: int) -> dict[tuple[str, str], dict[str, str]]:
    """(observed table, key column) -> {code: the name of the leaf whose rule looks for it}, in
    the rules' order: each code a rule's requirement (else its condition) compares a text key
    column with (== or in), in the year's version. A derived table's key column stands for the
    same key column of each table it is derived from (metric_results.metric: targets.metric,
    outcomes.metric)."""
    leaves = scheme.rule_leaves()
    found: dict[tuple[str, str], dict[str, str]] = {}
    for rule in rules:
        if rule.aliases:
            continue
        leaf = scheme.indicators.get(rule.indicator or leaves.get(rule.id, ""))
        if leaf is None:
            continue
        for place, codes in _places(rule, schemas, year):
            for code in codes:
                found.setdefault(place, {}).setdefault(code, leaf.name)
    return found


KEPT = 4096  # rules whose places are kept (then forgotten, and found again)
_KEPT: dict[tuple, tuple] = {}  # (ids of the rule, schemas, year) -> (them, the rule's places)


def _places(rule: Rule, schemas: TableSchemas, year: int) -> tuple:
    """((observed table, key column), (code, …)) of each code the rule looks for, in order:
    found once per rule object and year (the entry keeps it alive: its id is not reused), not
    for every case (a rule never changes)."""
    key = (id(rule), id(schemas), year)
    known = _KEPT.get(key)
    if known is not None:
        return known[-1]
    places = []
    schema = schemas.tables.get(rule.table)
    if schema is not None:
        tree = rule.requirement_for(year) or rule.condition_in(year)
        observed = [o for needed in (schema.inputs if schema.derived else (rule.table,))
                    for o in (needed if isinstance(needed, tuple) else (needed,))]
        for column, codes in _literals(tree):
            if column not in schema.key:
                continue
            for table in observed:
                own = schemas.tables.get(table)
                if own is not None and column in own.key and own.columns[column].type == "text":
                    places.append(((table, column), tuple(str(code) for code in codes)))
    if len(_KEPT) >= KEPT:
        _KEPT.clear()
    _KEPT[key] = (rule, schemas, tuple(places))
    return _KEPT[key][-1]


def _literals(tree: tuple) -> Iterator[tuple[str, tuple]]:
    """(column, codes) of each equality or membership test of a condition tree."""
    kind = tree[0]
    if kind in ("and", "or"):
        for part in tree[1]:
            yield from _literals(part)
    elif kind == "cmp" and tree[1] == "eq" and tree[3][0] == "lit" and isinstance(tree[3][1], str):
        yield tree[2], (tree[3][1],)
    elif kind == "in":
        yield tree[1], tuple(v for v in tree[2] if isinstance(v, str))


def unknown_codes(case: Case, expected: dict[tuple[str, str], dict[str, str]],
                  schemas: TableSchemas) -> list[IntegrityNote]:
    """A note for each row whose code is none the scheme looks for, in a table where a code it
    looks for is missing: the row was likely meant for it, and its leaf cannot be assessed.
    The note names the file and row (its evidence), the column with its Chinese title, what
    was found, the codes looked for (with their leaves' names) and the nearest missing one.
    Nothing is in doubt (no cells): no score rests on the row either way."""
    notes = []
    for (table, column), codes in expected.items():
        rows = case.tables.get(table, [])
        present = {row.values.get(column) for row in rows}
        missing = [code for code in codes if code not in present]
        if not missing:
            continue
        schema = schemas.tables[table]
        spec = schema.columns[column]
        named = Named(column, spec.title)
        allowed = Joined(tuple(f"{code}（{name}）" for code, name in codes.items()))
        by_name = {name: code for code, name in codes.items() if code in missing}
        for row in rows:
            value = row.values.get(column)
            if value is None or value in codes:
                continue
            guess = closest(str(value), missing) or by_name.get(closest(str(value), by_name) or "")
            meant = Message("codes.meant", {"code": guess, "name": codes[guess]}) if guess else ""
            notes.append(IntegrityNote(UNKNOWN_CODE, table, Message("codes.unknown", {
                "table": Named(table, schema.title), "column": named, "found": value, "allowed": allowed,
                "missing": Joined(tuple(missing)), "meant": meant}), (row,)))
    return notes
