"""A scheme leaf's method instance in its own words (issue 13, item 2): the Shanghai leaves C26,
C281, C282, C291 and C292 apply the attainment and satisfaction methods, and their reports say
what the rules they replaced said (title, finding, recommendation, source, request, family,
rule id); the words are checked at load like everything else."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from jixiao.authoring.scaffold import new_rule
from jixiao.authoring.workbook_template import scheme_tables, template_bytes
from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.model.problems import InputError
from jixiao.report import Settings, render

from conftest import SHANGHAI_2016, set_yaml_field

SCHEME = "schemes/shanghai-om-subsidy.yaml"
LEAVES = ("C26", "C281", "C282", "C291", "C292")

# (rule, indicator, family, deduction, finding, recommendation, source) as the rule files
# free-services … government-satisfaction said them (commit 48fb5ba), for outcomes below target
OWN_WORDS = [
    ("free-services", "C26", "outcomes", "0.3000", "公共服务免费执行率为 90%，未达到全部免费的目标。",
     "市口岸办应对外公布免费服务清单并监督执行，杜绝收费。",
     "2017 年项目绩效目标：单一窗口平台上的所有公共服务均免费"),
    ("goods-platform-usage", "C281", "outcomes", "0.1579", "货物申报平台使用率为 90%，低于 95% 的目标。",
     "加强平台推广和企业培训，提高货物申报平台使用率。",
     "2017 年项目绩效目标：上海口岸通过单一窗口平台进行货物申报的货物量占比 95% 及以上；得分 = 权重 × "
     "实际值 / 目标值"),
    ("ship-platform-usage", "C282", "outcomes", "1.4211", "船舶申报平台使用率为 50%，低于 95% 的目标。",
     "加强平台推广和企业培训，提高船舶申报平台使用率。",
     "2017 年项目绩效目标：上海口岸通过单一窗口平台进行船舶申报量占比 95% 及以上；得分 = 权重 × "
     "实际值 / 目标值"),
    ("enterprise-satisfaction", "C291", "outcomes", "0.2353", "企业满意度为 80%，低于 85% 的目标。",
     "针对满意度调查中反映的问题改进平台服务。",
     "2017 年项目绩效目标：使用平台企业满意度达到 85%；得分 = 权重 × 实际值 / 目标值"),
    ("government-satisfaction", "C292", "outcomes", "0.8000", "政府部门工作人员满意度为 68%，低于 85% 的目标。",
     "加强与各监管部门的沟通协同，改进平台对多部门协同监管的支撑。",
     "2017 年项目绩效目标：通关涉及政府部门工作人员满意度达到 85%；得分 = 权重 × 实际值 / 目标值"),
]
TITLES = {"free-services": "平台公共服务应全部免费", "goods-platform-usage": "货物申报平台使用率应达到绩效目标",
          "ship-platform-usage": "船舶申报平台使用率应达到绩效目标",
          "enterprise-satisfaction": "使用平台企业满意度应达到绩效目标",
          "government-satisfaction": "通关涉及政府部门工作人员满意度应达到绩效目标"}
REQUEST = "绩效目标及实际值，以比例（0–1）填写、单位为“比例”（targets、outcomes：{code}）"
CODES = {"free-services": "free_service_rate", "goods-platform-usage": "goods_platform_usage",
         "ship-platform-usage": "ship_platform_usage", "enterprise-satisfaction": "enterprise_satisfaction",
         "government-satisfaction": "government_satisfaction"}


@pytest.fixture
def below_target(case_copy):
    """Shanghai 2017 with the five outcomes below their targets: every one of the leaves deducts."""
    outcomes = case_copy / "outcomes.yaml"
    for code, value in [("free_service_rate", 0.9), ("goods_platform_usage", 0.9), ("ship_platform_usage", 0.5),
                        ("enterprise_satisfaction", 0.8), ("government_satisfaction", 0.68)]:
        set_yaml_field(outcomes, {"metric": code}, "value", value)
    return case_copy


def test_the_five_leaves_find_in_their_own_words(below_target, rulebook):
    result = check_case(below_target, rulebook)
    found = [(f.rule, f.indicator, f.family, f"{f.deduction:.4f}", f.text, f.recommendation, f.source)
             for f in result.findings if f.indicator in LEAVES]
    assert found == OWN_WORDS
    assert {f.rule: f.title for f in result.findings if f.indicator in LEAVES} == TITLES
    assert str(result.scores.total) == "83.82"  # 86.74 less the five deductions, as the rules deducted them


def test_the_report_speaks_of_the_indicator_not_of_the_method(below_target, rulebook):
    report = render("markdown", check_case(below_target, rulebook))
    assert "**规则 `free-services`**：平台公共服务应全部免费\n" in report
    # the working paper cites the document the body does; where it was transcribed from is the provenance annex's
    assert "- 依据：2017 年项目绩效目标：单一窗口平台上的所有公共服务均免费\n" in report
    assert "| 2017 年项目绩效目标（§一(二)）：单一窗口平台上的所有公共服务均免费（2017 年评价报告 §三(二)3(2) C26） |" in report
    assert ("- **C26 单一窗口平台免费服务执行率（扣 0.3 分）** 公共服务免费执行率为 90%，未达到全部免费的目标。  \n"
            "  依据：2017 年项目绩效目标：单一窗口平台上的所有公共服务均免费；证据：targets.yaml 第 53 行；"
            "outcomes.yaml 第 ") in report  # the body cites the document; the seed report is provenance (annex)
    assert "市口岸办应对外公布免费服务清单并监督执行，杜绝收费。（针对 C26）" in report
    assert "`enterprise-satisfaction` → C291（0.24）企业满意度为 80%，低于 85% 的目标。" in report
    assert "attainment@" not in report and "satisfaction@" not in report
    assert "正向指标按完成比例计分" not in report and "满意度按调查结果与目标之比计分" not in report
    english = render("markdown", check_case(below_target, rulebook), Settings(lang="en"))
    assert "All public services on the platform are free（平台公共服务应全部免费）" in english


def test_what_cannot_be_assessed_asks_in_the_leaf_s_words_in_the_rule_book_s_order(rulebook):
    result = check_case(SHANGHAI_2016, rulebook)
    data = json.loads(render("json", result))
    unassessed = [f for f in data["findings"] if f["kind"] == "cannot_assess"]
    # the order of the rule files the instances replace: rules/<family>/<id>.yaml
    assert [f["rule"] for f in unassessed][12:21] == [
        "enterprise-satisfaction", "free-services", "goods-platform-usage", "goods-volume-growth",
        "government-satisfaction", "national-standard-docking", "new-functions-completed",
        "registered-enterprises-growth", "ship-platform-usage"]
    free = next(f for f in unassessed if f["rule"] == "free-services")
    assert free == {
        "rule": "free-services", "indicator": "C26", "deduction": None,
        "text": "无法评价：缺少" + REQUEST.format(code="free_service_rate"),
        "recommendation": "请提供：" + REQUEST.format(code="free_service_rate"),
        "source": OWN_WORDS[0][6], "evidence": [], "kind": "cannot_assess",
        "method": "attainment", "arguments": {"code": "free_service_rate"}}
    report = render("markdown", result)
    for rule, code in CODES.items():
        indicator = next(w[1] for w in OWN_WORDS if w[0] == rule)
        assert f"**规则 `{rule}`**：{TITLES[rule]}\n" in report
        assert f"- **无法评价**：{REQUEST.format(code=code)}\n" in report
        assert f". [{indicator}] {REQUEST.format(code=code)}\n" in report


def test_the_instances_keep_the_period_of_the_rules_they_replace(rulebook):
    applied = rulebook.instances["shanghai-om-subsidy"]
    assert {r.id: (r.method, r.effective_from, r.effective_to, r.family, r.title_en) for r in applied.values()} == {
        "free-services": ("attainment", "2016-01-01", None, "outcomes", "All public services on the platform are free"),
        "goods-platform-usage": ("attainment", "2016-01-01", None, "outcomes",
                                 "Goods declarations through the platform reach their target"),
        "ship-platform-usage": ("attainment", "2016-01-01", None, "outcomes",
                                "Ship declarations through the platform reach their target"),
        "enterprise-satisfaction": ("satisfaction", "2016-01-01", None, "outcomes",
                                    "Enterprise satisfaction reaches its target"),
        "government-satisfaction": ("satisfaction", "2016-01-01", None, "outcomes",
                                    "Customs-related government staff satisfaction reaches its target")}
    # an entry that gives no words keeps the method's, under ID@LEAF
    school = rulebook.instances["school-renovation"]["attainment@B1"]
    assert (school.title, school.family, school.effective_from) == (
        "正向指标按完成比例计分：得分 = 权重 × min(实际值 / 目标值, 1)", "methods", "2012-01-01")


# ---------------------------------------------------------------- the words are checked at load

def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(rules_dir) -> list[str]:
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    return [str(p) for p in error.value.problems]


def line_of(path, text) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


C26 = "id: C26,"  # each leaf of the scheme, with its entry, is one line
FINDING = "finding: '公共服务免费执行率为 {value|pct}，未达到全部免费的目标。'"
SOURCE = "source: {document: 2017 年项目绩效目标（§一(二)）, clause: 单一窗口平台上的所有公共服务均免费, report: 2017 年评价报告 §三(二)3(2) C26}"
PERIOD = "effective: {from: 2016-01-01}, request: 绩效目标及实际值，以比例（0–1）填写、单位为“比例”（targets、outcomes：free_service_rate）"


@pytest.mark.parametrize("old, new, at, message", [
    ("title: 平台公共服务应全部免费,", "titel: 平台公共服务应全部免费,", C26,
     "[C26.rules.titel]: unknown key (did you mean 'title'?); allowed: effective, family, finding, id, recommendation, "
     "request, rule, source, title, title_en, with"),
    ("title: 平台公共服务应全部免费,", "title: ' ',", C26, "[C26.rules.title]: must be non-empty text; found ' '"),
    ("title: 平台公共服务应全部免费,", "title: TODO 标题,", C26,
     "[C26.rules.title]: unfinished: replace the TODO; found 'TODO 标题'"),
    ("title_en: All public services on the platform are free,", "title_en: [free],", C26,
     "[C26.rules.title_en]: must be text; found ['free']"),
    (FINDING, "finding: '公共服务免费执行率为 {valu|pct}。'", C26,
     "[C26.rules.finding]: placeholder {valu} names nothing (did you mean 'value'?); found '{valu|pct}'"),
    (FINDING, "finding: '公共服务免费执行率为 {value|pc}。'", C26,
     "[C26.rules.finding]: unknown format 'pc' in {value|pc}; allowed: n2, pct, yn"),
    (FINDING, "finding: '未达标的指标为 {code|pct}。'", C26,
     "[C26.rules.finding]: {code|pct}: format |pct does not fit 'code'; allowed: |pct and |n2 for numbers"),
    ("{document: 2017 年项目绩效目标（§一(二)）, clause: 单一窗口平台上的所有公共服务均免费",
     "{documnet: 2017 年项目绩效目标（§一(二)）, clause: 单一窗口平台上的所有公共服务均免费", C26,
     "[C26.rules.source.documnet]: unknown key (did you mean 'document'?); allowed: clause, document, report"),
    ("recommendation: {text: '{case.unit_short}", "recommendation: {txt: '{case.unit_short}", C26,
     "[C26.rules.recommendation.txt]: unknown key (did you mean 'text'?); allowed: source, text"),
    ("id: free-services, family: outcomes,", "id: free-services, family: outcome,", C26,
     "[C26.rules.family]: unknown rule family (did you mean 'outcomes'?); found 'outcome'"),
    (PERIOD, PERIOD.replace("2016-01-01", "2011-01-01"), C26,
     "[C26.rules.effective.from]: the instance starts before rule attainment is in force (from 2012-01-01); "
     "found '2011-01-01'; allowed: 2012-01-01 or later"),
    (PERIOD, PERIOD.replace("2016-01-01", "2016-03-01"), C26,
     "[C26.rules.effective.from]: the rule starts within 2016, but its table metric_results declares no column that "
     "dates its facts"),
    (PERIOD, PERIOD.replace("{from: 2016-01-01}", "{from: 2016-01-01, to: 2015-12-31}"), C26,
     "[C26.rules.effective.to]: effective period ends before it starts; found '2015-12-31'"),
    ("id: free-services,", "id: Free_Services,", C26,
     "[C26.rules.id]: an instance's id is lower-case letters, digits and '-', like a rule's; found 'Free_Services'"),
    ("id: free-services,", "id: separate-accounting,", C26,
     "[C26.rules.id]: instance id separate-accounting is the id of a rule file (rules/separate-accounting/"
     "separate-accounting.yaml): give the instance an id of its own"),
    ("id: goods-platform-usage,", "id: free-services,", "id: C281,",
     "[C281.rules]: instance id free-services is used twice in this scheme (also on C26); found 'free-services'"),
])
def test_bad_words_are_refused_with_file_line_key_and_nearest_name(rules_dir, old, new, at, message):
    scheme = rules_dir / SCHEME
    edit(scheme, old, new)
    found = problems_of(rules_dir)
    message = message.replace("rules/separate-accounting/", f"{rules_dir}/separate-accounting/")
    assert any(p.startswith(f"{scheme}:{line_of(scheme, at)} {message}") for p in found), found


def test_the_words_are_the_rule_file_s_shapes(rules_dir):
    scheme = rules_dir / SCHEME
    edit(scheme, "recommendation: {text: '{case.unit_short}应对外公布免费服务清单并监督执行，杜绝收费。'}",
         "recommendation: 市口岸办应对外公布免费服务清单并监督执行，杜绝收费。")
    edit(scheme, SOURCE, "source: {clause: 单一窗口平台上的所有公共服务均免费}")
    found = problems_of(rules_dir)
    at = line_of(scheme, C26)
    assert found == [
        f"{scheme}:{at} [C26.rules.source.document]: missing or empty",
        f"{scheme}:{at} [C26.rules.recommendation]: 'recommendation' must be a mapping with text; found "
        "'市口岸办应对外公布免费服务清单并监督执行，杜绝收费。'"]


def test_a_leaf_may_name_the_method_s_parameters_in_its_finding(rules_dir, below_target):
    edit(rules_dir / SCHEME, FINDING, "finding: '“{text}”（{code}）：{value|pct}，目标 {target|pct}。'")
    result = check_case(below_target, load_rulebook(rules_dir))
    assert [f.text for f in result.findings if f.indicator == "C26"] == [
        "“单一窗口平台上的所有公共服务均免费”（free_service_rate）：90%，目标 100%。"]


def test_new_rule_refuses_an_id_a_leaf_s_instance_has(rules_dir):
    with pytest.raises(InputError) as error:  # a copy of rules/: nothing is written there when refused, as here
        new_rule(load_rulebook(rules_dir), "free-services", "outcomes", "shanghai-om-subsidy", "C26", "metric_results",
                 2017)
    assert not (rules_dir / "outcomes" / "free-services.yaml").exists()
    assert [str(p) for p in error.value.problems] == [
        "free-services: leaf C26 of shanghai-om-subsidy applies attainment under this id: a rule file would take its "
        "name; allowed: another id"]


# ---------------------------------------------------------------- other outputs that read the words

def test_coverage_cites_the_clauses_the_leaves_give(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert ("    上海口岸通过单一窗口平台进行船舶申报量占比 95% 及以上；得分 = 权重 × 实际值 / 目标值 ← ship-platform-usage\n"
            "    上海口岸通过单一窗口平台进行货物申报的货物量占比 95% 及以上；得分 = 权重 × 实际值 / 目标值 ← "
            "goods-platform-usage\n") in out
    assert "    单一窗口平台上的所有公共服务均免费 ← free-services\n" in out
    assert "    使用平台企业满意度达到 85%；得分 = 权重 × 实际值 / 目标值 ← enterprise-satisfaction\n" in out
    assert "  ✓ C26 单一窗口平台免费服务执行率: free-services\n" in out


def test_lint_warns_when_a_leaf_s_source_cites_no_clause(rules_dir, capsys):
    scheme = rules_dir / SCHEME
    edit(scheme, SOURCE, "source: {document: 2017 年项目绩效目标（§一(二)）}")
    assert main(["lint", "--strict", str(rules_dir)]) == 1
    assert f"{scheme}:{line_of(scheme, C26)}: leaf C26's source cites no clause: say which article or passage of " \
           "'2017 年项目绩效目标（§一(二)）' it encodes" in capsys.readouterr().out


def _instructions(book) -> dict[str, str]:
    """The data-collection workbook's 说明 sheet: table code → the evidence asked for."""
    return {row[2]: row[4] for row in book["说明"].iter_rows(values_only=True) if row[2] and row[4]}


