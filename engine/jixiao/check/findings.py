"""Turn the engine's matches into findings: deduction, text, recommendation and evidence."""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from collections.abc import Mapping
from types import MappingProxyType

from ..lang.expressions import ExprError
from ..lang.formulas import compute
from ..lang.texts import render_template
from ..model.facts import Fact
from ..model.messages import Message
from ..model.percents import percent_text
from ..model.results import Deferred, Finding
from ..model.rules import CASE_WORDS, PLACEHOLDER, Rule
from ..model.schemes import Scheme
from ..model.tables import TableSchemas
from ..model.trace import Match
from ..model.values import FactDate
from ..model.vocabulary import RATIO_UNIT
from .history import fingerprint

# One fingerprint (a hash) per finding of every case: the same rules and labels recur.
_fingerprint = functools.lru_cache(maxsize=4096)(fingerprint)


class RuleError(ValueError):
    """A rule that fired but could not compute its deduction or text: the run fails."""

    def __init__(self, rule: Rule, message: str):
        super().__init__(f"{rule.file}: {message}")
        self.file, self.message = rule.file, message


def build_findings(matches: tuple[Match, ...], rules: list[Rule], facts: dict[str, Fact], scheme: Scheme,
                   schemas: TableSchemas, year: int, case_meta: Mapping | None = None) -> list[Finding]:
    """One finding per rule (deduct per rule) or per match (deduct per match: a matched fact, or
    for a rule over several tables one matched row of each), each with its deduction (points,
    Decimal) and the inputs its formula was computed with. `case_meta`: what case.yaml says, for
    the {case.unit_short} a text may quote (case_words).
    Raises RuleError when a formula or text cannot be computed."""
    words = case_words(case_meta or {})
    by_rule: dict[str, list[tuple[Fact, ...]]] = defaultdict(list)
    for match in matches:
        row = facts[match.fact]
        by_rule[match.rule].append((row, *[facts[other] for other in match.joined]) if match.joined else (row,))
    findings = []
    order = scheme.order.index
    for rule in sorted([r for r in rules if r.id in by_rule], key=lambda r: (order(r.indicator), r.id)):
        combos = sorted(by_rule[rule.id], key=_place_of)
        weight = scheme.indicators[rule.indicator].weight
        params = rule.params_for(year)
        groups = [[combo] for combo in combos] if rule.per == "match" else [combos]
        for group in groups:
            findings.append(_finding(rule, group, weight, schemas, params, year, words))
    return findings


def _place_of(rows: tuple[Fact, ...]) -> list[tuple[str, int]]:
    """A match's rows in the order findings list them: by table and row."""
    return [(row.table, row.index) for row in rows]


def case_words(meta: Mapping) -> dict[str, str]:
    """What a finding's or a recommendation's text may quote of case.yaml ({case.project},
    {case.unit}, {case.unit_short}, {case.department}): as written, a short name falling back to
    the full one, and a word case.yaml leaves out to the role's name (项目单位, 主管部门), so that
    a sentence never reads “（未记录）应…”."""
    given = {word: str(meta[word]).strip() for word in CASE_WORDS if isinstance(meta.get(word), str) and meta[word].strip()}
    unit = given.get("unit") or Message("findings.case_unit").render("zh")  # finding texts are Chinese
    return {"case.project": given.get("project", ""), "case.unit": unit, "case.unit_short": given.get("unit_short", unit),
            "case.department": given.get("department") or Message("findings.case_department").render("zh")}


