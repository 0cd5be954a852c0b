"""Commands for rule authors (lint, test, coverage, new rule) and `synth`: each prints what the
authoring layer returns."""

from __future__ import annotations

import sys

from ..authoring.case_files import new_case, new_case_lines
from ..authoring.lint import coverage, lint_summary, lint_warnings, render_coverage, test_run
from ..authoring.ruletests import load_rule_tests
from ..authoring.scaffold import created_lines, new_rule, next_step
from ..authoring.scheme_scaffold import leaves_from_file, leaves_from_options, new_scheme, new_scheme_lines
from ..authoring.synth import synth_lines, synth_portfolio
from ..check.rulebook import load_rulebook
from .common import EXIT_FAILED, EXIT_OK, default_rules_dir, messages_in, rules_dir, rulebook_of


def cmd_synth(args) -> int:
    if args.forms is not None:
        # lazily: writing forms needs openpyxl, whose import every other command's start-up need not pay
        from ..authoring.form_synth import synth_form_lines, synth_forms
        rows = synth_forms(args.out_dir, args.forms, args.seed, args.per_folder, args.layout)
        print("\n".join(synth_form_lines(rows, args.out_dir, args.seed)))
        return EXIT_OK
    facts = args.facts or default_rules_dir().parent / "facts"
    written, bundled = synth_portfolio(facts, args.out_dir, args.cases, args.seed)
    print("\n".join(synth_lines(written, args.out_dir, args.seed, bundled)))
    return EXIT_OK


def cmd_lint(args) -> int:
    rulebook = rulebook_of(args)
    tests = load_rule_tests(rulebook)
    warnings = lint_warnings(rulebook, tests)
    lang = messages_in(args)
    for warning in warnings:
        print(warning.text(lang))
    print(lint_summary(rulebook, tests, warnings, lang))
    return EXIT_FAILED if warnings and args.strict else EXIT_OK


def cmd_test(args) -> int:
    rulebook = rulebook_of(args)
    lines, failed = test_run(rulebook, load_rule_tests(rulebook), args.rule, messages_in(args))
    print("\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK


def cmd_coverage(args) -> int:
    rulebook = rulebook_of(args)
    sys.stdout.write(render_coverage(coverage(rulebook, load_rule_tests(rulebook)), rulebook, messages_in(args)))
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
    lang = messages_in(args)
    print("\n".join([*created_lines(paths, lang), next_step(rulebook, args.rule_id, args.scheme, args.indicator, lang)]))
    return EXIT_OK


def _new_scheme(args) -> int:
    rulebook = rulebook_of(args)
    leaves = leaves_from_options(args.leaf) + (leaves_from_file(args.leaves) if args.leaves else [])
    paths = new_scheme(rulebook, args.scheme_id, args.name, args.source or args.name, leaves)
    print("\n".join(new_scheme_lines(paths, args.scheme_id)))
    return EXIT_OK
