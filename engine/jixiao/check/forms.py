"""The scheme of a self-evaluation form, built from the form itself: a scheme file with `form:`
(rules/schemes/self-evaluation.yaml) gives the grade bands, the precision, the review leaf and
the method for each kind of row; each form gives its own leaves and weights, as it prints them.

- A 预算执行率: the funds block's 分值 (or the layout's printed execution weight), scored by the
  `execution` method over the 年度资金总额 row (metric A);
- B 产出, C 效益, D 满意度 (E other): one leaf per indicator row that has a 分值, named by its
  code (B1, B2 …), scored by the method for its target: ≥ / = / no sign, ≤, a date, or
  qualitative (text that cannot be measured), each method applied with `code` (the row's code)
  and `in_unit` (the target's unit). A row without a 分值 is not scored (a not-applicable row,
  or a template row left in): the rules of rules/form-review/ say so;
- X 未列分值的绩效指标: when rows carry a score but no 分值 (a layout without a weight column),
  the points the form's total leaves to them (its printed 总分 分值, else 100, less the weights
  given), scored by the `unweighted` rule: it cannot assess while no row states a weight, and
  gives those rows nothing otherwise (never points the form does not found);
- the scheme file's own leaves (the review leaf, weight 0) with their rules.

The total is scored out of the weights the form gives (their sum); whether they add up to its
printed 100 is a review rule, not a silent rescaling. Schemes of forms with the same rows (the
same codes, methods and units) are built once per rule book and year.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..lang.targets import KIND_LETTERS, KIND_NAMES, NO_UNIT
from ..load.rulebook import RuleBook
from ..model.facts import Case, Fact
from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems
from ..model.rules import INSTANCE_MARK, Rule
from ..model.schemes import Indicator, Scheme
from ..model.vocabulary import AMOUNT_UNIT, FORM_EXECUTION_LABEL, FORM_POINTS_LABEL, FORM_TOTAL_LABEL
from .form_facts import EXECUTION, parsed, printed_band
from .judgement import NOT_APPLICABLE
from .rulebook import in_force

UNWEIGHTED = "X"
TARGET_SETTING = "target_setting"  # form_header.kind of a 绩效目标表
UNWEIGHTED_NAME = Message("form.unweighted_leaf").render("zh")  # the name of a leaf jixiao adds: data of the scheme
_ROOT_NAMES = {"A": FORM_EXECUTION_LABEL, **{letter: KIND_NAMES[kind] for kind, letter in KIND_LETTERS.items()}}


def form_scheme_ids(rulebook: RuleBook) -> frozenset[str]:
    """The schemes built from a form (`form:` in the scheme file)."""
    return frozenset(ident for ident, scheme in rulebook.schemes.items() if scheme.form is not None)


def is_form_scheme(rulebook: RuleBook, scheme_id: str) -> bool:
    scheme = rulebook.schemes.get(scheme_id)
    return scheme is not None and scheme.form is not None


def form_in_force(case: Case, rulebook: RuleBook) -> tuple[Scheme, tuple[Rule, ...]]:
    """The scheme of the case's form, with its rules (the methods bound to each leaf, and the
    scheme file's own rules). Raises InputError when the folder holds no form, or several."""
    base, own_rules = in_force(rulebook, case.scheme, case.year)
    headers = case.tables.get("form_header", [])
    if len(headers) != 1:
        found = ", ".join(str(h.values.get("form")) for h in headers) or Message("form.no_forms")
        raise InputError([Problem.said(case.files.get("form_header", "case.yaml"),
                                       Message("form.one_per_folder", {"scheme": base.id, "found": found}),
                                       key="form_header", allowed=Message("form.one_per_folder_allowed"))])
    form = headers[0].values["form"]
    header = headers[0].values
    for key, field in (("unit", "implementing_unit"), ("department", "department"), ("amount_unit", "amount_unit")):
        if header.get(field) and not case.meta.get(key):  # the report's cover and profile: as the form names them
            case.meta[key] = header[field]
    if header.get("kind") == TARGET_SETTING or base.form == {}:
        return _review_only(case, rulebook, base, own_rules, header)
    _declare_not_applicable(case, form)
    _refuse_negative_weights(case, form)
    leaves = _leaves(case, form)
    key = ("form", base.id, case.year, tuple(leaves))
    if key not in rulebook.in_force_cache:
        rulebook.in_force_cache[key] = _build(base, own_rules, leaves, rulebook)
    scheme, rules = rulebook.in_force_cache[key]
    if "total_score" in header and "expert_score" not in case.meta:  # printed beside the recomputed total
        # graded with the bands the recomputed total is graded with, on the same base (the form's
        # weights: most forms print no grade); a grade the form prints that the bands do not give
        # is kept beside it (form-grade-printed says what to correct)
        grade = scheme.grade_for(header["total_score"])
        case.meta["expert_score"] = {"total": header["total_score"], "grade": grade,
                                     "source": f"{case.files.get('form_header', '')} {FORM_TOTAL_LABEL}", "self_reported": True}
        if header.get("grade") and printed_band(header["grade"]) != grade:  # (优秀 is 优: not said again)
            case.meta["expert_score"]["printed_grade"] = header["grade"]
    return scheme, rules


