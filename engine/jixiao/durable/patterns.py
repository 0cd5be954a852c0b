"""Condition trees (jixiao.lang.conditions) as durable-rules patterns.

The only place that knows durable-rules' pattern syntax ($and, $ex, $m …) and the
properties the engine reserves on every fact.
"""

from __future__ import annotations

# Properties the engine itself uses on every fact; a column of that name is renamed.
ENGINE_PROPERTIES = {"id", "sid", "t"}


def engine_field(name: str) -> str:
    """The property name a column has inside durable-rules (`id` -> `id_`)."""
    return f"{name}_" if name in ENGINE_PROPERTIES else name


_OPERATORS = {"eq": "$eq", "neq": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


def pattern(tree: tuple) -> dict:
    """The durable-rules expression of a condition tree (jixiao.lang.conditions) over one fact.

    A comparison with a missing value is false: durable-rules would match a reference to a
    missing property ($m), so every compared property is required to exist ($ex)."""
    kind = tree[0]
    if kind in ("and", "or"):
        return _combine(f"${kind}", [pattern(part) for part in tree[1]])
    if kind in ("has", "lacks"):
        return {"$ex" if kind == "has" else "$nex": {engine_field(tree[1]): 1}}
    if kind == "in":  # equality fails on a missing property: no $ex needed
        return _combine("$or", [{engine_field(tree[1]): value} for value in tree[2]])
    if kind == "out":
        key = engine_field(tree[1])
        return _combine("$and", [{"$ex": {key: 1}}, *({"$neq": {key: value}} for value in tree[2])])
    _, operator, name, (side, other) = tree
    key = engine_field(name)
    compared = [key]
    if side == "field":
        value = {"$m": engine_field(other)}
        compared.append(value["$m"])
    else:
        value = other
    test = {key: value} if operator == "eq" and side == "lit" else {_OPERATORS[operator]: {key: value}}
    return _combine("$and", [*({"$ex": {field: 1}} for field in compared), test])


def _combine(operator: str, parts: list[dict]) -> dict:
    return parts[0] if len(parts) == 1 else {operator: parts}


def join_patterns(tree: tuple, gate: dict) -> list[dict]:
    """The durable-rules patterns of a join tree (jixiao.lang.conditions): one per alias, in the
    order of its aliases, the absent ones last as negated patterns (`alias$not`).

    Each join equality is tested in the pattern of the later of its two aliases, as a reference
    to the earlier one's property; both properties must exist, except an outer one a negated
    pattern refers to (a missing value equals no row, so no row is there: as the plain meaning).
    durable-rules checks a negation when the patterns before it match, so a fact asserted later
    would not undo a match: a rule with a negation starts with `gate`, a pattern for the fact
    asserted after all others."""
    parts, on = tree[1], tree[2]
    ordered = [p for p in parts if not p[2]] + [p for p in parts if p[2]]
    position = {alias: index for index, (alias, *_rest) in enumerate(ordered)}
    absent = {alias for alias, _, missing, _ in parts if missing}
    tests: dict[str, list[dict]] = {alias: [] for alias in position}
    for a, x, b, y in on:
        (early, early_column), (late, late_column) = sorted(((a, x), (b, y)), key=lambda side: position[side[0]])
        key, other = engine_field(late_column), engine_field(early_column)
        tests[late] += [{"$ex": {key: 1}}, {key: {early: other}}]
        if late not in absent:
            tests[early].append({"$ex": {other: 1}})
    patterns = [gate] if absent else []
    for alias, table, missing, own in ordered:
        # the references first: after a nested $and or $or, durable-rules ignores a reference
        # (every pair of facts matched; tests/test_engine.py keeps the case)
        conditions = [{"t": table}, *tests[alias], *([pattern(own)] if own is not None else [])]
        patterns.append({f"{alias}$not" if missing else alias: _combine("$and", conditions)})
    return patterns
