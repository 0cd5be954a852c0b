"""The rule book: everything under rules/ — table schemas, schemes, rule families and rules —
read and checked together, every problem at once, with the SHA-256 of every file as parsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..disk.reading import relative_path
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problem, Problems, meant
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..model.tables import TableSchemas
from ..model.values import day_after
from .yaml_source import files_read, line_of

# The readers of rules/ (table_schemas, scheme_files, rule_files, form_layouts, methods) are
# imported when the rules are read, not with RuleBook: for start-up time, as a command that
# finds its rule book in the cache (jixiao.check.rulebook.cached_rulebook) never reads them.


@dataclass
class RuleBook:
    """What rules/ holds: fact table schemas, schemes, rule families and rules."""

    directory: Path
    schemas: TableSchemas
    schemes: dict[str, Scheme]
    families: dict[str, dict]
    rules: list[Rule]
    digests: dict[str, tuple[str, str]] = field(default_factory=dict)  # file -> (relative path, SHA-256)
    # scheme id -> {ID@LEAF: the rule as that leaf applies it, with its arguments} (jixiao.load.methods)
    instances: dict[str, dict[str, Rule]] = field(default_factory=dict)
    # (scheme id, year) -> the scheme and its rules in force: filled by jixiao.check.rulebook
    in_force_cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)


def read_rulebook(directory: Path, pending: frozenset = frozenset()) -> RuleBook:
    """Everything under `directory`, checked together. `pending`: ids of rules being written
    (`jixiao new rule`), which a scheme may name before their file exists. Raises InputError
    with every problem found."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError([Problem.said(directory, Message("rules.folder_missing"))])
    with files_read() as read:  # the manifest's hashes: of the bytes parsed, not read again later
        rulebook = _read_rulebook(directory, pending)
    rulebook.digests = {f: (relative_path(Path(f), directory), read[f]) for f in _files_of(rulebook) if f in read}
    return rulebook


def _files_of(rulebook: RuleBook) -> list[str]:
    """Every file under rules/ a result can rest on."""
    return [*(r.file for r in rulebook.rules), *(s.file for s in rulebook.schemes.values()),
            *(t.file for t in rulebook.schemas.tables.values()), *(lay.file for lay in rulebook.schemas.layouts),
            str(rulebook.directory / "families.yaml")]


def _read_rulebook(directory: Path, pending: frozenset) -> RuleBook:
    from .form_layouts import load_layouts
    from .rule_files import load_families, load_rules
    from .scheme_files import load_schemes
    from .table_schemas import load_catalog

    problems = Problems()
    schemas = schemes = families = None
    for loader in ("schemas", "schemes", "families"):
        try:
            if loader == "schemas":
                schemas = load_catalog(directory / "tables")
                schemas.layouts = load_layouts(directory / "forms" / "layouts")
            elif loader == "schemes":
                schemes = load_schemes(directory / "schemes")
            else:
                families = load_families(directory)
        except InputError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    _check_cross_table_checks(schemas)
    rules = load_rules(directory, schemas, families)
    applied = _check_scheme_rules(schemes, rules, schemas, pending, families)
    return RuleBook(directory, schemas, schemes, families, rules, instances=applied)


def _check_cross_table_checks(schemas: TableSchemas) -> None:
    """An integrity check that names another table names an existing table and column."""
    problems = Problems()
    for schema in schemas.tables.values():
        for check in schema.checks:
            other = check.get("table")
            if other is None:
                continue
            target = schemas.get(other)
            if target is None:
                problems.add(schema.file, Message("book.check_table", {"meant": meant(other, schemas.tables)}),
                             key=f"checks.{check['kind']}", found=other)
                continue
            joined = check.get("join") if isinstance(check.get("join"), dict) else {}
            row = check.get("row") if isinstance(check.get("row"), dict) else {}
            for column in [check.get("to"), check.get("other"), *row, *joined.values()]:
                if column is not None and column not in target.columns:
                    problems.add(schema.file, Message("book.check_column", {"table": other,
                                                                           "meant": meant(column, target.columns)}),
                                 key=f"checks.{check['kind']}", found=column)
            if check["kind"] == "not_before" and getattr(target.columns.get(check.get("other")), "type", "date") != "date":
                problems.add(schema.file, Message("book.not_before", {
                    "column": f"{other}.{check['other']}", "type": target.columns[check["other"]].type}),
                    key="checks.not_before", found=check["other"])
    problems.raise_if_any()


