"""Rule files: one management rule per YAML file, checked strictly when loaded.

A rule says where it comes from (document and clause), when it is in force, which facts
it reads (`when.table`) and on what condition it fires (`when.where`), which indicator
it deducts from and how much (`deduct`), and what the finding and the recommendation
say. See docs in README.md for the format; a broken rule stops the run (fail closed).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import InputError, Problem, Problems, did_you_mean
from .expr import Expr, ExprError, bind, compile_condition, engine_field, evaluate, parse
from .tables import Catalog, TableSchema, is_iso_date
from .yamlsrc import check_keys, line_of, listed, load_yaml

RULE_KEYS = {"id", "title", "title_en", "family", "source", "effective", "replaces", "params", "when",
             "requires", "request", "deduct", "finding", "recommendation", "library", "notes"}
REQUIRED_KEYS = ("id", "title", "family", "source", "effective", "when", "deduct", "finding", "recommendation")
SOURCE_KEYS = {"document", "clause", "report"}
WHEN_KEYS = {"table", "where"}
DEDUCT_KEYS = {"points", "formula", "per"}
PER = ("rule", "match")
RECOMMENDATION_KEYS = {"text", "source"}
FORMATS = {"pct", "n2", "yn"}  # percent, 2 decimals, yes/no/partial as 是/否/部分
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_PARAM = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
RESERVED_NAMES = {"weight", "count", "labels", "label", "deduction"}
PLACEHOLDER = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")
SKIP_DIRS = {"schemes", "tables"}
TEST_SUFFIX = ".test.yaml"
ANY_FACT = {"$ex": {"t": 1}}  # the default requirement: some fact of the rule's table


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
    patterns: tuple   # ((from date, durable-rules pattern), …): one per version of the params
    amount: Expr
    per: str
    finding: str
    recommendation: dict
    file: str
    params: tuple = ()  # ((name, ((from date, value), …)), …)
    indicator: str | None = None  # set when a scheme binds the rule to one of its leaves
    requires: Expr | None = None  # a fact satisfying this must exist, or the rule cannot assess
    requirement_patterns: tuple = ()  # as `patterns`, for `requires` (or any fact of the table)
    request: str = ""  # the evidence to ask for when it cannot assess (资料清单)
    library: bool = False  # offered to schemes that want it; no scheme need use it
    date_column: str | None = None  # the column that dates the facts of its table (the schema's `date:`)
    replaces: str | None = None  # the rule this one is a new version of
    lines: tuple = ()  # ((key, line), …): where `effective`, `replaces` … stand in the file

    def line(self, key: str) -> int | None:
        return dict(self.lines).get(key)

    def requirement_for(self, year: int) -> dict:
        """What must be among the facts for the rule to assess anything. Not limited to the
        rule's period: a version that finds no fact dated in its part of the year has judged
        nothing, but its table's evidence is there."""
        if not self.requirement_patterns:
            return ANY_FACT
        return _version_for(self.requirement_patterns, year)

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

    def pattern_for(self, year: int) -> dict:
        """The durable-rules pattern of the rule in the check year: its condition with that
        year's parameters, and, when the rule starts or ends within the year, the test that
        the fact's own date (its table's `date:` column, as its latest day) is in its period."""
        pattern = _version_for(self.patterns, year)
        start, end = self.bounds_in(year)
        if start is None and end is None:
            return pattern
        if self.date_column is None:  # refused when the rule was loaded
            raise ValueError(f"{self.file}: rule {self.id} starts or ends within {year}, on an undated table")
        field = engine_field(self.date_column)
        period = [{"$ex": {field: 1}}]
        period += [{"$gte": {field: start}}] if start is not None else []
        period += [{"$lte": {field: end}}] if end is not None else []
        return {"$and": [*period, pattern]}

    def judges(self, values: dict, year: int) -> bool:
        """Whether a fact's date falls in the rule's period in the check year (the same test as
        pattern_for's, in Python, for the working paper's cross-check)."""
        start, end = self.bounds_in(year)
        if start is None and end is None:
            return True
        date = values.get(self.date_column)
        latest = getattr(date, "latest", None)
        return latest is not None and (start is None or latest >= start) and (end is None or latest <= end)

    def in_force(self, year: int) -> bool:
        """True when the rule's effective period overlaps the check year."""
        end = self.effective_to or "9999-12-31"
        return self.effective_from <= f"{year}-12-31" and end >= f"{year}-01-01"

    @property
    def period(self) -> str:
        """The effective period as people read it: 2016-01-01 – 2018-12-31, or 2017-01-01 起."""
        return f"{self.effective_from} – {self.effective_to}" if self.effective_to else f"{self.effective_from} 起"

    @property
    def citation(self) -> str:
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


