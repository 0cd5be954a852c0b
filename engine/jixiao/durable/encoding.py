"""Facts and rulesets as the JSON durable-rules reads: numbers in fixed point (it cannot parse
an exponent), text quoted (no NUL: it keeps text as C strings), dates as their latest ISO
day; and the engine's own fact identity (a 32-bit FNV-1a hash of the id), checked for
collisions before anything is asserted."""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from operator import attrgetter

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


def _check_identities(facts: list[Fact], others: tuple[str, ...] = ()) -> None:
    """Refuse facts whose ids repeat or share the engine's hash (with `others`: the ids of the
    facts jixiao adds, binding facts), or that have more properties than the engine takes."""
    seen: dict[int, str] = {}
    for ident in others:
        if seen.setdefault(fnv1a32(ident), ident) != ident:
            raise EngineError(f"fact ids {seen[fnv1a32(ident)]!r} and {ident!r} share an engine hash")
    for row in facts:
        ident = row.id
        key = fnv1a32(ident)
        if key in seen:
            if seen[key] != ident:
                raise EngineError(f"fact ids {seen[key]!r} and {ident!r} share an engine hash; rename a table")
            raise EngineError(f"fact id {ident!r} is used twice")
        seen[key] = ident
        if len(row.values) + 3 > MAX_PROPERTIES:
            raise EngineError(f"fact {ident} has more than {MAX_PROPERTIES} properties")


KEPT = 4096  # sets of fact ids known to be free of collisions (then forgotten, and checked again)
_CLEAR: set[tuple] = set()  # ((table, number of facts), …, (ids of the other facts,)): checked, no collision
_COUNTING = tuple(range(1, MAX_PROPERTIES + 1024))


def check_tables(tables: list[tuple[str, list[Fact]]], others: tuple[str, ...] = ()) -> None:
    """_check_identities of the facts of each table (`tables`: [(table, its facts)]), checked
    once per mix of tables and their numbers of facts: a fact's id is "<table>:<index>", so
    tables whose facts are numbered 1, 2, … in order have the ids their numbers say."""
    signature = []
    for table, rows in tables:
        count = len(rows)
        indexes = tuple(map(_index_of, rows))
        if (count >= len(_COUNTING) or indexes != _COUNTING[:count]
                or max(map(len, map(_values_of, rows)), default=0) + 3 > MAX_PROPERTIES):
            _check_identities([row for _, rows in tables for row in rows], others)
            return
        signature.append((table, count))
    signature.append(others)
    key = tuple(signature)
    if key not in _CLEAR:
        _check_identities([row for _, rows in tables for row in rows], others)
        if len(_CLEAR) >= KEPT:
            _CLEAR.clear()
        _CLEAR.add(key)


_index_of, _values_of = attrgetter("index"), attrgetter("values")


class TableEncoder:
    """The facts of one table as JSON, each written directly: numbers in fixed point (the engine
    cannot parse exponents), text quoted and escaped, dates as their latest ISO day; only the
    columns in `read` (the engine never sees what no condition compares: evidence, notes).
    What does not change from fact to fact (the quoted table name, each read column's quoted
    engine property) is computed once: every asserted fact of every case passes through here."""

    def __init__(self, table: str, read) -> None:
        self._table = f',"t":{_quote(table)}'
        self._id = _quote(f"{table}:")[:-1]  # a fact's id is "<table>:<index>"
        self._read = frozenset(read)
        self._keys = {column: f',{_quote(engine_field(column))}:' for column in self._read}
        self._columns = tuple(sorted(self._keys.items()))  # ((column, its quoted property and colon), …)

    def encode(self, row: Fact, session_json: str) -> str:
        """The fact as one JSON object of its session (`session_json`: the quoted session id)."""
        return self.encode_all((row,), session_json)[0]

    def encode_all(self, rows, session_json: str) -> list[str]:
        """Each fact of this table as one JSON object of its session, in order (one loop for
        the table: every asserted fact of every case passes here). Only the columns read are
        looked up, in a fixed order (the engine keys a fact's properties by name)."""
        start, table, read = f'{{"sid":{session_json},"id":{self._id}', self._table, self._columns
        written = []
        for row in rows:
            parts = [start, str(row.index), '"', table]
            values = row.values
            for column, prefix in read:
                value = values.get(column)
                if value is None:
                    if column not in values:
                        continue
                    parts += (prefix, _json_value(value))
                    continue
                kind = type(value)
                if kind is str and "\x00" not in value:
                    parts += (prefix, _encode_string(value))
                elif kind is Decimal and value.is_finite():
                    parts += (prefix, format(value, "f"))  # never an exponent
                else:
                    parts += (prefix, _json_value(value))
            parts.append("}")
            written.append("".join(parts))
        return written


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
    kind = type(data)
    if kind is str:  # (most of a ruleset: tested first, as each ruleset is written once per process and year)
        return _quote(data)
    if isinstance(data, dict):
        return "{" + ",".join(f"{_encode_string(str(k))}:{to_json(v)}" for k, v in data.items()) + "}"
    if isinstance(data, (list, tuple)):
        return "[" + ",".join([to_json(v) for v in data]) + "]"
    return _json_value(data)
