"""A portfolio at a glance: grades and totals per scheme, findings per rule family.

The batch's summary rows (one per case, jixiao.portfolio.pool) are many and uniform: this is the
one place jixiao works on thousands of rows at once, and pandas' group-by does it.
Provisional totals (some indicators could not be assessed) are counted, not averaged: a
partial total next to complete ones would pull the statistics down. Totals out of different
maxima (`out_of`: a form whose weights add up to 110 beside forms of 100) are not mixed: the
statistics and grades are per scheme and maximum, and a gap is listed with its maximum, every
value at the scheme's precision. Totals stay Decimals and
every statistic is rounded half up, as scores are (binary floats rounded half to even would
show 72.34 for the mean of 72.34 and 72.35).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

SCHEME_COLUMNS = ["scheme", "out_of", "cases", "provisional", "mean", "min", "median", "max"]
GRADE_COLUMNS = ["scheme", "out_of", "grade", "cases", "share"]
FAMILY_COLUMNS = ["family", "cases_with_findings", "share", "findings"]
KIND_COLUMNS = ["kind", "cases_with_findings", "share", "findings"]
GAP_COLUMNS = ["case", "year", "out_of", "self_reported", "recomputed", "gap"]
HUNDRED = Decimal(100)  # a row that does not say what its total is out of (an older summary row)
LARGEST_GAPS = 10  # how many forms the overview lists


def checked(rows: list[dict]) -> pd.DataFrame:
    """The rows of cases that could be checked, totals as Decimals (exact, as scored)."""
    frame = pd.DataFrame([row for row in rows if not row.get("error")])
    if frame.empty:
        return frame
    # a target-setting form (绩效目标表) is reviewed, not scored: no total
    frame["total"] = [None if total is None or (not isinstance(total, (str, Decimal)) and pd.isna(total))
                      else Decimal(str(total)) for total in frame["total"]]
    frame["out_of"] = ([HUNDRED if value is None or pd.isna(value) else Decimal(str(value)) for value in frame["out_of"]]
                       if "out_of" in frame.columns else HUNDRED)
    frame["provisional"] = frame["provisional"].astype(bool)
    return frame


def half_up(value: Decimal, places: str = "0.01") -> Decimal:
    """Rounded as every score is: to `places`, half up (72.345 → 72.35, never to even)."""
    return value.quantize(Decimal(places), ROUND_HALF_UP)


def mean(values) -> Decimal:
    values = list(values)
    return half_up(sum(values, Decimal(0)) / len(values))


def median(values) -> Decimal:
    values = sorted(values)
    middle = len(values) // 2
    return half_up(values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2)


def share(part: int, whole: int, places: str = "0.0001") -> Decimal:
    """part / whole as a ratio (0–1), half up to `places`."""
    return half_up(Decimal(part) / Decimal(whole), places)


def by_scheme(rows: list[dict]) -> pd.DataFrame:
    """Per scheme and maximum (out_of): cases checked, how many are provisional, and the spread
    of final totals (Decimals, 2 places half up; None where there is no final total)."""
    frame = checked(rows)
    if frame.empty:
        return pd.DataFrame(columns=SCHEME_COLUMNS)
    counts = frame.groupby(["scheme", "out_of"]).agg(cases=("case", "size"), provisional=("provisional", "sum"))
    final = frame[~frame["provisional"] & frame["total"].notna()].groupby(["scheme", "out_of"])["total"]
    stats = pd.DataFrame({"mean": final.agg(mean), "min": final.agg(min), "median": final.agg(median),
                          "max": final.agg(max)}, columns=["mean", "min", "median", "max"], dtype=object)
    table = counts.join(stats).reset_index()[SCHEME_COLUMNS]
    for column in ("mean", "min", "median", "max"):
        table[column] = [None if pd.isna(value) else half_up(value) for value in table[column]]
    return table


def grades(rows: list[dict]) -> pd.DataFrame:
    """Per scheme, maximum (out_of) and grade (best first), the final cases and their share of
    the scheme's at that maximum."""
    frame = checked(rows)
    final = frame[~frame["provisional"] & frame["total"].notna()] if not frame.empty else frame
    if final.empty:
        return pd.DataFrame(columns=GRADE_COLUMNS)
    table = final.groupby(["scheme", "out_of", "grade"]).agg(cases=("case", "size"), best=("total", "max")).reset_index()
    wholes = table.groupby(["scheme", "out_of"])["cases"].transform("sum")
    table["share"] = [share(part, whole) for part, whole in zip(table["cases"], wholes)]
    table = table.sort_values(["scheme", "out_of", "best"], ascending=[True, True, False], ignore_index=True)
    return table[GRADE_COLUMNS]


