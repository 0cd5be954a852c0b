"""Safe YAML loading that remembers the line of every mapping key and list item.

Only plain data is built (yaml.SafeLoader): no tags, no objects, nothing that runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import InputError, Problem


class LineDict(dict):
    """A dict from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list from YAML that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list


MAX_BYTES = 20 * 1024 * 1024


# libyaml's parser when PyYAML has it (several times faster), else the pure-Python one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """A safe loader with YAML 1.2 booleans (only true/false, so `answer: no` stays the text
    "no"). Aliases are refused (see _refuse_aliases): facts and rules never need them, and
    they can expand a small file into an enormous document."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text, not a list or mapping",
                                                    key_node.start_mark)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the fact schema parses them and reports bad ones with their line.
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def load_yaml(path: Path, label: str | None = None):
    """Parse one YAML file; a syntax error becomes an InputError naming file and line."""
    label = label or str(path)
    if Path(path).stat().st_size > MAX_BYTES:
        raise InputError([Problem(label, f"file larger than {MAX_BYTES // (1024 * 1024)} MB")])
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})")])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError([Problem(label, f"YAML syntax error: {exc.problem or exc.context}", line)])
    except yaml.YAMLError as exc:
        raise InputError([Problem(label, f"YAML error: {exc}")])
    finally:
        loader.dispose()


def _refuse_aliases(root) -> None:
    """An alias (*name) makes one node appear twice in the tree: refuse it where it stands."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.composer.ComposerError(None, None, "anchors and aliases (&name, *name) are not allowed",
                                              node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def line_of(mapping, key, default: int | None = None) -> int | None:
    """The line a key stands on, when the mapping came from load_yaml."""
    lines = getattr(mapping, "key_lines", None)
    if lines and key in lines:
        return lines[key]
    return getattr(mapping, "line", default)


def check_keys(label: str, mapping, allowed, problems, prefix: str = "", reported=()) -> None:
    """Report every key of a YAML mapping that is not allowed (unless `reported` already), with
    the nearest allowed one."""
    from .errors import did_you_mean
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
