"""Commands on cases: check (one case, or a folder of them), explain, report. Each prints what
the layers below return: jixiao.check.runs for a case with its earlier years,
jixiao.portfolio.run for a folder of cases, jixiao.report for every output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..authoring.lint import rule_by_id
from ..check.runs import CaseRun, check_one_case, check_with_history
from ..disk.atomic import check_apart
from ..disk.reading import enterable
from ..disk.refusals import os_problem
from ..load.case_folder import is_case_dir
from ..model.problems import InputError, Problem, did_you_mean
from ..portfolio.pages import overview_lines
from ..portfolio.run import check_portfolio
from ..report import formats
from ..report.files import output_names, refuse_writing_into_input, removed_note, write_outputs, write_report
from ..report.formats import Settings, Template
from ..report.labels import FIXED
from ..report.summary import row_line, run_lines
from .common import EXIT_INPUT, EXIT_OK, NOT_CHECKED, messages_in, rulebook_of, rules_dir


def cmd_check(args) -> int:
    enterable(args.facts_dir)  # (a folder jixiao may not look into is named, not a file in it)
    if not args.no_write:
        refuse_writing_into_input(args.out, args.facts_dir, rules_dir(args))
    rulebook = rulebook_of(args)
    if not Path(args.facts_dir).is_dir() or is_case_dir(args.facts_dir):
        run = check_with_history(args.facts_dir, rulebook)
        _say(run)
        removed: list[str] = []
        written = None if args.no_write else write_outputs(run.result, args.out, list(run.totals), removed)
        if removed:
            print(f"jixiao: {written}: {removed_note(removed)}", file=sys.stderr)
        if not args.quiet:
            sys.stdout.write(formats.render(args.format, run.result, Settings(history=run.totals, lang=args.lang or "zh")))
        if written is not None and args.format == "text" and not args.quiet:
            print("\n" + FIXED["written"].format(files=f"{written}{os.sep} — {', '.join(output_names())}"))
        return EXIT_MET if failed_on(run.result, args.fail_on) else EXIT_OK
    batch = args.jobs > 1 or args.scheduler is not None or args.summary_only
    portfolio = check_portfolio(args.facts_dir, rulebook, rules_dir(args).resolve(), jobs=args.jobs,
                                scheduler=args.scheduler, out=None if args.no_write else args.out,
                                case_files=not args.summary_only, progress=progress_bar if batch else None)
    if portfolio.runs is None:
        _print_batch(portfolio)
        if not args.no_write:
            written = portfolio.write(args.out)
            print(f"portfolio: {', '.join(str(p) for p in written)}", file=sys.stderr)
    else:
        _print_runs(args, portfolio.runs)
    return EXIT_INPUT if portfolio.failed else EXIT_OK


EXIT_MET = 3  # --fail-on: a condition the pipeline asked to fail on was met


def failed_on(result, conditions: list[str]) -> bool:
    """Whether a result meets one of --fail-on's conditions: a finding that deducts points, a
    provisional total, an integrity note."""
    met = {"deduction": any(f.deduction > 0 for f in result.findings), "provisional": result.scores.provisional,
           "integrity": bool(result.integrity)}
    return any(met[c] for c in conditions)


def _print_batch(portfolio) -> None:
    """A batch: a summary line per case, the overview, and where the portfolio files went."""
    rows = portfolio.rows
    print(f"{len(rows)} cases: {len(rows) - len(portfolio.failed)} checked, {len(portfolio.failed)} could not be checked")
    for row in rows:
        print(row_line(row))
    print("\n".join(overview_lines(portfolio.tables)))


def _print_runs(args, runs) -> None:
    """Cases checked in this process: the summary lines, then each case in the chosen format,
    then each case that could not be checked with its problems."""
    for run in runs:
        _say(run)
    output = formats.get(args.format)
    if output.many is not None:  # several cases as one document (a JSON array)
        sys.stdout.write(output.render_many([run.result for run in runs if run.result is not None], Settings()))
    else:
        if args.format == "text":
            for line in run_lines(runs):
                print(line)
        separator = "\n" + "=" * 72 + "\n" if args.format == "text" else "\n"
        for run in runs:
            if run.result is not None:
                sys.stdout.write(separator + output.render(run.result, Settings(history=run.totals)))
    for run in runs:
        if run.error is not None:
            count, lang = len(run.error.problems), messages_in(args)
            print(f"jixiao: {run.folder}: " + NOT_CHECKED[lang].format(n=count), file=sys.stderr)
            for problem in run.error.problems:
                print(f"  {problem.render(lang)}", file=sys.stderr)


def _say(run) -> None:
    """What the user should hear about a case beside its result (on stderr: stdout may be JSON):
    the files of its folder that were skipped, and earlier years not used."""
    for note in run.notes:
        print(f"jixiao: {note}", file=sys.stderr)
    case = run.result.case if run.result is not None else None
    if case is not None and case.skipped:
        print(f"jixiao: {case.directory}: " + FIXED["skipped"].format(n=len(case.skipped)), file=sys.stderr)
        for name, why in case.skipped.items():
            print(f"  {name} — {why}", file=sys.stderr)


def progress_bar(done: int, total: int, stream=None) -> None:
    """A batch's progress on stderr, redrawn about fifty times."""
    stream = stream or sys.stderr  # looked up now: the stream may have been replaced since import
    if done == total or done % max(1, total // 50) == 0:
        filled = int(30 * done / total)
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} cases")
        if done == total:
            stream.write("\n")
        stream.flush()


