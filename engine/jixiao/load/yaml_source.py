"""Safe YAML loading that remembers the line of every mapping key and list item.

Only plain data is built, from the parser's events: no tags, no objects, nothing that runs.
Scalars are typed as YAML 1.2 types them, in decimal only (see _scalar); in fact files they
are the text written, read by the table's schema as a CSV cell is.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import re
from pathlib import Path

import yaml

from ..disk.reading import read_capped
from ..model.messages import Message
from ..model.problems import InputError, Problem, meant


class LineDict(dict):
    """A dict from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list from YAML that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (several times faster), else the pure-Python one. Only its
# parser is used: scalars are typed below, not by PyYAML's YAML 1.1 resolvers and constructors.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """libyaml's (or PyYAML's) parser; `as_text`: every scalar but null is its text (fact files)."""

    as_text = False


# How a plain (unquoted) scalar is typed: the YAML 1.2 JSON-like core, in decimal only. YAML 1.1,
# which PyYAML implements, also reads 2:00 as 120 (base 60), 010 as 8 (octal), 0x10 as 16,
# 16_0 as 160 and yes/no/on/off as booleans: a number the person did not write. Here those are
# text, and whoever reads the value says whether text is allowed there.
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")

MAX_DEPTH = 64  # facts and rules nest a few levels; a deeper document is refused, not a crash


_READ: contextvars.ContextVar = contextvars.ContextVar("yaml_files_read", default=None)


@contextlib.contextmanager
def files_read():
    """Within this block, every file load_yaml reads is recorded: {path: SHA-256 of the bytes
    parsed}, so a manifest names exactly what was loaded, not what is on disk later."""
    record: dict[str, str] = {}
    token = _READ.set(record)
    try:
        yield record
    finally:
        _READ.reset(token)


def load_yaml(path: Path, label: str | None = None):
    """Parse one YAML file; a syntax error becomes an InputError naming file and line."""
    label = label or str(path)
    raw = read_capped(path, label)
    record = _READ.get()
    if record is not None:
        record[str(path)] = hashlib.sha256(raw).hexdigest()
    return parse_yaml(raw, label)