def _finding(rule: Rule, combos: list[tuple[Fact, ...]], weight: Decimal, schemas: TableSchemas,
             params: dict, year: int, words: dict) -> Finding:
    # the rows of the rule's own table, each once (a row joined to two rows matches twice)
    rows = [combos[0][0]] if len(combos) == 1 else list({id(combo[0]): combo[0] for combo in combos}.values())
    env = {**params, "weight": weight, "count": Decimal(len(rows))}
    if rule.per == "match":
        env.update(rows[0].values)  # a date computes as its latest day (lang.formulas)
    try:
        deduction = compute(rule.amount, env)
    except ExprError as exc:
        raise RuleError(rule, f"deduction of rule {rule.id} on {rows[0].id}: {exc}") from None
    if not isinstance(deduction, Decimal) or deduction < 0:
        raise RuleError(rule, f"deduction of rule {rule.id} must be a number ≥ 0, got {deduction!r}")
    if deduction > weight:  # on plausible facts: the formula is wrong, its excess is not to be clamped away
        shown = deduction.quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize()
        raise RuleError(rule, f"deduction of rule {rule.id} on {rows[0].id} is {shown:f}, more than "
                              f"the weight {weight} of {rule.indicator}; cap the formula, e.g. min(weight, …)")

    def render() -> str:
        return render_template(rule.finding, {**words, **_text_env(rule, env, deduction, rows, combos, schemas, year)})

    # The text and evidence are built when first read (rendered): a batch of summary rows never
    # reads most of them. Only a number format ({x|pct}, {x|n2}) can fail to render (a value that
    # is not a number: the rule is wrong), so the values a text formats as numbers are looked at
    # now, and a text that would fail is rendered now, and fails now.
    text: str | Deferred = Deferred(render)
    numbers = _number_fields(rule.finding)
    if numbers:
        shown = _text_env(rule, env, deduction, rows, combos, None, year)  # (labels as "": text all the same)
        if any(name in shown and not isinstance(shown[name], Decimal) for name in numbers):
            try:
                text = render()
            except ValueError as exc:
                raise RuleError(rule, str(exc)) from None
    recommendation = rule.recommendation["text"]
    if "{" in recommendation:  # only what case.yaml says ({case.unit_short}): checked when the rule was loaded
        recommendation = render_template(recommendation, words)
    return Finding(rule.id, rule.title, rule.family, rule.indicator, deduction, text,
                   recommendation, rule.recommendation.get("source", ""), rule.citation,
                   Deferred(lambda: tuple(_evidence(rule, combos))), tuple(rows),
                   _fingerprint(rule.id, rule.per, _identity(rule, combos, schemas)),
                   MappingProxyType(env))  # env is not changed after: text_env is a copy


BRIEF = 5  # labels named in a finding's sentence by {labels_brief}; the evidence lists every row
LIST_END = "。．.；;"  # stops a label may end with (an issue written as a sentence), dropped inside a list


def _text_env(rule: Rule, env: dict, deduction: Decimal, rows: list[Fact], combos: list[tuple[Fact, ...]],
              schemas: TableSchemas, year: int) -> dict:
    """The names a finding's text may use: its formula's, the deduction, the labels of its rows
    (`labels`: every one; `labels_brief`: the first five and 等 when there are more), the check's
    `check_year` and `prior_year`; per match, the row's values and label, and for a rule over several
    tables alias.column. With `schemas` None every label is "" (the names' values are text all the
    same: enough to see which are numbers)."""
    labels = [label_of(row, schemas) for row in rows] if schemas is not None else [""] * len(rows)
    listed = [label.rstrip(LIST_END) for label in labels]  # a sentence's full stop does not end a list's item
    brief = "、".join(listed[:BRIEF])
    if len(labels) > BRIEF and schemas is not None:  # finding texts are written in Chinese: the Chinese 等
        brief = Message("findings.brief_more", {"labels": brief}).render("zh")
    text_env = dict(env, deduction=deduction, labels="、".join(listed), labels_brief=brief,
                    check_year=year, prior_year=year - 1)
    if rule.per == "match":
        text_env.update(rows[0].values, label=labels[0])  # dates as written, e.g. 2017-10
        text_env.update(_in_percent(rule.finding, rows[0], schemas))
        matched = [alias for alias in rule.aliases if not alias.absent]
        text_env.update({f"{alias.name}.{k}": v for alias, row in zip(matched, combos[0]) for k, v in row.values.items()})
    return text_env


