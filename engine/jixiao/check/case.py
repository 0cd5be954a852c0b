"""The check of one case: load -> validate -> derive -> evaluate -> score.

`load_rulebook` reads everything under rules/ once (schemas, schemes, families, rules);
`check_case` then checks any number of cases against it, each in its own engine session.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..disk.reading import relative_path
from ..durable.session import Evaluation, RulesEngine, rules_engine
from ..load.case_folder import load_case
from ..load.case_manifest import CaseFile
from ..load.rulebook import RuleBook
from ..model.facts import Case, Fact
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problem, Problems, meant
from ..model.results import CheckResult
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..model.tables import TableSchemas
from ..model.trace import EMPTY, Trace
from .codes import expected_codes, unknown_codes
from .derive import derive
from .findings import build_findings
from .forms import form_in_force, form_scheme_ids, is_form_scheme
from .gaps import find_rule_gaps
from .history import HISTORY_TABLE, compare, history_rows
from .integrity import check_integrity, placeholder_notes
from .judgement import (ADJUSTMENTS, WAIVER_CHECKS, Judgement, judgement_rules, read_judgement, waived, waived_leaf,
                        with_expiry)
from .plausibility import check_plausibility
from .rulebook import in_force
from .scoring import score
from .suspect import blocked_rules, suspects

LOG = logging.getLogger("jixiao.check")  # what `-v` shows: the scheme and the rules in force


def check_case(facts_dir: Path, rulebook: RuleBook, engine: RulesEngine | None = None,
               previous: CheckResult | None = None, case_file: CaseFile | None = None) -> CheckResult:
    """Check one case; with `previous` (last year's result) its findings are matched year over year.
    `case_file`: its case.yaml as the caller read it (jixiao.load.case_manifest.read_case_file)."""
    problems = Problems()
    case = load_case(facts_dir, rulebook.schemas, problems, form_scheme_ids(rulebook), case_file)
    scheme, rules = _in_force(case, rulebook, problems)
    problems.raise_if_any()  # every problem of the fact folder, reported together
    if LOG.isEnabledFor(logging.INFO):
        LOG.info("%s: scheme %s, %d rule(s) in force in %d: %s", facts_dir, scheme.id, len(rules), case.year,
                 ", ".join(r.id for r in rules))
    return assess_case(case, scheme, rules, rulebook, engine, previous, inputs=_inputs(case, scheme, rules, rulebook))


def _inputs(case: Case, scheme: Scheme, rules: list[Rule], rulebook: RuleBook) -> Mapping[str, Mapping[str, str]]:
    """SHA-256 of every file the result rests on, by path relative to its folder: rule files
    as loaded with the rulebook, fact files as read for this case."""
    root = Path(rulebook.directory)
    tables = rulebook.schemas.tables
    used = {r.file for r in rules} | {scheme.file, str(root / "families.yaml")}
    used |= {tables[t].file for t in {*case.tables, *(t for r in rules for t in r.tables)} if t in tables}
    rules_used = (rulebook.digests.get(str(p)) or _digest(Path(p), root) for p in used)
    return MappingProxyType({"rules": MappingProxyType(dict(sorted(rules_used))),
                             "facts": MappingProxyType(dict(sorted(case.digests.items())))})


def _columns(schema) -> Mapping:
    return schema.columns if schema is not None else {}


def _digest(path: Path, root: Path) -> tuple[str, str]:
    return relative_path(path, root), hashlib.sha256(path.read_bytes()).hexdigest()


def assess_case(case: Case, scheme: Scheme, rules: list[Rule], rulebook: RuleBook,
                engine: RulesEngine | None = None, previous: CheckResult | None = None,
                inputs: Mapping[str, Mapping[str, str]] = EMPTY) -> CheckResult:
    """Derive, check the facts, run the rules in durable-rules, build the findings and score the
    tree: the result, built once, with `inputs` (the files it rests on, for its manifest) and
    the trace of what the engine was given and answered.

    A rule that would read a fact that cannot be true (jixiao.check.plausibility) cannot assess:
    its findings are dropped before any deduction is computed, and its leaf gets no score.
    Rules about last year's findings read `finding_history`, which depends on this year's
    other findings: they run in a second session, after the first."""
    engine = engine or rules_engine()
    schemas = rulebook.schemas
    judgement = read_judgement(case, scheme, list(rules), schemas.tables)
    rules = [r for r in rules if r.indicator not in judgement.not_applicable]  # 不适用: not judged at all
    judging = judgement_rules(rulebook.rules, rules, case.year) if judgement.waivers else []
    tables = {**case.tables, **derive(case, schemas, {t for r in [*rules, *judging] for t in r.tables})}
    _check_dated_facts(rules, tables, schemas, case.year)
    derived = {name: rows for name, rows in tables.items() if name not in case.tables}
    notes = placeholder_notes(case) + check_integrity(case, schemas) + check_plausibility(case, schemas, derived)
    notes += unknown_codes(case, expected_codes(rules, scheme, schemas, case.year), schemas)  # rows no rule reads
    suspect = suspects(notes, tables)
    first = [r for r in rules if r.table != HISTORY_TABLE]
    later = [r for r in rules if r.table == HISTORY_TABLE]
    asserted = facts_read_by(first, tables)
    evaluation = engine.assess(first, asserted, case.session_id, case.year)
    implausible = blocked_rules(first, tables, schemas, suspect, case.year)
    findings = build_findings(evaluation.matches, _judging(first, implausible, evaluation),
                              {row.id: row for row in asserted}, scheme, schemas, case.year, case.meta)
    unassessed = {r.id for r in first if r.id in implausible or r.id not in evaluation.assessable}
    history = compare(findings, previous, unassessed, tables.get("prior_findings", ())) if previous is not None else []
    if previous is not None and HISTORY_TABLE not in tables:
        tables[HISTORY_TABLE] = history_rows(history, previous.case.year)
    undetermined = _undetermined(later, history, implausible)
    if later:
        second = engine.assess(later, facts_read_by(later, tables), case.session_id + "#history", case.year)
        implausible.update(blocked_rules(later, tables, schemas, suspect, case.year))
        findings += build_findings(second.matches, _judging(later, implausible, second),
                                   _by_id(tables, later), scheme, schemas, case.year, case.meta)
        evaluation = Evaluation(evaluation.matches + second.matches, evaluation.assessable | second.assessable,
                                MappingProxyType({**evaluation.in_period, **second.in_period}))
        findings.sort(key=lambda f: (scheme.order.index(f.indicator), f.rule))
    judgement, lapses = _judge_waivers(judgement, judging, [*rules, *judging], evaluation.matches, tables, engine,
                                       case, scheme, schemas)
    findings = waived(findings, judgement) + lapses
    findings.sort(key=lambda f: (scheme.order.index(f.indicator), f.rule))
    # A rule whose facts are missing (a table absent, a row never recorded) or cannot be true
    # cannot assess, and neither can a leaf no rule covers for some part of the year (a gap in
    # the rule set, for the rule author): none scores full marks.
    cannot_assess = [r for r in rules if r.id in implausible or r.id in undetermined
                     or r.id not in evaluation.assessable]
    rule_gaps = [g for g in _rule_gaps(rulebook, scheme, rules, case.year) if g.leaf not in judgement.not_applicable]
    scores = score(scheme, findings, frozenset([*(r.indicator for r in cannot_assess), *(g.leaf for g in rule_gaps)]),
                   judgement.not_applicable, judgement.adjustments, _columns(schemas.tables.get(ADJUSTMENTS)))
    facts = MappingProxyType({name: tuple(rows) for name, rows in tables.items()})
    read = sorted({t for r in rules for t in r.tables} & set(facts))  # the tables whose facts were asserted
    trace = Trace(MappingProxyType({name: facts[name] for name in read}), evaluation.matches, evaluation.in_period)
    return CheckResult(
        case=case, scheme=scheme, rules=tuple(rules), findings=tuple(findings), scores=scores,
        families=_families(rulebook), readers=_readers(rulebook),
        tables=facts, trace=trace, inputs=inputs,
        integrity=tuple(notes), cannot_assess=tuple(cannot_assess),
        implausible=MappingProxyType({rule: tuple(found) for rule, found in implausible.items()}),
        suspect=MappingProxyType(suspect), schemas=schemas, rule_gaps=tuple(rule_gaps), history=tuple(history),
        previous_year=previous.case.year if previous is not None else None, previous_note="",
        waivers=tuple(judgement.waivers.values()))


def _judge_waivers(judgement: Judgement, judging: list[Rule], rules: list[Rule], matches: tuple, tables: dict,
                   engine: RulesEngine, case: Case, scheme: Scheme, schemas: TableSchemas) -> tuple[Judgement, list]:
    """Which waivers have lapsed, as the engine finds with the rules that read waiver_checks (run
    here in a session of their own; in a rule test of one of them, among the case's rules), and
    their findings, each under the leaf of the rule it waived, deducting nothing.
    Raises InputError when the case waives rules but the rule book has no rule to judge waivers."""
    if not judgement.waivers:
        return judgement, []
    if not judging and not any(r.table == WAIVER_CHECKS for r in rules):
        raise InputError([Problem.said(case.files.get("waivers", "waivers"), Message("judgement.no_waiver_rule"))])
    reading = {r.id for r in rules if r.table == WAIVER_CHECKS}
    facts = {row.id: row for row in tables.get(WAIVER_CHECKS, [])}
    found = list(matches)
    if judging:
        found += engine.assess(judging, facts_read_by(judging, tables), case.session_id + "#waivers", case.year).matches
    lapsed = [m for m in found if m.rule in reading | {r.id for r in judging}]
    judgement = with_expiry(judgement, {facts[m.fact].values["rule"] for m in lapsed})
    lapses = []
    for match in lapsed if judging else ():  # (in a rule test the rule's own findings are built with the others)
        rule = next(r for r in judging if r.id == match.rule)
        bound = replace(rule, indicator=waived_leaf(scheme, facts[match.fact].values["rule"]))
        lapses += build_findings((match,), [bound], facts, scheme, schemas, case.year, case.meta)
    return judgement, lapses


KEPT = 4096  # rule gaps and families kept (then forgotten, and worked out again)
_GAPS: dict[tuple, tuple] = {}  # (ids of rule book, scheme, each rule; year) -> (them, the gaps)
_FAMILIES: dict[int, tuple] = {}  # id(rule book) -> (it, its families, read-only)
_READERS: dict[int, tuple] = {}  # id(rule book) -> (it, {direction: the methods reading it})


def _rule_gaps(rulebook: RuleBook, scheme: Scheme, rules: list[Rule], year: int) -> list:
    """find_rule_gaps of the rules in force, worked out once per rule book, scheme, rules and
    year (the entry keeps them alive: their ids are not reused), not for every case: a gap is
    a fact of the rule book, the same for every case of the scheme and year."""
    key = (id(rulebook), id(scheme), year, *map(id, rules))
    known = _GAPS.get(key)
    if known is not None:
        return known[1]
    listed = [*rulebook.rules, *rulebook.instances.get(scheme.id, {}).values(), *rules]
    gaps = find_rule_gaps(scheme, rules, listed, year, _scheme_file(scheme.file, str(rulebook.directory)))
    if len(_GAPS) >= KEPT:
        _GAPS.clear()
    _GAPS[key] = ((rulebook, scheme, tuple(rules)), gaps)
    return gaps


def _families(rulebook: RuleBook) -> Mapping:
    """The rule book's families as a result holds them (read-only), made once per rule book."""
    known = _FAMILIES.get(id(rulebook))
    if known is None or known[0] is not rulebook:
        families = MappingProxyType({name: MappingProxyType(dict(family)) for name, family in rulebook.families.items()})
        if len(_FAMILIES) >= KEPT:
            _FAMILIES.clear()
        known = _FAMILIES[id(rulebook)] = (rulebook, families)
    return known[1]


def _readers(rulebook: RuleBook) -> Mapping[str, tuple[str, ...]]:
    """Each direction of a target -> the ids of the methods (library rules with parameters) that
    read it, in the rule book's order; made once per rule book."""
    known = _READERS.get(id(rulebook))
    if known is None or known[0] is not rulebook:
        found: dict[str, list[str]] = {}
        for rule in rulebook.rules:
            if rule.library and rule.parameters:
                for direction in rule.directions:
                    found.setdefault(direction, []).append(rule.id)
        if len(_READERS) >= KEPT:
            _READERS.clear()
        known = _READERS[id(rulebook)] = (rulebook, MappingProxyType({d: tuple(ids) for d, ids in found.items()}))
    return known[1]


@functools.lru_cache(maxsize=64)  # the same few scheme files for every case of a run; resolving is a system call each
def _scheme_file(file: str, rules_dir: str) -> str:
    return relative_path(Path(file), Path(rules_dir).parent)


def _check_dated_facts(rules: list[Rule], tables: dict[str, list[Fact]], schemas: TableSchemas, year: int) -> None:
    """A rule in force for part of the year judges the facts dated in its period: a fact of its
    table without a date would be judged by no version. Observed tables require their date
    column; this guards derived ones, whose date comes from their sources."""
    problems = Problems()
    for table in sorted({r.table for r in rules if r.bounds_in(year) != (None, None)}):
        schema = schemas.get(table)
        column = schema.columns[schema.date]
        partial = sorted(r.id for r in rules if r.table == table and r.bounds_in(year) != (None, None))
        for row in tables.get(table, []):
            if row.values.get(schema.date) is None:
                source = (row.derived_from or (row,))[0]
                problems.add(source.file, Message("case.fact_without_date", {
                    "table": table, "column": schema.date, "title": column.title, "rules": Joined(tuple(partial)),
                    "year": year}), line=source.line, key=schema.date, allowed=Message("allowed.date"))
    problems.raise_if_any()


def _undetermined(later: list[Rule], history: list, implausible: dict) -> set[str]:
    """The rules about last year's findings that cannot assess because some of those findings
    could not be checked this year: when that rests on implausible facts, they are added to
    `implausible` with its notes."""
    pending = [item for item in history if item.status == "unassessed_now"]
    if not later or not pending:
        return set()
    notes = []
    for item in pending:
        notes += [n for n in implausible.get(item.rule, []) if n not in notes]
    if notes:
        implausible.update({rule.id: list(notes) for rule in later})
    return {rule.id for rule in later}


def _judging(rules: list[Rule], implausible: dict, evaluation: Evaluation) -> list[Rule]:
    """The rules whose matches become findings: not those reading implausible facts, nor a rule
    over several tables missing one of them (its absent aliases would match anything), nor one a
    fact of a direction it does not read leaves unable to assess (Rule.misread_for): none that
    cannot assess (a rule with matches can, otherwise)."""
    return [r for r in rules if r.id not in implausible and r.id in evaluation.assessable]


def _by_id(tables: dict[str, list[Fact]], rules: list[Rule]) -> dict[str, Fact]:
    return {row.id: row for row in facts_read_by(rules, tables)}


def facts_read_by(rules: list[Rule], tables: dict[str, list[Fact]]) -> list[Fact]:
    """Only the facts some rule reads are asserted (the cheapest lever on engine time)."""
    return [row for name in sorted({t for r in rules for t in r.tables}) for row in tables.get(name, [])]


def _in_force(case: Case, rulebook: RuleBook, problems: Problems) -> tuple[Scheme, tuple[Rule, ...]]:
    if case.scheme not in rulebook.schemes:
        problems.add("case.yaml", Message("case.unknown_scheme", {"meant": meant(case.scheme, rulebook.schemes)}),
                     key="scheme", found=case.scheme, allowed=", ".join(rulebook.schemes))
        problems.raise_if_any()
    if is_form_scheme(rulebook, case.scheme):  # a self-evaluation form: its leaves are its own rows
        problems.raise_if_any()
        return form_in_force(case, rulebook)
    return in_force(rulebook, case.scheme, case.year)
