"""Run rule conditions in durable-rules: one Host per process, one session per case.

The engine's traps (see shared DURABLE_RULES.md) and how this module meets them:
- the Host's background timer threads would run actions after our call returns: the Host
  here never starts them, and pending actions are drained synchronously after the assert;
- a ruleset name can be registered once per Host: names are a hash of the compiled rules;
- fact identity is a 32-bit FNV-1a hash of its id: ids are checked for collisions first;
- a number printed with an exponent (1e-05) stops a batch silently: facts are serialized
  here in fixed-point notation;
- exceptions inside actions are swallowed by the engine: each action records its own;
- the session is deleted only after draining, and always, so at most one lives at a time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

import durable_rules_engine as native
from durable import engine as durable

from .expr import engine_field
from .facts import Row
from .rules import Rule
from .tables import FactDate

MAX_PROPERTIES = 255


class EngineError(RuntimeError):
    """The rule engine failed; the run must not produce a result."""


@dataclass(frozen=True)
class Match:
    """A rule fired on a fact."""

    rule: str
    fact: str


class _SyncHost(durable.Host):
    """A durable-rules Host without background dispatch; actions resolve by rule id."""

    def __init__(self) -> None:
        self.on_match = None
        super().__init__()

    def _run(self) -> None:  # the base class starts two timer threads here; we drain ourselves
        pass

    def get_action(self, action_name: str):
        def action(closure) -> None:
            self.on_match(action_name, closure.m)
        return action


class RulesEngine:
    """Compiles rules into durable-rules rulesets and evaluates one case per session."""

    def __init__(self) -> None:
        self._host = _SyncHost()
        self._registered: set[str] = set()

    def ruleset_for(self, rules: list[Rule], year: int) -> str:
        """Register (once) the ruleset made of these rules as in force in `year`; returns its name."""
        definition = {rule.id: {"all": [{"m": {"$and": [{"t": rule.table}, rule.pattern_for(year)]}}],
                                "run": rule.id}
                      for rule in sorted(rules, key=lambda r: r.id)}
        name = "jixiao_" + hashlib.sha256(
            json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]
        if name not in self._registered:
            # Registration removes 'run' from the dict it is given: hand it a fresh copy.
            self._host.register_rulesets({name: json.loads(json.dumps(definition))})
            self._registered.add(name)
        return name

    def evaluate(self, rules: list[Rule], facts: list[Row], session_id: str, year: int) -> list[Match]:
        """Assert the facts of one case, drain every action, and return the matches."""
        if not rules or not facts:
            return []
        name = self.ruleset_for(rules, year)
        ruleset = self._host.get_ruleset(name)
        _check_identities(facts)
        matches: dict[tuple[str, str], Match] = {}
        errors: list[str] = []

        def on_match(rule_id: str, message) -> None:
            try:
                fact_id = message["id"]
                # An $or fires once per matching branch (upstream issue #308): keep one.
                matches.setdefault((rule_id, fact_id), Match(rule_id, fact_id))
            except Exception as exc:  # recorded: the engine would swallow it
                errors.append(f"{rule_id}: {exc!r}")

        self._host.on_match = on_match
        payload = "[" + ",".join(_serialize(row, session_id) for row in facts) + "]"
        try:
            try:
                ruleset._handle_result(native.assert_facts(ruleset._handle, payload), payload)
            except durable.MessageNotHandledException:
                pass  # some facts match no rule: expected
            except durable.MessageObservedException:
                raise EngineError(f"{session_id}: a fact id collided in the engine; facts were not all asserted")
            _drain(ruleset, errors)
        finally:
            self._host.on_match = None
            _delete_session(ruleset, session_id, errors)
        if errors:
            raise EngineError("rule actions failed: " + "; ".join(errors))
        return sorted(matches.values(), key=lambda m: (m.rule, m.fact))


def _drain(ruleset, errors: list[str]) -> None:
    """Run every pending action now, in this thread."""
    def complete(error, _state):
        if error:
            errors.append(repr(error))

    while True:
        result = native.start_action(ruleset._handle)
        if not result:
            return
        ruleset._flush_actions(json.loads(result[0]), {"message": json.loads(result[1])}, result[2], complete)


def _delete_session(ruleset, session_id: str, errors: list[str]) -> None:
    try:
        _drain(ruleset, errors)
        ruleset.delete_state(session_id)
    except Exception as exc:
        errors.append(f"could not free session {session_id}: {exc!r}")


def fnv1a32(text: str) -> int:
    """The engine's 32-bit FNV-1a hash of a fact id (C `char` is signed on this platform)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        signed = byte - 256 if byte > 127 else byte
        value = ((value ^ (signed & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return value


def _check_identities(facts: list[Row]) -> None:
    seen: dict[int, str] = {}
    for row in facts:
        key = fnv1a32(row.id)
        if key in seen and seen[key] != row.id:
            raise EngineError(f"fact ids {seen[key]!r} and {row.id!r} share an engine hash; rename a table")
        if key in seen:
            raise EngineError(f"fact id {row.id!r} is used twice")
        seen[key] = row.id
        if len(row.values) + 3 > MAX_PROPERTIES:
            raise EngineError(f"fact {row.id} has more than {MAX_PROPERTIES} properties")


def _serialize(row: Row, session_id: str) -> str:
    """One fact as JSON with fixed-point numbers (the engine cannot parse exponents)."""
    parts = [f'"sid":{json.dumps(session_id)}', f'"id":{json.dumps(row.id)}', f'"t":{json.dumps(row.table)}']
    for key, value in row.values.items():
        parts.append(f"{json.dumps(engine_field(key), ensure_ascii=False)}:{_json_value(value)}")
    return "{" + ",".join(parts) + "}"


def _json_value(value) -> str:
    if isinstance(value, bool):
        raise EngineError("booleans are not fact values; use yes / no answers")
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("1e-12")).normalize(), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, FactDate):
        return json.dumps(value.latest)
    return json.dumps(str(value), ensure_ascii=False)


_ENGINE: RulesEngine | None = None


def rules_engine() -> RulesEngine:
    """The process's one engine (durable-rules allows one Host's timers per process to be tamed)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = RulesEngine()
    return _ENGINE
