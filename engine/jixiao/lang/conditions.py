"""Conditions: checked against a table's columns and turned into a condition tree, with the
one meaning every part of jixiao gives them.

A condition tree is plain, hashable data with negation already pushed down to the leaves:

    ("and", (part, …))   ("or", (part, …))
    ("cmp", op, field, ("lit", value))       op: eq neq lt lte gt gte
    ("cmp", op, field, ("field", other))
    ("has", field)       ("lacks", field)    present(field) / missing(field)
    ("in", field, (value, …))   ("out", field, (value, …))   field in / not in a list

A rule over several tables has one tree at its top, a join (and no join below it):

    ("join", ((alias, table, absent, tree or None), …), ((alias, column, alias, column), …))

one row of each table that is not `absent`, each satisfying its own tree (over its own
columns; None: any row), equal in the joined columns; and, for each `absent` alias, no row
of its table satisfying its tree and equal in the columns joined to it. Each alias stands for
a different row: two aliases of one table never match the same row, and an absent alias looks
among the rows the others did not match (so "no other payment to the same payee" is written
with two aliases of one table). The first alias is the rule's own table, never absent.

Its meaning (`holds`): a comparison involving a missing value is false — so `not (x < 1)`
is false when x is missing — and a month-precision date compares as its last day. The rule
engine runs the same trees (jixiao.durable compiles them into durable-rules patterns, and
tests/test_differential.py holds the two to the same answers); the plain evaluation here is
what decides, without the engine, whether a fact is in a rule's scope at all (which facts a
rule reads, jixiao.check.suspect).
"""

from __future__ import annotations

import ast
import itertools
from decimal import Decimal
from typing import Mapping, Sequence

from ..model.expressions import Expr
from ..model.problems import did_you_mean
from ..model.tables import FieldKind
from ..model.values import is_iso_date
from .expressions import CONDITION_FUNCTIONS, ExprError, field_names
from .formulas import compute

_COMPARE = {ast.Eq: "eq", ast.NotEq: "neq", ast.Lt: "lt", ast.LtE: "lte", ast.Gt: "gt", ast.GtE: "gte"}
_NEGATED = {"eq": "neq", "neq": "eq", "lt": "gte", "lte": "gt", "gt": "lte", "gte": "lt"}
_MIRRORED = {"eq": "eq", "neq": "neq", "lt": "gt", "lte": "gte", "gt": "lt", "gte": "lte"}


def condition_tree(expr: Expr, field_kinds: Mapping[str, FieldKind]) -> tuple:
    """The condition tree of a condition over one fact table.

    `field_kinds` maps each column of the table to its kind, so that unknown names and
    literals of the wrong type are refused here (ExprError), before any fact is read.
    """
    return _Checker(field_kinds).condition(expr.tree, negate=False)


def all_of(*parts: tuple) -> tuple:
    """The conjunction of condition trees (one part stands alone)."""
    return _combine("and", list(parts))


def picked_by(tree: tuple, columns: set[str]) -> tuple[str, tuple] | None:
    """(column, values) when the condition, at its top level (alone or one term of an `and`),
    holds only for rows whose `column`, one of `columns`, is one of those literal values
    (`id == "x"`, `id in ["x", "y"]`): the facts it is about, as a working paper picks them to
    show; else None. Nothing is evaluated."""
    parts = tree[1] if tree[0] == "and" else (tree,)
    for part in parts:
        if part[0] == "cmp" and part[1] == "eq" and part[2] in columns and part[3][0] == "lit":
            return part[2], (part[3][1],)
        if part[0] == "in" and part[1] in columns:
            return part[1], tuple(part[2])
    return None


def own_fields(tree: tuple) -> set[str]:
    """The columns of its own table a condition compares: tree_fields, or of a join, the columns
    of its first alias (the rule's own facts) that its condition reads and that it is joined on,
    without the alias."""
    if tree[0] != "join":
        return tree_fields(tree)
    alias = tree[1][0][0]
    return {name.split(".", 1)[1] for name in tree_fields(tree) if name.startswith(alias + ".")}


def tree_fields(tree: tuple) -> set[str]:
    """The fields a condition tree reads; of a join, as alias.column."""
    kind = tree[0]
    if kind == "join":
        return {f"{alias}.{name}" for alias, _, _, own in tree[1] if own is not None for name in tree_fields(own)} \
            | {f"{alias}.{column}" for a, x, b, y in tree[2] for alias, column in ((a, x), (b, y))}
    if kind in ("and", "or"):
        return set().union(*(tree_fields(part) for part in tree[1]))
    if kind == "cmp":
        other = tree[3]
        return {tree[2], *([other[1]] if other[0] == "field" else [])}
    return {tree[1]}


