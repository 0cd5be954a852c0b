"""Command line.

    jixiao check FACTS_DIR [--format text|json|markdown] [--out DIR]   score a case
    jixiao explain FACTS_DIR [--rule ID | --indicator ID]              the working paper
    jixiao report FACTS_DIR [--lang zh|en] [--template FILE]           the full report, or your template filled
    jixiao lint [RULES_DIR]                                            check rules without facts
    jixiao test [RULES_DIR]                                            run the rules' example cases
    jixiao coverage [RULES_DIR]                                        leaves, tests, cited clauses
    jixiao new rule ID --family F --scheme S --indicator X --table T   scaffold a rule and its tests

Exit codes: 0 done; 1 rule tests failed or an internal error; 2 bad input (rules, scheme
or facts), with every problem named.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from decimal import Decimal
from pathlib import Path

from .. import __version__
from ..disk.refusals import USER_FIXABLE, os_problem
from ..model.problems import InputError, OutputError, Problem
from ..portfolio import pool as batch
from ..report import html as html_out
from ..report import json as json_out
from ..report import markdown as markdown_out
from ..report import template as template_out

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


def default_rules_dir() -> Path:
    """--rules, else $JIXIAO_RULES, else ./rules, else the rules/ beside this package's source."""
    if os.environ.get("JIXIAO_RULES"):
        return Path(os.environ["JIXIAO_RULES"])
    here = Path("rules")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "rules"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description="财政项目支出绩效评价 rules-as-code checker")
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check a case (a fact folder with case.yaml)")
    check.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    check.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="what to print on stdout (default: text summary)")
    check.add_argument("--out", type=Path, default=Path("findings"),
                       help="where to write <case>/<year>/findings.json, scores.csv, report.md (default: findings)")
    check.add_argument("--no-write", action="store_true", help="print only; write no files")
    check.add_argument("--jobs", type=_jobs, default=1,
                       help="check a folder of cases in N worker processes (0: one per CPU core)")
    check.add_argument("--scheduler", default=None, help="run the batch on a Dask cluster at this address")
    check.add_argument("--summary-only", action="store_true",
                       help="with --jobs or --scheduler: write only the portfolio summary, not each case's files")
    _rules_option(check)

    explain = commands.add_parser("explain", help="the working paper (指标工作底稿) of a case")
    explain.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    which = explain.add_mutually_exclusive_group()
    which.add_argument("--rule", help="only this rule")
    which.add_argument("--indicator", help="only this indicator (leaf id, e.g. C121)")
    _rules_option(explain)

    for name, text in (("lint", "check every rule, scheme and table schema, without facts"),
                       ("test", "run every rule's example cases (rules/<family>/<id>.test.yaml)"),
                       ("coverage", "which leaves have rules, which rules have tests, which clauses are cited")):
        command = commands.add_parser(name, help=text)
        command.add_argument("rules_dir", type=Path, nargs="?", metavar="RULES_DIR",
                             help="rules folder (default: ./rules)")
        if name == "lint":
            command.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
        if name == "test":
            command.add_argument("--rule", help="only this rule's cases")

    report = commands.add_parser("report", help="the full report (or your own template, filled) of a case")
    report.add_argument("facts_dir", type=Path, metavar="FACTS_DIR")
    report.add_argument("--lang", choices=("zh", "en"), default="zh", help="report language (default: zh)")
    report.add_argument("--template", type=Path, help="your Markdown template with {{ placeholders }}")
    report.add_argument("--out", type=Path, default=Path("findings"),
                        help="where to write <case>/<year>/report[.en].md and .html (default: findings)")
    report.add_argument("--no-write", action="store_true", help="print only; write no files")
    _rules_option(report)

    synth = commands.add_parser("synth", help="write a synthetic portfolio of cases derived from the bundled ones")
    synth.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    synth.add_argument("--cases", type=int, required=True, help="how many cases")
    synth.add_argument("--seed", type=int, default=0, help="the same seed writes the same files (default 0)")
    synth.add_argument("--facts", type=Path, default=None, help="the bundled cases to vary (default: ./facts)")

    new = commands.add_parser("new", help="scaffold a new rule and its test file")
    new.add_argument("kind", choices=("rule",))
    new.add_argument("rule_id", metavar="ID", help="the rule id, e.g. service-report-metrics")
    new.add_argument("--family", required=True, help="rule family (a key of rules/families.yaml)")
    new.add_argument("--scheme", required=True, help="the scheme that will use it, e.g. shanghai-om-subsidy")
    new.add_argument("--indicator", required=True, help="the leaf of that scheme it will feed, e.g. B342")
    new.add_argument("--table", required=True, help="the fact table it reads (rules/tables/<table>.yaml)")
    new.add_argument("--year", type=int, default=datetime.date.today().year,
                     help="the year the rule takes effect (default: this year)")
    _rules_option(new)
    return parser


