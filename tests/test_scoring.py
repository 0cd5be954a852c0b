"""Scoring properties: bounds, rounding half up, monotonicity, and the tree adds up."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.model.results import Finding
from jixiao.check.scoring import leaf_score, round_half_up, score

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


def test_a_deduction_above_the_weight_is_a_rule_error_not_cut_down(capsys, tmp_path, case_copy):
    """The leaf keeps the sum of its deductions within [0, weight]; one deduction beyond the
    weight means the formula is wrong (it once deducted 5.6 of C24's 3 points, silently)."""
    import json
    import shutil

    from jixiao.cli.main import main

    from conftest import RULES, set_yaml_field
    # 30000 minutes of downtime: availability 94.29 %, 5.6 points short of a 3-point leaf
    set_yaml_field(case_copy / "system_availability.yaml", {}, "downtime_minutes", 30000)
    assert main(["check", str(case_copy), "--format", "json", "--no-write", "--rules", str(RULES)]) == 0
    scores = {i["id"]: i["score"] for i in json.loads(capsys.readouterr().out)["indicators"]}
    assert scores["C24"] == 0
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    rule = rules / "outcomes" / "system-availability.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("min(weight, (target - value) * 100)",
                                                             "(target - value) * 100"), encoding="utf-8")
    assert main(["check", str(case_copy), "--no-write", "--rules", str(rules)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[1] == (
        f"  {rule}: deduction of rule system-availability on metric_results:8 is 5.6078, more than the weight 3 "
        "of C24; cap the formula, e.g. min(weight, …)")
