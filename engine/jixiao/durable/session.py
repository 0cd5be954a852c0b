"""Run rule conditions in durable-rules: one Host per process, one session per case.

The engine's traps (see shared DURABLE_RULES.md) and how this module meets them:
- the Host's background timer threads would run actions after our call returns: the Host
  here never starts them, and pending actions are drained synchronously after the assert;
- a ruleset name can be registered once per Host: names are a hash of the compiled rules;
- fact identity is a 32-bit FNV-1a hash of its id: ids are checked for collisions first;
- a number printed with an exponent (1e-05) stops a batch silently: facts are serialized
  here in fixed-point notation;
- exceptions inside actions are swallowed by the engine: no action runs inside it; each
  match is taken off its action queue here (_drain), and a failure there is an EngineError;
- the session is deleted only after draining, and always, so at most one lives at a time;
- a negation is checked when the patterns before it match, so a later fact would not undo a
  match: the gate fact is asserted after every other, and a rule with a negation starts with it.

Instances of a method whose arguments are compared only for equality share one engine rule,
joined to a binding fact per instance (jixiao.durable.binding): a new mix of instances (a form's
rows) is no new ruleset.
"""

from __future__ import annotations

import hashlib
from itertools import groupby
from operator import attrgetter
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Mapping

import durable_rules_engine as native
from durable import engine as durable

from ..model.facts import Fact
from ..model.rules import Rule
from ..model.trace import EMPTY, Match
from .binding import BINDING_ALIAS, BINDING_TABLE, SHAPE, bound_form
from .drain import delete_session as _delete_session
from .drain import drain as _drain  # noqa: F401 (tests drain a ruleset of their own)
from .drain import drain_rules as _drain_rules
from .encoding import EngineError, TableEncoder, _quote, check_tables, to_json
from .patterns import join_patterns, pattern


@dataclass(frozen=True)
class Evaluation:
    """What the engine answered for one session."""

    matches: tuple[Match, ...]  # sorted by rule, then fact
    assessable: frozenset  # ids of the rules whose required facts are present
    in_period: Mapping[str, frozenset]  # a rule in force for part of the year -> the facts dated in its period


REQUIREMENT = ":requires"  # suffix of the engine rule that looks for a rule's required facts
PERIOD = ":period"  # suffix of the engine rule that finds the facts dated in a rule's period
MISREAD = ":misread"  # suffix of the engine rule that finds a fact whose target's direction the rule does not read


# Up to this many matches of one rule come in one action (durable-rules' `cap`): matches are
# read in bulk, one JSON document per rule and case rather than one per match. More than that
# come in further actions, drained the same way.
CAP = 10000

SESSION_RULE = "_session"  # rule ids never start with "_": no clash with authors' rules
GATE = "_gate"  # the alias of the gate fact in a rule with a negation (aliases never start with "_")


class _SyncHost(durable.Host):
    """A durable-rules Host without background dispatch."""

    def _run(self) -> None:  # the base class starts two timer threads here; we drain ourselves
        pass


class _Ruleset(durable.Ruleset):
    """A ruleset created from JSON written here, with numbers in fixed-point notation
    (durable-rules' own json.dumps would print 0.00001 as 1e-05, which its parser rejects)."""

    def __init__(self, name: str, host: durable.Host, definition: dict, written: str | None = None) -> None:
        self._actions = {}  # matches are read off the engine's action queue by _drain, not run as actions
        self._name = name
        self._host = host
        self._definition = definition
        # `written`: to_json(definition), when the caller has it already
        self._handle = native.create_ruleset(name, to_json(definition) if written is None else written)


# Rulesets looked up by the identity of their rule objects, and rules' compiled parts, kept
# at most this many (then forgotten, and made again from the rules' contents when asked).
IDENTITIES = 4096


@dataclass(frozen=True)
class _Part:
    """The engine rules one rule compiles to (with `cap`), as a dict and as JSON (`written`:
    the members of a JSON object, without its braces), and the columns they read per table."""

    definition: dict
    written: str
    dated: bool  # in force for part of the year: a rule finds the facts dated in its period
    joined: tuple | None  # a rule over several tables: the aliases of its rows
    read: tuple = ()  # ((table, the columns its engine rules read), …)
    name: str = ""  # its main engine rule: the rule's id, or the shared rule of a bound instance
    binding: str | None = None  # a bound instance: its binding fact after the session and id (JSON)


