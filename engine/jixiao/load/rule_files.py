"""Rule files: one management rule per YAML file, checked strictly when loaded.

A rule says where it comes from (document and clause), when it is in force, which facts
it reads (`when.table`) and on what condition it fires (`when.where`; or rows of several tables
joined on their values, `when.match` and `when.join`: jixiao.load.rule_joins), which indicator
it deducts from and how much (`deduct`), and what the finding and the recommendation
say. See docs in README.md for the format; a broken rule stops the run (fail closed).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..disk.reading import listed
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problems, closest, meant
from ..model.rules import TEST_SUFFIX, Rule
from ..model.tables import TableSchema, TableSchemas
from ..model.values import day_after, day_before, is_iso_date
from .rule_parts import (
    check_directions,
    check_formats,
    check_recommendation,
    check_template,
    condition_of,
    deduction_of,
    checking_values,
    mapping_of,
    parameters_of,
    params_of,
    requirement_of,
    template_names,
    DEDUCT_KEYS,
    WHEN_KEYS,
)
from .rule_grades import grades_of
from .rule_joins import join_of, joined_columns
from .yaml_source import check_keys, line_of, load_yaml

RULE_KEYS = {"id", "title", "title_en", "family", "source", "effective", "replaces", "params", "parameters", "when",
             "requires", "request", "deduct", "finding", "recommendation", "library", "notes", "grades"}
REQUIRED_KEYS = ("id", "title", "family", "source", "effective", "when", "deduct", "finding", "recommendation")
SOURCE_KEYS = {"document", "clause", "report"}
RECOMMENDATION_KEYS = {"text", "source"}
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
SKIP_DIRS = {"schemes", "tables"}


def rule_files(directory: Path) -> list[Path]:
    """Rule files under `directory`: every */*.yaml outside schemes/ and tables/, tests excluded."""
    listed(directory, levels=2)
    return sorted(p for p in Path(directory).glob("*/*.yaml")
                  if p.parent.name not in SKIP_DIRS and not p.name.endswith(TEST_SUFFIX))


def load_families(directory: Path) -> dict[str, dict]:
    path = Path(directory) / "families.yaml"
    data = load_yaml(path) if path.exists() else None
    if not isinstance(data, dict) or not data:
        problems = Problems()
        problems.add(str(path), Message("rule.families"))
        problems.raise_if_any()
    return {str(k): dict(v) if isinstance(v, dict) else {"title": str(v)} for k, v in data.items()}


