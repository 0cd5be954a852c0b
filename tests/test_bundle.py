"""No test hard-codes which cases and schemes are bundled: the tests that list them, count
them or pair them pass against a copy of rules/ and facts/ holding a case and a scheme more
(conftest.py honours JIXIAO_TEST_BUNDLE). The copies sort first, so that no test can rely on
the bundled ones coming first either."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from xml.etree import ElementTree

from jixiao.check.rulebook import load_rulebook

from conftest import FACTS, ROOT, RULES, SHANGHAI_2017, bundled_cases

# The tests that enumerate the bundle: portfolios and case lists, scheme counts and pairs,
# rule counts, and the rule tests (a third scheme reusing a rule must not make its tests ambiguous).
LISTING = [
    "tests/test_api.py::test_check_portfolio_from_python",
    "tests/test_authoring_doc.py::test_the_tutorial_works_as_written",
    "tests/test_authoring_tools.py",
    "tests/test_batch.py::test_a_portfolio_varies_and_includes_missing_and_broken_facts",
    "tests/test_batch.py::test_two_folders_of_the_same_case_and_year_are_refused_before_anything_is_written",
    "tests/test_cli.py::test_a_folder_of_cases_gives_one_summary_line_each_then_details",
    "tests/test_cli.py::test_a_broken_case_in_a_folder_does_not_stop_the_others",
    "tests/test_cli.py::test_the_portfolio_row_of_a_broken_case_names_its_case_and_year",
    "tests/test_cli.py::test_a_folder_of_cases_as_json_is_a_list",
    "tests/test_golden_dongguan.py::test_no_rule_file_exists_twice",
    "tests/test_plausibility.py::test_a_rule_test_on_facts_that_cannot_be_true_says_so",
    "tests/test_pytest_plugin.py",
    "tests/test_rule_gaps.py::test_lint_warns_about_a_hole_between_versions",
    "tests/test_unreadable.py::test_a_folder_of_cases_beside_a_case_it_may_not_read",
    "tests/test_writing.py::test_an_unreadable_folder_in_a_portfolio_is_named_not_skipped",
    "tests/test_writing.py::test_a_full_disk_in_a_batch_names_each_case_path",
]


def bundle_with_more(target):
    """rules/ and facts/ copied to `target`, with a copy of the Shanghai scheme and of its 2017
    case (checked under that scheme), each under an id that sorts before every bundled one."""
    shutil.copytree(RULES, target / "rules")
    shutil.copytree(FACTS, target / "facts")
    scheme = (RULES / "schemes" / "shanghai-om-subsidy.yaml").read_text(encoding="utf-8")
    assert "\nid: shanghai-om-subsidy\n" in scheme
    (target / "rules" / "schemes" / "a-copy-of-shanghai-om-subsidy.yaml").write_text(
        scheme.replace("\nid: shanghai-om-subsidy\n", "\nid: a-copy-of-shanghai-om-subsidy\n"), encoding="utf-8")
    case = target / "facts" / "a-copy-of-shanghai-single-window" / "2017"
    shutil.copytree(SHANGHAI_2017, case)
    manifest = (case / "case.yaml").read_text(encoding="utf-8")
    for old in ("\ncase: shanghai-single-window\n", "\nscheme: shanghai-om-subsidy\n"):
        assert old in manifest
        manifest = manifest.replace(old, old.replace(": ", ": a-copy-of-"))
    (case / "case.yaml").write_text(manifest, encoding="utf-8")
    return target


def test_the_tests_that_list_the_bundle_pass_with_a_case_and_a_scheme_more(tmp_path):
    bundle = bundle_with_more(tmp_path / "bundle")
    cases = bundled_cases(bundle / "facts")
    assert cases[0] == ("a-copy-of-shanghai-single-window", 2017, "a-copy-of-shanghai-om-subsidy")
    assert len(cases) == len(bundled_cases()) + 1
    schemes = load_rulebook(bundle / "rules").schemes
    assert list(schemes)[0] == "a-copy-of-shanghai-om-subsidy" and len(schemes) == len(load_rulebook(RULES).schemes) + 1
    report = tmp_path / "report.xml"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junit-xml={report}",
                           *LISTING], cwd=ROOT, env=dict(os.environ, JIXIAO_TEST_BUNDLE=str(bundle)),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert (int(suite.get("failures")), int(suite.get("errors")), int(suite.get("skipped"))) == (0, 0, 0)
    assert int(suite.get("tests")) >= len(LISTING)  # each named test ran (a file: its tests)