def rule_files(directory: Path) -> list[Path]:
    """Rule files under `directory`: every */*.yaml outside schemes/ and tables/, tests excluded."""
    listed(directory, levels=2)
    return sorted(p for p in Path(directory).glob("*/*.yaml")
                  if p.parent.name not in SKIP_DIRS and not p.name.endswith(TEST_SUFFIX))


def load_families(directory: Path) -> dict[str, dict]:
    path = Path(directory) / "families.yaml"
    data = load_yaml(path) if path.exists() else None
    if not isinstance(data, dict) or not data:
        raise InputError([Problem(str(path), "families.yaml must map each rule family id to its title")])
    return {str(k): dict(v) if isinstance(v, dict) else {"title": str(v)} for k, v in data.items()}


def load_rules(directory: Path, catalog: Catalog, families: dict) -> list[Rule]:
    """Load and check every rule file; all problems of all files are raised together."""
    problems = Problems()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = rule_files(directory)
    if not files:
        problems.add(directory, "no rule files (rules/<family>/<id>.yaml) found")
    for path in files:
        try:
            data = load_yaml(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        rule = _check_rule(path, data, catalog, families, problems)
        if rule is None:
            continue
        if rule.id in seen:
            problems.add(rule.file, "rule id used twice", line=line_of(data, "id"), key="id",
                         found=rule.id, allowed=f"an id not used by {seen[rule.id]}")
            continue
        seen[rule.id] = rule.file
        rules.append(rule)
    _check_versions(rules, problems)
    problems.raise_if_any()
    return rules


def _check_versions(rules: list[Rule], problems: Problems) -> None:
    """`replaces: <id>` makes a rule the next version of another: the two periods must not
    overlap (one fact is never judged by two versions of one rule), so the older one ends."""
    by_id = {r.id: r for r in rules}
    successors: dict[str, str] = {}
    for rule in rules:
        if rule.replaces is None:
            continue
        line = rule.line("replaces")
        old = by_id.get(rule.replaces)
        if old is None or old.id == rule.id:
            problems.add(rule.file, "replaces no other rule" + did_you_mean(rule.replaces, set(by_id) - {rule.id}),
                         line=line, key="replaces", found=rule.replaces, allowed="the id of the rule this one "
                         "is a new version of")
            continue
        if old.id in successors:
            problems.add(rule.file, f"{old.id} is replaced already, by {successors[old.id]}: versions follow one "
                         "another", line=line, key="replaces", found=old.id,
                         allowed=f"replaces: {successors[old.id]}, if this version comes after it")
            continue
        successors[old.id] = rule.id
        where = f"{old.id}, {old.file}:{old.line('effective')}: {old.period}"
        if old.effective_to is None:
            problems.add(rule.file, f"the version it replaces never ends ({where}): give it `to:`, the day before "
                         "this one starts", line=line, key="replaces", found=old.id,
                         allowed=f"effective: {{from: {old.effective_from}, to: {_day_before(rule.effective_from)}}}"
                         f" in {old.file}")
        elif rule.effective_from <= old.effective_to:
            problems.add(rule.file, f"this version starts before the version it replaces ends ({where}): a fact "
                         f"dated {rule.effective_from} – {old.effective_to} would be judged by both",
                         line=rule.line("effective"), key="effective.from", found=rule.effective_from,
                         allowed=f"{day_after(old.effective_to)} or later")
        elif "rule" in (rule.per, old.per) and not rule.effective_from.endswith("-01-01"):
            problems.add(rule.file, f"versions of a rule that deducts once (per: rule) change on 1 January: within "
                         f"{rule.effective_from[:4]} this version and {old.id} would each deduct once",
                         line=rule.line("effective"), key="effective.from", found=rule.effective_from,
                         allowed=f"a change on 1 January (e.g. {old.id} to {rule.effective_from[:4]}-12-31, this "
                         f"version from {int(rule.effective_from[:4]) + 1}-01-01), or per: match in both")


def _day_before(text: str) -> str:
    return (datetime.date.fromisoformat(text) - datetime.timedelta(days=1)).isoformat()


def day_after(text: str) -> str:
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=1)).isoformat()