def _part_of(rule: Rule, year: int, shared: dict[str, _Part]) -> _Part:
    """`shared`: the engine rules of bound instances made so far, by name (made once each)."""
    read = tuple(sorted(_fields_read([rule], year).items()))
    bound = bound_form(rule, year)
    if bound is not None:  # one engine rule for every instance of the method, joined to a binding fact
        part = shared.get(bound.name)
        if part is None:
            definition = {bound.name: {"all": join_patterns(bound.condition, {GATE: {"t": SESSION_RULE}})}}
            if bound.requirement is not None:
                definition[bound.name + REQUIREMENT] = {"all": join_patterns(bound.requirement,
                                                                             {GATE: {"t": SESSION_RULE}})}
            part = shared[bound.name] = _capped(definition)
        binding = f',"t":{_quote(BINDING_TABLE)},{_quote(SHAPE)}:{_quote(bound.name)}' + "".join(
            f",{_quote(key)}:{_quote(value)}" for key, value in bound.arguments) + "}"
        return replace(part, read=read, name=bound.name, binding=binding)
    definition = {}
    joined = None
    condition = rule.condition_for(year)
    if condition[0] == "join":
        definition[rule.id] = {"all": join_patterns(condition, {GATE: {"t": SESSION_RULE}})}
        joined = tuple(alias for alias, _, absent, _ in condition[1] if not absent)
    else:
        definition[rule.id] = {"all": [{"m": {"$and": [{"t": rule.table}, pattern(condition)]}}]}
    if rule.requires is not None:  # without `requires`, any fact of the table will do
        definition[rule.id + REQUIREMENT] = {
            "all": [{"m": {"$and": [{"t": rule.table}, pattern(rule.requirement_for(year))]}}]}
    misread = rule.misread_for(year)
    if misread is not None:  # a fact it would read but for its target's direction: the rule cannot assess
        definition[rule.id + MISREAD] = {"all": [{"m": {"$and": [{"t": rule.table}, pattern(misread)]}}]}
    period = rule.period_for(year)
    if period is not None:  # which facts this version judges, for the working paper
        definition[rule.id + PERIOD] = {"all": [{"m": {"$and": [{"t": rule.table}, pattern(period)]}}]}
    return replace(_capped(definition, dated=period is not None, joined=joined), read=read, name=rule.id)


def _capped(definition: dict, dated: bool = False, joined: tuple | None = None) -> _Part:
    for engine_rule in definition.values():
        engine_rule["cap"] = CAP
    return _Part(definition, to_json(definition)[1:-1], dated, joined)


