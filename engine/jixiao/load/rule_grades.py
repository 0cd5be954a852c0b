"""Grade bands written in a rule: one source with the scheme's.

A rule that compares a printed grade with a total (rules/form-review/form-grade-printed*.yaml)
names the bands in its condition (`grade_printed == "优" and total_percent < excellent`) and
holds their bounds in its params, so that the condition stays a durable-rules pattern of
constants, compiled once for every scheme and rule test. The scheme's `grades:` say the same.
The rule declares which of its params restate which band:

    grades: {优: excellent, 良: good, 中: fair, 差: ~}   # highest first; ~: the name only

and the rule book is refused (every command, `jixiao lint` too) when a scheme that lists the rule
has other grades, in another order, or another lower bound than a dated value of the param,
naming both files and both values. A scheme author who moves a band cannot leave the review of
the printed grade on the old one.
"""

from __future__ import annotations

from decimal import Decimal

from ..model.messages import Message
from ..model.problems import Problems
from ..model.rules import Rule
from ..model.schemes import Scheme
from .yaml_source import line_of


def grades_of(label: str, data: dict, params: dict, problems: Problems) -> tuple:
    """A rule's `grades:` ({grade name: the param of its lower bound, or None}, highest first)
    as ((name, param or None), …); () when the rule has none. A param named must be one of the
    rule's numeric `params` (each of its dated values is a bound to check)."""
    raw = data.get("grades")
    if raw is None:
        return ()
    line = line_of(data, "grades")
    if not isinstance(raw, dict) or not raw:
        problems.add(label, Message("rule.grades"), line=line, key="grades", found=raw)
        return ()
    numeric = sorted(n for n, versions in params.items() if all(isinstance(v, Decimal) for _, v in versions))
    grades = []
    for name, param in raw.items():
        if param is not None and param not in numeric:
            problems.add(label, Message("rule.grades_param", {"grade": name}), line=line_of(raw, name, line),
                         key=f"grades.{name}", found=param, allowed=", ".join(numeric) or "~")
            continue
        grades.append((str(name), param))
    return tuple(grades)


def check_grade_bands(scheme: Scheme, rules: dict[str, Rule], problems: Problems) -> None:
    """Each rule `scheme` lists (a leaf's rules; `rules` holds the instances a leaf applies with
    arguments, ID@LEAF, with their arguments bound) that declares `grades:` has the scheme's
    grades, in the scheme's order, each declared bound equal to the band's `min` in every dated
    value; else a problem on the rule file naming the scheme file, the grade and both values."""
    listed = set(scheme.rule_leaves())
    bands = {g.name: g.min for g in scheme.grades}
    where = f"{scheme.file}:{scheme.lines.get('grades')}" if scheme.lines.get("grades") else scheme.file
    for rule_id in sorted(listed):
        rule = rules.get(rule_id)
        if rule is None or not rule.grades:
            continue
        names = [name for name, _ in rule.grades]
        if names != [g.name for g in scheme.grades]:
            problems.add(rule.file, Message("book.grade_names", {"rule": rule.id, "scheme": scheme.id,
                                                                 "where": where}),
                         line=rule.line("grades"), key="grades", found="、".join(names),
                         allowed="、".join(g.name for g in scheme.grades))
            continue
        params = dict(rule.params)
        for name, param in rule.grades:
            for start, value in params.get(param, ()) if param is not None else ():
                if value != bands[name]:
                    problems.add(rule.file, Message("book.grade_bound", {
                        "rule": rule.id, "param": param, "start": start, "grade": name, "scheme": scheme.id,
                        "where": where, "value": _number(value), "min": _number(bands[name])}),
                        line=rule.line("params"), key=f"params.{param}", found=_number(value),
                        allowed=_number(bands[name]))


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")
