"""Command line: `jixiao COMMAND …`. This module parses the arguments, runs the command and
turns what went wrong into an exit status and a message; the commands themselves print what
the layers below return (jixiao.cli.case_commands, jixiao.cli.rule_commands).

    jixiao check FACTS_DIR [--format FORMAT] [--out DIR]               score a case (or a folder of cases)
    jixiao explain FACTS_DIR [--rule ID | --indicator ID]              the working paper
    jixiao report FACTS_DIR [--lang zh|en] [--template FILE]           the full report, or your template filled
    jixiao lint [RULES_DIR]                                            check rules without facts
    jixiao test [RULES_DIR]                                            run the rules' example cases
    jixiao coverage [RULES_DIR]                                        leaves, tests, cited clauses
    jixiao new rule ID --family F --scheme S --indicator X --table T   scaffold a rule and its tests
    jixiao new scheme ID --name N --leaf ID:名称:WEIGHT:RULE …        scaffold a scheme from leaves and rules
    jixiao synth OUT_DIR --cases N | --forms N                         a synthetic portfolio
    jixiao template SCHEME FILE.xlsx [--case FOLDER]                   the data-collection workbook (基础数据表)
    jixiao new case ID YEAR --scheme S                                 a case folder: case.yaml and the workbook
    jixiao next-year FOLDER                                            next year's folder of a case from this year's

Exit codes: 0 done; 1 rule tests failed or an internal error; 2 bad input (rules, scheme
or facts) or results that could not be written, with every problem named.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import logging
import os
import sys
from pathlib import Path

from ..disk.refusals import USER_FIXABLE, os_problem
from ..model.messages import Message
from ..model.problems import InputError, OutputError
from ..report import formats
from ..report.formats import OUTPUT_ALIASES
from ..report.help_labels import HELP
from ..version import __version__
from .common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, messages_in

# Each command's module (jixiao.cli.<module>) and function. A module is imported only when its
# command runs, for start-up time: `check` need not load the authoring tools, nor `lint` the
# batch machinery.
COMMANDS = {"check": ("case_commands", "cmd_check"), "explain": ("case_commands", "cmd_explain"),
            "report": ("case_commands", "cmd_report"), "synth": ("rule_commands", "cmd_synth"),
            "lint": ("rule_commands", "cmd_lint"), "test": ("rule_commands", "cmd_test"),
            "coverage": ("rule_commands", "cmd_coverage"), "new": ("rule_commands", "cmd_new"),
            "template": ("data_commands", "cmd_template"), "next-year": ("data_commands", "cmd_next_year")}


def command(name: str):
    """The function that runs command `name` (its module imported now)."""
    module, function = COMMANDS[name]
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, a command's name, the other commands are listed
    (`jixiao --help`, a misspelt command) but their arguments not built, for start-up time."""
    skip = {name: only is not None and name != only for name in COMMANDS}
    parser = argparse.ArgumentParser(prog="jixiao", description=HELP["description"])
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = _command(commands, "check", skip["check"], "check a case (a fact folder with case.yaml)",
                     "jixiao check facts/shanghai-single-window/2017",
                     "jixiao check facts/shanghai-single-window/2017 -o json --fail-on deduction",
                     "jixiao check facts --jobs 0")
    check.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    check.add_argument("-o", "--output", "--format", dest="format", choices=formats.printable(), default="text",
                       help="what to print on stdout (default: text summary)")
    check.add_argument("--fail-on", choices=("deduction", "provisional", "integrity"), action="append", default=[],
                       help="exit 3 when a finding deducts points, the total is provisional, or an integrity note "
                            "is raised (for pipelines; may be repeated)")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing on success (the exit status says it)")
    check.add_argument("--out", type=Path, default=Path("findings"),
                       help="where to write <case>/<year>/: findings.json, scores.csv, report.md, .html, .xlsx, "
                            ".docx and manifest.json (default: findings)")
    check.add_argument("--outputs", type=_outputs, default=None, metavar="md,html,xlsx,docx,json,scores",
                       help="write only these of each case's files (default: all; manifest.json always, listing "
                            "them); names: " + ", ".join(OUTPUT_ALIASES))
    check.add_argument("--no-write", action="store_true", help="print only; write no files")
    check.add_argument("--jobs", type=_jobs, default=1,
                       help="check a folder of cases in N worker processes (0: one per CPU core)")
    check.add_argument("--scheduler", default=None, help="run the batch on a Dask cluster at this address")
    check.add_argument("--summary-only", action="store_true",
                       help="with --jobs or --scheduler: write only the portfolio summary, not each case's files")
    _rules_option(check)

    explain = _command(commands, "explain", skip["explain"], HELP["explain"],
                       "jixiao explain facts/shanghai-single-window/2017 --indicator C121",
                       "jixiao explain facts/shanghai-single-window/2017 --rule tranche-deadline")
    explain.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    which = explain.add_mutually_exclusive_group()
    which.add_argument("--rule", help="only this rule")
    which.add_argument("--indicator", help="only this indicator (leaf id, e.g. C121)")
    _rules_option(explain)

    for name, text, examples in (
            ("lint", "check every rule, scheme and table schema, without facts", ("jixiao lint", "jixiao lint rules --strict")),
            ("test", "run every rule's example cases (rules/<family>/<id>.test.yaml)",
             ("jixiao test", "jixiao test --rule tranche-deadline")),
            ("coverage", "which leaves have rules, which rules have tests, which clauses are cited",
             ("jixiao coverage", "jixiao coverage rules"))):
        command = _command(commands, name, skip[name], text, *examples)
        command.add_argument("rules_dir", type=Path, nargs="?", metavar="RULES_DIR",
                             help=f"rules folder (default: {RULES_DEFAULT})")
        if name == "lint":
            command.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
        if name == "test":
            command.add_argument("--rule", help="only this rule's cases")
        _lang_option(command)

    report = _command(commands, "report", skip["report"], "the full report (or your own template, filled) of a case",
                      "jixiao report facts/shanghai-single-window/2017",
                      "jixiao report facts/shanghai-single-window/2017 --lang en --template 我的模板.md")
    report.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    report.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="report and message language (default: zh; messages: $JIXIAO_LANG, else zh)")
    report.add_argument("--template", type=Path, help="your template with {{ placeholders }}: Markdown (.md), or "
                        "Word (.docx, filled into <name>.docx)")
    report.add_argument("--out", type=Path, default=Path("findings"),
                        help="where to write <case>/<year>/report[.en].md, .html and .docx (default: findings)")
    report.add_argument("--no-write", action="store_true", help="print only; write no files")
    _rules_option(report)

    synth = _command(commands, "synth", skip["synth"], "write a synthetic portfolio: cases derived from the bundled ones, or "
                     "self-evaluation forms with realistic slips",
                     "jixiao synth /tmp/portfolio --cases 300 --seed 7",
                     "jixiao synth /tmp/forms --forms 1000 --seed 7 [--per-folder 5] [--layout mixed]")
    synth.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    what = synth.add_mutually_exclusive_group(required=True)
    what.add_argument("--cases", type=int, help="how many cases")
    what.add_argument("--forms", type=int, help=HELP["synth_forms"])
    synth.add_argument("--per-folder", type=int, default=1, help="forms: how many to a case folder (default 1)")
    synth.add_argument("--layout", default="national", choices=["national", "yunnan-split", "mixed"],
                       help="forms: the layout written (default national; mixed: either, at random)")
    synth.add_argument("--seed", type=int, default=0, help="the same seed writes the same files (default 0)")
    synth.add_argument("--facts", type=Path, default=None, help="the bundled cases to vary (default: ./facts)")
    _lang_option(synth)

    template = _command(commands, "template", skip["template"], HELP["template"],
                        "jixiao template shanghai-om-subsidy 基础数据表.xlsx",
                        "jixiao template shanghai-om-subsidy 2017-filled.xlsx --case facts/shanghai-single-window/2017")
    template.add_argument("scheme", metavar="SCHEME", help="the scheme, e.g. shanghai-om-subsidy")
    template.add_argument("file", type=Path, metavar="FILE.xlsx", help="the workbook to write (a new file)")
    template.add_argument("--case", type=Path, default=None, metavar="FOLDER",
                          help="fill in the facts of this case folder (and use its year)")
    template.add_argument("--year", type=int, default=None,
                          help="only the tables of the rules in force this year (default: the case's, else every rule)")
    _rules_option(template)

    next_year = _command(commands, "next-year", skip["next-year"], "write next year's folder of a case from this year's",
                         "jixiao next-year facts/shanghai-single-window/2017   # writes facts/shanghai-single-window/2018")
    next_year.add_argument("folder", type=Path, metavar="FOLDER", help="this year's case folder")
    _rules_option(next_year)

    new = _command(commands, "new", skip["new"], "scaffold a new rule and its test file, a new scheme, or a new case folder",
                   "jixiao new case renovation-east 2024 --scheme school-renovation",
                   "jixiao new rule service-report-metrics --family management --scheme shanghai-om-subsidy "
                   "--indicator B342 --table observations")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    case = _command(kinds, "case", skip["new"], HELP["new_case"],
                    "jixiao new case renovation-east 2024 --scheme school-renovation   # writes facts/renovation-east/2024",
                    "jixiao new case renovation-east 2024 --scheme school-renovation --facts 案例")
    case.add_argument("case_id", metavar="ID", help="the case id (names its folders), e.g. renovation-east")
    case.add_argument("year", type=int, metavar="YEAR", help="the year evaluated, e.g. 2024")
    case.add_argument("--scheme", required=True, help="the scheme that scores it, e.g. school-renovation")
    case.add_argument("--facts", type=Path, default=Path("facts"),
                      help="the folder of cases to write it in (default: facts): FACTS/ID/YEAR/")
    _rules_option(case)
    rule = _command(kinds, "rule", skip["new"], "a rule and its test file, to fill in",
                    "jixiao new rule service-report-metrics --family management --scheme shanghai-om-subsidy "
                    "--indicator B342 --table observations --year 2017")
    rule.add_argument("rule_id", metavar="ID", help="the rule id, e.g. service-report-metrics")
    rule.add_argument("--family", required=True, help="rule family (a key of rules/families.yaml)")
    rule.add_argument("--scheme", required=True, help="the scheme that will use it, e.g. shanghai-om-subsidy")
    rule.add_argument("--indicator", required=True, help="the leaf of that scheme it will feed, e.g. B342")
    rule.add_argument("--table", required=True, help="the fact table it reads (rules/tables/<table>.yaml)")
    rule.add_argument("--year", type=int, default=datetime.date.today().year,
                      help="the year the rule takes effect (default: this year)")
    _rules_option(rule)
    scheme = _command(kinds, "scheme", skip["new"], "an indicator tree from a list of leaves and the rules that score them",
                      "jixiao new scheme renovation-self-check --name 校舍改造项目自评指标 "
                      "--leaf B1:预算执行率:10:budget-execution --leaf C1:项目完成率:20:completion-rate",
                      "jixiao new scheme renovation-self-check --name 校舍改造项目自评指标 --leaves leaves.csv")
    scheme.add_argument("scheme_id", metavar="ID", help="the scheme id, e.g. renovation-self-check")
    scheme.add_argument("--name", required=True, help="the scheme's name, e.g. 校舍改造项目绩效评价指标体系")
    scheme.add_argument("--source", default="", help="where the indicators come from (default: the name)")
    scheme.add_argument("--leaf", action="append", default=[], metavar="ID:名称:WEIGHT:RULE",
                        help="a leaf and the rule(s) that score it (several joined by +); repeat for each leaf")
    scheme.add_argument("--leaves", type=Path, default=None, metavar="FILE",
                        help="the leaves from a .csv or .yaml file: id, name, weight, rule (and parent, parent_name)")
    _rules_option(scheme)
    return parser


