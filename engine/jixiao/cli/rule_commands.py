"""Commands for rule authors (lint, test, coverage, new rule) and `synth`: each prints what the
authoring layer returns."""

from __future__ import annotations

import sys

from ..authoring.case_files import new_case, new_case_lines
from ..authoring.lint import coverage, lint_summary, lint_warnings, render_coverage, test_run
from ..authoring.ruletests import load_rule_tests
from ..authoring.scaffold import new_rule, next_step
from ..authoring.scheme_scaffold import leaves_from_file, leaves_from_options, new_scheme
from ..authoring.synth import synth_portfolio
from ..check.rulebook import load_rulebook
from .common import EXIT_FAILED, EXIT_OK, default_rules_dir, messages_in, rules_dir, rulebook_of


def cmd_synth(args) -> int:
    facts = args.facts or default_rules_dir().parent / "facts"
    written, bundled = synth_portfolio(facts, args.out_dir, args.cases, args.seed)
    print(f"wrote {len(written)} cases under {args.out_dir} (seed {args.seed}, from "
          f"{', '.join(str(b) for b in bundled)})")
    return EXIT_OK


def cmd_lint(args) -> int:
    rulebook = rulebook_of(args)
    tests = load_rule_tests(rulebook)
    warnings = lint_warnings(rulebook, tests)
    for warning in warnings:
        print(f"warning: {warning}")
    print(lint_summary(rulebook, tests, warnings))
    return EXIT_FAILED if warnings and args.strict else EXIT_OK


def cmd_test(args) -> int:
    rulebook = rulebook_of(args)
    lines, failed = test_run(rulebook, load_rule_tests(rulebook), args.rule)
    print("\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK


def cmd_coverage(args) -> int:
    rulebook = rulebook_of(args)
    sys.stdout.write(render_coverage(coverage(rulebook, load_rule_tests(rulebook)), rulebook))
    return EXIT_OK


def cmd_new(args) -> int:
    if args.kind == "scheme":
        return _new_scheme(args)
    if args.kind == "case":
        for line in new_case_lines(new_case(rulebook_of(args), args.case_id, args.year, args.scheme, args.facts),
                                   messages_in(args)):
            print(line)
        return EXIT_OK
    rulebook = load_rulebook(rules_dir(args), pending=frozenset({args.rule_id}))  # a scheme may list it already
    paths = new_rule(rulebook, args.rule_id, args.family, args.scheme, args.indicator, args.table, args.year)
    for path in paths:
        print(f"created {path}")
    print(next_step(rulebook, args.rule_id, args.scheme, args.indicator))
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
