"""A portfolio at a glance, as its files and a run's last lines show it: the overview tables
(totals and grades per scheme, findings per rule family), each a row of column codes then its
values as people read them. The files themselves are rendered by jixiao.report.portfolio_pages
(which titles the columns in the run's language)."""

from __future__ import annotations

import math
from decimal import Decimal

from ..model.percents import rate_text
from ..report.common import overview_text, points
from ..report.labels import counted, get
from ..report.portfolio_labels import SECTIONS
from ..report.summary import row_line


def overview(rows: list[dict]) -> dict:
    """The overview tables (SECTIONS), each a row of column codes (scheme, cases, …) then rows of
    typed values: counts (int), statistics (Decimal, 2 places half up), a share as text (12.5 %),
    None where there is none."""
    from . import overview as portfolio  # pandas (0.3–0.5 s to import): only when a portfolio is summed up

    checked = sum(1 for row in rows if not row.get("error"))
    tables = {}
    for name in SECTIONS:
        frame = getattr(portfolio, name)(rows)
        records = frame.to_dict("records")
        wholes = {}  # what each row's share is of: its scheme's final cases (at its maximum), or every checked case
        for record in records:
            key = (record.get("scheme"), record.get("out_of"))
            wholes[key] = wholes.get(key, 0) + record.get("cases", 0)
        whole = {"by_family": checked, "by_kind": portfolio.forms_checked(rows)}.get(name)
        tables[name] = [list(frame.columns)] + [
            [_percent(record, whole if whole is not None else wholes[(record["scheme"], record.get("out_of"))])
             if column == "share"
             else _value(value) for column, value in record.items()]
            for record in records]
    return tables


def _percent(record: dict, whole: int) -> str:
    """A share as a percentage, from the counts themselves (not from the rounded ratio: rounding
    twice would move 12.3456 % to 12.4 %)."""
    part = record["cases_with_findings"] if "cases_with_findings" in record else record["cases"]
    return rate_text(Decimal(part) / Decimal(whole))


def _value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, str, Decimal)):
        return value
    return int(value)  # pandas' counts (numpy integers)


def overview_lines(tables: dict, lang: str = "zh") -> list[str]:
    """The overview (from `overview`) in a few lines of text, for the end of a batch run; in
    `lang` ("zh" or "en")."""
    L = get(lang)["portfolio"]
    sep = L["list_sep"]
    lines = []
    for values in tables["by_scheme"][1:]:
        scheme, out_of, cases, provisional, mean, low, median, high = values
        spread = (L["overview_spread"].format(mean=overview_text(mean), min=overview_text(low),
                                              median=overview_text(median), max=overview_text(high))
                  if mean is not None else L["overview_no_final"])
        grades = " · ".join(f"{g[2]} {g[3]}" for g in tables["grades"][1:] if (g[0], g[1]) == (scheme, out_of))
        grades = L["overview_grades"].format(grades=grades) if grades else ""  # none graded: no empty list
        named = scheme + (L["overview_out_of"].format(out_of=points(out_of)) if out_of != 100 else "")
        lines.append(counted(L["overview_scheme"], cases).format(scheme=named, cases=cases, provisional=provisional,
                                                                 spread=spread, grades=grades))
    families = sep.join(f"{f[0]} {f[1]} ({f[2]})" for f in tables["by_family"][1:])
    if families:
        lines.append(L["overview_families"].format(families=families))
    kinds = sep.join(f"{k[0]} {k[1]} ({k[3]})" for k in tables.get("by_kind", [[]])[1:])
    if kinds:
        lines.append(L["overview_kinds"].format(kinds=kinds))
    gaps = sep.join(L["overview_gap"].format(
        case=case, year=year, self_reported=reported, recomputed=recomputed, gap=("+" if gap > 0 else "") + str(gap),
        out_of=L["overview_gap_out_of"].format(out_of=points(out_of)) if out_of != 100 else "")
        for case, year, out_of, reported, recomputed, gap in tables.get("largest_gaps", [[]])[1:])
    if gaps:
        lines.append(L["overview_gaps"].format(gaps=gaps))
    return lines


def batch_lines(rows: list[dict], tables: dict, lang: str = "zh") -> list[str]:
    """What a batch prints: how many cases were checked and how many could not be, a summary line
    per case (or its error), then the overview (`tables`, from `overview`); in `lang`."""
    failed = sum(1 for row in rows if row.get("error"))
    counts = counted(get(lang)["portfolio"]["batch_counts"], len(rows))
    return ([counts.format(n=len(rows), checked=len(rows) - failed, failed=failed)]
            + [row_line(row, lang) for row in rows] + overview_lines(tables, lang))