def load_rules(directory: Path, schemas: TableSchemas, families: dict) -> list[Rule]:
    """Load and check every rule file; all problems of all files are raised together."""
    problems = Problems()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = rule_files(directory)
    if not files:
        problems.add(directory, Message("rule.none"))
    for path in files:
        try:
            data = load_yaml(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        rule = _check_rule(path, data, schemas, families, problems)
        if rule is None:
            continue
        if rule.id in seen:
            problems.add(rule.file, Message("rule.id_twice"), line=line_of(data, "id"), key="id",
                         found=rule.id, allowed=Message("rule.id_unused", {"file": seen[rule.id]}))
            continue
        seen[rule.id] = rule.file
        rules.append(rule)
    _check_versions(rules, problems)
    problems.raise_if_any()
    return rules


def _check_versions(rules: list[Rule], problems: Problems) -> None:
    """`replaces: <id>` makes a rule the next version of another: the two periods must not
    overlap (one fact is never judged by two versions of one rule), so the older one ends."""
    by_id = {r.id: r for r in rules}
    successors: dict[str, str] = {}
    for rule in rules:
        if rule.replaces is None:
            continue
        line = rule.line("replaces")
        old = by_id.get(rule.replaces)
        if old is None or old.id == rule.id:
            problems.add(rule.file, Message("rule.replaces_none", {"meant": meant(rule.replaces, set(by_id) - {rule.id})}),
                         line=line, key="replaces", found=rule.replaces, allowed=Message("rule.replaces_allowed"))
            continue
        if old.id in successors:
            problems.add(rule.file, Message("version.replaced_already", {"old": old.id, "successor": successors[old.id]}),
                         line=line, key="replaces", found=old.id,
                         allowed=Message("version.replaced_already_allowed", {"successor": successors[old.id]}))
            continue
        successors[old.id] = rule.id
        where = f"{old.id}, {old.file}:{old.line('effective')}: {old.period}"
        if old.effective_to is None:
            problems.add(rule.file, Message("version.never_ends", {"where": where}), line=line, key="replaces",
                         found=old.id, allowed=Message("version.never_ends_allowed", {
                             "start": old.effective_from, "end": day_before(rule.effective_from), "file": old.file}))
        elif rule.effective_from <= old.effective_to:
            problems.add(rule.file, Message("version.overlaps", {"where": where, "start": rule.effective_from,
                                                                 "end": old.effective_to}),
                         line=rule.line("effective"), key="effective.from", found=rule.effective_from,
                         allowed=Message("version.or_later", {"date": day_after(old.effective_to)}))
        elif "rule" in (rule.per, old.per) and not rule.effective_from.endswith("-01-01"):
            year = rule.effective_from[:4]
            problems.add(rule.file, Message("version.january", {"year": year, "old": old.id}),
                         line=rule.line("effective"), key="effective.from", found=rule.effective_from,
                         allowed=Message("version.january_allowed", {"old": old.id, "year": year,
                                                                      "next": int(year) + 1}))


NESTED_KEYS = {"source": SOURCE_KEYS, "recommendation": RECOMMENDATION_KEYS, "effective": {"from", "to"},
               "deduct": DEDUCT_KEYS}


def _check_nested_keys(label: str, data: dict, problems: Problems) -> None:
    """The keys of a rule's sections, checked even when the rule is refused for its top-level
    keys: each unknown one with its nearest allowed key."""
    for key, allowed in NESTED_KEYS.items():
        if isinstance(data.get(key), dict):
            check_keys(label, data[key], allowed, problems, f"{key}.")
    when = data.get("when")
    if isinstance(when, dict) and "match" not in when:
        check_keys(label, when, WHEN_KEYS, problems, "when.")


def _check_rule(path: Path, data, schemas: TableSchemas, families: dict, problems: Problems) -> Rule | None:
    label = str(path)
    before = len(problems.items)
    if not isinstance(data, dict):
        problems.add(label, Message("rule.mapping"), line=1)
        return None
    if "indicator" in data:
        problems.add(label, Message("rule.indicator"), line=line_of(data, "indicator"),
                     key="indicator", found=data["indicator"])
    check_keys(label, data, RULE_KEYS, problems, reported={"indicator"})
    misspelt = {closest(key, RULE_KEYS) for key in data if key not in RULE_KEYS}  # said once, as a typo
    for key in REQUIRED_KEYS:
        if key not in data and key not in misspelt:
            problems.add(label, Message("rule.missing_key"), line=1, key=key)
    if len(problems.items) > before:
        _check_nested_keys(label, data, problems)  # every typo of the file in one run, not one per run
        return None
    check_unfinished(label, data, problems)

    rule_id = data["id"]
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        problems.add(label, Message("rule.id_form"), line=line_of(data, "id"),
                     key="id", found=rule_id, allowed=Message("rule.id_form_allowed"))
    elif rule_id != path.stem:
        problems.add(label, Message("rule.id_is_file_name"), line=line_of(data, "id"), key="id",
                     found=rule_id, allowed=path.stem)
    for key in ("title", "finding"):
        _text(label, data, key, problems)
    for key in ("id", "family"):
        if not isinstance(data[key], str):
            problems.add(label, Message("rule.text"), line=line_of(data, key), key=key, found=data[key])
    if len(problems.items) > before:
        return None
    if data["family"] not in families:
        problems.add(label, Message("rule.unknown_family", {"meant": meant(data["family"], families)}),
                     line=line_of(data, "family"), key="family", found=data["family"],
                     allowed=", ".join(families))
    source = mapping_of(label, data, "source", SOURCE_KEYS, {"document"}, problems)
    recommendation = mapping_of(label, data, "recommendation", RECOMMENDATION_KEYS, {"text"}, problems)
    check_recommendation(label, recommendation, problems)
    start, end = effective_of(label, data, problems)
    params = params_of(label, data, start, problems)
    parameters = parameters_of(label, data, params, problems)
    grades = grades_of(label, data, params, problems)
    checked = checking_values(params, parameters)  # conditions are bound with every parameter's value
    aliases, on, joined = (), (), {}
    if isinstance(data["when"], dict) and "match" in data["when"]:
        schema, where, conditions, aliases, on = join_of(label, data, schemas, checked, problems)
        joined = joined_columns(aliases, schemas)
        if parameters:  # a leaf's arguments are bound into one table's condition (jixiao.load.methods)
            problems.add(label, Message("rule.join_parameters"), line=line_of(data, "parameters"), key="parameters",
                         allowed=Message("rule.join_parameters_allowed"))
    else:
        schema, where, conditions = condition_of(label, data, schemas, checked, problems)
    if schema is not None and start:
        check_dated(label, data, schema, start, end, problems)
    replaces = data.get("replaces")
    if replaces is not None and not isinstance(replaces, str):
        problems.add(label, Message("rule.replaces"), line=line_of(data, "replaces"),
                     key="replaces", found=replaces)
    requires, requirements = requirement_of(label, data, schema, checked, problems)
    if not aliases:
        check_directions(label, data, schema, where, conditions, requirements, problems)
    amount, per = deduction_of(label, data, schema, checked, problems)
    if schema is not None:
        names = template_names(schema, per) | set(checked) | (set(joined) if per == "match" else set())
        check_template(label, data, "finding", names, problems)
        check_formats(label, data, schema, per, problems, joined)
    if len(problems.items) > before:
        return None
    return Rule(rule_id, data["title"], str(data.get("title_en", "")), data["family"],
                {k: str(v) for k, v in source.items()}, start, end, schema.name, where,
                conditions, amount, per, data["finding"], {k: str(v) for k, v in recommendation.items()},
                label, tuple(sorted(_stored_params(params, parameters).items())), requires=requires,
                requirements=requirements, request=_request(data, schema, [schemas.get(a.table) for a in aliases[1:]]),
                library=data.get("library") is True, date_column=schema.date, replaces=replaces,
                lines=tuple((key, line_of(data, key)) for key in ("effective", "replaces", "params", "parameters",
                                                                  "grades") if key in data),
                parameters=tuple(parameters.values()), aliases=aliases, on=on, grades=grades)


def _stored_params(params: dict, parameters: dict) -> dict:
    """What the rule runs with: its params, and its declared parameters that have a default (one
    without is given by the leaf that applies the rule: jixiao.load.methods)."""
    return {**params, **{name: (("0001-01-01", p.default),) for name, p in parameters.items() if p.default is not None}}


def check_dated(label, data, schema: TableSchema, start: str, end: str | None, problems) -> None:
    """A rule that starts or ends within a year must be able to tell its facts apart by date."""
    if schema.date is not None:
        return
    effective = data["effective"]
    where = Message("version.undated_table", {"table": schema.name, "file": schema.file})
    if not start.endswith("-01-01"):
        problems.add(label, Message("version.starts_within", {"year": start[:4], "where": where, "date": start}),
                     line=line_of(effective, "from"), key="effective.from", found=start,
                     allowed=Message("version.starts_within_allowed"))
    if end is not None and not end.endswith("-12-31"):
        problems.add(label, Message("version.ends_within", {"year": end[:4], "where": where, "date": end}),
                     line=line_of(effective, "to"), key="effective.to", found=end,
                     allowed=Message("version.ends_within_allowed"))


def _request(data, schema: TableSchema | None, joined=()) -> str:
    """The 资料清单 entry: the rule's own `request`, else its tables and title."""
    if isinstance(data.get("request"), str) and data["request"].strip():
        return data["request"].strip()
    named = {s.name: s for s in (schema, *joined) if s is not None}  # one table under two aliases: once
    tables = Joined.by([_table_named(s) for s in named.values()], "request.sep")
    return Message("request.default", {"tables": tables, "title": data.get("title", "")}).render("zh")


def _table_named(schema: TableSchema) -> Message:
    if schema.derived:
        inputs = [Joined.by(i, "request.or") if isinstance(i, tuple) else i for i in schema.inputs]
        return Message("request.derived", {"title": schema.title, "inputs": Joined.by(inputs, "request.sep")})
    return Message("request.table", {"title": schema.title, "name": schema.name})


def check_unfinished(label, data, problems, prefix="") -> None:
    """A scaffold left with TODO is not a rule yet: refuse it rather than run half of it."""
    for key, value in data.items():
        if isinstance(value, dict):
            check_unfinished(label, value, problems, f"{prefix}{key}.")
        elif isinstance(value, str) and "TODO" in value:
            problems.add(label, Message("rule.unfinished"), line=line_of(data, key), key=f"{prefix}{key}",
                         found=value)


def _text(label, data, key, problems) -> None:
    if not isinstance(data.get(key), str) or not data[key].strip():
        problems.add(label, Message("rule.non_empty_text"), line=line_of(data, key), key=key, found=data.get(key))


def effective_of(label, data, problems) -> tuple[str, str | None]:
    """`effective: {from: YYYY-MM-DD, to: YYYY-MM-DD}` of `data` (a rule file, or a leaf's entry
    that narrows its method's period): (from, to or None); ("", None) with a problem if absent."""
    value = data.get("effective")
    if not isinstance(value, dict) or "from" not in value:
        problems.add(label, Message("rule.effective"),
                     line=line_of(data, "effective"), key="effective", found=value)
        return "", None
    check_keys(label, value, {"from", "to"}, problems, "effective.")
    start, end = str(value["from"]), value.get("to")
    for key, text in (("from", start), ("to", end)):
        if text is not None and not is_iso_date(str(text)):
            problems.add(label, Message("rule.not_a_date"), line=line_of(value, key), key=f"effective.{key}", found=text,
                         allowed="YYYY-MM-DD")
    if end is not None and str(end) < start:
        problems.add(label, Message("rule.ends_before_start"), line=line_of(value, "to"),
                     key="effective.to", found=end, allowed=Message("rule.on_or_after", {"date": start}))
    return start, (str(end) if end is not None else None)
