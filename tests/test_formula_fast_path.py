"""compute() works out a formula of two operands (weight / 2, weight * share) at once when both
are numbers: it gives what the tree walk (_eval) gives, value and written form, and refuses
what it refuses with the same message."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.lang import formulas
from jixiao.lang.expressions import ExprError, parse
from jixiao.model.values import FactDate

VALUES = st.one_of(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1000, max_value=1000),
                   st.sampled_from([Decimal(0), Decimal("0.0"), Decimal("12.50"), 2, 0, None, True, "x",
                                    FactDate("2020-01-31", "2020-01")]))
OPERANDS = st.sampled_from(["weight", "share", "2", "0", "0.5", "3.0"])


def _outcome(function, expr, env):
    try:
        value = function(expr, env)
    except (ExprError, ArithmeticError) as exc:
        return type(exc), str(exc)
    return value, str(value)


@settings(max_examples=400, deadline=None)
@given(OPERANDS, st.sampled_from("+-*/"), OPERANDS, VALUES, VALUES, st.booleans())
def test_two_operands_as_the_tree_walk_says(left, op, right, weight, share, given_share):
    expr = parse(f"{left} {op} {right}")
    env = {"weight": weight, **({"share": share} if given_share else {})}
    assert _outcome(formulas.compute, expr, env) == _outcome(lambda e, v: formulas._eval(e.tree, v), expr, env)


def test_a_division_by_zero_is_said_as_before():
    expr = parse("weight / share")
    assert _outcome(formulas.compute, expr, {"weight": Decimal(1), "share": Decimal(0)}) == (
        ExprError, "division by zero in 'weight / share'")
