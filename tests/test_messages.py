"""The message catalogue (jixiao/model/catalogue.py): one place for every keyed template, Chinese
and English with the same parameters; notes keep their key and parameters, and every output
says them in its language."""

from __future__ import annotations

import json
import re
import string
from decimal import Decimal

import pytest

from jixiao.cli.main import main
from jixiao.model.catalogue import CATALOGUE
from jixiao.model.messages import Joined, Message, Named, Said, Value

from conftest import RULES, SHANGHAI_2017

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_take_the_same_parameters_and_english_has_no_chinese(key):
    zh, en = CATALOGUE[key]
    assert fields(zh) == fields(en)
    assert not HAN.findall(en), key


def test_a_message_is_said_in_either_language_and_kept_as_key_and_params():
    said = Message("plausible.at_most", {
        "who": Message("plausible.who", {"label": "一期"}),
        "said": Said(Named("paid_amount", "实际拨付金额"), Value(Decimal("16520.00"), "万元")),
        "limit": Said("核定金额", Value(Decimal("6520"), "万元")),
        "less": Message("plausible.at_most_less", {"columns": Joined(("计划金额", "审计扣减"), " − ", " − ")}),
        "unless": ""})
    assert said.render("zh") == "“一期” 实际拨付金额（paid_amount）16520 万元 超过 核定金额 6520 万元（计划金额 − 审计扣减）"
    assert said.render("en") == "“一期”: 实际拨付金额 (paid_amount) 16520 万元 exceeds 核定金额 6520 万元 (计划金额 − 审计扣减)"
    assert said.plain()["key"] == "plausible.at_most"
    assert said.plain()["params"]["said"] == {"column": "paid_amount", "value": 16520.0}
    assert Value(Decimal("0.9983"), "比例").render("en") == "0.9983 (99.83%)"
    assert Value(Decimal("0.9983"), "比例").render("zh") == "0.9983（99.83%）"
    with pytest.raises(KeyError):
        Message("no.such.key")
    with pytest.raises(KeyError):
        said.render("fr")


def test_check_lang_en_says_every_note_in_english(capsys):
    """The text summary, explain and the full report: each integrity note in the chosen language."""
    assert main(["check", str(SHANGHAI_2017), "--no-write", "--rules", str(RULES), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert ("  ! 运维商 (operator) “上海外高桥英得网络信息有限公司” is not among the 运维商名称 (operator) of "
            "运维商及其承担的功能模块 (operators) (it has: 上海亿通国际股份有限公司, 上海外高桥英得网络信息技术有限公司, 上海榕基软件开发有限公司, 上海海勃物流软件有限公司, 上海英迪信息技术有限公司, 中国电子口岸数据中心上海分中心, 北京九城口岸软件科技有限公司, 大连龙图信息技术有限公司, 杭州高斯信息技术有限公司)  [allocations.csv line 6]") in out
    assert "找不到" not in out and "之和" not in out
    assert main(["check", str(SHANGHAI_2017), "--no-write", "--rules", str(RULES), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert ("  ! 运维商（operator） “上海外高桥英得网络信息有限公司” 在 运维商及其承担的功能模块（operators） 的 "
            "运维商名称（operator） 中找不到（其中有：上海亿通国际股份有限公司、上海外高桥英得网络信息技术有限公司、上海榕基软件开发有限公司、上海海勃物流软件有限公司、上海英迪信息技术有限公司、中国电子口岸数据中心上海分中心、北京九城口岸软件科技有限公司、大连龙图信息技术有限公司、杭州高斯信息技术有限公司）  [allocations.csv 第 6 行]") in out


OPERATORS = ["上海亿通国际股份有限公司", "上海外高桥英得网络信息技术有限公司", "上海榕基软件开发有限公司", "上海海勃物流软件有限公司",
             "上海英迪信息技术有限公司", "中国电子口岸数据中心上海分中心", "北京九城口岸软件科技有限公司", "大连龙图信息技术有限公司",
             "杭州高斯信息技术有限公司"]  # the operators table's names, as a reference note lists them


def test_json_keeps_each_notes_key_and_parameters(capsys):
    assert main(["check", str(SHANGHAI_2017), "--no-write", "--rules", str(RULES), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    reference = next(f for f in findings if f["rule"] == "integrity:reference")
    assert reference["key"] == "integrity.reference"
    assert reference["params"] == {"column": "operator", "value": "上海外高桥英得网络信息有限公司",
                                   "table": "operators", "to": "operator", "names": OPERATORS}
    assert reference["text"] == ("运维商（operator） “上海外高桥英得网络信息有限公司” 在 运维商及其承担的功能模块（operators） "
                                 "的 运维商名称（operator） 中找不到（其中有：" + "、".join(OPERATORS) + "）")


def test_scheme_file_problems_are_said_in_chinese_by_default_and_english_with_lang_en(capsys, rules_dir):
    """Rule authors read scheme problems in either language too (they were English only)."""
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("{name: 不合格, min: 0}", "{name: 不合格, min: 10}"),
                      encoding="utf-8")
    for lang, expected in (
            ("zh", f"{scheme}:9 [grades]：最低等级（不合格）必须从 0 分起：否则更低的总分也会得到该等级；填写的是 '10'；可填：0"),
            ("en", f"{scheme}:9 [grades]: the lowest grade band (不合格) must start at 0: a lower total would be given "
                   "its grade; found '10'; allowed: 0")):
        assert main(["check", str(SHANGHAI_2017), "--no-write", "--rules", str(rules_dir), "--lang", lang]) == 2
        assert [line.strip() for line in capsys.readouterr().err.splitlines() if line.startswith("  ")] == [expected]
