"""Commands for rule authors (lint, test, coverage, new rule) and `synth`: each prints what the
authoring layer returns."""

from __future__ import annotations

import sys

from ..authoring.lint import coverage, lint_warnings, render_coverage, rule_by_id, run_all_tests
from ..authoring.ruletests import load_rule_tests, outcome_lines
from ..authoring.scaffold import new_rule
from ..authoring.scheme_scaffold import leaves_from_file, leaves_from_options, new_scheme
from ..authoring.synth import synthesize
from ..disk.atomic import check_apart
from ..load.case_folder import find_cases
from ..model.problems import InputError, Problem
from ..model.schemes import Scheme
from ..check.rulebook import load_rulebook
from .common import EXIT_FAILED, EXIT_OK, default_rules_dir, rules_dir, rulebook_of


def cmd_synth(args) -> int:
    facts = args.facts or default_rules_dir().parent / "facts"
    check_apart(args.out_dir, [facts], option="OUT_DIR")
    bundled = [folder for folder in find_cases(facts) if sum(1 for _ in folder.iterdir()) > 5]
    if not bundled:
        raise InputError([Problem(str(facts), "no complete case to vary (a folder with case.yaml and facts)")])
    if args.cases < 1:
        raise InputError([Problem("--cases", "must be at least 1", found=args.cases)])
    written = synthesize(bundled, args.out_dir, args.cases, args.seed)
    print(f"wrote {len(written)} cases under {args.out_dir} (seed {args.seed}, from "
          f"{', '.join(str(b) for b in bundled)})")
    return EXIT_OK


def cmd_lint(args) -> int:
    rulebook = rulebook_of(args)
    tests = load_rule_tests(rulebook)
    warnings = lint_warnings(rulebook, tests)
    for warning in warnings:
        print(f"warning: {warning}")
    print(f"jixiao lint: {len(rulebook.rules)} rules, {len(rulebook.schemes)} scheme(s), "
          f"{len(rulebook.schemas.tables)} fact tables, {sum(map(len, tests.values()))} rule test cases: "
          f"no errors, {len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
    return EXIT_FAILED if warnings and args.strict else EXIT_OK


def cmd_test(args) -> int:
    rulebook = rulebook_of(args)
    tests = load_rule_tests(rulebook)
    if args.rule:
        rule_by_id(rulebook, args.rule)
        tests = {args.rule: tests.get(args.rule, [])}
    outcomes = run_all_tests(rulebook, tests)
    for outcome in outcomes:
        print("\n".join(outcome_lines(outcome)))
    scope = [args.rule] if args.rule else [r.id for r in rulebook.rules]
    untested = sorted(rule for rule in scope if not tests.get(rule))
    for rule in untested:
        print(f"NONE  {rule} › no test cases")
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes)} case(s) of {len(scope) - len(untested)} rule(s); {len(untested)} rule(s) without tests")
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_coverage(args) -> int:
    rulebook = rulebook_of(args)
    sys.stdout.write(render_coverage(coverage(rulebook, load_rule_tests(rulebook)), rulebook))
    return EXIT_OK


def cmd_new(args) -> int:
    if args.kind == "scheme":
        return _new_scheme(args)
    rulebook = load_rulebook(rules_dir(args), pending=frozenset({args.rule_id}))  # a scheme may list it already
    listed = args.rule_id in rulebook.schemes.get(args.scheme, Scheme("", "", "", [])).rule_leaves()
    paths = new_rule(rulebook, args.rule_id, args.family, args.scheme, args.indicator, args.table, args.year)
    for path in paths:
        print(f"created {path}")
    add = "" if listed else f"add {args.rule_id} to the rules of {args.indicator} in {rulebook.schemes[args.scheme].file}; "
    print(f"next: fill in every TODO in both files; {add}then run `jixiao lint` and `jixiao test`")
    return EXIT_OK


def _new_scheme(args) -> int:
    rulebook = rulebook_of(args)
    leaves = leaves_from_options(args.leaf) + (leaves_from_file(args.leaves) if args.leaves else [])
    paths = new_scheme(rulebook, args.scheme_id, args.name, args.source or args.name, leaves)
    print(f"created {paths[0]}")
    for path in paths[1:]:
        print(f"pinned {path} to the scheme its cases were written for (`scheme:`): {args.scheme_id} weighs "
              "its rule otherwise")
    print(f"next: check a case with `scheme: {args.scheme_id}` in its case.yaml; run `jixiao lint` and `jixiao test`")
    return EXIT_OK
