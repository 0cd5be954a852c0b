"""One rule for a ratio (比例) shown as a percentage (jixiao.model.percents), in every place that
shows one: exact when its percentage has at most 2 decimals (98%, 99.5%, 99.83%), else rounded
half up to 2 decimals, and never rounded onto a round percentage (no decimal or one) it is not:
0.99995 reads 99.995%, not 100% (“实际完成 100%，未达到 100%”), 0.99899 reads 99.899%, not 99.9%
against a target of 99.9%. Before it, the finding text, the working paper and the report each had
their own rule (99.90% / 99.9%, 100.00% / 100%)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case

from conftest import set_yaml_field


@pytest.mark.parametrize("ratio, shown", [
    ("0.98", "98%"), ("1", "100%"), ("0.9983", "99.83%"), ("0.995", "99.5%"), ("0", "0%"), ("1.25", "125%"),
    ("0.998349", "99.83%"), ("0.66666667", "66.67%"), ("0.99905", "99.91%"),  # rounded half up to 2 decimals
    ("0.99995", "99.995%"), ("1.00004", "100.004%"), ("0.99895", "99.895%"), ("0.9999951", "99.9995%"),
    ("0.0000001", "0.00001%"), ("-0.00001", "-0.001%"), ("0.989999", "98.9999%"),  # never onto a round value
])
def test_percent_text(ratio, shown):
    from jixiao.model.percents import percent_text
    assert percent_text(Decimal(ratio)) == shown


def test_percent_text_of_an_int_and_of_a_long_quotient():
    from jixiao.model.percents import percent_text
    assert (percent_text(1), percent_text(0), percent_text(Decimal(2) / Decimal(3))) == ("100%", "0%", "66.67%")
    assert percent_text(Decimal(19999) / Decimal(20000)) == "99.995%"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), "0.5", 0.5, True, None])
def test_percent_of_what_is_not_a_number_is_refused(value):
    from jixiao.model.percents import percent_figure
    with pytest.raises(ValueError, match="a ratio must be a"):
        percent_figure(value)


# -- the property ---------------------------------------------------------------------------------

RATIOS = st.decimals(min_value=0, max_value=2, places=8, allow_nan=False, allow_infinity=False)


@settings(max_examples=500, deadline=None)
@given(RATIOS)
def test_the_text_is_exact_when_it_can_be_and_never_a_round_value_it_is_not(ratio):
    """Every place says a ratio the same way (a finding's {x|pct}, the report's and working paper's
    values, a score rate, a message's Value); parsed back, the text is r × 100 itself when that has
    at most 2 decimals; it is never a round value (no decimal or one) that r × 100 is not, so it is
    on the same side as r × 100 of every round value (a target of 100 %, a cap of 100 %, a target of
    99.9 %); rounded, it is within half a unit of its last decimal."""
    from jixiao.lang.texts import format_value
    from jixiao.model.messages import Value
    from jixiao.report.common import percent
    from jixiao.report.readable import readable
    text = format_value(ratio, "pct")
    assert readable(ratio, "比例") == text
    assert text.endswith("%")
    rate = Decimal(percent(ratio)[:-1])  # a score rate: the same rule at one decimal
    if rate == rate.quantize(Decimal("1")) or exact_one_place(ratio):
        assert rate == ratio * 100
    assert abs(rate - ratio * 100) <= Decimal(5).scaleb(-max(-rate.as_tuple().exponent, 0) - 1)
    shown, exact = Decimal(text[:-1]), ratio * 100
    if exact == exact.quantize(Decimal("0.01")):
        assert shown == exact
    if shown == shown.quantize(Decimal("0.1")):  # a round value
        assert shown == exact
    for bound in (exact.quantize(Decimal("0.1"), "ROUND_FLOOR"), exact.quantize(Decimal("0.1"), "ROUND_CEILING")):
        assert (shown > bound) == (exact > bound) and (shown < bound) == (exact < bound)
    places = max(-shown.as_tuple().exponent, 0)
    assert places <= max(2, -exact.normalize().as_tuple().exponent)
    assert abs(shown - exact) <= Decimal(5).scaleb(-places - 1)
    said, _, rest = Value(ratio, "比例").render("en").partition(" (")
    assert rest == f"{text})" and Decimal(said) * 100 == shown  # the ratio a message writes beside it agrees


def exact_one_place(ratio: Decimal) -> bool:
    return ratio * 100 == (ratio * 100).quantize(Decimal("0.1"))


# -- each place that shows a ratio as a percentage --------------------------------------------------

def test_a_message_value_in_ratio(monkeypatch):
    """jixiao.model.messages.Value: was 1（100%） for 0.99995 (the ratio at 4 places, the percent at 2)."""
    from jixiao.model.messages import Value
    near = Value(Decimal("0.99995"), "比例")
    assert (near.render("zh"), near.render("en")) == ("0.99995（99.995%）", "0.99995 (99.995%)")
    assert Value(Decimal("0.998349"), "比例").render("zh") == "0.9983（99.83%）"
    assert Value(Decimal("0.98"), "比例").render("zh") == "0.98（98%）"


def test_a_finding_format_pct():
    """jixiao.lang.texts {x|pct}: was 100.00% for 0.99995, 98.00% for 0.98."""
    from jixiao.lang.texts import format_value, render_template
    assert [format_value(Decimal(r), "pct") for r in ("0.99995", "0.98", "1.00004", "0.9955")] == \
        ["99.995%", "98%", "100.004%", "99.55%"]
    assert render_template("完成 {v|pct}，目标 {t|pct}", {"v": Decimal("0.99995"), "t": Decimal(1)}) == \
        "完成 99.995%，目标 100%"


def test_a_finding_quoting_a_ratio_plainly(rulebook):
    """jixiao.check.findings._in_percent ({value} of a row in 比例): was 100.00% for 0.99995."""
    from jixiao.check.findings import _in_percent
    from jixiao.model.facts import Fact
    row = Fact("outcomes", 1, "outcomes.yaml", 1, {"metric": "x", "value": Decimal("0.99995"), "unit": "比例"})
    assert _in_percent("实际完成 {value}", row, rulebook.schemas) == {"value": "99.995%"}
    row = Fact("outcomes", 1, "outcomes.yaml", 1, {"metric": "x", "value": Decimal("0.98"), "unit": "比例"})
    assert _in_percent("实际完成 {value}", row, rulebook.schemas) == {"value": "98%"}


def test_a_report_value_in_ratio():
    """jixiao.report.readable.readable (working papers, the report's evidence): was 100.00%, 98.00%."""
    from jixiao.report.readable import readable
    assert [readable(Decimal(r), "比例") for r in ("0.99995", "0.98", "0.9983")] == ["99.995%", "98%", "99.83%"]


def test_a_score_rate():
    """jixiao.report.common.percent (the score tables and summaries of md, html, docx and templates):
    19.999 of 20 was 100.0%, 18 of 20 90.0%; one decimal as score tables write it (54.75 of 58)."""
    from jixiao.report.common import percent
    assert [percent(Decimal(s) / 20) for s in ("19.999", "18", "19.99")] == ["99.995%", "90%", "99.95%"]
    assert percent(Decimal("54.75") / 58) == "94.4%"


def test_a_score_rate_in_the_chart():
    """jixiao.report.figures.rate_labels (the chart of score rates and its alternative text): was
    f"{rate * 100:.1f}%", 100.0% for 19.999 of 20."""
    from jixiao.model.results import IndicatorScore
    from jixiao.report.figures import rate_labels
    rows = [IndicatorScore("C", "项目绩效", Decimal(20), Decimal("19.999"), None, 1, True, Decimal("0.001")),
            IndicatorScore("A", "项目决策", Decimal(8), Decimal(7), None, 1, True, Decimal(1))]
    assert [text for _, _, text in rate_labels(rows, "无法评价", "（暂定）", "不适用")] == ["99.995%", "87.5%"]


def test_the_execution_rate_in_the_report():
    """jixiao.report.prose.execution (docx: 预算执行率为 …): was 100.00% for 0.99995, quantized half even."""
    from jixiao.report.prose import execution
    row = SimpleNamespace(values={"budget_total": Decimal(20000), "spent": Decimal(19999),
                                  "execution_rate": Decimal(19999) / Decimal(20000)})
    assert execution(SimpleNamespace(tables={"budget_execution": (row,)})) == ("20000", "19999", "99.995%")
    row = SimpleNamespace(values={"budget_total": Decimal(100), "spent": Decimal(100), "execution_rate": Decimal(1)})
    assert execution(SimpleNamespace(tables={"budget_execution": (row,)}))[2] == "100%"


def test_a_share_of_cases_in_the_portfolio():
    """jixiao.portfolio.pages._percent: 19999 of 20000 cases was 100.0 %."""
    from jixiao.portfolio.pages import _percent
    assert [_percent({"cases": n}, 20000) for n in (19999, 2000, 1, 2469)] == ["99.995%", "10%", "0.01%", "12.3%"]


def test_a_near_miss_reads_the_same_in_the_finding_the_working_paper_and_the_report(case_copy, rulebook):
    """System availability 1 − 530 / 525600 = 0.998991…, below its target of 99.9 %: the finding
    said “系统可用率为 99.90%，低于 99.90% 的目标”, the report's evidence “目标值 = 99.90%；…实际值 =
    99.90%”. Now 99.899% below 99.9% in every place."""
    from jixiao.report import markdown
    from jixiao.report.formats import Settings
    set_yaml_field(case_copy / "system_availability.yaml", {}, "downtime_minutes", 530)
    result = check_case(case_copy, rulebook)
    [finding] = [f for f in result.findings if f.rule == "system-availability"]
    assert finding.text == "系统可用率为 99.899%，低于 99.9% 的目标。"
    report = markdown.render(result, Settings())
    assert "- targets.yaml:41（方向 = ≥（正向）；指标代码 = system_availability；目标值 = 99.9%；目标单位 = 比例；实际值 = 99.899%）" in report


def test_a_value_just_short_of_all_reads_short_of_all(case_copy, rulebook):
    """公共服务免费执行率 0.99995 against a target of 1: was “公共服务免费执行率为 100.00%，未达到全部免费的目标”."""
    set_yaml_field(case_copy / "outcomes.yaml", {"metric": "free_service_rate"}, "value", "0.99995")
    result = check_case(case_copy, rulebook)
    assert [f.text for f in result.findings if f.indicator == "C26"] == ["公共服务免费执行率为 99.995%，未达到全部免费的目标。"]


def test_a_finding_format_n2_is_never_rounded_onto_a_value_it_is_not():
    """jixiao.lang.texts {x|n2}: 89.996 read 90.00 — beside form-grade-printed's “达不到该等级
    （优 ≥ 90）” a total of 89.996 on the 100-point scale read as reaching the band it missed."""
    from jixiao.lang.texts import format_value
    assert [format_value(Decimal(x), "n2") for x in ("89.996", "95.5", "90", "0", "0.004", "2.675", "89.9949")] == [
        "89.996", "95.50", "90.00", "0.00", "0.004", "2.68", "89.99"]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False, allow_infinity=False))
def test_n2_keeps_two_decimals_and_the_side_of_every_round_value(value):
    from jixiao.lang.texts import format_value
    text = format_value(value, "n2")
    shown = Decimal(text)
    assert -shown.as_tuple().exponent >= 2
    if value == value.quantize(Decimal("0.01")):
        assert shown == value
    for bound in (value.quantize(Decimal("0.1"), "ROUND_FLOOR"), value.quantize(Decimal("0.1"), "ROUND_CEILING")):
        assert (shown > bound) == (value > bound) and (shown < bound) == (value < bound)
