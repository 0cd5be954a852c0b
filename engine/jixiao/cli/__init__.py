"""The command line: `jixiao COMMAND …` parses arguments and prints."""

from .main import main

__all__ = ["main"]