def _review_only(case: Case, rulebook: RuleBook, base: Scheme, own_rules: tuple[Rule, ...],
                 header: dict) -> tuple[Scheme, tuple[Rule, ...]]:
    """A target-setting form (绩效目标表: targets and weights, no actuals): nothing to score, so
    no leaf of its rows; reviewed with the scheme the case's scheme names for it (`target_setting:`),
    or the case's own when that is one (`form: {}`). Raises InputError for a target-setting form
    of a scheme that reviews none, and for a self-evaluation form given to a target-setting scheme."""
    if header.get("kind") != TARGET_SETTING:  # a self-evaluation form in a folder of the review-only scheme
        raise InputError([Problem.said(case.files.get("form_header", "case.yaml"),
                                       Message("form.not_target_setting", {"scheme": base.id}),
                                       key="form_header", found=header.get("kind"), allowed=TARGET_SETTING)])
    if base.form != {}:
        if base.target_setting is None:
            raise InputError([Problem.said(case.files.get("form_header", "case.yaml"),
                                           Message("form.no_target_setting_scheme", {"scheme": base.id}),
                                           key="form_header", found=TARGET_SETTING)])
        base, own_rules = in_force(rulebook, base.target_setting, case.year)
    key = ("form", base.id, case.year, ())
    if key not in rulebook.in_force_cache:
        rulebook.in_force_cache[key] = _build(base, own_rules, [], rulebook)
    return rulebook.in_force_cache[key]


def _declare_not_applicable(case: Case, form: str) -> None:
    """A row whose 年度指标值 is “/” (不适用) but which the form gives points is dropped, not
    scored (财预〔2020〕10号: 不考核该指标，用适用指标得分汇总后按百分制折算): a `not_applicable`
    fact for its code, read where the form reads it, unless the case declares that row itself.
    The review rule form-not-applicable-scored says what to correct on the form."""
    rows = list(case.tables.get(NOT_APPLICABLE, []))  # the case's own list stays as read
    declared = {r.values.get("indicator") for r in rows}
    for row in case.tables.get("form_indicators", []):
        v = row.values
        if v["form"] != form or not v.get("points") or v["code"] in declared:
            continue
        target, _ = parsed(row)
        if target.kind != "not_applicable":
            continue
        # the texts of a fact, as an evaluator would type them: in Chinese, like the form
        reason = Message("form.not_applicable_row", {"target": target.text}).render("zh")
        where = Message("form.not_applicable_where", {"file": row.file, "line": row.line}).render("zh")
        rows.append(Fact(NOT_APPLICABLE, len(rows) + 1, row.file, row.line,
                         {"indicator": v["code"], "reason": reason, "evidence": where}, (row,)))
    if rows:
        case.tables[NOT_APPLICABLE] = rows


def _refuse_negative_weights(case: Case, form: str) -> None:
    """A 分值 below 0 (the funds block's or a row's) would be a leaf's weight, scoring the total
    down and its grade on a false maximum: refused by its row, never scored."""
    problems = Problems()
    for table in ("form_funds", "form_indicators"):
        for row in case.tables.get(table, []):
            points = row.values.get("points")
            if row.values["form"] == form and points is not None and points < 0:
                problems.add(row.file, Message("form.negative_points"), line=row.line, key=FORM_POINTS_LABEL, found=str(points),
                             allowed=Message("form.negative_points_allowed"))
    problems.raise_if_any()


