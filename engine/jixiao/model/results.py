"""What a check finds: findings, scores, integrity notes, rule gaps, last year's findings, and
the result of one case that holds them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from .facts import Case, Fact
from .messages import Message
from .rules import Rule
from .schemes import NO_GRADE, Scheme
from .tables import TableSchemas
from .trace import EMPTY, Trace


class Deferred:
    """A field's value computed when it is first read (`compute()`, which must not fail): a
    finding's text and evidence are needed only when a result is rendered, and a batch that
    writes summary rows never renders most of them."""

    __slots__ = ("compute",)

    def __init__(self, compute) -> None:
        self.compute = compute


class _OnFirstRead:
    """A dataclass field that may be given as Deferred: computed on first read, then kept."""

    def __set_name__(self, owner, name: str) -> None:
        self._name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError(self._name)  # no default value
        value = obj.__dict__[self._name]
        if type(value) is Deferred:
            value = obj.__dict__[self._name] = value.compute()
        return value

    def __set__(self, obj, value) -> None:  # only dataclass's __init__ sets it (the class is frozen)
        obj.__dict__[self._name] = value


@dataclass(frozen=True, init=False)  # (__init__ below: every field set at once)
class Finding:
    rule: str
    title: str
    family: str
    indicator: str
    deduction: Decimal
    text: str = _OnFirstRead()  # may be given as Deferred
    recommendation: str
    recommendation_source: str
    source: str
    evidence: tuple = _OnFirstRead()  # read-only mappings: file, row, line, and the values compared; may be Deferred
    rows: tuple = ()  # the matched facts themselves
    fingerprint: str = ""  # stable from year to year: the rule, and the fact's label per match
    # The names the deduction's formula was computed with, as recorded when it was computed: the
    # rule's params that year, weight, count and, per match, the fact's values (a date as FactDate).
    inputs: Mapping[str, object] = field(default_factory=lambda: EMPTY, compare=False, repr=False)
    waiver: "Waiver | None" = None  # the rule is waived for the case: the finding stands, it deducts nothing

    def __init__(self, rule: str, title: str, family: str, indicator: str, deduction: Decimal, text, recommendation: str,
                 recommendation_source: str, source: str, evidence, rows: tuple = (), fingerprint: str = "",
                 inputs: Mapping[str, object] = EMPTY, waiver: "Waiver | None" = None) -> None:
        # Every finding of every case is made here: its fields set at once, not one frozen
        # setattr each (as the dataclass's own __init__ would); `text` and `evidence` as given
        # (a Deferred value is computed when first read: _OnFirstRead).
        self.__dict__.update(rule=rule, title=title, family=family, indicator=indicator, deduction=deduction, text=text,
                             recommendation=recommendation, recommendation_source=recommendation_source,
                             source=source, evidence=evidence, rows=rows, fingerprint=fingerprint, inputs=inputs,
                             waiver=waiver)

    @property
    def counted(self) -> Decimal:
        """What the finding takes off its leaf: its deduction, or nothing when its rule is waived."""
        return Decimal(0) if self.waiver is not None else self.deduction


@dataclass(frozen=True)
class Adjustment:
    """The evaluation team's score for a leaf (an `adjustments` fact): shown beside the computed
    score wherever the score is, never in its place unseen."""

    indicator: str
    score: Decimal  # the leaf's score after the adjustment, in [0, weight] (its `delta` applied, when given)
    delta: Decimal | None  # as given, when the team gave a change rather than a score
    reason: str
    by: str
    date: str
    where: Mapping[str, object]  # the fact's file, row and line



@dataclass(frozen=True)
class Waiver:
    """A rule waived for the case (a `waivers` fact); `expired`: it lapsed before the check year
    ended, as the engine found (rules/judgement/waiver-expired.yaml), and waives nothing."""

    rule: str
    reason: str
    approver: str
    expires: str
    where: Mapping[str, object]
    expired: bool = False


@dataclass(frozen=True)
class NotApplicable:
    """Why an indicator does not apply (不适用): the case's declaration (a `not_applicable` fact: its
    reason, evidence and where it stands); for a parent none of whose leaves applies, `reason` is
    None. The reports word it (jixiao.report.common.not_applicable_text)."""

    reason: str | None
    evidence: str = ""
    where: Mapping[str, object] = field(default_factory=lambda: EMPTY, compare=False)


ALL_CHILDREN_NOT_APPLICABLE = NotApplicable(None)


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    name: str
    weight: Decimal
    score: Decimal | None  # None: cannot be assessed (facts missing)
    parent: str | None
    level: int
    is_leaf: bool
    deductions: Decimal  # raw sum of the findings' deductions (leaves only)
    assessed: bool = True
    net: Decimal | None = None  # an assessed leaf: weight − deductions, before it is kept in [0, weight] and rounded
    not_applicable: NotApplicable | None = None  # 不适用: why; no score, outside the total
    computed: Decimal | None = None  # an adjusted leaf: the score computed from the findings
    adjustment: Adjustment | None = None  # the evaluation team's score, which `score` holds
    normalised: Decimal | None = None  # some indicator N/A: its score on its effective weight (jixiao.check.normalise)
    effective_weight: Decimal | None = None  # some indicator N/A: its weight with its share of theirs
    waived: tuple = ()  # ((Waiver, points it would have deducted), …): waived rules' findings on this leaf
    na_weight: Decimal = Decimal(0)  # the weight of the leaves at or under it declared 不适用
    # A leaf: each of its findings' deductions as shown (in the findings' order), at the scheme's
    # precision, adding up to weight − score (− computed score when adjusted): check.scoring.
    shown: tuple = ()

    @property
    def lost(self) -> Decimal:
        """A leaf's points lost to its findings as shown (the sum of `shown`)."""
        return sum(self.shown, Decimal(0))

    @property
    def rate(self) -> Decimal:
        """Its score over the weight of what applies (an N/A leaf's weight earns nothing and is no loss)."""
        applicable = self.weight - self.na_weight
        return (self.score or Decimal(0)) / applicable if applicable else Decimal(0)