def by_family(rows: list[dict]) -> pd.DataFrame:
    """Per rule family: how many cases have findings in it, their share, and how many findings."""
    frame = checked(rows)
    columns = [c for c in frame.columns if c.startswith("family:")]
    if frame.empty or not columns:
        return pd.DataFrame(columns=FAMILY_COLUMNS)
    counts = frame[columns].astype(int)
    table = pd.DataFrame({"family": [c.removeprefix("family:") for c in columns],
                          "cases_with_findings": (counts > 0).sum().to_numpy(),
                          "findings": counts.sum().to_numpy()})
    table.insert(2, "share", [share(part, len(frame)) for part in table["cases_with_findings"]])
    return table.sort_values(["cases_with_findings", "family"], ascending=[False, True], ignore_index=True)


def by_kind(rows: list[dict]) -> pd.DataFrame:
    """Per kind of slip (review rule) over the self-evaluation forms: how many forms have it, their
    share of the forms checked, and how many findings; kinds found in no form are left out."""
    frame = checked(rows)
    columns = sorted(c for c in frame.columns if c.startswith("kind:"))
    if frame.empty or not columns:
        return pd.DataFrame(columns=KIND_COLUMNS)
    forms = frame[frame[columns].notna().any(axis=1)]
    counts = forms[columns].astype(int)
    table = pd.DataFrame({"kind": [c.removeprefix("kind:") for c in columns],
                          "cases_with_findings": (counts > 0).sum().to_numpy(),
                          "findings": counts.sum().to_numpy()})
    table.insert(2, "share", [share(part, len(forms)) for part in table["cases_with_findings"]])
    table = table[table["findings"] > 0]
    return table.sort_values(["cases_with_findings", "kind"], ascending=[False, True], ignore_index=True)


def forms_checked(rows: list[dict]) -> int:
    """How many of the rows are self-evaluation forms checked (they count findings per kind)."""
    return sum(1 for row in rows if not row.get("error") and any(k.startswith("kind:") for k in row))


def largest_gaps(rows: list[dict], n: int = LARGEST_GAPS) -> pd.DataFrame:
    """The self-evaluation forms whose own total is furthest from the recomputed one (by size of
    the gap, either way; ties by case and year; a gap of 0 is none), at most n: case, year, what the
    totals are out of (out_of), self-reported and recomputed totals and the gap (self-reported −
    recomputed), Decimals at the row's precision (its scheme's, 2 unless said): 84.50 vs 95.50."""
    frame = checked(rows)
    if frame.empty or "gap" not in frame.columns:
        return pd.DataFrame(columns=GAP_COLUMNS)
    # a form recomputed to its own total has no gap to list
    forms = frame[[gap is not None and not pd.isna(gap) and gap != 0 for gap in frame["gap"]]]
    if forms.empty:
        return pd.DataFrame(columns=GAP_COLUMNS)
    forms = forms.assign(size=[abs(Decimal(str(gap))) for gap in forms["gap"]])
    forms = forms.sort_values(["size", "case", "year"], ascending=[False, True, True], ignore_index=True).head(n)
    places = [Decimal(1).scaleb(-int(p)) for p in forms["precision"]] if "precision" in forms.columns else \
        [Decimal("0.01")] * len(forms)
    for column in ("self_reported", "recomputed", "gap"):
        forms[column] = [Decimal(str(v)).quantize(unit, ROUND_HALF_UP) for v, unit in zip(forms[column], places)]
    return forms[GAP_COLUMNS]
