"""A rule written for one project names the next one's unit: finding and recommendation texts
quote case.yaml's {case.unit_short} (项目单位简称), falling back to its unit, then to the role's
name; a recommendation may quote case.yaml only, not a fact."""

from __future__ import annotations

import pytest

from jixiao.check.case import check_case
from jixiao.check.findings import case_words

TRANCHE = "tranche-deadline"  # its recommendation: “{case.unit_short}在以后年度，应根据…”


def _case_yaml(folder, old: str, new: str) -> None:
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _texts(result, rule: str) -> tuple[str, str]:
    finding = next(f for f in result.findings if f.rule == rule)
    return finding.text, finding.recommendation


def test_shanghai_s_texts_name_its_own_unit(golden):
    assert _texts(golden, TRANCHE)[1] == ("市口岸办在以后年度，应根据单一窗口运维补贴资金使用管理规定，及时向主运维商拨付上半年 40% "
                                          "运维补贴资金。")
    assert _texts(golden, "next-phase-mechanism")[1].startswith("市口岸办应抓紧落实下一阶段运维管理办法")


@pytest.mark.parametrize("old, new, named", [
    ("unit_short: 市口岸办", "unit_short: 县交通局", "县交通局"),  # another project's unit
    ("unit_short: 市口岸办\n", "", "上海市口岸服务办公室"),  # no short name: the full one
    ("unit: 上海市口岸服务办公室\n", "", "项目单位"),  # neither: the role
])
def test_another_case_s_texts_name_its_unit(case_copy, rulebook, old, new, named):
    _case_yaml(case_copy, old, new)
    if named == "项目单位":
        _case_yaml(case_copy, "unit_short: 市口岸办\n", "")
    result = check_case(case_copy, rulebook)
    assert _texts(result, TRANCHE)[1] == (f"{named}在以后年度，应根据单一窗口运维补贴资金使用管理规定，及时向主运维商拨付上半年 "
                                           "40% 运维补贴资金。")
    assert _texts(result, "contract-work-evidence")[1].startswith(f"建议{named}授权主运维商")
    # no recommendation names Shanghai's unit any more (a finding may quote a fact that does)
    assert [f.rule for f in result.findings if "市口岸办" in f.recommendation] == []


def test_case_words():
    assert case_words({"project": "P", "unit": "某县公路段", "department": "某县交通运输局"}) == {
        "case.project": "P", "case.unit": "某县公路段", "case.unit_short": "某县公路段",
        "case.department": "某县交通运输局"}
    assert case_words({"project": "P", "unit": "  ", "unit_short": 7}) == {
        "case.project": "P", "case.unit": "项目单位", "case.unit_short": "项目单位", "case.department": "主管部门"}


@pytest.mark.parametrize("text, found", [
    ("{evidence}应整改。", "{evidence}"),  # a fact's value: not the same for every finding of the rule
    ("{case.unit_name}应整改。", "{case.unit_name}"),
])
def test_a_recommendation_quotes_only_case_yaml(capsys, rules_dir, text, found):
    from test_scaffolds import run
    path = rules_dir / "separate-accounting" / "office-financial-rules.yaml"
    source = path.read_text(encoding="utf-8")
    old = "  text: \"{case.unit_short}应建立资金专项管理办法、单位内部财务管理制度和审计制度。\""
    assert old in source
    path.write_text(source.replace(old, f"  text: \"{text}\""), encoding="utf-8")
    code, _, err = run(capsys, "lint", rules_dir, "--lang", "en")
    assert code == 2
    assert "office-financial-rules.yaml:18 [recommendation.text]" in err and f"found '{found}'" in err
    assert "case.unit_short" in err  # what it may quote


def test_unit_short_must_be_text(case_copy, rulebook):
    from jixiao.model.problems import InputError
    _case_yaml(case_copy, "unit_short: 市口岸办", "unit_short: [市口岸办]")
    with pytest.raises(InputError) as caught:
        check_case(case_copy, rulebook)
    assert "unit_short" in str(caught.value)
