"""Rule tests as data: `rules/<family>/<id>.test.yaml` beside each rule.

A test file lists example cases: a small set of facts and exactly what the rule must do
with them — which facts it fires on (by their label, e.g. the operator's name), the
deduction, and the indicator's leaf score. `jixiao test` and `pytest rules/` (the plugin in
pytest_plugin.py) run the same cases through this module: load_test_file, run_case, outcome_lines.

    rule: separate-accounting
    cases:
      - name: 两家运维商未专账核算
        year: 2017                      # optional: default, the year the rule takes effect
        facts:
          operator_practices:
            - {operator: 甲公司, separate_account: "no"}
            - {operator: 乙公司, separate_account: "yes"}
        expect: {fires_on: [甲公司], deduction: 1, score: 1}

A method (a rule that declares `parameters:`) is tested as a leaf applies it: `with:` gives the
arguments (once at the top of the file, or per case, which adds to and overrides them) and
`weight:` the weight of a stand-in leaf; `precision:` the stand-in scheme's decimal places.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from ..check.case import assess_case
from ..check.findings import RuleError, label_of
from ..check.scoring import leaf_score
from ..disk.reading import listed, read_capped
from ..durable.session import RulesEngine, rules_engine
from ..load.case_folder import case_from_records
from ..load.rulebook import RuleBook
from ..load.yaml_source import check_keys, line_of, load_yaml
from ..model.messages import Joined, Message
from ..model.problems import InputError, Problem, Problems, meant
from ..model.results import CheckResult
from ..load.methods import instantiate
from ..model.rules import INSTANCE_MARK, TEST_SUFFIX, Rule
from ..model.schemes import DEFAULT_PRECISION, Grade, Indicator, Scheme

FILE_KEYS = {"rule", "scheme", "weight", "with", "precision", "cases"}
CASE_KEYS = {"name", "year", "scheme", "weight", "with", "precision", "facts", "expect", "notes"}
WITH_TEXT = Message("test_file.with")
EXPECT_KEYS = {"fires_on", "deduction", "score", "cannot_assess"}


@dataclass
class RuleCase:
    rule: str
    name: str
    file: str
    line: int | None
    year: int | None
    scheme: str | None
    facts: dict
    expect: dict
    weight: float | None = None  # for a rule no scheme uses: the weight of a stand-in indicator
    arguments: dict | None = None  # for a method: the `with:` a leaf would give it
    precision: int | None = None  # for a stand-in scheme: decimal places of the leaf's score

    @property
    def fires(self) -> bool:
        return bool(self.expect["fires_on"])


@dataclass
class Outcome:
    case: RuleCase
    passed: bool
    problems: list = field(default_factory=list)  # each difference: a Message, a Problem, or text

    def said(self, lang: str = "en") -> list[str]:
        """Each difference between expected and found, in a language."""
        return [p.render(lang) if isinstance(p, (Message, Problem)) else str(p) for p in self.problems]


def test_file_for(rule: Rule) -> Path:
    return Path(rule.file).with_name(f"{rule.id}{TEST_SUFFIX}")


def load_rule_tests(rulebook: RuleBook) -> dict[str, list[RuleCase]]:
    """Every rule's example cases (a rule without a test file has none): {rule id: cases}, from
    each rules/<family>/<id>.test.yaml by load_test_file. Raises InputError with the problems of
    every file together."""
    problems = Problems()
    tests: dict[str, list[RuleCase]] = {}
    listed(rulebook.directory, levels=2)
    for path in sorted(Path(rulebook.directory).glob(f"*/*{TEST_SUFFIX}")):
        try:
            cases = load_test_file(path, rulebook)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        tests[cases[0].rule] = cases
    problems.raise_if_any()
    return tests


def load_test_file(path: Path, rulebook: RuleBook) -> list[RuleCase]:
    """The cases of one test file, rules/<family>/<id>.test.yaml (at least one, in file order;
    `path` as it should be shown, e.g. relative). `jixiao test` and pytest collect through here.
    Raises InputError with every problem of the file: file:line, key, what was found."""
    problems = Problems()
    cases = _check_file(path, load_yaml(path), {r.id for r in rulebook.rules}, problems)
    check_placeholders(path, problems)
    problems.raise_if_any()
    return cases


def check_placeholders(path: Path, problems: Problems) -> None:
    """A scaffold's TODO left in a test file (a case's name, the comment over its facts): one
    problem per line, saying what to fill in there. A half-written test proves nothing."""
    text = read_capped(path, str(path)).decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if "TODO" in line:
            body = line.split("#", 1)[0]
            what = ("test.todo_name" if "name:" in body else "test.todo_facts" if "facts:" in line
                    else "test.todo_other")
            problems.add(str(path), Message("test.unfinished", {"what": Message(what)}), line=number,
                         found=line.strip())


def _check_file(path: Path, data, rule_ids: set[str], problems: Problems) -> list[RuleCase]:
    label = str(path)
    if not isinstance(data, dict):
        problems.add(label, Message("test_file.file_mapping"), line=1)
        return []
    check_keys(label, data, FILE_KEYS, problems)
    rule = data.get("rule")
    expected_id = path.name[: -len(TEST_SUFFIX)]
    if rule != expected_id:
        problems.add(label, Message("test_file.rule_beside"), line=line_of(data, "rule"), key="rule",
                     found=rule, allowed=expected_id)
        return []
    if rule not in rule_ids:
        problems.add(label, Message("test_file.no_rule", {"rule": rule, "meant": meant(str(rule), rule_ids)}),
                     line=line_of(data, "rule"), key="rule")
        return []
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        problems.add(label, Message("test_file.no_cases"), line=line_of(data, "cases"), key="cases")
        return []
    default_scheme, default_weight = data.get("scheme"), data.get("weight")
    default_with, default_precision = data.get("with"), data.get("precision")
    if default_with is not None and not isinstance(default_with, dict):
        problems.add(label, WITH_TEXT, line=line_of(data, "with"), key="with", found=default_with)
    cases = [c for c in (_check_case(label, rule, item, problems) for item in raw_cases) if c]
    first_line: dict[str, int | None] = {}
    for case in cases:  # a case is run, selected and reported by its name: one name, one case
        if case.name in first_line:
            problems.add(label, Message("test_file.name_twice", {"line": first_line[case.name]}), line=case.line,
                         key="cases.name", found=case.name)
        first_line.setdefault(case.name, case.line)
    for case in cases:
        case.scheme = case.scheme or default_scheme
        case.weight = case.weight if case.weight is not None else default_weight
        case.precision = case.precision if case.precision is not None else default_precision
        if isinstance(default_with, dict) or isinstance(case.arguments, dict):
            case.arguments = {**(default_with if isinstance(default_with, dict) else {}),
                              **(case.arguments if isinstance(case.arguments, dict) else {})}
    return cases


def _check_case(label: str, rule: str, item, problems: Problems) -> RuleCase | None:
    line = getattr(item, "line", None)
    if not isinstance(item, dict):
        problems.add(label, Message("test_file.case_mapping"), line=line, key="cases")
        return None
    before = len(problems.items)
    check_keys(label, item, CASE_KEYS, problems, "cases.")
    for key in ("name", "facts", "expect"):
        if key not in item:
            problems.add(label, Message("rule.missing_key"), line=line, key=f"cases.{key}")
    if len(problems.items) > before:
        return None
    if not isinstance(item["facts"], dict):
        problems.add(label, Message("test_file.facts"), line=line_of(item, "facts"),
                     key="cases.facts")
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problems.add(label, Message("test_file.year"), line=line_of(item, "year"), key="cases.year", found=year)
    expect = item["expect"]
    if not isinstance(expect, dict):
        problems.add(label, Message("test_file.expect"), line=line_of(item, "expect"),
                     key="cases.expect")
        return None
    check_keys(label, expect, EXPECT_KEYS, problems, "expect.")
    if not isinstance(expect.get("fires_on"), list):
        problems.add(label, Message("test_file.fires_on"), line=line_of(expect, "fires_on", line), key="expect.fires_on", found=expect.get("fires_on"))
    if "cannot_assess" in expect and not isinstance(expect["cannot_assess"], bool):
        problems.add(label, Message("test_file.cannot_assess"), line=line_of(expect, "cannot_assess"),
                     key="expect.cannot_assess", found=expect["cannot_assess"])
    for key in ("deduction", "score"):
        if key in expect and (isinstance(expect[key], bool) or not isinstance(expect[key], (int, float))):
            problems.add(label, Message("test_file.number"), line=line_of(expect, key), key=f"expect.{key}",
                         found=expect[key])
    if item.get("with") is not None and not isinstance(item["with"], dict):
        problems.add(label, WITH_TEXT, line=line_of(item, "with"), key="cases.with", found=item["with"])
    if len(problems.items) > before:
        return None
    return RuleCase(rule, str(item["name"]), label, line, year, item.get("scheme"), item["facts"], expect,
                    item.get("weight"), item.get("with"), item.get("precision"))


def run_case(case: RuleCase, rulebook: RuleBook, engine: RulesEngine | None = None) -> Outcome:
    """Evaluate one rule over the case's facts, in durable-rules, and compare with `expect`."""
    rule = next(r for r in rulebook.rules if r.id == case.rule)
    where = f"{case.file}:{case.line}"
    try:
        year = case.year or int(rule.effective_from[:4])
        if rule.parameters:
            rule = _applied(case, rule, rulebook)
            scheme = _stand_in(rule, case.weight, case.precision)
        else:
            scheme = _scheme_for(case, rule, rulebook, year)
        rule = replace(rule, indicator=scheme.rule_leaves()[rule.id])
        if not rule.in_force(year):
            return Outcome(case, False, [Message("test.not_in_force", {"rule": rule.id, "year": year})])
        facts = case_from_records(where, f"test-{rule.id}", year, scheme.id, case.facts, rulebook.schemas)
        missing = [m for table in rule.tables for m in rulebook.schemas.tables[table].missing_inputs(facts.tables)]
        if missing:
            return Outcome(case, False, [Message("test.tables_missing", {"tables": ", ".join(missing),
                                                                         "rule": rule.id})])
        result = assess_case(facts, scheme.for_year(year), [rule], rulebook, engine or rules_engine())
    except InputError as exc:
        return Outcome(case, False, list(exc.problems))
    except RuleError as exc:
        return Outcome(case, False, [exc.message])
    problems = _compare(case, rule, result, rulebook)
    return Outcome(case, not problems, problems)


