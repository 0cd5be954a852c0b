"""Evaluation schemes (评价方案): the weighted indicator tree and the grade bands, as data.

A scheme file (rules/schemes/<id>.yaml) nests indicators; a leaf has a weight, a parent's
weight, when printed, must equal the sum of its children's, and the first-level weights add
up to the scheme's maximum (`max:`, 100 unless declared). Weights may change from one year to
the next (versions dated 1 January). Grades are bands with a lower bound (inclusive),
highest first.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from ..disk.reading import listed
from ..model.problems import InputError, Problems
from ..model.rules import INSTANCE_MARK
from ..model.schemes import DEFAULT_MAX, DEFAULT_PRECISION, Grade, Indicator, Scheme, _resolve
from ..model.values import is_iso_date
from .yaml_source import check_keys, line_of, load_mapping

_SCHEME_KEYS = {"id", "name", "source", "max", "precision", "grades", "indicators", "notes"}
_USE_KEYS = {"rule", "with"}
MAX_PRECISION = 4
_INDICATOR_KEYS = {"id", "name", "weight", "children", "rules", "reason", "notes"}


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
                    _grades(label, data, problems), file=label, max=_maximum(label, data, problems),
                    precision=_precision(label, data, problems))
    scheme.lines.update(max=line_of(data, "max"), indicators=line_of(data, "indicators"),
                        precision=line_of(data, "precision"))
    _check_bands(label, data, scheme, problems)
    before = len(problems.items)  # the sums wait for a sound tree, whatever other files' problems
    roots = data.get("indicators")
    if not isinstance(roots, list) or not roots:
        problems.add(label, "'indicators' must be a list of first-level indicators",
                     line=line_of(data, "indicators"), key="indicators")
        return scheme
    for node in roots:
        _add_indicator(label, node, None, 1, scheme, problems)
    if len(problems.items) == before:
        _check_sums(scheme, "max" in data, problems)
        # Outside a check year (for_year), the weights of the latest version.
        latest, _ = _resolve(scheme, max(d for versions in scheme.weight_versions.values() for d, _ in versions))
        scheme.indicators = {i: replace(ind, weight=latest.get(i, ind.weight)) for i, ind in scheme.indicators.items()}
    return scheme


def _check_bands(label, data, scheme: Scheme, problems: Problems) -> None:
    """The grade bands cover every total from 0 to the maximum: a total below the lowest band
    would otherwise be given its grade, and a band above the maximum is out of reach."""
    if not scheme.grades:
        return
    lowest = scheme.grades[-1]
    if lowest.min != 0:
        problems.add(label, f"the lowest grade band ({lowest.name}) must start at 0: a lower total would be given "
                     "its grade", line=line_of(data, "grades"), key="grades", found=str(lowest.min), allowed="0")
    for higher, grade in zip(scheme.grades, scheme.grades[1:]):
        if higher.min == grade.min:
            problems.add(label, f"grade bands {higher.name} and {grade.name} start at the same total: {grade.name} "
                         "is out of reach", line=line_of(data, "grades"), key="grades", found=str(grade.min),
                         allowed=f"below {higher.min}")
    for grade in scheme.grades:
        if grade.min > scheme.max:
            problems.add(label, f"grade band {grade.name} starts above the scheme's maximum: no total reaches it",
                         line=line_of(data, "grades"), key="grades", found=str(grade.min),
                         allowed=f"at most {scheme.max}")


def _maximum(label, data, problems) -> Decimal:
    """`max: 101`: the total a scheme is scored out of, when it is not 100."""
    value = data.get("max", DEFAULT_MAX)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or value <= 0:
        problems.add(label, "the maximum score is a number above 0", line=line_of(data, "max"), key="max",
                     found=value)
        return DEFAULT_MAX
    return Decimal(str(value))


def _precision(label, data, problems) -> int:
    """`precision: 0`: the decimal places a leaf's score is rounded to (half up); 2 unless said."""
    value = data.get("precision", DEFAULT_PRECISION)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PRECISION:
        problems.add(label, "precision is the number of decimal places of a leaf's score", line=line_of(data, "precision"),
                     key="precision", found=value, allowed=f"a whole number from 0 (whole points) to {MAX_PRECISION}")
        return DEFAULT_PRECISION
    return value


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
    rules = _rule_entries(label, node, ident, scheme, problems)
    if rules and children:
        problems.add(label, "only leaves have rules; a parent scores the sum of its children",
                     line=line_of(node, "rules"), key=f"{ident}.rules")
    scheme.indicators[ident] = Indicator(ident, str(node.get("name", "")), Decimal(0), parent,
                                         tuple(child_ids), level, tuple(rules))
    scheme.lines[f"{ident}.rules"] = line_of(node, "rules", line)
    scheme.lines[ident] = line_of(node, "weight", line)


