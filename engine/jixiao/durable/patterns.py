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
