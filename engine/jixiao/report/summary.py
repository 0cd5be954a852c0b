"""What a check prints beside its results: one line per case of a run over many (the same line
whether the cases were checked in this process or in workers), the cases of a run one after
another in a format, and what the user should hear of a case (files skipped, earlier years not
used, problems that stopped it)."""

from __future__ import annotations

import os
from decimal import Decimal

from ..model.messages import render_param
from . import formats
from .common import is_target_setting, out_of_text, pad
from .formats import Settings
from .labels import FIXED as L
from .labels import counted, get


def case_line(case: str, year: int, scheme: str, total: Decimal | None, grade: str, provisional: bool, findings: int,
              cannot_assess: int, lang: str = "zh", out_of: Decimal | None = None) -> str:
    """One checked case: id, year, scheme, total (with what it is out of where that is not 100:
    106.3 / 110), grade (暂定 when provisional), findings; a target-setting form's (total None:
    reviewed, not scored) says so in their place; in `lang` ("zh" or "en")."""
    t = get(lang)
    P = t["portfolio"]
    if total is None:
        return (f"  {pad(case, 28)} {year}  {pad(scheme, 26)} {P['case_line_review']} "
                + counted(P["case_line_review_findings"], findings).format(n=findings))
    grade += t["provisional"] if provisional else ""
    return (f"  {pad(case, 28)} {year}  {pad(scheme, 26)} {out_of_text(total, out_of):>6}  {pad(grade, 6)} "
            + counted(P["case_line_findings"], findings).format(n=findings)
            + (P["case_line_unassessed"].format(n=cannot_assess) if provisional else ""))


def row_line(row: dict, lang: str = "zh") -> str:
    """A portfolio's summary row (jixiao.portfolio.rows) as its line, or its error; in `lang`."""
    if row.get("error"):
        return "  " + get(lang)["portfolio"]["row_error"].format(folder=row["folder"], error=row["error"])
    return case_line(row["case"], row["year"], row["scheme"], row["total"], row["grade"], row["provisional"],
                     row["findings"], row["cannot_assess"], lang, row.get("out_of"))


def run_lines(runs, lang: str = "zh") -> list[str]:
    """The cases of a run in this process (jixiao.check.runs.CaseRun): a line per case — or,
    for a case that could not be checked, how many problems stopped it; in `lang`."""
    P = get(lang)["portfolio"]
    lines = [counted(P["run_cases"], len(runs)).format(n=len(runs))]
    for run in runs:
        if run.result is None:
            lines.append(f"  {pad(str(run.folder), 40)} " + P["run_error"].format(n=len(run.error.problems)))
            continue
        scores = run.result.scores
        total = None if is_target_setting(run.result) else scores.total
        lines.append(case_line(run.result.case.case, run.result.case.year, run.result.scheme.id, total,
                               scores.grade, scores.provisional, len(run.result.findings), len(scores.unassessed),
                               lang, run.result.scheme.max))
    return lines


def runs_document(name: str, runs, lang: str = "zh") -> str:
    """The cases of a run in this process (CaseRun) in format `name`, as printed: one document for
    a format that renders several at once (a JSON array); else, for text, the summary lines
    (run_lines) and each case after a rule of '='; for another format, each case after a blank
    line; in `lang` ("zh" or "en"). A case that could not be checked is left out (see
    not_checked_lines)."""
    output = formats.get(name)
    if output.many is not None:
        return output.render_many([run.result for run in runs if run.result is not None], Settings(lang=lang))
    text = "".join(line + "\n" for line in run_lines(runs, lang)) if name == "text" else ""
    separator = "\n" + "=" * 72 + "\n" if name == "text" else "\n"
    for run in runs:
        if run.result is not None:
            text += separator + output.render(run.result, Settings(history=run.totals, lang=lang))
    return text


def note_lines(run, lang: str = "zh") -> list[str]:
    """What the user should hear about a case beside its result (for stderr: stdout may be
    JSON): the run's notes (earlier years not used, and why), the fact files byte-identical to
    last year's (in `lang`, "zh" or "en"), and the files of its folder that were skipped, each
    with why."""
    lines = [f"jixiao: {render_param(note, lang)}" for note in run.notes]
    case = run.result.case if run.result is not None else None
    if case is not None and run.unchanged:
        lines.append("jixiao: " + get(lang)["unchanged_files"].format(
            folder=case.directory, n=len(run.unchanged), year=case.year - 1, files=", ".join(run.unchanged)))
    if case is not None and run.unchanged_sheets:
        lines.append("jixiao: " + get(lang)["unchanged_sheets"].format(
            folder=case.directory, n=len(run.unchanged_sheets), year=case.year - 1,
            sheets=", ".join(run.unchanged_sheets)))
    if case is not None and case.skipped:
        lines.append(f"jixiao: {case.directory}: " + L["skipped"].format(n=len(case.skipped)))
        lines += [f"  {name} — {why.render(lang)}" for name, why in case.skipped.items()]
    return lines


def not_checked_lines(run, lang: str = "zh") -> list[str]:
    """A case that could not be checked (run.error set): its folder, how many problems, and each
    problem in `lang` ("zh" or "en"); [] for a case that was checked."""
    if run.error is None:
        return []
    return ([f"jixiao: {run.folder}: " + get(lang)["case_not_checked"].format(n=len(run.error.problems))]
            + [f"  {problem.render(lang)}" for problem in run.error.problems])


def written_lines(written) -> list[str]:
    """The folders of results written, each with its files: [(folder, [name, …])] as
    jixiao.portfolio.plan.Checked.written has them."""
    return [L["written"].format(files=f"{folder}{os.sep} — {', '.join(names)}") for folder, names in written]
