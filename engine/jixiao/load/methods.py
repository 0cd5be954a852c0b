"""Methods applied by scheme leaves: a rule that declares `parameters:` is applied to a leaf as
`{rule: ID, with: {PARAMETER: VALUE, …}}`, one instance per leaf (ID@LEAF), with its conditions,
requirement and formula bound to the leaf's arguments. Every argument is checked here, against
the rule's declared parameters, with the scheme file and line: an unknown name (with the nearest
declared one), a value of the wrong type, a parameter given no value.

The entry may also give the instance its own words, in the shape a rule file gives them
(OWN_KEYS: id, family, title, title_en, source, effective, finding, recommendation, request):
what the report says of this leaf's indicator, instead of the method's generic texts. Each is
checked as in a rule file, with the scheme file and line."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..lang.expressions import ExprError
from ..model.messages import Message
from ..model.problems import Problems, meant
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..model.tables import TableSchemas
from .rule_files import RECOMMENDATION_KEYS, SOURCE_KEYS, check_dated, check_unfinished, effective_of
from .rule_parts import (argument_value, bound_trees, check_formats, check_recommendation, check_template, mapping_of,
                         sample_formula, template_names)
from .yaml_source import line_of

# What a leaf's `{rule: ID, with: {…}}` entry may say of its instance besides the arguments, as a
# rule file says it: `id` names the instance (ID@LEAF by default); the others replace the method's.
OWN_KEYS = ("id", "family", "title", "title_en", "source", "effective", "finding", "recommendation", "request")


def instances(scheme: Scheme, rules: dict[str, Rule], schemas: TableSchemas, problems: Problems,
              families: dict | None = None) -> dict[str, Rule]:
    """{instance id: the rule bound to its leaf's arguments, in its own words where the entry
    gives them} for every `{rule:, with:}` entry of `scheme`; each problem is added to `problems`
    (an entry naming no rule is reported by the caller, with the plain ids). `families`: the
    rule families an entry's `family:` may name."""
    made = {}
    for use, (rule_id, arguments, line, lines, leaf, entry) in scheme.uses.items():
        rule = rules.get(rule_id)
        if rule is not None:
            instance = instantiate(rule, use, arguments, scheme.file, line, lines, schemas, problems,
                                   leaf=leaf, entry=entry, families=families)
            if instance is not None:
                made[use] = instance
    return made


def instantiate(rule: Rule, use: str, arguments: tuple, file: str, line: int | None, lines: dict,
                schemas: TableSchemas, problems: Problems, *, leaf: str | None = None, entry=None,
                families: dict | None = None) -> Rule | None:
    """`rule` as applied by one leaf (`use`: the instance's id, ID@LEAF unless the entry names it)
    with `arguments` ((name, value as written), …), and the entry's own words (`entry`: the
    leaf's `{rule:, with:, title:, …}` mapping as read, OWN_KEYS); None, with the problems added,
    when an argument or a text does not fit."""
    before = len(problems.items)
    leaf = leaf if leaf is not None else use.split("@", 1)[1]
    key = f"{leaf}.rules.with"
    declared = {p.name: p for p in rule.parameters}
    if not declared:
        problems.add(file, Message("method.no_parameters", {"rule": rule.id}), line=line,
                     key=f"{leaf}.rules", found=dict(arguments), allowed=rule.id)
        return None
    allowed = ", ".join(f"{p.name} ({p.type}: {p.meaning})" for p in declared.values())
    values = dict(rule.params)
    for name, raw in arguments:
        parameter = declared.get(name)
        if parameter is None:
            problems.add(file, Message("method.no_parameter", {"rule": rule.id, "name": name,
                                                                 "meant": meant(name, declared)}),
                         line=lines.get(name, line), key=f"{key}.{name}", found=name, allowed=allowed)
            continue
        value = argument_value(parameter.type, raw)
        if value is None:
            kind = Message(f"method.type_{parameter.type}")
            problems.add(file, Message("method.parameter_type", {"name": name, "rule": rule.id, "kind": kind,
                                                                 "meaning": parameter.meaning}),
                         line=lines.get(name, line), key=f"{key}.{name}", found=raw, allowed=kind)
            continue
        values[name] = (("0001-01-01", value),)
    given = {name for name, _ in arguments}
    for parameter in declared.values():
        if parameter.default is None and parameter.name not in given:
            problems.add(file, Message("method.needs_value", {"rule": rule.id, "name": parameter.name,
                                                                 "type": parameter.type, "meaning": parameter.meaning}), line=line, key=f"{key}.{parameter.name}",
                         allowed=f"with: {{{parameter.name}: …}}")
    if len(problems.items) > before:
        return None
    schema = schemas.tables[rule.table]
    try:
        conditions = bound_trees(rule.where, schema, values)
        requirements = bound_trees(rule.requires, schema, values) if rule.requires is not None else ()
        result = sample_formula(rule.amount, schema, values)
    except ExprError as exc:
        problems.add(file, Message("method.arguments", {"rule": rule.id, "error": str(exc)}), line=line, key=key,
                     found=dict(arguments))
        return None
    if not isinstance(result, Decimal):
        problems.add(file, Message("method.arguments_number", {"rule": rule.id}),
                     line=line, key=key, found=dict(arguments))
        return None
    own = own_words(rule, leaf, entry, file, schema, values, families, problems) if entry else {}
    if own is None:
        return None
    return replace(rule, id=use, params=tuple(sorted(values.items())), conditions=conditions,
                   requirements=requirements, method=rule.id,
                   arguments=tuple((name, values[name][0][1]) for name, _ in arguments), **own)