class RulesEngine:
    """Compiles rules into durable-rules rulesets and evaluates one case per session."""

    def __init__(self) -> None:
        self._host = _SyncHost()
        self._rulesets: dict[str, _Ruleset] = {}
        self._names: dict[tuple, str] = {}  # the engine rules' contents -> ruleset
        self._by_identity: dict[tuple, tuple] = {}  # (year, id of each rule) -> (the rules, ruleset, bindings)
        self._parts: dict[tuple, tuple] = {}  # (id of a rule, year) -> (the rule, its _Part)
        self._session = _session_part()  # (made here: with the CAP in force when the engine is made)
        self._read: dict[str, dict[str, frozenset]] = {}  # ruleset -> table -> the engine fields its rules read
        self._dated: dict[str, tuple[str, ...]] = {}  # ruleset -> the rules in force for part of the year
        self._joined: dict[str, dict[str, tuple]] = {}  # ruleset -> rule over several tables -> its row aliases
        self._encoders: dict[str, dict[str, TableEncoder]] = {}  # ruleset -> table -> its facts' serializer
        self._shared: dict[str, frozenset] = {}  # ruleset -> its engine rules shared by bound instances
        self._bound: dict[str, _Part] = {}  # an engine rule shared by bound instances -> its part

    def ruleset_for(self, rules: list[Rule], year: int) -> str:
        """Register (once) the ruleset made of these rules as in force in `year`; returns its name."""
        return self._ruleset(rules, year)[0]

    def _ruleset(self, rules: list[Rule], year: int) -> tuple[str, tuple]:
        """The ruleset's name, and the binding facts of the rules' bound instances ((fact id,
        instance id, the fact's JSON after its session), …)."""
        # Rules are read once per process and never change (frozen; a scheme's instances are
        # cached with the rule book), so the same rule objects and year give the same ruleset:
        # looked up by the rules' identities, which the entry keeps alive (an id is not reused
        # while its object lives), without looking at their contents for every case.
        by_identity = (year, *map(id, rules))
        known = self._by_identity.get(by_identity)
        if known is not None:
            return known[1], known[2]
        # Other rule objects (a form's own mix of rows, rules made by a rule test): by the
        # engine rules they compile to. Each rule's part of the ruleset (its engine rules and
        # their JSON) is made once per rule and year; bound instances of one method share theirs.
        parts = [self._part(rule, year) for rule in rules]
        bindings = tuple((f"{BINDING_TABLE}:{index}", rule.id, f',"id":"{BINDING_TABLE}:{index}"{part.binding}')
                         for index, (rule, part) in enumerate(((r, p) for r, p in zip(rules, parts) if p.binding), 1))
        ordered = list({(part.written, part.read): part for part in sorted(parts, key=attrgetter("name"))}.values())
        key = tuple((part.written, part.read) for part in ordered)
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = self._register(ordered)
        if len(self._by_identity) >= IDENTITIES:  # rule tests make rules by the thousand: bounded
            self._by_identity.clear()
        self._by_identity[by_identity] = (tuple(rules), name, bindings)
        return name, bindings

    def _register(self, ordered: list["_Part"]) -> str:
        """The ruleset of these parts (in the order of their engine rules' names, none twice)."""
        definition = {}
        for part in [*ordered, self._session]:
            definition.update(part.definition)
        if len({part.name for part in ordered}) == len(ordered):  # (as to_json(definition) writes it)
            written = "{" + ",".join([part.written for part in [*ordered, self._session]]) + "}"
        else:  # two rules of one id: the later one's engine rules replace the earlier's, as in a dict
            written = to_json(definition)
        name = "jixiao_" + hashlib.sha256(written.encode()).hexdigest()[:20]
        if name not in self._rulesets:
            ruleset = _Ruleset(name, self._host, definition, written)
            self._host._ruleset_directory[name] = ruleset
            self._host._ruleset_list.append(ruleset)
            self._rulesets[name] = ruleset
            read: dict[str, frozenset] = {}
            for part in ordered:
                for table, names in part.read:
                    read[table] = read.get(table, frozenset()) | names
            self._read[name] = read
            self._encoders[name] = {table: TableEncoder(table, names) for table, names in read.items()}
            self._dated[name] = tuple(part.name for part in ordered if part.dated)
            self._joined[name] = {part.name: part.joined for part in ordered if part.joined is not None}
            self._shared[name] = frozenset(part.name for part in ordered if part.binding)
        return name

    def _part(self, rule: Rule, year: int) -> "_Part":
        """The engine rules of one rule in force in `year`, and their JSON (made once per rule object)."""
        key = (id(rule), year)
        known = self._parts.get(key)
        if known is not None and known[0] is rule:
            return known[1]
        part = _part_of(rule, year, self._bound)
        if len(self._parts) >= IDENTITIES:
            self._parts.clear()
        self._parts[key] = (rule, part)  # (the rule kept alive with its part: its id is not reused)
        return part

    def match(self, rules: list[Rule], facts: list[Fact], session_id: str, year: int) -> list[Match]:
        """Assert the facts of one case, drain every action, and return the matches (a new list)."""
        return list(self.assess(rules, facts, session_id, year).matches)

    def assess(self, rules: list[Rule], facts: list[Fact], session_id: str, year: int) -> Evaluation:
        """Assert the facts of one case, drain every action: the matches, and which rules could assess."""
        if not rules or not facts:
            return Evaluation((), frozenset(), EMPTY)
        name, bindings = self._ruleset(rules, year)
        ruleset, encoders, dated, joined = self._rulesets[name], self._encoders[name], self._dated[name], self._joined[name]
        shared = self._shared[name]
        instances = {ident: use for ident, use, _ in bindings}  # binding fact -> the instance it binds
        tables = [(table, list(rows)) for table, rows in groupby(facts, key=_table_of)]  # (table by table)
        check_tables(tables, tuple(instances))
        matches: dict[tuple[str, str], Match] = {}
        assessable: set[str] = set()
        misread: set[str] = set()  # rules a fact of a direction they do not read leaves unable to assess
        in_period: dict[str, set[str]] = {}
        errors: list[str] = []

        def on_match(rule_id: str, message: dict) -> None:
            if rule_id == SESSION_RULE:
                return
            try:
                if rule_id.endswith(REQUIREMENT):
                    rule_id = rule_id[: -len(REQUIREMENT)]
                    assessable.add(instances[message[BINDING_ALIAS]["id"]] if rule_id in shared else rule_id)
                    return
                if rule_id.endswith(MISREAD):
                    misread.add(rule_id[: -len(MISREAD)])
                    return
                if rule_id in shared:  # a bound instance's match: the instance of its binding fact
                    use, fact_id = instances[message[BINDING_ALIAS]["id"]], message["m"]["id"]
                    matches.setdefault((use, fact_id), Match(use, fact_id))
                    return
                if rule_id in joined:
                    fact_id, *others = (message[alias]["id"] for alias in joined[rule_id])
                    matches.setdefault((rule_id, fact_id, *others), Match(rule_id, fact_id, tuple(others)))
                    return
                fact_id = message["m"]["id"]
            except (KeyError, TypeError) as exc:
                errors.append(f"{rule_id}: unexpected match {exc!r}")
                return
            if rule_id.endswith(PERIOD):
                in_period.setdefault(rule_id[: -len(PERIOD)], set()).add(fact_id)
                return
            # An $or fires once per matching branch (upstream issue #308): keep one.
            matches.setdefault((rule_id, fact_id), Match(rule_id, fact_id))

        def on_matches(rule_id: str, frames) -> None:
            """Every match of one rule read off the queue at once (`frames`: one per match)."""
            if (rule_id in shared or rule_id in joined or rule_id == SESSION_RULE
                    or rule_id.endswith((REQUIREMENT, PERIOD, MISREAD))):
                for frame in frames:
                    on_match(rule_id, frame)
                return
            for frame in frames:  # (most matches: a rule's own, on one fact)
                try:
                    key = (rule_id, frame["m"]["id"])
                except (KeyError, TypeError) as exc:
                    errors.append(f"{rule_id}: unexpected match {exc!r}")
                    continue
                if key not in matches:  # ($or: one per matching branch, upstream issue #308)
                    matches[key] = Match(*key)

        session_json = _quote(session_id)
        gate = f'{{"sid":{session_json},"id":"{SESSION_RULE}","t":"{SESSION_RULE}"}}'
        written = []
        for table, rows in tables:
            written += (encoders.get(table) or TableEncoder(table, ())).encode_all(rows, session_json)
        written += [f'{{"sid":{session_json}{binding}' for _, _, binding in bindings]
        written.append(gate)
        payload = "[" + ",".join(written) + "]"
        try:
            try:
                ruleset._handle_result(native.assert_facts(ruleset._handle, payload), payload)
            except durable.MessageNotHandledException:
                pass  # some facts match no rule: expected
            except durable.MessageObservedException:
                raise EngineError(f"{session_id}: a fact id collided in the engine; facts were not all asserted")
            _drain_rules(ruleset, on_matches)
        finally:
            _delete_session(ruleset, session_id, errors)
        if errors:
            raise EngineError("rule actions failed: " + "; ".join(errors))
        # by rule, fact and joined facts: the keys are (rule, fact, *joined), ordered as those are
        ordered = tuple([matches[key] for key in sorted(matches)])
        tables = {table for table, _ in tables}
        assessable |= {r.id for r in rules if r.requires is None and r.table in tables}
        # A rule over several tables judges nothing unless every table it names has facts: without
        # them, no row could be found or, for an absent alias, shown not to exist.
        incomplete = {r.id for r in rules if not set(r.tables) <= tables}
        periods = {rule: frozenset(in_period.get(rule, ())) for rule in dated}
        return Evaluation(ordered, frozenset((assessable | {m.rule for m in ordered}) - incomplete - misread),
                          MappingProxyType(periods) if periods else EMPTY)


