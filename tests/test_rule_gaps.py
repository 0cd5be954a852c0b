"""A leaf with no rule in force in (part of) the check year: a gap in the rule set (规则缺口).

It earns no points (无法评价, never full marks), and it is reported for the rule author to
fix, apart from the evidence the audited unit must supply (资料清单), in every output."""

import json
import re
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.case import check_case
from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.report.explain import working_paper
from jixiao.check.gaps import uncovered
from jixiao.report import Settings, render

from conftest import FACTS, RULES, SHANGHAI_2017

SHANGHAI_2016 = FACTS / "shanghai-single-window" / "2016"
SCHEME = "rules/schemes/shanghai-om-subsidy.yaml"
C121_2019 = f"2019 年全年没有在用的规则（{SCHEME}:88 列出 tranche-deadline：2016-01-01 – 2018-12-31）"
C121_2019_EN = f"2019: no rule in force in the whole year ({SCHEME}:88 lists tranche-deadline: 2016-01-01 – 2018-12-31)"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def case_2019(tmp_path):
    folder = tmp_path / "shanghai-single-window" / "2019"
    shutil.copytree(SHANGHAI_2017, folder)
    edit(folder / "case.yaml", "year: 2017", "year: 2019")
    edit(folder / "case.yaml", "report_date: 2018-09-20", "report_date: 2020-09-20")  # not before its year
    # availability is counted over the case year (2019, like 2017, has 365 days)
    edit(folder / "system_availability.yaml", "period_start: 2017-01-01", "period_start: 2019-01-01")
    edit(folder / "system_availability.yaml", "period_end: 2017-12-31", "period_end: 2019-12-31")
    return folder


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_leaf_without_a_rule_in_force_is_a_gap_not_evidence_to_request(capsys, case_2019):
    # tranche-deadline applies 2016-2018: in 2019 C121 has no rule (README promised a stop;
    # the code asked the audited unit, in 资料清单, to supply a rule).
    code, out, _ = run(capsys, "check", case_2019, "--no-write", "--rules", RULES)
    assert code == 0
    assert "资料清单" not in out
    assert out.endswith("\n规则缺口 gaps in the rule set: 1（相关指标无法评价；由规则作者补充规则，"
                        "不需被评价单位提供资料 for the rule author, not evidence to request）\n"
                        f"  - [C121] {C121_2019}\n")
    assert "注意 note: 1 项指标（3 分）因规则缺口无法评价，未计入总分；总分和等级待规则补充后确定\n" in out
    assert "      C121 市口岸办补贴资金拨付及时率                  3      无法评价\n" in out


def test_json_gives_a_gap_its_own_kind(capsys, case_2019):
    code, out, _ = run(capsys, "check", case_2019, "--no-write", "--format", "json", "--rules", RULES)
    result = json.loads(out)
    assert code == 0
    assert [f for f in result["findings"] if f["kind"] not in ("deduction", "integrity")] == [{
        "rule": None, "indicator": "C121", "deduction": None, "text": f"规则缺口：{C121_2019}",
        "recommendation": "由规则作者补充适用于该时段的规则，或核对规则的有效期；不需被评价单位提供资料",
        "source": SCHEME, "evidence": [], "kind": "rule_gap"}]
    c121 = next(i for i in result["indicators"] if i["id"] == "C121")
    assert (c121["score"], c121["assessed"]) == (None, False)


@pytest.mark.parametrize("lang, heading, line", [
    ("zh", "## 五、规则缺口（由规则作者补充）", f"1. [C121] {C121_2019}"),
    ("en", "## 5. Gaps in the rule set (for the rule author)", f"1. [C121] {C121_2019_EN}"),
])
def test_the_report_lists_gaps_in_their_own_section(rulebook, case_2019, lang, heading, line):
    result = check_case(case_2019, rulebook)
    report = render("markdown", result, Settings(lang=lang))
    assert heading in report and line in report
    assert "资料清单" not in report and "Evidence to request" not in report
    assert heading in render("html", result, Settings(lang=lang)).replace("<h2>", "## ").replace("</h2>", "")
    paper = working_paper(result, indicator="C121")
    assert paper == ("指标工作底稿 — shanghai-single-window 2019，评价方案 shanghai-om-subsidy\n\n"
                     "C121 市口岸办补贴资金拨付及时率  权重 3 → 得分 无法评价\n"
                     f"  规则缺口：{C121_2019}\n"
                     "  得分：无法评价（规则缺口），规则补充前不计入总分\n")