class _Checker:
    def __init__(self, fields: Mapping[str, FieldKind]):
        self.fields = fields

    def condition(self, node: ast.expr, negate: bool) -> tuple:
        if isinstance(node, ast.BoolOp):
            conjunction = isinstance(node.op, ast.And) != negate
            parts = [self.condition(v, negate) for v in node.values]
            return _combine("and" if conjunction else "or", parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.condition(node.operand, not negate)
        if isinstance(node, ast.Compare):
            lefts = [node.left, *node.comparators[:-1]]
            parts = [self.comparison(l, op, r, negate) for l, op, r in zip(lefts, node.ops, node.comparators)]
            return _combine("or" if negate else "and", parts)
        if isinstance(node, ast.Call) and node.func.id in CONDITION_FUNCTIONS:
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
                raise ExprError(f"{node.func.id}() takes one field name")
            name = self.field(node.args[0])
            exists = (node.func.id == "present") != negate
            return ("has" if exists else "lacks", name)
        raise ExprError(f"'{ast.unparse(node)}' is not a condition; compare a field, "
                        "e.g. answer == \"no\"")

    def comparison(self, left: ast.expr, op: ast.cmpop, right: ast.expr, negate: bool) -> tuple:
        if isinstance(op, (ast.In, ast.NotIn)):
            return self.membership(left, op, right, negate)
        left, operator, right = _normalize(left, op, right, negate)
        name = self.field(left)
        return ("cmp", operator, name, self.operand(right, self.fields[name], name))

    def membership(self, left, op, right, negate) -> tuple:
        if not isinstance(left, ast.Name) or not isinstance(right, (ast.List, ast.Tuple)):
            raise ExprError("use 'field in [\"a\", \"b\"]' with a list of literals")
        name = self.field(left)
        values = [self.literal(item, self.fields[name], name) for item in right.elts]
        if not values:
            raise ExprError("'in' needs at least one value")
        return ("in" if isinstance(op, ast.In) != negate else "out", name, tuple(values))

    def field(self, node: ast.Name) -> str:
        if node.id not in self.fields:
            raise ExprError(f"unknown field '{node.id}'{did_you_mean(node.id, self.fields)}; "
                            f"fields: {', '.join(sorted(self.fields))}")
        return node.id

    def operand(self, node: ast.expr, expected: FieldKind, against: str) -> tuple:
        if isinstance(node, ast.Name):
            other = self.field(node)
            if self.fields[other].kind != expected.kind:
                raise ExprError(f"'{against}' ({expected.kind}) compared with "
                                f"'{other}' ({self.fields[other].kind})")
            return ("field", other)
        if isinstance(node, ast.BinOp):
            if field_names(node):
                raise ExprError(f"'{ast.unparse(node)}': arithmetic on fields is not allowed in conditions "
                                "(the engine would compute it in binary floating point); compare with a "
                                "derived column, or put the arithmetic in the deduction formula")
            if expected.kind != "number":
                raise ExprError(f"arithmetic compared with '{against}', which is {expected.kind}")
            return ("lit", self.literal(ast.Constant(_fold(node)), expected, against))
        return ("lit", self.literal(node, expected, against))

    def literal(self, node: ast.expr, expected: FieldKind, against: str):
        value = _literal_value(node)
        if expected.kind == "number":
            if isinstance(value, str):
                raise ExprError(f"'{against}' is a number, compared with text {value!r}")
        elif isinstance(value, (int, float)):
            raise ExprError(f"'{against}' is {expected.kind}, compared with number {value!r}; "
                            "quote it if you mean text")
        elif expected.kind == "date" and not is_iso_date(value):
            raise ExprError(f"'{against}' is a date; write dates as \"YYYY-MM-DD\", found {value!r}")
        if expected.allowed and value not in expected.allowed:
            raise ExprError(f"'{against}' is never {value!r}{did_you_mean(value, expected.allowed)}; "
                            f"allowed: {', '.join(map(str, expected.allowed))}")
        return value


def _normalize(left: ast.expr, op: ast.cmpop, right: ast.expr, negate: bool):
    """(field, operator, other side): the field first, negation folded into the operator."""
    operator = _COMPARE[type(op)]
    if not isinstance(left, ast.Name) and isinstance(right, ast.Name):
        left, right, operator = right, left, _MIRRORED[operator]
    if not isinstance(left, ast.Name):
        raise ExprError(f"'{ast.unparse(left)}': one side of a comparison must be a field")
    return left, (_NEGATED[operator] if negate else operator), right


def _literal_value(node: ast.expr):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) \
            and isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float)):
        return -node.operand.value if isinstance(node.op, ast.USub) else node.operand.value
    raise ExprError(f"'{ast.unparse(node)}' must be a field, a number or quoted text")


