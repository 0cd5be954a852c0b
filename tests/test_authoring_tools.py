"""jixiao lint / test / coverage / explain / new rule, as an author uses them."""



from jixiao.check.rulebook import load_rulebook
from jixiao.cli.main import main
from jixiao.authoring.ruletests import RuleCase, load_rule_tests, run_case

from conftest import RULES, SHANGHAI_2017


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_lint_passes_on_the_bundled_rules(capsys):
    code, out, _ = run(capsys, "lint", RULES)
    assert code == 0
    assert out.strip().endswith("no errors, 0 warnings")


def test_lint_warns_about_a_rule_without_tests_or_clause(capsys, rules_dir):
    (rules_dir / "separate-accounting" / "separate-accounting.test.yaml").unlink()
    path = rules_dir / "separate-accounting" / "separate-accounting.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  clause: 专款专用，单独记账\n", ""), encoding="utf-8")
    code, out, _ = run(capsys, "lint", rules_dir)
    assert code == 0
    assert "warning: " in out and "separate-accounting.yaml: no tests" in out
    assert "source cites no clause" in out
    assert out.strip().endswith("2 warnings")
    assert run(capsys, "lint", rules_dir, "--strict")[0] == 1


def test_lint_reports_every_error_and_exits_2(capsys, rules_dir):
    path = rules_dir / "budget" / "budget-execution.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("family: budget", "family: Budget"), encoding="utf-8")
    code, _, err = run(capsys, "lint", rules_dir)
    assert code == 2
    assert "budget-execution.yaml:4 [family]: unknown rule family (did you mean 'budget'?)" in err


def test_test_command_prints_a_line_per_case_and_a_summary(capsys, rules_dir):
    # two rules keep their tests (every case runs once per test run, through pytest rules/)
    kept = ("operator-share-paid", "separate-accounting")
    for path in rules_dir.glob("*/*.test.yaml"):
        if path.name[: -len(".test.yaml")] not in kept:
            path.unlink()
    untested = sorted(r.id for r in load_rulebook(RULES).rules if r.id not in kept)
    code, out, _ = run(capsys, "test", rules_dir)
    assert code == 0
    assert out.splitlines() == [
        "PASS  operator-share-paid › 甲公司 100 万元未拨付（核定合计 300 万元）",
        "PASS  operator-share-paid › 全部拨付；未列计划金额的行不计",
        "PASS  separate-accounting › 两家运维商未专账核算，扣一次",
        "PASS  separate-accounting › 全部专账核算（或设辅助账），不扣分",
        "PASS  separate-accounting › 情况不明（partial）不等于未专账核算",
        *(f"NONE  {rule} › no test cases" for rule in untested),
        f"5 case(s) of 2 rule(s); {len(untested)} rule(s) without tests",
        "5 passed, 0 failed"]


def test_two_cases_of_one_name_are_refused(capsys, rules_dir):
    path = rules_dir / "separate-accounting" / "separate-accounting.test.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 全部专账核算（或设辅助账），不扣分", "name: 两家运维商未专账核算，扣一次"),
                    encoding="utf-8")
    code, _, err = run(capsys, "test", rules_dir)
    assert code == 2
    assert err.splitlines() == ["jixiao: 1 problem in the input; nothing was done:",
                                f"  {path}:11 [cases.name]: another case (line 4) has this name; give each "
                                "case its own; found '两家运维商未专账核算，扣一次'"]


def test_a_wrong_expectation_fails_with_what_was_found(capsys, rules_dir):
    path = rules_dir / "separate-accounting" / "separate-accounting.test.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fires_on: [甲公司, 丙公司], deduction: 1, score: 1",
                                                             "fires_on: [甲公司], deduction: 2, score: 1"),
                    encoding="utf-8")
    code, out, _ = run(capsys, "test", rules_dir)
    assert code == 1
    assert "FAIL  separate-accounting › 两家运维商未专账核算，扣一次" in out
    assert "fires on ['丙公司', '甲公司'], expected ['甲公司']" in out
    assert "deduction 1, expected 2" in out
    assert out.splitlines()[-1].endswith("passed, 1 failed")


def test_a_case_with_facts_the_schema_refuses_fails_with_the_schema_message():
    rulebook = load_rulebook(RULES)
    case = RuleCase("separate-accounting", "typo", "t.yaml", 3, None, None,
                    {"operator_practices": [{"operator": "甲", "separate_acount": "no"}]},
                    {"fires_on": []})
    outcome = run_case(case, rulebook)
    assert not outcome.passed
    assert any("unknown column (did you mean 'separate_account'?)" in p for p in outcome.said("en"))


def test_coverage_lists_leaves_tests_and_clauses(capsys, rulebook):
    code, out, _ = run(capsys, "coverage", RULES)
    assert code == 0
    assert "scheme shanghai-om-subsidy: 36 of 36 leaves have rules" in out
    assert "✓ B232 运维商财务管理制度执行有效性: separate-accounting" in out
    assert "scheme national-it-construction: 14 of 14 leaves have rules" in out
    rules = len(rulebook.rules)  # every bundled rule has a firing and a non-firing case (jixiao lint says so too)
    assert f"rule tests: {rules} of {rules} rules have a firing and a non-firing case" in out
    assert "  上海国际贸易单一窗口运维补贴财务管理规范\n    专款专用，单独记账 ← separate-accounting" in out


