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
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problems, meant
from ..model.rules import INSTANCE_MARK
from ..model.schemes import DEFAULT_MAX, DEFAULT_PRECISION, NOT_APPLICABLE_METHODS, Grade, Indicator, Scheme, _resolve
from ..model.values import is_iso_date
from .methods import OWN_KEYS
from .rule_files import RULE_ID
from .yaml_source import check_keys, line_of, load_mapping

_SCHEME_KEYS = {"id", "name", "source", "max", "precision", "not_applicable", "grades", "indicators", "notes", "form",
                "target_setting"}
FORM_ROW_KINDS = ("execution", "at_least", "at_most", "above", "below", "equal", "none", "date", "qualitative", "unweighted")
_USE_KEYS = {"rule", "with", *OWN_KEYS}
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
            problems.add(str(path), Message("scheme.id_twice"), key="id", found=scheme.id,
                         allowed=Message("scheme.id_unused", {"file": schemes[scheme.id].file}))
        schemes[scheme.id] = scheme
    if not schemes and not problems:
        problems.add(str(directory), Message("scheme.none"))
    problems.raise_if_any()
    return schemes


def _load_scheme(path: Path, problems: Problems) -> Scheme | None:
    label = str(path)
    data = load_mapping(path, _SCHEME_KEYS, Message("yaml.what_scheme"), problems)
    if data is None:
        return None
    if data.get("id") != path.stem:
        problems.add(label, Message("scheme.id_is_file_name"), line=line_of(data, "id"), key="id",
                     found=data.get("id"), allowed=path.stem)
    scheme = Scheme(str(data.get("id")), str(data.get("name", "")), str(data.get("source", "")),
                    _grades(label, data, problems), file=label, max=_maximum(label, data, problems),
                    precision=_precision(label, data, problems),
                    not_applicable=_not_applicable(label, data, problems))
    scheme.lines.update(max=line_of(data, "max"), indicators=line_of(data, "indicators"), grades=line_of(data, "grades"),
                        precision=line_of(data, "precision"), not_applicable=line_of(data, "not_applicable"))
    _check_bands(label, data, scheme, problems)
    if "form" in data:
        scheme.form = _form_methods(label, data, problems)
    if "target_setting" in data:  # the scheme a 绩效目标表 of this scheme's folders is reviewed with (checked with the book)
        scheme.target_setting = data["target_setting"]
        scheme.lines["target_setting"] = line_of(data, "target_setting")
        if "form" not in data or not isinstance(data["target_setting"], str):
            problems.add(label, Message("scheme.target_setting"), line=line_of(data, "target_setting"),
                         key="target_setting", found=data["target_setting"])
    before = len(problems.items)  # the sums wait for a sound tree, whatever other files' problems
    roots = data.get("indicators")
    if not isinstance(roots, list) or not roots:
        problems.add(label, Message("scheme.indicators_list"),
                     line=line_of(data, "indicators"), key="indicators")
        return scheme
    for node in roots:
        _add_indicator(label, node, None, 1, scheme, problems)
    if len(problems.items) == before and scheme.form is None:  # a form's leaves and weights come with each form
        _check_sums(scheme, "max" in data, problems)
    if len(problems.items) == before:
        # Outside a check year (for_year), the weights of the latest version.
        latest, _ = _resolve(scheme, max(d for versions in scheme.weight_versions.values() for d, _ in versions))
        scheme.indicators = {i: replace(ind, weight=latest.get(i, ind.weight)) for i, ind in scheme.indicators.items()}
    return scheme


def _form_methods(label, data, problems: Problems) -> dict:
    """`form: {execution: rate-times-weight, at_least: attainment, …}`: the method for each kind of
    row of a self-evaluation form (the rule ids are checked with the rule book)."""
    raw = data.get("form")
    if not isinstance(raw, dict):
        problems.add(label, Message("scheme.form_methods"),
                     line=line_of(data, "form"), key="form", allowed=", ".join(FORM_ROW_KINDS))
        return {}
    check_keys(label, raw, FORM_ROW_KINDS, problems, prefix="form.")
    methods = {}
    for kind in FORM_ROW_KINDS:
        if kind in raw:
            if not isinstance(raw[kind], str):
                problems.add(label, Message("scheme.form_method_id"), line=line_of(raw, kind), key=f"form.{kind}",
                             found=raw[kind])
            else:
                methods[kind] = raw[kind]
    return methods


