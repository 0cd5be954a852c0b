"""The working paper (指标工作底稿) as data: for each leaf, each rule in force, the facts it
compared, whether the engine matched them, the deduction with its formula filled in, and how
the leaf's score follows. `explain` prints it; the full report renders it as tables.

Everything it says the check did is read from what the check recorded as it ran: the engine's
matches and period judgments (CheckResult.trace), each deduction with the inputs its formula was
computed with (Finding.inputs), each leaf's working (IndicatorScore.net). Nothing here evaluates
a condition or computes a formula or a score again; whether the engine agrees with the plain
meaning of conditions is tested, not printed (tests/test_differential.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..check.findings import label_of
from ..lang.conditions import own_fields
from ..lang.formulas import written_in
from ..lang.texts import format_value
from ..model.results import CheckResult, Finding, IndicatorScore, RuleGap
from ..model.rules import Rule
from ..model.schemes import DEFAULT_PRECISION
from ..model.values import FactDate
from .common import adjustment_text, not_applicable_text, places, waiver_state
from .labels import ZH

MAX_FACTS = 60


@dataclass(frozen=True)
class FactLine:
    where: str      # file and line (or the derived table and its sources)
    label: str
    values: dict    # the compared fields, as shown
    matched: bool   # the engine fired the rule on this fact
    in_period: bool = True  # the engine found it dated in the rule's period (a rule in force all year: always)


@dataclass(frozen=True)
class RulePaper:
    rule: Rule
    facts: tuple[FactLine, ...]
    fact_count: int
    deductions: tuple[str, ...]  # the working of each deduction
    cannot_assess: bool
    params: dict            # each parameter's value in the check year, as the score used it
    joined: tuple[str, ...] = ()  # a rule over several tables: each match, every row it joined


@dataclass(frozen=True)
class LeafPaper:
    id: str
    name: str
    weight: Decimal
    score: Decimal | None
    rules: tuple[RulePaper, ...]
    working: str            # weight − deductions = … → score
    gap: RuleGap | None = None  # no rule in force for (part of) the year: 规则缺口
    row: IndicatorScore | None = None  # the leaf's row of the score table (不适用, adjusted, normalised)


def working_papers(result: CheckResult, rule_id: str | None = None, indicator: str | None = None,
                   t: dict = ZH, facts: bool = True) -> list[LeafPaper]:
    """For each leaf (or the one `indicator`), the papers of its rules in force (or the one
    `rule_id`); the places of facts and a gap's working in the labels' language `t`. Without
    `facts`, each rule's fact lines are left out (report/readable.py picks and shows its own)."""
    by_leaf: dict[str, list[Rule]] = {}
    for rule in result.rules:
        by_leaf.setdefault(rule.indicator, []).append(rule)
    gaps = {g.leaf: g for g in result.rule_gaps}
    out = []
    for leaf in result.scheme.leaves:
        chosen = [r for r in by_leaf.get(leaf.id, []) if rule_id in (None, r.id)]
        gap = gaps.get(leaf.id)
        # A leaf without a rule in force still has its paper (saying so), unless one rule is asked for.
        row = result.scores.get(leaf.id)
        dropped = row.not_applicable is not None and rule_id is None  # 不适用: its paper says why
        if (indicator and leaf.id != indicator) or not (chosen or (gap and rule_id is None) or dropped):
            continue
        out.append(LeafPaper(leaf.id, leaf.name, leaf.weight, row.score,
                             tuple(_rule_paper(r, result, t, facts) for r in sorted(chosen, key=lambda r: r.id)),
                             _working(row, result.findings, gap, t, result.scheme.precision), gap, row))
    return out


def _rule_paper(rule: Rule, result: CheckResult, t: dict, shown_facts: bool = True) -> RulePaper:
    """The facts the engine was given for the rule (its table's), what it matched and which it
    found in the rule's period, as the trace recorded them."""
    trace = result.trace
    facts = trace.facts.get(rule.table, ())
    matched = trace.matched(rule.id)  # a rule that reads implausible facts keeps its matches here
    in_period = trace.in_period.get(rule.id)  # None: in force all year, every fact is judged
    year = result.case.year
    fields = sorted(own_fields(rule.condition_in(year)) | ({rule.date_column} if in_period is not None else set()))
    schema = result.schemas.tables[rule.table] if result.schemas else None
    lines = tuple(FactLine(_where(row, t, fields), label_of(row, result.schemas),
                           {f: _shown(row, f, result.suspect.get(id(row)), schema, t) for f in fields},
                           row.id in matched, in_period is None or row.id in in_period)
                  for row in facts[:MAX_FACTS if shown_facts else 0])
    cannot = any(r.id == rule.id for r in result.cannot_assess)
    deductions = tuple(_deduction(rule, f, result, t) for f in result.findings if f.rule == rule.id)
    return RulePaper(rule, lines, len(facts), deductions, cannot, rule.params_for(year), _joined(rule, result, t))