def test_explain_one_indicator_shows_the_working(capsys):
    code, out, _ = run(capsys, "explain", SHANGHAI_2017, "--indicator", "C121", "--rules", RULES)
    assert code == 0
    assert "C121 市口岸办补贴资金拨付及时率  权重 3 → 得分 1.79" in out
    assert "\n    条件（tranche_payments）：paid_date > due_date\n    触发：3 条事实中 1 条\n" in out
    assert "✓ [tranche_payments，来自 disbursements.csv 第 3 行]  2017 年上半年 40% 运维补贴资金: " \
           "due_date = 2017-06-30, paid_date = 2017-10" in out
    assert "weight * paid_amount / total_paid = 3 * 6520 / 16104.72 = 1.2146" in out
    assert "限于 0 至 3 之间，四舍五入 → 1.79\n" in out


def test_explain_a_rule_that_did_not_fire(capsys):
    code, out, _ = run(capsys, "explain", SHANGHAI_2017, "--rule", "tranche-paid", "--rules", RULES)
    assert code == 0
    assert "未触发：3 条事实中 0 条" in out
    assert "限于 0 至 3 之间，四舍五入 → 3.00\n" in out


def test_explain_marks_every_match_of_the_engine(capsys, golden):
    code, out, _ = run(capsys, "explain", SHANGHAI_2017, "--rules", RULES)
    assert code == 0 and out.count("\n  规则 ") == 37
    assert out.count("      ✓ ") == len(golden.trace.matches) == 40  # every fact is shown: no table has 60


def test_explain_follows_the_language_chosen(capsys):
    code, out, _ = run(capsys, "explain", SHANGHAI_2017, "--indicator", "C121", "--rules", RULES, "--lang", "en")
    assert code == 0
    assert out.startswith("working paper — shanghai-single-window 2017, scheme shanghai-om-subsidy\n\n"
                          "C121 市口岸办补贴资金拨付及时率  weight 3 → score 1.79\n  rule tranche-deadline: ")
    assert "\n    condition (tranche_payments): paid_date > due_date\n    fired: 1 of 3 facts\n" in out
    assert "\n    in force: 2016-01-01 – 2018-12-31\n" in out


def test_explain_unknown_rule(capsys):
    code, _, err = run(capsys, "explain", SHANGHAI_2017, "--rule", "separate-acounting", "--rules", RULES)
    assert code == 2 and "did you mean 'separate-accounting'?" in err


def test_new_rule_scaffold_is_refused_until_filled_in(capsys, rules_dir):
    code, out, _ = run(capsys, "new", "rule", "service-report-metrics", "--family", "management",
                       "--scheme", "shanghai-om-subsidy", "--indicator", "B342", "--table", "observations",
                       "--year", "2017", "--rules", rules_dir)
    assert code == 0
    rule = rules_dir / "management" / "service-report-metrics.yaml"
    test = rules_dir / "management" / "service-report-metrics.test.yaml"
    assert rule.exists() and test.exists()
    assert "fill in every TODO" in out
    code, _, err = run(capsys, "lint", rules_dir)
    assert code == 2
    assert "service-report-metrics.yaml" in err and "unfinished: replace the TODO" in err
    # the same command again does not overwrite the author's work
    code, _, err = run(capsys, "new", "rule", "service-report-metrics", "--family", "management",
                       "--scheme", "shanghai-om-subsidy", "--indicator", "B342", "--table", "observations",
                       "--rules", rules_dir)
    assert code == 2


def test_new_rule_scaffold_filled_in_loads(capsys, rules_dir):
    run(capsys, "new", "rule", "my-rule", "--family", "management", "--scheme", "shanghai-om-subsidy",
        "--indicator", "B342", "--table", "observations", "--year", "2017", "--rules", rules_dir)
    path = rules_dir / "management" / "my-rule.yaml"
    lines = [line.split("#")[0].rstrip() for line in path.read_text(encoding="utf-8").splitlines()]
    text = "\n".join(line.replace("TODO", "填写") for line in lines) + "\n"
    text = text.replace('id == "填写"', 'id == "records_sample_verified" and answer == "no"')
    path.write_text(text, encoding="utf-8")
    (rules_dir / "management" / "my-rule.test.yaml").unlink()
    rulebook = load_rulebook(rules_dir)
    assert "my-rule" in {r.id for r in rulebook.rules}
    assert load_rule_tests(rulebook).get("my-rule") is None


def test_new_rule_with_unknown_names(capsys, rules_dir):
    code, _, err = run(capsys, "new", "rule", "x-rule", "--family", "nope", "--scheme", "shanghai-om-subsidy",
                       "--indicator", "Z1", "--table", "nothing", "--rules", rules_dir)
    assert code == 2
    assert "--family: unknown rule family" in err and "--indicator: not a leaf of shanghai-om-subsidy" in err
    assert "--table: unknown fact table" in err


def test_test_command_for_one_rule(capsys):
    code, out, _ = run(capsys, "test", RULES, "--rule", "tranche-deadline")
    lines = out.splitlines()
    assert code == 0
    assert all(line.startswith("PASS  tranche-deadline › ") for line in lines[:-2])
    assert lines[-1] == "6 passed, 0 failed"
    assert run(capsys, "test", RULES, "--rule", "tranche-deadlin")[0] == 2