_table_of = attrgetter("table")


def _fields_read(rules: list[Rule], year: int) -> dict[str, frozenset]:
    """Per table, the columns some rule's condition or requirement names, and the date of the
    facts when a rule starts or ends within the year (its pattern compares it)."""
    read: dict[str, set] = {}
    for rule in rules:
        names = read.setdefault(rule.table, set())
        names |= rule.where.names | (rule.requires.names if rule.requires is not None else set())
        if rule.bounds_in(year) != (None, None):
            names.add(rule.date_column)
        for alias in rule.aliases:  # a rule over several tables: each alias's condition and joins
            names = read.setdefault(alias.table, set())
            names |= alias.where.names if alias.where is not None else set()
            names |= {column for a, x, b, y in rule.on for side, column in ((a, x), (b, y)) if side == alias.name}
    return {table: frozenset(names) for table, names in read.items()}


# Every session holds one gate fact that this rule matches: a session in which no other rule
# matched would otherwise have no state, and deleting it crashes the process.
def _session_part() -> _Part:
    return _capped({SESSION_RULE: {"all": [{"m": {"t": SESSION_RULE}}]}})


_ENGINE: RulesEngine | None = None


def rules_engine() -> RulesEngine:
    """The process's one engine: one durable-rules Host per process."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = RulesEngine()
    return _ENGINE


def reset_after_fork() -> None:
    """In a process forked from one that had an engine: forget the parent's, so this process
    builds its own (a Host and its rulesets belong to the process that created them)."""
    global _ENGINE
    _ENGINE = None
