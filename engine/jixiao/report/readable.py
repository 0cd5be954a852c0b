"""The working papers (指标工作底稿) as a reader of the report reads them: each rule's facts in a
table whose columns carry the schema's Chinese titles and units, not field names, and whose
numbers are rounded as people quote them (amounts to 2 decimals, ratios as percentages); the
deduction's formula in words (权重 × (1 − 预算执行率)).

What it shows is what the check recorded (report/workpaper.py: the engine's matches, each
deduction's inputs, each leaf's working); nothing is evaluated again. Only the choice of rows
is presentation: a rule that picks its fact by a literal key (`id == "strategic_fit"`, as the
observation rules do) shows that fact, not every other row of its table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..check.findings import label_of
from ..lang.conditions import picked_by, tree_fields
from ..lang.texts import ANSWER_TEXT
from ..model.percents import percent_text
from ..model.results import CheckResult
from ..model.rules import Rule
from ..model.values import FactDate
from ..lang.formulas import condition_shown, written_in
from .common import as_shown, places, points, reason, rounding_text
from .labels import DATA_WORDS, ZH
from .workpaper import LeafPaper, withheld, working_papers

RATIO_UNITS = (DATA_WORDS["ratio_unit"],)
_NAME = re.compile(r"\"[^\"]*\"|'[^']*'|[A-Za-z_][A-Za-z0-9_]*")  # a quoted literal is kept as it is


@dataclass(frozen=True)
class Table:
    """A rule's facts as a table: column titles, then rows of cells (text)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class RuleSheet:
    rule: Rule
    basis: str           # the management document and clause, and the report it was transcribed from
    condition: str       # what makes the rule deduct, with column titles for field names
    formula: str         # how much it deducts, in words ('' when it deducts nothing this year)
    deductions: tuple[str, ...]  # each deduction: the formula filled in with the facts, and its value
    facts: Table
    more: int            # facts not shown (beyond the limit)
    cannot_assess: str   # why the rule could not assess ('' when it could)
    reviews: bool = False  # a rule of a leaf that weighs nothing: it finds problems, it deducts nothing


@dataclass(frozen=True)
class LeafSheet:
    id: str
    name: str
    weight: Decimal
    score: Decimal | None
    rules: tuple[RuleSheet, ...]
    working: str


def sheets(result: CheckResult, t: dict = ZH, limit: int = 20, indicator: str | None = None) -> list[LeafSheet]:
    """Every leaf's readable working paper (or the one `indicator`'s), in scheme order; at most
    `limit` facts per rule, those a rule matched (deducted for) first, then the others in the
    order of their files. report.docx's annex and report.md / .html's working papers read these."""
    out = []
    for paper in working_papers(result, indicator=indicator, t=t, facts=False):
        out.append(LeafSheet(paper.id, paper.name, paper.weight, paper.score,
                             tuple(_sheet(result, rp, t, limit) for rp in paper.rules), _working(result, paper, t)))
    return out


