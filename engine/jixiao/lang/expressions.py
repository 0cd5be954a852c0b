"""The rule language's expressions: one restricted parser for conditions and formulas.

Rule authors write conditions and formulas as expressions over the fields of one fact
table, for example::

    role == "collaborating" and separate_account == "no"
    paid_date > due_date
    weight * share_of_paid

Only these forms are accepted: field names, numbers, strings, lists of literals,
`and` / `or` / `not`, comparisons (== != < <= > >= in, not in), + - * /, `x if c else y`
and the functions in FUNCTIONS (min, max, abs; in formulas also round(x, n) half up, floor(x),
ceil(x)). No attribute access, subscripts, imports, lambdas or other calls: nothing in a rule file can run code. Conditions are checked and turned into
condition trees by jixiao.lang.conditions; formulas are computed by jixiao.lang.formulas.
"""

from __future__ import annotations

import ast
import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Callable, Mapping

from ..model.expressions import Expr

CONDITION_FUNCTIONS = {"present", "missing"}
MAX_PLACES = 10


def _round(value: Decimal, places: Decimal = Decimal(0)) -> Decimal:
    """round(x, n): x to n decimal places, half up (0.5 → 1, 2.675 → 2.68), as scores are
    rounded; n a whole number from 0 to MAX_PLACES."""
    if places != places.to_integral_value() or not 0 <= places <= MAX_PLACES:
        raise ExprError(f"round(x, n): n is a whole number of decimal places from 0 to {MAX_PLACES}, got {places}")
    return value.quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)


def _floor(value: Decimal) -> Decimal:
    return value.to_integral_value(ROUND_FLOOR)


def _ceil(value: Decimal) -> Decimal:
    return value.to_integral_value(ROUND_CEILING)


FORMULA_FUNCTIONS: dict[str, Callable] = {"min": min, "max": max, "abs": abs,
                                          "round": _round, "floor": _floor, "ceil": _ceil}
ARITY = {"abs": (1, 1), "present": (1, 1), "missing": (1, 1), "floor": (1, 1), "ceil": (1, 1), "round": (1, 2)}
FUNCTIONS = CONDITION_FUNCTIONS | set(FORMULA_FUNCTIONS)
_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
    ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn,
    ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Name, ast.Load, ast.Constant,
    ast.List, ast.Tuple, ast.IfExp, ast.Call,
)
MAX_LENGTH = 2000
MAX_DEPTH = 40


class ExprError(ValueError):
    """An expression that is not allowed or does not fit the facts it reads."""


def parse(source: object) -> Expr:
    """Parse an expression, refusing every construct outside the whitelist."""
    if isinstance(source, bool) or not isinstance(source, (str, int, float)):
        raise ExprError(f"expected an expression (text), found {type(source).__name__}")
    text = str(source).strip()
    if not text:
        raise ExprError("empty expression")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"syntax error at column {exc.offset}: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("expression too deeply nested or malformed") from None
    if _depth(tree) > MAX_DEPTH:
        raise ExprError(f"expression nested more than {MAX_DEPTH} levels deep")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ExprError(f"{_describe(node)} is not allowed in rule expressions")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise ExprError(f"only these functions may be called: {', '.join(sorted(FUNCTIONS))}")
            if node.keywords:
                raise ExprError("keyword arguments are not allowed")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise ExprError(f"names may not start with '_': {node.id}")
        if isinstance(node, ast.Constant) and (isinstance(node.value, bool)
                                               or not isinstance(node.value, (str, int, float))):
            raise ExprError(f"literal {node.value!r} is not allowed; use numbers or quoted text")
        if isinstance(node, ast.Constant) and isinstance(node.value, float) and not math.isfinite(node.value):
            raise ExprError(f"number {ast.unparse(node)} is out of range")
        if isinstance(node, ast.Call):
            arity = ARITY.get(node.func.id, (2, 10))
            if not arity[0] <= len(node.args) <= arity[1]:
                raise ExprError(f"{node.func.id}() takes {arity[0]}" + (f" to {arity[1]}" if arity[1] != arity[0] else "")
                                + f" argument{'s' if arity[1] > 1 else ''}, got {len(node.args)}")
    return Expr(text, tree.body, frozenset(field_names(tree.body)))


def _depth(node: ast.AST) -> int:
    depth, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        depth = max(depth, level)
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(current))
    return depth


def _describe(node: ast.AST) -> str:
    kinds = {ast.Attribute: "attribute access (a.b)", ast.Subscript: "subscripts (a[b])",
             ast.Lambda: "lambda", ast.ListComp: "comprehensions", ast.GeneratorExp: "generators",
             ast.Dict: "dict literals", ast.Starred: "* unpacking", ast.NamedExpr: ":=",
             ast.Pow: "**", ast.Mod: "%", ast.FloorDiv: "//", ast.JoinedStr: "f-strings"}
    for kind, text in kinds.items():
        if isinstance(node, kind):
            return text
    return type(node).__name__


def bind(expr: Expr, values: Mapping[str, object]) -> Expr:
    """The expression with the named parameters replaced by their values (as literals)."""
    class Bind(ast.NodeTransformer):
        def visit_Name(self, node):
            if node.id in values:
                value = values[node.id]
                return ast.Constant(float(value) if isinstance(value, Decimal) else value)
            return node
    tree = Bind().visit(ast.parse(ast.unparse(expr.tree), mode="eval"))
    return Expr(expr.source, tree.body, frozenset(field_names(tree.body)))


def field_names(tree: ast.AST) -> set[str]:
    """Names an expression reads (function names excluded)."""
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}
