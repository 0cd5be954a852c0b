"""五、附件 of report.docx: 1 the indicator system (each leaf's checks and scoring standard),
2 the working papers made readable (report/readable.py: column titles, units, rounded numbers),
3 资料清单 (and gaps in the rule set), 4 数据核对, 5 where the findings come from (the tool, its
version, the rules in force and the reports they were transcribed from, the files' hashes)."""

from __future__ import annotations

from ..lang.formulas import condition_shown
from ..model.results import CheckResult
from ..version import __version__
from . import docx_style as style
from .common import blocked_sentence, gap_text, is_target_setting, note_text, points, requests, weight_and_score
from .labels import counted
from .prose import advice_sources
from .readable import precise, sheets, words

PAPER_ROWS = 2  # facts listed per rule in the working papers (the rest: counted; all in `jixiao explain`)


def _text(document, text: str):
    """A paragraph of the annexes: 五号, single-spaced (the annexes are reference, not prose)."""
    return style.paragraph(document, text, "Annex Text")


def annexes(document, result: CheckResult, t: dict) -> None:
    style.paragraph(document, t["d_s5"], "Heading 1")
    indicator_system(document, result, t)
    working_papers(document, result, t)
    evidence_to_request(document, result, t)
    integrity(document, result, t)
    provenance(document, result, t)


def indicator_system(document, result: CheckResult, t: dict) -> None:
    """附件 1: every leaf with its weight, what is checked and the scoring standard (each rule's
    basis: 附件 5)."""
    style.paragraph(document, t["d_annex_system"], "Heading 2")
    by_leaf: dict[str, list] = {}
    for rule in result.rules:
        by_leaf.setdefault(rule.indicator, []).append(rule)
    schemas = result.schemas
    key = "title" if t["lang"] == "zh" else "title_en"
    rows = []
    for leaf in result.scheme.leaves:
        rules = sorted(by_leaf.get(leaf.id, []), key=lambda r: r.id)
        if not rules:
            rows.append([f"{leaf.id} {leaf.name}", points(leaf.weight, t), t["d_system_none"], ""])
            continue
        checks = "；".join(getattr(r, key) or r.title for r in rules)
        standard = "；".join(_standard(r, schemas, t, result.case.year, reviews=not leaf.weight) for r in rules)
        # a 绩效目标表 is not scored: its leaf's column says so (for_result heads it 计分), not a weight of 0
        weight = t["unscored"] if is_target_setting(result) else points(leaf.weight, t)
        rows.append([f"{leaf.id} {leaf.name}", weight, checks, standard])
    style.table(document, t["d_system_columns"], rows, widths=[2.6, 1.2, 4.6, 7.2], numeric=(1,))  # 15.6 cm


def _standard(rule, schemas, t: dict, year: int, reviews: bool = False) -> str:
    """A rule's condition and scoring standard in words; of a rule that only finds problems (on a
    leaf that weighs nothing, `reviews`), its condition only: it has no standard, it deducts 0."""
    schema = schemas.get(rule.table) if schemas else None
    condition = words(condition_shown(rule, year) if rule.method else rule.where.source, schema, t)
    if reviews:
        return t["d_review_condition"].format(condition=condition)
    formula = words(rule.amount.source, schema, t)
    return t["d_paper_condition"].format(condition=condition) + "，" + t["d_paper_formula"].format(formula=formula)


def working_papers(document, result: CheckResult, t: dict) -> None:
    """附件 2: one compact table, a row per leaf: the facts its rules read (column titles, units,
    rounded; where each stands), each deduction worked out, and how the score follows. What each
    rule checks and its scoring standard are 附件 1's; its basis, 附件 5's."""
    style.paragraph(document, t["d_annex_papers"], "Heading 2")
    rows = [[f"{leaf.id} {leaf.name}\n{weight_and_score(result.scores.get(leaf.id), t, 'd_weight', 'd_score')}",
             _facts_cell(leaf, t), _working_cell(leaf, result, t)]
            for leaf in sheets(result, t, limit=PAPER_ROWS)]
    style.table(document, t["d_paper_columns"], rows, widths=[2.8, 7.8, 5.0])  # the facts: the widest


def _facts_cell(leaf, t: dict) -> str:
    """The facts a leaf's rules read: each as where it stands, then its values by column title
    (for a leaf at full marks, where they stand only); a fact a rule deducted for is marked."""
    lines = []
    clean = _clean(leaf)
    for sheet in leaf.rules:
        columns = sheet.facts.columns[1:-1]
        for row in sheet.facts.rows:
            values = "" if clean else t["d_clean_sep"].join(f"{column} {value}"
                                                            for column, value in zip(columns, row[1:-1]))
            fired = "" if row[-1] != t["yes"] else t["d_paper_found"] if sheet.reviews else \
                t["d_paper_fired"] if sheet.deductions else ""
            lines.append((t["d_paper_fact"].format(where=row[0], values=values) if values else row[0]) + fired)
        if sheet.more:
            lines.append(counted(t["wp_more"], sheet.more).format(n=sheet.more))
    return "\n".join(dict.fromkeys(lines)) or t["wp_missing"]