def _in_percent(template: str, row: Fact, schemas: TableSchemas) -> dict:
    """The row's numbers in 比例 that the text quotes plainly ({value}, no format), as percentages:
    a column whose unit its row names (`unit_in`) holds 0.98 for 98 %, which a reader must not
    see as “实际完成 0.98”; by the one rule of jixiao.model.percents (98%, 99.83%, 99.995%). A number
    format the author chose ({value|n2}) is left as it is."""
    schema = schemas.tables.get(row.table) if schemas is not None else None
    if schema is None:
        return {}
    out = {}
    for name in _plain_placeholders(template):
        column = schema.columns.get(name)
        value = row.values.get(name)
        if column is not None and column.unit_in and isinstance(value, Decimal) \
                and row.values.get(column.unit_in) == RATIO_UNIT:
            out[name] = percent_text(value)
    return out


@functools.lru_cache(maxsize=1024)  # a rule's text is the same for every finding of it
def _plain_placeholders(template: str) -> tuple[str, ...]:
    """The names a text quotes without a format ({value}, not {value|pct})."""
    return tuple(match[1].strip() for match in PLACEHOLDER.finditer(template) if not (match[2] or "").strip())


@functools.lru_cache(maxsize=1024)  # a rule's text is the same for every finding of it
def _number_fields(template: str) -> tuple[str, ...]:
    """The names a text formats as a number ({x|pct}, {x|n2}): the only placeholders whose
    rendering can fail (jixiao.lang.texts.format_value), when the value is not a number."""
    return tuple(match[1].strip() for match in PLACEHOLDER.finditer(template) if (match[2] or "").strip() in ("pct", "n2"))


def _identity(rule: Rule, combos: list[tuple[Fact, ...]], schemas: TableSchemas) -> str:
    """What tells a finding apart from year to year: its first row's label; for a match of a rule
    over several tables, the labels of every row it joined (one row may match with several)."""
    if rule.aliases and rule.per == "match":
        return " + ".join(label_of(row, schemas) for row in combos[0])
    return label_of(combos[0][0], schemas)


def label_of(row: Fact, schemas: TableSchemas) -> str:
    """How findings and tests name a fact: its table's label column, else its id."""
    schema = schemas.get(row.table)
    if schema and schema.label and schema.label in row.values:
        return str(row.values[schema.label])
    return row.id


def _evidence(rule: Rule, combos: list[tuple[Fact, ...]]) -> list[MappingProxyType]:
    """Each matched fact (for a rule over several tables, every row of each match, named by its
    alias): the observed file and row it rests on, and the values compared (read-only mappings)."""
    own = rule.where.names | (rule.amount.names if rule.per == "match" else set())
    aliases = [alias for alias in rule.aliases if not alias.absent] or [None]
    fields = [sorted(_compared(rule, alias, own if position == 0 else set()))
              for position, alias in enumerate(aliases)]
    items, seen = [], set()
    for combo in combos:
        for row, alias, compared in zip(combo, aliases, fields):
            if id(row) in seen:  # a row in two matches is named once
                continue
            seen.add(id(row))
            values = {f: _plain(row.values[f]) for f in compared if f in row.values}
            # the cells the compared values were read from (a form's goal, its year), else the rows
            for position, item in enumerate(row.places(compared)):
                if position == 0:
                    if alias is not None:
                        item["alias"] = alias.name
                    item["values"] = MappingProxyType(values)
                    if row.derived_from:
                        item["derived"] = row.table
                items.append(MappingProxyType(item))
    return items


def _compared(rule: Rule, alias, own: set) -> set:
    """The columns of one alias's row a finding shows: its condition's and its joins'."""
    if alias is None:
        return own
    joined = {column for a, x, b, y in rule.on for side, column in ((a, x), (b, y)) if side == alias.name}
    return own | joined | (alias.where.names if alias.where is not None else set())


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, FactDate):
        return value.text
    return value