def _jobs(text: str) -> int:
    """--jobs: a number of worker processes; 0 means one per CPU core."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes (0 = one per CPU core), found {text!r}")
    return jobs or os.cpu_count() or 1


def _rules_option(command) -> None:
    command.add_argument("--rules", type=Path, default=None, help="rules folder (default: ./rules)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        _report_input_error(exc)
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
        # a refusal not met where it happened (e.g. the printed report going to a full disk)
        where = exc.filename
        if where is None:  # most likely standard output: what is still buffered for it cannot go anywhere
            where = "(standard output or a file the system did not name)"
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _report_input_error(OutputError([os_problem(where, exc, reading=False)]))
        return EXIT_INPUT
    except Exception as exc:  # an engine failure is not the user's fault: say so, briefly
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    print(f"jixiao: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    if os.environ.get("JIXIAO_DEBUG"):
        raise exc
    return EXIT_FAILED


def _rules_dir(args) -> Path:
    return Path(getattr(args, "rules_dir", None) or getattr(args, "rules", None) or default_rules_dir())


def _knowledge(args):
    from ..check.rulebook import load_rulebook
    return load_rulebook(_rules_dir(args))


def _refuse_writing_into_input(args) -> None:
    """--out must be apart from everything the command reads: the facts (a case's sibling years
    too) and the rules. Raises InputError naming both."""
    from ..disk.atomic import check_apart
    from ..load.case_folder import is_case_dir
    folder = Path(args.facts_dir)
    reads = [folder, _rules_dir(args)]
    if is_case_dir(folder):  # its earlier years are read too (year over year)
        try:
            reads += [p for p in folder.parent.iterdir() if p != folder and is_case_dir(p)]
        except OSError:
            pass  # reported when the years are listed
    check_apart(args.out, reads)


def _result(args, rulebook, previous=None):
    from ..check.case import check_case
    from ..check.findings import RuleError
    try:
        result = check_case(args.facts_dir, rulebook, previous=previous)
    except RuleError as exc:
        raise InputError([Problem(exc.file, exc.message)]) from None
    _note_skipped(result.case)
    return result


def _note_skipped(case) -> None:
    """Say which files of the case folder were not read, and why (on stderr: stdout may be JSON)."""
    if case.skipped:
        print(f"jixiao: {case.directory}: 已跳过 skipped {len(case.skipped)} file(s), not fact files:", file=sys.stderr)
        for name, why in case.skipped.items():
            print(f"  {name} — {why}", file=sys.stderr)


def _with_history(args, rulebook):
    """The case checked with the earlier years of the same case (sibling folders), so its
    findings are matched year over year; also [(year, total)] for the chart of totals."""
    from ..load.years import sibling_years
    folder = Path(args.facts_dir)
    refused: list = []
    years = sibling_years(folder, refused) if folder.is_dir() else {}
    for path in refused:
        print(f"jixiao: {path}: a link leading out of {folder.parent}: not read, not used for year-over-year",
              file=sys.stderr)
    previous, totals = None, []
    for year, path in years.items():
        if path.resolve() == folder.resolve():
            break
        try:
            previous = _result(argparse.Namespace(facts_dir=path), rulebook,
                               previous if previous is not None and previous.case.year == year - 1 else None)
            totals.append((year, previous.scores.total, previous.scores.provisional))
        except InputError as exc:
            print(f"jixiao: {path}: not used for year-over-year ({len(exc.problems)} problem(s))", file=sys.stderr)
            previous = None
    if previous is not None and previous.case.year != _year_of(years, folder) - 1:
        previous = None
    result = _result(args, rulebook, previous)
    return result, [*totals, (result.case.year, result.scores.total, result.scores.provisional)]


def _year_of(years: dict, folder: Path) -> int:
    return next((y for y, p in years.items() if p.resolve() == folder.resolve()), 0)


def cmd_check(args) -> int:
    from ..load.case_folder import find_cases, is_case_dir
    from ..report import FORMATS
    from ..report.files import write_outputs

    if not args.no_write:
        _refuse_writing_into_input(args)
    rulebook = _knowledge(args)
    if not Path(args.facts_dir).is_dir() or is_case_dir(args.facts_dir):
        result, totals = _with_history(args, rulebook)
        written = None if args.no_write else write_outputs(result, args.out, totals)
        sys.stdout.write(FORMATS[args.format](result))
        if written is not None and args.format == "text":
            print(f"\n已写入 written: {written}/findings.json, scores.csv, report.md")
        return EXIT_OK
    refused: list = []  # links leading out of FACTS_DIR: reported, not followed
    folders = find_cases(args.facts_dir, refused)
    if not folders:
        raise InputError([Problem(str(args.facts_dir), "no case folder (with case.yaml) here or below"), *refused])
    batch = args.jobs > 1 or args.scheduler
    if not batch or not (args.no_write or args.summary_only):  # each case's files are written from its id
        _refuse_duplicates(folders)
    if not args.no_write:
        from ..disk.atomic import probe
        probe(args.out)  # a folder that cannot be written is said once, before any case is checked
    if batch:
        return _check_batch(args, folders, rulebook, refused)
    return _check_many(args, rulebook, folders, refused)


def _refuse_duplicates(folders: list[Path], rows: list[dict] | None = None) -> None:
    """Two folders that declare the same case and year (a copied folder whose case.yaml was not
    changed) would write over each other's results: InputError naming both. From the summary
    rows when the batch has them (it read every case.yaml), else from each folder's case.yaml."""
    from ..load.years import case_and_year, duplicate
    seen: dict[tuple, Path] = {}
    problems = []
    keys = ([(Path(r["folder"]), (r["case"], r["year"])) for r in rows if not r.get("error")] if rows is not None
            else [(folder, case_and_year(folder)) for folder in folders])
    for folder, key in keys:
        if key is None:
            continue  # a broken case.yaml: reported when the case is checked
        if key in seen:
            problems.append(duplicate(folder, seen[key], key))
        else:
            seen[key] = folder
    if problems:
        raise InputError(problems)


