"""The parts of a rule file, each checked with its line: params (dated values), the condition
(`when`) and `requires` as condition trees per version of the params, the deduction formula
(dry-run on sample values), and the finding text's placeholders and formats."""

from __future__ import annotations

import re
from decimal import Decimal

from ..lang.conditions import condition_tree
from ..lang.expressions import ExprError, bind, parse
from ..lang.formulas import compute
from ..model.expressions import Expr
from ..model.messages import Message
from ..model.problems import meant
from ..model.rules import (CASE_PLACEHOLDERS, COMPARED, DIRECTION, FINDING_FORMATS, PARAMETER_TYPES, PER, PLACEHOLDER,
                           RESERVED_NAMES, Parameter, directions_in)
from ..model.tables import TableSchema, TableSchemas
from ..model.values import is_iso_date
from .yaml_source import check_keys, line_of


def requirement_of(label, data, schema: TableSchema | None, params: dict, problems) -> tuple[Expr | None, tuple]:
    """What must be among the facts for the rule to assess anything; by default, any fact of its table."""
    if schema is None:
        return None, ()
    text = data.get("requires")
    if text is None:
        return None, ()
    try:
        requires = parse(text)
        trees = tuple((start, condition_tree(bind(requires, values), schema.field_kinds))
                         for start, values in param_versions(params))
    except ExprError as exc:
        problems.add(label, Message("rule.requires", {"error": str(exc)}), line=line_of(data, "requires"), key="requires", found=text)
        return None, ()
    return requires, trees


def check_directions(label, data, schema: TableSchema | None, where: Expr | None, conditions: tuple,
                     requirements: tuple, problems) -> None:
    """A rule comparing a value with its target (`value` with `target` or `baseline`, of a table
    with a `direction` column: metric_results) states in `requires` and in `when` the same directions
    it reads (model.rules.directions_in), so that a target of any other direction cannot be
    assessed instead of being read as ≥ (财预〔2020〕10号 自评表: 正向 ≥, 反向 ≤)."""
    if (schema is None or where is None or DIRECTION not in schema.columns or "value" not in where.names
            or not where.names & COMPARED):
        return
    said = [directions_in(tree) for _, tree in requirements] or [()]
    found = [directions_in(tree) for _, tree in conditions] or [()]
    if all(said) and set(said) == set(found) and len(set(said)) == 1:
        return
    none = Message("rule.directions_none")
    problems.add(label, Message("rule.directions", {
        "compared": " / ".join(sorted(where.names & COMPARED)), "column": schema.columns[DIRECTION].title,
        "requires": " / ".join(said[-1]) or none, "where": " / ".join(found[-1]) or none}),
        line=line_of(data, "requires") if "requires" in data else line_of(data, "when"), key="requires",
        allowed=f'{DIRECTION} == "at_least" / {DIRECTION} in ["at_most", "below"] …')


def params_of(label, data, start: str, problems) -> dict[str, tuple]:
    """`params: {name: value}` or `{name: [{from: YYYY-01-01, value: …}, …]}`: thresholds that
    change from one year to the next. A version starts on 1 January (one value holds a whole
    check year), and the first is in force when the rule is: no year is given a value that
    is not yet in force."""
    raw = data.get("params") or {}
    if not isinstance(raw, dict):
        problems.add(label, Message("rule.params"), line=line_of(data, "params"),
                     key="params", found=raw)
        return {}
    params = {}
    for name, spec in raw.items():
        key, line = f"params.{name}", line_of(raw, name)
        if not _param_name_ok(label, name, key, line, problems):
            continue
        versions = spec if isinstance(spec, list) else [{"from": "0001-01-01", "value": spec}]
        lines = getattr(spec, "item_lines", None) or [line] * len(versions)
        checked = []
        for version, at in zip(versions, lines):
            if not isinstance(version, dict) or set(version) != {"from", "value"} \
                    or not is_iso_date(str(version["from"])) or not _param_value(version["value"]):
                problems.add(label, Message("rule.param_version"), line=line,
                             key=key, found=version)
                continue
            date = str(version["from"])
            if not date.endswith("-01-01"):
                problems.add(label, Message("param.january"), line=at, key=key, found=date,
                             allowed=Message("param.either_date", {"first": f"{date[:4]}-01-01",
                                                                   "second": f"{int(date[:4]) + 1}-01-01"}))
                continue
            value = version["value"]
            checked.append((date, Decimal(str(value)) if not isinstance(value, str) else value, at))
        dates = [d for d, _, _ in checked]
        if dates != sorted(set(dates)):
            problems.add(label, Message("rule.param_order"), line=line, key=key)
        elif checked and start and checked[0][0] > start:
            first, _, at = checked[0]
            years = start[:4] if int(start[:4]) == int(first[:4]) - 1 else f"{start[:4]}–{int(first[:4]) - 1}"
            problems.add(label, Message("param.no_value", {"first": first, "start": start, "years": years}), line=at,
                         key=key, found=first, allowed=Message("param.no_value_allowed", {"year": start[:4],
                                                                                          "first": first}))
        if checked:
            params[name] = tuple((d, v) for d, v, _ in checked)
    return params


