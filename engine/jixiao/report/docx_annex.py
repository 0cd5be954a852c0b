"""五、附件 of report.docx: 1 the indicator system (each leaf's checks and scoring standard),
2 the working papers made readable (report/readable.py: column titles, units, rounded numbers),
3 资料清单 (and gaps in the rule set), 4 数据核对, 5 where the findings come from (the tool, its
version, the rules in force and the reports they were transcribed from, the files' hashes)."""

from __future__ import annotations

from ..model.results import CheckResult
from ..version import __version__
from . import docx_style as style
from .common import gap_text, note_text, places, points, requests
from .prose import advice_sources
from .readable import sheets, words

PAPER_ROWS = 6  # facts listed per rule in the working papers (the rest: counted, and in the facts)


def _text(document, text: str):
    """A paragraph of the annexes: 五号, single-spaced (the annexes are reference, not prose)."""
    return document.add_paragraph(text, style="Annex Text")


def annexes(document, result: CheckResult, t: dict) -> None:
    document.add_heading(t["d_s5"], level=1)
    indicator_system(document, result, t)
    working_papers(document, result, t)
    evidence_to_request(document, result, t)
    integrity(document, result, t)
    provenance(document, result, t)


def indicator_system(document, result: CheckResult, t: dict) -> None:
    """附件 1: every leaf with its weight, what is checked, the scoring standard and its basis."""
    document.add_heading(t["d_annex_system"], level=2)
    by_leaf: dict[str, list] = {}
    for rule in result.rules:
        by_leaf.setdefault(rule.indicator, []).append(rule)
    schemas = result.schemas
    key = "title" if t["lang"] == "zh" else "title_en"
    rows = []
    for leaf in result.scheme.leaves:
        rules = sorted(by_leaf.get(leaf.id, []), key=lambda r: r.id)
        if not rules:
            rows.append([f"{leaf.id} {leaf.name}", points(leaf.weight, t), t["d_system_none"], "", ""])
            continue
        checks = "；".join(getattr(r, key) or r.title for r in rules)
        standard = "；".join(_standard(r, schemas, t) for r in rules)
        basis = "；".join(dict.fromkeys(r.source.get("document", "") for r in rules))
        rows.append([f"{leaf.id} {leaf.name}", points(leaf.weight, t), checks, standard, basis])
    style.table(document, t["d_system_columns"], rows, widths=[2.8, 1.2, 4.0, 4.4, 3.2], numeric=(1,))


def _standard(rule, schemas, t: dict) -> str:
    schema = schemas.get(rule.table) if schemas else None
    condition = words(rule.where.source, schema, t)
    formula = words(rule.amount.source, schema, t)
    return t["d_paper_condition"].format(condition=condition) + "，" + t["d_paper_formula"].format(formula=formula)


def working_papers(document, result: CheckResult, t: dict) -> None:
    """附件 2: for each leaf, each rule's basis, condition and deduction in words, the facts it
    read (titles, units, rounded), and how the score follows."""
    document.add_heading(t["d_annex_papers"], level=2)
    for leaf in sheets(result, t, limit=PAPER_ROWS):
        if _clean(leaf, result):
            _clean_line(document, leaf, t)
            continue
        head = _text(document, f"{leaf.id} {leaf.name}（{t['d_weight']} {points(leaf.weight, t)}，"
                               f"{t['d_score']} {points(leaf.score, t)}）")
        head.runs[0].font.bold = True
        head.paragraph_format.keep_with_next = True
        for sheet in leaf.rules:
            rule = sheet.rule
            title = rule.title if t["lang"] == "zh" or not rule.title_en else rule.title_en
            lines = [t["d_paper_basis"].format(basis=sheet.basis),
                     t["d_paper_condition"].format(condition=sheet.condition),
                     t["d_paper_formula"].format(formula=sheet.formula),
                     *(t["d_paper_deduction"].format(working=w) for w in sheet.deductions),
                     *([t["d_paper_cannot"].format(why=sheet.cannot_assess)] if sheet.cannot_assess else [])]
            _text(document, f"{title}\n" + "\n".join(lines)).paragraph_format.keep_with_next = True
            if sheet.facts.rows:
                count = len(sheet.facts.columns)
                first = 4.0 if count > 2 else 8.0
                rest = round((style.TEXT_WIDTH_CM - first) / (count - 1), 2)
                style.table(document, list(sheet.facts.columns), [list(r) for r in sheet.facts.rows],
                            widths=[first, *([rest] * (count - 1))])
            if sheet.more:
                _text(document, t["wp_more"].format(n=sheet.more))
        _text(document, t["d_paper_working"].format(working=leaf.working))