def outcome_lines(outcome: Outcome, lang: str = "en") -> list[str]:
    """How a case's outcome reads, in `jixiao test`'s output (in its language) and in pytest's
    failure report: PASS/FAIL, rule › case, then each difference between expected and found,
    with the case's file:line (unless the difference already starts with it)."""
    case = outcome.case
    where = f"{case.file}:{case.line}"
    lines = [f"{'PASS' if outcome.passed else 'FAIL'}  {case.rule} › {case.name}"]
    lines += [f"        {problem}" + ("" if problem.startswith(where) else f"  ({where})")
              for problem in outcome.said(lang)]
    return lines


def _scheme_for(case: RuleCase, rule: Rule, rulebook: RuleBook, year: int):
    """The scheme a case runs under: the one it (or its file) names; else a stand-in leaf of
    the weight it (or its file) gives; else the only scheme using
    the rule; else, when several use it and give its leaf one weight in `year`, the first of
    them (the outcome is the same under each: adding a scheme that reuses a rule at the same
    weight leaves that rule's tests as they were). Raises InputError when it is ambiguous."""
    using = [s for s in rulebook.schemes.values() if rule.id in s.rule_leaves()]
    if case.scheme is None and isinstance(case.weight, (int, float)):  # the case says its weight: no scheme's
        return _stand_in(rule, case.weight)
    if case.scheme is not None:
        chosen = [s for s in using if s.id == case.scheme]
        if not chosen:
            said = Joined(tuple(s.id for s in using)) if using else Message("test_file.none")
            raise InputError([_problem(case, Message("test_file.scheme_without_rule", {
                "scheme": case.scheme, "rule": rule.id, "using": said}))])
        return chosen[0]
    if not using:
        raise InputError([_problem(case, Message("test_file.no_scheme", {"rule": rule.id}))])
    weights = {s.id: leaf_weight(s, rule.id, year) for s in using}
    if len(set(weights.values())) > 1:
        shown = Joined(tuple(Message("test_file.scheme_weight", {"scheme": scheme, "weight": weight})
                             for scheme, weight in weights.items()))
        raise InputError([_problem(case, Message("test_file.weights_differ", {"rule": rule.id, "n": len(using),
                                                                          "shown": shown}))])
    return using[0]


