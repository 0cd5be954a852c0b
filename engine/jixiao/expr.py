"""The small expression language of rule files, parsed by a restricted evaluator.

Rule authors write conditions and formulas as expressions over the fields of one fact
table, for example::

    role == "collaborating" and separate_account == "no"
    paid_date > due_date
    weight * share_of_paid

Only these forms are accepted: field names, numbers, strings, lists of literals,
`and` / `or` / `not`, comparisons (== != < <= > >= in, not in), + - * /, `x if c else y`
and the functions in FUNCTIONS. No attribute access, subscripts, imports, lambdas or
other calls: nothing in a rule file can run code.

A condition is compiled into a durable-rules pattern (see `compile_condition`); a formula
is evaluated in decimal arithmetic (see `evaluate`).
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Callable, Mapping

CONDITION_FUNCTIONS = {"present", "missing"}
FORMULA_FUNCTIONS: dict[str, Callable] = {"min": min, "max": max, "abs": abs}
FUNCTIONS = CONDITION_FUNCTIONS | set(FORMULA_FUNCTIONS)

_COMPARE = {ast.Eq: "$eq", ast.NotEq: "$neq", ast.Lt: "$lt", ast.LtE: "$lte",
            ast.Gt: "$gt", ast.GtE: "$gte"}
_NEGATED = {"$eq": "$neq", "$neq": "$eq", "$lt": "$gte", "$lte": "$gt",
            "$gt": "$lte", "$gte": "$lt"}
_MIRRORED = {"$eq": "$eq", "$neq": "$neq", "$lt": "$gt", "$lte": "$gte",
             "$gt": "$lt", "$gte": "$lte"}
_ARITH = {ast.Add: "$add", ast.Sub: "$sub", ast.Mult: "$mul", ast.Div: "$div"}
_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
    ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn,
    ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Name, ast.Load, ast.Constant,
    ast.List, ast.Tuple, ast.IfExp, ast.Call,
)
# Properties the engine itself uses on every fact; a column of that name is renamed.
ENGINE_PROPERTIES = {"id", "sid", "t"}
MAX_LENGTH = 2000
MAX_DEPTH = 40


class ExprError(ValueError):
    """An expression that is not allowed or does not fit the facts it reads."""


@dataclass(frozen=True)
class Expr:
    """A parsed, checked expression and its source text."""

    source: str
    tree: ast.expr

    @property
    def names(self) -> set[str]:
        cached = self.__dict__.get("_names")
        if cached is None:
            cached = field_names(self.tree)
            object.__setattr__(self, "_names", cached)
        return cached


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
            arity = {"abs": (1, 1), "present": (1, 1), "missing": (1, 1)}.get(node.func.id, (2, 10))
            if not arity[0] <= len(node.args) <= arity[1]:
                raise ExprError(f"{node.func.id}() takes {arity[0]}" + (f" to {arity[1]}" if arity[1] != arity[0] else "")
                                + f" argument{'s' if arity[1] > 1 else ''}, got {len(node.args)}")
    return Expr(text, tree.body)


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
    return Expr(expr.source, tree.body)


def field_names(tree: ast.AST) -> set[str]:
    """Names an expression reads (function names excluded)."""
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


# ---------------------------------------------------------------- conditions -> durable-rules

def engine_field(name: str) -> str:
    """The property name a column has inside durable-rules (`id` -> `id_`)."""
    return f"{name}_" if name in ENGINE_PROPERTIES else name


def compile_condition(expr: Expr, field_kinds: Mapping[str, "FieldKind"]) -> dict:
    """Compile a condition into a durable-rules expression over one fact (alias `m`).

    `field_kinds` maps each field of the fact table to its kind, so that unknown names
    and literals of the wrong type are refused here, before any fact is read.
    """
    return _Compiler(field_kinds).condition(expr.tree, negate=False)


@dataclass(frozen=True)
class FieldKind:
    """What a condition may compare a field with: 'number', 'text' or 'date'; allowed values."""

    kind: str
    allowed: tuple = ()


class _Compiler:
    def __init__(self, fields: Mapping[str, FieldKind]):
        self.fields = fields

    def condition(self, node: ast.expr, negate: bool) -> dict:
        if isinstance(node, ast.BoolOp):
            conjunction = isinstance(node.op, ast.And) != negate
            parts = [self.condition(v, negate) for v in node.values]
            return _combine("$and" if conjunction else "$or", parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.condition(node.operand, not negate)
        if isinstance(node, ast.Compare):
            lefts = [node.left, *node.comparators[:-1]]
            parts = [self.comparison(l, op, r, negate)
                     for l, op, r in zip(lefts, node.ops, node.comparators)]
            return _combine("$or" if negate else "$and", parts)
        if isinstance(node, ast.Call) and node.func.id in CONDITION_FUNCTIONS:
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
                raise ExprError(f"{node.func.id}() takes one field name")
            name = self.field(node.args[0])
            exists = (node.func.id == "present") != negate
            return {"$ex" if exists else "$nex": {engine_field(name): 1}}
        raise ExprError(f"'{ast.unparse(node)}' is not a condition; compare a field, "
                        "e.g. answer == \"no\"")

    def comparison(self, left: ast.expr, op: ast.cmpop, right: ast.expr, negate: bool) -> dict:
        if isinstance(op, (ast.In, ast.NotIn)):
            return self.membership(left, op, right, negate)
        left, operator, right = normalize_comparison(left, op, right, negate)
        name = self.field(left)
        value = self.operand(right, self.fields[name], name)
        test = {engine_field(name): value} if operator == "$eq" and not isinstance(value, dict) \
            else {operator: {engine_field(name): value}}
        # A comparison with a missing value is false: durable-rules would match a reference
        # to a missing property ($m), so existence is required explicitly.
        compared = [name] + ([value["$m"]] if isinstance(value, dict) else [])
        return _combine("$and", [*({"$ex": {engine_field(f) if f == name else f: 1}} for f in compared), test])

    def membership(self, left, op, right, negate) -> dict:
        if not isinstance(left, ast.Name) or not isinstance(right, (ast.List, ast.Tuple)):
            raise ExprError("use 'field in [\"a\", \"b\"]' with a list of literals")
        name = self.field(left)
        values = [self.literal(item, self.fields[name], name) for item in right.elts]
        if not values:
            raise ExprError("'in' needs at least one value")
        inside = isinstance(op, ast.In) != negate
        key = engine_field(name)
        if inside:
            return _combine("$or", [{key: v} for v in values])
        return _combine("$and", [{"$ex": {key: 1}}, *({"$neq": {key: v}} for v in values)])

    def field(self, node: ast.Name) -> str:
        if node.id not in self.fields:
            from .errors import did_you_mean
            raise ExprError(f"unknown field '{node.id}'{did_you_mean(node.id, self.fields)}; "
                            f"fields: {', '.join(sorted(self.fields))}")
        return node.id

    def operand(self, node: ast.expr, expected: FieldKind, against: str):
        if isinstance(node, ast.Name):
            other = self.field(node)
            if self.fields[other].kind != expected.kind:
                raise ExprError(f"'{against}' ({expected.kind}) compared with "
                                f"'{other}' ({self.fields[other].kind})")
            return {"$m": engine_field(other)}
        if isinstance(node, ast.BinOp):
            if field_names(node):
                raise ExprError(f"'{ast.unparse(node)}': arithmetic on fields is not allowed in conditions "
                                "(the engine would compute it in binary floating point); compare with a "
                                "derived column, or put the arithmetic in the deduction formula")
            if expected.kind != "number":
                raise ExprError(f"arithmetic compared with '{against}', which is {expected.kind}")
            return self.literal(ast.Constant(_fold(node)), expected, against)
        return self.literal(node, expected, against)

    def literal(self, node: ast.expr, expected: FieldKind, against: str):
        value = _literal_value(node)
        if expected.kind == "number":
            if isinstance(value, str):
                raise ExprError(f"'{against}' is a number, compared with text {value!r}")
        elif isinstance(value, (int, float)):
            raise ExprError(f"'{against}' is {expected.kind}, compared with number {value!r}; "
                            "quote it if you mean text")
        elif expected.kind == "date" and not _is_date(value):
            raise ExprError(f"'{against}' is a date; write dates as \"YYYY-MM-DD\", found {value!r}")
        if expected.allowed and value not in expected.allowed:
            from .errors import did_you_mean
            raise ExprError(f"'{against}' is never {value!r}{did_you_mean(value, expected.allowed)}; "
                            f"allowed: {', '.join(map(str, expected.allowed))}")
        return value


def normalize_comparison(left: ast.expr, op: ast.cmpop, right: ast.expr, negate: bool):
    """(field, durable operator, other side): the field first, negation folded into the operator."""
    operator = _COMPARE[type(op)]
    if not isinstance(left, ast.Name) and isinstance(right, ast.Name):
        left, right, operator = right, left, _MIRRORED[operator]
    if not isinstance(left, ast.Name):
        raise ExprError(f"'{ast.unparse(left)}': one side of a comparison must be a field")
    return left, (_NEGATED[operator] if negate else operator), right


def _is_date(text: str) -> bool:
    from .tables import is_iso_date
    return is_iso_date(text)


def _literal_value(node: ast.expr):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) \
            and isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float)):
        return -node.operand.value if isinstance(node.op, ast.USub) else node.operand.value
    raise ExprError(f"'{ast.unparse(node)}' must be a field, a number or quoted text")


def _fold(node: ast.BinOp) -> float:
    """Arithmetic on literals (and bound parameters), computed once, in decimal."""
    value = _eval(node, {})
    if not value.is_finite():
        raise ExprError(f"'{ast.unparse(node)}' is not a finite number")
    return float(value)


def _combine(operator: str, parts: list[dict]) -> dict:
    return parts[0] if len(parts) == 1 else {operator: parts}


# ---------------------------------------------------------------- conditions in plain Python

_MISSING = object()
_TESTS = {"$eq": lambda a, b: a == b, "$neq": lambda a, b: a != b, "$lt": lambda a, b: a < b,
          "$lte": lambda a, b: a <= b, "$gt": lambda a, b: a > b, "$gte": lambda a, b: a >= b}


def holds(expr: Expr, values: Mapping[str, object]) -> bool:
    """Whether a condition holds for one fact, evaluated in Python with the engine's semantics.

    Used to explain why a rule did or did not fire, and to cross-check the engine. As in
    the compiled pattern, negation is pushed down to the comparisons, and a comparison
    involving a missing value is false (so `not (x < 1)` is false when x is missing).
    """
    return _holds(expr.tree, values, False)


def _holds(node: ast.expr, values, negate: bool) -> bool:
    if isinstance(node, ast.BoolOp):
        parts = (_holds(v, values, negate) for v in node.values)
        return all(parts) if isinstance(node.op, ast.And) != negate else any(parts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return _holds(node.operand, values, not negate)
    if isinstance(node, ast.Compare):
        lefts = [node.left, *node.comparators[:-1]]
        parts = (_compare_holds(l, op, r, values, negate) for l, op, r in zip(lefts, node.ops, node.comparators))
        return any(parts) if negate else all(parts)
    if isinstance(node, ast.Call) and node.func.id in CONDITION_FUNCTIONS:
        present = values.get(node.args[0].id) is not None
        return present == ((node.func.id == "present") != negate)
    raise ExprError(f"'{ast.unparse(node)}' is not a condition")


def _compare_holds(left, op, right, values, negate) -> bool:
    if isinstance(op, (ast.In, ast.NotIn)):
        value = _plain_value(left, values)
        options = [_literal_value(e) for e in right.elts]
        if value is _MISSING:
            return False
        inside = isinstance(op, ast.In) != negate
        return (value in options) if inside else (value not in options)
    left, operator, right = normalize_comparison(left, op, right, negate)
    a, b = _plain_value(left, values), _plain_value(right, values)
    if a is _MISSING or b is _MISSING:
        return False
    return _TESTS[operator](a, b)


def _plain_value(node, values):
    if isinstance(node, ast.Name):
        value = values.get(node.id)
        if value is None:
            return _MISSING
        return getattr(value, "latest", value)  # a month-precision date compares as its last day
    if isinstance(node, ast.BinOp):
        a, b = _plain_value(node.left, values), _plain_value(node.right, values)
        if a is _MISSING or b is _MISSING:
            return _MISSING
        try:
            return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}[type(node.op)] \
                if not isinstance(node.op, ast.Div) else a / b
        except (ArithmeticError, TypeError):
            return _MISSING
    value = _literal_value(node)
    return Decimal(str(value)) if isinstance(value, (int, float)) else value


# ---------------------------------------------------------------- evaluation (formulas)

def evaluate(expr: Expr, env: Mapping[str, object]):
    """Evaluate an expression over `env` in decimal arithmetic.

    Numbers from env should be Decimal (or int); literals become Decimal. A name without
    a value, a division by zero or a type mismatch is an ExprError naming the culprit.
    """
    return _eval(expr.tree, env)


def _eval(node: ast.expr, env: Mapping[str, object]):
    if isinstance(node, ast.Constant):
        value = node.value
        return Decimal(str(value)) if isinstance(value, (int, float)) else value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise ExprError(f"unknown name '{node.id}'")
        value = env[node.id]
        if value is None:
            raise ExprError(f"'{node.id}' has no value in these facts")
        return Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_eval(e, env) for e in node.elts]
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, env)
        if isinstance(node.op, ast.Not):
            return not operand
        _require_number(operand, node)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, env) for v in node.values)
        return any(_eval(v, env) for v in node.values)
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, env), _eval(node.right, env)
        _require_number(left, node.left)
        _require_number(right, node.right)
        try:
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return left / right
        except (DivisionByZero, InvalidOperation, ZeroDivisionError):
            raise ExprError(f"division by zero in '{ast.unparse(node)}'") from None
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comparator in zip(node.ops, node.comparators):
            right = _eval(comparator, env)
            if not _compare(left, op, right, node):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return _eval(node.body, env) if _eval(node.test, env) else _eval(node.orelse, env)
    if isinstance(node, ast.Call):
        name = node.func.id
        if name in CONDITION_FUNCTIONS:
            arg = node.args[0]
            has = isinstance(arg, ast.Name) and env.get(arg.id) is not None
            return has if name == "present" else not has
        args = [_eval(a, env) for a in node.args]
        for a, arg_node in zip(args, node.args):
            _require_number(a, arg_node)
        if not args:
            raise ExprError(f"{name}() needs arguments")
        return FORMULA_FUNCTIONS[name](*args)
    raise ExprError(f"cannot evaluate '{ast.unparse(node)}'")


def _compare(left, op, right, node) -> bool:
    if isinstance(op, ast.In):
        return left in right
    if isinstance(op, ast.NotIn):
        return left not in right
    if isinstance(left, Decimal) != isinstance(right, Decimal):
        raise ExprError(f"'{ast.unparse(node)}' compares a number with text")
    return {ast.Eq: left == right, ast.NotEq: left != right}.get(type(op)) \
        if isinstance(op, (ast.Eq, ast.NotEq)) else _order(left, op, right)


def _order(left, op, right) -> bool:
    if isinstance(op, ast.Lt):
        return left < right
    if isinstance(op, ast.LtE):
        return left <= right
    if isinstance(op, ast.Gt):
        return left > right
    return left >= right


def _require_number(value, node) -> None:
    if not isinstance(value, Decimal):
        raise ExprError(f"'{ast.unparse(node)}' is not a number (found {value!r})")