def _joined(rule: Rule, result: CheckResult, t: dict) -> tuple[str, ...]:
    """Each match of a rule over several tables as the rows it joined: alias file:line label."""
    if not rule.aliases:
        return ()
    facts = {row.id: row for table in rule.tables for row in result.trace.facts.get(table, ())}
    aliases = [a.name for a in rule.aliases if not a.absent]
    lines = []
    for match in (m for m in result.trace.matches if m.rule == rule.id):
        rows = [facts[i] for i in (match.fact, *match.joined)]
        lines.append(" + ".join(f"{alias} {_where(row, t)} {label_of(row, result.schemas)}"
                                for alias, row in zip(aliases, rows)))
    return tuple(lines)


def _where(row, t: dict, fields=()) -> str:
    """Where a fact stands; a derived one by the cells its `fields` were read from when it records
    them (a form's goal: 目标表.xlsx[绩效目标表] B5), else by the rows it rests on."""
    if row.derived_from:
        return t["wp_derived_where"].format(table=row.table, places=places(row.places(fields), t))
    return f"{row.file}:{row.line}" if row.line is not None else row.file


def withheld(row, column: str, suspect, schema) -> bool:
    """Whether a value is not shown at all: a derived row's (but its key and label) computed from
    a fact that cannot be true (`suspect`: jixiao.check.suspect's Suspect of the row, or None)."""
    if suspect is None or suspect.columns is not None or row.values.get(column) is None:
        return False
    return column not in ({*schema.key, schema.label} if schema is not None else set())


def _shown(row, column: str, suspect, schema, t: dict) -> str:
    """A compared value; one resting on a fact that cannot be true is marked, and a derived one
    (computed from it) is not shown at all."""
    if suspect is None or row.values.get(column) is None:
        return shown(row.values.get(column), t)
    if withheld(row, column, suspect, schema):
        return t["wp_implausible_value"]
    if suspect.columns is not None and column in suspect.columns:
        return shown(row.values.get(column), t) + t["wp_implausible_value"]
    return shown(row.values.get(column), t)


def shown(value, t: dict = ZH) -> str:
    """A fact's value as the working paper shows it; a missing one in the labels' words (`t`)."""
    if value is None:
        return t["wp_missing_value"]
    if isinstance(value, FactDate):
        return value.text
    return format_value(value)


def precise(value: Decimal) -> str:
    """4 decimals, as the working paper shows intermediate results."""
    return format_value(value.quantize(Decimal("0.0001")).normalize())


def _deduction(rule: Rule, finding: Finding, result: CheckResult, t: dict = ZH) -> str:
    """The formula, filled in with the inputs it was computed with, and the deduction it gave."""
    with_inputs = written_in(rule.amount.source, finding.inputs)
    scope = t["wp_once"] if rule.per == "rule" else t["wp_per_fact"].format(label=label_of(finding.rows[0], result.schemas))
    text = rule.amount.source
    if with_inputs != text:
        text += f" = {with_inputs}"
    waived = t["deduction_waived"].format(waiver=waiver_state(finding.waiver, t)) if finding.waiver is not None else ""
    return t["wp_deduction_line"].format(formula=text, deduction=precise(finding.deduction), scope=scope, waived=waived)


def _working(row: IndicatorScore, findings: tuple[Finding, ...], gap: RuleGap | None, t: dict,
             places: int = DEFAULT_PRECISION) -> str:
    """How the leaf's score follows, as scoring recorded it (jixiao.check.scoring)."""
    if row.not_applicable is not None:
        return t["working_na"].format(why=not_applicable_text(row.not_applicable, t))
    if gap is not None:
        return t["working_gap"]
    if not row.assessed:
        return t["working_missing"]
    parts = " + ".join(f"{precise(f.counted)} {f.rule}"
                       + (t["working_waived"].format(d=precise(f.deduction)) if f.waiver is not None else "")
                       for f in findings if f.indicator == row.id) or "0"
    computed = row.score if row.adjustment is None else row.computed
    text = t["wp_leaf_working"].format(weight=format_value(row.weight), parts=parts, net=precise(row.net),
                                       score=computed, to=_to(places, t))
    if row.adjustment is not None:
        text += t["wp_adjusted"].format(adjustment=adjustment_text(row.adjustment, t), score=row.score)
    if row.normalised is not None and row.effective_weight != row.weight:
        text += t["working_normalised"].format(weight=row.effective_weight, score=row.normalised)
    return text


def _to(places: int, t: dict) -> str:
    """The scheme's precision, when it is not the usual 2 decimals."""
    if places == DEFAULT_PRECISION:
        return ""
    return t["wp_to_whole"] if places == 0 else t["wp_to_places"].format(places=places)
