"""A firm's own Word template (.docx), filled with the result: `jixiao report --template F.docx`.

The template is an ordinary Word document written in the firm's layout, with placeholders in
docxtpl's (Jinja2) syntax wherever a value goes:

    {{ project }} {{ unit }} {{ department }} {{ commissioned_by }} {{ evaluator }} {{ report_date }}
    {{ year }} {{ total }} {{ grade }} {{ max }} {{ conclusion }} {{ findings_count }} {{ charts }}
    {{ indicator.C121.score }} {{ indicator.C121.weight }} {{ indicator.C121.rate }} {{ indicator.C121.text }}
    {%tr for row in scores %} … {{ row.id }} {{ row.name }} {{ row.weight }} {{ row.score }} … {%tr endfor %}
    {% for f in findings %}{{ f.indicator }} {{ f.name }} {{ f.deduction }} {{ f.text }}{% endfor %}
    {% for r in recommendations %}{{ r.number }}. {{ r.text }}（{{ r.about }}）{% endfor %}
    {% for leaf in leaves %}{{ leaf.id }} {{ leaf.name }} {{ leaf.text }}{% endfor %}
    {% for item in requests %}{{ item.indicator }} {{ item.request }}{% endfor %}

A placeholder naming nothing is an error naming the template and the name (with the nearest
valid one), never blank text; a file that is not a Word document is refused the same way.
"""

from __future__ import annotations

import io
import re
import zipfile

import jinja2
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage

from ..model.messages import Message
from ..model.problems import InputError, Problem, meant
from ..model.results import CheckResult, shown_deductions
from . import figures
from . import markdown as markdown_out
from .common import deduction, is_target_setting, percent, points, requests, score_text, total_cell, weight_text
from .docx import cover_date, cover_fields
from .formats import Settings
from .labels import get
from .prose import leaf_texts, sentence

_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def render(result: CheckResult, settings: Settings) -> bytes:
    """settings.template (a Word document's bytes in `data`) filled with this result. Raises
    InputError naming the template and each placeholder that names nothing."""
    template = settings.template
    try:
        document = DocxTemplate(io.BytesIO(template.data))
        document.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError([Problem.said(template.path, Message("template.not_docx", {"kind": type(exc).__name__}),
                                       allowed=Message("template.docx_allowed"))]) from None
    values = context(result, settings, document)
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        document.render(values, jinja_env=environment, autoescape=True)  # & and < in facts stay text
    except jinja2.UndefinedError as exc:
        raise InputError([_unknown(template.path, str(exc), values)]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError([Problem.said(template.path, Message("template.syntax", {"error": exc.message}),
                                       allowed="{{ name }}, {% for … %} … {% endfor %}")]) from None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _unknown(path: str, message: str, values: dict) -> Problem:
    match = _UNDEFINED.search(message)
    name = next((g for g in match.groups() if g), message) if match else message
    known = list(values) + [f"indicator.{i}" for i in values["indicator"]]
    return Problem.said(path, Message("template.unknown", {"name": name, "meant": meant(name, known)}), key=name,
                        allowed=", ".join(list(values)))


def context(result: CheckResult, settings: Settings, document=None) -> dict:
    """The names a template may use, and their values (texts; lists of dicts for the loops)."""
    t = get(settings.lang)
    scores = result.scores
    mark = t["provisional"] if scores.provisional else ""
    cover = dict(zip((key for key, _ in t["cover_fields"]), (value for _, value in cover_fields(result, t))))
    texts = {leaf.id: leaf.text for leaf in leaf_texts(result, t)}
    names = {i.id: i.name for i in result.scheme.indicators.values()}
    indicator = {row.id: {"id": row.id, "name": row.name, "weight": points(row.weight, t),
                          "score": points(row.score, t), "rate": percent(row.rate), "text": texts.get(row.id, "")}
                 for row in scores.rows}
    grouped: dict[str, list] = {}
    for finding in result.findings:
        grouped.setdefault(finding.recommendation, []).append(finding)
    values = {
        **cover, "report_date": cover_date(result, t), "year": result.case.year,
        # a target-setting form (绩效目标表) is reviewed, not scored: no total, no grade
        "total": "" if is_target_setting(result) else total_cell(result, t),
        "grade": "" if is_target_setting(result) else scores.grade + mark, "max": points(result.scheme.max, t),
        "conclusion": markdown_out.conclusion(result, t).replace("**", ""),
        "findings_count": len(result.findings),
        "scores": [{"id": r.id, "name": r.name, "level": r.level, "weight": weight_text(r, t),
                    "score": score_text(r, t), "indent": "　" * (r.level - 1)} for r in scores.rows],
        "indicator": indicator,
        "leaves": [{"id": leaf.id, "name": leaf.name, "weight": points(leaf.weight, t), "score": points(leaf.score, t),
                    "text": leaf.text} for leaf in leaf_texts(result, t)],
        "findings": [{"indicator": f.indicator, "name": names[f.indicator],
                      "deduction": deduction(shown, result.scheme.precision),  # as shown: adds up to what was lost
                      "text": sentence(f.text, t), "recommendation": f.recommendation}
                     for f, shown in zip(result.findings, shown_deductions(result))],
        "recommendations": [{"number": n, "text": text, "about": "、".join(dict.fromkeys(f.indicator for f in fs))}
                            for n, (text, fs) in enumerate(grouped.items(), start=1)],
        "requests": [{"indicator": i, "request": r} for i, r in requests(result, t)],
        "charts": "",
    }
    if document is not None:
        images = figures.images(result, t, settings)
        values["charts"] = (t["d_chart_missing"] if images is None else
                            InlineImage(document, io.BytesIO(images[0].png), width=Cm(14)))
    return values
