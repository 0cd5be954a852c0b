"""One line per case of a run over many: the same line whether the cases were checked in this
process or in workers."""

from __future__ import annotations

from decimal import Decimal

from .common import pad, points
from .labels import FIXED as L
from .labels import ZH


def case_line(case: str, year: int, scheme: str, total: Decimal, grade: str, provisional: bool, findings: int,
              cannot_assess: int) -> str:
    """One checked case: id, year, scheme, total, grade (暂定 when provisional), findings."""
    grade += ZH["provisional"] if provisional else ""
    return (f"  {pad(case, 28)} {year}  {pad(scheme, 26)} {points(total):>6}  {pad(grade, 6)} "
            + L["case_line_findings"].format(n=findings)
            + (L["case_line_unassessed"].format(n=cannot_assess) if provisional else ""))


def row_line(row: dict) -> str:
    """A portfolio's summary row (jixiao.portfolio.rows) as its line, or its error."""
    if row.get("error"):
        return "  " + L["row_error"].format(folder=row["folder"], error=row["error"])
    return case_line(row["case"], row["year"], row["scheme"], row["total"], row["grade"], row["provisional"],
                     row["findings"], row["cannot_assess"])


def run_lines(runs) -> list[str]:
    """The cases of a run in this process (jixiao.check.runs.CaseRun): a line per case — or,
    for a case that could not be checked, how many problems stopped it."""
    lines = [L["run_cases"].format(n=len(runs))]
    for run in runs:
        if run.result is None:
            lines.append(f"  {pad(str(run.folder), 40)} " + L["run_error"].format(n=len(run.error.problems)))
            continue
        scores = run.result.scores
        lines.append(case_line(run.result.case.case, run.result.case.year, run.result.scheme.id, scores.total,
                               scores.grade, scores.provisional, len(run.result.findings), len(scores.unassessed)))
    return lines
