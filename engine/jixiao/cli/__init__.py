"""The command line: `jixiao COMMAND …` parses arguments and prints."""

import atexit
import gc

from ..disk import compiled

YOUNGEST = 50_000

# The command's own process only (not `import jixiao` in someone's program), for start-up time.
# At exit, nothing left for Python's last collections of reference cycles to look through (a
# twentieth of a cold check): the process ends, and what they would free goes with it. Registered
# first, so it runs after every other exit function (those run with the collector as usual).
atexit.register(gc.freeze)
# The youngest generation looked through for cycles every 50,000 new objects, not 700: a check
# makes hundreds of thousands, nearly all freed as they go or kept to the end, and the
# collector's passes over them were a twenty-fifth of a cold check. Cycles left behind wait a
# little longer to be freed; the older generations as Python has them.
gc.set_threshold(YOUNGEST, *gc.get_threshold()[1:])
# Dataclasses' generated code and regular expressions' programs compiled once and kept in the
# user's cache.
compiled.install()

from .main import main  # noqa: E402  (after install: its dataclasses are made with the kept code)

__all__ = ["main"]
