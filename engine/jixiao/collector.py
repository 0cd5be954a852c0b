"""How often Python's cycle collector runs while cases are checked one after another.

A check makes hundreds of thousands of objects, nearly all freed as they go (reference
counting) or kept to the end of the case; the collector's default pass every 700 new objects
walks them again and again for cycles that are rarely there (a twenty-fifth of a cold check,
a sixth of checking folder after folder in one process)."""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator

YOUNGEST = 50_000  # new objects between passes over the youngest generation (Python's default: 700)


def check_collector() -> None:
    """Set the youngest generation's threshold to YOUNGEST for the rest of the process (the
    command line's own process); the older generations as Python has them."""
    gc.set_threshold(YOUNGEST, *gc.get_threshold()[1:])


@contextlib.contextmanager
def checking_many() -> Iterator[None]:
    """check_collector for the duration of the block, then the thresholds as they were (for a
    program that checks many cases in its own process: a benchmark, a notebook)."""
    before = gc.get_threshold()
    check_collector()
    try:
        yield
    finally:
        gc.set_threshold(*before)