def _check_rule(path: Path, data, catalog: Catalog, families: dict, problems: Problems) -> Rule | None:
    label = str(path)
    before = len(problems.items)
    if not isinstance(data, dict):
        problems.add(label, "a rule file is a mapping (id, title, when, deduct, …)", line=1)
        return None
    if "indicator" in data:
        problems.add(label, "a rule does not name its indicator: each scheme lists the rules that feed its "
                     "leaves (`rules:` on a leaf in rules/schemes/<scheme>.yaml)", line=line_of(data, "indicator"),
                     key="indicator", found=data["indicator"])
    check_keys(label, data, RULE_KEYS, problems, reported={"indicator"})
    for key in REQUIRED_KEYS:
        if key not in data:
            problems.add(label, "missing required key", line=1, key=key)
    if len(problems.items) > before:
        return None
    _check_unfinished(label, data, problems)

    rule_id = data["id"]
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        problems.add(label, "rule id must be lower-case letters, digits and '-'", line=line_of(data, "id"),
                     key="id", found=rule_id, allowed="e.g. separate-accounting")
    elif rule_id != path.stem:
        problems.add(label, "rule id must equal the file name", line=line_of(data, "id"), key="id",
                     found=rule_id, allowed=path.stem)
    for key in ("title", "finding"):
        _text(label, data, key, problems)
    for key in ("id", "family"):
        if not isinstance(data[key], str):
            problems.add(label, "must be text", line=line_of(data, key), key=key, found=data[key])
    if len(problems.items) > before:
        return None
    if data["family"] not in families:
        problems.add(label, f"unknown rule family{did_you_mean(data['family'], families)}",
                     line=line_of(data, "family"), key="family", found=data["family"],
                     allowed=", ".join(families))
    source = _mapping(label, data, "source", SOURCE_KEYS, {"document"}, problems)
    recommendation = _mapping(label, data, "recommendation", RECOMMENDATION_KEYS, {"text"}, problems)
    start, end = _effective(label, data, problems)
    params = _params(label, data, start, problems)
    schema, where, patterns = _when(label, data, catalog, params, problems)
    if schema is not None and start:
        _check_dated(label, data, schema, start, end, problems)
    replaces = data.get("replaces")
    if replaces is not None and not isinstance(replaces, str):
        problems.add(label, "'replaces' names the rule this one is a new version of", line=line_of(data, "replaces"),
                     key="replaces", found=replaces)
    requires, requirement_patterns = _requires(label, data, schema, params, problems)
    amount, per = _deduct(label, data, schema, params, problems)
    if schema is not None:
        _check_template(label, data, "finding", _template_names(schema, per) | set(params), problems)
        _check_formats(label, data, schema, per, problems)
    if len(problems.items) > before:
        return None
    return Rule(rule_id, data["title"], str(data.get("title_en", "")), data["family"],
                {k: str(v) for k, v in source.items()}, start, end, schema.name, where,
                patterns, amount, per, data["finding"], {k: str(v) for k, v in recommendation.items()},
                label, tuple(sorted(params.items())), requires=requires,
                requirement_patterns=requirement_patterns, request=_request(data, schema),
                library=data.get("library") is True, date_column=schema.date, replaces=replaces,
                lines=tuple((key, line_of(data, key)) for key in ("effective", "replaces", "params") if key in data))


