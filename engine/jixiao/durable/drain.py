"""Taking matches off durable-rules' action queue in the calling thread, and freeing a session
(jixiao.durable.session runs every case through these)."""

from __future__ import annotations

import json

import durable_rules_engine as native

from .encoding import EngineError


def drain(ruleset, on_match) -> None:
    """drain_rules, each match on its own: `on_match(rule id, its frame)`."""
    def each(rule_id: str, frames) -> None:
        for frame in frames:
            on_match(rule_id, frame)
    drain_rules(ruleset, each)


def drain_rules(ruleset, on_match) -> None:
    """Take every pending match off the engine's action queue now, in this thread:
    `on_match(rule id, [its matches' frames])`.

    Each queued action carries the matched fact; completing it lets the engine hand over
    the next. Nothing runs inside the engine: durable-rules' own action machinery (a
    closure, a state update and a JSON round trip per match) cost more than the match."""
    handle = ruleset._handle
    while True:
        result = native.start_action(handle)
        if not result:
            return
        _state, message, action = result
        while message:
            try:
                for rule_id, matched in json.loads(message).items():
                    on_match(rule_id, matched if isinstance(matched, list) else (matched,))  # a list with `cap`
            except Exception as exc:
                native.abandon_action(handle, action)
                raise EngineError(f"a rule action failed: {exc!r}") from exc
            message = native.complete_and_start_action(handle, action)


def delete_session(ruleset, session_id: str, errors: list[str]) -> None:
    """Free the session, whatever happened: what is still queued (only after a failure) is dropped."""
    try:
        drain_rules(ruleset, lambda _rule, _matches: None)
        ruleset.delete_state(session_id)
    except Exception as exc:
        errors.append(f"could not free session {session_id}: {exc!r}")
