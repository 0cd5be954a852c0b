"""The national grade bands (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60; 财预〔2020〕10号 第二十二条) have one
source: the scheme's `grades:`. The rules that review a printed grade restate them in their
params (their conditions are durable-rules patterns of constants) and say which param is which
band (`grades:`); a scheme that lists such a rule with other bands is refused, naming both files
and both values, so that moving a band in the scheme cannot leave the review on the old one."""

from __future__ import annotations

import pytest

from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.model.problems import InputError

SCHEME = "schemes/self-evaluation.yaml"
BANDS = "grades: [{name: 优, min: 90}, {name: 良, min: 80}, {name: 中, min: 60}, {name: 差, min: 0}]"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(rules_dir) -> list[str]:
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    return [str(p) for p in error.value.problems]


def test_a_band_moved_in_the_scheme_alone_is_refused_naming_both_files_and_values(rules_dir):
    _edit(rules_dir / SCHEME, BANDS, BANDS.replace("{name: 良, min: 80}", "{name: 良, min: 75}"))
    scheme = rules_dir / SCHEME
    assert _problems(rules_dir) == [
        f"{rules_dir}/form-review/{rule}.yaml:19 [params.good]: rule {rule}'s param good (from 2012-01-01) is 80, "
        f"but grade '良' of scheme self-evaluation ({scheme}:13) starts at 75: both must be the same; found '80'; "
        "allowed: 75"
        for rule in ("form-grade-printed", "form-grade-printed-low")]


def test_a_band_moved_in_both_places_loads(rules_dir):
    _edit(rules_dir / SCHEME, BANDS, BANDS.replace("{name: 良, min: 80}", "{name: 良, min: 75}"))
    for rule in ("form-grade-printed", "form-grade-printed-low"):
        _edit(rules_dir / "form-review" / f"{rule}.yaml", "good: [{from: 2012-01-01, value: 80}]",
              "good: [{from: 2012-01-01, value: 75}]")
    load_rulebook(rules_dir)


def test_a_later_version_of_a_bound_is_checked_too(rules_dir):
    _edit(rules_dir / "form-review" / "form-grade-printed.yaml", "fair: [{from: 2012-01-01, value: 60}]",
          "fair: [{from: 2012-01-01, value: 60}, {from: 2030-01-01, value: 65}]")
    assert [p.split(" [", 1)[1] for p in _problems(rules_dir)] == [
        f"params.fair]: rule form-grade-printed's param fair (from 2030-01-01) is 65, but grade '中' of scheme "
        f"self-evaluation ({rules_dir / SCHEME}:13) starts at 60: both must be the same; found '65'; allowed: 60"]


def test_a_scheme_with_other_grade_names_is_refused(rules_dir):
    _edit(rules_dir / SCHEME, BANDS, BANDS.replace("{name: 中, min: 60}, {name: 差, min: 0}",
                                                   "{name: 合格, min: 60}, {name: 不合格, min: 0}"))
    assert _problems(rules_dir) == [
        f"{rules_dir}/form-review/{rule}.yaml:{line} [grades]: rule {rule} is written for other grades than scheme "
        f"self-evaluation has ({rules_dir / SCHEME}:13): both must be the same; found '优、良、中、差'; "
        "allowed: 优、良、合格、不合格"
        for rule, line in (("form-grade-not-a-band", 17), ("form-grade-printed", 23), ("form-grade-printed-low", 23))]


def test_a_grade_bound_names_a_numeric_param_of_the_rule(rules_dir):
    rule = rules_dir / "form-review" / "form-grade-printed.yaml"
    _edit(rule, "grades: {优: excellent,", "grades: {优: excelent,")
    assert _problems(rules_dir) == [
        f"{rule}:23 [grades.优]: the lower bound of grade '优' is a numeric param of this rule; found 'excelent'; "
        "allowed: excellent, fair, good"]


def test_lint_refuses_the_moved_band_with_exit_2(rules_dir, capsys):
    _edit(rules_dir / SCHEME, BANDS, BANDS.replace("{name: 优, min: 90}", "{name: 优, min: 85}"))
    assert main(["lint", str(rules_dir), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "form-grade-printed.yaml" in err and "self-evaluation.yaml:13" in err
    assert "规则 form-grade-printed 的参数 excellent（自 2012-01-01 起）为 90，评价方案 self-evaluation" in err
    assert "中等级“优”的下限却是 85：两处须相同" in err
    assert "Traceback" not in err