def cmd_explain(args) -> int:
    rulebook = rulebook_of(args)
    if args.rule:
        rule_by_id(rulebook, args.rule, applied=True)
    result = check_one_case(args.facts_dir, rulebook)  # this year alone, as the working paper shows it
    _say(CaseRun(Path(args.facts_dir), result))
    if args.indicator and args.indicator not in {leaf.id for leaf in result.scheme.leaves}:
        leaves = [leaf.id for leaf in result.scheme.leaves]
        raise InputError([Problem("--indicator", f"not a leaf of {result.scheme.id}{did_you_mean(args.indicator, leaves)}",
                                  found=args.indicator)])
    sys.stdout.write(formats.render("explain", result, Settings(rule=args.rule, indicator=args.indicator)))
    return EXIT_OK


def cmd_report(args) -> int:
    template = None
    enterable(args.facts_dir)
    if not args.no_write:
        refuse_writing_into_input(args.out, args.facts_dir, rules_dir(args))
    word = args.template is not None and args.template.suffix.lower() == ".docx"
    if args.template is not None:
        try:
            template = "" if word else args.template.read_text(encoding="utf-8")
            data = args.template.read_bytes() if word else b""
        except OSError as exc:
            raise InputError([os_problem(args.template, exc, reading=True)]) from None
        except UnicodeDecodeError:
            raise InputError([Problem(str(args.template), "cannot read the template: not UTF-8 text")]) from None
    run = check_with_history(args.facts_dir, rulebook_of(args))
    _say(run)
    result = run.result
    if template is not None and not args.no_write:  # the case's folder of results is replaced by `check`
        check_apart(args.out / result.case.case / str(result.case.year), [args.template])
    settings = Settings(lang=args.lang or "zh", history=run.totals,
                        template=Template(template, str(args.template), data) if template is not None else None)
    if word:  # a Word template: filled into <stem>.docx; nothing to print but where it went
        formats.rendered("docx-template", result, settings)  # its errors before anything is written
        if not args.no_write:
            written = write_report(result, args.out, ["docx-template"], settings)
            print(FIXED["written"].format(files=", ".join(str(p) for p in written)), file=sys.stderr)
        return EXIT_OK
    report = "template" if template is not None else "markdown"
    sys.stdout.write(formats.rendered(report, result, settings))
    if not args.no_write:
        written = write_report(result, args.out, [report, "html", "docx"], settings)  # the same report in Word
        print("\n" + FIXED["written"].format(files=", ".join(str(p) for p in written)), file=sys.stderr)
    return EXIT_OK
