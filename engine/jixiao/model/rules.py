"""A management rule as data: where it comes from, when it is in force, which facts it reads
and on what condition it fires, and what it deducts and says (rules/<family>/<id>.yaml).

Loading and checking rule files is jixiao.load.rule_files; running the conditions is
jixiao.durable; a rule's condition is a condition tree (jixiao.lang.conditions).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import PurePath

from .expressions import Expr
from .messages import Message
from .vocabulary import SECTION_REF

PER = ("rule", "match")
PARAMETER_TYPES = ("number", "text")
INSTANCE_MARK = "@"  # a rule applied by a scheme leaf with arguments: <rule id>@<leaf id>
FINDING_FORMATS = {"pct", "n2", "yn"}  # percent, 2 decimals, yes/no/partial as 是/否/部分
RESERVED_NAMES = {"weight", "count", "labels", "labels_brief", "label", "deduction", "check_year", "prior_year"}
PLACEHOLDER = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")
TEST_SUFFIX = ".test.yaml"
# What case.yaml says that a finding's or a recommendation's text may quote: {case.unit_short}
# (项目单位简称) lets a rule written for one project name the next one's unit, not 市口岸办.
CASE_WORDS = ("project", "unit", "unit_short", "department")
CASE_PLACEHOLDERS = frozenset(f"case.{word}" for word in CASE_WORDS)
# metric_results' column that says which way a target reads (rules/tables/targets.yaml: at_least ≥,
# at_most ≤, above >, below <, increase / decrease on last year): a rule comparing a value with
# its target states in `requires` (and `when`) the directions it reads, so that any other cannot
# be assessed rather than be scored as if it were ≥
DIRECTION = "direction"
COMPARED = frozenset({"target", "baseline"})  # what a value is compared with, in metric_results


def directions_in(tree: tuple | None) -> tuple[str, ...]:
    """The directions a condition tree admits at its top level (`direction == "at_most"`,
    `direction in ["at_least", "above"]`, as a conjunct of an `and` or alone), in their order;
    () when it says nothing of the direction."""
    if tree is None:
        return ()
    parts = tree[1] if tree[0] == "and" else (tree,)
    for part in parts:
        if part[:3] == ("cmp", "eq", DIRECTION) and part[3][0] == "lit":
            return (str(part[3][1]),)
        if part[0] == "in" and part[1] == DIRECTION:
            return tuple(str(v) for v in part[2])
    return ()


def without_direction(tree: tuple) -> tuple:
    """The condition tree without its top-level direction conjunct (directions_in): what a fact
    must satisfy for the rule to read it, whichever way its target reads."""
    if tree[0] != "and":
        return ("and", ()) if directions_in(tree) else tree
    return ("and", tuple(p for p in tree[1] if not directions_in(p)))



@dataclass(frozen=True)
class Parameter:
    """A parameter a rule declares (`parameters:`), for a scheme leaf to give (`with:`): its
    type (number or text), its value when the leaf gives none (None: the leaf must), and what
    it means (Chinese, for rule authors and working papers)."""

    name: str
    type: str
    default: object = None  # Decimal or str
    meaning: str = ""


@dataclass(frozen=True)
class Alias:
    """One table a rule that joins tables reads (`when.match`): a row of `table`, called `name`
    in the rule, satisfying `where` (None: any row); `absent`: the rule fires only when no such
    row exists (joined to the others by `when.join`)."""

    name: str
    table: str
    where: Expr | None = None
    absent: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    title_en: str
    family: str
    source: dict
    effective_from: str
    effective_to: str | None
    table: str
    where: Expr
    conditions: tuple  # ((from date, condition tree), …): `where` with each version of the params
    amount: Expr
    per: str
    finding: str
    recommendation: dict
    file: str
    params: tuple = ()  # ((name, ((from date, value), …)), …)
    indicator: str | None = None  # set when a scheme binds the rule to one of its leaves
    requires: Expr | None = None  # a fact satisfying this must exist, or the rule cannot assess
    requirements: tuple = ()  # as `conditions`, for `requires`; () when any fact of the table will do
    request: str = ""  # the evidence to ask for when it cannot assess (资料清单)
    library: bool = False  # offered to schemes that want it; no scheme need use it
    date_column: str | None = None  # the column that dates the facts of its table (the schema's `date:`)
    replaces: str | None = None  # the rule this one is a new version of
    lines: tuple = ()  # ((key, line), …): where `effective`, `replaces` … stand in the file
    parameters: tuple = ()  # (Parameter, …) declared; their values (default or argument) are in `params`
    method: str | None = None  # for an instance a scheme leaf applies with arguments: the rule file's id
    arguments: tuple = ()  # ((name, value), …): the leaf's `with:`, as written there
    # A rule over several tables (`when.match`, `when.join`): every alias, the first being the
    # table its findings are about (`table`, `where`), and the join equalities
    # ((alias, column, alias, column), …). () for a rule over one table.
    aliases: tuple[Alias, ...] = ()
    on: tuple = ()
    # `grades:` the scheme's grade bands the rule restates, highest first: ((grade name, the param
    # holding its lower bound, or None when only its name is written), …); every scheme that uses
    # the rule must have exactly these grades at these bounds (jixiao.load.rule_grades)
    grades: tuple = ()

    @property
    def open(self) -> bool:
        """True when a declared parameter has neither a default nor an argument: a method that a
        scheme leaf must apply with `with:` before it can run."""
        return any(p.default is None for p in self.parameters) and self.method is None

    @property
    def place(self) -> PurePath:
        """Where the rule stands in the rule book's order (rules/<family>/<id>.yaml, the order rule
        files are read in): its file, or for an instance a leaf applies with arguments (whose file
        is its method's, rules/methods/<id>.yaml) the file a rule of its family and id would have."""
        path = PurePath(self.file)
        return path if self.method is None else path.parent.parent / self.family / f"{self.id}.yaml"

    @functools.cached_property  # asked several times per case; a rule never changes
    def tables(self) -> tuple[str, ...]:
        """Every table the rule reads, its own (`table`) first."""
        return tuple(dict.fromkeys([self.table, *(a.table for a in self.aliases)]))

    @functools.cached_property  # read for every rule that cannot assess; a rule never changes
    def directions(self) -> tuple[str, ...]:
        """The directions of its facts' targets (metric_results' `direction`) the rule reads, as
        its `requires:` states them; () when it states none (any direction, or no target)."""
        return directions_in(self.requirements[-1][1]) if self.requirements else ()

    @property
    def needs(self) -> str:
        """What must be among the facts for the rule to assess, as people read it."""
        needed = self.requires.source if self.requires is not None else f"some fact of {self.table}"
        if self.aliases:
            needed += "; and facts of " + ", ".join(t for t in self.tables if t != self.table)
        return needed

    def line(self, key: str) -> int | None:
        return dict(self.lines).get(key)

    def requirement_for(self, year: int) -> tuple | None:
        """The condition tree some fact of the table must satisfy for the rule to assess
        anything, or None when any fact of its table will do. Not limited to the rule's period:
        a version that finds no fact dated in its part of the year has judged nothing, but its
        table's evidence is there."""
        if not self.requirements:
            return None
        return _version_for(self.requirements, year)

    def misread_for(self, year: int) -> tuple | None:
        """The condition tree of a fact the rule's requirement would read but for its target's
        direction, one the rule does not read (Rule.directions): such a fact leaves the rule unable
        to assess, even beside another it reads (a rule over several metrics). None when the rule
        states no directions."""
        tree = self.requirement_for(year)
        if tree is None or not self.directions:
            return None
        rest = without_direction(tree)
        return ("and", (*(rest[1] if rest[0] == "and" else (rest,)), ("out", DIRECTION, self.directions)))

    def params_for(self, year: int) -> dict:
        """Each parameter's value in the check year (versions start on 1 January, so one value
        holds the whole year; loading makes sure there is one for every year in force)."""
        return {name: _version_for(versions, year) for name, versions in self.params}

    def bounds_in(self, year: int) -> tuple[str | None, str | None]:
        """The rule's start and end where they fall within the check year, else None: a rule in
        force for part of the year judges only the facts dated in that part."""
        start = self.effective_from if self.effective_from > f"{year}-01-01" else None
        end = self.effective_to if self.effective_to is not None and self.effective_to < f"{year}-12-31" else None
        return start, end

    def condition_in(self, year: int) -> tuple:
        """The condition tree with the check year's parameters (its period aside)."""
        return _version_for(self.conditions, year)

    def condition_for(self, year: int) -> tuple:
        """What the engine runs in the check year: the condition with that year's parameters,
        and, when the rule starts or ends within the year, its period test (period_for)."""
        condition = self.condition_in(year)
        period = self.period_for(year)
        if period is None:
            return condition
        if condition[0] == "join":  # the period dates the rule's own table: its first alias
            (alias, table, absent, own), *others = condition[1]
            dated = period if own is None else ("and", (*period[1], own))
            return ("join", ((alias, table, absent, dated), *others), condition[2])
        return ("and", (*period[1], condition))

    def period_for(self, year: int) -> tuple | None:
        """For a rule that starts or ends within the check year, the condition tree a fact's own
        date (its table's `date:` column, as its latest day) must satisfy to be judged: in the
        rule's period. None when the rule is in force all year."""
        start, end = self.bounds_in(year)
        if start is None and end is None:
            return None
        if self.date_column is None:  # refused when the rule was loaded
            raise ValueError(f"{self.file}: rule {self.id} starts or ends within {year}, on an undated table")
        column = self.date_column
        period = [("has", column)]
        period += [("cmp", "gte", column, ("lit", start))] if start is not None else []
        period += [("cmp", "lte", column, ("lit", end))] if end is not None else []
        return ("and", tuple(period))

    def in_force(self, year: int) -> bool:
        """True when the rule's effective period overlaps the check year."""
        end = self.effective_to or "9999-12-31"
        return self.effective_from <= f"{year}-12-31" and end >= f"{year}-01-01"

    @property
    def period(self) -> "str | Message":
        """The effective period as people read it: 2016-01-01 – 2018-12-31, or an open one as a
        Message said in the reader's language (2017-01-01 起, from 2017-01-01; str() gives the Chinese)."""
        if self.effective_to:
            return f"{self.effective_from} – {self.effective_to}"
        return Message("rule.period_open", {"start": self.effective_from})

    @functools.cached_property  # read for every finding; a rule never changes
    def citation(self) -> str:
        """The management document and clause the rule rests on, as a report's body and a
        finding's 依据 cite it: the evaluation report it was transcribed from (`source.report`)
        and references to that report's sections (“（§一(二)）”) left out, for they are another
        case's, not this one's basis (see `provenance`)."""
        parts = [SECTION_REF.sub("", self.source.get(key, "")).strip() for key in ("document", "clause")]
        return "：".join(p for p in parts if p)

    @property
    def provenance(self) -> str:
        """The full source, for the provenance annex and the working paper: document, clause and,
        in brackets, the report the rule was transcribed from."""
        parts = [self.source.get("document", ""), self.source.get("clause", "")]
        text = "：".join(p for p in parts if p)
        if self.source.get("report"):
            text += f"（{self.source['report']}）"
        return text


def _version_for(versions, year: int):
    end = f"{year}-12-31"
    chosen = [value for start, value in versions if start <= end]
    if not chosen:  # loading refuses a rule in force before its parameters have a value
        raise LookupError(f"no version in force in {year}: the first is from {versions[0][0]}")
    return chosen[-1]