def _clean(leaf, result: CheckResult) -> bool:
    """A leaf at full marks that no rule deducted from and every rule assessed."""
    return (leaf.score is not None and leaf.score == leaf.weight and not any(s.deductions or s.cannot_assess
                                                                             for s in leaf.rules) and leaf.rules)


def _clean_line(document, leaf, t: dict) -> None:
    """A leaf at full marks in one paragraph: its rules, the facts they read, no deduction."""
    parts = []
    for sheet in leaf.rules:
        rule = sheet.rule
        title = rule.title if t["lang"] == "zh" or not rule.title_en else rule.title_en
        facts = t["d_clean_sep"].join(row[0] for row in sheet.facts.rows) or t["wp_missing"]
        parts.append(t["d_clean_rule"].format(title=title, facts=facts))
    paragraph = _text(document, "")
    paragraph.add_run(f"{leaf.id} {leaf.name}（{t['d_weight']} {points(leaf.weight, t)}）").font.bold = True
    paragraph.add_run(t["d_clean"].format(rules="；".join(parts), score=points(leaf.score, t)))


def evidence_to_request(document, result: CheckResult, t: dict) -> None:
    """附件 3: 资料清单, the evidence to request; then the gaps in the rule set."""
    document.add_heading(t["d_annex_requests"], level=2)
    items = requests(result, t)
    if not items and not result.rule_gaps:
        _text(document, t["d_requests_none"])
    if items:
        intro = t["requests_intro_implausible"] if result.implausible else t["requests_intro"]
        _text(document, intro)
        for number, (indicator, request) in enumerate(items, start=1):
            _text(document, f"{number}. [{indicator}] {request}")
    if result.rule_gaps:
        _text(document, t["gaps_intro"])
        for number, gap in enumerate(result.rule_gaps, start=1):
            _text(document, f"{number}. [{gap.leaf}] {gap_text(gap, t)}")


def integrity(document, result: CheckResult, t: dict) -> None:
    """附件 4: facts that disagree, and facts that cannot be true, with where they stand."""
    document.add_heading(t["d_annex_integrity"], level=2)
    if not result.integrity:
        _text(document, t["d_integrity_none"])
        return
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    if disagree:
        _text(document, t["integrity_intro"].format(n=len(disagree)))
        for number, note in enumerate(disagree, start=1):
            _text(document, f"{number}. " + t["note_where"].format(message=note.message,
                                                                         where=places(note.evidence(), t)))
    if implausible:
        _text(document, t["implausible_intro"].format(n=len(implausible)))
        for number, note in enumerate(implausible, start=1):
            _text(document, f"{number}. {note_text(note, t)}")


def provenance(document, result: CheckResult, t: dict) -> None:
    """附件 5: how the findings were reached and from what: the tool and its version, each rule
    in force with its full source (the report it was transcribed from too), the sources of the
    recommendations, and the SHA-256 of every file read (as manifest.json)."""
    document.add_heading(t["d_annex_provenance"], level=2)
    _text(document, t["provenance_intro"].format(version=__version__, scheme=result.scheme.id)
                           .replace("`", ""))
    order = result.scheme.order.index
    rows = [[rule.id, rule.indicator, rule.citation] for rule in sorted(result.rules, key=lambda r: (order(r.indicator), r.id))]
    style.table(document, [t["rule"], t["indicator"], t["provenance_source"]], rows, widths=[4.2, 1.6, 9.8])
    sources = advice_sources(result)
    if sources:
        _text(document, t["provenance_advice"])
        for number, source in sources:
            _text(document, t["provenance_advice_item"].format(n=number, source=source))
    facts = sorted(result.inputs.get("facts", {}).items())
    _text(document, t["provenance_files"])
    style.table(document, [t["d_file"], "SHA-256"], [[name, digest] for name, digest in facts], widths=[5.0, 10.6])
    others = {kind: len(files) for kind, files in result.inputs.items() if kind != "facts"}
    if others:
        _text(document, t["d_other_files"].format(counts="、".join(f"{kind} {n}" for kind, n in others.items())))