def _check_batch(args, folders, rulebook, refused=()) -> int:
    """A portfolio in worker processes (or on a Dask cluster): a summary line per case, and the
    portfolio summary as CSV, HTML and Excel."""
    from ..report.files import write_portfolio

    rules_dir = Path(args.rules or default_rules_dir()).resolve()
    out = None if (args.no_write or args.summary_only) else args.out
    if args.scheduler:
        rows = batch.run_on_dask(folders, rules_dir, out, args.scheduler, batch.progress_bar)
    else:
        rows = batch.run(folders, rules_dir, args.jobs, out, batch.progress_bar, rulebook)
    _refuse_duplicates(folders, rows)  # (without the cases' own files, nothing was written yet)
    rows += [{"folder": problem.file, "error": str(problem)} for problem in refused]
    failed = [row for row in rows if row.get("error")]
    print(f"{len(rows)} cases: {len(rows) - len(failed)} checked, {len(failed)} could not be checked")
    for row in rows:
        if row.get("error"):
            print(f"  {row['folder']}: ERROR {row['error']}")
        else:
            print(case_line(row["case"], row["year"], row["scheme"], Decimal(row["total"]), row["grade"],
                            row["provisional"], row["findings"], row["cannot_assess"]))
    from ..portfolio.pages import overview, overview_lines
    tables = overview(rows)  # once: printed here, and at the top of the HTML page and workbook
    print("\n".join(overview_lines(tables)))
    if not args.no_write:
        written = write_portfolio(rows, args.out, tables)
        print(f"portfolio: {', '.join(str(p) for p in written)}", file=sys.stderr)
    return EXIT_INPUT if failed else EXIT_OK


