"""jixiao: rules-as-code compliance checker for fiscal project performance evaluation
(财政项目支出绩效评价).

From Python::

    import jixiao
    rulebook = jixiao.load_rulebook("rules")
    result = jixiao.check_case("facts/shanghai-single-window/2017", rulebook)
    result.scores.total, result.scores.grade          # a Decimal (points), the grade's name
    jixiao.write_outputs(result, "findings")
    portfolio = jixiao.check_portfolio("facts", rulebook, jobs=2)
    checked = jixiao.check_path("facts", rulebook, out="findings")   # what `jixiao check facts` does

The layers, bottom up (each imports only those below it): model, disk, lang, load, durable,
check, report, portfolio, authoring, cli; docs/architecture.md draws them. The functions
here import their layers when first called, so `import jixiao` (and the command line's
start-up) stays cheap.
"""

from __future__ import annotations

from pathlib import Path

from .version import __version__


def load_rulebook(directory="rules"):
    """Everything under a rules folder — table schemas, schemes, families, rules — checked
    together (jixiao.load.rulebook.RuleBook). Raises InputError naming every problem."""
    from .check.rulebook import load_rulebook as load
    return load(Path(directory))


def check_case(folder, rulebook=None, *, history: bool = True):
    """Check one case folder (case.yaml and its fact files) and return its CheckResult
    (jixiao.model.results): findings (deductions in points, Decimal), scores
    (result.scores.total in points, a Decimal; .grade, the grade's name; .provisional when some
    indicator could not be assessed), integrity notes. With `history`, the earlier years of the
    same case (sibling folders) are checked first and this year's findings are matched with last
    year's. `rulebook` defaults to ./rules. Raises InputError naming every problem of the case's
    files (file, line or row, column, what was found and what is allowed)."""
    from .check.runs import check_one_case, check_with_history
    rulebook = rulebook if rulebook is not None else load_rulebook()
    if history:
        return check_with_history(Path(folder), rulebook).result
    return check_one_case(Path(folder), rulebook)


def check_portfolio(folder, rulebook=None, *, jobs: int = 1, scheduler: str | None = None, out=None,
                    case_files: bool = True, progress=None, lang: str = "zh"):
    """Check every case under `folder` (jixiao.portfolio.run.check_portfolio) and return a
    Portfolio: `.rows`, one summary row per case (a dict: folder, case, year, scheme, total as a
    Decimal, grade, provisional, counts; or folder and `error`), `.runs` (CaseRun per case when
    checked in this process, else None), `.tables` (the overview), `.failed` (the error rows).
    With `out`, each case's files are written there (the portfolio's: `.write(out, lang)`); `jobs`
    worker processes, or a Dask `scheduler` address. Raises InputError when there is no case
    under `folder` or two folders declare one case and year; OutputError when `out` cannot be
    written. A case that cannot be checked is a row with its error (said in `lang`, "zh" or "en");
    the others complete."""
    from .portfolio.run import check_portfolio as run
    rulebook = rulebook if rulebook is not None else load_rulebook()
    return run(Path(folder), rulebook, Path(rulebook.directory).resolve(), jobs=jobs, scheduler=scheduler,
               out=Path(out) if out is not None else None, case_files=case_files, progress=progress, lang=lang)


def check_path(path, rulebook=None, *, jobs: int = 1, scheduler: str | None = None, out=None,
               case_files: bool = True, progress=None, lang: str = "zh"):
    """What `jixiao check PATH` does, without printing (jixiao.portfolio.plan.check): a case
    folder is checked with its earlier years; a folder of cases one case after another, or as a
    batch with `jobs` > 1 worker processes, a Dask `scheduler` address, or `case_files=False`
    (summary rows only). With `out`, the results are written there (a batch adds portfolio.csv,
    .html and .xlsx; the page and workbook in `lang`, "zh" or "en"). Returns a Checked: `.mode` ("case", "cases" or "batch"), `.runs` (CaseRun
    per case: .result, a CheckResult, or .error; .notes; None for a batch), `.portfolio` (rows
    and overview; None for one case), `.written` ([(folder, [file name, …])]), `.failed`.
    `progress(done, total)` is called as a batch goes. Raises InputError naming every problem
    when the case (or, for a folder, every case) cannot be checked, OutputError when `out`
    cannot be written; in a folder, a case that cannot be checked is a row with its error."""
    from .portfolio.plan import check as run
    rulebook = rulebook if rulebook is not None else load_rulebook()
    return run(Path(path), rulebook, Path(rulebook.directory).resolve(), jobs=jobs, scheduler=scheduler,
               out=Path(out) if out is not None else None, case_files=case_files, progress=progress, lang=lang)


def write_outputs(result, out, history=None):
    """Write a result's files (findings.json, scores.csv, report.md/.html/.xlsx, manifest.json)
    to <out>/<case>/<year>/, as one set. Returns the folder. Raises OutputError."""
    from .report.files import write_outputs as write
    return write(result, Path(out), history)


__all__ = ["__version__", "load_rulebook", "check_case", "check_portfolio", "check_path", "write_outputs"]
