"""The command line: `jixiao COMMAND …` parses arguments and prints."""

from ..disk import compiled

# The command's own process only (not `import jixiao` in someone's program): dataclasses'
# generated code compiled once and kept in the user's cache, for start-up time.
compiled.install()

from .main import main  # noqa: E402  (after install: its dataclasses are made with the kept code)

__all__ = ["main"]
