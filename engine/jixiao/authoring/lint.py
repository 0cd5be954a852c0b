"""Tools for rule authors: lint, rule tests, coverage, and a new-rule scaffold."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..check.gaps import uncovered
from ..load.rulebook import RuleBook
from ..model.messages import Message
from ..model.problems import InputError, Problem, meant
from ..model.rules import Rule
from .ruletests import Outcome, RuleCase, load_rule_tests, outcome_lines, run_case, test_file_for


@dataclass(frozen=True)
class LintWarning:
    file: str
    said: Message  # what is weak, as a catalogue message (jixiao.model.catalogue_authoring)

    @property
    def message(self) -> str:
        return self.said.render("en")

    def text(self, lang: str = "zh") -> str:
        """The warning as `jixiao lint` prints it, after `warning:` / `警告：`, in a language."""
        return Message("lint.warning", {"file": self.file, "message": self.said}).render(lang)

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def _warn(where: str, key: str, **params) -> LintWarning:
    return LintWarning(where, Message(key, params))


def lint_warnings(rulebook: RuleBook, tests: dict[str, list[RuleCase]]) -> list[LintWarning]:
    """What is legal but weak: rules without tests of both kinds, or without a clause cited;
    tables that do not say how their rows are named; scheme leaves with a gap between their
    rules' periods."""
    warnings = []
    for rule in rulebook.rules:
        cases = tests.get(rule.id, [])
        if not cases:
            warnings.append(_warn(rule.file, "lint.no_tests", file=test_file_for(rule).name))
        else:
            if not any(c.fires for c in cases):
                warnings.append(_warn(str(test_file_for(rule)), "lint.no_firing_case"))
            if not any(not c.fires for c in cases):
                warnings.append(_warn(str(test_file_for(rule)), "lint.no_quiet_case"))
        if not rule.library and not any(rule.id in scheme.rule_leaves() or rule.id in (scheme.form or {}).values()
                                        for scheme in rulebook.schemes.values()):
            warnings.append(_warn(rule.file, "lint.unused"))
        if not rule.source.get("clause"):
            warnings.append(_warn(rule.file, "lint.no_clause", document=repr(rule.source.get("document"))))
    for scheme in rulebook.schemes.values():  # a leaf's instance that cites a source of its own
        for use, (_, _, line, _, leaf, entry) in scheme.uses.items():
            rule = rulebook.instances.get(scheme.id, {}).get(use)
            if rule is not None and "source" in entry and not rule.source.get("clause"):
                warnings.append(_warn(f"{scheme.file}:{line}", "lint.leaf_no_clause", leaf=leaf,
                                      document=repr(rule.source.get("document"))))
    for schema in sorted(rulebook.schemas.tables.values(), key=lambda t: t.name):
        if schema.label is None:
            warnings.append(_warn(schema.file, "lint.no_label", table=schema.name))
    return warnings + gap_warnings(rulebook)


def gap_warnings(rulebook: RuleBook) -> list[LintWarning]:
    """Leaves whose rules leave a hole between their first start and their last end (versions
    that do not meet), and leaves listing a rule but not the version that replaces it. Before
    a leaf's first rule and after its last, the rule set says when the requirement applies;
    a case checked then reports the leaf as a gap (规则缺口)."""
    plain = {r.id: r for r in rulebook.rules}
    successors = {r.replaces: r for r in rulebook.rules if r.replaces}
    warnings = []
    for scheme in rulebook.schemes.values():
        by_id = {**plain, **rulebook.instances.get(scheme.id, {})}  # rules applied with arguments: ID@LEAF
        for leaf in scheme.leaves:
            where = f"{scheme.file}:{scheme.lines.get(f'{leaf.id}.rules')}"
            listed = [by_id[r] for r in leaf.rules if r in by_id]
            if not listed:
                continue
            ends = [r.effective_to for r in listed]
            span = (min(r.effective_from for r in listed), "9999-12-31" if None in ends else max(ends))
            for start, end in uncovered([(r.effective_from, r.effective_to) for r in listed], *span):
                warnings.append(_warn(where, "lint.gap", leaf=leaf.id, start=start, end=end))
            for rule in listed:
                new = successors.get(rule.id)
                if new is not None and new.id not in leaf.rules:
                    warnings.append(_warn(where, "lint.not_successor", leaf=leaf.id, rule=rule.id, new=new.id,
                                              start=new.effective_from))
    return warnings


def run_all_tests(rulebook: RuleBook, tests: dict[str, list[RuleCase]]) -> list[Outcome]:
    return [run_case(case, rulebook) for rule in sorted(tests) for case in tests[rule]]


def lint_summary(rulebook: RuleBook, tests: dict[str, list[RuleCase]], warnings: list[LintWarning],
                 lang: str = "zh") -> str:
    """`jixiao lint`'s last line, in a language: what was checked (rules, schemes, fact tables,
    rule test cases) and how many warnings."""
    return Message("lint.summary", {"rules": len(rulebook.rules), "schemes": len(rulebook.schemes),
                                    "tables": len(rulebook.schemas.tables), "cases": sum(map(len, tests.values())),
                                    "warnings": len(warnings),
                                    "word": Message("lint.one_warning" if len(warnings) == 1 else "lint.warnings")}
                   ).render(lang)