def test_the_2016_case_reports_its_gaps_apart_from_the_evidence_to_request(rulebook):
    result = check_case(SHANGHAI_2016, rulebook)
    assert [(g.leaf, g.missing, g.rules) for g in result.rule_gaps] == [
        ("B232", (("2016-01-01", "2016-12-31"),), (("separate-accounting", "2017-01-01", None),)),
        ("C32", (("2016-01-01", "2016-12-31"),), (("prior-findings-rectified", "2017-01-01", None),))]
    # otherwise the same result as before gaps were told apart
    # 85 of 100 points unassessed: 9 could end anywhere from 不合格 to 优
    assert (result.scores.total, result.scores.grade) == (Decimal(9), "不合格～优")
    assert sorted(r.id for r in result.scores.unassessed) == [
        "A21", "A22", "B11", "B12", "B21", "B231", "B232", "B31", "B32", "B341", "B342", "C111", "C112", "C121",
        "C122", "C131", "C132", "C21", "C22", "C23", "C24", "C25", "C26", "C27", "C281", "C282", "C291", "C292",
        "C31", "C32"]
    assert {r.id: r.score for r in result.scores.rows if r.score is not None} == {
        "A": 4, "A1": 4, "A11": 2, "A12": 2, "B": 5, "B2": 2, "B22": 2, "B221": 2, "B222": 0, "B3": 3, "B33": 3,
        "B331": 3, "B332": 0}
    report = render("markdown", result)
    requests = report[report.index("## 五、资料清单"):report.index("## 六、规则缺口（由规则作者补充）")]
    gaps = report[report.index("## 六、规则缺口"):report.index("## 附件")]
    assert len(re.findall(r"^\d+\. \[", requests, re.M)) == 28 and "[B232]" not in requests and "[C32]" not in requests
    assert gaps.count("\n1. [B232] 2016 年全年没有在用的规则（rules/schemes/shanghai-om-subsidy.yaml:55 列出 "
                      "separate-accounting：2017-01-01 起）") == 1
    assert "\n2. [C32] 2016 年全年没有在用的规则（rules/schemes/shanghai-om-subsidy.yaml:121 列出 " \
           "prior-findings-rectified：2017-01-01 起）" in gaps
    assert ("**28 项指标（81 分）因资料不全、2 项指标（4 分）因规则缺口无法评价，未计入总分；"
            "总分和等级待补充资料和规则后确定**") in report
    assert "### B232 运维商财务管理制度执行有效性（权重 2，得分 无法评价）" in report


def test_a_rule_starting_mid_year_leaves_the_first_part_of_the_year_a_gap(rules_dir):
    edit(rules_dir / "tranche-deadline" / "tranche-deadline.yaml", "effective: {from: 2016-01-01, to: 2018-12-31}",
         "effective: {from: 2017-07-01}")
    result = check_case(SHANGHAI_2017, load_rulebook(rules_dir))
    assert [(g.leaf, g.year, g.missing) for g in result.rule_gaps] == [("C121", 2017, (("2017-01-01", "2017-06-30"),))]
    assert result.scores.get("C121").score is None  # never the 3 that the unjudged first half would give
    assert [f for f in result.findings if f.indicator == "C121"] == []  # 2017-h1 is due before the rule


def split(rules_dir, old_to, new_from, list_new=True):
    old = rules_dir / "tranche-deadline" / "tranche-deadline.yaml"
    text = old.read_text(encoding="utf-8")
    edit(old, "to: 2018-12-31}", f"to: {old_to}}}")
    (old.parent / "tranche-deadline-v2.yaml").write_text(
        text.replace("id: tranche-deadline\n", "id: tranche-deadline-v2\nreplaces: tranche-deadline\n")
            .replace("effective: {from: 2016-01-01, to: 2018-12-31}", f"effective: {{from: {new_from}}}"),
        encoding="utf-8")
    if list_new:
        edit(rules_dir / "schemes" / "shanghai-om-subsidy.yaml", "rules: [tranche-deadline]",
             "rules: [tranche-deadline, tranche-deadline-v2]")


def test_lint_warns_about_a_hole_between_versions(capsys, rules_dir):
    split(rules_dir, "2017-06-30", "2017-08-01")
    code, out, _ = run(capsys, "lint", rules_dir)
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    assert code == 0
    assert (f"warning: {scheme}:88: leaf C121 has no rule in force 2017-07-01 – 2017-07-31: a case of that "
            "period cannot assess it (rule gap)") in out
    # and the new version has no tests; and any other scheme listing tranche-deadline lists it without v2
    others = [s for s in load_rulebook(rules_dir).schemes.values()
              if s.id != "shanghai-om-subsidy" and "tranche-deadline" in s.rule_leaves()]
    assert out.strip().endswith(f"{2 + len(others)} warnings")
    assert run(capsys, "lint", rules_dir, "--strict")[0] == 1
    result = check_case(SHANGHAI_2017, load_rulebook(rules_dir))
    assert [(g.leaf, g.missing) for g in result.rule_gaps] == [("C121", (("2017-07-01", "2017-07-31"),))]


def test_lint_warns_when_a_scheme_lists_a_replaced_rule_without_its_new_version(capsys, rules_dir):
    split(rules_dir, "2017-06-30", "2017-07-01", list_new=False)
    code, out, _ = run(capsys, "lint", rules_dir)
    scheme = rules_dir / "schemes" / "shanghai-om-subsidy.yaml"
    assert code == 0
    assert (f"warning: {scheme}:88: leaf C121 lists tranche-deadline but not tranche-deadline-v2, which "
            "replaces it from 2017-07-01") in out


DAYS = st.dates(min_value=date(2016, 6, 1), max_value=date(2018, 6, 30))


@settings(max_examples=300, deadline=None)
@given(periods=st.lists(st.tuples(DAYS, st.one_of(st.none(), DAYS)), max_size=4))
def test_the_uncovered_days_are_exactly_those_no_period_covers(periods):
    periods = [(a.isoformat(), b.isoformat() if b else None) for a, b in periods if b is None or a <= b]
    holes = uncovered(periods, "2017-01-01", "2017-12-31")
    day, expected = date(2017, 1, 1), set()
    while day.year == 2017:
        text = day.isoformat()
        if not any(a <= text <= (b or "9999-12-31") for a, b in periods):
            expected.add(text)
        day += timedelta(days=1)
    found = set()
    for first, last in holes:
        assert first <= last and (not found or first > max(found))  # in order, apart
        current = date.fromisoformat(first)
        while current.isoformat() <= last:
            found.add(current.isoformat())
            current += timedelta(days=1)
    assert found == expected
    # holes never touch: the day after one is covered
    assert all(date.fromisoformat(b) + timedelta(days=1) != date.fromisoformat(a2)
               for (_, b), (a2, _) in zip(holes, holes[1:]))