def _applied(case: RuleCase, rule: Rule, rulebook: RuleBook) -> Rule:
    """A method as a stand-in leaf X applies it with the case's `with:` (its arguments checked as
    a scheme's are). Raises InputError when an argument does not fit or the weight is missing."""
    problems = Problems()
    if isinstance(case.weight, bool) or not isinstance(case.weight, (int, float)):
        problems.add(case.file, Message("test_file.method_weight", {"rule": rule.id}), line=case.line, key="weight",
                     found=case.weight)
    if case.precision is not None and (isinstance(case.precision, bool) or not isinstance(case.precision, int)
                                       or not 0 <= case.precision <= 4):
        problems.add(case.file, Message("test_file.precision"), line=case.line, key="precision", found=case.precision,
                     allowed=Message("test_file.precision_allowed"))
    instance = instantiate(rule, f"{rule.id}{INSTANCE_MARK}X", tuple((case.arguments or {}).items()), case.file,
                           case.line, {}, rulebook.schemas, problems)
    problems.raise_if_any()
    return instance


def leaf_weight(scheme: Scheme, rule_id: str, year: int):
    """The weight of the leaf a rule feeds in `year` (None when the scheme has no weight then)."""
    try:
        return scheme.for_year(year).indicators[scheme.rule_leaves()[rule_id]].weight
    except InputError:
        return None