def test_run(rulebook: RuleBook, tests: dict[str, list[RuleCase]], rule_id: str | None = None,
             lang: str = "zh") -> tuple[list[str], int]:
    """Run the rule tests (of `rule_id` only, when given: InputError if there is no such rule):
    the lines `jixiao test` prints in a language — each case's outcome, each rule without
    tests, the counts — and how many cases failed."""
    if rule_id:
        rule_by_id(rulebook, rule_id)
        tests = {rule_id: tests.get(rule_id, [])}
    outcomes = run_all_tests(rulebook, tests)
    lines = [line for outcome in outcomes for line in outcome_lines(outcome, lang)]
    scope = [rule_id] if rule_id else [r.id for r in rulebook.rules]
    untested = sorted(rule for rule in scope if not tests.get(rule))
    lines += [Message("test.none", {"rule": rule}).render(lang) for rule in untested]
    failed = sum(not o.passed for o in outcomes)
    lines += [Message("test.counts", {"cases": len(outcomes), "rules": len(scope) - len(untested),
                                      "untested": len(untested)}).render(lang),
              Message("test.passed", {"passed": len(outcomes) - failed, "failed": failed}).render(lang)]
    return lines, failed


test_run.__test__ = False  # a function of jixiao's, not a test for pytest to collect


@dataclass
class Coverage:
    leaves: dict[str, list[tuple[str, str, list[str]]]]   # scheme -> (leaf, name, rule ids)
    tested: dict[str, tuple[int, int]]                     # rule -> (firing cases, non-firing cases)
    sources: dict[str, dict[str, list[str]]]               # document -> clause -> rule ids


def coverage(rulebook: RuleBook, tests: dict[str, list[RuleCase]]) -> Coverage:
    leaves = {}
    for scheme in rulebook.schemes.values():
        leaves[scheme.id] = [(leaf.id, leaf.name, list(leaf.rules)) for leaf in scheme.leaves]
    tested = {r.id: (sum(c.fires for c in tests.get(r.id, [])), sum(not c.fires for c in tests.get(r.id, [])))
              for r in rulebook.rules}
    sources: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    methods = {r.id: r for r in rulebook.rules}
    # an instance that cites its own source (a leaf's words, not its method's) cites it too
    own = {r.id: r for uses in rulebook.instances.values() for r in uses.values()
           if r.method in methods and r.source != methods[r.method].source}
    for rule in sorted([*rulebook.rules, *own.values()], key=lambda r: r.id):
        cited = sources[rule.source["document"]][rule.source.get("clause", "")]
        if rule.id not in cited:
            cited.append(rule.id)
    return Coverage(leaves, tested, sources)


def render_coverage(report: Coverage, rulebook: RuleBook, lang: str = "zh") -> str:
    """`jixiao coverage`'s text, in a language: each scheme's leaves and their rules, each rule's
    test cases, each cited document's clauses and the rules citing them."""
    def say(key: str, **params) -> str:
        return Message(key, params).render(lang)
    lines = []
    for scheme_id, leaves in report.leaves.items():
        covered = sum(1 for _, _, rules in leaves if rules)
        lines.append(say("coverage.scheme", scheme=scheme_id, covered=covered, leaves=len(leaves)))
        for leaf, name, rules in leaves:
            lines.append(f"  {'✓' if rules else '✗'} {leaf} {name}: {', '.join(rules) or say('coverage.no_rule')}")
    tested = sum(1 for f, n in report.tested.values() if f and n)
    lines += ["", say("coverage.tests", tested=tested, rules=len(report.tested))]
    for rule, (firing, quiet) in sorted(report.tested.items()):
        mark = "✓" if firing and quiet else "✗"
        lines.append(f"  {mark} {rule}: " + say("coverage.cases", firing=firing, quiet=quiet))
    lines += ["", say("coverage.sources", documents=len(report.sources))]
    for document, clauses in sorted(report.sources.items()):
        lines.append(f"  {document}")
        for clause, rules in sorted(clauses.items()):
            lines.append(f"    {clause or say('coverage.no_clause')} ← {', '.join(rules)}")
    return "\n".join(lines) + "\n"


def rule_by_id(rulebook: RuleBook, rule_id: str, applied: bool = False) -> Rule:
    """The rule with this id; with `applied`, also a rule as a scheme leaf applies it (ID@LEAF).
    Raises InputError naming the nearest id."""
    rules = [*rulebook.rules, *(r for uses in rulebook.instances.values() for r in uses.values() if applied)]
    for rule in rules:
        if rule.id == rule_id:
            return rule
    raise InputError([Problem.said("--rule", Message("test.no_rule", {"meant": meant(rule_id, [r.id for r in rules])}),
                                   found=rule_id)])


__all__ = ["lint_warnings", "run_all_tests", "coverage", "render_coverage", "load_rule_tests"]
