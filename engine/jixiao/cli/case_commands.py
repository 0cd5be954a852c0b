"""Commands on cases: check (one case, or a folder of them), explain, report. Each parses
nothing more and decides nothing more than what to print: jixiao.portfolio.plan checks a path
(one case with its earlier years, or a folder of cases), jixiao.report.summary words what is
said beside the results, jixiao.report renders every output."""

from __future__ import annotations

import sys
from pathlib import Path

from ..check.runs import CaseRun, check_one_case, check_with_history, meets
from ..disk.reading import enterable
from ..portfolio.plan import BATCH, CASE, check, removed_line
from ..report import formats
from ..report.formats import Settings
from ..report.labels import FIXED, get
from ..report.summary import not_checked_lines, note_lines, runs_document, written_lines
from .common import EXIT_INPUT, EXIT_OK, messages_in, rulebook_of, rules_dir

EXIT_MET = 3  # --fail-on: a condition the pipeline asked to fail on was met


def cmd_check(args) -> int:
    enterable(args.facts_dir)  # (a folder jixiao may not look into is named, not a file in it)
    if not args.no_write:
        from ..report.files import refuse_writing_into_input  # writing's own: imported here for start-up time
        refuse_writing_into_input(args.out, args.facts_dir, rules_dir(args))
    rulebook = rulebook_of(args)
    checked = check(args.facts_dir, rulebook, rules_dir(args).resolve(), jobs=args.jobs, scheduler=args.scheduler,
                    out=None if args.no_write else args.out, case_files=not args.summary_only,
                    progress=None if args.quiet else lambda done, total: progress_bar(done, total, lang=args.lang or "zh"),
                    heard=lambda heard: _heard(args, heard), only=args.outputs,
                    lang=args.lang or "zh", messages=messages_in(args))
    if checked.mode == CASE:
        run = checked.runs[0]
        if checked.removed:
            print(f"jixiao: {removed_line(checked.written[0][0], checked.removed)}", file=sys.stderr)
        if not args.quiet:
            sys.stdout.write(formats.render(args.format, run.result, Settings(history=run.totals,
                                                                               lang=args.lang or "zh")))
    if checked.written and not args.quiet and (args.format == "text" or checked.mode == BATCH):
        print("\n" + "\n".join(written_lines(checked.written)))  # every file written (a manifest.json lists them too)
    if checked.mode == CASE:
        return EXIT_MET if meets(checked.runs[0].result, args.fail_on) else EXIT_OK
    return EXIT_INPUT if checked.failed else EXIT_OK


def _heard(args, checked) -> None:
    """What is said before the last files are written: of one case, its notes; of a folder
    checked in this process, each case's notes, the cases in the chosen format and the cases
    that could not be checked; of a batch, its summary lines."""
    if checked.mode == CASE:
        _say(checked.runs[0], args)
    elif checked.runs is None:
        from ..portfolio.pages import batch_lines  # a batch's only: imported here for start-up time
        from ..report.summary import row_line
        if args.quiet:  # (-q: nothing on success; a case that could not be checked is still said, on stderr)
            for row in checked.portfolio.failed:
                print(row_line(row, args.lang or "zh"), file=sys.stderr)
        else:
            print("\n".join(batch_lines(checked.portfolio.rows, checked.portfolio.tables, args.lang or "zh")))
    else:
        for run in checked.runs:
            _say(run, args)
        if not args.quiet:
            sys.stdout.write(runs_document(args.format, checked.runs, args.lang or "zh"))
        for run in checked.runs:
            for line in not_checked_lines(run, messages_in(args)):
                print(line, file=sys.stderr)


def _say(run, args) -> None:
    for line in note_lines(run, messages_in(args)):
        print(line, file=sys.stderr)


def progress_bar(done: int, total: int, stream=None, lang: str = "zh") -> None:
    """A batch's progress on stderr, redrawn about fifty times; its count in `lang`."""
    stream = stream or sys.stderr  # looked up now: the stream may have been replaced since import
    if done == total or done % max(1, total // 50) == 0:
        filled = int(30 * done / total)
        count = get(lang)["portfolio"]["progress"].format(done=done, total=total)
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {count}")
        if done == total:
            stream.write("\n")
        stream.flush()


def cmd_explain(args) -> int:
    # explain's own: imported here, so that `check` does not load them (start-up time)
    from ..authoring.lint import rule_by_id
    from ..report.explain import refuse_unknown_indicator

    rulebook = rulebook_of(args)
    if args.rule:
        rule_by_id(rulebook, args.rule, applied=True)
    result = check_one_case(args.facts_dir, rulebook)  # this year alone, as the working paper shows it
    _say(CaseRun(Path(args.facts_dir), result), args)
    refuse_unknown_indicator(result, args.indicator)
    sys.stdout.write(formats.render("explain", result, Settings(rule=args.rule, indicator=args.indicator,
                                                                lang=args.lang or "zh")))
    return EXIT_OK


def cmd_report(args) -> int:
    from ..disk.atomic import check_apart  # report's own: imported here for start-up time
    from ..report.files import refuse_writing_into_input, report_formats, write_report
    from ..report.template import read_template

    enterable(args.facts_dir)
    if not args.no_write:
        refuse_writing_into_input(args.out, args.facts_dir, rules_dir(args))
    template = read_template(args.template) if args.template is not None else None
    run = check_with_history(args.facts_dir, rulebook_of(args))
    _say(run, args)
    result = run.result
    if template is not None and not args.no_write:  # the case's folder of results is replaced by `check`
        check_apart(args.out / result.case.case / str(result.case.year), [args.template])
    settings = Settings(lang=args.lang or "zh", history=run.totals, template=template)
    printed, names = report_formats(template)
    text = formats.rendered(printed or names[0], result, settings)  # its errors before anything is written
    if printed is not None:
        sys.stdout.write(text)
    if not args.no_write:
        written = write_report(result, args.out, names, settings)
        print(("" if printed is None else "\n") + FIXED["written"].format(files=", ".join(str(p) for p in written)),
              file=sys.stderr)
    return EXIT_OK
