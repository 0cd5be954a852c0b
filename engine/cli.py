"""Command line: `jixiao check FACTS_DIR [--format text|json|markdown] [--out DIR]`.

Exit codes: 0 the check ran; 2 bad input (rules, scheme or facts), with every problem
named; 1 an internal failure of the engine.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import InputError

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


def default_rules_dir() -> Path:
    """--rules, else $JIXIAO_RULES, else ./rules, else the rules/ beside this package's source."""
    if os.environ.get("JIXIAO_RULES"):
        return Path(os.environ["JIXIAO_RULES"])
    here = Path("rules")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parent.parent / "rules"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description="财政项目支出绩效评价 rules-as-code checker")
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check one case (a fact folder with case.yaml)")
    check.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    check.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="what to print on stdout (default: text summary)")
    check.add_argument("--out", type=Path, default=Path("findings"),
                       help="where to write <case>/<year>/findings.json, scores.csv, report.md (default: findings)")
    check.add_argument("--no-write", action="store_true", help="print only; write no files")
    check.add_argument("--rules", type=Path, default=None, help="rules folder (default: ./rules)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _check(args)
    except InputError as exc:
        _report_input_error(exc)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("jixiao: interrupted; no output was written", file=sys.stderr)
        return 130
    except Exception as exc:  # an engine failure is not the user's fault: say so, briefly
        print(f"jixiao: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        return EXIT_INTERNAL


def _check(args) -> int:
    from .check import check_case, load_knowledge
    from .findings import RuleError
    from .output import write_outputs
    from .render import FORMATS

    knowledge = load_knowledge(args.rules or default_rules_dir())
    try:
        result = check_case(args.facts_dir, knowledge)
    except RuleError as exc:
        raise InputError([_as_problem(exc)]) from None
    written = None if args.no_write else write_outputs(result, args.out)
    sys.stdout.write(FORMATS[args.format](result))
    if written is not None and args.format == "text":
        print(f"\n已写入 written: {written}/findings.json, scores.csv, report.md")
    return EXIT_OK


def _as_problem(exc: Exception):
    from .errors import Problem
    file, _, message = str(exc).partition(": ")
    return Problem(file, message)


def _report_input_error(exc: InputError) -> None:
    count = len(exc.problems)
    print(f"jixiao: {count} problem{'s' if count != 1 else ''} in the input; nothing was checked:",
          file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