def _fold(node: ast.BinOp) -> float:
    """Arithmetic on literals (and bound parameters), computed once, in decimal."""
    value = compute(Expr(ast.unparse(node), node), {})
    if not value.is_finite():
        raise ExprError(f"'{ast.unparse(node)}' is not a finite number")
    return float(value)


def _combine(operator: str, parts: list[tuple]) -> tuple:
    return parts[0] if len(parts) == 1 else (operator, tuple(parts))


# ---------------------------------------------------------------- what a tree means

_MISSING = object()
_TESTS = {"eq": lambda a, b: a == b, "neq": lambda a, b: a != b, "lt": lambda a, b: a < b,
          "lte": lambda a, b: a <= b, "gt": lambda a, b: a > b, "gte": lambda a, b: a >= b}


def holds(tree: tuple, values: Mapping[str, object]) -> bool:
    """Whether a condition tree holds for one fact's values ({column: value}, None or absent
    for a missing value). For a join: `values` maps each alias to its row's values, and each
    absent alias to the values of every row of its table (a sequence of mappings, holding the
    very mappings of the matched rows of that table: a row is told apart by identity)."""
    kind = tree[0]
    if kind == "join":
        return _join_holds(tree, values)
    if kind == "and":
        return all(holds(part, values) for part in tree[1])
    if kind == "or":
        return any(holds(part, values) for part in tree[1])
    if kind in ("has", "lacks"):
        return (values.get(tree[1]) is not None) == (kind == "has")
    if kind in ("in", "out"):  # a missing value is in no list, and not out of one either
        value = _value(values.get(tree[1]))
        return value is not _MISSING and (value in [_literal(v) for v in tree[2]]) == (kind == "in")
    _, operator, name, (side, other) = tree
    a = _value(values.get(name))
    b = _value(values.get(other)) if side == "field" else _literal(other)
    return a is not _MISSING and b is not _MISSING and _TESTS[operator](a, b)


def may_hold(tree: tuple, values: Mapping[str, object], unknown: set) -> bool | None:
    """`holds` in three-valued logic: True, False, or None when the answer turns on a value
    in `unknown` (one that cannot be trusted; of a join, named alias.column)."""
    if not tree_fields(tree) & unknown:
        return holds(tree, values)
    kind = tree[0]
    if kind in ("and", "or"):
        parts = [may_hold(part, values, unknown) for part in tree[1]]
        decisive = kind == "or"
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    return None


def _value(value):
    if value is None:
        return _MISSING
    return getattr(value, "latest", value)  # a month-precision date compares as its last day


def _literal(value):
    return Decimal(str(value)) if isinstance(value, (int, float)) else value


def _join_holds(tree: tuple, values: Mapping[str, object]) -> bool:
    parts, on = tree[1], tree[2]
    absent = {alias for alias, _, missing, _ in parts if missing}
    rows = {alias: values[alias] for alias, _, missing, _ in parts if not missing}
    if not all(own is None or holds(own, rows[alias]) for alias, _, missing, own in parts if not missing):
        return False
    if not all(_equal(rows[a], x, rows[b], y) for a, x, b, y in on if a not in absent and b not in absent):
        return False
    taken = {id(row) for row in rows.values()}
    if len(taken) < len(rows):  # one row in two aliases
        return False
    for alias, _, _, own in (p for p in parts if p[2]):
        joined = [(x, b, y) if a == alias else (y, a, x) for a, x, b, y in on if alias in (a, b)]
        if any(id(row) not in taken and (own is None or holds(own, row))
               and all(_equal(row, mine, rows[other], theirs) for mine, other, theirs in joined)
               for row in values[alias]):
            return False
    return True


def _equal(row: Mapping, column: str, other: Mapping, other_column: str) -> bool:
    """A join equality: false when either value is missing (as every comparison)."""
    a, b = _value(row.get(column)), _value(other.get(other_column))
    return a is not _MISSING and b is not _MISSING and a == b


def combinations(tree: tuple, tables: Mapping[str, Sequence]) -> list[tuple]:
    """The plain meaning of a join over a case's facts: every combination of one Fact per
    alias that is not absent (in the order of the aliases) for which the join holds.
    `tables`: table name -> its Facts (anything with `.values`)."""
    parts = tree[1]
    positive = [(alias, table) for alias, table, absent, _ in parts if not absent]
    values = {alias: [row.values for row in tables.get(table, ())] for alias, table, absent, _ in parts if absent}
    found = []
    for rows in itertools.product(*(tables.get(table, ()) for _, table in positive)):
        if holds(tree, {**values, **{alias: row.values for (alias, _), row in zip(positive, rows)}}):
            found.append(rows)
    return found
