"""The check of one case: load -> validate -> derive -> evaluate -> score.

`load_knowledge` reads everything under rules/ once (schemas, schemes, families, rules);
`check_case` then checks any number of cases against it, each in its own engine session.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .derive import DERIVATIONS, derive
from .errors import InputError, Problem, Problems, did_you_mean
from .evaluate import Evaluation, RulesEngine, rules_engine
from .history import HISTORY_TABLE, compare, history_rows
from .facts import Case, Row, load_case
from .findings import Finding, build_findings
from .gaps import RuleGap, rule_gaps
from .integrity import check_integrity
from .plausibility import check_plausibility
from .rules import Rule, day_after, load_families, load_rules
from .scheme import Scheme, load_schemes
from .score import ScoreTable, score
from .suspect import blocked_rules, suspects
from .tables import Catalog, load_catalog
from .yamlsrc import files_read


@dataclass
class Knowledge:
    """What rules/ holds: fact table schemas, schemes, rule families and rules."""

    directory: Path
    catalog: Catalog
    schemes: dict[str, Scheme]
    families: dict[str, dict]
    rules: list[Rule]
    digests: dict[str, tuple[str, str]] = field(default_factory=dict)  # file -> (relative path, SHA-256)
    _in_force: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def in_force(self, scheme_id: str, year: int) -> tuple[Scheme, tuple[Rule, ...]]:
        """A scheme with the weights of `year` and the rules it uses that year, worked out once
        per scheme and year (a batch checks thousands of cases against a few of them)."""
        key = (scheme_id, year)
        if key not in self._in_force:
            scheme = self.schemes[scheme_id].for_year(year)
            self._in_force[key] = scheme, tuple(rules_of(scheme, self, year))  # shared: immutable
        return self._in_force[key]


@dataclass
class Result:
    case: Case
    scheme: Scheme
    rules: list[Rule]
    findings: list[Finding]
    scores: ScoreTable
    families: dict[str, dict]
    tables: dict[str, list[Row]]  # observed and derived facts, for working papers
    inputs: dict = field(default_factory=dict)  # the files used, with their hashes (the manifest)
    integrity: list = field(default_factory=list)  # integrity notes: disagreements, then implausible facts
    cannot_assess: list = field(default_factory=list)  # rules whose facts are missing or cannot be true
    implausible: dict = field(default_factory=dict)  # rule id -> the notes on the implausible facts it reads
    suspect: dict = field(default_factory=dict)  # id() of a Row -> Suspect: values that cannot be trusted
    catalog: Catalog | None = None
    unruled: list[RuleGap] = field(default_factory=list)  # leaves no rule covers for (part of) the year
    history: list = field(default_factory=list)  # this year's findings against last year's (HistoryItem)
    previous_year: int | None = None


def load_knowledge(directory: Path) -> Knowledge:
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError([Problem(str(directory), "rules folder not found; pass --rules DIR")])
    with files_read() as read:  # the manifest's hashes: of the bytes parsed, not read again later
        knowledge = _load_knowledge(directory)
    knowledge.digests = {f: (_relative(Path(f), directory), read[f]) for f in _files_of(knowledge) if f in read}
    return knowledge


def _files_of(knowledge: Knowledge) -> list[str]:
    """Every file under rules/ a result can rest on."""
    return [*(r.file for r in knowledge.rules), *(s.file for s in knowledge.schemes.values()),
            *(t.file for t in knowledge.catalog.tables.values()), str(knowledge.directory / "families.yaml")]


def _load_knowledge(directory: Path) -> Knowledge:
    problems = Problems()
    catalog = schemes = families = None
    for loader in ("catalog", "schemes", "families"):
        try:
            if loader == "catalog":
                catalog = load_catalog(directory / "tables")
            elif loader == "schemes":
                schemes = load_schemes(directory / "schemes")
            else:
                families = load_families(directory)
        except InputError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    _check_derivations(catalog)
    _check_cross_table_checks(catalog)
    rules = load_rules(directory, catalog, families)
    _check_scheme_rules(schemes, rules)
    return Knowledge(directory, catalog, schemes, families, rules)


def _check_cross_table_checks(catalog: Catalog) -> None:
    """An integrity check that names another table names an existing table and column."""
    problems = Problems()
    for schema in catalog.tables.values():
        for check in schema.checks:
            other = check.get("table")
            if other is None:
                continue
            target = catalog.get(other)
            if target is None:
                problems.add(schema.file, f"check names no fact table{did_you_mean(other, catalog.tables)}",
                             key=f"checks.{check['kind']}", found=other)
                continue
            for column in [check.get("to"), check.get("other"), *(check.get("row") or {})]:
                if column is not None and column not in target.columns:
                    problems.add(schema.file, f"check names no column of {other}{did_you_mean(column, target.columns)}",
                                 key=f"checks.{check['kind']}", found=column)
    problems.raise_if_any()


def _check_scheme_rules(schemes: dict[str, Scheme], rules: list[Rule]) -> None:
    """Every rule a scheme names exists, and feeds one leaf of that scheme only."""
    problems = Problems()
    known = {r.id for r in rules}
    for scheme in schemes.values():
        seen: dict[str, str] = {}
        for leaf in scheme.leaves:
            line = scheme.lines.get(f"{leaf.id}.rules")
            for rule in leaf.rules:
                if rule not in known:
                    problems.add(scheme.file, f"leaf {leaf.id} names no existing rule{did_you_mean(rule, known)}",
                                 line=line, key=f"{leaf.id}.rules", found=rule)
                elif rule in seen:
                    problems.add(scheme.file, f"rule {rule} feeds both {seen[rule]} and {leaf.id}: its findings "
                                 "would be counted twice", line=line, key=f"{leaf.id}.rules", found=rule)
                seen[rule] = leaf.id
        _check_overlaps(scheme, {r.id: r for r in rules}, problems)
    problems.raise_if_any()


def _check_overlaps(scheme: Scheme, rules: dict[str, Rule], problems: Problems) -> None:
    """Versions of one rule never judge one fact twice. Two rules of one leaf reading one table,
    the later starting before the earlier ends, look like versions that overlap: refused (a
    `replaces:` pair that overlaps is refused when the rules are loaded). A rule and the one it
    replaces feed the same leaf."""
    leaves = scheme.rule_leaves()
    for leaf in scheme.leaves:
        listed = [rules[r] for r in leaf.rules if r in rules]
        for old in listed:
            for new in listed:
                if old is new or new.replaces == old.id or old.table != new.table or old.effective_to is None \
                        or not old.effective_from < new.effective_from <= old.effective_to:
                    continue
                end = min(old.effective_to, new.effective_to or old.effective_to)
                problems.add(new.file, f"{new.id} starts before {old.id} ({old.file}:{old.line('effective')}: "
                             f"{old.period}) ends; both feed {leaf.id} of {scheme.file} and read {old.table}, so a "
                             f"fact dated {new.effective_from} – {end} would be deducted twice",
                             line=new.line("effective"), key="effective.from", found=new.effective_from,
                             allowed=f"{day_after(old.effective_to)} or later (with `replaces: {old.id}` if it is "
                             "a new version of it)")
    for rule in rules.values():
        if rule.replaces in leaves and rule.id in leaves and leaves[rule.id] != leaves[rule.replaces]:
            leaf = leaves[rule.id]
            problems.add(scheme.file, f"{rule.id} replaces {rule.replaces}, which feeds {leaves[rule.replaces]}: "
                         "versions of one rule feed one leaf", line=scheme.lines.get(f"{leaf}.rules"),
                         key=f"{leaf}.rules", found=rule.id, allowed=f"{rule.id} on {leaves[rule.replaces]}")


def rules_of(scheme: Scheme, knowledge: Knowledge, year: int) -> list[Rule]:
    """The rules a scheme uses, in force in `year`, each bound to the leaf it feeds."""
    leaves = scheme.rule_leaves()
    return [replace(r, indicator=leaves[r.id]) for r in knowledge.rules if r.id in leaves and r.in_force(year)]


def _check_derivations(catalog: Catalog) -> None:
    """Each derived table the engine computes needs its schema, and vice versa."""
    declared = {name for name, schema in catalog.tables.items() if schema.derived}
    problems = [Problem("rules/tables", f"derived table '{name}' has no schema") for name in DERIVATIONS
                if name not in declared]
    problems += [Problem(catalog.tables[name].file, f"derived table '{name}' is computed by no derivation",
                         allowed=", ".join(DERIVATIONS)) for name in declared if name not in DERIVATIONS]
    if problems:
        raise InputError(problems)


def check_case(facts_dir: Path, knowledge: Knowledge, engine: RulesEngine | None = None,
               previous: Result | None = None) -> Result:
    """Check one case; with `previous` (last year's result) its findings are matched year over year."""
    problems = Problems()
    case = load_case(facts_dir, knowledge.catalog, problems)
    scheme, rules = _in_force(case, knowledge, problems)
    problems.raise_if_any()  # every problem of the fact folder, reported together
    result = evaluate_case(case, scheme, rules, knowledge, engine, previous)
    result.inputs = _inputs(case, scheme, rules, knowledge)
    return result


def _inputs(case: Case, scheme: Scheme, rules: list[Rule], knowledge: Knowledge) -> dict:
    """SHA-256 of every file the result rests on, by path relative to its folder: rule files
    as loaded with the knowledge, fact files as read for this case."""
    root = Path(knowledge.directory)
    tables = knowledge.catalog.tables
    used = {r.file for r in rules} | {scheme.file, str(root / "families.yaml")}
    used |= {tables[t].file for t in {*case.tables, *(r.table for r in rules)} if t in tables}
    rules_used = (knowledge.digests.get(str(p)) or _digest(Path(p), root) for p in used)
    return {"rules": dict(sorted(rules_used)), "facts": dict(sorted(case.digests.items()))}


def _digest(path: Path, root: Path) -> tuple[str, str]:
    return _relative(path, root), hashlib.sha256(path.read_bytes()).hexdigest()


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def evaluate_case(case: Case, scheme: Scheme, rules: list[Rule], knowledge: Knowledge,
                  engine: RulesEngine | None = None, previous: Result | None = None) -> Result:
    """Derive, check the facts, run the rules in durable-rules, build the findings and score the tree.

    A rule that would read a fact that cannot be true (engine/plausibility.py) cannot assess:
    its findings are dropped before any deduction is computed, and its leaf gets no score.
    Rules about last year's findings read `finding_history`, which depends on this year's
    other findings: they run in a second session, after the first."""
    engine = engine or rules_engine()
    catalog = knowledge.catalog
    tables = {**case.tables, **derive(case, {r.table for r in rules})}
    _check_dated_facts(rules, tables, catalog, case.year)
    derived = {name: rows for name, rows in tables.items() if name not in case.tables}
    notes = check_integrity(case, catalog) + check_plausibility(case, catalog, derived)
    suspect = suspects(notes, tables)
    first = [r for r in rules if r.table != HISTORY_TABLE]
    later = [r for r in rules if r.table == HISTORY_TABLE]
    evaluation = engine.assess(first, facts_read_by(first, tables), case.session_id, case.year)
    implausible = blocked_rules(first, tables, catalog, suspect, case.year)
    findings = build_findings(evaluation.matches, [r for r in first if r.id not in implausible], _by_id(tables, first),
                              scheme, catalog, case.year)
    unassessed = {r.id for r in first if r.id in implausible or r.id not in evaluation.assessable}
    history = compare(findings, previous, unassessed) if previous is not None else []
    if previous is not None and HISTORY_TABLE not in tables:
        tables[HISTORY_TABLE] = history_rows(history, previous.case.year)
    undetermined = _undetermined(later, history, implausible)
    if later:
        second = engine.assess(later, facts_read_by(later, tables), case.session_id + "#history", case.year)
        implausible.update(blocked_rules(later, tables, catalog, suspect, case.year))
        findings += build_findings(second.matches, [r for r in later if r.id not in implausible],
                                   _by_id(tables, later), scheme, catalog, case.year)
        evaluation = Evaluation(evaluation.matches + second.matches, evaluation.assessable | second.assessable)
        findings.sort(key=lambda f: (scheme.order.index(f.indicator), f.rule))
    # A rule whose facts are missing (a table absent, a row never recorded) or cannot be true
    # cannot assess, and neither can a leaf no rule covers for some part of the year (a gap in
    # the rule set, for the rule author): none scores full marks.
    cannot_assess = [r for r in rules if r.id in implausible or r.id in undetermined
                     or r.id not in evaluation.assessable]
    unruled = rule_gaps(scheme, rules, knowledge.rules, case.year,
                        _relative(Path(scheme.file), Path(knowledge.directory).parent))
    scores = score(scheme, findings, frozenset([*(r.indicator for r in cannot_assess), *(g.leaf for g in unruled)]))
    return Result(case, scheme, rules, findings, scores, knowledge.families, tables, integrity=notes,
                  cannot_assess=cannot_assess, implausible=implausible, suspect=suspect, catalog=catalog,
                  unruled=unruled, history=history,
                  previous_year=previous.case.year if previous is not None else None)


def _check_dated_facts(rules: list[Rule], tables: dict[str, list[Row]], catalog: Catalog, year: int) -> None:
    """A rule in force for part of the year judges the facts dated in its period: a fact of its
    table without a date would be judged by no version. Observed tables require their date
    column; this guards derived ones, whose date comes from their sources."""
    problems = Problems()
    for table in sorted({r.table for r in rules if r.bounds_in(year) != (None, None)}):
        schema = catalog.get(table)
        column = schema.columns[schema.date]
        partial = sorted(r.id for r in rules if r.table == table and r.bounds_in(year) != (None, None))
        for row in tables.get(table, []):
            if row.values.get(schema.date) is None:
                source = (row.derived_from or (row,))[0]
                problems.add(source.file, f"a fact of {table} without {schema.date} ({column.title}), the date that "
                             f"places it in time: {', '.join(partial)} judge(s) only the facts dated in part of "
                             f"{year}", line=source.line, key=schema.date,
                             allowed="a date YYYY-MM-DD, or YYYY-MM when only the month is known")
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


def _by_id(tables: dict[str, list[Row]], rules: list[Rule]) -> dict[str, Row]:
    return {row.id: row for row in facts_read_by(rules, tables)}


def facts_read_by(rules: list[Rule], tables: dict[str, list[Row]]) -> list[Row]:
    """Only the facts some rule reads are asserted (the cheapest lever on engine time)."""
    return [row for name in sorted({r.table for r in rules}) for row in tables.get(name, [])]


def _in_force(case: Case, knowledge: Knowledge, problems: Problems) -> tuple[Scheme, tuple[Rule, ...]]:
    if case.scheme not in knowledge.schemes:
        problems.add("case.yaml", f"unknown scheme{did_you_mean(case.scheme, knowledge.schemes)}",
                     key="scheme", found=case.scheme, allowed=", ".join(knowledge.schemes))
        problems.raise_if_any()
    return knowledge.in_force(case.scheme, case.year)
