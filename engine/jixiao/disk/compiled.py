"""The code Python's dataclasses generate, compiled once and kept in the user's cache
(jixiao.disk.cache), for start-up time.

`@dataclass` writes each class's __init__, __repr__, __eq__, __hash__ and (frozen) __setattr__
and __delattr__ as source text and compiles it when the class is created: for jixiao's ~50
classes that was about a sixth of a cold `jixiao check`. The text is all a compiled function
depends on (with the Python that compiles it), so its code object is kept under that text and
given back the next time the same text is compiled: `exec` sees the same code it would have
compiled. Nothing else changes; a missing, stale or damaged entry is a miss, and then the text
is compiled as Python would (jixiao.disk.cache's rules). Not written again unless something new
was compiled.
"""

# (no `from __future__ import annotations`: text compiled here must not inherit it — see _exec)

import atexit
import builtins
import dataclasses
import hashlib
import marshal
import sys
import types

from .cache import read_entry, write_entry

NAME = "dataclasses:"
KEEP = 4096  # code objects kept (jixiao's are about 300); more are compiled but not kept

_compiled: dict = {}
_added: list = []


def install() -> None:
    """Give dataclasses the kept code objects from now on (once per process)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    payload = read_entry(NAME + sys.version, _key())
    if payload is not None:
        try:
            kept = marshal.loads(payload)
        except Exception:  # written by another Python, or damaged past its checksum: a miss
            kept = None
        if isinstance(kept, dict):
            _compiled.update((text, code) for text, code in kept.items()
                             if isinstance(text, str) and isinstance(code, types.CodeType))
    # `exec` as dataclasses looks it up: a module global shadows the builtin, for that module only
    dataclasses.exec = _exec
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


def _key() -> bytes:
    """The cache key (32 bytes): Python's version and its bytecode's tag."""
    return hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}".encode()).digest()


def _keep() -> None:
    """At exit: keep what was compiled, when something new was (best effort, as every entry)."""
    if _added:
        del _added[:]
        write_entry(NAME + sys.version, _key(), marshal.dumps(dict(_compiled)))