def parameters_of(label, data, params: dict, problems) -> dict[str, Parameter]:
    """`parameters: {name: {type: number|text, default: …, meaning: 中文说明}}`: what a scheme leaf
    may give the rule with `{rule: ID, with: {name: value}}`. A parameter without a default must
    be given by every leaf that applies the rule. Read in conditions, formulas and texts like
    `params` (one mechanism: a declared parameter is a param whose value the leaf may set)."""
    raw = data.get("parameters")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.add(label, Message("rule.parameters"), line=line_of(data, "parameters"),
                     key="parameters", found=raw)
        return {}
    declared = {}
    for name, spec in raw.items():
        key, line = f"parameters.{name}", line_of(raw, name)
        if not _param_name_ok(label, name, key, line, problems):
            continue
        if name in params:
            problems.add(label, Message("rule.parameter_twice", {"name": name}), line=line, key=key)
            continue
        if not isinstance(spec, dict):
            problems.add(label, Message("param.spec"), line=line, key=key, found=spec)
            continue
        check_keys(label, spec, PARAMETER_KEYS, problems, f"{key}.")
        kind, meaning = spec.get("type"), spec.get("meaning")
        if kind not in PARAMETER_TYPES:
            problems.add(label, Message("rule.parameter_type", {"meant": meant(str(kind), PARAMETER_TYPES)}),
                         line=line_of(spec, "type", line), key=f"{key}.type", found=kind,
                         allowed=", ".join(PARAMETER_TYPES))
            continue
        if not isinstance(meaning, str) or not meaning.strip():
            problems.add(label, Message("param.meaning"), line=line_of(spec, "meaning", line), key=f"{key}.meaning",
                         found=meaning)
            continue
        default = None
        if "default" in spec:
            default = argument_value(kind, spec["default"])
            if default is None:
                problems.add(label, Message("rule.parameter_default", {"kind": kind}), line=line_of(spec, "default", line),
                             key=f"{key}.default", found=spec["default"], allowed=_TYPE_TEXT[kind])
                continue
        declared[name] = Parameter(name, kind, default, meaning.strip())
    return declared


def argument_value(kind: str, value):
    """A parameter's value as the engine reads it (Decimal for a number), or None when `value`
    is not of the parameter's type (true/false is neither)."""
    if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    if kind == "text" and isinstance(value, str) and value.strip():
        return value
    return None


def checking_values(params: dict, parameters: dict[str, Parameter]) -> dict[str, tuple]:
    """`params` as checked at load (rule_parts' functions): dated values, with each declared
    parameter at its default, or, without one, at a sample of its type (a method never runs
    until a leaf gives it a value)."""
    sample = {"number": Decimal(1), "text": "x"}
    return {**params, **{name: (("0001-01-01", p.default if p.default is not None else sample[p.type]),)
                         for name, p in parameters.items()}}


def _param_value(value) -> bool:
    return isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def condition_of(label, data, schemas: TableSchemas, params: dict, problems) -> tuple[TableSchema | None, Expr | None, tuple]:
    """The rule's table, its condition and the condition tree per version of the params (a rule
    over one table; jixiao.load.rule_joins reads one over several)."""
    when = mapping_of(label, data, "when", WHEN_KEYS, {"table", "where"}, problems)
    if not when.get("table"):
        return None, None, ()
    schema = schemas.get(when["table"]) if isinstance(when["table"], str) else None
    if schema is None:
        problems.add(label, Message("rule.unknown_table", {"meant": meant(when["table"], schemas.tables)}),
                     line=line_of(when, "table"), key="when.table", found=when["table"],
                     allowed=", ".join(sorted(schemas.tables)))
        return None, None, ()
    for name in sorted(set(params) & set(schema.columns)):
        where = "parameters" if name in (data.get("parameters") or {}) else "params"  # declared, or a dated value
        problems.add(label, Message("rule.param_is_column", {"name": name, "table": schema.name}),
                     line=line_of(data.get(where) or {}, name, line_of(data, where)), key=f"{where}.{name}")
    try:
        where = parse(when.get("where"))
        trees = tuple((start, condition_tree(bind(where, values), schema.field_kinds))
                         for start, values in param_versions(params))
    except ExprError as exc:
        problems.add(label, Message("rule.condition", {"error": str(exc)}), line=line_of(when, "where"), key="when.where",
                     found=when.get("where"))
        return schema, None, ()
    return schema, where, trees


