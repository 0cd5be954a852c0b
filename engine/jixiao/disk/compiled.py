"""Code compiled once and kept in the user's cache (jixiao.disk.cache), for start-up time: the
code Python's dataclasses generate, and the programs of regular expressions.

`@dataclass` writes each class's __init__, __repr__, __eq__, __hash__ and (frozen) __setattr__
and __delattr__ as source text and compiles it when the class is created: for jixiao's ~50
classes that was about a sixth of a cold `jixiao check`. The text is all a compiled function
depends on (with the Python that compiles it), so its code object is kept under that text and
given back the next time the same text is compiled: `exec` sees the same code it would have
compiled.

Regular expressions: Python compiles each pattern a process uses (PyYAML's, argparse's,
jixiao's own: about 70 in a check) from its text to a program for the matching engine, in
Python code (re._parser, re._compiler) — about a sixth of a cold check again. The program is
all the pattern object is made from (with the Python that made it), so it is kept under the
pattern's text and flags, and the next process makes the pattern from it directly (_sre.compile,
as re._compiler.compile does at its end). A program is kept only when the pattern made from it
equals (==: flags, text and program) the one Python compiled, with the same groups; on Python
3.10 (no re._compiler) patterns are compiled as usual.

Nothing else changes; a missing, stale or damaged entry is a miss, and then the text is
compiled as Python would (jixiao.disk.cache's rules). Not written again unless something new
was compiled.
"""

# (no `from __future__ import annotations`: text compiled here must not inherit it — see _exec)

import atexit
import builtins
import dataclasses
import hashlib
import marshal
import re
import sys
import types

from .cache import read_entry, write_entry

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10: sre_compile, not kept
    _compiler = None

NAME = "dataclasses:"
KEEP = 4096  # code objects kept (jixiao's are about 300); more are compiled but not kept
KEEP_PATTERNS = 512  # regular expressions' programs kept (a check compiles about 70)

_compiled: dict = {}
_added: list = []
_programs: dict = {}  # (pattern, flags) -> the rest of _sre.compile's arguments
_added_programs: list = []
_python_compile = _compiler.compile if _compiler is not None else None


def install() -> None:
    """Give dataclasses the kept code objects, and re the kept programs, from now on (once per process)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    payload = read_entry(NAME + sys.version, _key())
    if payload is not None:
        try:
            kept = marshal.loads(payload)
        except Exception:  # written by another Python, or damaged past its checksum: a miss
            kept = None
        if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], dict):
            codes, programs = kept
            _compiled.update((text, code) for text, code in codes.items()
                             if isinstance(text, str) and isinstance(code, types.CodeType))
            _programs.update(programs)  # (each checked where it is used: _compile_pattern)
    # `exec` as dataclasses looks it up: a module global shadows the builtin, for that module only
    dataclasses.exec = _exec
    if _compiler is not None:
        _compiler.compile = _compile_pattern  # what re._compile calls when a pattern is not in re's cache
    atexit.register(_keep)


def _exec(source, globals=None, locals=None):
    """builtins.exec, with a text's code compiled once: as exec would compile it (dataclasses'
    own future flags, none, not this module's; dont_inherit)."""
    if not isinstance(source, str):
        return builtins.exec(source, vars(dataclasses) if globals is None else globals, locals)
    code = _compiled.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if len(_compiled) < KEEP:
            _compiled[source] = code
            _added.append(source)
    # (exec's "current globals" when none are given are its caller's: dataclasses')
    return builtins.exec(code, vars(dataclasses) if globals is None else globals, locals)


def _compile_pattern(pattern, flags=0):
    """re._compiler.compile(pattern, flags) (a pattern's text: str or bytes; flags an int),
    made from the kept program when there is one; else compiled by Python, and its program kept
    when the pattern made from it is the same."""
    if type(pattern) not in (str, bytes) or flags & re.DEBUG:
        return _python_compile(pattern, flags)
    flags = int(flags)  # (a RegexFlag from a direct caller: kept as the int marshal can write)
    kept = _programs.get((pattern, flags))
    if type(kept) is tuple:
        try:
            return _sre.compile(pattern, *kept)
        except Exception:  # damaged past its checksum, or another Python's: compiled as usual
            _programs.pop((pattern, flags), None)
    compiled = _python_compile(pattern, flags)
    if len(_programs) < KEEP_PATTERNS:
        try:
            program = _program(pattern, flags)
            same = _sre.compile(pattern, *program)
        except Exception:  # (not kept; Python's own compile stands)
            return compiled
        if same == compiled and same.groups == compiled.groups and same.groupindex == compiled.groupindex:
            _programs[(pattern, flags)] = program
            _added_programs.append(pattern)
    return compiled


def _program(pattern, flags: int) -> tuple:
    """The arguments after the pattern that re._compiler.compile passes to _sre.compile: the
    flags, the program (a list of ints), the number of groups, the group index (name -> number)
    and its inverse (a tuple, None where a group has no name)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # (plain ints: the program holds re's named constants, an int subclass marshal cannot write)
    return (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, dict(groupindex),
            tuple(indexgroup))


def _key() -> bytes:
    """The cache key (32 bytes): Python's version and its bytecode's tag."""
    return hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}".encode()).digest()


def _keep() -> None:
    """At exit: keep what was compiled, when something new was (best effort, as every entry)."""
    if _added or _added_programs:
        del _added[:], _added_programs[:]
        try:
            payload = marshal.dumps((dict(_compiled), dict(_programs)))
        except ValueError:  # (something marshal cannot write: nothing kept)
            return
        write_entry(NAME + sys.version, _key(), payload)
