"""jixiao: rules-as-code compliance checker for fiscal project performance evaluation
(财政项目支出绩效评价).

From Python::

    import jixiao
    rulebook = jixiao.load_rulebook("rules")
    result = jixiao.check_case("facts/shanghai-single-window/2017", rulebook)
    result.scores.total, result.scores.grade          # a Decimal (points), the grade's name
    jixiao.write_outputs(result, "findings")
    portfolio = jixiao.check_portfolio("facts", rulebook, jobs=2)

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
    (jixiao.model.results): findings, scores (result.scores.total, .grade), integrity notes.
    With `history`, the earlier years of the same case (sibling folders) are checked first and
    this year's findings are matched with last year's. `rulebook` defaults to ./rules.
    Raises InputError naming every problem of the case's files."""
    from .check.runs import check_one_case, check_with_history
    rulebook = rulebook if rulebook is not None else load_rulebook()
    if history:
        return check_with_history(Path(folder), rulebook).result
    return check_one_case(Path(folder), rulebook)


def check_portfolio(folder, rulebook=None, *, jobs: int = 1, scheduler: str | None = None, out=None,
                    case_files: bool = True, progress=None):
    """Check every case under `folder` (jixiao.portfolio.run.check_portfolio): one summary row
    per case and the overview; with `out`, each case's files written there (portfolio files:
    `.write(out)` on the result); `jobs` worker processes, or a Dask `scheduler` address."""
    from .portfolio.run import check_portfolio as run
    rulebook = rulebook if rulebook is not None else load_rulebook()
    return run(Path(folder), rulebook, Path(rulebook.directory).resolve(), jobs=jobs, scheduler=scheduler,
               out=Path(out) if out is not None else None, case_files=case_files, progress=progress)


def write_outputs(result, out, history=None):
    """Write a result's files (findings.json, scores.csv, report.md/.html/.xlsx, manifest.json)
    to <out>/<case>/<year>/, as one set. Returns the folder. Raises OutputError."""
    from .report.files import write_outputs as write
    return write(result, Path(out), history)


__all__ = ["__version__", "load_rulebook", "check_case", "check_portfolio", "write_outputs"]