def bound_trees(expr: Expr, schema: TableSchema, params: dict) -> tuple:
    """((from date, condition tree), …): `expr` with each version of the params bound.
    Raises ExprError when it does not fit the table (e.g. a text parameter against a number)."""
    return tuple((start, condition_tree(bind(expr, values), schema.field_kinds))
                 for start, values in param_versions(params))


def sample_formula(amount: Expr, schema: TableSchema, params: dict):
    """The formula computed on sample values of every column and the params' latest values:
    a type error shows when the rule (or a leaf's arguments) is read, not when it fires.
    Raises ExprError (not for a division by zero, which the samples may cause)."""
    sample = {name: (Decimal(1) if col.kind.kind == "number" else (col.kind.allowed or ("x",))[0])
              for name, col in schema.columns.items()}
    sample.update({name: versions[-1][1] for name, versions in params.items()})
    sample.update(weight=Decimal(2), count=Decimal(1))
    try:
        return compute(amount, sample)
    except ExprError as exc:
        if "division by zero" in str(exc):
            return Decimal(0)
        raise


def param_versions(params: dict) -> list[tuple[str, dict]]:
    """Every date on which some parameter changes, with all parameters' values from then on;
    from the first date on which every parameter has a value (never a value before its own)."""
    if not params:
        return [("0001-01-01", {})]
    first = max(versions[0][0] for versions in params.values())
    dates = sorted({start for versions in params.values() for start, _ in versions if start >= first})
    return [(d, {name: [v for s, v in versions if s <= d][-1] for name, versions in params.items()})
            for d in dates]


def deduction_of(label, data, schema: TableSchema | None, params: dict, problems) -> tuple[Expr | None, str]:
    deduct = data.get("deduct")
    if not isinstance(deduct, dict):
        problems.add(label, Message("rule.deduct"), line=line_of(data, "deduct"),
                     key="deduct", found=deduct)
        return None, "rule"
    check_keys(label, deduct, DEDUCT_KEYS, problems, "deduct.")
    per = deduct.get("per", "rule")
    if per not in PER:
        problems.add(label, Message("rule.per"),
                     line=line_of(deduct, "per"), key="deduct.per", found=per, allowed=", ".join(PER))
        per = "rule"
    if ("points" in deduct) == ("formula" in deduct):
        problems.add(label, Message("rule.points_or_formula"),
                     line=line_of(data, "deduct"), key="deduct")
        return None, per
    key = "points" if "points" in deduct else "formula"
    value = deduct[key]
    if key == "points" and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
        problems.add(label, Message("rule.points"), line=line_of(deduct, key),
                     key="deduct.points", found=value)
        return None, per
    try:
        amount = parse(value)
    except ExprError as exc:
        problems.add(label, Message("rule.formula", {"error": str(exc)}), line=line_of(deduct, key), key=f"deduct.{key}",
                     found=value)
        return None, per
    allowed = _formula_names(schema, per) | set(params)
    unknown = sorted(amount.names - allowed)
    for name in unknown:
        problems.add(label, Message("rule.formula_unknown", {"name": name, "meant": meant(name, allowed)}),
                     line=line_of(deduct, key), key=f"deduct.{key}", found=value,
                     allowed=", ".join(sorted(allowed)))
    if not unknown and schema is not None:
        _dry_run(label, deduct, key, amount, schema, params, problems)
    return amount, per


