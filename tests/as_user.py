"""Running jixiao as an ordinary user: the operating system's permission checks apply to it.

Root reads and writes whatever the permissions say, so as root jixiao runs under `setpriv`
without the two capabilities that override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); a
test that needs this is skipped, saying why, where neither is possible."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

SETPRIV = ["--bounding-set", "-dac_override,-dac_read_search"]


@functools.lru_cache(maxsize=1)
def _prefix() -> tuple[str, ...] | None:
    """What runs a command as an ordinary user would: () when not root, the setpriv command when
    that takes root's overriding capabilities away (checked on a file of mode 000), else None."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        locked = Path(folder) / "locked"
        locked.write_text("x", encoding="utf-8")
        locked.chmod(0)
        done = subprocess.run([setpriv, *SETPRIV, sys.executable, "-c", f"open({str(locked)!r}).read()"],
                              capture_output=True)
    return (setpriv, *SETPRIV) if done.returncode != 0 else None


def needs_permissions() -> None:
    """Skip the calling test where permissions cannot be made to apply (root without setpriv)."""
    if _prefix() is None:
        pytest.skip("running as root and setpriv cannot drop CAP_DAC_OVERRIDE here: root reads and writes "
                    "whatever the permissions say, so an ordinary user's refusals cannot be met")


def jixiao_as_user(*args) -> subprocess.CompletedProcess:
    """`python -m jixiao ARGS` as an ordinary user; its exit status, stdout and stderr."""
    needs_permissions()
    return subprocess.run([*_prefix(), sys.executable, "-m", "jixiao", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "JIXIAO_DEBUG": ""})
