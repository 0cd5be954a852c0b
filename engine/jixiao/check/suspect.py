"""Which rules would read a fact that cannot be true (jixiao.check.plausibility finds them).

An observed row is suspect in the values a note names. A derived row is suspect when a note
names one of its values, or an observed row it rests on (Fact.derived_from, Fact.depends_on)
is suspect in a column its derivation reads (derive.READS): then all its values but its
identity (key and label) are, since a derived value does not record which inputs it came
from. A rule reads a suspect value when the unknown values could change what it makes of the
row and its condition, formula or finding text names one: such a rule cannot assess, and its
leaf is 无法评价.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.conditions import may_hold, tree_fields
from ..model.facts import Fact, observed_sources
from ..model.results import IntegrityNote
from ..model.rules import PLACEHOLDER, Rule
from ..model.tables import TableSchemas
from .derive import READS


@dataclass(frozen=True)
class Suspect:
    """A row some of whose values cannot be trusted, and the notes saying why."""

    columns: frozenset | None  # None: all but its identity (a derived row resting on implausible facts)
    notes: tuple


def suspects(notes: list[IntegrityNote], tables: dict[str, list[Fact]]) -> dict[int, Suspect]:
    """By id() of the Fact: every observed or derived row holding or resting on an implausible
    value; a derived row rests on a value when its derivation reads that column (derive.READS)."""
    if not notes:  # (most cases: nothing is implausible, and no row rests on what is)
        return {}
    columns: dict[int, frozenset | None] = {}  # the Suspect of a row, gathered: its columns and notes
    why: dict[int, list[IntegrityNote]] = {}
    named_in: dict[str, set] = {}  # per observed table, the columns some note names in one of its rows
    for note in notes:
        for row, named in note.cells:
            found = columns.setdefault(id(row), frozenset())
            if row.derived_from or row.depends_on:  # a derived value: what else rests on its inputs is unknown
                columns[id(row)] = None
            elif found is not None:
                columns[id(row)] = found | frozenset(named)
                named_in.setdefault(row.table, set()).update(named)
            if note not in why.setdefault(id(row), []):
                why[id(row)].append(note)
    if not columns:  # (most cases: no note names a cell, and no derived row need be walked)
        return {}
    observed = {key: (columns[key], list(why[key])) for key in columns}
    for table, rows in tables.items():
        reads = READS.get(table, {})
        if not any(named & reads.get(source, frozenset()) for source, named in named_in.items()):
            continue  # no row of this table can inherit: no suspect value is one its derivation reads
        for row in rows:
            if not row.derived_from and not row.depends_on:
                continue
            inherited = []
            for source in observed_sources(row):
                entry = observed.get(id(source))
                if entry is None or not (entry[0] is None or entry[0] & reads.get(source.table, set())):
                    continue  # plausible, or implausible only in what this derivation does not read
                inherited += [n for n in entry[1] if n not in inherited]
            if inherited:
                columns[id(row)] = None
                known = why.setdefault(id(row), [])
                known += [n for n in inherited if n not in known]
    return {key: Suspect(columns[key], tuple(why[key])) for key in columns}


def blocked_rules(rules: list[Rule], tables: dict[str, list[Fact]], schemas: TableSchemas, suspect: dict[int, Suspect],
                  year: int) -> dict[str, list[IntegrityNote]]:
    """Rule id -> the notes of the implausible values it would read: a rule reads a row of its
    table when the row is in its scope (`requires` or `where` may hold, taking the suspect values
    as unknown), and a suspect value when its condition, formula or finding text names it. A rule
    over several tables reads the rows of each alias's table the same way: those its own
    condition may hold for, in the columns it compares or joins on."""
    blocked: dict[str, list[IntegrityNote]] = {}
    if not suspect:  # (most cases: no value is implausible, and no rule's scope needs working out)
        return blocked
    for rule in rules:
        for table, condition, requirement, names in _scopes(rule, year):
            schema = schemas.tables[table]
            identity = {*schema.key, schema.label}
            read = names & set(schema.columns)
            for row in tables.get(table, []):
                entry = suspect.get(id(row))
                if entry is None:
                    continue
                unknown = set(schema.columns) - identity if entry.columns is None else set(entry.columns)
                if unknown & read and _in_scope(condition, requirement, row.values, unknown):
                    notes = blocked.setdefault(rule.id, [])
                    notes += [n for n in entry.notes if n not in notes]
    return blocked


KEPT = 4096  # rules whose scopes are kept (then forgotten, and found again)
_KEPT: dict[tuple, tuple] = {}  # (id of the rule, year) -> (it, its scopes)


def _scopes(rule: Rule, year: int) -> list[tuple]:
    """(table, its condition tree or None, the requirement or None, the columns read) for each
    table the rule reads: found once per rule object and year (the entry keeps it alive: its id
    is not reused), not for every case (a rule never changes)."""
    key = (id(rule), year)
    known = _KEPT.get(key)
    if known is None:
        if len(_KEPT) >= KEPT:
            _KEPT.clear()
        known = _KEPT[key] = (rule, _worked_out(rule, year))
    return known[-1]


def _worked_out(rule: Rule, year: int) -> list[tuple]:
    names = _names_read(rule)
    condition = rule.condition_in(year)
    if condition[0] != "join":
        return [(rule.table, condition, rule.requirement_for(year), names)]
    scopes = []
    for position, (alias, table, _absent, own) in enumerate(condition[1]):
        read = {column for a, x, b, y in rule.on for side, column in ((a, x), (b, y)) if side == alias}
        read |= {name.split(".", 1)[1] for name in names if name.startswith(alias + ".")}
        read |= tree_fields(own) if own is not None else set()
        scopes.append((table, own, rule.requirement_for(year) if position == 0 else None,
                       read | (names if position == 0 else set())))
    return scopes


def _names_read(rule: Rule) -> set:
    names = rule.where.names | rule.amount.names | (rule.requires.names if rule.requires is not None else set())
    return names | {m.group(1).strip() for m in PLACEHOLDER.finditer(rule.finding)}


def _in_scope(condition: tuple | None, requirement: tuple | None, values: dict, unknown: set) -> bool:
    """Whether the unknown values could change what the rule makes of this fact: they could when
    its condition may hold (it would fire, or not), or when its `requires` turns on them (the
    fact would make the rule assessable, or not). A fact its condition rules out on known values
    alone (another party, another metric) is not read."""
    if condition is None or may_hold(condition, values, unknown) is not False:
        return True
    return requirement is not None and may_hold(requirement, values, unknown) is None