def _dry_run(label, deduct, key, amount: Expr, schema: TableSchema, params: dict, problems) -> None:
    """Evaluate the formula on sample values, so a type error shows at load, not when it fires."""
    sample = {name: (Decimal(1) if col.kind.kind == "number" else (col.kind.allowed or ("x",))[0])
              for name, col in schema.columns.items()}
    sample.update({name: versions[-1][1] for name, versions in params.items()})
    sample.update(weight=Decimal(2), count=Decimal(1))
    try:
        result = compute(amount, sample)
    except ExprError as exc:
        if "division by zero" not in str(exc):
            problems.add(label, Message("rule.formula", {"error": str(exc)}), line=line_of(deduct, key),
                         key=f"deduct.{key}", found=deduct[key])
        return
    if not isinstance(result, Decimal):
        problems.add(label, Message("rule.formula_number"), line=line_of(deduct, key),
                     key=f"deduct.{key}", found=deduct[key])


def _formula_names(schema: TableSchema | None, per: str) -> set[str]:
    names = {"weight", "count"}
    if per == "match" and schema is not None:
        names |= set(schema.columns)
    return names


def template_names(schema: TableSchema, per: str) -> set[str]:
    names = {"weight", "deduction", "count", "labels", "labels_brief", "check_year", "prior_year", *CASE_PLACEHOLDERS}
    if per == "match":
        names |= set(schema.columns) | {"label"}
    return names


def check_formats(label, data, schema: TableSchema, per: str, problems, joined: dict | None = None) -> None:
    """|pct and |n2 need a number, |yn a yes/no/partial answer. `joined`: the further columns
    (alias.column) a rule over several tables may name per match."""
    columns = {**schema.columns, **(joined or {})} if per == "match" else {}
    numbers = {"weight", "deduction", "count"} | {n for n, c in columns.items() if c.kind.kind == "number"}
    answers = {n for n, c in columns.items() if c.type == "answer"}
    for match in PLACEHOLDER.finditer(str(data.get("finding", ""))):
        name, fmt = match.group(1).strip(), (match.group(2) or "").strip()
        if (fmt in ("pct", "n2") and name not in numbers) or (fmt == "yn" and name not in answers):
            problems.add(label, Message("rule.format_fit", {"placeholder": match.group(0), "format": fmt, "name": name}),
                         line=line_of(data, "finding"), key="finding", allowed=Message("rule.format_fit_allowed"))


def check_recommendation(label, recommendation: dict, problems) -> None:
    """A recommendation's text is the same for every finding of its rule in a case: it may quote
    only what case.yaml says ({case.unit_short}), not a fact's values."""
    check_template(label, recommendation, "text", CASE_PLACEHOLDERS, problems, prefix="recommendation.")


def check_template(label, data, key, allowed, problems, prefix: str = "") -> None:
    for match in PLACEHOLDER.finditer(str(data.get(key, ""))):
        name, fmt = match.group(1).strip(), match.group(2)
        if name not in allowed:
            problems.add(label, Message("rule.placeholder", {"name": name, "meant": meant(name, allowed)}),
                         line=line_of(data, key), key=prefix + key, found=match.group(0),
                         allowed=", ".join(sorted(allowed)))
        if fmt is not None and fmt.strip() not in FINDING_FORMATS:
            problems.add(label, Message("rule.unknown_format", {"format": fmt, "placeholder": match.group(0)}), line=line_of(data, key),
                         key=prefix + key, allowed=", ".join(sorted(FINDING_FORMATS)))


WHEN_KEYS = {"table", "where"}  # or match and join: jixiao.load.rule_joins
PARAMETER_KEYS = {"type", "default", "meaning"}
_TYPE_TEXT = {"number": "a number", "text": "non-empty text"}


DEDUCT_KEYS = {"points", "formula", "per"}


_PARAM = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def mapping_of(label, data, key, allowed, required, problems) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        problems.add(label, Message("rule.mapping_with", {"key": key, "required": ", ".join(sorted(required))}),
                     line=line_of(data, key), key=key, found=value)
        return {}
    check_keys(label, value, allowed, problems, f"{key}.")
    for name in required:
        if not isinstance(value.get(name), str) or not value[name].strip():
            problems.add(label, Message("rule.missing_or_empty"), line=line_of(value, name, line_of(data, key)),
                         key=f"{key}.{name}")
    return value


def _param_name_ok(label, name, key: str, line, problems) -> bool:
    """Whether `name` may name a parameter (of `params:` or `parameters:`); a problem if not."""
    if isinstance(name, str) and _PARAM.match(name) and name not in RESERVED_NAMES:
        return True
    problems.add(label, Message("rule.param_name"),
                 line=line, key=key, found=name)
    return False
