"""Derived facts: aggregates the rules read but durable-rules cannot compute (sums, rates).

Each derivation reads observed tables with pandas and returns rows of a derived table
(schema in rules/tables, `derived: true`), each remembering the observed rows it rests on,
so a finding on a derived fact still names the files and rows behind it. A derivation
whose inputs are absent from a case yields nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

import pandas as pd

from .errors import InputError, Problem
from .facts import Case, Row

ZERO = Decimal(0)


def _frame(case: Case, table: str) -> pd.DataFrame:
    """A table as a DataFrame with every column its schema declares (empty cells as None);
    column `_row` keeps each Row for provenance. Built once per case and table."""
    cache = case.__dict__.setdefault("_frames", {})
    if table not in cache:
        cache[table] = _build_frame(case, table)
    return cache[table]


def _build_frame(case: Case, table: str) -> pd.DataFrame:
    rows = case.tables[table]
    columns = list(case.columns.get(table, ())) or sorted({k for r in rows for k in r.values})
    frame = pd.DataFrame([[r.values.get(c) for c in columns] for r in rows], columns=columns, dtype=object)
    frame["_row"] = pd.Series(rows, dtype=object)
    return frame


def _total(series: pd.Series) -> Decimal:
    return sum((v for v in series if isinstance(v, Decimal)), ZERO)


def _amount(value) -> Decimal:
    return value if isinstance(value, Decimal) else ZERO


def budget_execution(case: Case) -> list[Row]:
    """预算执行率 = spent / budget. Spent is the recorded expenditure or, for a subsidy whose
    spending is its disbursements, the amounts paid out."""
    budget = _frame(case, "budget")
    if "expenditures" in case.tables:
        paid = _frame(case, "expenditures")
        spent = _total(paid["amount"])
    else:
        paid = _frame(case, "disbursements")
        spent = _total(paid["paid_amount"])
    total = _total(budget["amount"])
    values = {"budget_total": total, "spent": spent}
    if total:
        values["execution_rate"] = spent / total
    return [_derived("budget_execution", 1, values, [*budget["_row"], *paid["_row"]])]


def tranche_payments(case: Case) -> list[Row]:
    """Each tranche with its approved amount (planned less audit deductions) and payer totals."""
    frame = _frame(case, "disbursements")
    return _payments("tranche_payments", frame, ["payer"],
                     ["tranche", "name", "payer", "payee", "due_date", "paid_date"])


def operator_payments(case: Case) -> list[Row]:
    """The lead operator's payments to each operator, per tranche (表 1-8); unplanned rows skipped."""
    frame = _frame(case, "operator_disbursements")
    frame = frame[frame["planned_amount"].map(lambda v: isinstance(v, Decimal))] \
        if "planned_amount" in frame else frame.iloc[0:0]
    return _payments("operator_payments", frame, None, ["operator", "tranche"])


def _payments(table: str, frame: pd.DataFrame, group: list[str] | None, keep: list[str]) -> list[Row]:
    if frame.empty:
        return []
    frame = frame.copy()
    for column in ("audit_adjustment", "paid_amount"):
        frame[column] = frame[column].map(_amount) if column in frame else ZERO
    frame["approved_amount"] = frame["planned_amount"] - frame["audit_adjustment"]
    groups = frame.groupby(group, sort=False) if group else [(None, frame)]
    rows = []
    for _, part in groups:
        total_approved, total_paid = _total(part["approved_amount"]), _total(part["paid_amount"])
        for record in part.to_dict("records"):  # far cheaper than iterrows on small frames
            values = {c: record[c] for c in keep if c in record and _present(record[c])}
            values.update(planned_amount=record["planned_amount"], audit_adjustment=record["audit_adjustment"],
                          approved_amount=record["approved_amount"], paid_amount=record["paid_amount"],
                          total_approved=total_approved, total_paid=total_paid)
            rows.append(_derived(table, len(rows) + 1, values, [record["_row"]]))
    return rows


def metric_results(case: Case) -> list[Row]:
    """Targets joined with measured outcomes; availability computed from downtime."""
    targets = _frame(case, "targets")
    outcomes = list(case.tables["outcomes"])
    measured = {r.values["metric"]: r for r in outcomes}
    for row in _availability(case):
        if "system_availability" in measured:
            raise InputError([Problem(row.file, "system availability is given twice: in outcomes and as "
                                      "system_availability facts; keep one", key="metric")])
        measured["system_availability"] = row
    rows = []
    for target in targets.to_dict("records"):
        outcome = measured.get(target["metric"])
        values = {k: target[k] for k in ("metric", "text", "direction", "unit") if _present(target.get(k))}
        if _present(target.get("value")):
            values["target"] = target["value"]
        sources = [target["_row"]]
        if outcome is not None:
            values.update({k: outcome.values[k] for k in ("value", "baseline") if k in outcome.values})
            sources += list(outcome.derived_from) or [outcome]
        rows.append(_derived("metric_results", len(rows) + 1, values, sources))
    return rows


def _availability(case: Case) -> list[Row]:
    """系统可用率 = 1 - downtime / period length."""
    if "system_availability" not in case.tables:
        return []
    rows = []
    records = case.tables["system_availability"]
    if len(records) > 1:
        raise InputError([Problem(records[1].file, "system_availability holds one record (the year's "
                                  f"totals), found {len(records)}", records[1].line)])
    for row in records:
        minutes = Decimal(row.values["period_minutes"])
        if minutes <= 0:
            raise InputError([Problem(row.file, "period_minutes must be positive", row.line,
                                      "period_minutes", row.values["period_minutes"], "> 0")])
        value = 1 - row.values["downtime_minutes"] / minutes
        rows.append(_derived("outcomes", row.index, {"metric": "system_availability", "value": value}, [row]))
    return rows


