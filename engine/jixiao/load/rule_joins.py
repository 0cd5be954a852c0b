"""A rule's condition over several tables (`when.match`, `when.join`), checked with its lines:

    when:
      match:                    # alias: a row of a table, with its own condition
        practice: {table: operator_practices, where: 'separate_account == "no"'}
        allocation: {table: allocations, where: amount > 100}
        payee: {table: operators, absent: true}   # no such row may exist
      join:                     # equalities between the aliases' columns
        - allocation.operator == practice.operator

The first alias is the rule's own table (its findings are about its rows); every other alias
is joined to the ones before it, an absent one to a present one.
"""

from __future__ import annotations

import re

from ..lang.conditions import condition_tree
from ..lang.expressions import ExprError, bind, parse
from ..model.messages import Message
from ..model.problems import meant
from ..model.rules import Alias
from ..model.tables import Column, TableSchema, TableSchemas
from .rule_parts import param_versions
from .yaml_source import check_keys, line_of

MATCH_KEYS = {"table", "where", "absent"}
ALIAS = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
EQUALITY = re.compile(r"^\s*([A-Za-z_]\w*)\.(\w+)\s*==\s*([A-Za-z_]\w*)\.(\w+)\s*$")


def join_of(label, data, schemas: TableSchemas, params: dict, problems):
    """(schema of the first alias's table, its `where`, the join tree per version of the params,
    the aliases, the equalities); (None, None, (), (), ()) when something is wrong (reported)."""
    when = data["when"]
    nothing = None, None, (), (), ()
    check_keys(label, when, {"match", "join"}, problems, "when.",
               reported={"table", "where"})
    for key in ("table", "where"):
        if key in when:
            problems.add(label, Message("join.not_both"), line=line_of(when, key), key=f"when.{key}",
                         allowed=Message("join.not_both_allowed"))
    match = when.get("match")
    if not isinstance(match, dict) or len(match) < 2:
        problems.add(label, Message("join.match"),
                     line=line_of(when, "match"), key="when.match", found=match)
        return nothing
    aliases, tables = _aliases(label, match, schemas, problems)
    if len(aliases) != len(match):  # an alias was refused: its joins would only repeat that
        return nothing
    on = _equalities(label, when, aliases, tables, problems)
    if on is None:
        return nothing
    _check_connected(label, when, aliases, on, problems)
    for alias in aliases:
        for name in sorted(set(params) & set(tables[alias.name].columns)):
            problems.add(label, Message("rule.param_is_column", {"name": name, "table": alias.table}),
                         line=line_of(data, "params"), key=f"params.{name}")
    versions = []
    for start, values in param_versions(params):
        parts = []
        for alias in aliases:
            tree = None
            if alias.where is not None:
                try:
                    tree = condition_tree(bind(alias.where, values), tables[alias.name].field_kinds)
                except ExprError as exc:
                    problems.add(label, Message("join.condition", {"alias": alias.name, "table": alias.table, "error": str(exc)}),
                                 line=line_of(match[alias.name], "where"), key=f"when.match.{alias.name}.where",
                                 found=alias.where.source)
                    return nothing
            parts.append((alias.name, alias.table, alias.absent, tree))
        versions.append((start, ("join", tuple(parts), on)))
    first = aliases[0]
    return tables[first.name], first.where or parse("present(" + _any_column(tables[first.name]) + ")"), \
        tuple(versions), tuple(aliases), on


def _any_column(schema: TableSchema) -> str:
    return next(iter(schema.key), None) or next(iter(schema.columns))


def _aliases(label, match, schemas: TableSchemas, problems) -> tuple[list[Alias], dict[str, TableSchema]]:
    aliases, tables = [], {}
    for position, (name, spec) in enumerate(match.items()):
        key, line = f"when.match.{name}", line_of(match, name)
        if not isinstance(name, str) or not ALIAS.match(name):
            problems.add(label, Message("join.alias_name"), line=line, key=key, found=name)
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("table"), str):
            problems.add(label, Message("join.alias"), line=line, key=key, found=spec)
            continue
        check_keys(label, spec, MATCH_KEYS, problems, f"{key}.")
        schema = schemas.get(spec["table"])
        if schema is None:
            problems.add(label, Message("rule.unknown_table", {"meant": meant(spec["table"], schemas.tables)}),
                         line=line_of(spec, "table", line), key=f"{key}.table", found=spec["table"],
                         allowed=", ".join(sorted(schemas.tables)))
            continue
        absent = spec.get("absent", False)
        if not isinstance(absent, bool) or (absent and position == 0):
            problems.add(label, Message("join.absent"), line=line_of(spec, "absent", line), key=f"{key}.absent",
                         found=absent, allowed=Message("join.absent_allowed"))
            continue
        where = None
        if spec.get("where") is not None:
            try:
                where = parse(spec["where"])
            except ExprError as exc:
                problems.add(label, Message("join.condition", {"alias": name, "table": schema.name, "error": str(exc)}), line=line_of(spec, "where", line),
                             key=f"{key}.where", found=spec["where"])
                continue
        aliases.append(Alias(name, schema.name, where, absent))
        tables[name] = schema
    return aliases, tables


