"""What every command shares: exit statuses, where the rules are, and the rule book."""

from __future__ import annotations

import os
from pathlib import Path

from ..check.rulebook import cached_rulebook
from ..load.rulebook import RuleBook

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


def default_rules_dir() -> Path:
    """--rules, else $JIXIAO_RULES, else ./rules, else the rules/ beside this package's source."""
    if os.environ.get("JIXIAO_RULES"):
        return Path(os.environ["JIXIAO_RULES"])
    here = Path("rules")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "rules"


def rules_dir(args) -> Path:
    """The rules folder a command reads: its RULES_DIR or --rules, else the default."""
    return Path(getattr(args, "rules_dir", None) or getattr(args, "rules", None) or default_rules_dir())


def rulebook_of(args) -> RuleBook:
    """The rule book of the command's rules folder (kept in the user's cache between runs: see
    jixiao.check.rulebook.cached_rulebook). Raises InputError with every problem in it."""
    return cached_rulebook(rules_dir(args))


def messages_in(args) -> str:
    """The language of problems and notes: --lang, else $JIXIAO_LANG (zh or en), else zh."""
    chosen = getattr(args, "lang", None) or os.environ.get("JIXIAO_LANG", "")
    return chosen if chosen in ("zh", "en") else "zh"