def _check_scheme_rules(schemes: dict[str, Scheme], rules: list[Rule], schemas: TableSchemas,
                        pending: frozenset = frozenset(), families: dict | None = None) -> dict[str, dict[str, Rule]]:
    """Every rule a scheme names exists (or is `pending`), and feeds one leaf of that scheme only;
    a rule that declares parameters without defaults is applied with `with:`; an instance named
    by its entry (`id:`) does not take a rule file's id. Returns each scheme's instances (rules
    applied with arguments), their arguments and own words checked."""
    from .methods import instances
    from .rule_grades import check_grade_bands

    problems = Problems()
    known = {r.id: r for r in rules}
    names = set(known) | set(pending)
    applied = {}
    for scheme in schemes.values():
        seen: dict[str, str] = {}
        for leaf in scheme.leaves:
            line = scheme.lines.get(f"{leaf.id}.rules")
            for rule in leaf.rules:
                base, at = (scheme.uses[rule][0], scheme.uses[rule][2]) if rule in scheme.uses else (rule, line)
                if base not in names:
                    problems.add(scheme.file, Message("book.no_rule", {"leaf": leaf.id, "meant": meant(base, names)}),
                                 line=at, key=f"{leaf.id}.rules", found=base)
                elif rule in scheme.uses:
                    if rule in names:
                        file = Message("book.rule_file", {"file": known[rule].file}) if rule in known else ""
                        problems.add(scheme.file, Message("book.instance_is_rule", {"rule": rule, "file": file}),
                                     line=line_of(scheme.uses[rule][5], "id", at), key=f"{leaf.id}.rules.id",
                                     found=rule, allowed=Message("book.instance_is_rule_allowed",
                                                                 {"rule": base, "leaf": leaf.id}))
                    continue
                elif rule in seen:
                    problems.add(scheme.file, Message("book.feeds_both", {"rule": rule, "first": seen[rule], "second": leaf.id}), line=line, key=f"{leaf.id}.rules", found=rule)
                elif rule in known and known[rule].open:
                    needed = ", ".join(f"{p.name}: …" for p in known[rule].parameters if p.default is None)
                    problems.add(scheme.file, Message("book.needs_values", {"rule": rule}),
                                 line=line, key=f"{leaf.id}.rules", found=rule,
                                 allowed=f"{{rule: {rule}, with: {{{needed}}}}}")
                seen[rule] = leaf.id
        for kind, method in (scheme.form or {}).items():
            if method not in known or (kind != "unweighted" and "code" not in {p.name for p in known[method].parameters}):
                problems.add(scheme.file, Message("book.form_method", {
                    "kind": kind, "meant": meant(method, [r.id for r in rules if r.parameters])}),
                    key=f"form.{kind}", found=method)
        if scheme.target_setting is not None and (scheme.target_setting not in schemes
                                                  or schemes[scheme.target_setting].form != {}):
            problems.add(scheme.file, Message("book.target_setting_scheme"), line=scheme.lines.get("target_setting"),
                         key="target_setting", found=scheme.target_setting,
                         allowed=", ".join(i for i, s in schemes.items() if s.form == {}))
        applied[scheme.id] = instances(scheme, known, schemas, problems, families)
        _check_overlaps(scheme, {**known, **applied[scheme.id]}, schemas, problems)
        check_grade_bands(scheme, {**known, **applied[scheme.id]}, problems)
    problems.raise_if_any()
    return applied


def _check_overlaps(scheme: Scheme, rules: dict[str, Rule], schemas: TableSchemas, problems: Problems) -> None:
    """Versions of one rule never judge one fact twice. Two rules of one leaf reading one table,
    or tables derived from one another or from a common table (a derived table's `inputs:`:
    tranche_payments from disbursements), the later starting before the earlier ends, look like
    versions that overlap: refused (a `replaces:` pair that overlaps is refused when the rules
    are loaded). A rule and the one it replaces feed the same leaf."""
    leaves = scheme.rule_leaves()
    for leaf in scheme.leaves:
        listed = [rules[r] for r in leaf.rules if r in rules]
        for old in listed:
            for new in listed:
                shared = _shared_sources(schemas, old.table, new.table)
                if old is new or new.replaces == old.id or not shared or old.effective_to is None \
                        or not old.effective_from < new.effective_from <= old.effective_to:
                    continue
                end = min(old.effective_to, new.effective_to or old.effective_to)
                read = old.table if old.table == new.table else Message("version.facts_of", {
                    "first": old.table, "second": new.table,
                    "sources": Joined.by(sorted(shared), "version.and")})
                problems.add(new.file, Message("version.deducted_twice", {
                    "new": new.id, "old": old.id, "file": old.file, "line": old.line("effective"),
                    "period": old.period, "leaf": leaf.id, "scheme": scheme.file, "read": read,
                    "start": new.effective_from, "end": end}),
                    line=new.line("effective"), key="effective.from", found=new.effective_from,
                    allowed=Message("version.deducted_twice_allowed", {"date": day_after(old.effective_to),
                                                                        "old": old.id}))
    for rule in rules.values():
        if rule.replaces in leaves and rule.id in leaves and leaves[rule.id] != leaves[rule.replaces]:
            leaf = leaves[rule.id]
            problems.add(scheme.file, Message("version.other_leaf", {"rule": rule.id, "old": rule.replaces,
                                                                     "leaf": leaves[rule.replaces]}),
                         line=scheme.lines.get(f"{leaf}.rules"), key=f"{leaf}.rules", found=rule.id,
                         allowed=Message("version.other_leaf_allowed", {"rule": rule.id, "leaf": leaves[rule.replaces]}))


def _shared_sources(schemas: TableSchemas, first: str, second: str) -> set[str]:
    """The tables two rules' tables both rest on: a table itself, and a derived table's inputs
    (each alternative of them). Empty when they judge unrelated facts."""

    def sources(name: str) -> set[str]:
        schema = schemas.get(name)
        inputs = schema.inputs if schema is not None and schema.derived else ()
        return {name, *(o for needed in inputs for o in (needed if isinstance(needed, tuple) else (needed,)))}

    return sources(first) & sources(second)