def _equalities(label, when, aliases: list[Alias], tables: dict[str, TableSchema], problems) -> tuple | None:
    """((alias, column, alias, column), …) from `join: [a.x == b.y, …]`, or None (reported)."""
    raw = when.get("join")
    if not isinstance(raw, list) or not raw:
        problems.add(label, Message("join.list"), line=line_of(when, "join", line_of(when, "match")),
                     key="when.join", found=raw)
        return None
    by_name = {a.name: a for a in aliases}
    lines = getattr(raw, "item_lines", None) or [line_of(when, "join")] * len(raw)
    on, ok = [], True
    for text, line in zip(raw, lines):
        found = EQUALITY.match(text) if isinstance(text, str) else None
        if found is None:
            problems.add(label, Message("join.form"), line=line, key="when.join", found=text,
                         allowed=Message("join.example", {
                             "example": f"{aliases[-1].name}.<column> == {aliases[0].name}.<column>"}))
            ok = False
            continue
        a, x, b, y = found.groups()
        columns: list[Column] = []
        for alias, column in ((a, x), (b, y)):
            if alias not in by_name:
                problems.add(label, Message("join.unknown_alias", {"alias": alias, "meant": meant(alias, by_name)}), line=line,
                             key="when.join", found=text, allowed=", ".join(by_name))
            elif column not in tables[alias].columns:
                schema = tables[alias]
                problems.add(label, Message("join.no_column", {"alias": alias, "table": schema.name, "column": column,
                                                             "meant": meant(column, schema.columns)}), line=line, key="when.join", found=text,
                             allowed=", ".join(schema.columns))
            else:
                columns.append(tables[alias].columns[column])
                continue
            ok = False
        if len(columns) != 2:
            continue
        if a == b:
            problems.add(label, Message("join.two_aliases"),
                         line=line, key="when.join", found=text)
            ok = False
        elif by_name[a].absent and by_name[b].absent:
            problems.add(label, Message("join.both_absent", {"a": a, "b": b}),
                         line=line, key="when.join", found=text)
            ok = False
        elif columns[0].kind.kind != columns[1].kind.kind:
            problems.add(label, Message("join.types", {"a": f"{a}.{x}", "a_type": _type(columns[0]), "b": f"{b}.{y}",
                                                       "b_type": _type(columns[1])}),
                         line=line, key="when.join", found=text, allowed=Message("join.types_allowed"))
            ok = False
        else:
            on.append((a, x, b, y))
    return tuple(on) if ok else None


def _type(column: Column) -> str:
    return column.type + (f", {column.title}" if column.title else "")


def _check_connected(label, when, aliases: list[Alias], on: tuple, problems) -> None:
    """Every alias is joined, through the matched ones, to the first: no alias pairs every row
    of its table with every row of the others."""
    reached = {aliases[0].name}
    grew = True
    while grew:
        grew = False
        for a, _, b, _ in on:
            absent = {x.name for x in aliases if x.absent}
            for near, far in ((a, b), (b, a)):
                if near in reached and far not in reached and near not in absent:
                    reached.add(far)
                    grew = True
    for alias in aliases:
        if alias.name not in reached:
            problems.add(label, Message("join.nothing", {"alias": alias.name, "table": alias.table}),
                         line=line_of(when, "join"), key="when.join",
                         allowed=Message("join.example", {"example": f"{alias.name}.<column> == {aliases[0].name}.<column>"}))


def joined_columns(aliases: tuple[Alias, ...], schemas: TableSchemas) -> dict[str, Column]:
    """The columns a finding text may name besides its own table's: alias.column of each
    alias whose row was matched (not the absent ones)."""
    return {f"{a.name}.{name}": column for a in aliases if not a.absent
            for name, column in schemas.tables[a.table].columns.items()}