@dataclass(frozen=True)
class ScoreTable:
    rows: tuple[IndicatorScore, ...]
    total: Decimal  # the assessed leaves only: an unassessed leaf adds nothing, never full marks; normalised when some indicator does not apply
    grade: str
    raw_total: Decimal | None = None  # when some indicator does not apply: the applicable leaves' sum, before normalising
    normalisation: str | None = None  # when some indicator does not apply: the scheme's `not_applicable` method
    applicable_weight: Decimal | None = None  # when some indicator does not apply: the scheme's maximum less their weight

    @property
    def not_applicable(self) -> list[IndicatorScore]:
        return [r for r in self.rows if r.is_leaf and r.not_applicable is not None]

    @property
    def adjusted(self) -> list[IndicatorScore]:
        return [r for r in self.rows if r.adjustment is not None]

    @property
    def unassessed(self) -> list[IndicatorScore]:
        return [r for r in self.rows if r.is_leaf and not r.assessed]

    @property
    def provisional(self) -> bool:
        """True when some leaf that carries points could not be assessed: total and grade wait on
        the evidence. A weight-0 leaf (a form's review leaf R) cannot move them: left unassessed,
        it is listed as such, but the total is final."""
        return any(r.weight > 0 for r in self.unassessed)

    def get(self, indicator: str) -> IndicatorScore:
        return next(r for r in self.rows if r.id == indicator)

    def unassessed_weight(self, indicator: str) -> Decimal:
        """The weight of the leaves under `indicator` (or it, a leaf) that could not be assessed:
        what its score leaves out."""
        parents = {r.id: r.parent for r in self.rows}

        def under(row_id: str | None) -> bool:
            while row_id is not None and row_id != indicator:
                row_id = parents.get(row_id)
            return row_id == indicator

        return sum((r.weight for r in self.unassessed if under(r.id)), Decimal(0))


def grade_of(scheme: Scheme, total: Decimal, rows, open_weight: Decimal | None = None) -> str:
    """The grade a score table supports (rows: IndicatorScore): none (无法评级) when no leaf was
    assessed; else the band the total falls in whatever the unassessed leaves would score, or
    the bands it may still reach ("不合格～优") when they could move it across a band.
    `open_weight`: what the unassessed leaves could add to `total` (by default their weight;
    normalised, when some indicator does not apply)."""
    leaves = [r for r in rows if r.is_leaf and r.not_applicable is None]
    if not any(r.assessed for r in leaves):
        return NO_GRADE
    if open_weight is None:
        open_weight = sum((r.weight for r in leaves if not r.assessed), Decimal(0))
    return scheme.grade_between(total, total + open_weight)


