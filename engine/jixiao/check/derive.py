"""Derived facts: aggregates the rules read but durable-rules cannot compute (sums, rates).

Each derivation reads a case's observed rows and returns rows of a derived table (schema
in rules/tables, `derived: true`), each remembering the observed rows it rests on, so a
finding on a derived fact still names the files and rows behind it (`derived_from`), and
the further rows its values depend on (`depends_on`: the other tranches behind a total),
so a derived fact resting on a value that cannot be true is never scored. A derivation
whose inputs are absent from a case yields nothing, and so does one whose inputs hold no
rows: a table with only its header is no evidence, and a sum over no rows is not zero
spending (the rules that read the derived table then cannot assess, and ask for its facts).

The tables of one case hold a handful to a few dozen rows of exact decimals, so these are
plain sums over rows: a DataFrame per table cost more to build than the sums themselves
(a third of a case's time), and object columns of Decimal gain nothing from vectorising.
pandas works where the rows are many: the portfolio summary (jixiao.portfolio.overview).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable, Iterable

from ..model.facts import Case, Fact
from ..model.messages import Message
from ..model.problems import InputError, Problem, meant
from ..model.tables import RATIO_UNIT, TableSchemas
from ..model.values import FactDate
from .form_facts import form_groups, form_metrics, form_rows, form_totals

ZERO = Decimal(0)


def _total(rows: Iterable[Fact], column: str) -> Decimal:
    """Sum of a column's amounts; an empty cell counts as nothing."""
    return sum((r.values[column] for r in rows if isinstance(r.values.get(column), Decimal)), ZERO)


def _amount(row: Fact, column: str) -> Decimal:
    value = row.values.get(column)
    return value if isinstance(value, Decimal) else ZERO


def budget_execution(case: Case) -> list[Fact]:
    """预算执行率 = spent / budget. Spent is the recorded expenditure or, for a subsidy whose
    spending is its disbursements, the amounts paid out."""
    budget = case.tables["budget"]
    if "expenditures" in case.tables:
        paid = case.tables["expenditures"]
        spent = _total(paid, "amount")
    else:
        paid = case.tables["disbursements"]
        spent = _total(paid, "paid_amount")
    total = _total(budget, "amount")
    values = {"budget_total": total, "spent": spent}
    if total:
        values["execution_rate"] = spent / total
    return [_derived("budget_execution", 1, values, [*budget, *paid])]


def tranche_payments(case: Case) -> list[Fact]:
    """Each tranche with its approved amount (planned less audit deductions) and payer totals."""
    return _payments("tranche_payments", case.tables["disbursements"], "payer",
                     ("tranche", "name", "payer", "payee", "due_date", "paid_date"))


def operator_payments(case: Case) -> list[Fact]:
    """The lead operator's payments to each operator, per tranche (表 1-8); unplanned rows skipped.
    Which rows count as planned turns on every row's planned amount: each derived row depends
    on them all (a payment recorded without its plan is incomplete, and leaves the totals unknown)."""
    rows = case.tables["operator_disbursements"]
    planned = [r for r in rows if isinstance(r.values.get("planned_amount"), Decimal)]
    return _payments("operator_payments", planned, None, ("operator", "tranche"), rows)