def _check_dated(label, data, schema: TableSchema, start: str, end: str | None, problems) -> None:
    """A rule that starts or ends within a year must be able to tell its facts apart by date."""
    if schema.date is not None:
        return
    effective = data["effective"]
    where = f"its table {schema.name} declares no column that dates its facts (`date:` in {schema.file})"
    if not start.endswith("-01-01"):
        problems.add(label, f"the rule starts within {start[:4]}, but {where}, so the facts before and after "
                     f"{start} cannot be told apart", line=line_of(effective, "from"), key="effective.from",
                     found=start, allowed="the start of a year (YYYY-01-01), or a table that declares `date:`")
    if end is not None and not end.endswith("-12-31"):
        problems.add(label, f"the rule ends within {end[:4]}, but {where}, so the facts before and after "
                     f"{end} cannot be told apart", line=line_of(effective, "to"), key="effective.to",
                     found=end, allowed="the end of a year (YYYY-12-31), or a table that declares `date:`")


def _requires(label, data, schema: TableSchema | None, params: dict, problems) -> tuple[Expr | None, tuple]:
    """What must be among the facts for the rule to assess anything; by default, any fact of its table."""
    if schema is None:
        return None, ()
    text = data.get("requires")
    if text is None:
        return None, (("0001-01-01", ANY_FACT),)
    try:
        requires = parse(text)
        patterns = tuple((start, compile_condition(bind(requires, values), schema.field_kinds))
                         for start, values in _param_versions(params))
    except ExprError as exc:
        problems.add(label, f"requires: {exc}", line=line_of(data, "requires"), key="requires", found=text)
        return None, ()
    return requires, patterns


def _request(data, schema: TableSchema | None) -> str:
    """The 资料清单 entry: the rule's own `request`, else its table and title."""
    if isinstance(data.get("request"), str) and data["request"].strip():
        return data["request"].strip()
    table = f"{schema.title}（{schema.name}）" if schema is not None else ""
    if schema is not None and schema.derived:
        from .derive import DERIVATIONS
        inputs = [" 或 ".join(i) if isinstance(i, tuple) else i for i in DERIVATIONS.get(schema.name, ((),))[0]]
        table = f"{schema.title}（由 {'、'.join(inputs)} 得出）"
    return f"{table}：用于核查“{data.get('title', '')}”"


def _params(label, data, start: str, problems) -> dict[str, tuple]:
    """`params: {name: value}` or `{name: [{from: YYYY-01-01, value: …}, …]}`: thresholds that
    change from one year to the next. A version starts on 1 January (one value holds a whole
    check year), and the first is in force when the rule is: no year is given a value that
    is not yet in force."""
    raw = data.get("params") or {}
    if not isinstance(raw, dict):
        problems.add(label, "'params' maps names to a value or to dated versions", line=line_of(data, "params"),
                     key="params", found=raw)
        return {}
    params = {}
    for name, spec in raw.items():
        key, line = f"params.{name}", line_of(raw, name)
        if not isinstance(name, str) or not _PARAM.match(name) or name in RESERVED_NAMES:
            problems.add(label, "parameter names are lower-case identifiers other than weight, count, labels",
                         line=line, key=key, found=name)
            continue
        versions = spec if isinstance(spec, list) else [{"from": "0001-01-01", "value": spec}]
        lines = getattr(spec, "item_lines", None) or [line] * len(versions)
        checked = []
        for version, at in zip(versions, lines):
            if not isinstance(version, dict) or set(version) != {"from", "value"} \
                    or not is_iso_date(str(version["from"])) or not _param_value(version["value"]):
                problems.add(label, "each version is {from: YYYY-MM-DD, value: a number or text}", line=line,
                             key=key, found=version)
                continue
            date = str(version["from"])
            if not date.endswith("-01-01"):
                problems.add(label, "a parameter's value applies to whole check years: a version starts on "
                             "1 January (for a change within a year, end the rule there and start a new version "
                             "of it with `replaces:`)", line=at, key=key, found=date,
                             allowed=f"{date[:4]}-01-01 or {int(date[:4]) + 1}-01-01")
                continue
            value = version["value"]
            checked.append((date, Decimal(str(value)) if not isinstance(value, str) else value, at))
        dates = [d for d, _, _ in checked]
        if dates != sorted(set(dates)):
            problems.add(label, "versions must be listed by 'from' date, each date once", line=line, key=key)
        elif checked and start and checked[0][0] > start:
            first, _, at = checked[0]
            years = start[:4] if int(start[:4]) == int(first[:4]) - 1 else f"{start[:4]}–{int(first[:4]) - 1}"
            problems.add(label, f"the first value is from {first}, but the rule is in force from {start}: no value "
                         f"for {years}", line=at, key=key, found=first,
                         allowed=f"a first value from {start[:4]}-01-01 or earlier, or `effective: {{from: {first}}}`")
        if checked:
            params[name] = tuple((d, v) for d, v, _ in checked)
    return params