def _sheet(result: CheckResult, paper, t: dict, limit: int) -> RuleSheet:
    rule = paper.rule
    year = result.case.year
    schema = result.schemas.tables.get(rule.table) if result.schemas else None
    tree = rule.condition_in(year)
    fields = sorted(tree_fields(tree))
    rows = list(result.trace.facts.get(rule.table, ()))
    picked = _picked(tree, schema)
    if picked is not None:
        rows = [r for r in rows if r.values.get(picked[0]) in picked[1]]
    matched = result.trace.matched(rule.id)
    in_period = result.trace.in_period.get(rule.id)
    rows.sort(key=lambda row: row.id not in matched)  # the facts it deducted for first: they are the ones shown
    # a rule of a leaf that weighs nothing (a form's review, a 绩效目标表's) finds problems, never deducts
    reviews = not result.scheme.indicators[rule.indicator].weight
    columns = (t["wp_fact"], *(_title(schema, f) for f in fields if not picked or f != picked[0]),
               t["wp_found" if reviews else "wp_fired"])
    shown_fields = [f for f in fields if not picked or f != picked[0]]
    body = []
    for row in rows[:limit]:
        suspect = result.suspect.get(id(row))
        cells = [t["wp_implausible_value"] if withheld(row, f, suspect, schema) else  # computed from it: not shown
                 coded(row.values.get(f), schema, f, t, row.values) for f in shown_fields]
        where = _where(row, result, t, fields) + (t["wp_implausible_value"] if suspect is not None else "")  # once a fact
        judged = in_period is None or row.id in in_period  # a rule in force in part of the year judges its own dates
        body.append((where, *cells, t["yes"] if row.id in matched else t["no"] if judged else t["outside"]))
    cannot = reason(result, rule, t) if paper.cannot_assess else ""
    deductions = () if reviews else tuple(_deduction(rule, f, schema, t) for f in result.findings if f.rule == rule.id)
    condition = condition_shown(rule, year) if rule.method else rule.where.source  # a method's arguments written in
    return RuleSheet(rule, rule.citation, words(condition, schema, t), words(rule.amount.source, schema, t),
                     deductions, Table(columns, tuple(body)), max(0, len(rows) - limit), cannot, reviews)


def _deduction(rule: Rule, finding, schema, t: dict) -> str:
    """The formula in words, filled in with the inputs it was computed with, and its value."""
    with_inputs = written_in(rule.amount.source, finding.inputs)
    text = words(rule.amount.source, schema, t)
    if with_inputs != rule.amount.source:
        text += " = " + words(with_inputs, schema, t)
    return f"{text} = {precise(finding.deduction)}"


def _picked(tree: tuple, schema) -> tuple[str, tuple] | None:
    """(column, values) when the condition picks its facts by a literal on the table's key or
    label column (jixiao.lang.conditions.picked_by); else None."""
    if schema is None:
        return None
    return picked_by(tree, {*schema.key, *([schema.label] if schema.label else [])})


def title(schema, field: str) -> str:
    """A column's title (with its unit but a ratio's), or the field name when it has none."""
    return _title(schema, field)


def _title(schema, field: str) -> str:
    column = schema.columns.get(field) if schema is not None else None
    if column is None or not column.title:
        return field
    unit = column.unit if column.unit and column.unit not in RATIO_UNITS else ""
    return f"{column.title}（{unit}）" if unit else column.title


