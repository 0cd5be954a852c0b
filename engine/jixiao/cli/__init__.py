"""The command line: `jixiao COMMAND …` parses arguments and prints."""

import atexit
import gc

from ..collector import check_collector
from ..disk import compiled

# The command's own process only (not `import jixiao` in someone's program), for start-up time.
# At exit, nothing left for Python's last collections of reference cycles to look through (a
# twentieth of a cold check): the process ends, and what they would free goes with it. Registered
# first, so it runs after every other exit function (those run with the collector as usual).
atexit.register(gc.freeze)
# The youngest generation looked through for cycles every 50,000 new objects, not 700
# (jixiao.collector says why). Cycles left behind wait a little longer to be freed.
check_collector()
# Dataclasses' generated code and regular expressions' programs compiled once and kept in the
# user's cache.
compiled.install()

from .main import main  # noqa: E402  (after install: its dataclasses are made with the kept code)

__all__ = ["main"]
