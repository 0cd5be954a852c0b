"""Evaluation schemes (评价方案): the weighted indicator tree and the grade bands, as data.

A scheme file (rules/schemes/<id>.yaml) nests indicators; a leaf has a weight, a parent's
weight, when printed, must equal the sum of its children's. Grades are bands with a lower
bound (inclusive), highest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from .errors import InputError, Problems
from .tables import is_iso_date
from .yamlsrc import check_keys, line_of, listed, load_mapping

_SCHEME_KEYS = {"id", "name", "source", "grades", "indicators", "notes"}
_INDICATOR_KEYS = {"id", "name", "weight", "children", "rules", "reason", "notes"}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    weight: Decimal
    parent: str | None
    children: tuple[str, ...] = ()
    level: int = 1
    rules: tuple[str, ...] = ()  # the rules that feed this leaf

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

    def for_year(self, year: int) -> "Scheme":
        """The scheme with the weights in force in the check year (the latest version dated on
        or before 31 December of that year)."""
        weights = _resolve(self, f"{year:04d}-12-31")
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


def load_schemes(directory: Path) -> dict[str, Scheme]:
    """Load every scheme under `directory`; all problems are raised together."""
    problems = Problems()
    schemes: dict[str, Scheme] = {}
    listed(directory)
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            scheme = _load_scheme(path, problems)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if scheme is None:
            continue
        if scheme.id in schemes:
            problems.add(str(path), "scheme id used twice", key="id", found=scheme.id,
                         allowed=f"an id not used by {schemes[scheme.id].file}")
        schemes[scheme.id] = scheme
    if not schemes and not problems:
        problems.add(str(directory), "no evaluation scheme (*.yaml) found")
    problems.raise_if_any()
    return schemes


def _load_scheme(path: Path, problems: Problems) -> Scheme | None:
    label = str(path)
    data = load_mapping(path, _SCHEME_KEYS, "a scheme (id, name, grades, indicators)", problems)
    if data is None:
        return None
    if data.get("id") != path.stem:
        problems.add(label, "'id' must equal the file name", line=line_of(data, "id"), key="id",
                     found=data.get("id"), allowed=path.stem)
    scheme = Scheme(str(data.get("id")), str(data.get("name", "")), str(data.get("source", "")),
                    _grades(label, data, problems), file=label)
    roots = data.get("indicators")
    if not isinstance(roots, list) or not roots:
        problems.add(label, "'indicators' must be a list of first-level indicators",
                     line=line_of(data, "indicators"), key="indicators")
        return scheme
    for node in roots:
        _add_indicator(label, node, None, 1, scheme, problems)
    if not problems:
        _check_sums(scheme, problems)
        scheme.indicators = scheme.for_year(1).indicators if scheme.weight_versions else scheme.indicators
    return scheme


def _grades(label, data, problems) -> list[Grade]:
    raw = data.get("grades")
    if not isinstance(raw, list) or not raw:
        problems.add(label, "'grades' must list bands with name and min", line=line_of(data, "grades"),
                     key="grades")
        return []
    grades = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"name", "min"} or isinstance(item["min"], bool) \
                or not isinstance(item["min"], (int, float)):
            problems.add(label, "a grade band is {name, min} with a number as min", line=getattr(item, "line", None),
                         key="grades", found=item)
            continue
        grades.append(Grade(str(item["name"]), Decimal(str(item["min"]))))
    if [g.min for g in grades] != sorted((g.min for g in grades), reverse=True):
        problems.add(label, "grade bands must be listed from the highest 'min' down",
                     line=line_of(data, "grades"), key="grades")
    return grades


def _add_indicator(label, node, parent, level, scheme: Scheme, problems: Problems) -> Decimal | None:
    if not isinstance(node, dict):
        problems.add(label, "an indicator is a mapping with id and name", key="indicators", found=node)
        return None
    line = getattr(node, "line", None)
    check_keys(label, node, _INDICATOR_KEYS, problems)
    ident = str(node.get("id", ""))
    if not ident:
        problems.add(label, "indicator without id", line=line, key="id")
        return None
    if ident in scheme.order:
        problems.add(label, "indicator id used twice", line=line, key="id", found=ident)
        return None
    scheme.order.append(ident)
    children = node.get("children") or []
    versions = _weight_versions(label, node, ident, problems)
    child_ids = []
    for child in children:
        _add_indicator(label, child, ident, level + 1, scheme, problems)
        if isinstance(child, dict):
            child_ids.append(str(child.get("id")))
    if versions is None and not children:
        problems.add(label, "a leaf indicator needs a weight", line=line, key=f"{ident}.weight")
        return
    if versions:
        scheme.weight_versions[ident] = versions
    rules = node.get("rules") or []
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        problems.add(label, "'rules' lists the ids of the rules that feed this leaf", line=line_of(node, "rules"),
                     key=f"{ident}.rules", found=rules)
        rules = []
    if rules and children:
        problems.add(label, "only leaves have rules; a parent scores the sum of its children",
                     line=line_of(node, "rules"), key=f"{ident}.rules")
    scheme.indicators[ident] = Indicator(ident, str(node.get("name", "")), Decimal(0), parent,
                                         tuple(child_ids), level, tuple(rules))
    scheme.lines[f"{ident}.rules"] = line_of(node, "rules", line)
    scheme.lines[ident] = line_of(node, "weight", line)


def _weight_versions(label, node, ident, problems) -> tuple | None:
    """`weight: 2`, or dated versions `[{from: 2016-01-01, value: 2}, {from: 2019-01-01, value: 3}]`."""
    raw = node.get("weight")
    if raw is None:
        return None
    versions = raw if isinstance(raw, list) else [{"from": "0001-01-01", "value": raw}]
    result = []
    for version in versions:
        value = version.get("value") if isinstance(version, dict) else None
        if not isinstance(version, dict) or set(version) != {"from", "value"} or isinstance(value, bool) \
                or not isinstance(value, (int, float)) or value < 0 or not is_iso_date(str(version["from"])):
            problems.add(label, "a weight is a number ≥ 0, or a list of {from: YYYY-MM-DD, value: number}",
                         line=line_of(node, "weight"), key=f"{ident}.weight", found=version)
            return None
        result.append((str(version["from"]), Decimal(str(value))))
    if [d for d, _ in result] != sorted({d for d, _ in result}):
        problems.add(label, "weight versions must be listed by 'from' date, each date once",
                     line=line_of(node, "weight"), key=f"{ident}.weight")
    return tuple(result)


def _resolve(scheme: "Scheme", date: str) -> dict[str, Decimal]:
    """Every indicator's weight on `date`: its version then in force, or its children's sum."""
    weights: dict[str, Decimal] = {}

    def visit(ident: str) -> Decimal:
        indicator = scheme.indicators[ident]
        total = sum((visit(c) for c in indicator.children), Decimal(0))
        versions = scheme.weight_versions.get(ident)
        if versions:
            in_force = [w for start, w in versions if start <= date] or [versions[0][1]]
            weights[ident] = in_force[-1]
        else:
            weights[ident] = total
        return weights[ident]

    for root in scheme.roots:
        visit(root.id)
    return weights


def _check_sums(scheme: "Scheme", problems: Problems) -> None:
    """At every date a weight changes, each printed parent weight equals its children's sum."""
    dates = sorted({d for versions in scheme.weight_versions.values() for d, _ in versions})
    for date in dates:
        weights = _resolve(scheme, date)
        for ident, indicator in scheme.indicators.items():
            if indicator.children and ident in scheme.weight_versions:
                total = sum((weights[c] for c in indicator.children), Decimal(0))
                if weights[ident] != total:
                    when = "" if date == "0001-01-01" else f" from {date}"
                    problems.add(scheme.file, f"weight of {ident}{when} is not the sum of its children's ({total})",
                                 line=scheme.lines.get(ident), key=f"{ident}.weight", found=str(weights[ident]),
                                 allowed=str(total))
