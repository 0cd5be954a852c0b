"""Tools for rule authors: lint, rule tests, coverage, and a new-rule scaffold."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..check.gaps import uncovered
from ..load.rulebook import RuleBook
from ..model.problems import InputError, Problem, did_you_mean
from ..model.rules import Rule
from .ruletests import Outcome, RuleCase, load_rule_tests, run_case, test_file_for


@dataclass(frozen=True)
class LintWarning:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def lint_warnings(rulebook: RuleBook, tests: dict[str, list[RuleCase]]) -> list[LintWarning]:
    """What is legal but weak: rules without tests of both kinds, or without a clause cited;
    tables that do not say how their rows are named; scheme leaves with a gap between their
    rules' periods."""
    warnings = []
    for rule in rulebook.rules:
        cases = tests.get(rule.id, [])
        if not cases:
            warnings.append(LintWarning(rule.file, f"no tests: add {test_file_for(rule).name} with a case where "
                                                "the rule fires and one where it does not"))
        else:
            if not any(c.fires for c in cases):
                warnings.append(LintWarning(str(test_file_for(rule)), "no case where the rule fires"))
            if not any(not c.fires for c in cases):
                warnings.append(LintWarning(str(test_file_for(rule)), "no case where the rule does not fire"))
        if not rule.library and not any(rule.id in scheme.rule_leaves() for scheme in rulebook.schemes.values()):
            warnings.append(LintWarning(rule.file, "no scheme uses this rule: add its id to the `rules:` of a leaf "
                                                "in rules/schemes/<scheme>.yaml"))
        if not rule.source.get("clause"):
            warnings.append(LintWarning(rule.file, "source cites no clause: say which article or passage of "
                                                f"{rule.source.get('document')!r} the rule encodes"))
    for schema in sorted(rulebook.schemas.tables.values(), key=lambda t: t.name):
        if schema.label is None:
            warnings.append(LintWarning(schema.file, "no `label:` says how rule tests and findings name its rows: "
                                                   "add `label: COLUMN` (e.g. its key), or `label: row` for a table "
                                                   f"of one row a case ({schema.name}:1)"))
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
                warnings.append(LintWarning(where, f"leaf {leaf.id} has no rule in force {start} – {end}: a case of "
                                                "that period cannot assess it (规则缺口)"))
            for rule in listed:
                new = successors.get(rule.id)
                if new is not None and new.id not in leaf.rules:
                    warnings.append(LintWarning(where, f"leaf {leaf.id} lists {rule.id} but not {new.id}, which "
                                                    f"replaces it from {new.effective_from}"))
    return warnings


def run_all_tests(rulebook: RuleBook, tests: dict[str, list[RuleCase]]) -> list[Outcome]:
    return [run_case(case, rulebook) for rule in sorted(tests) for case in tests[rule]]


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
    for rule in sorted(rulebook.rules, key=lambda r: r.id):
        sources[rule.source["document"]][rule.source.get("clause", "")].append(rule.id)
    return Coverage(leaves, tested, sources)


def render_coverage(report: Coverage, rulebook: RuleBook) -> str:
    lines = []
    for scheme_id, leaves in report.leaves.items():
        covered = sum(1 for _, _, rules in leaves if rules)
        lines.append(f"评价方案 {scheme_id}: {covered} of {len(leaves)} leaves have rules")
        for leaf, name, rules in leaves:
            lines.append(f"  {'✓' if rules else '✗'} {leaf} {name}: {', '.join(rules) or 'NO RULE'}")
    tested = sum(1 for f, n in report.tested.values() if f and n)
    lines += ["", f"规则测试 rule tests: {tested} of {len(report.tested)} rules have a firing and a non-firing case"]
    for rule, (firing, quiet) in sorted(report.tested.items()):
        mark = "✓" if firing and quiet else "✗"
        lines.append(f"  {mark} {rule}: {firing} firing, {quiet} non-firing")
    lines += ["", f"引用的文件和条款 cited documents and clauses: {len(report.sources)} documents"]
    for document, clauses in sorted(report.sources.items()):
        lines.append(f"  {document}")
        for clause, rules in sorted(clauses.items()):
            lines.append(f"    {clause or '(no clause cited)'} ← {', '.join(rules)}")
    return "\n".join(lines) + "\n"


def rule_by_id(rulebook: RuleBook, rule_id: str, applied: bool = False) -> Rule:
    """The rule with this id; with `applied`, also a rule as a scheme leaf applies it (ID@LEAF).
    Raises InputError naming the nearest id."""
    rules = [*rulebook.rules, *(r for uses in rulebook.instances.values() for r in uses.values() if applied)]
    for rule in rules:
        if rule.id == rule_id:
            return rule
    raise InputError([Problem("--rule", f"no rule with this id{did_you_mean(rule_id, [r.id for r in rules])}",
                              found=rule_id)])


__all__ = ["lint_warnings", "run_all_tests", "coverage", "render_coverage", "load_rule_tests"]