def parse_yaml(raw: bytes, label: str, as_text: bool = False):
    """The one document of a YAML file's bytes (UTF-8) as plain data with lines. With `as_text`
    (a fact file), every scalar but null is the text written, to be read by the table's schema
    as a CSV cell is; otherwise plain scalars are typed as YAML 1.2 types them (see _scalar)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem.said(label, Message("yaml.not_utf8", {"reason": exc.reason, "byte": exc.start}))])
    plain_mapping = _plain_mapping(text, as_text)
    if plain_mapping is not None:
        return plain_mapping
    loader = _Loader(text)
    loader.as_text = as_text
    try:
        return _document(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError([Problem.said(label, Message("yaml.syntax", {"error": exc.problem or exc.context}), line=line)])
    except yaml.YAMLError as exc:
        raise InputError([Problem.said(label, Message("yaml.error", {"error": exc}))])
    finally:
        loader.dispose()


# A file of `key: value` lines only (case.yaml as people write it, one per case of a batch) is read
# here, without the parser: the same values and lines, at a fifth of the time. Anything else (a
# quote, a nested value, a comment after a value, a character the parser refuses or treats as a
# line break, a key given twice) goes to the parser, which reads it or says what is wrong.
_PLAIN_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,63}):(?: +([^\s#:'\"!&*|>%@`,\[\]{}?<=~-][^#:'\"]*?))? *")
_NOT_PLAIN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _plain_mapping(text: str, as_text: bool) -> LineDict | None:
    """A document of `key: value` lines (and blank or comment lines) as the parser reads it: a
    LineDict whose values are plain scalars (typed as _scalar types them). None for anything
    else, which the parser reads."""
    if _NOT_PLAIN.search(text):
        return None
    result = LineDict()
    lines = result.key_lines = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = _PLAIN_LINE.fullmatch(line)
        if match is None:
            if not line.strip(" ") or line[0] == "#":
                continue
            return None
        key, value = match.groups()
        key = None if key in _NULL else key if as_text else _typed(key)
        if key in result:
            return None
        if not lines:
            result.line = number
        result[key] = None if value is None or value in _NULL else value if as_text else _typed(value)
        lines[key] = number
    return result if lines else None


# The data is built straight from libyaml's parser events, without PyYAML's node tree and
# constructor machinery: half the time, and aliases, tags and depth are checked in the same
# pass.

def _document(loader: _Loader):
    """The one document of a stream as plain data (None for an empty file)."""
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    value = _value(loader, loader.get_event(), 1)
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        raise _refused("one document per file (found a second '---')", loader.get_event())
    return value


def _value(loader: _Loader, event, depth: int):
    kind = type(event)
    if kind is yaml.ScalarEvent:
        return _scalar(loader, event)
    if depth > MAX_DEPTH:
        raise _refused(f"nested more than {MAX_DEPTH} levels deep", event)
    if kind is yaml.MappingStartEvent:
        return _mapping(loader, event, depth)
    if kind is yaml.SequenceStartEvent:
        return _sequence(loader, event, depth)
    if kind is yaml.AliasEvent:
        raise _refused("anchors and aliases (&name, *name) are not allowed", event)
    raise _refused(f"unexpected {kind.__name__}", event)


def _mapping(loader: _Loader, event, depth: int) -> LineDict:
    _plain_tag(event, "tag:yaml.org,2002:map")
    result = LineDict()
    result.line = event.start_mark.line + 1
    lines = result.key_lines = {}
    while True:
        key_event = loader.get_event()
        if type(key_event) is yaml.MappingEndEvent:
            return result
        key = _value(loader, key_event, depth + 1)
        if isinstance(key, (list, dict)):
            raise _refused("a key must be plain text, not a list or mapping", key_event)
        if key in result:
            raise _refused(f"duplicate key {key!r}", key_event)
        result[key] = _value(loader, loader.get_event(), depth + 1)
        lines[key] = key_event.start_mark.line + 1


def _sequence(loader: _Loader, event, depth: int) -> LineList:
    _plain_tag(event, "tag:yaml.org,2002:seq")
    result = LineList()
    result.line = event.start_mark.line + 1
    lines = result.item_lines = []
    while True:
        item = loader.get_event()
        if type(item) is yaml.SequenceEndEvent:
            return result
        lines.append(item.start_mark.line + 1)
        result.append(_value(loader, item, depth + 1))


def _plain_tag(event, default: str) -> None:
    if event.tag not in (None, "!", default):
        raise _refused(f"tag {event.tag} is not allowed", event)


_TAG = "tag:yaml.org,2002:"
_FITS = {"int": lambda v: type(v) is int, "float": lambda v: type(v) in (int, float),  # explicit tags: the
         "bool": lambda v: type(v) is bool, "null": lambda v: v is None}               # values they may carry


def _scalar(loader: _Loader, event):
    """A scalar's value. Plain scalars are typed as in YAML 1.2 (null, true/false, decimal
    numbers; everything else is text); quoted ones are text. In a fact file (`loader.as_text`)
    every scalar but null is its text, as a CSV cell is, so the table's schema reads `010`,
    `2:00` or `1,6` exactly as it would from a CSV. An explicit tag is allowed only where it
    means what the value would mean anyway: !!str, and elsewhere !!int, !!float, !!bool,
    !!null on a value of that form (!!timestamp: dates stay text, read by whoever uses them)."""
    value, tag = event.value, event.tag
    plain = tag is None and event.implicit[0]
    if value == "<<" and plain:
        raise _refused("'<<' (a YAML merge key) is not allowed; quote it to mean the text", event)
    if tag in (None, "!", _TAG + "str"):
        if not plain:
            return value
        if value in _NULL:
            return None
        return value if loader.as_text else _typed(value)
    name = tag[len(_TAG):] if tag.startswith(_TAG) else None
    if name == "timestamp" and not loader.as_text:
        return value
    if name in _FITS and not loader.as_text:
        typed = _typed(value)
        if _FITS[name](typed):
            return float(typed) if name == "float" else typed
        raise _refused(f"not a valid {name}: {value!r}", event)
    if loader.as_text:
        raise _refused(f"tag {tag} is not allowed in a fact file: write the value alone (the table's schema says "
                       "what each column holds)", event)
    raise _refused(f"tag {tag} is not allowed", event)


def _typed(text: str):
    """A plain scalar's value as YAML 1.2 types it (decimal only)."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    try:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    except ValueError:  # more digits than Python turns into an int
        return text
    if _SPECIAL_FLOAT.fullmatch(text):
        return float(text.replace(".", ""))
    return text


def _refused(message: str, event) -> yaml.MarkedYAMLError:
    return yaml.constructor.ConstructorError(None, None, message, event.start_mark)


def line_of(mapping, key, default: int | None = None) -> int | None:
    """The line a key stands on, when the mapping came from load_yaml."""
    lines = getattr(mapping, "key_lines", None)
    if lines and key in lines:
        return lines[key]
    return getattr(mapping, "line", default)


def check_keys(label: str, mapping, allowed, problems, prefix: str = "", reported=()) -> None:
    """Report every key of a YAML mapping that is not allowed (unless `reported` already), with
    the nearest allowed one."""
    for key in mapping:
        if key not in allowed and key not in reported:
            problems.add(label, Message("rule.unknown_key", {"meant": meant(key, allowed)}), line=line_of(mapping, key),
                         key=f"{prefix}{key}", allowed=", ".join(sorted(allowed)))


def load_mapping(path: Path, allowed, what, problems):
    """A YAML file that must be a mapping with only `allowed` keys; None (and a problem) if not.
    `what` names what it is (text, or a catalogue Message)."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        problems.add(str(path), Message("yaml.mapping", {"what": what}), line=1)
        return None
    check_keys(str(path), data, allowed, problems)
    return data


def plain(data):
    """A loaded YAML document as plain dicts and lists (without line bookkeeping), e.g. to write back."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
