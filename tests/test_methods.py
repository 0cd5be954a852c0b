"""Methods with parameters (rules/methods/), applied by scheme leaves with arguments; rounding
in formulas; a scheme's precision; the school renovation example built from methods only."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.lang.expressions import ExprError, parse
from jixiao.lang.formulas import compute
from jixiao.model.problems import InputError

from conftest import ROOT, RULES

SCHOOL = ROOT / "facts" / "school-renovation" / "2023"
SCHEME = "schemes/school-renovation.yaml"


@pytest.fixture
def rules_dir(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(rules_dir) -> list[str]:
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    return [str(p) for p in error.value.problems]


def line_of(path, text) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ---------------------------------------------------------------- item 1: arguments checked at load

@pytest.mark.parametrize("old, new, message", [
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {cod: completed}}",
     "[B1.rules.with.cod]: rule attainment has no parameter 'cod' (did you mean 'code'?); found 'cod'; allowed: "
     "code (text: 指标代码（targets / outcomes 的 metric）), in_unit (text: 目标值和实际值的单位（两者须一致）)"),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {code: 7}}",
     "[B1.rules.with.code]: parameter 'code' of rule attainment is non-empty text (指标代码（targets / outcomes 的 "
     "metric）); found 7; allowed: non-empty text"),
    ("{rule: shortfall-points, with: {code: facilities}}",
     "{rule: shortfall-points, with: {code: facilities, points_per_point: two}}",
     "[C3.rules.with.points_per_point]: parameter 'points_per_point' of rule shortfall-points is a number "
     "(每低于目标 1 个百分点扣的分数); found 'two'; allowed: a number"),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {}}",
     "[B1.rules.with.code]: rule attainment needs a value for its parameter 'code' (text: 指标代码（targets / "
     "outcomes 的 metric）); allowed: with: {code: …}"),
    ("{rule: attainment, with: {code: completed}}", "attainment",
     "[B1.rules]: rule attainment needs values for its parameters: apply it with them; found 'attainment'; "
     "allowed: {rule: attainment, with: {code: …}}"),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainmnet, with: {code: completed}}",
     "[B1.rules]: leaf B1 names no existing rule (did you mean 'attainment'?); found 'attainmnet'"),
    ("{rule: attainment, with: {code: completed}}", "{rule: budget-execution, with: {code: completed}}",
     "[B1.rules]: rule budget-execution declares no parameters: name it by its id alone; found {'code': "
     "'completed'}; allowed: budget-execution"),
    ("{rule: attainment, with: {code: completed}}", "{rule: attainment, with: {code: completed, in_unit: 2}}",
     "[B1.rules.with.in_unit]: parameter 'in_unit' of rule attainment is non-empty text"),
])
def test_a_leaf_s_arguments_are_checked_with_file_line_and_nearest_name(rules_dir, old, new, message):
    scheme = rules_dir / SCHEME
    edit(scheme, old, new)
    line = line_of(scheme, "id: C3," if "shortfall" in old else "id: B1,")
    found = problems_of(rules_dir)
    assert any(p.startswith(f"{scheme}:{line} {message}") for p in found), found


@pytest.mark.parametrize("old, new, message", [
    ("  late_share: {type: number,", "  late_share: {type: nubmer,",
     "[parameters.late_share.type]: unknown parameter type (did you mean 'number'?); found 'nubmer'; "
     "allowed: number, text"),
    ("  late_share: {type: number, default: 1,", "  late_share: {type: number, default: all,",
     "[parameters.late_share.default]: the default is not a number; found 'all'; allowed: a number"),
    (", meaning: 未按期完成时扣除的分值比例（1 = 全部分值）}", "}",
     "[parameters.late_share.meaning]: say what the parameter means (meaning, in Chinese), for the schemes that give it"),
    ("  late_share: {type: number,", "  weight: {type: number,",
     "[parameters.weight]: parameter names are lower-case identifiers other than weight, count, labels"),
    ("  late_share: {type: number, default: 1,", "  late_share: {type: number, defualt: 1,",
     "[parameters.late_share.defualt]: unknown key (did you mean 'default'?)"),
])
def test_a_rule_s_declared_parameters_are_checked(rules_dir, old, new, message):
    path = rules_dir / "methods" / "completion-timeliness.yaml"
    edit(path, old, new)
    assert any(p.startswith(f"{path}:") and message in p for p in problems_of(rules_dir))


def test_a_text_parameter_compared_with_a_number_column_is_refused_in_the_rule_file(rules_dir):
    method = rules_dir / "methods" / "attainment.yaml"
    edit(method, "value < target\n", "value < target and target > code\n")
    found = problems_of(rules_dir)
    assert any(p.startswith(f"{method}:19 [when.where]: condition: 'target' is a number, compared with text 'x'")
               for p in found), found


def test_an_argument_a_column_never_holds_is_refused_with_the_leaf(rules_dir):
    method = rules_dir / "methods" / "attainment.yaml"
    edit(method, "  in_unit:", "  way: {type: text, default: at_least, meaning: 方向}\n  in_unit:")
    edit(method, 'direction == "at_least" and value < target\n', "direction == way and value < target\n")
    scheme = rules_dir / SCHEME
    edit(scheme, "with: {code: completed}", "with: {code: completed, way: upwards}")
    found = problems_of(rules_dir)
    assert found == [f"{scheme}:{line_of(scheme, 'id: B1,')} [B1.rules.with]: rule attainment with these arguments: "
                     "'direction' is never 'upwards'; allowed: at_least, at_most, above, below, increase, decrease; found "
                     "{'code': 'completed', 'way': 'upwards'}"], found


def test_one_method_serves_several_leaves_each_with_its_arguments(rulebook):
    applied = rulebook.instances["school-renovation"]
    attainment = {use: dict(rule.arguments) for use, rule in applied.items() if rule.method == "attainment"}
    assert attainment == {"attainment@B1": {"code": "completed"}, "attainment@B2": {"code": "accepted"},
                          "attainment@B3": {"code": "on_time"}, "attainment@C1": {"code": "safety"}}
    # the condition each instance runs is bound to its own metric
    assert applied["attainment@B2"].condition_in(2023)[1][0] == ("cmp", "eq", "metric", ("lit", "accepted"))
    assert dict(applied["attainment@B5" if False else "attainment-reverse@B5"].params_for(2023)) == {
        "code": "unit_cost", "in_unit": "元/㎡"}


def test_findings_explain_and_json_name_the_instance_and_its_arguments(capsys):
    assert main(["check", str(SCHOOL), "--no-write", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    first = findings[0]
    assert (first["rule"], first["indicator"], first["method"], first["arguments"]) == \
        ("rate-times-weight@A", "A", "rate-times-weight", {"code": "budget"})
    assert main(["explain", str(SCHOOL), "--rule", "attainment-reverse@B5"]) == 0
    out = capsys.readouterr().out
    assert "  规则 attainment-reverse@B5：反向指标（如成本）按目标与实际之比计分" in out
    # the arguments are written into the condition, as a rule written for the leaf would read
    assert ('    条件（metric_results）：metric == "unit_cost" and unit == "元/㎡" and direction == "at_most" '
            'and value > target\n') in out
    assert "参数 params" not in out
    assert "    扣分：weight * (1 - target / value) = 10 * (1 - 2000 / 2200) = 0.9091（针对 unit_cost）\n" in out
    assert "  得分：权重 10 − 扣分（0.9091 attainment-reverse@B5）= 9.0909 → 限于 0 至 10 之间，四舍五入取整 → 9\n" in out


# ---------------------------------------------------------------- item 3: rounding

@pytest.mark.parametrize("formula, value", [
    ("round(2.675, 2)", "2.68"),      # decimal, half up (binary floats would give 2.67)
    ("round(8.5)", "9"), ("round(8.49)", "8"), ("round(-2.5)", "-3"),
    ("round(1.005, 2)", "1.01"), ("floor(8.99)", "8"), ("floor(-1.5)", "-2"), ("ceil(8.01)", "9"),
    ("ceil(-1.5)", "-1"), ("round(weight * 0.86)", "9"),
])
def test_rounding_functions_in_formulas(formula, value):
    assert compute(parse(formula), {"weight": Decimal(10)}) == Decimal(value)


@pytest.mark.parametrize("formula, message", [
    ("round(1, 2, 3)", "round() takes 1 to 2 arguments, got 3"),
    ("floor(1, 2)", "floor() takes 1 argument, got 2"),
    ("ceil()", "ceil() takes 1 argument, got 0"),
])
def test_rounding_functions_take_their_arguments(formula, message):
    with pytest.raises(ExprError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(formula)


@pytest.mark.parametrize("places", ["1.5", "11", "-1"])
def test_round_refuses_places_that_are_not_a_whole_number_from_0_to_10(places):
    with pytest.raises(ExprError, match="round\\(x, n\\): n is a whole number of decimal places from 0 to 10"):
        compute(parse(f"round(2.5, {places})"), {})


def test_the_school_form_scores_whole_points_and_grades_on_national_bands(rulebook):
    result = check_case(SCHOOL, rulebook)
    scores = {row.id: row.score for row in result.scores.rows}
    assert scores == {"A": 9, "B": 48, "B1": 10, "B2": 10, "B3": 9, "B4": 10, "B5": 9, "C": 27, "C1": 10,
                      "C2": 8, "C3": 9, "D": 10}
    assert (result.scores.total, result.scores.grade) == (Decimal(94), "优")
    assert str(result.scores.get("A").score) == "9"  # 8.6 rounded to whole points, not 8.60


def test_changing_a_fact_moves_the_school_score(rulebook, tmp_path):
    folder = tmp_path / "school-renovation" / "2023"
    shutil.copytree(SCHOOL, folder)
    edit(folder / "outcomes.yaml", "{metric: students, value: 0.92", "{metric: students, value: 0.72")
    edit(folder / "outcomes.yaml", "{metric: budget, value: 430", "{metric: budget, value: 300")
    result = check_case(folder, rulebook)
    # satisfaction 10 × 0.72 / 0.9 = 8; execution 10 × 300 / 500 = 6
    assert (result.scores.get("D").score, result.scores.get("A").score) == (8, 6)
    assert (result.scores.total, result.scores.grade) == (Decimal(89), "良")


def test_precision_2_by_default_and_as_the_scheme_says(rules_dir):
    scheme = rules_dir / SCHEME
    edit(scheme, "precision: 0\n", "")
    result = check_case(SCHOOL, load_rulebook(rules_dir))
    assert (result.scores.get("A").score, result.scores.get("B5").score, result.scores.total) == \
        (Decimal("8.60"), Decimal("9.09"), Decimal("93.69"))
    edit(scheme, "grades:", "precision: 1\ngrades:")
    result = check_case(SCHOOL, load_rulebook(rules_dir))
    assert (result.scores.get("B5").score, result.scores.total) == (Decimal("9.1"), Decimal("93.7"))


@pytest.mark.parametrize("value", ["5", "-1", "1.5", "true", "two"])
def test_precision_is_a_whole_number_of_places(rules_dir, value):
    scheme = rules_dir / SCHEME
    edit(scheme, "precision: 0", f"precision: {value}")
    found = problems_of(rules_dir)
    assert any(p.startswith(f"{scheme}:5 [precision]: precision is the number of decimal places of a leaf's score")
               and p.endswith("allowed: a whole number from 0 (whole points) to 4") for p in found), found


def test_the_school_example_is_small_and_uses_no_rule_file_of_its_own(rulebook):
    files = [ROOT / "rules" / SCHEME, *sorted(SCHOOL.iterdir())]
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
    assert lines <= 60, lines
    scheme = rulebook.schemes["school-renovation"]
    assert {rulebook.instances["school-renovation"][r].method for leaf in scheme.leaves for r in leaf.rules} == {
        "rate-times-weight", "attainment", "attainment-reverse", "cost-saving", "qualitative-tiers",
        "shortfall-points", "satisfaction"}


def test_a_declared_parameter_named_like_a_column_is_refused_on_its_line(rules_dir):
    path = rules_dir / "methods" / "attainment.yaml"
    edit(path, "  in_unit: {type: text,", "  unit: {type: text,")
    found = problems_of(rules_dir)
    assert f"{path}:{line_of(path, '  unit: {type: text,')} [parameters.unit]: parameter 'unit' has the name of a " \
           "column of metric_results" in found, found


def test_a_methods_working_paper_reads_as_the_rule_it_replaced(capsys):
    """Shanghai C281 applies the attainment method where a rule of its own stood (issue 13 item 2):
    its working paper shows the condition with the leaf's arguments written in, no parameter
    line; only what the method checks beyond the old rule (the target's direction) differs."""
    shanghai = ROOT / "facts" / "shanghai-single-window" / "2017"
    assert main(["explain", str(shanghai), "--rule", "goods-platform-usage"]) == 0
    text = capsys.readouterr().out
    assert ('    条件（metric_results）：metric == "goods_platform_usage" and unit == "比例" and '
            'direction == "at_least" and value < target\n') in text
    assert "参数 params" not in text
    assert main(["check", str(shanghai), "--no-write", "--format", "markdown", "--lang", "zh"]) == 0
    annex = capsys.readouterr().out
    assert annex.count('- 条件：指标代码 = "goods_platform_usage" 且 目标单位 = "比例" 且 方向 = "≥（正向）" '
                       '且 实际值 < 目标值\n') == 1  # the annex in column titles (report/readable.py)
    assert "code = goods_platform_usage" not in annex


@pytest.mark.parametrize("source, values, shown", [
    ("metric == code and unit == in_unit", {"code": "a_b", "in_unit": "元/㎡"}, 'metric == "a_b" and unit == "元/㎡"'),
    ("x.code == code and 'code' == y", {"code": 'say "hi"'}, 'x.code == "say \\"hi\\"" and \'code\' == y'),
    ("value  <  limit * 2", {"limit": Decimal("0.95")}, "value  <  0.95 * 2"),
    ("value < limit", {"limit": Decimal("0.123456789012")}, "value < 0.12345679"),
    ("value < limit", {"limit": 3}, "value < limit"),  # neither text nor Decimal: left as it is
    ("a and b and c", {}, "a and b and c"),
])
def test_parameters_are_written_into_a_condition_as_written(source, values, shown):
    from jixiao.lang.formulas import written_in
    assert written_in(source, values) == shown