def _param_value(value) -> bool:
    return isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _check_unfinished(label, data, problems, prefix="") -> None:
    """A scaffold left with TODO is not a rule yet: refuse it rather than run half of it."""
    for key, value in data.items():
        if isinstance(value, dict):
            _check_unfinished(label, value, problems, f"{prefix}{key}.")
        elif isinstance(value, str) and "TODO" in value:
            problems.add(label, "unfinished: replace the TODO", line=line_of(data, key), key=f"{prefix}{key}",
                         found=value)


def _text(label, data, key, problems) -> None:
    if not isinstance(data.get(key), str) or not data[key].strip():
        problems.add(label, "must be non-empty text", line=line_of(data, key), key=key, found=data.get(key))


def _mapping(label, data, key, allowed, required, problems) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        problems.add(label, f"'{key}' must be a mapping with {', '.join(sorted(required))}",
                     line=line_of(data, key), key=key, found=value)
        return {}
    check_keys(label, value, allowed, problems, f"{key}.")
    for name in required:
        if not isinstance(value.get(name), str) or not value[name].strip():
            problems.add(label, "missing or empty", line=line_of(value, name, line_of(data, key)),
                         key=f"{key}.{name}")
    return value


def _effective(label, data, problems) -> tuple[str, str | None]:
    value = data.get("effective")
    if not isinstance(value, dict) or "from" not in value:
        problems.add(label, "'effective' must give 'from' (and optionally 'to') as YYYY-MM-DD",
                     line=line_of(data, "effective"), key="effective", found=value)
        return "", None
    check_keys(label, value, {"from", "to"}, problems, "effective.")
    start, end = str(value["from"]), value.get("to")
    for key, text in (("from", start), ("to", end)):
        if text is not None and not is_iso_date(str(text)):
            problems.add(label, "not a date", line=line_of(value, key), key=f"effective.{key}", found=text,
                         allowed="YYYY-MM-DD")
    if end is not None and str(end) < start:
        problems.add(label, "effective period ends before it starts", line=line_of(value, "to"),
                     key="effective.to", found=end, allowed=f"a date on or after {start}")
    return start, (str(end) if end is not None else None)


def _when(label, data, catalog: Catalog, params: dict, problems) -> tuple[TableSchema | None, Expr | None, tuple]:
    when = _mapping(label, data, "when", WHEN_KEYS, {"table", "where"}, problems)
    if not when.get("table"):
        return None, None, ()
    schema = catalog.get(when["table"]) if isinstance(when["table"], str) else None
    if schema is None:
        problems.add(label, f"unknown fact table{did_you_mean(when['table'], catalog.tables)}",
                     line=line_of(when, "table"), key="when.table", found=when["table"],
                     allowed=", ".join(sorted(catalog.tables)))
        return None, None, ()
    for name in sorted(set(params) & set(schema.columns)):
        problems.add(label, f"parameter '{name}' has the name of a column of {schema.name}",
                     line=line_of(data, "params"), key=f"params.{name}")
    try:
        where = parse(when.get("where"))
        patterns = tuple((start, compile_condition(bind(where, values), schema.field_kinds))
                         for start, values in _param_versions(params))
    except ExprError as exc:
        problems.add(label, f"condition: {exc}", line=line_of(when, "where"), key="when.where",
                     found=when.get("where"))
        return schema, None, ()
    return schema, where, patterns


def _param_versions(params: dict) -> list[tuple[str, dict]]:
    """Every date on which some parameter changes, with all parameters' values from then on;
    from the first date on which every parameter has a value (never a value before its own)."""
    if not params:
        return [("0001-01-01", {})]
    first = max(versions[0][0] for versions in params.values())
    dates = sorted({start for versions in params.values() for start, _ in versions if start >= first})
    return [(d, {name: [v for s, v in versions if s <= d][-1] for name, versions in params.items()})
            for d in dates]