def funds_in_place(case: Case) -> list[Row]:
    """资金到位率 = funds in place / funds arranged."""
    frame = _frame(case, "funding")
    arranged, in_place = _total(frame["arranged"]), _total(frame["in_place"])
    values = {"arranged": arranged, "in_place": in_place}
    if arranged:
        values["in_place_rate"] = in_place / arranged
    return [_derived("funds_in_place", 1, values, list(frame["_row"]))]


def delivery(case: Case) -> list[Row]:
    """Per contract with modules: how many were accepted, on time, and are in effective use."""
    phases = _frame(case, "contract_phases")
    usage = {r.values["contract"]: r for r in case.tables["module_usage"]}
    rows = []
    for contract in case.tables["contracts"]:
        total = contract.values.get("modules")
        if not total:
            continue
        ident = contract.values["id"]
        own = phases[phases["contract"] == ident]
        accepted = own[own["accepted_on"].map(lambda d: d is not None)]
        on_time = accepted[[a.latest <= d.latest for a, d in zip(accepted["accepted_on"], accepted["due_date"])]] \
            if len(accepted) else accepted
        values = {"contract": ident, "title": contract.values["title"], "modules_total": total,
                  "modules_accepted": int(sum(accepted["modules"])),
                  "modules_accepted_on_time": int(sum(on_time["modules"])),
                  "on_time_rate": Decimal(int(sum(on_time["modules"]))) / total}
        if "due_date" in contract.values:
            values["due_date"] = contract.values["due_date"]
        if len(accepted):
            values["last_accepted_on"] = max(accepted["accepted_on"], key=lambda d: d.latest)
        sources = [contract, *own["_row"]]
        if ident in usage:
            unused = usage[ident].values["modules_without_effective_use"]
            values["modules_without_effective_use"] = unused
            values["unused_rate"] = Decimal(unused) / total
            values["completion_rate"] = Decimal(total - unused) / total
            sources.append(usage[ident])
        rows.append(_derived("delivery", len(rows) + 1, values, sources))
    return rows


def effect_results(case: Case) -> list[Row]:
    """Each expected effect, with how many effects were expected (to share the indicator's weight)."""
    effects = case.tables["expected_effects"]
    keep = ("id", "effect", "achieved", "reasons")
    return [_derived("effect_results", i, {**{k: r.values[k] for k in keep if k in r.values},
                                          "effects_total": len(effects)}, [r])
            for i, r in enumerate(effects, start=1)]


def rule_coverage(case: Case) -> list[Row]:
    """Per party, which management documents are in force in the case year and what they require."""
    frame = _frame(case, "management_rules")
    year = str(case.year)
    in_force = frame[frame["_row"].map(lambda r: _in_force(r.values, year)).astype(bool)]
    rows = []
    for party in ("office", "operators"):
        part = in_force[in_force["applies_to"] == party]
        values = {
            "party": party,
            "financial_rules": int((part["kind"] == "financial").sum()),
            "project_rules": int((part["kind"] == "project").sum()),
        }
        for column, requirement in (("separate_account_required", "requires_separate_account"),
                                    ("record_retention_required", "requires_record_retention"),
                                    ("sample_verification_required", "requires_sample_verification")):
            answers = set(part[requirement]) if requirement in part else set()
            values[column] = "yes" if "yes" in answers else "no"
        rows.append(_derived("rule_coverage", len(rows) + 1, values, list(part["_row"])))
    return rows


def _in_force(values: dict, year: str) -> bool:
    start = values["valid_from"].latest[:4]
    end = values["valid_to"].latest[:4] if "valid_to" in values else "9999"
    return start <= year <= end


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def _derived(table: str, index: int, values: dict, sources) -> Row:
    return Row(table, index, f"(derived: {table})", None, values, tuple(sources))


# Derived table -> (observed tables it needs, function). A tuple inside the inputs means
# "one of these".
DERIVATIONS: dict[str, tuple[tuple, Callable[[Case], list[Row]]]] = {
    "budget_execution": (("budget", ("expenditures", "disbursements")), budget_execution),
    "tranche_payments": (("disbursements",), tranche_payments),
    "operator_payments": (("operator_disbursements",), operator_payments),
    "metric_results": (("targets", "outcomes"), metric_results),
    "rule_coverage": (("management_rules",), rule_coverage),
    "funds_in_place": (("funding",), funds_in_place),
    "delivery": (("contracts", "contract_phases", "module_usage"), delivery),
    "effect_results": (("expected_effects",), effect_results),
}


def missing_inputs(table: str, present) -> list[str]:
    """The observed tables a table needs and the case lacks ("a or b" for alternatives)."""
    inputs = DERIVATIONS[table][0] if table in DERIVATIONS else (table,)
    missing = []
    for needed in inputs:
        options = needed if isinstance(needed, tuple) else (needed,)
        if not any(option in present for option in options):
            missing.append(" or ".join(options))
    return missing


def derive(case: Case, needed: set[str] | None = None) -> dict[str, list[Row]]:
    """Every derived table whose inputs the case has (only those in `needed`, when given)."""
    return {table: function(case) for table, (_, function) in DERIVATIONS.items()
            if (needed is None or table in needed) and not missing_inputs(table, case.tables)}
