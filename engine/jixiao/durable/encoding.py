"""Facts and rulesets as the JSON durable-rules reads: numbers in fixed point (it cannot parse
an exponent), text quoted (no NUL: it keeps text as C strings), dates as their latest ISO
day; and the engine's own fact identity (a 32-bit FNV-1a hash of the id), checked for
collisions before anything is asserted."""

from __future__ import annotations

import functools
import json
from decimal import Decimal

from ..model.facts import Fact
from ..model.values import FactDate
from .patterns import engine_field

MAX_PROPERTIES = 255


class EngineError(RuntimeError):
    """The rule engine failed; the run must not produce a result."""


@functools.lru_cache(maxsize=4096)  # fact ids ("disbursements:3") recur from case to case
def fnv1a32(text: str) -> int:
    """The engine's 32-bit FNV-1a hash of a fact id (C `char` is signed on this platform)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        signed = byte - 256 if byte > 127 else byte
        value = ((value ^ (signed & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return value


def _check_identities(facts: list[Fact]) -> None:
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


def _serialize(row: Fact, session_json: str, read=None) -> str:
    """One fact as JSON, written directly: numbers in fixed point (the engine cannot parse
    exponents), text quoted and escaped, dates as their latest ISO day. With `read`, only
    those columns: the engine never sees what no condition compares (evidence, notes)."""
    parts = [f'{{"sid":{session_json},"id":{_quote(row.id)},"t":{_quote(row.table)}']
    for key, value in row.values.items():
        if read is None or key in read:
            parts.append(f',{_quote(engine_field(key))}:{_json_value(value)}')
    parts.append("}")
    return "".join(parts)


_encode_string = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept as is (in C)


def _quote(text: str) -> str:
    # The engine keeps text as C strings: a NUL would cut it short, so none reaches it.
    return _encode_string(text.replace("\x00", "\ufffd") if "\x00" in text else text)


def _json_value(value) -> str:
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, bool):
        raise EngineError("booleans are not fact values; use yes / no answers")
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise EngineError(f"not a finite number: {value}")
        return format(value, "f")  # never an exponent
    if isinstance(value, int):
        return str(value)
    if isinstance(value, FactDate):
        return _quote(value.latest)
    return _quote(str(value))


def to_json(data) -> str:
    """JSON for durable-rules: numbers in fixed-point notation, Chinese text as is."""
    if isinstance(data, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{to_json(v)}" for k, v in data.items()) + "}"
    if isinstance(data, (list, tuple)):
        return "[" + ",".join(to_json(v) for v in data) + "]"
    return _json_value(data)
