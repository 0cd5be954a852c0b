"""A portfolio at a glance: grades and totals per scheme, findings per rule family.

The batch's summary rows (one per case, engine/batch.py) are many and uniform: this is the
one place jixiao works on thousands of rows at once, and pandas' group-by does it.
Provisional totals (some indicators could not be assessed) are counted, not averaged: a
partial total next to complete ones would pull the statistics down.
"""

from __future__ import annotations

import pandas as pd

SCHEME_COLUMNS = ["scheme", "cases", "provisional", "mean", "min", "median", "max"]
GRADE_COLUMNS = ["scheme", "grade", "cases", "share"]
FAMILY_COLUMNS = ["family", "cases_with_findings", "share", "findings"]


def checked(rows: list[dict]) -> pd.DataFrame:
    """The rows of cases that could be checked, totals as numbers."""
    frame = pd.DataFrame([row for row in rows if not row.get("error")])
    if frame.empty:
        return frame
    frame["total"] = pd.to_numeric(frame["total"])
    frame["provisional"] = frame["provisional"].astype(bool)
    return frame


def by_scheme(rows: list[dict]) -> pd.DataFrame:
    """Per scheme: cases checked, how many are provisional, and the spread of final totals."""
    frame = checked(rows)
    if frame.empty:
        return pd.DataFrame(columns=SCHEME_COLUMNS)
    counts = frame.groupby("scheme").agg(cases=("case", "size"), provisional=("provisional", "sum"))
    stats = frame[~frame["provisional"]].groupby("scheme")["total"].agg(["mean", "min", "median", "max"])
    return counts.join(stats.round(2)).reset_index()[SCHEME_COLUMNS]


def grades(rows: list[dict]) -> pd.DataFrame:
    """Per scheme and grade (best first), the final cases and their share of the scheme's."""
    frame = checked(rows)
    final = frame[~frame["provisional"]] if not frame.empty else frame
    if final.empty:
        return pd.DataFrame(columns=GRADE_COLUMNS)
    table = final.groupby(["scheme", "grade"]).agg(cases=("case", "size"), best=("total", "max")).reset_index()
    table["share"] = (table["cases"] / table.groupby("scheme")["cases"].transform("sum")).round(4)
    table = table.sort_values(["scheme", "best"], ascending=[True, False], ignore_index=True)
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
    table.insert(2, "share", (table["cases_with_findings"] / len(frame)).round(4))
    return table.sort_values(["cases_with_findings", "family"], ascending=[False, True], ignore_index=True)