def test_the_data_collection_workbook_asks_in_the_leaves_words(rulebook):
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(rulebook, "shanghai-om-subsidy")))
    asked = _instructions(book)
    # each sheet its own words (issue 16 review: one request repeated on three sheets): a row per code, by its leaf
    assert asked["targets"].startswith("绩效目标：指标代码每个代码一行：")
    assert asked["outcomes"].startswith("实际绩效：指标代码每个代码一行：")
    for code, leaf in (("enterprise_satisfaction", "企业满意度"), ("free_service_rate", "单一窗口平台免费服务执行率"),
                       ("goods_platform_usage", "货物申报平台使用率")):
        assert f"{code}（{leaf}）" in asked["targets"] and f"{code}（{leaf}）" in asked["outcomes"]


def test_a_scheme_of_methods_only_has_its_tables_in_the_blank_workbook(rulebook):
    # not 系统运行与故障: its rows give only the availability metric, which no rule of the school's looks for
    assert scheme_tables(rulebook, "school-renovation") == ["observations", "outcomes", "targets"]
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(rulebook, "school-renovation")))
    assert book.sheetnames == ["说明", "评价小组核查结论", "实际绩效", "绩效目标"]
    assert _instructions(book)["observations"] == \
        "评价小组对该定性指标的核查结论（达成 / 部分达成 / 未达成）及依据（observations）"


def test_a_misspelt_instance_id_is_said_in_chinese_too(rules_dir):
    """It was English only (load/scheme_files.py); now from the catalogue, in either language."""
    scheme = rules_dir / SCHEME
    edit(scheme, "id: free-services,", "id: Free_Services,")
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    [problem] = [p for p in error.value.problems if p.key == "C26.rules.id"]
    assert problem.render("zh").endswith("[C26.rules.id]：实例 id 与规则 id 一样，由小写字母、数字和“-”组成；"
                                         "填写的是 'Free_Services'；可填：例如 free-services")


def test_an_instance_starting_before_its_method_says_what_is_allowed_in_chinese(rules_dir):
    """What is allowed was English (`2012-01-01 or later`) in a Chinese message."""
    edit(rules_dir / SCHEME, PERIOD, PERIOD.replace("2016-01-01", "2011-01-01"))
    with pytest.raises(InputError) as error:
        load_rulebook(rules_dir)
    [problem] = [p for p in error.value.problems if p.key == "C26.rules.effective.from"]
    assert problem.render("zh").endswith("填写的是 '2011-01-01'；可填：2012-01-01 或之后")
    assert problem.render("en").endswith("found '2011-01-01'; allowed: 2012-01-01 or later")