def own_words(rule: Rule, leaf: str, entry, file: str, schema, values: dict, families: dict | None,
              problems: Problems) -> dict | None:
    """The Rule fields a leaf's entry gives its instance in its own words ({} when it gives none),
    each checked as in a rule file: no TODO left, title and finding non-empty text, the finding's placeholders
    and formats, source {document, clause, report}, recommendation {text, source}, a known
    family, an `effective` period within the method's. None, with the problems added (keyed
    LEAF.rules.KEY, at the entry's line), when one does not fit."""
    found = Problems()  # the rule file's checks, their keys then placed under the leaf's entry
    check_unfinished(file, entry, found)  # a scaffold's TODO, in the words or the arguments
    own: dict = {}
    for name in ("title", "title_en", "finding", "request"):
        if name in entry:
            text = entry[name]
            if not isinstance(text, str) or (name != "title_en" and not text.strip()):
                found.add(file, Message("rule.non_empty_text" if name != "title_en" else "rule.text"),
                          line=line_of(entry, name), key=name, found=text)
            else:
                own[name] = text.strip() if name == "request" else text
    if "family" in entry:
        family = entry["family"]
        if families is not None and family not in families:
            found.add(file, Message("rule.unknown_family", {"meant": meant(str(family), families)}),
                      line=line_of(entry, "family"),
                      key="family", found=family, allowed=", ".join(families))
        else:
            own["family"] = str(family)
    if "source" in entry:
        own["source"] = {k: str(v) for k, v in mapping_of(file, entry, "source", SOURCE_KEYS, {"document"}, found).items()}
    if "recommendation" in entry:
        recommendation = mapping_of(file, entry, "recommendation", RECOMMENDATION_KEYS, {"text"}, found)
        check_recommendation(file, recommendation, found)
        own["recommendation"] = {k: str(v) for k, v in recommendation.items()}
    if "finding" in own:
        check_template(file, entry, "finding", template_names(schema, rule.per) | set(values), found)
        check_formats(file, entry, schema, rule.per, found)
    if "effective" in entry:
        count = len(found.items)
        start, end = effective_of(file, entry, found)
        if start and len(found.items) == count:
            _within(rule, entry, file, start, end, found)
            check_dated(file, entry, schema, start, end, found)
            own.update(effective_from=start, effective_to=end)
    for problem in found.items:
        problems.add(problem.file, problem.message, line=problem.line or line_of(entry, "rule"),
                     key=f"{leaf}.rules.{problem.key}", found=problem.found, allowed=problem.allowed,
                     zh=problem.zh, allowed_zh=problem.allowed_zh)
    return None if found else own


def _within(rule: Rule, entry, file: str, start: str, end: str | None, problems: Problems) -> None:
    """A leaf's `effective` narrows the method's period: the method says nothing outside its own."""
    effective = entry["effective"]
    if start < rule.effective_from:
        problems.add(file, Message("method.starts_before", {"rule": rule.id, "period": rule.period}),
                     line=line_of(effective, "from"), key="effective.from", found=start,
                     allowed=Message("version.or_later", {"date": rule.effective_from}))
    if rule.effective_to is not None and (end is None or end > rule.effective_to):
        problems.add(file, Message("method.ends_after", {"rule": rule.id, "period": rule.period}), line=line_of(effective, "to"),
                     key="effective.to", found=end, allowed=Message("version.or_earlier", {"date": rule.effective_to}))