def _check_many(args, rulebook, folders, refused=()) -> int:
    """Check every case; a broken one is reported and the others still complete."""
    from ..report import FORMATS
    from ..report.files import write_outputs

    outcomes, done = [], {}
    for folder in folders:
        args.facts_dir = folder
        try:
            previous = _previous_of(folder, done)
            result = _result(args, rulebook, previous)
        except InputError as exc:
            outcomes.append((folder, None, exc))
            continue
        done[(result.case.case, result.case.year)] = result
        if not args.no_write:
            totals = sorted((y, r.scores.total, r.scores.provisional) for (c, y), r in done.items()
                            if c == result.case.case)
            write_outputs(result, args.out, totals)
        outcomes.append((folder, result, None))
    outcomes += [(Path(problem.file), None, InputError([problem])) for problem in refused]
    if args.format == "json":
        import json
        results = [json_out.to_dict(r) for _, r, _ in outcomes if r is not None]
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        if args.format == "text":
            for line in summary_lines(outcomes):
                print(line)
        separator = "\n" + "=" * 72 + "\n" if args.format == "text" else "\n"
        for _, result, _ in outcomes:
            if result is not None:
                sys.stdout.write(separator + FORMATS[args.format](result))
    for folder, _, error in outcomes:
        if error is not None:
            print(f"jixiao: {folder}: {len(error.problems)} problem(s); this case was not checked:", file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
    return EXIT_INPUT if any(error for _, _, error in outcomes) else EXIT_OK


def _previous_of(folder: Path, done: dict):
    """Last year's result of the same case, when it was checked earlier in this run."""
    from ..load.years import sibling_years
    years = sibling_years(folder)
    year = _year_of(years, folder)
    found = [r for (case, y), r in done.items() if y == year - 1 and years.get(y) is not None
             and Path(years[y]).resolve() == Path(r.case.directory).resolve()]
    return found[0] if found else None


def summary_lines(outcomes) -> list[str]:
    """One line per case: case, year, scheme, total, grade, findings — or the error."""
    from ..report.common import pad
    lines = [f"{len(outcomes)} cases:"]
    for folder, result, error in outcomes:
        if result is None:
            lines.append(f"  {pad(str(folder), 40)} ERROR: {len(error.problems)} problem(s), see below")
            continue
        scores = result.scores
        lines.append(case_line(result.case.case, result.case.year, result.scheme.id, scores.total, scores.grade,
                               scores.provisional, len(result.findings), len(scores.unassessed)))
    return lines


def case_line(case: str, year: int, scheme: str, total: Decimal, grade: str, provisional: bool, findings: int,
              cannot_assess: int) -> str:
    """One checked case in a run over many: the same line for one process or many."""
    from ..report.common import pad, points
    grade += "（暂定）" if provisional else ""
    return (f"  {pad(case, 28)} {year}  {pad(scheme, 26)} {points(total):>6}  {pad(grade, 6)} {findings} findings"
            + (f", {cannot_assess} cannot assess" if provisional else ""))


def cmd_explain(args) -> int:
    from ..authoring.lint import rule_by_id
    from ..report.explain import working_paper

    rulebook = _knowledge(args)
    if args.rule:
        rule_by_id(rulebook, args.rule)
    result = _result(args, rulebook)
    if args.indicator and args.indicator not in {leaf.id for leaf in result.scheme.leaves}:
        from ..model.problems import did_you_mean
        leaves = [leaf.id for leaf in result.scheme.leaves]
        raise InputError([Problem("--indicator", f"not a leaf of {result.scheme.id}{did_you_mean(args.indicator, leaves)}",
                                  found=args.indicator)])
    sys.stdout.write(working_paper(result, args.rule, args.indicator))
    return EXIT_OK


def cmd_report(args) -> int:
    from ..report.files import write_report

    template = None
    if not args.no_write:
        _refuse_writing_into_input(args)
    if args.template is not None:
        try:
            template = args.template.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError([os_problem(args.template, exc, reading=True)]) from None
        except UnicodeDecodeError:
            raise InputError([Problem(str(args.template), "cannot read the template: not UTF-8 text")]) from None
    result, totals = _with_history(args, _knowledge(args))
    if template is not None and not args.no_write:  # the case's folder of results is replaced by `check`
        from ..disk.atomic import check_apart
        check_apart(args.out / result.case.case / str(result.case.year), [args.template])
    if template is not None:
        text = template_out.fill(template, result, str(args.template), args.lang)
        stem = args.template.stem
    else:
        text = markdown_out.render(result, args.lang)
        stem = "report" if args.lang == "zh" else f"report.{args.lang}"
    sys.stdout.write(text)
    if not args.no_write:
        html = html_out.page(text, result, args.lang, totals)
        written = write_report(result, args.out, {f"{stem}.md": text, f"{stem}.html": html})
        print(f"\n已写入 written: {', '.join(str(p) for p in written)}", file=sys.stderr)
    return EXIT_OK


def cmd_synth(args) -> int:
    from ..authoring.synth import synthesize
    from ..disk.atomic import check_apart
    from ..load.case_folder import find_cases

    facts = args.facts or default_rules_dir().parent / "facts"
    check_apart(args.out_dir, [facts], option="OUT_DIR")
    bundled = [folder for folder in find_cases(facts) if sum(1 for _ in folder.iterdir()) > 5]
    if not bundled:
        raise InputError([Problem(str(facts), "no complete case to vary (a folder with case.yaml and facts)")])
    if args.cases < 1:
        raise InputError([Problem("--cases", "must be at least 1", found=args.cases)])
    written = synthesize(bundled, args.out_dir, args.cases, args.seed)
    print(f"wrote {len(written)} cases under {args.out_dir} (seed {args.seed}, from "
          f"{', '.join(str(b) for b in bundled)})")
    return EXIT_OK


def cmd_lint(args) -> int:
    from ..authoring.lint import lint_warnings
    from ..authoring.ruletests import load_rule_tests

    rulebook = _knowledge(args)
    tests = load_rule_tests(rulebook)
    warnings = lint_warnings(rulebook, tests)
    for warning in warnings:
        print(f"warning: {warning}")
    print(f"jixiao lint: {len(rulebook.rules)} rules, {len(rulebook.schemes)} scheme(s), "
          f"{len(rulebook.schemas.tables)} fact tables, {sum(map(len, tests.values()))} rule test cases: "
          f"no errors, {len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
    return EXIT_FAILED if warnings and args.strict else EXIT_OK


def cmd_test(args) -> int:
    from ..authoring.lint import run_all_tests
    from ..authoring.ruletests import load_rule_tests, outcome_lines

    rulebook = _knowledge(args)
    tests = load_rule_tests(rulebook)
    if args.rule:
        from ..authoring.lint import rule_by_id
        rule_by_id(rulebook, args.rule)
        tests = {args.rule: tests.get(args.rule, [])}
    outcomes = run_all_tests(rulebook, tests)
    for outcome in outcomes:
        print("\n".join(outcome_lines(outcome)))
    scope = [args.rule] if args.rule else [r.id for r in rulebook.rules]
    untested = sorted(rule for rule in scope if not tests.get(rule))
    for rule in untested:
        print(f"NONE  {rule} › no test cases")
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes)} case(s) of {len(scope) - len(untested)} rule(s); {len(untested)} rule(s) without tests")
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_coverage(args) -> int:
    from ..authoring.lint import coverage, render_coverage
    from ..authoring.ruletests import load_rule_tests

    rulebook = _knowledge(args)
    sys.stdout.write(render_coverage(coverage(rulebook, load_rule_tests(rulebook)), rulebook))
    return EXIT_OK


def cmd_new(args) -> int:
    from ..authoring.lint import new_rule

    rulebook = _knowledge(args)
    paths = new_rule(rulebook, args.rule_id, args.family, args.scheme, args.indicator, args.table, args.year)
    for path in paths:
        print(f"created {path}")
    print(f"next: fill in every TODO; add {args.rule_id} to the rules of {args.indicator} in "
          f"{rulebook.schemes[args.scheme].file}; then run `jixiao lint` and `jixiao test`")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "explain": cmd_explain, "report": cmd_report, "lint": cmd_lint, "test": cmd_test,
            "coverage": cmd_coverage, "new": cmd_new, "synth": cmd_synth}


def _report_input_error(exc: InputError) -> None:
    count = len(exc.problems)
    problems = f"{count} problem{'s' if count != 1 else ''}"
    if isinstance(exc, OutputError):
        print(f"jixiao: {problems} writing the results; the previous results were left as they were:", file=sys.stderr)
    else:
        print(f"jixiao: {problems} in the input; nothing was done:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