def readable(value, unit: str = "", t: dict = ZH) -> str:
    """A fact's value as the report quotes it: a ratio as a percentage (jixiao.model.percents: 98%,
    99.83%, 0.99995 as 99.995%), another
    number as written when it has at most 4 decimals, else (computed) at 2 decimals (4 when
    smaller than 0.01), an answer as 是/否/部分, a date as written; a missing value says so."""
    if value is None:
        return t["wp_missing"]
    if isinstance(value, FactDate):
        return value.text
    if isinstance(value, bool):
        return t["yes"] if value else t["no"]
    if isinstance(value, Decimal):
        if unit in RATIO_UNITS:
            return percent_text(value)
        # as written (at most 4 decimals: rounding 0.999 to “1” would hide why a target was missed), a
        # computed value at 2 decimals (4 under 0.01)
        text = format(as_shown(value, small=True), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    text = str(value)
    if t["lang"] == "zh" and text in ANSWER_TEXT:
        return ANSWER_TEXT[text]
    return text


def coded(value, schema, field: str, t: dict = ZH, row: dict | None = None) -> str:
    """A fact's value as `readable`, a code of a column with allowed values (direction: at_least)
    in words (≥（正向）); a number whose unit its row names (the schema's `unit_in`; `row`: the
    row's values) in that unit: a target of 0.999 in 比例 reads 99.90%."""
    column = schema.columns.get(field) if schema is not None else None
    if isinstance(value, str) and column is not None and column.allowed and value in column.allowed:
        return t["wp_codes"].get(value, value)
    unit = column.unit if column is not None else ""
    if column is not None and column.unit_in and row:
        unit = str(row.get(column.unit_in) or "")
    return readable(value, unit, t)


def evidence_values(item, rule: Rule | None, schemas, t: dict = ZH) -> str:
    """The values a finding's evidence item names ({column: value}, as findings.json has them),
    as the working papers show them: column titles, codes in words, rounded numbers, joined by
    '；' ('' when it names none)."""
    values = item.get("values") or {}
    if not values:
        return ""
    table = item.get("derived") or (rule.table if rule is not None else None)
    if rule is not None and item.get("alias"):
        table = next((a.table for a in rule.aliases if a.name == item["alias"]), table)
    schema = schemas.tables.get(table) if schemas is not None and table else None
    shown = []
    for name, value in values.items():
        if isinstance(value, float):  # findings.json's plain number: the fact's decimal, as read
            value = Decimal(repr(value))
        shown.append(f"{_title(schema, name)} = {coded(value, schema, name, t, values)}")
    return "；".join(shown)


def words(source: str, schema, t: dict = ZH) -> str:
    """A condition or formula with each field name replaced by its column's title (weight,
    count by theirs), operators as people write them; long decimals rounded to 4 places."""
    titles = {name: column.title for name, column in (schema.columns.items() if schema is not None else ())
              if column.title}
    titles.update(t["wp_names"])

    def name(match: re.Match) -> str:
        said = match.group(0)
        if said[0] in "\"'":  # a quoted code, as its column's values are shown: "none" → "未写方向"
            code = t["wp_codes"].get(said[1:-1])
            return f"{said[0]}{code}{said[0]}" if code else said
        return titles.get(said, said)

    out = _NAME.sub(name, source)
    out = re.sub(r"\d+\.\d{5,}", lambda m: str(Decimal(m.group(0)).quantize(Decimal("0.0001"))), out)
    for code, shown in t["wp_operators"]:
        out = out.replace(code, shown)
    return out


def _where(row, result: CheckResult, t: dict, fields=()) -> str:
    """A fact as a reader finds it: its caption in words when its table has one (核查问题), then
    its label and where it was read: “项目是否符合…？（strategic_fit，observations.yaml 第 3 行）”;
    a derived fact by the cells its `fields` were read from when it records them (a form's goal:
    目标表.xlsx[绩效目标表] B5), else by the rows it rests on."""
    label = label_of(row, result.schemas)
    if row.derived_from:
        where = places(row.places(fields), t)
    else:
        where = places([row.evidence()], t) or row.file
    schema = result.schemas.tables.get(row.table) if result.schemas else None
    caption = schema.caption_of(row.values) if schema is not None else ""
    if caption and caption != label:
        return f"{caption}（{label}{t['wp_label_sep']}{where}）" if label and label != row.id else f"{caption}（{where}）"
    return f"{label}（{where}）" if label and label != row.id else where


def _working(result: CheckResult, paper: LeafPaper, t: dict) -> str:
    """How the leaf's score follows, as scoring recorded it, in the labels' words."""
    if paper.gap is not None or paper.score is None:
        return t["wp_unassessed"]
    row = result.scores.get(paper.id)
    if not row.weight:  # a review leaf (weight 0, a form's review): nothing to work out
        return t["wp_unscored"]
    cuts = [precise(f.deduction) for f in result.findings if f.indicator == paper.id and f.deduction]
    return t["wp_working"].format(weight=precise(row.weight), cuts=" − ".join(cuts) if cuts else "0",
                                  net=precise(row.net), score=points(row.score, t),
                                  rounding=rounding_text(result.scheme, t))


def precise(value: Decimal) -> str:
    """An intermediate result as the working paper shows it: up to 4 decimals."""
    return format(value.quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize(), "f")
