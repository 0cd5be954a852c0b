"""Instances of a method bound through a fact: one engine rule serves every instance of a method.

A method (a rule with `parameters:`) is applied by each leaf with its own arguments; bound into
its conditions, each instance is an engine rule of its own (`metric == "B3" and unit == "个"`),
so every new mix of instances is a new ruleset for durable-rules to compile (a self-evaluation
form brings its own mix of rows, codes and units: about 2 ms a ruleset). Where a text parameter
is compared only for equality with a column, at the top of the condition (`metric == code and
unit == in_unit and …`, as every method of the self-evaluation scheme does), the engine joins
instead: one engine rule per method (its other conditions as they are bound), whose fact must
equal, in those columns, a binding fact of the session; each instance asserts one binding fact
carrying its arguments. The ruleset is then one per set of methods, whatever the arguments. The
conditions still run in durable-rules: the join is its match. A match (or a requirement met)
through an instance's binding fact is that instance's, as if it had its own engine rule.

A rule that does not fit (a parameter compared otherwise, a number parameter, a rule in force for
part of the year, a rule over several tables) keeps its own engine rule, its arguments bound.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass

from ..model.rules import Rule

BINDING_TABLE = "_binding"  # the binding facts' table (tables never start with "_")
BINDING_ALIAS = "_bind"  # the binding fact's alias in a bound engine rule (aliases never start with "_")
FACT_ALIAS = "m"  # the alias of the fact the rule judges
SHAPE = "rule"  # the binding fact's property naming the engine rule it binds
PARAMETER = "p_"  # the prefix of a binding fact's property holding an argument (no clash with SHAPE)


@dataclass(frozen=True)
class Bound:
    """How one instance runs through a shared engine rule: the rule's `name` (the same for every
    instance whose conditions differ only in the bound arguments), its join tree and its
    requirement's (None: any fact of the table), and the `arguments` its binding fact carries
    ((property, value), …)."""

    name: str
    condition: tuple
    requirement: tuple | None
    arguments: tuple


def bound_form(rule: Rule, year: int) -> Bound | None:
    """The instance as a shared engine rule and its binding fact's arguments, or None when it
    keeps its own engine rule (see the module's docstring)."""
    if rule.method is None or rule.aliases or rule.period_for(year) is not None:
        return None
    texts = {p.name for p in rule.parameters if p.type == "text"}
    values = rule.params_for(year)
    condition = _split(rule.where, rule.condition_in(year), texts, values)
    if condition is None:
        return None
    requirement = None
    if rule.requires is not None:
        tree = rule.requirement_for(year)
        requirement = _split(rule.requires, tree, texts, values) if tree is not None else None
        if requirement is None:
            return None
    used = sorted({param for _, equalities in (condition, requirement or (None, ())) for _, param in equalities})
    trees = (_join(rule.table, *condition), _join(rule.table, *requirement) if requirement is not None else None)
    content = repr((rule.method, rule.table, trees)).encode()
    name = f"_{rule.method}:{hashlib.sha256(content).hexdigest()[:16]}"
    shaped = tuple(_with_shape(tree, name) if tree is not None else None for tree in trees)
    return Bound(name, shaped[0], shaped[1], tuple((PARAMETER + p, values[p]) for p in used))


def _split(expr, tree: tuple, texts: set[str], values: dict) -> tuple[tuple | None, tuple] | None:
    """(the condition tree without its top-level `column == parameter` parts (None when nothing
    is left), ((column, parameter), …) of those parts); None when there are none, or a text
    parameter stands anywhere else in the condition, or the tree is not the expression's."""
    node = expr.tree
    conjuncts = node.values if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And) else [node]
    parts = tree[1] if len(conjuncts) > 1 else (tree,)
    if len(parts) != len(conjuncts) or (len(conjuncts) > 1 and tree[0] != "and"):
        return None
    equalities, rest = [], []
    for conjunct, part in zip(conjuncts, parts):
        found = _equality(conjunct, texts)
        if found is None:
            if any(isinstance(n, ast.Name) and n.id in texts for n in ast.walk(conjunct)):
                return None  # a text parameter used otherwise: bound into the condition
            rest.append(part)
            continue
        column, param = found
        if not isinstance(values.get(param), str) or part != ("cmp", "eq", column, ("lit", values[param])):
            return None  # (not the part the expression says: never expected)
        equalities.append((column, param))
    if not equalities:
        return None
    return (rest[0] if len(rest) == 1 else ("and", tuple(rest)) if rest else None), tuple(equalities)


def _equality(node, texts: set[str]) -> tuple[str, str] | None:
    """(column, parameter) when `node` is `column == parameter` (either way round)."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq)):
        return None
    left, right = node.left, node.comparators[0]
    if not (isinstance(left, ast.Name) and isinstance(right, ast.Name)):
        return None
    if right.id in texts and left.id not in texts:
        return left.id, right.id
    if left.id in texts and right.id not in texts:
        return right.id, left.id
    return None


def _join(table: str, rest: tuple | None, equalities: tuple) -> tuple:
    """The join tree (jixiao.lang.conditions) of the fact and its binding fact (whose own
    condition, naming the engine rule, is added by _with_shape)."""
    on = tuple((FACT_ALIAS, column, BINDING_ALIAS, PARAMETER + param) for column, param in equalities)
    return ("join", ((FACT_ALIAS, table, False, rest), (BINDING_ALIAS, BINDING_TABLE, False, None)), on)


def _with_shape(tree: tuple, name: str) -> tuple:
    fact, (alias, table, absent, _) = tree[1]
    return ("join", (fact, (alias, table, absent, ("cmp", "eq", SHAPE, ("lit", name)))), tree[2])