def _check_bands(label, data, scheme: Scheme, problems: Problems) -> None:
    """The grade bands cover every total from 0 to the maximum: a total below the lowest band
    would otherwise be given its grade, and a band above the maximum is out of reach."""
    if not scheme.grades:
        return
    lowest = scheme.grades[-1]
    if lowest.min != 0:
        problems.add(label, Message("scheme.lowest_band", {"name": lowest.name}), line=line_of(data, "grades"),
                     key="grades", found=str(lowest.min), allowed="0")
    for higher, grade in zip(scheme.grades, scheme.grades[1:]):
        if higher.min == grade.min:
            problems.add(label, Message("scheme.same_band", {"higher": higher.name, "grade": grade.name}),
                         line=line_of(data, "grades"), key="grades", found=str(grade.min),
                         allowed=Message("scheme.below", {"value": higher.min}))
    for grade in scheme.grades:
        if grade.min > scheme.max:
            problems.add(label, Message("scheme.band_above_max", {"name": grade.name}),
                         line=line_of(data, "grades"), key="grades", found=str(grade.min),
                         allowed=Message("scheme.at_most", {"value": scheme.max}))


def _maximum(label, data, problems) -> Decimal:
    """`max: 101`: the total a scheme is scored out of, when it is not 100."""
    value = data.get("max", DEFAULT_MAX)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or value <= 0:
        problems.add(label, Message("scheme.max"), line=line_of(data, "max"), key="max",
                     found=value)
        return DEFAULT_MAX
    return Decimal(str(value))


def _not_applicable(label, data, problems) -> str | None:
    """`not_applicable: rescale` (按百分制折算) or `redistribute`: how the total is normalised when a
    case declares indicators 不适用; without it, a case may declare none."""
    value = data.get("not_applicable")
    if value is not None and value not in NOT_APPLICABLE_METHODS:
        problems.add(label, Message("scheme.not_applicable", {"meant": meant(str(value), NOT_APPLICABLE_METHODS)}),
                     line=line_of(data, "not_applicable"), key="not_applicable", found=value,
                     allowed=Joined(tuple(Message("scheme.method", {"name": k, "meaning": v})
                                          for k, v in NOT_APPLICABLE_METHODS.items())))
        return None
    return value


def _precision(label, data, problems) -> int:
    """`precision: 0`: the decimal places a leaf's score is rounded to (half up); 2 unless said."""
    value = data.get("precision", DEFAULT_PRECISION)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PRECISION:
        problems.add(label, Message("scheme.precision"), line=line_of(data, "precision"), key="precision",
                     found=value, allowed=Message("scheme.precision_allowed", {"most": MAX_PRECISION}))
        return DEFAULT_PRECISION
    return value


def _grades(label, data, problems) -> list[Grade]:
    raw = data.get("grades")
    if not isinstance(raw, list) or not raw:
        problems.add(label, Message("scheme.grades_list"), line=line_of(data, "grades"),
                     key="grades")
        return []
    grades = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"name", "min"} or isinstance(item["min"], bool) \
                or not isinstance(item["min"], (int, float)):
            problems.add(label, Message("scheme.grade_band"), line=getattr(item, "line", None),
                         key="grades", found=item)
            continue
        grades.append(Grade(str(item["name"]), Decimal(str(item["min"]))))
    if [g.min for g in grades] != sorted((g.min for g in grades), reverse=True):
        problems.add(label, Message("scheme.grades_order"),
                     line=line_of(data, "grades"), key="grades")
    return grades


def _add_indicator(label, node, parent, level, scheme: Scheme, problems: Problems) -> Decimal | None:
    if not isinstance(node, dict):
        problems.add(label, Message("scheme.indicator_mapping"), key="indicators", found=node)
        return None
    line = getattr(node, "line", None)
    check_keys(label, node, _INDICATOR_KEYS, problems)
    ident = str(node.get("id", ""))
    if not ident:
        problems.add(label, Message("scheme.indicator_without_id"), line=line, key="id")
        return None
    if ident in scheme.order:
        problems.add(label, Message("scheme.indicator_twice"), line=line, key="id", found=ident)
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
        problems.add(label, Message("scheme.leaf_weight"), line=line, key=f"{ident}.weight")
        return
    if versions:
        scheme.weight_versions[ident] = versions
    rules = _rule_entries(label, node, ident, scheme, problems)
    if rules and children:
        problems.add(label, Message("scheme.parent_rules"),
                     line=line_of(node, "rules"), key=f"{ident}.rules")
    scheme.indicators[ident] = Indicator(ident, str(node.get("name", "")), Decimal(0), parent,
                                         tuple(child_ids), level, tuple(rules))
    scheme.lines[f"{ident}.rules"] = line_of(node, "rules", line)
    scheme.lines[ident] = line_of(node, "weight", line)


