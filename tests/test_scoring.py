"""Scoring properties: bounds, rounding half up, monotonicity, and the tree adds up."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from engine.findings import Finding
from engine.score import leaf_score, round_half_up, score

amounts = st.decimals(min_value=0, max_value=200, places=6, allow_nan=False, allow_infinity=False)


def finding(indicator, deduction):
    return Finding("r", "t", "f", indicator, Decimal(deduction), "x", "y", "", "s", ())


def test_rounding_is_half_up_not_bankers():
    assert round_half_up(Decimal("1.785")) == Decimal("1.79")
    assert round_half_up(Decimal("2.525")) == Decimal("2.53")
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")


@given(st.sampled_from([Decimal(w) for w in (2, 3, 4)]), amounts)
def test_leaf_stays_within_zero_and_weight(weight, deduction):
    assert Decimal(0) <= leaf_score(weight, deduction) <= weight


@given(st.sampled_from([Decimal(w) for w in (2, 3, 4)]), amounts, amounts)
def test_more_deduction_never_scores_higher(weight, a, b):
    low, high = sorted((a, b))
    assert leaf_score(weight, high) <= leaf_score(weight, low)


@given(st.lists(st.tuples(st.integers(0, 35), amounts), max_size=30))
def test_total_is_the_sum_of_rounded_leaves_and_parents_add_up(golden, deductions):
    leaves = [r.id for r in golden.scores.rows if r.is_leaf]
    findings = [finding(leaves[i], d) for i, d in deductions]
    table = score(golden.scheme, findings)
    rows = {r.id: r for r in table.rows}
    assert table.total == sum(r.score for r in table.rows if r.is_leaf)
    for row in table.rows:
        if not row.is_leaf:
            assert row.score == sum(r.score for r in table.rows if r.parent == row.id)
        assert Decimal(0) <= row.score <= row.weight
    assert table.grade == golden.scheme.grade_for(table.total)
    assert Decimal(0) <= table.total <= 100
    assert rows["A"].weight == 8


def test_grade_bands_are_inclusive_at_the_lower_bound(golden):
    grade = golden.scheme.grade_for
    assert [grade(Decimal(t)) for t in ("90", "89.99", "75", "74.99", "60", "59.99", "0")] == \
        ["优", "良", "良", "合格", "合格", "不合格", "不合格"]
