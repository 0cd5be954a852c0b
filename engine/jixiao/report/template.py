"""Fill a report writer's own Markdown template with pieces of the result.

Placeholders, written {{ … }}:

    {{ score_table }}   {{ conclusion }}   {{ problems }}   {{ recommendations }}
    {{ integrity }}     {{ requests }}     {{ rule_gaps }}     {{ annex }}
    {{ indicator C121 }}            one indicator's analysis (its working paper)
    {{ findings tranche-deadline }} the findings of one rule family
    {{ metric total }}  {{ metric grade }}  {{ metric findings }}
    {{ metric C121.score }}  {{ metric C121.weight }}  {{ metric C121.rate }}

A placeholder that names nothing is an error naming it, its line, and the nearest valid
name; nothing is filled with blank text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..disk.refusals import os_problem
from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems, meant
from ..model.results import CheckResult
from . import markdown as markdown_out
from .common import percent, points, total_cell
from .formats import Settings, Template
from .labels import get

MARKER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
BLOCKS = ("score_table", "conclusion", "problems", "recommendations", "integrity", "requests", "rule_gaps", "annex")
ARGUMENTS = ("indicator", "findings", "metric")
METRICS = ("total", "grade", "findings")
FIELDS = ("score", "weight", "rate")


def read_template(path: Path) -> Template:
    """A report writer's template read from `path`: a Markdown one (UTF-8 text), or a firm's
    Word one (.docx, kept as bytes; filled by report/docx_template.py). Raises InputError when it
    cannot be read, naming the file and why."""
    path = Path(path)
    word = path.suffix.lower() == ".docx"
    try:
        if word:
            return Template("", str(path), path.read_bytes())
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError([os_problem(path, exc, reading=True)]) from None
    except UnicodeDecodeError:
        raise InputError([Problem.said(path, Message("template.not_utf8"))]) from None
    return Template(text, str(path))


def render(result: CheckResult, settings: Settings) -> str:
    """settings.template filled with this result's pieces, in the settings' language. Raises
    InputError naming each placeholder that names nothing, with its line."""
    return fill(settings.template.text, result, settings.template.path, settings.lang)


def fill(template: str, result: CheckResult, label: str, lang: str = "zh") -> str:
    t = get(lang)
    problems = Problems()
    pieces: dict[str, str] = {}
    for number, line in enumerate(template.splitlines(), start=1):
        for match in MARKER.finditer(line):
            try:
                pieces[match.group(0)] = _piece(match.group(1), result, t)
            except LookupError as exc:
                problems.add(label, exc.args[0], line=number, key=match.group(0))  # a catalogue Message
    problems.raise_if_any()
    return MARKER.sub(lambda m: pieces[m.group(0)], template)


def _piece(expression: str, result: CheckResult, t: dict) -> str:
    words = expression.split()
    if not words:
        raise LookupError(Message("template.empty"))
    name, args = words[0], words[1:]
    if name in BLOCKS and not args:
        return _block(name, result, t)
    if name not in ARGUMENTS:
        raise LookupError(Message("template.unknown_allowed", {"name": name, "meant": meant(name, BLOCKS + ARGUMENTS),
                                                               "allowed": ", ".join(BLOCKS + ARGUMENTS)}))
    if len(args) != 1:
        raise LookupError(Message("template.one_argument", {"name": name, "example": f"{{{{ {name} {_example(name)} }}}}"}))
    return {"indicator": _indicator, "findings": _family, "metric": _metric}[name](args[0], result, t)


def _example(name: str) -> str:
    return {"indicator": "C121", "findings": "tranche-deadline", "metric": "total"}[name]


def _block(name: str, result: CheckResult, t: dict) -> str:
    if name == "score_table":
        return "\n".join(markdown_out.score_table(result, t))
    if name == "conclusion":
        return markdown_out.conclusion(result, t)
    if name == "problems":
        return "\n".join(markdown_out.problems(result, t)).rstrip()
    if name == "recommendations":
        return "\n".join(markdown_out.recommendations(result, t))
    if name == "integrity":
        return "\n".join(markdown_out.integrity_section(result, t)[2:]).rstrip()
    if name == "requests":
        return "\n".join(markdown_out.request_section(result, t)[4:]) or t["none"]
    if name == "rule_gaps":
        return "\n".join(markdown_out.gap_section(result, t)[4:]) or t["none"]
    return "\n".join(markdown_out.annex(result, t))


def _indicator(ident: str, result: CheckResult, t: dict) -> str:
    leaves = [leaf.id for leaf in result.scheme.leaves]
    if ident not in leaves:
        raise LookupError(Message("template.no_leaf", {"name": ident, "scheme": result.scheme.id,
                                                       "meant": meant(ident, leaves)}))
    text = "\n".join(markdown_out.analysis(result, t, indicator=ident)).rstrip()
    return text


def _family(family: str, result: CheckResult, t: dict) -> str:
    if family not in result.families:
        raise LookupError(Message("template.no_family", {"name": family, "meant": meant(family, result.families)}))
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    lines = [f"- **{f.indicator} {names[f.indicator]}** {f.text}" for f in result.findings if f.family == family]
    return "\n".join(lines) or t["no_problems"]


def _metric(name: str, result: CheckResult, t: dict) -> str:
    scores = result.scores
    mark = t["provisional"] if scores.provisional else ""  # a total that waits on evidence says so
    if name == "total":
        return total_cell(result, t)  # with the points that could not be assessed
    if name == "grade":
        return scores.grade + mark
    if name == "findings":
        return str(len(result.findings))
    ident, _, field = name.partition(".")
    if ident in result.scheme.indicators and field in FIELDS:
        row = scores.get(ident)
        if row.not_applicable is not None and field != "weight":
            return t["not_applicable"]
        return {"score": points(row.score, t), "weight": points(row.weight, t), "rate": percent(row.rate)}[field]
    allowed = list(METRICS) + [f"{i}.{f}" for i in result.scheme.indicators for f in FIELDS]
    raise LookupError(Message("template.no_metric", {"name": name, "meant": meant(name, allowed)}))
