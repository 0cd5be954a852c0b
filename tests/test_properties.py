"""Properties over many variations of the bundled case (hypothesis)."""

import csv
import datetime
import random
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case

from conftest import SHANGHAI_2017, set_csv_cell, set_yaml_field

FEW = settings(max_examples=15, deadline=None)


def fresh_copy() -> Path:
    folder = Path(tempfile.mkdtemp()) / "shanghai-single-window" / "2017"
    shutil.copytree(SHANGHAI_2017, folder)
    return folder


def scores(result):
    return [(r.id, r.score) for r in result.scores.rows], result.scores.grade


@FEW
@given(st.randoms(use_true_random=False))
def test_row_order_never_changes_the_result(rulebook, golden, rnd: random.Random):
    folder = fresh_copy()
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        body = rows[1:]
        rnd.shuffle(body)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([rows[0], *body])
    result = check_case(folder, rulebook)
    assert scores(result) == scores(golden)
    # evidence rows move with the shuffle; which rules fire, on what, and for how much do not
    assert sorted((f.rule, f.deduction, len(f.evidence)) for f in result.findings) == \
        sorted((f.rule, f.deduction, len(f.evidence)) for f in golden.findings)
    shutil.rmtree(folder.parent.parent)


dates = st.dates(min_value=datetime.date(2017, 1, 1), max_value=datetime.date(2018, 12, 31))


@FEW
@given(dates, dates)
def test_paying_a_tranche_earlier_never_lowers_timeliness(rulebook, first, second):
    early, late = sorted((first, second))
    scores = []
    for paid in (early, late):
        folder = fresh_copy()
        set_csv_cell(folder / "disbursements.csv", {"tranche": "2017-h1"}, "paid_date", paid.isoformat())
        scores.append(check_case(folder, rulebook).scores.get("C121").score)
        shutil.rmtree(folder.parent.parent)
    assert scores[0] >= scores[1]
    assert all(Decimal(0) <= s <= 3 for s in scores)


@FEW
@given(st.integers(0, 525600), st.integers(0, 525600))
def test_more_downtime_never_raises_availability_score(rulebook, a, b):
    less, more = sorted((a, b))
    scores = []
    for minutes in (less, more):
        folder = fresh_copy()
        set_yaml_field(folder / "system_availability.yaml", {}, "downtime_minutes", minutes)
        scores.append(check_case(folder, rulebook).scores.get("C24").score)
        shutil.rmtree(folder.parent.parent)
    assert scores[0] >= scores[1] >= 0


answers = st.sampled_from(["yes", "no", "partial"])
rates = st.decimals(min_value=0, max_value=1, places=4)


# Valid: downtime within the year's 525,600 minutes (more cannot be true, and leaves C24
# unassessed: tests/test_plausibility.py).
@FEW
@given(st.integers(0, 525600), rates, rates, answers, answers, st.integers(0, 25), dates)
def test_generated_valid_cases_keep_every_score_in_bounds(rulebook, downtime, satisfaction, usage, fit, plan,
                                                          functions, paid):
    folder = fresh_copy()
    set_yaml_field(folder / "system_availability.yaml", {}, "downtime_minutes", downtime)
    set_yaml_field(folder / "outcomes.yaml", {"metric": "enterprise_satisfaction"}, "value", str(satisfaction))
    set_yaml_field(folder / "outcomes.yaml", {"metric": "goods_platform_usage"}, "value", str(usage))
    set_yaml_field(folder / "outcomes.yaml", {"metric": "new_functions"}, "value", functions)
    set_yaml_field(folder / "observations.yaml", {"id": "strategic_fit"}, "answer", fit)
    set_yaml_field(folder / "observations.yaml", {"id": "work_plan_accurate"}, "answer", plan)
    set_csv_cell(folder / "disbursements.csv", {"tranche": "2017-h2"}, "paid_date", paid.isoformat())
    result = check_case(folder, rulebook)
    rows = result.scores.rows
    for row in rows:
        assert row.score is not None and Decimal(0) <= row.score <= row.weight
        if not row.is_leaf:
            assert row.score == sum(r.score for r in rows if r.parent == row.id)
    assert result.scores.total == sum(r.score for r in rows if r.is_leaf)
    assert result.scores.grade == result.scheme.grade_for(result.scores.total)
    shutil.rmtree(folder.parent.parent)