def _deduct(label, data, schema: TableSchema | None, params: dict, problems) -> tuple[Expr | None, str]:
    deduct = data.get("deduct")
    if not isinstance(deduct, dict):
        problems.add(label, "'deduct' must give 'points' or 'formula', and 'per'", line=line_of(data, "deduct"),
                     key="deduct", found=deduct)
        return None, "rule"
    check_keys(label, deduct, DEDUCT_KEYS, problems, "deduct.")
    per = deduct.get("per", "rule")
    if per not in PER:
        problems.add(label, "'per' says whether the deduction applies once or for each matching fact",
                     line=line_of(deduct, "per"), key="deduct.per", found=per, allowed=", ".join(PER))
        per = "rule"
    if ("points" in deduct) == ("formula" in deduct):
        problems.add(label, "give exactly one of 'points' (a number) or 'formula' (an expression)",
                     line=line_of(data, "deduct"), key="deduct")
        return None, per
    key = "points" if "points" in deduct else "formula"
    value = deduct[key]
    if key == "points" and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
        problems.add(label, "points must be a number of at least 0", line=line_of(deduct, key),
                     key="deduct.points", found=value)
        return None, per
    try:
        amount = parse(value)
    except ExprError as exc:
        problems.add(label, f"formula: {exc}", line=line_of(deduct, key), key=f"deduct.{key}", found=value)
        return None, per
    allowed = _formula_names(schema, per) | set(params)
    unknown = sorted(amount.names - allowed)
    for name in unknown:
        problems.add(label, f"formula reads unknown name '{name}'{did_you_mean(name, allowed)}",
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
        result = evaluate(amount, sample)
    except ExprError as exc:
        if "division by zero" not in str(exc):
            problems.add(label, f"formula: {exc}", line=line_of(deduct, key), key=f"deduct.{key}",
                         found=deduct[key])
        return
    if not isinstance(result, Decimal):
        problems.add(label, "the formula must give a number of points", line=line_of(deduct, key),
                     key=f"deduct.{key}", found=deduct[key])


def _formula_names(schema: TableSchema | None, per: str) -> set[str]:
    names = {"weight", "count"}
    if per == "match" and schema is not None:
        names |= set(schema.columns)
    return names


def _template_names(schema: TableSchema, per: str) -> set[str]:
    names = {"weight", "deduction", "count", "labels"}
    if per == "match":
        names |= set(schema.columns) | {"label"}
    return names


def _check_formats(label, data, schema: TableSchema, per: str, problems) -> None:
    """|pct and |n2 need a number, |yn a yes/no/partial answer."""
    numbers = {"weight", "deduction", "count"} | ({n for n, c in schema.columns.items() if c.kind.kind == "number"}
                                                 if per == "match" else set())
    answers = {n for n, c in schema.columns.items() if c.type == "answer"} if per == "match" else set()
    for match in PLACEHOLDER.finditer(str(data.get("finding", ""))):
        name, fmt = match.group(1).strip(), (match.group(2) or "").strip()
        if (fmt in ("pct", "n2") and name not in numbers) or (fmt == "yn" and name not in answers):
            problems.add(label, f"{match.group(0)}: format |{fmt} does not fit '{name}'", line=line_of(data, "finding"),
                         key="finding", allowed="|pct and |n2 for numbers, |yn for yes/no/partial answers")


def _check_template(label, data, key, allowed, problems) -> None:
    for match in PLACEHOLDER.finditer(str(data.get(key, ""))):
        name, fmt = match.group(1).strip(), match.group(2)
        if name not in allowed:
            problems.add(label, f"placeholder {{{name}}} names nothing{did_you_mean(name, allowed)}",
                         line=line_of(data, key), key=key, found=match.group(0),
                         allowed=", ".join(sorted(allowed)))
        if fmt is not None and fmt.strip() not in FORMATS:
            problems.add(label, f"unknown format '{fmt}' in {match.group(0)}", line=line_of(data, key),
                         key=key, allowed=", ".join(sorted(FORMATS)))
