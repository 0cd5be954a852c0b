"""Tools for rule authors: lint, rule tests, coverage, and a new-rule scaffold."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..check.gaps import uncovered
from ..disk.atomic import write_files
from ..load.rule_files import RULE_ID
from ..load.rulebook import RuleBook
from ..model.problems import InputError, Problem, did_you_mean
from ..model.rules import TEST_SUFFIX, Rule
from .ruletests import Outcome, RuleCase, load_rule_tests, run_case, test_file_for


@dataclass(frozen=True)
class LintWarning:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def lint_warnings(rulebook: RuleBook, tests: dict[str, list[RuleCase]]) -> list[LintWarning]:
    """What is legal but weak: rules without tests of both kinds, or without a clause cited;
    scheme leaves with a gap between their rules' periods."""
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


# ---------------------------------------------------------------- jixiao new rule

RULE_TEMPLATE = """\
# Rule {rule_id}: one management rule, one file. Fill in every TODO, then run
#   jixiao lint      (is the rule well-formed?)
#   jixiao test      (do its example cases in {rule_id}{test_suffix} pass?)
# See docs/authoring.md for a walk-through.
id: {rule_id}
title: TODO 规则标题（一句话说明要求，例如：运维商应对补贴资金支出专账核算）
title_en: TODO the rule in English, one line
family: {family}                 # one of the families in rules/families.yaml
source:
  document: TODO 管理办法或合同的名称
  clause: TODO 条款原文或条款号
  report: TODO 评价报告中的章节（可选）
effective: {{from: {year}-01-01}}   # add `to: YYYY-MM-DD` when the rule stops applying
# Which indicator it deducts from is said by the scheme: add `{rule_id}` to the `rules:` of
# leaf {indicator} in rules/schemes/{scheme}.yaml.
when:
  table: {table}            # the fact table the rule reads (rules/tables/{table}.yaml lists its fields)
  where: {where}   # TODO the condition under which the rule FIRES (a problem is found)
deduct:
  points: 1      # TODO a fixed number of points, or replace with `formula: weight / 2`
  per: rule      # rule: deduct once however many facts match; match: deduct for each matching fact
finding: TODO 发现的问题，可引用 {{labels}}（触发的事实）和 {{count}}（个数）   # with per: match, any field, e.g. {{field}}
recommendation:
  text: TODO 建议和改进措施
"""

TEST_TEMPLATE = """\
# Example cases for rule {rule_id}: small sets of facts and exactly what the rule must do.
# Every rule needs at least one case where it fires and one where it does not.
# `fires_on` lists the labels of the matching facts (the table's `label` column, see
# rules/tables/{table}.yaml); `deduction` is the rule's total; `score` the leaf's score.
rule: {rule_id}
cases:
  - name: TODO 规则应当触发的情形
    year: {year}
    facts:
      {table}:
        - {{{example}}}   # TODO facts that break the rule
    expect: {{fires_on: [TODO], deduction: 1, score: TODO}}
  - name: TODO 规则不应触发的情形
    year: {year}
    facts:
      {table}:
        - {{{example}}}   # TODO facts that comply
    expect: {{fires_on: [], deduction: 0}}
"""


def new_rule(rulebook: RuleBook, rule_id: str, family: str, scheme: str, indicator: str, table: str,
             year: int) -> list[Path]:
    """Write rules/<family>/<id>.yaml and its test file; refuse to overwrite or to guess."""
    problems = []
    if not RULE_ID.match(rule_id):
        problems.append(Problem(rule_id, "rule id must be lower-case letters, digits and '-'",
                                allowed="e.g. service-report-metrics"))
    if family not in rulebook.families:
        problems.append(Problem("--family", "unknown rule family", found=family,
                                allowed=", ".join(rulebook.families)))
    if scheme not in rulebook.schemes:
        problems.append(Problem("--scheme", "unknown scheme", found=scheme, allowed=", ".join(rulebook.schemes)))
    elif indicator not in {leaf.id for leaf in rulebook.schemes[scheme].leaves}:
        problems.append(Problem("--indicator", f"not a leaf of {scheme}", found=indicator,
                                allowed="a leaf id, e.g. B342 (jixiao coverage lists them)"))
    schema = rulebook.schemas.get(table)
    if schema is None:
        problems.append(Problem("--table", "unknown fact table", found=table,
                                allowed=", ".join(sorted(rulebook.schemas.tables))))
    if any(r.id == rule_id for r in rulebook.rules):
        problems.append(Problem(rule_id, "a rule with this id exists already"))
    if problems:
        raise InputError(problems)
    folder = Path(rulebook.directory) / family
    rule_path, test_path = folder / f"{rule_id}.yaml", folder / f"{rule_id}{TEST_SUFFIX}"
    for path in (rule_path, test_path):
        if path.exists():
            raise InputError([Problem(str(path), "exists already; not overwritten")])
    first = next(iter(schema.columns.values()))
    where = f'{first.name} == "TODO"' if first.kind.kind == "text" else f"{first.name} > 0"
    required = [c for c in schema.columns.values() if c.required] or [first]
    example = ", ".join(f"{c.name}: TODO" for c in required)
    values = dict(rule_id=rule_id, family=family, scheme=scheme, indicator=indicator, table=table, year=year,
                  where=where,
                  example=example, test_suffix=TEST_SUFFIX)
    return write_files(folder, {rule_path.name: RULE_TEMPLATE.format(**values).encode("utf-8"),
                                test_path.name: TEST_TEMPLATE.format(**values).encode("utf-8")},
                       exclusive=True, option="--rules")


def rule_by_id(rulebook: RuleBook, rule_id: str, applied: bool = False) -> Rule:
    """The rule with this id; with `applied`, also a rule as a scheme leaf applies it (ID@LEAF).
    Raises InputError naming the nearest id."""
    rules = [*rulebook.rules, *(r for uses in rulebook.instances.values() for r in uses.values() if applied)]
    for rule in rules:
        if rule.id == rule_id:
            return rule
    raise InputError([Problem("--rule", f"no rule with this id{did_you_mean(rule_id, [r.id for r in rules])}",
                              found=rule_id)])


__all__ = ["lint_warnings", "run_all_tests", "coverage", "render_coverage", "new_rule", "load_rule_tests"]
