"""Safe YAML loading that remembers the line of every mapping key and list item.

Only plain data is built (yaml.SafeLoader): no tags, no objects, nothing that runs.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import re
from pathlib import Path

import yaml

from ..disk.reading import read_capped
from ..model.problems import InputError, Problem, did_you_mean


class LineDict(dict):
    """A dict from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list from YAML that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (several times faster), else the pure-Python one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """A safe loader with YAML 1.2 booleans (only true/false, so `answer: no` stays the text
    "no"). Aliases are refused (see _value): facts and rules never need them, and
    they can expand a small file into an enormous document."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the fact schema parses them and reports bad ones with their line.
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)

MAX_DEPTH = 64  # facts and rules nest a few levels; a deeper document is refused, not a crash
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


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


def parse_yaml(raw: bytes, label: str):
    """The one document of a YAML file's bytes (UTF-8) as plain data with lines."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})")])
    loader = _Loader(text)
    try:
        return _document(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError([Problem(label, f"YAML syntax error: {exc.problem or exc.context}", line)])
    except yaml.YAMLError as exc:
        raise InputError([Problem(label, f"YAML error: {exc}")])
    finally:
        loader.dispose()


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


_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}": name for name in ("null", "bool", "int", "float", "timestamp")}


def _scalar(loader: _Loader, event):
    """A scalar as the safe loader types it (YAML 1.2 booleans, dates as text). Only the plain
    scalar types: a collection tag on a scalar (!!set x) or !!binary is refused."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _MERGE:
        raise _refused("'<<' (a YAML merge key) is not allowed; quote it to mean the text", event)
    if tag not in _SCALAR_TAGS:
        raise _refused(f"tag {tag} is not allowed", event)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return loader.yaml_constructors[tag](loader, node)
    except (ValueError, KeyError, TypeError, ArithmeticError):  # e.g. `!!int abc`
        raise _refused(f"not a valid {_SCALAR_TAGS[tag]}: {event.value!r}", event) from None


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
            problems.add(label, f"unknown key{did_you_mean(key, allowed)}", line=line_of(mapping, key),
                         key=f"{prefix}{key}", allowed=", ".join(sorted(allowed)))


def load_mapping(path: Path, allowed, what: str, problems):
    """A YAML file that must be a mapping with only `allowed` keys; None (and a problem) if not."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        problems.add(str(path), f"{what} must be a mapping", line=1)
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
