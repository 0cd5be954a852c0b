"""A score table is made once per scheme, unassessed leaves and deductions (check.scoring keeps
it): a table found again is the one made afresh, and deductions equal in value but written
differently (12.5, 12.50) are not taken for one another."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check import scoring
from jixiao.check.scoring import score
from jixiao.model.results import Finding

amounts = st.decimals(min_value=0, max_value=10, places=3, allow_nan=False, allow_infinity=False)


def finding(indicator, deduction):
    return Finding("r", "t", "f", indicator, Decimal(deduction), "x", "y", "", "s", ())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 35), amounts), max_size=12), st.sets(st.integers(0, 35), max_size=3))
def test_a_kept_table_is_the_one_made_afresh(golden, deductions, unassessed):
    leaves = [r.id for r in golden.scores.rows if r.is_leaf]
    findings = [finding(leaves[i], d) for i, d in deductions]
    missing = frozenset(leaves[i] for i in unassessed)
    kept = score(golden.scheme, findings, missing)
    again = score(golden.scheme, findings, missing)
    scoring._TABLES.clear()
    fresh = score(golden.scheme, findings, missing)
    assert again is kept
    assert fresh == kept and [[str(v) for v in vars(r).values()] for r in fresh.rows] == \
        [[str(v) for v in vars(r).values()] for r in kept.rows]


def test_deductions_written_differently_are_kept_apart(golden):
    leaf = next(r.id for r in golden.scores.rows if r.is_leaf)
    short = score(golden.scheme, [finding(leaf, "1.5")])
    long = score(golden.scheme, [finding(leaf, "1.50")])
    assert str(short.get(leaf).deductions) == "1.5" and str(long.get(leaf).deductions) == "1.50"