def _payments(table: str, rows: list[Fact], group: str | None, keep: tuple, context: list[Fact] = ()) -> list[Fact]:
    """Rows grouped by `group` (in order of first appearance), each with its group's totals; each
    derived row depends on its group and on `context` (the rows left out of the groups)."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.values.get(group) if group else None, []).append(row)
    grouped = {id(r) for r in rows}
    left_out = [r for r in context if id(r) not in grouped]
    derived = []
    for part in groups.values():
        approved = [r.values["planned_amount"] - _amount(r, "audit_adjustment") for r in part]
        total_approved, total_paid = sum(approved, ZERO), sum((_amount(r, "paid_amount") for r in part), ZERO)
        for row, approved_amount in zip(part, approved):
            values = {c: row.values[c] for c in keep if c in row.values}
            values.update(planned_amount=row.values["planned_amount"],
                          audit_adjustment=_amount(row, "audit_adjustment"), approved_amount=approved_amount,
                          paid_amount=_amount(row, "paid_amount"), total_approved=total_approved,
                          total_paid=total_paid)
            # evidence: its own row; the totals it carries depend on the whole group
            derived.append(_derived(table, len(derived) + 1, values, [row], [*part, *left_out]))
    return derived


def metric_results(case: Case) -> list[Fact]:
    """Targets joined with measured outcomes; availability computed from downtime. Each row
    keeps the target's unit (`unit`) and the outcome's (`value_unit`): its schema says they must
    be one, since a value is compared with its target as given."""
    measured = {r.values["metric"]: r for r in case.tables.get("outcomes", [])}
    for row in _availability(case):
        if "system_availability" in measured:
            raise InputError([Problem.said(row.file, Message("derive.availability_twice"), key="metric")])
        measured["system_availability"] = row
    rows = []
    for target in case.tables.get("targets", []):
        outcome = measured.get(target.values["metric"])
        values = {k: target.values[k] for k in ("metric", "text", "direction", "unit") if k in target.values}
        if "value" in target.values:
            values["target"] = target.values["value"]
        sources = [target]
        if outcome is not None:
            values.update({k: outcome.values[k] for k in ("value", "baseline") if k in outcome.values})
            if "unit" in outcome.values:
                values["value_unit"] = outcome.values["unit"]
            sources += list(outcome.derived_from) or [outcome]
        rows.append(_derived("metric_results", len(rows) + 1, values, sources))
    # a self-evaluation form's targets beside its actuals (jixiao.check.form_facts)
    return rows + [replace(r, index=len(rows) + r.index) for r in form_metrics(case)]


def _availability(case: Case) -> list[Fact]:
    """系统可用率 = 1 - downtime / period length."""
    if "system_availability" not in case.tables:
        return []
    rows = []
    records = case.tables["system_availability"]
    if len(records) > 1:
        raise InputError([Problem.said(records[1].file, Message("derive.availability_one", {"n": len(records)}),
                                       line=records[1].line)])
    for row in records:
        minutes = Decimal(row.values["period_minutes"])
        values = {"metric": "system_availability", "unit": RATIO_UNIT}
        if minutes > 0:  # a period of no minutes is an implausible fact (its schema's bounds), not a rate
            values["value"] = 1 - row.values["downtime_minutes"] / minutes
        rows.append(_derived("outcomes", row.index, values, [row]))
    return rows


def funds_in_place(case: Case) -> list[Fact]:
    """资金到位率 = funds in place / funds arranged."""
    funding = case.tables["funding"]
    arranged, in_place = _total(funding, "arranged"), _total(funding, "in_place")
    values = {"arranged": arranged, "in_place": in_place}
    if arranged:
        values["in_place_rate"] = in_place / arranged
    return [_derived("funds_in_place", 1, values, list(funding))]


def delivery(case: Case) -> list[Fact]:
    """Per contract with modules: how many were accepted, on time, and are in effective use."""
    usage = {r.values["contract"]: r for r in case.tables["module_usage"]}
    rows = []
    for contract in case.tables["contracts"]:
        total = contract.values.get("modules")
        if not total:
            continue
        ident = contract.values["id"]
        own = [p for p in case.tables["contract_phases"] if p.values["contract"] == ident]
        accepted = [p.values for p in own if "accepted_on" in p.values]
        values = {"contract": ident, "title": contract.values["title"], "modules_total": total}
        if own:  # no phase recorded for the contract: what was accepted, and when, is unknown (not none)
            on_time = sum(p["modules"] for p in accepted if p["accepted_on"].latest <= p["due_date"].latest)
            values.update(modules_accepted=sum(p["modules"] for p in accepted), modules_accepted_on_time=on_time,
                          on_time_rate=Decimal(on_time) / total)
        if "due_date" in contract.values:
            values["due_date"] = contract.values["due_date"]
        if accepted:
            values["last_accepted_on"] = max((p["accepted_on"] for p in accepted), key=lambda d: d.latest)
        sources = [contract, *own]
        if ident in usage:
            unused = usage[ident].values["modules_without_effective_use"]
            values["modules_without_effective_use"] = unused
            values["unused_rate"] = Decimal(unused) / total
            values["completion_rate"] = Decimal(total - unused) / total
            sources.append(usage[ident])
        rows.append(_derived("delivery", len(rows) + 1, values, sources))
    return rows


def effect_results(case: Case) -> list[Fact]:
    """Each expected effect, with how many effects were expected (to share the indicator's weight)."""
    effects = case.tables["expected_effects"]
    keep = ("id", "effect", "achieved", "reasons")
    return [_derived("effect_results", i, {**{k: r.values[k] for k in keep if k in r.values},
                                          "effects_total": len(effects)}, [r])
            for i, r in enumerate(effects, start=1)]


_REQUIREMENTS = (("separate_account_required", "requires_separate_account"),
                 ("record_retention_required", "requires_record_retention"),
                 ("sample_verification_required", "requires_sample_verification"))


def rule_coverage(case: Case) -> list[Fact]:
    """Per party, which management documents are in force in the case year and what they require."""
    year = str(case.year)
    in_force = [r for r in case.tables["management_rules"] if _in_force(r.values, year)]
    rows = []
    for party in ("office", "operators"):
        part = [r for r in in_force if r.values["applies_to"] == party]
        everyone = [r for r in case.tables["management_rules"] if r.values["applies_to"] == party]
        values = {
            "party": party,
            "financial_rules": sum(r.values["kind"] == "financial" for r in part),
            "project_rules": sum(r.values["kind"] == "project" for r in part),
        }
        for column, requirement in _REQUIREMENTS:
            values[column] = "yes" if any(r.values.get(requirement) == "yes" for r in part) else "no"
        # which rules are in force turns on the dates of all of the party's rules
        rows.append(_derived("rule_coverage", len(rows) + 1, values, part, everyone))
    return rows


def waiver_checks(case: Case) -> list[Fact]:
    """Each waiver with the last day of the check year, the day it must reach to cover the year
    (whether it does is the waiver-expired rule's to say, in the engine)."""
    year_end = f"{case.year}-12-31"
    keep = ("rule", "reason", "approver", "expires")
    return [_derived("waiver_checks", index, {**{k: row.values[k] for k in keep if k in row.values},
                                              "year_end": FactDate(year_end, year_end)}, [row])
            for index, row in enumerate(case.tables["waivers"], start=1)]


def _in_force(values: dict, year: str) -> bool:
    start = values["valid_from"].latest[:4]
    end = values["valid_to"].latest[:4] if "valid_to" in values else "9999"
    return start <= year <= end


def _derived(table: str, index: int, values: dict, sources, depends_on=()) -> Fact:
    """A derived row: `sources` are its evidence; `depends_on`, further rows its values turn on."""
    return Fact(table, index, f"(derived: {table})", None, values, tuple(sources), tuple(depends_on))


# Derived table -> the function that computes it. What it is computed from is data, in its
# schema (`inputs:` in rules/tables/<table>.yaml).
DERIVATIONS: dict[str, Callable[[Case], list[Fact]]] = {
    "budget_execution": budget_execution,
    "tranche_payments": tranche_payments,
    "operator_payments": operator_payments,
    "metric_results": metric_results,
    "rule_coverage": rule_coverage,
    "funds_in_place": funds_in_place,
    "delivery": delivery,
    "effect_results": effect_results,
    "waiver_checks": waiver_checks,
    "form_rows": form_rows,
    "form_totals": form_totals,
    "form_groups": form_groups,
}


# The observed columns each derivation reads, by input table. A value that cannot be true
# (jixiao.check.plausibility) makes a derived row suspect only through these; a test changes
# every other column and finds no derived value moved.
READS: dict[str, dict[str, frozenset]] = {table: {source: frozenset(columns) for source, columns in reads.items()}
                                          for table, reads in {
    "budget_execution": {"budget": {"amount"}, "expenditures": {"amount"}, "disbursements": {"paid_amount"}},
    "tranche_payments": {"disbursements": {"tranche", "name", "payer", "payee", "due_date", "paid_date",
                                           "planned_amount", "audit_adjustment", "paid_amount"}},
    "operator_payments": {"operator_disbursements": {"operator", "tranche", "planned_amount", "audit_adjustment",
                                                     "paid_amount"}},
    "metric_results": {"targets": {"metric", "text", "direction", "unit", "value"},
                       "form_indicators": {"code", "level3", "target", "actual"},
                       "form_funds": {"row_kind", "full_year_budget", "executed", "form"},
                       "form_header": {"amount_unit"},
                       "outcomes": {"metric", "value", "baseline", "unit"},
                       # the availability of its period: a period outside the case year is another year's
                       "system_availability": {"period_start", "period_end", "period_minutes", "downtime_minutes"}},
    "rule_coverage": {"management_rules": {"applies_to", "kind", "valid_from", "valid_to", "requires_separate_account",
                                           "requires_record_retention", "requires_sample_verification"}},
    "funds_in_place": {"funding": {"arranged", "in_place"}},
    "delivery": {"contracts": {"id", "title", "modules", "due_date"},
                 "contract_phases": {"contract", "modules", "due_date", "accepted_on"},
                 "module_usage": {"contract", "modules_without_effective_use"}},
    "effect_results": {"expected_effects": {"id", "effect", "achieved", "reasons"}},
    "waiver_checks": {"waivers": {"rule", "reason", "approver", "expires"}},
    "form_rows": {"form_indicators": {"form", "code", "level1", "level2", "level3", "target", "actual", "points",
                                      "score", "deviation"},
                  "form_header": {"year", "deviation_text"}},
    "form_totals": {"form_header": {"form", "kind", "project", "year", "amount_unit", "execution_points",
                                    "total_points", "total_score", "goal_expected", "goal_actual", "deviation_text"},
                    "form_funds": {"form", "row_kind", "initial_budget", "full_year_budget", "executed", "points",
                                   "rate", "score"},
                    "form_indicators": {"form", "points", "score", "deviation", "level1", "level2", "target",
                                        "actual"}},
    "form_groups": {"form_indicators": {"form", "level1", "level2", "points"}, "form_header": {"form", "kind"}},
}.items()}


def derive(case: Case, schemas: TableSchemas, needed: set[str] | None = None) -> dict[str, list[Fact]]:
    """Every derived table the rule book declares whose inputs the case has (only those in
    `needed`, when given). A table with no rows counts as absent: no aggregate is computed over
    nothing."""
    observed = replace(case, tables={name: rows for name, rows in case.tables.items() if rows})
    return {table: function(observed) for table, function in DERIVATIONS.items()
            if (needed is None or table in needed) and table in schemas.tables
            and not schemas.tables[table].missing_inputs(observed.tables)}


def check_derivations(schemas: TableSchemas) -> None:
    """Each derived table a rule book declares is computed by a derivation, from inputs that
    are observed tables of the rule book. Raises InputError. (A rule book need not declare
    every derived table: one of its own, with other tables, uses none; no rule can read a
    table it does not declare.)"""
    declared = {name for name, schema in schemas.tables.items() if schema.derived}
    problems = [Problem.said(schemas.tables[name].file, Message("derive.no_derivation", {"name": name}),
                             allowed=", ".join(DERIVATIONS)) for name in declared if name not in DERIVATIONS]
    observed = sorted(name for name, schema in schemas.tables.items() if not schema.derived)
    for name in sorted(declared):
        schema = schemas.tables[name]
        for option in (o for needed in schema.inputs for o in (needed if isinstance(needed, tuple) else (needed,))):
            if option not in observed:
                problems.append(Problem.said(schema.file, Message("derive.input_unknown",
                                                                  {"meant": meant(option, observed)}),
                                             key="inputs", found=option, allowed=", ".join(observed)))
    if problems:
        raise InputError(problems)
