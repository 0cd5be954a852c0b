"""The evaluator's sentences: each indicator told as a short paragraph (what was checked, the
facts with their units, the score and why), the report's citations of management documents,
and the project's profile (budget, targets) from the facts.

The sentences come from what the rules already say in people's words: a rule's `title` (what is
checked), its finding text (the facts, with units, as the rule's author wrote the template) and
the score the check gave. Nothing here reads a field name, a raw number or a formula: those
stay in the working papers (report/workpaper.py, report/readable.py) and `jixiao explain`.

References to the sections of an earlier evaluation report (“（§三(二)1(2) A22）”, which the
bundled facts carry to say where they were transcribed from) are left out of the body: the
report's own findings rest on the facts, not on another report. They stay in the annex.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model.percents import percent_text
from ..model.results import CheckResult, Finding, shown_deduction
from ..model.rules import Rule
from ..model.vocabulary import SECTION_REF
from .common import cut_text, gap_text, points, reason
from .labels import DATA_WORDS


def plain(text: str) -> str:
    """Authored text for the report's body: references to an earlier report's sections removed."""
    return SECTION_REF.sub("", str(text)).strip()


def citation(rule: Rule) -> str:
    """The management document (and clause) a rule rests on, as the body cites it; the report a
    rule was transcribed from (source.report) is provenance, for the annex."""
    return rule.citation


@dataclass(frozen=True)
class LeafText:
    """One indicator as the report argues it: heading parts and the paragraph."""

    id: str
    name: str
    weight: Decimal
    score: Decimal | None
    text: str


def leaf_texts(result: CheckResult, t: dict, indicator: str | None = None) -> list[LeafText]:
    """Every leaf of the scheme (or the one `indicator`), in scheme order, as a paragraph in the
    labels' language `t`: what was checked (the rules' titles), what the facts show (the
    findings' texts, or that nothing was found), the score and why (each deduction)."""
    by_leaf: dict[str, list[Rule]] = {}
    for rule in result.rules:
        by_leaf.setdefault(rule.indicator, []).append(rule)
    gaps = {g.leaf: g for g in result.rule_gaps}
    unassessed = {r.id: r for r in result.cannot_assess}
    out = []
    for leaf in result.scheme.leaves:
        if indicator is not None and leaf.id != indicator:
            continue
        row = result.scores.get(leaf.id)
        rules = sorted(by_leaf.get(leaf.id, []), key=lambda r: r.id)
        findings = [f for f in result.findings if f.indicator == leaf.id]
        out.append(LeafText(leaf.id, leaf.name, leaf.weight, row.score,
                            _paragraph(result, rules, findings, row, gaps.get(leaf.id), unassessed, t)))
    return out


def _paragraph(result, rules, findings, row, gap, unassessed, t: dict) -> str:
    key = "title" if t["lang"] == "zh" else "title_en"
    checked = t["prose_sep"].join(_strip_end(getattr(r, key) or r.title) for r in rules)
    parts = [t["prose_checked"].format(what=checked)] if checked else []
    if gap is not None:
        parts.append(t["prose_gap"].format(gap=gap_text(gap, t)))
    cannot = [r for r in rules if r.id in unassessed]
    for rule in cannot:
        parts.append(t["prose_cannot"].format(why=plain(reason(result, rule, t))))
    if row.score is None:
        return "".join(parts)
    if findings:
        parts.append(t["prose_found"])
    for finding in findings:
        parts.append(_finding_sentence(result, finding, t))
    if not findings:
        parts.append(t["prose_clean"])
    if not row.weight:  # weighs nothing (a form's review leaf): its findings say what to correct
        parts.append(t["prose_unscored"])
    elif cannot:  # part of the leaf assessed: its score is what was assessed
        parts.append(t["prose_score"].format(score=points(row.score, t), weight=points(row.weight, t)))
    elif row.score == row.weight:
        parts.append(t["prose_full"].format(score=points(row.score, t)))
    else:
        parts.append(t["prose_score"].format(score=points(row.score, t), weight=points(row.weight, t)))
    return "".join(parts)


def _finding_sentence(result: CheckResult, finding: Finding, t: dict) -> str:
    text = sentence(finding.text, t)
    if not result.scheme.indicators[finding.indicator].weight:  # the leaf's prose_unscored says it
        return text
    cut = cut_text(result, finding, shown_deduction(result, finding), t, "prose_cut", "prose_no_cut")
    return text + (_end(cut, t) if finding.waiver is not None else cut)


def _strip_end(text: str) -> str:
    return str(text).rstrip("。.；; ")


def _end(text: str, t: dict) -> str:
    """A sentence closed with a full stop: 。 after Chinese (a rule's finding is Chinese in an
    English report too), else the labels' language's."""
    text = text.rstrip()
    if not text or text[-1] in "。.！？!?":
        return text
    text = text.rstrip("；;，,")
    return text + ("。" if text and ord(text[-1]) >= 0x2E80 else t["full_stop"])


def sentence(text: str, t: dict) -> str:
    """A finding's text as a sentence of the report's body: references to an earlier report's
    sections removed (plain), closed with a full stop."""
    return _end(plain(text), t)


def budget_lines(result: CheckResult) -> list[tuple[str, str]]:
    """The budget as the facts give it: [(item, amount in the case's unit)], in file order (a
    self-evaluation form's: the 全年预算数 of each 其中 row of its funds block); [] when the case
    has no budget table."""
    rows = result.tables.get("budget", ())
    if rows:
        return [(str(r.values.get("item", "")), _amount(r.values.get("amount"))) for r in rows]
    names = DATA_WORDS["form_funds_rows"]
    return [(names.get(r.values["row_kind"], r.values["row_kind"]), _amount(r.values["full_year_budget"]))
            for r in result.tables.get("form_funds", ())
            if r.values.get("row_kind") != "total" and r.values.get("full_year_budget") is not None]


def execution(result: CheckResult) -> tuple[str, str, str] | None:
    """(budget total, spent, execution rate as a percentage) from the derived budget_execution
    fact, or None when it was not derived."""
    rows = result.tables.get("budget_execution", ())
    if rows:
        values = rows[0].values
        budget, spent = values.get("budget_total"), values.get("spent")
    else:  # a self-evaluation form: its 年度资金总额 row (全年预算数, 全年执行数)
        rows = result.tables.get("form_totals", ())
        if not rows:
            return None
        values = rows[0].values
        budget, spent = values.get("budget"), values.get("executed")
    rate = values.get("execution_rate")
    if not isinstance(rate, Decimal) or budget is None or spent is None:
        return None
    return _amount(budget), _amount(spent), percent_text(rate)


def targets(result: CheckResult) -> list[str]:
    """The performance targets' texts (targets.yaml, or the expected effects, or a self-evaluation
    form's 年度总体目标 预期目标), in file order."""
    for table, column in (("targets", "text"), ("expected_effects", "text"), ("expected_effects", "effect"),
                          ("form_header", "goal_expected")):
        rows = result.tables.get(table, ())
        texts = [str(r.values[column]) for r in rows if r.values.get(column)]
        if texts:
            return texts
    return []


def _amount(value) -> str:
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")).normalize(), "f")
    return "" if value is None else str(value)


HISTORY_ORDER = ("rectified", "repeated", "unassessed_now", "new", "unassessed_before", "not_compared")


def ordered_history(result: CheckResult) -> list:
    """The year-over-year rows (HistoryItem) by indicator code (the scheme's order), then status
    (HISTORY_ORDER), then rule: the order every year-over-year table lists them in."""
    order = result.scheme.order.index
    return sorted(result.history, key=lambda h: (order(h.indicator), HISTORY_ORDER.index(h.status), h.rule))


def history_counts(result: CheckResult) -> dict[str, int]:
    """How many rows of the year-over-year table have each status (every status, 0 when none):
    they add up to the rows the table lists."""
    return {status: sum(1 for h in result.history if h.status == status) for status in HISTORY_ORDER}


def history_summary(result: CheckResult, t: dict) -> str:
    """The sentence under the year-over-year table: its rows counted by status, each named as it
    is (上年未评价 is not 新发现), so that the counts add up to the rows listed."""
    counts = history_counts(result)
    parts = [t["history_parts"][status].format(n=n) for status, n in counts.items() if n]
    return t["history_summary"].format(total=len(result.history), parts=t["history_sep"].join(parts))


def advice_sources(result: CheckResult) -> list[tuple[int, str]]:
    """(number, source) of each recommendation that names where it comes from, numbered as the
    recommendations are listed (one per distinct text, in the order of the findings)."""
    grouped: dict[str, list] = {}
    for finding in result.findings:
        grouped.setdefault(finding.recommendation, []).append(finding)
    out = []
    for number, findings in enumerate(grouped.values(), start=1):
        source = next((f.recommendation_source for f in findings if f.recommendation_source), "")
        if source:
            out.append((number, source))
    return out
