"""No module of the package over about 400 lines (issue 12 point 3): a module that grows past it
is split along what it holds, so that a newcomer reads each in one sitting."""

from __future__ import annotations

from pathlib import Path

import jixiao

PACKAGE = Path(jixiao.__file__).resolve().parent
MOST_LINES = 400


def test_no_module_is_over_400_lines():
    sizes = {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert len(sizes) > 100  # the scan sees the package
    assert {module: lines for module, lines in sizes.items() if lines > MOST_LINES} == {}