def _rule_entries(label, node, ident, scheme: Scheme, problems: Problems) -> list[str]:
    """A leaf's `rules:`: each a rule id, or `{rule: ID, with: {PARAMETER: VALUE, …}}` — the rule
    applied to this leaf with these arguments, an instance named ID@LEAF (checked against the
    rule's declared parameters when the rule book is read)."""
    raw = node.get("rules") or []
    line = line_of(node, "rules")
    if not isinstance(raw, list):
        problems.add(label, "'rules' lists the ids of the rules that feed this leaf, or {rule: ID, with: {…}}", line=line,
                     key=f"{ident}.rules", found=raw)
        return []
    entries = []
    for entry in raw:
        if isinstance(entry, str):
            entries.append(entry)
            continue
        at = getattr(entry, "line", None) or line
        arguments = entry.get("with", {}) if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str) or not isinstance(arguments, dict):
            problems.add(label, "a rule is named by its id, or applied with arguments as {rule: ID, with: {PARAMETER: "
                         "VALUE, …}}", line=at, key=f"{ident}.rules", found=entry)
            continue
        check_keys(label, entry, _USE_KEYS, problems, f"{ident}.rules.")
        use = f"{entry['rule']}{INSTANCE_MARK}{ident}"
        if use in scheme.uses:
            problems.add(label, f"rule {entry['rule']} is applied twice to {ident}", line=at, key=f"{ident}.rules",
                         found=entry["rule"], allowed="one entry per rule and leaf")
            continue
        lines = {str(k): line_of(arguments, k, at) for k in arguments}
        scheme.uses[use] = (entry["rule"], tuple((str(k), v) for k, v in arguments.items()), at, lines)
        entries.append(use)
    return entries


def _weight_versions(label, node, ident, problems) -> tuple | None:
    """`weight: 2`, or dated versions `[{from: 2016-01-01, value: 2}, {from: 2019-01-01, value: 3}]`;
    None when the indicator gives no weight, () when the weight it gives is refused."""
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
            return ()
        date = str(version["from"])
        if not date.endswith("-01-01"):  # which weight would score that year? refused, not guessed
            problems.add(label, "a weight applies to whole check years: a version starts on 1 January",
                         line=line_of(node, "weight"), key=f"{ident}.weight", found=date,
                         allowed=f"{date[:4]}-01-01 or {int(date[:4]) + 1}-01-01")
            return ()
        result.append((date, Decimal(str(value))))
    if [d for d, _ in result] != sorted({d for d, _ in result}):
        problems.add(label, "weight versions must be listed by 'from' date, each date once",
                     line=line_of(node, "weight"), key=f"{ident}.weight")
    return tuple(result)


def _check_sums(scheme: "Scheme", declared_max: bool, problems: Problems) -> None:
    """At every date a weight changes, each printed parent weight equals its children's sum, and
    the first-level weights add up to the scheme's maximum (dates before some indicator's first
    weight are checked for what is known then; a check year there is refused by for_year)."""
    dates = sorted({d for versions in scheme.weight_versions.values() for d, _ in versions})
    for date in dates:
        weights, _ = _resolve(scheme, date)
        when = "" if date == "0001-01-01" else f" from {date}"
        for ident, indicator in scheme.indicators.items():
            if indicator.children and ident in weights and ident in scheme.weight_versions \
                    and all(c in weights for c in indicator.children):
                total = sum((weights[c] for c in indicator.children), Decimal(0))
                if weights[ident] != total:
                    problems.add(scheme.file, f"weight of {ident}{when} is not the sum of its children's ({total})",
                                 line=scheme.lines.get(ident), key=f"{ident}.weight", found=str(weights[ident]),
                                 allowed=str(total))
        roots = scheme.roots
        if not all(r.id in weights for r in roots):
            continue
        total = sum((weights[r.id] for r in roots), Decimal(0))
        if total != scheme.max:
            parts = " + ".join(f"{r.id} {weights[r.id]}" for r in roots)
            message = f"{when} the first-level weights add up to {total} ({parts}), not to the scheme's maximum".lstrip()
            if declared_max:
                problems.add(scheme.file, message, line=scheme.lines.get("max"), key="max", found=str(total),
                             allowed=str(scheme.max))
            else:
                problems.add(scheme.file, message, line=scheme.lines.get("indicators"), key="indicators",
                             found=str(total), allowed=f"{scheme.max}, or declare `max: {total}` if the scheme is "
                             f"scored out of {total}")