def _leaves(case: Case, form: str) -> list[tuple]:
    """(code, kind of row, unit, weight, name) of each scored row of the form, in order."""
    leaves = []
    header = case.tables["form_header"][0].values
    total = next((r for r in case.tables.get("form_funds", [])
                  if r.values["form"] == form and r.values["row_kind"] == "total"), None)
    weight = total.values.get("points") if total is not None else None
    weight = weight if weight is not None else header.get("execution_points")
    if weight is not None and total is not None:
        leaves.append((EXECUTION, "execution", header.get("amount_unit", AMOUNT_UNIT), weight, _ROOT_NAMES["A"]))
    for row in case.tables.get("form_indicators", []):
        v = row.values
        if v["form"] != form or v.get("points") is None:
            continue
        target, _ = parsed(row)
        kind = ("date" if target.kind == "date" else target.direction) if target.measurable else "qualitative"
        name = v.get("level3") or v.get("level2") or v["code"]
        leaves.append((v["code"], kind, (target.unit or NO_UNIT) if target.measurable else "", v["points"], name))
    unweighted = [r for r in case.tables.get("form_indicators", [])
                  if r.values["form"] == form and "score" in r.values and "points" not in r.values]
    if unweighted:
        rest = Decimal(header.get("total_points", 100)) - sum((leaf[3] for leaf in leaves), Decimal(0))
        if rest > 0:
            leaves.append((UNWEIGHTED, "unweighted", "", rest, UNWEIGHTED_NAME))
    return leaves


def _build(base: Scheme, own_rules: tuple[Rule, ...], leaves: list[tuple],
           rulebook: RuleBook) -> tuple[Scheme, tuple[Rule, ...]]:
    # a form's only, with the rule-file readers it brings: imported here for start-up time
    from ..load.methods import instantiate

    problems = Problems()
    indicators: dict[str, Indicator] = {}
    order: list[str] = []
    rules: list[Rule] = []
    groups: dict[str, list[str]] = {}
    known = {r.id: r for r in rulebook.rules}
    for code, kind, unit, weight, name in leaves:
        method = base.form.get(kind)
        rule = known.get(method) if method else None
        if rule is None:
            problems.add(base.file, Message("form.no_method", {"kind": kind}), key=f"form.{kind}",
                         allowed=", ".join(sorted(base.form)))
            continue
        if not rule.parameters:  # a plain rule (the unweighted rows'), bound to its leaf as it is
            use, instance = rule.id, replace(rule, indicator=code)
        else:
            arguments = [("code", code)]
            if unit and "in_unit" in {p.name for p in rule.parameters}:
                arguments.append(("in_unit", unit))
            use = f"{rule.id}{INSTANCE_MARK}{code}"
            # binding a method parses its conditions: done once per method, code and unit, not per form
            bound = ("form-method", base.file, rule.id, tuple(arguments))
            instance = rulebook.in_force_cache.get(bound)
            if instance is None:
                instance = instantiate(rule, use, tuple(arguments), base.file, None, {}, rulebook.schemas, problems)
                if instance is None:
                    continue
                instance = rulebook.in_force_cache[bound] = replace(instance, indicator=code)
        rules.append(instance)
        root = "A" if code == EXECUTION else code[0]
        parent = None if code in (EXECUTION, UNWEIGHTED) else root
        indicators[code] = Indicator(code, name, Decimal(weight), parent, (), 1 if parent is None else 2, (use,))
        if parent is not None:
            groups.setdefault(root, []).append(code)
    problems.raise_if_any()
    for root in sorted(groups):
        children = groups[root]
        weight = sum((indicators[c].weight for c in children), Decimal(0))
        indicators[root] = Indicator(root, _ROOT_NAMES.get(root, root), weight, None, tuple(children), 1)
    if EXECUTION in indicators:
        order.append(EXECUTION)
    for root in sorted(groups):
        order += [root, *groups[root]]
    if UNWEIGHTED in indicators:
        order.append(UNWEIGHTED)
    for ident in base.order:  # the scheme file's own indicators (the review leaf)
        indicators[ident] = base.indicators[ident]
        order.append(ident)
    total = sum((indicators[i].weight for i in order if indicators[i].parent is None), Decimal(0))
    # the national bands are for a 100-point total: a form whose weights add up to more or less
    # (form-weights-add-up says so) is graded on its score rate, never 优 for 103.5 of 120
    grades = base.grades if not total or total == base.max else [
        replace(g, min=g.min * total / base.max) for g in base.grades]
    scheme = replace(base, indicators=indicators, order=order, max=total or base.max, uses={},
                     weight_versions={}, grades=grades)
    return scheme, (*rules, *own_rules)