def _working_cell(leaf, result: CheckResult, t: dict) -> str:
    """Each deduction worked out (or why a rule could not assess), then the score."""
    if _clean(leaf):
        return t["d_paper_full"].format(score=points(leaf.score, t))
    lines = [t["d_paper_deduction"].format(working=w) for sheet in leaf.rules for w in sheet.deductions]
    lines += [t["d_paper_cannot"].format(why=sheet.cannot_assess) for sheet in leaf.rules if sheet.cannot_assess]
    return "\n".join([*lines, _score_line(leaf, result, t)])


def _clean(leaf) -> bool:
    """A leaf at full marks that no rule deducted from and every rule assessed (a leaf of weight 0,
    a form's review, has no marks to be full)."""
    return bool(leaf.rules) and bool(leaf.weight) and leaf.score is not None and leaf.score == leaf.weight and not any(
        s.deductions or s.cannot_assess for s in leaf.rules)


def _score_line(leaf, result: CheckResult, t: dict) -> str:
    """How the score follows, in short: weight − deductions = net, and the score when keeping it
    within [0, weight] and rounding changed it."""
    row = result.scores.get(leaf.id)
    if not row.weight:  # a review leaf (weight 0): its findings say what to correct, it scores nothing
        return t["d_paper_unscored"]
    if row.score is None or row.net is None:
        return t["d_paper_working"].format(working=leaf.working)
    cuts = [precise(f.deduction) for f in result.findings if f.indicator == leaf.id]
    net, score = precise(row.net), points(row.score, t)
    working = f"{precise(row.weight)} − {' − '.join(cuts) or '0'} = {net}"
    return t["d_paper_working"].format(working=working if net == score else t["d_paper_kept"].format(working=working,
                                                                                                      score=score))


def evidence_to_request(document, result: CheckResult, t: dict) -> None:
    """附件 3: 资料清单, the evidence to request; then the gaps in the rule set."""
    style.paragraph(document, t["d_annex_requests"], "Heading 2")
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
    style.paragraph(document, t["d_annex_integrity"], "Heading 2")
    if not result.integrity:
        _text(document, t["d_integrity_none"])
        return
    disagree = [n for n in result.integrity if not n.implausible]
    implausible = [n for n in result.integrity if n.implausible]
    if disagree:
        _text(document, t["integrity_intro_plain"].format(n=len(disagree)))
        for number, note in enumerate(disagree, start=1):
            _text(document, f"{number}. " + note_text(note, t))
        _text(document, blocked_sentence(result, disagree, t))
    if implausible:
        _text(document, t["implausible_intro_plain"].format(n=len(implausible)))
        for number, note in enumerate(implausible, start=1):
            _text(document, f"{number}. {note_text(note, t)}")
        _text(document, blocked_sentence(result, implausible, t))


def provenance(document, result: CheckResult, t: dict) -> None:
    """附件 5: how the findings were reached and from what: the tool and its version, each rule
    in force with its full source (the report it was transcribed from too), the sources of the
    recommendations, and the SHA-256 of every file read (as manifest.json)."""
    style.paragraph(document, t["d_annex_provenance"], "Heading 2")
    _text(document, t["provenance_intro"].format(version=__version__, scheme=result.scheme.id)
                           .replace("`", ""))
    order = result.scheme.order.index
    by_source: dict[str, list] = {}  # rules transcribed from the same clause: one row
    for rule in sorted(result.rules, key=lambda r: (order(r.indicator), r.id)):
        by_source.setdefault(rule.provenance, []).append(rule)
    rows = [["\n".join(f"{r.indicator}\n{r.id}" for r in rules), source] for source, rules in by_source.items()]
    style.table(document, [t["rule"], t["provenance_source"]], rows, widths=[4.4, 11.2],
                small=(0,))  # the source: the widest; a rule id on one line
    sources = advice_sources(result)
    if sources:
        _text(document, t["provenance_advice"] + t["provenance_advice_sep"].join(  # one paragraph: a reference list
            t["provenance_advice_item"].format(n=number, source=source) for number, source in sources))
    facts = sorted(result.inputs.get("facts", {}).items())
    _text(document, t["provenance_files"])
    style.table(document, [t["d_file"], "SHA-256"], [[name, digest] for name, digest in facts], widths=[5.6, 10.0],
                small=(1,))  # a file name and a digest each on one line
    others = {kind: len(files) for kind, files in result.inputs.items() if kind != "facts"}
    if others:
        _text(document, t["d_other_files"].format(counts="、".join(f"{kind} {n}" for kind, n in others.items())))