def _rule_entries(label, node, ident, scheme: Scheme, problems: Problems) -> list[str]:
    """A leaf's `rules:`: each a rule id, or `{rule: ID, with: {PARAMETER: VALUE, …}}` — the rule
    applied to this leaf with these arguments, an instance named ID@LEAF, or `id:` when the entry
    names it; the entry may give the instance its own words (title, finding, … : OWN_KEYS). The
    arguments and words are checked against the rule when the rule book is read
    (jixiao.load.methods)."""
    raw = node.get("rules") or []
    line = line_of(node, "rules")
    if not isinstance(raw, list):
        problems.add(label, Message("scheme.rules_list"), line=line,
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
            problems.add(label, Message("scheme.rule_entry"), line=at, key=f"{ident}.rules", found=entry)
            continue
        check_keys(label, entry, _USE_KEYS, problems, f"{ident}.rules.")
        named = entry.get("id")
        if named is not None and (not isinstance(named, str) or not RULE_ID.match(named)):
            problems.add(label, Message("scheme.instance_id"), line=line_of(entry, "id", at), key=f"{ident}.rules.id",
                         found=named, allowed=Message("scheme.instance_id_example"))
            continue
        use = named or f"{entry['rule']}{INSTANCE_MARK}{ident}"
        if use in scheme.uses:
            other = scheme.uses[use][4]
            message = Message("scheme.rule_twice", {"rule": entry["rule"], "leaf": ident}) if named is None else \
                Message("scheme.instance_id_twice", {"id": named, "other": other})
            problems.add(label, message, line=at, key=f"{ident}.rules", found=named or entry["rule"],
                         allowed=Message("scheme.rule_once" if named is None else "scheme.instance_id_own"))
            continue
        lines = {str(k): line_of(arguments, k, at) for k in arguments}
        scheme.uses[use] = (entry["rule"], tuple((str(k), v) for k, v in arguments.items()), at, lines, ident, entry)
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
            problems.add(label, Message("scheme.weight"),
                         line=line_of(node, "weight"), key=f"{ident}.weight", found=version)
            return ()
        date = str(version["from"])
        if not date.endswith("-01-01"):  # which weight would score that year? refused, not guessed
            problems.add(label, Message("scheme.weight_january"), line=line_of(node, "weight"), key=f"{ident}.weight",
                         found=date, allowed=Message("scheme.either", {"first": f"{date[:4]}-01-01",
                                                                        "second": f"{int(date[:4]) + 1}-01-01"}))
            return ()
        result.append((date, Decimal(str(value))))
    if [d for d, _ in result] != sorted({d for d, _ in result}):
        problems.add(label, Message("scheme.weight_order"),
                     line=line_of(node, "weight"), key=f"{ident}.weight")
    return tuple(result)


def _check_sums(scheme: "Scheme", declared_max: bool, problems: Problems) -> None:
    """At every date a weight changes, each printed parent weight equals its children's sum, and
    the first-level weights add up to the scheme's maximum (dates before some indicator's first
    weight are checked for what is known then; a check year there is refused by for_year)."""
    dates = sorted({d for versions in scheme.weight_versions.values() for d, _ in versions})
    for date in dates:
        weights, _ = _resolve(scheme, date)
        when = "" if date == "0001-01-01" else Message("scheme.from", {"date": date})
        for ident, indicator in scheme.indicators.items():
            if indicator.children and ident in weights and ident in scheme.weight_versions \
                    and all(c in weights for c in indicator.children):
                total = sum((weights[c] for c in indicator.children), Decimal(0))
                if weights[ident] != total:
                    problems.add(scheme.file, Message("scheme.parent_sum", {"leaf": ident, "when": when, "total": total}),
                                 line=scheme.lines.get(ident), key=f"{ident}.weight", found=str(weights[ident]),
                                 allowed=str(total))
        roots = scheme.roots
        if not all(r.id in weights for r in roots):
            continue
        total = sum((weights[r.id] for r in roots), Decimal(0))
        if total != scheme.max:
            parts = " + ".join(f"{r.id} {weights[r.id]}" for r in roots)
            start = "" if date == "0001-01-01" else Message("scheme.from_start", {"date": date})
            message = Message("scheme.roots_sum", {"when": start, "total": total, "parts": parts})
            if declared_max:
                problems.add(scheme.file, message, line=scheme.lines.get("max"), key="max", found=str(total),
                             allowed=str(scheme.max))
            else:
                problems.add(scheme.file, message, line=scheme.lines.get("indicators"), key="indicators",
                             found=str(total), allowed=Message("scheme.declare_max", {"max": scheme.max, "total": total}))