@dataclass(frozen=True, eq=False)  # notes are compared by identity
class IntegrityNote:
    """One integrity note: facts that disagree with each other (`disagreement`: one of them is
    wrong, which one is unknown), or a fact that cannot be true or is incomplete. Either way
    `cells` names the values in doubt, and no score rests on them: every leaf whose rules read
    one, directly or through a derived fact, cannot be assessed."""

    check: str
    table: str
    said: Message  # what it says, as a catalogue key and parameters (jixiao.model.messages)
    rows: tuple  # the observed Rows it rests on (its evidence)
    cells: tuple = ()  # the values in doubt: ((Fact, (column, …)), …), the Fact observed or derived
    disagreement: bool = False  # facts that disagree with each other (row sums, totals, shares, names)

    @property
    def message(self) -> str:
        """What the note says, in Chinese (the default language)."""
        return self.said.render("zh")

    def text(self, lang: str = "zh") -> str:
        """What the note says in a language, "zh" or "en"."""
        return self.said.render(lang)

    @property
    def implausible(self) -> bool:
        """A fact that cannot be true (or is incomplete), as opposed to facts that disagree."""
        return bool(self.cells) and not self.disagreement

    def evidence(self) -> list[dict]:
        """Each observed row: file, row, line, and the values in doubt it holds."""
        named: dict[int, dict] = {}
        for row, columns in self.cells:  # a derived row's values are not its sources': not named
            named.setdefault(id(row), {}).update({c: _plain(row.values.get(c)) for c in columns})
        items = []
        for row in self.rows:  # in a YAML record, the line of the first value in doubt, not the record's first
            item = row.evidence(next(iter(named.get(id(row), ())), None))
            if id(row) in named:
                item["values"] = named[id(row)]
            items.append(item)
        return items


Period = tuple[str, str]  # (first day, last day), ISO dates, both inclusive


@dataclass(frozen=True)
class RuleGap:
    leaf: str
    year: int
    missing: tuple[Period, ...]  # the parts of the year no rule of the leaf is in force
    rules: tuple[tuple[str, str, str | None], ...]  # (id, from, to) of every rule the scheme lists on the leaf
    scheme_file: str
    line: int | None  # of the leaf's `rules:` in the scheme file

    @property
    def whole_year(self) -> bool:
        return self.missing == ((f"{self.year}-01-01", f"{self.year}-12-31"),)


@dataclass(frozen=True)
class HistoryItem:
    fingerprint: str
    rule: str
    indicator: str
    status: str            # new, repeated, rectified, unassessed_before, unassessed_now, not_compared
    this_year: str         # the finding's text this year ('' when rectified)
    last_year: str         # its text last year ('' when new)


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    """The result of checking one case, built once and complete (jixiao.check.case.assess_case),
    never changed after: what it collects is held in tuples and read-only mappings, so every
    output renders the same result. (The case, scheme, schemas and facts it refers to are the
    inputs as loaded.)"""

    case: Case
    scheme: Scheme
    rules: tuple[Rule, ...]  # the rules in force, bound to their leaves
    findings: tuple[Finding, ...]
    scores: ScoreTable
    families: Mapping[str, dict]
    tables: Mapping[str, tuple[Fact, ...]]  # observed and derived facts, for working papers
    trace: Trace  # what the engine was given and answered (the working paper reads it)
    inputs: Mapping[str, Mapping[str, str]]  # the files used, with their hashes (the manifest)
    integrity: tuple[IntegrityNote, ...]  # integrity notes: disagreements, then implausible facts
    cannot_assess: tuple[Rule, ...]  # rules whose facts are missing or cannot be true
    implausible: Mapping[str, tuple[IntegrityNote, ...]]  # rule id -> the notes on the implausible facts it reads
    suspect: Mapping[int, object]  # id() of a Fact -> Suspect (jixiao.check.suspect): values that cannot be trusted
    schemas: TableSchemas | None
    rule_gaps: tuple[RuleGap, ...]  # leaves no rule covers for (part of) the year
    history: tuple[HistoryItem, ...]  # this year's findings against last year's
    previous_year: int | None
    previous_note: "Message | str"  # why last year's folder was not used (this year's findings then not_compared)
    waivers: tuple[Waiver, ...]  # the rules waived for the case (expired: as the engine found)
    # a target's direction (at_most, …) -> the rule book's methods that read it (Rule.directions), to
    # say which would score a target the leaf's own method cannot read
    readers: Mapping[str, tuple[str, ...]]


def shown_deductions(result: "CheckResult") -> tuple[Decimal, ...]:
    """Each of `result.findings`' deductions as every output shows it (points, at the scheme's
    precision), in the findings' order: its share of what its leaf lost (IndicatorScore.shown)."""
    rows = {r.id: r for r in result.scores.rows}
    seen: dict[str, int] = {}
    out = []
    for finding in result.findings:
        shown = rows[finding.indicator].shown
        i = seen.get(finding.indicator, 0)
        seen[finding.indicator] = i + 1
        out.append(shown[i] if i < len(shown) else finding.counted)
    return tuple(out)


def shown_deduction(result: "CheckResult", finding: Finding) -> Decimal:
    """One finding's deduction as shown (see shown_deductions); the finding must be one of
    `result.findings` (compared by identity)."""
    for f, shown in zip(result.findings, shown_deductions(result)):
        if f is finding:
            return shown
    return finding.counted


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if value is None or isinstance(value, (int, str)) else str(value)
