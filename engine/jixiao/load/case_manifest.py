"""case.yaml: what the case is (case, year, scheme, project), where each table comes from, and
what is recorded of the report. Every key given is checked: one that jixiao would accept and
then ignore, though it means something (an amount unit other than 万元, a year its folder
contradicts), is an error, never a silent number."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..disk.reading import read_capped
from ..model.facts import CASE_FILE, Case
from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems
from ..model.tables import Column
from ..model.vocabulary import AMOUNT_UNIT, PLACEHOLDER_MARKS
from .cells import DATE_ALLOWED, ValueProblem, parser
from .yaml_source import check_keys, line_of, parse_yaml

_CASE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_REQUIRED = {"case": str, "year": int, "scheme": str, "project": str}
_TEXT = ("unit", "unit_short", "department", "commissioned_by", "evaluator", "report", "notes")  # shown or kept as written
_OPTIONAL = {*_TEXT, "report_date", "amount_unit", "sources", "expert_score"}
_EXPERT_SCORE = ("total", "grade", "source")
FIRST_YEAR = 1900
_FOLDER_YEAR = re.compile(r"^\d{4}$")
_READ_DATE = parser(Column("report_date", "date"))


@dataclass(frozen=True)
class CaseFile:
    """A case folder's case.yaml as read once (read_case_file): its bytes and the data they
    parse to, for a caller that needs the case's name and year before checking it (a run
    matching years) and then hands it to load_case, which does not read it again."""

    raw: bytes
    data: object


def read_case_file(folder) -> CaseFile | None:
    """The case.yaml of `folder`, read and parsed, when it is a file of the folder itself (no
    link) that can be read and parsed; else None: whoever reads it then says what is wrong.
    One lstat says what load_case would ask in three system calls (a folder, holding a
    case.yaml that is a file, not a link)."""
    path = os.path.join(folder, CASE_FILE)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        raw = read_capped(path, CASE_FILE)
        return CaseFile(raw, parse_yaml(raw, CASE_FILE))
    except (OSError, InputError):
        return None


def load_manifest(directory: Path, problems: Problems, today: datetime.date | None = None,
                  case_file: CaseFile | None = None) -> Case:
    """The Case that case.yaml declares (no tables yet). Raises InputError with every problem
    of the file (and any already in `problems`). `today` (default: the system's date) bounds
    the case year and the report date: neither may lie in the future. `case_file`: the
    folder's case.yaml as read_case_file read it (not read again)."""
    label = CASE_FILE
    if case_file is not None:
        raw, data = case_file.raw, case_file.data
    else:
        raw = read_capped(directory / CASE_FILE, label)
        data = parse_yaml(raw, label)
    if not isinstance(data, dict):
        raise InputError([Problem.said(label, Message("case.mapping"))])
    today = today or datetime.date.today()
    check_keys(label, data, set(_REQUIRED) | _OPTIONAL, problems)
    for key, kind in _REQUIRED.items():
        value = data.get(key)
        if value is None:
            problems.add(label, Message("rule.missing_key"), key=key, line=1)
        elif not isinstance(value, kind) or isinstance(value, bool):
            problems.add(label, Message("case.must_be", {"kind": Message(f"case.kind_{kind.__name__}")}),
                         line=line_of(data, key), key=key, found=value)
    for key in _TEXT:
        if data.get(key) is not None and not isinstance(data[key], str):
            problems.add(label, Message("rule.text"), line=line_of(data, key), key=key, found=data[key])
    sources = _sources(label, data, problems)
    if isinstance(data.get("case"), str) and not _CASE_ID.match(data["case"]):
        problems.add(label, Message("case.id"), line=line_of(data, "case"), key="case", found=data["case"],
                     allowed=Message("case.id_allowed"))
    year = data.get("year") if type(data.get("year")) is int else None
    if year is not None:
        _check_year(label, data, year, Path(directory).name, today, problems)
    _check_amount_unit(label, data, problems)
    _check_report_date(label, data, year, today, problems)
    _check_expert_score(label, data, problems)
    problems.raise_if_any()
    placeholders = tuple((key, line_of(data, key), data[key]) for key in ("project", *_TEXT)
                         if isinstance(data.get(key), str) and any(mark in data[key] for mark in PLACEHOLDER_MARKS))
    return Case(directory, data["case"], data["year"], data["scheme"], dict(data), sources=sources,
                digests={CASE_FILE: hashlib.sha256(raw).hexdigest()}, placeholders=placeholders)


def _sources(label: str, data: dict, problems: Problems) -> dict[str, str]:
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        problems.add(label, Message("case.sources"), line=line_of(data, "sources"), key="sources")
        return {}
    for table, source in sources.items():
        if not isinstance(source, str):
            problems.add(label, Message("case.source_text"), line=line_of(sources, table), key=f"sources.{table}",
                         found=source)
    return {str(k): str(v) for k, v in sources.items()}


def _check_year(label: str, data: dict, year: int, folder: str, today: datetime.date, problems: Problems) -> None:
    """The year is plausible, not in the future, and the one its folder is named after (when the
    folder is named as a year: facts/<case>/<year>/)."""
    line = line_of(data, "year")
    if year > today.year:
        problems.add(label, Message("case.future_year", {"year": today.year}), line=line, key="year", found=year,
                     allowed=f"{FIRST_YEAR}–{today.year}")
    elif year < FIRST_YEAR:
        problems.add(label, Message("case.implausible_year"), line=line, key="year", found=year,
                     allowed=f"{FIRST_YEAR}–{today.year}")
    if _FOLDER_YEAR.match(folder) and int(folder) != year:
        problems.add(label, Message("case.folder_year", {"year": year, "folder": folder}), line=line, key="year",
                     found=year, allowed=Message("case.folder_year_allowed", {"folder": folder}))


def _check_amount_unit(label: str, data: dict, problems: Problems) -> None:
    if "amount_unit" in data and data["amount_unit"] != AMOUNT_UNIT:
        problems.add(label, Message("case.amount_unit", {"unit": AMOUNT_UNIT}), line=line_of(data, "amount_unit"),
                     key="amount_unit",
                     found=data["amount_unit"] if data["amount_unit"] is not None else "", allowed=AMOUNT_UNIT)


def _check_report_date(label: str, data: dict, year: int | None, today: datetime.date, problems: Problems) -> None:
    """The date of the evaluation report: a date, after the start of the year it evaluates and
    not in the future. Recorded only: no rule reads it."""
    if "report_date" not in data:
        return
    raw, line = data["report_date"], line_of(data, "report_date")
    try:
        date = _READ_DATE(raw if isinstance(raw, str) else ("" if raw is None else str(raw)))
    except ValueProblem as exc:
        problems.add(label, exc.message, line=line, key="report_date", found=raw, allowed=exc.allowed_message)
        return
    if date is None:
        problems.add(label, Message("case.report_date_empty"), line=line, key="report_date", allowed=DATE_ALLOWED)
    elif year is not None and int(date.text[:4]) < year:
        problems.add(label, Message("case.report_before", {"year": year}), line=line, key="report_date",
                     found=date.text, allowed=Message("case.report_before_allowed", {"start": f"{year}-01-01",
                                                                                      "today": today.isoformat()}))
    elif date.text > today.isoformat()[:len(date.text)]:
        problems.add(label, Message("case.report_future", {"today": today.isoformat()}), line=line, key="report_date",
                     found=date.text, allowed=Message("case.report_future_allowed", {"today": today.isoformat()}))


def _check_expert_score(label: str, data: dict, problems: Problems) -> None:
    """The experts' own score, printed beside jixiao's: {total, grade, source}."""
    if "expert_score" not in data:
        return
    score, line = data["expert_score"], line_of(data, "expert_score")
    if not isinstance(score, dict):
        problems.add(label, Message("case.expert_score"), line=line, key="expert_score", found=score,
                     allowed="total, grade, source")
        return
    check_keys(label, score, _EXPERT_SCORE, problems, prefix="expert_score.")
    total = score.get("total")
    if total is None:
        problems.add(label, Message("rule.missing_key"), line=line, key="expert_score.total")
    elif type(total) not in (int, float) or not 0 <= total < float("inf"):
        problems.add(label, Message("case.expert_total"), line=line_of(score, "total"),
                     key="expert_score.total", found=total)
    for key in ("grade", "source"):
        if score.get(key) is not None and not isinstance(score[key], str):
            problems.add(label, Message("rule.text"), line=line_of(score, key), key=f"expert_score.{key}",
                         found=score[key])
