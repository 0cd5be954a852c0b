"""Methods applied by scheme leaves: a rule that declares `parameters:` is applied to a leaf as
`{rule: ID, with: {PARAMETER: VALUE, …}}`, one instance per leaf (ID@LEAF), with its conditions,
requirement and formula bound to the leaf's arguments. Every argument is checked here, against
the rule's declared parameters, with the scheme file and line: an unknown name (with the nearest
declared one), a value of the wrong type, a parameter given no value."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..lang.expressions import ExprError
from ..model.problems import Problems, did_you_mean
from ..model.rules import Rule
from ..model.schemes import Scheme
from ..model.tables import TableSchemas
from .rule_parts import argument_value, bound_trees, sample_formula

_TYPE_TEXT = {"number": "a number", "text": "non-empty text"}


def instances(scheme: Scheme, rules: dict[str, Rule], schemas: TableSchemas, problems: Problems) -> dict[str, Rule]:
    """{instance id: the rule bound to its leaf's arguments} for every `{rule:, with:}` entry of
    `scheme`; each problem is added to `problems` (an entry naming no rule is reported by the
    caller, with the plain ids)."""
    made = {}
    for use, (rule_id, arguments, line, lines) in scheme.uses.items():
        rule = rules.get(rule_id)
        if rule is not None:
            instance = instantiate(rule, use, arguments, scheme.file, line, lines, schemas, problems)
            if instance is not None:
                made[use] = instance
    return made


def instantiate(rule: Rule, use: str, arguments: tuple, file: str, line: int | None, lines: dict,
                schemas: TableSchemas, problems: Problems) -> Rule | None:
    """`rule` as applied by one leaf (`use` = ID@LEAF) with `arguments` ((name, value as written),
    …); None, with the problems added, when an argument does not fit its declared parameters."""
    before = len(problems.items)
    leaf = use.split("@", 1)[1]
    key = f"{leaf}.rules.with"
    declared = {p.name: p for p in rule.parameters}
    if not declared:
        problems.add(file, f"rule {rule.id} declares no parameters: name it by its id alone", line=line,
                     key=f"{leaf}.rules", found=dict(arguments), allowed=rule.id)
        return None
    allowed = ", ".join(f"{p.name} ({p.type}: {p.meaning})" for p in declared.values())
    values = dict(rule.params)
    for name, raw in arguments:
        parameter = declared.get(name)
        if parameter is None:
            problems.add(file, f"rule {rule.id} has no parameter '{name}'{did_you_mean(name, declared)}",
                         line=lines.get(name, line), key=f"{key}.{name}", found=name, allowed=allowed)
            continue
        value = argument_value(parameter.type, raw)
        if value is None:
            problems.add(file, f"parameter '{name}' of rule {rule.id} is {_TYPE_TEXT[parameter.type]} "
                         f"({parameter.meaning})", line=lines.get(name, line), key=f"{key}.{name}", found=raw,
                         allowed=_TYPE_TEXT[parameter.type])
            continue
        values[name] = (("0001-01-01", value),)
    given = {name for name, _ in arguments}
    for parameter in declared.values():
        if parameter.default is None and parameter.name not in given:
            problems.add(file, f"rule {rule.id} needs a value for its parameter '{parameter.name}' "
                         f"({parameter.type}: {parameter.meaning})", line=line, key=f"{key}.{parameter.name}",
                         allowed=f"with: {{{parameter.name}: …}}")
    if len(problems.items) > before:
        return None
    schema = schemas.tables[rule.table]
    try:
        conditions = bound_trees(rule.where, schema, values)
        requirements = bound_trees(rule.requires, schema, values) if rule.requires is not None else ()
        result = sample_formula(rule.amount, schema, values)
    except ExprError as exc:
        problems.add(file, f"rule {rule.id} with these arguments: {exc}", line=line, key=key,
                     found=dict(arguments))
        return None
    if not isinstance(result, Decimal):
        problems.add(file, f"rule {rule.id} with these arguments: the formula does not give a number of points",
                     line=line, key=key, found=dict(arguments))
        return None
    return replace(rule, id=use, params=tuple(sorted(values.items())), conditions=conditions,
                   requirements=requirements, method=rule.id,
                   arguments=tuple((name, values[name][0][1]) for name, _ in arguments))
