"""Deductions as every output shows them: at the scheme's precision, a leaf's shown deductions
adding up to what the leaf lost (its weight less its score), the leaves' adding up to what the
total lost, in the text summary, report.md / .html / .docx, report.xlsx, scores.csv,
findings.json and a template's findings. Properties over generated schemes (hypothesis) and
over the school case with random outcomes."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import replace
from decimal import Decimal

import docx
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.check.scoring import score
from jixiao.model.results import Adjustment, Finding, Waiver, shown_deductions
from jixiao.model.schemes import Grade, Indicator, Scheme
from jixiao.report import Settings, render

from conftest import FACTS, SHANGHAI_2017

SCHOOL = FACTS / "school-renovation" / "2023"


def _finding(leaf: str, deduction: Decimal, waived: bool = False) -> Finding:
    waiver = Waiver("r", "why", "who", "2099-12-31", {}) if waived else None
    return Finding("r", "t", "f", leaf, deduction, "x", "y", "", "s", (), waiver=waiver)


@st.composite
def scored(draw):
    """(scheme, findings, unassessed, adjustments): a two-level tree, weights at the scheme's
    precision (0–4), 0–4 findings a leaf (some above the weight, some waived), some leaves
    unassessed, some adjusted by the team."""
    places = draw(st.integers(min_value=0, max_value=4))
    unit = Decimal(1).scaleb(-places)
    scheme = Scheme("s", "s", "", [Grade("优", Decimal(90)), Grade("差", Decimal(0))], precision=places)
    weights = st.integers(min_value=0, max_value=30 * 10 ** min(places, 2)).map(lambda n: n * Decimal(1).scaleb(-min(places, 2)))
    for root in "ABC"[:draw(st.integers(min_value=1, max_value=3))]:
        leaves = tuple(f"{root}{i}" for i in range(1, draw(st.integers(min_value=1, max_value=4)) + 1))
        total = Decimal(0)
        for leaf in leaves:
            weight = draw(weights)
            scheme.indicators[leaf] = Indicator(leaf, leaf, weight, root, (), 2)
            total += weight
        scheme.indicators[root] = Indicator(root, root, total, None, leaves, 1)
        scheme.order += [root, *leaves]
    scheme.max = sum((i.weight for i in scheme.roots), Decimal(0))
    leaves = [leaf.id for leaf in scheme.leaves]
    findings = []
    for leaf in leaves:
        weight = scheme.indicators[leaf].weight
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            share = Decimal(draw(st.integers(min_value=0, max_value=10 ** 6))) / 10 ** 6
            findings.append(_finding(leaf, (share * weight * Decimal("0.8")).quantize(Decimal("1e-8")),
                                     draw(st.booleans()) and draw(st.booleans())))
    unassessed = frozenset(draw(st.lists(st.sampled_from(leaves), unique=True, max_size=2)))
    adjustments = {}
    for leaf in draw(st.lists(st.sampled_from(leaves), unique=True, max_size=2)):
        weight = scheme.indicators[leaf].weight
        if leaf not in unassessed:
            to = (Decimal(draw(st.integers(min_value=0, max_value=100))) / 100 * weight).quantize(unit)
            adjustments[leaf] = Adjustment(leaf, min(to, weight), None, "why", "who", "2024-01-01", {"file": "a.csv"})
    return scheme, findings, unassessed, adjustments


class _Result:
    """What shown_deductions reads of a CheckResult."""

    def __init__(self, findings, scores):
        self.findings, self.scores = tuple(findings), scores


@settings(max_examples=300, deadline=None)
@given(scored())
def test_a_leaf_s_shown_deductions_add_up_to_what_it_lost_and_the_leaves_to_what_the_total_lost(case):
    scheme, findings, unassessed, adjustments = case
    unit = Decimal(1).scaleb(-scheme.precision)
    table = score(scheme, findings, unassessed, adjustments=adjustments)
    shown = shown_deductions(_Result(findings, table))
    assert len(shown) == len(findings)
    lost = Decimal(0)
    for row in (r for r in table.rows if r.is_leaf):
        mine = [s for f, s in zip(findings, shown) if f.indicator == row.id]
        assert all(s >= 0 and s == s.quantize(unit) for s in mine)  # at the scheme's precision
        assert all(s == 0 for f, s in zip(findings, shown) if f.indicator == row.id and f.waiver is not None)
        if row.score is None:
            continue
        kept = row.computed if row.adjustment is not None else row.score
        assert sum(mine, Decimal(0)) == row.weight - kept == row.lost
        lost += row.weight - kept
    scored = {r.id for r in table.rows if r.is_leaf and r.score is not None}
    assessed = sum((r.weight for r in table.rows if r.id in scored), Decimal(0))
    team = sum((r.computed - r.score for r in table.rows if r.adjustment is not None), Decimal(0))
    taken = sum((s for f, s in zip(findings, shown) if f.indicator in scored), Decimal(0))
    assert taken == lost
    assert table.total == assessed - taken - team  # what the assessed leaves weigh, less what findings and team took


def test_a_scheme_scored_in_whole_points_shows_whole_deductions_that_add_up(rulebook):
    """The school form scores in whole points: A loses 1.4 by its rule and scores 9, so it shows
    “扣 1 分”, and the five deductions shown add up to 6 = 100 − 94 everywhere."""
    result = check_case(SCHOOL, rulebook)
    assert str(result.scores.total) == "94"
    assert [str(s) for s in shown_deductions(result)] == ["1", "1", "1", "2", "1"]
    report = render("markdown", result)
    assert "据此扣 1 分。本指标得 9 分（满分 10 分）。" in report
    assert "据此扣 1.4 分" not in report and "扣 0.91 分" not in report
    assert "共发现问题 5 项，扣分合计 6 分。" in report
    cuts = re.findall(r"^- \*\*\S+ \S+（扣 (\d+) 分）\*\*", report, re.M)
    assert sum(map(int, cuts)) == 6 and len(cuts) == 5
    text = render("text", result)
    assert "发现 findings: 5（共失分 6）" in text
    assert re.findall(r"^ ?\d\. \[(\S+) −(\S+)\]", text, re.M) == [
        ("A", "1"), ("B3", "1"), ("B5", "1"), ("C2", "2"), ("C3", "1")]
    data = json.loads(render("json", result))
    assert [f["deduction"] for f in data["findings"]] == [1, 1, 1, 2, 1]
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", result)))
    assert [r[3] for r in book["发现 findings"].iter_rows(min_row=2, values_only=True)] == [1, 1, 1, 2, 1]
    rows = list(csv.reader(io.StringIO(render("scores", result))))
    assert {r[0]: r[6] for r in rows[1:] if r[6]} == {"A": "1", "B1": "0", "B2": "0", "B3": "1", "B4": "0",
                                                      "B5": "1", "C1": "0", "C2": "2", "C3": "1", "D": "0"}
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(render("docx", result))).paragraphs)
    assert "据此扣 1 分。本指标得 9 分（满分 10 分）。" in word and "1.4 分" not in word


def test_the_working_paper_says_how_the_whole_points_follow(rulebook):
    """The working paper keeps the exact deduction and says the score is rounded to whole points
    (not “两位小数” on a form scored in whole points)."""
    report = render("markdown", check_case(SCHOOL, rulebook))
    assert "得分计算：得分 = 权重 10 − 扣分 1.4 = 8.6，限于 0 至权重之间，四舍五入取整：9" in report
    assert "四舍五入保留两位小数" not in report


def test_shanghai_shows_each_deduction_as_its_leaf_lost_it(golden):
    """C121 loses 1.2146 by its rule and scores 1.79: shown as 1.21; B11's 0.0089 as 0.01; the
    fourteen add up to 13.26 = 100 − 86.74 in every output."""
    shown = dict(zip((f.rule for f in golden.findings), shown_deductions(golden)))
    assert (str(shown["tranche-deadline"]), str(shown["budget-execution"])) == ("1.21", "0.01")
    assert sum(shown_deductions(golden)) == Decimal("13.26") == 100 - golden.scores.total
    text = render("text", golden)
    assert "发现 findings: 14（共失分 13.26）" in text
    assert sum(Decimal(d) for d in re.findall(r"^ ?\d+\. \[\S+ −(\S+)\]", text, re.M)) == Decimal("13.26")
    assert " 9. [B342 未扣分 no deduction] service-quality-metrics" in text  # no “−0”
    data = json.loads(render("json", golden))
    assert sum(Decimal(str(f["deduction"])) for f in data["findings"] if f["kind"] == "deduction") == Decimal("13.26")
    rows = list(csv.reader(io.StringIO(render("scores", golden))))
    assert sum(Decimal(r[6]) for r in rows[1:] if r[6]) == Decimal("13.26")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=50, max_value=100), min_size=4, max_size=4), st.sampled_from(["yes", "partial", "no"]))
def test_every_output_s_deductions_add_up_on_the_school_form(tmp_path_factory, rulebook, rates, answer):
    folder = tmp_path_factory.mktemp("school") / "school-renovation" / "2023"
    shutil.copytree(SCHOOL, folder)
    on_time, safety, facilities, students = (Decimal(r) / 100 for r in rates)
    (folder / "outcomes.yaml").write_text("\n".join([
        "- {metric: budget, value: %s, unit: 万元}" % (400 + rates[0]),
        "- {metric: completed, value: 1, unit: 比例}", "- {metric: accepted, value: 1, unit: 比例}",
        f"- {{metric: on_time, value: {on_time}, unit: 比例}}", "- {metric: cost, value: 430, unit: 万元}",
        "- {metric: unit_cost, value: %s, unit: 元/㎡}" % (1900 + 7 * rates[1]),
        f"- {{metric: safety, value: {safety}, unit: 比例}}", f"- {{metric: facilities, value: {facilities}, unit: 比例}}",
        f"- {{metric: students, value: {students}, unit: 比例}}", ""]), encoding="utf-8")
    observations = folder / "observations.yaml"
    observations.write_text(observations.read_text(encoding="utf-8").replace("answer: partial", f"answer: {answer}"),
                            encoding="utf-8")
    result = check_case(folder, rulebook)
    lost = 100 - result.scores.total
    shown = shown_deductions(result)
    assert sum(shown) == lost
    report = render("markdown", result)
    assert f"扣分合计 {lost} 分。" in report
    assert sum(Decimal(d) for d in re.findall(r"^- \*\*\S+ \S+（扣 (\S+) 分）\*\*", report, re.M)) == lost
    for leaf in (r for r in result.scores.rows if r.is_leaf and r.score < r.weight):
        said = re.search(rf"^### {leaf.id} .*\n\n(.*)$", report, re.M).group(1)
        assert sum(Decimal(d) for d in re.findall(r"据此扣 (\S+) 分", said)) == leaf.weight - leaf.score
    text = render("text", result)
    assert f"（共失分 {lost}）" in text
    assert sum(Decimal(d) for d in re.findall(r"^ ?\d+\. \[\S+ −(\S+)\]", text, re.M)) == lost
    data = json.loads(render("json", result))
    assert sum(Decimal(str(f["deduction"])) for f in data["findings"] if f["kind"] == "deduction") == lost
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", result)))
    assert sum(Decimal(str(r[3])) for r in book["发现 findings"].iter_rows(min_row=2, values_only=True)
               if r[3] is not None) == lost
    rows = list(csv.reader(io.StringIO(render("scores", result))))
    assert sum(Decimal(r[6]) for r in rows[1:] if r[6]) == lost