def _stand_in(rule: Rule, weight, precision: int | None = None) -> Scheme:
    """A one-leaf scheme, for testing a rule no scheme uses yet (or a method as a leaf applies it)."""
    leaf = Indicator("X", "stand-in", Decimal(str(weight)), None, (), 1, (rule.id,))
    # the weight as a version in force from the start: for_year() takes weights from the versions
    return Scheme("stand-in", "stand-in", "", [Grade("-", Decimal(0))], {"X": leaf}, ["X"],
                  weight_versions={"X": (("0001-01-01", leaf.weight),)},
                  precision=DEFAULT_PRECISION if precision is None else precision)


def _problem(case: RuleCase, message: Message) -> Problem:
    return Problem.said(case.file, message, line=case.line)


def _compare(case: RuleCase, rule: Rule, result: CheckResult, rulebook: RuleBook) -> list[str]:
    expect = case.expect
    problems = []
    unassessed = bool(result.cannot_assess)
    if unassessed != bool(expect.get("cannot_assess", False)):
        if rule.id in result.implausible:
            why = Message("test.why_implausible", {"notes": Joined(tuple(n.said for n in result.implausible[rule.id]),
                                                                   "；", "; ")})
        elif unassessed:
            why = Message("test.why_requires", {"needs": rule.needs})
        else:
            why = ""
        problems.append(Message("test.cannot_assess" if unassessed else "test.can_assess",
                                {"expected": str(bool(expect.get("cannot_assess", False))).lower(), "why": why}))
    fired_rows = [row for f in result.findings for row in f.rows]
    fired = sorted(label_of(row, rulebook.schemas) for row in fired_rows)
    if fired != sorted(str(x) for x in expect["fires_on"]):
        problems.append(Message("test.fires_on", {"fired": fired, "expected": sorted(map(str, expect["fires_on"]))}))
    deduction = sum((f.deduction for f in result.findings), Decimal(0))
    if "deduction" in expect and not _same(deduction, expect["deduction"]):
        problems.append(Message("test.deduction", {"found": f"{deduction.normalize():f}",
                                                   "expected": expect["deduction"]}))
    if "score" in expect and not unassessed:
        weight = result.scheme.indicators[rule.indicator].weight
        score = leaf_score(weight, deduction, result.scheme.precision)
        if not _same(score, expect["score"]):
            problems.append(Message("test.score", {"leaf": rule.indicator, "found": score, "expected": expect["score"],
                                                   "weight": weight}))
    return problems


def _same(actual: Decimal, expected) -> bool:
    """Equal at the precision the author wrote (at least 2 decimals): 1.21 matches 1.2146."""
    try:
        wanted = Decimal(str(expected))
    except InvalidOperation:
        return False
    places = max(2, -wanted.as_tuple().exponent if wanted.as_tuple().exponent < 0 else 0)
    step = Decimal(1).scaleb(-places)
    return actual.quantize(step, ROUND_HALF_UP) == wanted.quantize(step, ROUND_HALF_UP)
