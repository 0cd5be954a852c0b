"""Formulas (deductions, derived amounts) computed in decimal arithmetic, never binary floats."""

from __future__ import annotations

import ast
import io
import tokenize
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Mapping

from ..model.expressions import Expr
from ..model.values import FactDate
from .expressions import CONDITION_FUNCTIONS, FORMULA_FUNCTIONS, ExprError
from .texts import format_value


def compute(expr: Expr, env: Mapping[str, object]):
    """Compute a formula over `env` in decimal arithmetic.

    Numbers from env should be Decimal (or int); literals become Decimal; a FactDate is its
    latest day (YYYY-MM-DD text), as conditions compare it. A name without a value, a division
    by zero or a type mismatch is an ExprError naming the culprit.
    """
    plan = _PLANS.get(id(expr))
    if plan is None or plan[0] is not expr:
        plan = _plan(expr)
    operands, operate = plan[1], plan[2]
    if operate is not None:  # a number and a number (weight / 2, weight * share): computed at once
        left, right = operands
        left = env.get(left, _NONE) if type(left) is str else left
        right = env.get(right, _NONE) if type(right) is str else right
        if type(left) is Decimal and type(right) is Decimal:
            try:
                return operate(left, right)
            except ArithmeticError:
                pass  # (a division by zero: _eval says so)
    return _eval(expr.tree, env)


_NONE = object()
_OPERATIONS = {ast.Add: Decimal.__add__, ast.Sub: Decimal.__sub__, ast.Mult: Decimal.__mul__, ast.Div: Decimal.__truediv__}
_PLANS: dict[int, tuple] = {}  # id(formula) -> (it, its two operands, their operation or None): made once per formula
KEPT = 4096


def _plan(expr: Expr) -> tuple:
    """A formula of two operands, each a name or a number (weight / 2), as (its operands: a name
    or a Decimal each, their Decimal operation); else (…, None): computed by _eval. The
    operation runs only on two Decimals, as _eval computes them (anything else goes to _eval,
    which computes or refuses it)."""
    tree, operate, operands = expr.tree, None, ()
    if isinstance(tree, ast.BinOp) and type(tree.op) in _OPERATIONS:
        sides = []
        for side in (tree.left, tree.right):
            if isinstance(side, ast.Name):
                sides.append(side.id)
            elif (isinstance(side, ast.Constant) and isinstance(side.value, (int, float))
                  and not isinstance(side.value, bool)):
                sides.append(Decimal(str(side.value)))
        if len(sides) == 2:
            operands, operate = tuple(sides), _OPERATIONS[type(tree.op)]
    if len(_PLANS) >= KEPT:
        _PLANS.clear()
    plan = _PLANS[id(expr)] = (expr, operands, operate)
    return plan


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
        if isinstance(value, FactDate):
            return value.latest
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


def written_in(source: str, values: Mapping[str, object]) -> str:
    """`source` as written, with each name that has a text or number in `values` replaced by it
    (a text in double quotes, a number to at most 8 decimals): how a working paper shows the
    inputs a condition was judged or a deduction computed with. Any other name (an integer, a
    date, no value) keeps its name. The author's spacing and quotes are kept, as ast.unparse
    would not (it also brackets the third term of `a and b and c`). Nothing is computed."""
    def literal(value) -> str | None:
        if isinstance(value, str):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(value, Decimal):
            return format_value(value.quantize(Decimal("1e-8")).normalize() if value.as_tuple().exponent < -8 else value)
        return None
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    out, last, previous = [], 0, None
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.string in values and previous != "." \
                and (shown := literal(values[token.string])) is not None:
            start = offsets[token.start[0] - 1] + token.start[1]
            out += [source[last:start], shown]
            last = start + len(token.string)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token.string
    return "".join(out) + source[last:]


def condition_shown(rule, year: int) -> str:
    """A rule's condition (its `where`, or each alias and the joins) as a working paper shows it:
    as written, except that for a method a scheme leaf applies with arguments (rules/methods) the
    parameters' values in `year` stand in place of their names (`metric == code` is shown
    `metric == "goods_platform_usage"`), so it reads as a rule written for that leaf would.
    `rule`: a jixiao.model.rules.Rule. Nothing is computed."""
    if not rule.aliases:
        return written_in(rule.where.source, rule.params_for(year)) if rule.method is not None else rule.where.source
    parts = [f"{'no ' if alias.absent else ''}{alias.name} = {alias.table}" + (f" where {where}" if where else "")
             for alias, where in alias_conditions(rule, year)]
    return "; ".join(parts + joins_shown(rule))


def alias_conditions(rule, year: int) -> list[tuple]:
    """Each alias of a rule over several tables, with its `where` as condition_shown shows it (a
    method's parameters in `year` written in; None for an alias without one: any row):
    [(jixiao.model.rules.Alias, str | None)]."""
    params = rule.params_for(year) if rule.method is not None else None
    return [(alias, None if alias.where is None else written_in(alias.where.source, params) if params is not None
             else alias.where.source) for alias in rule.aliases]


def joins_shown(rule) -> list[str]:
    """The joins of a rule over several tables as written: `alias.column == other.column`."""
    return [f"{a}.{x} == {b}.{y}" for a, x, b, y in rule.on]
