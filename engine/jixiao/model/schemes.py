"""Evaluation schemes (评价方案) as data: the weighted indicator tree and the grade bands.

A leaf has a weight; a parent's weight, when printed, equals the sum of its children's;
grades are bands with a lower bound (inclusive), highest first. Loading and checking scheme
files is jixiao.load.scheme_files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .messages import Message
from .problems import InputError, Problem

DEFAULT_MAX = Decimal(100)
DEFAULT_PRECISION = 2  # leaf scores in hundredths of a point, unless the scheme says `precision:`
NO_GRADE = Message("grade.none").render("zh")  # nothing was assessed: no total to grade (data of the result)
NOT_APPLICABLE_METHODS = {  # how a total is normalised when a case declares indicators 不适用: what it means
    "rescale": Message("scheme.method.rescale"),  # total × max / applicable weight
    "redistribute": Message("scheme.method.redistribute"),  # an N/A indicator's weight goes to its siblings pro rata
}
GRADE_RANGE = "～"  # between two grades: the unassessed indicators could still move the total across a band


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    weight: Decimal
    parent: str | None
    children: tuple[str, ...] = ()
    level: int = 1
    rules: tuple[str, ...] = ()  # the rules that feed this leaf (an instance's id for `{rule:, with:}`)

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class Grade:
    name: str
    min: Decimal


@dataclass
class Scheme:
    id: str
    name: str
    source: str
    grades: list[Grade]
    indicators: dict[str, Indicator] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # pre-order, as in the printed table
    file: str = ""
    weight_versions: dict[str, tuple] = field(default_factory=dict)  # id -> ((from date, weight), …)
    lines: dict[str, int] = field(default_factory=dict)
    max: Decimal = DEFAULT_MAX  # what the total is scored out of: the first-level weights' sum
    precision: int = DEFAULT_PRECISION  # decimal places of a leaf's score (0: whole points)
    # instance id (rule@leaf, or the entry's `id:`) -> (rule id, ((parameter, value as written), …),
    # line of the entry, {parameter: its line}, leaf id, the entry as read): the leaves'
    # `{rule: ID, with: {…}}` entries, with the words they give the instance (jixiao.load.methods)
    uses: dict[str, tuple] = field(default_factory=dict)
    not_applicable: str | None = None  # NOT_APPLICABLE_METHODS key; None: a case may declare nothing 不适用
    # a self-evaluation form's scheme (`form:`): the method applied to each kind of row
    # (execution, at_least, at_most, equal, none, date, qualitative -> rule id); its leaves come
    # from each form's own rows and weights (jixiao.check.forms)
    form: dict | None = None
    # a form scheme's: the scheme a target-setting form (绩效目标表: targets and weights, nothing
    # to score) in its folders is reviewed with (jixiao.check.forms); None: it reviews none
    target_setting: str | None = None

    def for_year(self, year: int) -> "Scheme":
        """The scheme with the weights in force in the check year (versions start on 1 January,
        so one weight holds the whole year).

        Raises InputError naming the scheme file, each indicator and its first date when the
        year is before an indicator's first weight: never the first weight by default."""
        weights, undefined = _resolve(self, f"{year:04d}-12-31")
        if undefined:
            raise InputError([Problem.said(self.file, Message("scheme.no_weight", {"first": first}),
                                           line=self.lines.get(ident), key=f"{ident}.weight", found=year,
                                           allowed=Message("scheme.weight_from", {"year": first[:4]}))
                              for ident, first in undefined.items()])
        indicators = {i: replace(ind, weight=weights[i]) for i, ind in self.indicators.items()}
        return replace(self, indicators=indicators)

    def in_order(self) -> list[Indicator]:
        return [self.indicators[i] for i in self.order if i in self.indicators]

    @property
    def roots(self) -> list[Indicator]:
        return [i for i in self.in_order() if i.parent is None]

    @property
    def leaves(self) -> list[Indicator]:
        return [i for i in self.in_order() if i.is_leaf]

    def rule_leaves(self) -> dict[str, str]:
        """rule id -> the leaf it feeds in this scheme."""
        return {rule: leaf.id for leaf in self.leaves for rule in leaf.rules}

    def grade_for(self, total: Decimal) -> str:
        for grade in self.grades:
            if total >= grade.min:
                return grade.name
        return self.grades[-1].name

    def grade_between(self, low: Decimal, high: Decimal) -> str:
        """The grade of a total known only to lie in [low, high] (the assessed indicators' total,
        and that plus the weight of those not assessed): a band's name when both ends fall in
        it, else the range of bands it may reach, lowest first ("不合格～优")."""
        lowest, highest = self.grade_for(low), self.grade_for(high)
        return lowest if lowest == highest else f"{lowest}{GRADE_RANGE}{highest}"


def _resolve(scheme: "Scheme", date: str) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Every indicator's weight on `date`: its version then in force, or its children's sum;
    and the indicators that have no weight yet on that date, with their first date."""
    weights: dict[str, Decimal] = {}
    undefined: dict[str, str] = {}

    def visit(ident: str) -> None:
        indicator = scheme.indicators[ident]
        for child in indicator.children:
            visit(child)
        versions = scheme.weight_versions.get(ident)
        if versions:
            in_force = [w for start, w in versions if start <= date]
            if in_force:
                weights[ident] = in_force[-1]
            else:
                undefined[ident] = versions[0][0]
        elif all(c in weights for c in indicator.children):
            weights[ident] = sum((weights[c] for c in indicator.children), Decimal(0))

    for root in scheme.roots:
        visit(root.id)
    return weights, undefined
