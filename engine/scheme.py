"""Evaluation schemes (评价方案): the weighted indicator tree and the grade bands, as data.

A scheme file (rules/schemes/<id>.yaml) nests indicators; a leaf has a weight, a parent's
weight, when printed, must equal the sum of its children's. Grades are bands with a lower
bound (inclusive), highest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import InputError, Problems
from .yamlsrc import check_keys, line_of, load_yaml

_SCHEME_KEYS = {"id", "name", "source", "grades", "indicators", "notes"}
_INDICATOR_KEYS = {"id", "name", "weight", "children", "notes"}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    weight: Decimal
    parent: str | None
    children: tuple[str, ...] = ()
    level: int = 1

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

    def for_year(self, year: int) -> "Scheme":
        return self

    def in_order(self) -> list[Indicator]:
        return [self.indicators[i] for i in self.order if i in self.indicators]

    @property
    def roots(self) -> list[Indicator]:
        return [i for i in self.in_order() if i.parent is None]

    @property
    def leaves(self) -> list[Indicator]:
        return [i for i in self.in_order() if i.is_leaf]

    def grade_for(self, total: Decimal) -> str:
        for grade in self.grades:
            if total >= grade.min:
                return grade.name
        return self.grades[-1].name


def load_schemes(directory: Path) -> dict[str, Scheme]:
    """Load every scheme under `directory`; all problems are raised together."""
    problems = Problems()
    schemes: dict[str, Scheme] = {}
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
    data = load_yaml(path)
    if not isinstance(data, dict):
        problems.add(label, "a scheme is a mapping with id, name, grades, indicators", line=1)
        return None
    check_keys(label, data, _SCHEME_KEYS, problems)
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
    return scheme


def _grades(label, data, problems) -> list[Grade]:
    raw = data.get("grades")
    if not isinstance(raw, list) or not raw:
        problems.add(label, "'grades' must list bands with name and min", line=line_of(data, "grades"),
                     key="grades")
        return []
    grades = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"name", "min"}:
            problems.add(label, "a grade band is {name, min}", line=getattr(item, "line", None),
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
    printed = node.get("weight")
    total = Decimal(0)
    child_ids = []
    for child in children:
        child_weight = _add_indicator(label, child, ident, level + 1, scheme, problems)
        total += child_weight or 0
        if isinstance(child, dict):
            child_ids.append(str(child.get("id")))
    if printed is None and not children:
        problems.add(label, "a leaf indicator needs a weight", line=line, key=f"{ident}.weight")
        return None
    weight = Decimal(str(printed)) if printed is not None else total
    if children and printed is not None and weight != total:
        problems.add(label, f"weight of {ident} is not the sum of its children's ({total})",
                     line=line_of(node, "weight"), key=f"{ident}.weight", found=printed, allowed=str(total))
    scheme.indicators[ident] = Indicator(ident, str(node.get("name", "")), weight, parent,
                                         tuple(child_ids), level)
    return weight