def _command(commands, name: str, skip: bool, text: str, *examples: str) -> argparse.ArgumentParser:
    """A command whose --help ends with examples, and takes -v/--verbose; when `skip`, only listed
    (its arguments are not built: _Unbuilt)."""
    if skip:
        commands.add_parser(name, help=text)
        return _Unbuilt()
    command = commands.add_parser(name, help=text, description=text,
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  epilog=("example:" if len(examples) == 1 else "examples:") + "".join(
                                      f"\n  {example}" for example in examples))
    command.add_argument("-v", "--verbose", action="store_true",
                         help="also say, on stderr, each fact file read and how long it took, the scheme and the rules "
                              "in force for each case, and how long each case took")
    return command


class _Unbuilt:
    """Stands for the parser of a command that is not running: what is added to it is dropped."""

    _actions: list = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self


RULES_DEFAULT = "$JIXIAO_RULES, else ./rules, else the rules/ of the source tree jixiao was installed from"


def _jobs(text: str) -> int:
    """--jobs: a number of worker processes; 0 means one per CPU core."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes (0 = one per CPU core), found {text!r}")
    return jobs or os.cpu_count() or 1


def _outputs(text: str) -> tuple[str, ...]:
    """--outputs: the case files chosen (format names); an unknown name is refused (exit 2)."""
    from ..report.files import select_outputs  # writing's own (atomic writes, shutil): for start-up time

    try:
        return select_outputs(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _rules_option(command) -> None:
    command.add_argument("--rules", type=Path, default=None, help=f"rules folder (default: {RULES_DEFAULT})")
    _lang_option(command)


def _lang_option(command) -> None:
    """--lang: the language of problems and notes (and, where a command writes a report, of the report)."""
    if not any("--lang" in action.option_strings for action in command._actions):
        command.add_argument("--lang", choices=("zh", "en"), default=None,
                             help="messages in Chinese (zh) or English (en); default: $JIXIAO_LANG, else zh")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    lang = messages_in(args)
    with _verbose(getattr(args, "verbose", False)):
        return _run(args, lang)


@contextlib.contextmanager
def _verbose(on: bool):
    """-v: jixiao's log lines (load: each file read; check: the rules in force, each case's time)
    on stderr, for the command's run only."""
    if not on:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("jixiao: %(message)s"))
    log = logging.getLogger("jixiao")
    level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def _run(args, lang: str) -> int:
    try:
        return command(args.command)(args)
    except InputError as exc:
        _report_input_error(exc, lang)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("jixiao: interrupted; no output was written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `jixiao check facts | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        if exc.errno not in USER_FIXABLE:
            return _internal_error(exc)
        # a refusal not met where it happened. Every file jixiao writes is named where it is
        # written (jixiao.disk.atomic), so one with a path is a file or folder being read, and
        # one without is most likely standard output (the printed report going to a full disk)
        if exc.filename is not None:
            _report_input_error(InputError([os_problem(exc.filename, exc, reading=True)]), lang)
            return EXIT_INPUT
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is buffered for it cannot go anywhere
        _report_input_error(OutputError([os_problem("(standard output or a file the system did not name)", exc,
                                                    reading=False)]), lang)
        return EXIT_INPUT
    except Exception as exc:  # an engine failure is not the user's fault: say so, briefly
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    print(f"jixiao: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    if os.environ.get("JIXIAO_DEBUG"):
        raise exc
    return EXIT_FAILED


def _report_input_error(exc: InputError, lang: str = "zh") -> None:
    count = len(exc.problems)
    key = f"cli.{'output' if isinstance(exc, OutputError) else 'input'}_problem{'s' if count != 1 else ''}"
    print(Message(key, {"count": count}).render(lang), file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem.render(lang)}", file=sys.stderr)
