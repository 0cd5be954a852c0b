"""Derived facts of self-evaluation forms (form_header, form_funds, form_indicators): each
indicator row with its target and actual parsed (form_rows), each form's sums (form_totals),
each first-level group's printed points against its rows (form_groups), and the rows the
indicator methods read (metric_results: targets beside actuals, and the funds' execution).

Nothing here scores: the methods of rules/methods/ do, as the scheme built from the form
(jixiao.check.forms) applies them; the rules of rules/form-review/ compare what these rows
hold with what the form reports.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..lang.targets import NO_UNIT, Target, indicator_kind, normalize, parse_target, points_in, with_unit, years_named
from ..model.facts import Case, Fact

ONE, ZERO = Decimal(1), Decimal(0)
EXECUTION = "A"  # the code of the funds block's leaf (预算执行率)
_PLACEHOLDER = re.compile(r"^(指标[0-9一二三四五六七八九十]+[:：]?|…+|\.{3,}|……)$")
# what a 三级指标's words say it measures, whatever it is filed under
_NAMED_KINDS = (("满意", "满意度"), ("预算执行", "预算执行"), ("资金执行", "预算执行"), ("支付完成率", "预算执行"),
                ("执行率", "预算执行"))
# the template's own instructions left in a text cell, e.g. "…（100字以内）"
_DEADLINE = re.compile(r"前|[≥≤≧≦<>]|不晚于|以内")
DATE_KIND = "date"
OUTPUT_KINDS = ("数量", "质量", "时效", "成本")  # the second-level output indicators (二级指标), as the form names them
_ELLIPSIS = re.compile(r"^(…+|\.{3,})$")
# a grade as forms write it, to the national band's name (优 / 良 / 中 / 差; 财预〔2020〕10号 第二十二条): a
# band's name written out in full (优秀, 良好, 中等, 较差) is that band. No official text lists these
# long forms: they are read so because each spells one band's name and no other. Any other word (合格,
# 一般, 不合格, A …) names no band and is not guessed at — 合格 is 60–75 in the Shanghai scheme
# (rules/schemes/shanghai-om-subsidy.yaml), not 中's 60–80: form-grade-not-a-band says so, and the
# grade rules compare nothing.
_GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
_INSTRUCTION = re.compile(r"[(（]\s*[0-9]+\s*字以内\s*[)）]|说明相关任务目标|结合自评情况")


def printed_band(printed) -> str:
    """The band a printed grade names: 优秀 / 良好 / 中等 / 较差 spell out 优 / 良 / 中 / 差 (the
    form's own words, each naming exactly one band); any other text as it is."""
    text = str(printed).strip()
    return _GRADE_WORDS.get(text, text)


def rounding(written: Decimal) -> Decimal:
    """Half a unit of the last decimal a number is written with (9 → 0.5, 9.5 → 0.05, 9.55 →
    0.005): how far rounding it to what the form shows can have moved it."""
    exponent = written.as_tuple().exponent
    return Decimal(5).scaleb(min(exponent, 0) - 1) if isinstance(exponent, int) else ZERO


def rate_rounding_points(printed: Decimal) -> Decimal:
    """How far rounding can have moved a printed execution rate (a ratio, 0.9835 for 98.35%), in
    percentage points: half a unit of the last decimal of the percentage it stands for (98% →
    0.5, 98.4% → 0.05, 98.35% → 0.005), never coarser than a whole percent. A ratio keeps no
    trailing zero of its percentage (98% is 0.98, 90% is 0.9, 100% is 1), so the ratio's own
    last decimal would allow 90% ±5 points and 100% ±50: the unit is the percentage's."""
    return rounding(printed.scaleb(2))


def _derived(table: str, index: int, values: dict, sources, depends_on=(), cells=None) -> Fact:
    return Fact(table, index, f"(derived: {table})", None, {k: v for k, v in values.items() if v is not None},
                tuple(sources), tuple(depends_on), cells=cells or {})


def _headers(case: Case) -> dict[str, Fact]:
    return {r.values["form"]: r for r in case.tables.get("form_header", [])}


def _written_direction(actual: Target) -> str:
    """The direction an actual value is written with: a date reads as a deadline (at most that
    day) only when it says so ("2023年12月底前"); a date of completion ("2023年11月") has none."""
    if actual.kind == DATE_KIND and not _DEADLINE.search(normalize(actual.text)):
        return "none"
    return actual.direction


def parsed(row: Fact) -> tuple[Target, Target]:
    """The target and actual of an indicator row, the actual in the target's unit when it names none."""
    target = parse_target(row.values.get("target"))
    return target, with_unit(parse_target(row.values.get("actual")), target)


def _comparable(target: Target, actual: Target) -> bool:
    return (target.measurable and actual.kind == target.kind and target.unit == actual.unit
            and actual.value is not None and target.value is not None)


def met(target: Target, actual: Target) -> bool | None:
    """Whether the actual meets the target as written: ≥ / ≤ with the number itself, > / < without
    it (>50 is not met by 50), = and an unsigned number at least it; None when they cannot be
    compared."""
    if not _comparable(target, actual):
        return None
    if target.direction == "above":
        return actual.value > target.value
    if target.direction == "below":
        return actual.value < target.value
    reached = attainment(target, actual)
    return reached is not None and reached >= ONE


def attainment(target: Target, actual: Target) -> Decimal | None:
    """How far the actual reaches the target, as a ratio 0–1 (the national rule's 实际 / 目标, or
    目标 / 实际 for ≤ and <: a strict target's number itself reaches 1 without meeting it, see
    `met`); None when they cannot be compared."""
    if not _comparable(target, actual):
        return None
    if target.kind == DATE_KIND:  # a deadline is met or not: never a ratio of two dates' yyyymmdd
        return ONE if actual.value <= target.value else ZERO
    if target.direction in ("at_most", "below"):
        return ONE if actual.value <= target.value else (target.value / actual.value if actual.value else None)
    if target.direction == "equal" and actual.value > target.value:
        return target.value / actual.value if actual.value else None
    if target.value == 0:
        return ONE
    return min(ONE, actual.value / target.value)


def form_rows(case: Case) -> list[Fact]:
    headers = _headers(case)
    rows = []
    weighted: dict[str, int] = {}
    for row in case.tables["form_indicators"]:
        weighted[row.values["form"]] = weighted.get(row.values["form"], 0) + ("points" in row.values)
    for row in case.tables["form_indicators"]:
        v = row.values
        header = headers.get(v["form"])
        year = header.values.get("year") if header is not None else None
        target, actual = parsed(row)
        values = {k: v.get(k) for k in ("form", "code", "level1", "level2", "level3", "target", "actual", "points",
                                        "score", "deviation")}
        values.update(kind=indicator_kind(v.get("level1"), v.get("level2")), target_kind=target.kind,
                      direction=target.direction, target_value=target.value, target_unit=target.unit or None,
                      actual_kind=actual.kind, actual_direction=_written_direction(actual), actual_value=actual.value,
                      actual_unit=actual.unit or None, form_year=year, weighted_rows=weighted[v["form"]],
                      form_kind=header.values.get("kind") if header is not None else None)
        if header is not None:
            values["deviation_shared"] = header.values.get("deviation_text")
        reached = attainment(target, actual)
        if reached is not None:
            values.update(attainment=reached, met="yes" if met(target, actual) else "no")
            if "points" in v:  # for comparing with the score the form gives itself (rules/form-review/)
                values["attained_points"] = v["points"] * reached
                if "score" in v:
                    values["score_gap"] = v["score"] - values["attained_points"]
                    values["score_gap_size"] = abs(values["score_gap"])
                    values["score_rounding"] = rounding(v["score"])
        if target.kind != "blank" and actual.kind != "blank":
            values["same_text"] = "yes" if normalize(target.text) == normalize(actual.text) else "no"
        values["placeholder"] = "yes" if _PLACEHOLDER.match(normalize(v.get("level3"))) else "no"
        name = normalize(v.get("level3"))
        values["named_kind"] = next((kind for word, kind in _NAMED_KINDS if word in name), None)
        values["yes_no"] = "yes" if "是否" in name else "no"
        if year is not None:
            others = sorted(years_named(" ".join(str(v.get(k) or "") for k in ("level3", "target", "actual")))
                            - {year})
            if others:
                values["other_year"] = others[0]
        # the evidence is the indicator's own row; the header (the form's year, its shared reason
        # text) is what the values also rest on, not where the row's problem stands
        rows.append(_derived("form_rows", len(rows) + 1, values, [row], [header] if header is not None else []))
    return rows


def form_totals(case: Case) -> list[Fact]:
    funds = case.tables.get("form_funds", [])
    indicators = case.tables.get("form_indicators", [])
    rows = []
    for form, header in _headers(case).items():
        h = header.values
        own_funds = [r for r in funds if r.values["form"] == form]
        own_rows = [r for r in indicators if r.values["form"] == form]
        total = next((r for r in own_funds if r.values["row_kind"] == "total"), None)
        parts = [r for r in own_funds if r.values["row_kind"] != "total"]
        t = total.values if total is not None else {}
        values = {"form": form, "kind": h.get("kind"), "project": h.get("project"), "year": h.get("year"),
                  "amount_unit": h.get("amount_unit"), "initial_budget": t.get("initial_budget"),
                  "budget": t.get("full_year_budget"), "executed": t.get("executed"),
                  "execution_points": t.get("points", h.get("execution_points")),
                  "execution_score": t.get("score"), "rate_printed": t.get("rate"),
                  "total_points": h.get("total_points"), "total_score": h.get("total_score"),
                  "indicators": len(own_rows), "case_year": case.year}
        for column, key in (("initial_budget", "parts_initial_budget"), ("full_year_budget", "parts_budget"),
                            ("executed", "parts_executed")):
            given = [r.values[column] for r in parts if column in r.values]
            if given:
                values[key] = sum(given, ZERO)
        budget, executed = values["budget"], values["executed"]
        if budget and executed is not None:
            values["execution_rate"] = executed / budget
        if values["initial_budget"] and executed is not None:
            values["initial_rate"] = executed / values["initial_budget"]
        points = [r.values["points"] for r in own_rows if "points" in r.values]
        scores = [r.values["score"] for r in own_rows if "score" in r.values]
        if values["execution_points"] is not None:
            points.append(values["execution_points"])
        if values["execution_score"] is not None:
            scores.append(values["execution_score"])
        values["points_sum"] = sum(points, ZERO) if points else None
        values["scores_sum"] = sum(scores, ZERO) if scores else None
        values["unscored"] = sum(1 for r in own_rows if "points" in r.values and "score" not in r.values)
        # a template row left under 成本指标 (“指标1：”, “……”) is no cost indicator
        values["cost_indicators"] = sum(1 for r in own_rows if "成本" in normalize(r.values.get("level2"))
                                        and not _PLACEHOLDER.match(normalize(r.values.get("level3"))))
        # the kinds of output target setting asks for (财预〔2021〕101号) that no output row is filed under
        named = [normalize(r.values.get("level2")) for r in own_rows
                 if indicator_kind(r.values.get("level1"), r.values.get("level2")) == "output"
                 and not _PLACEHOLDER.match(normalize(r.values.get("level3")))]
        missing = [f"{word}指标" for word in OUTPUT_KINDS if not any(word in level2 for level2 in named)]
        values["outputs_missing"] = "、".join(missing) or None
        values["goal_given"] = "yes" if normalize(h.get("goal_expected")) else "no"
        outputs = [met(*parsed(r)) for r in own_rows
                   if indicator_kind(r.values.get("level1"), r.values.get("level2")) == "output"]
        values["outputs_measured"] = sum(1 for a in outputs if a is not None)
        values["outputs_met"] = sum(1 for a in outputs if a)
        values["explained"] = "yes" if any(r.values.get("deviation") for r in own_rows) \
            or h.get("deviation_text") else "no"
        if values["total_score"] is not None and values["scores_sum"] is not None:
            values["total_gap"] = values["total_score"] - values["scores_sum"]
        if h.get("grade"):
            printed = normalize(h["grade"])
            values["grade_printed"] = printed_band(printed)
            values["grade_text"] = str(h["grade"])
            # where a finding about it sends the reader: the cell when the form's reader noted it
            values["grade_where"] = (f"{header.file}!{h['grade_cell']}" if h.get("grade_cell")
                                     else f"{header.file} 第 {header.line} 行" if header.line else header.file)
        # the printed total on the 100-point basis the national bands are for (按百分制折算): out of
        # the weights it was scored against (their sum, as the recomputed total is), else its 分值
        basis = values["points_sum"] or values["total_points"]
        if values["total_score"] is not None and basis:
            values["total_percent"] = values["total_score"] * 100 / basis
        rate = values.get("execution_rate")
        if rate is not None and values["execution_points"] is not None and values["execution_score"] is not None:
            values["execution_gap"] = values["execution_score"] - values["execution_points"] * min(rate, ONE)
            values["execution_gap_size"] = abs(values["execution_gap"])
            values["execution_rounding"] = rounding(values["execution_score"])
        if rate is not None and values["rate_printed"] is not None:
            values["rate_gap"] = values["rate_printed"] - rate
            values["rate_gap_points"] = abs(values["rate_gap"]) * 100
            values["rate_rounding_points"] = rate_rounding_points(values["rate_printed"])
        texts = [h.get(k) for k in ("goal_expected", "goal_actual", "deviation_text")]
        texts += [r.values.get("deviation") for r in own_rows]
        # the template's instructions, or its bare ellipsis (“……”) where a text was to be written
        values["instructions"] = sum(1 for t in texts if t and _instruction(t))
        if h.get("year") is not None:
            others = sorted(years_named(" ".join(str(h.get(k) or "") for k in ("project", "goal_expected",
                                                                                 "goal_actual"))) - {h["year"]})
            if others:
                values["other_year"] = others[0]
        rows.append(_derived("form_totals", len(rows) + 1, values, [header, *own_funds, *own_rows],
                             cells=_header_cells(header, own_rows)))
    return rows


def _header_cells(header: Fact, own_rows: list[Fact]) -> dict:
    """The cells of the header (its first source) that form_totals' columns read alone: the
    year's, the goal's, the total's …; () for a value no cell holds (the form's kind, the case's
    year from case.yaml), so that a finding about the goal or the year names the goal's or the
    title's cell, not every row of the form. A column that also rests on the indicator or funds
    rows (sums, the template's instructions left in a row) has none: its evidence is the rows."""
    h, own = header.values, header.cells
    cells = {"form": (), "kind": (), "case_year": ()}
    for column, field in (("year", "year"), ("project", "project"), ("amount_unit", "amount_unit"),
                          ("total_points", "total_points"), ("total_score", "total_score"),
                          ("goal_given", "goal_expected"), ("grade_printed", "grade")):
        if field in own:
            cells[column] = own[field]
    texts = ("goal_expected", "goal_actual", "deviation_text")
    if not any(r.values.get("deviation") and _instruction(r.values["deviation"]) for r in own_rows):
        said = [f for f in texts if h.get(f) and _instruction(h[f])]
        if all(f in own for f in said):
            cells["instructions"] = tuple(c for f in said for c in own[f])
    year = h.get("year")
    if year is not None:
        naming = [f for f in ("project", "goal_expected", "goal_actual") if years_named(str(h.get(f) or "")) - {year}]
        if naming and all(f in own for f in naming):
            cells["other_year"] = tuple(c for f in naming for c in own[f])
    return cells


def _instruction(text) -> bool:
    """A text holding the template's instructions, or its bare ellipsis (“……”)."""
    return bool(_INSTRUCTION.search(str(text)) or _ELLIPSIS.match(normalize(str(text))))


def form_groups(case: Case) -> list[Fact]:
    groups: dict[tuple, list[Fact]] = {}
    for row in case.tables["form_indicators"]:
        level1 = row.values.get("level1")
        if level1 is not None:
            groups.setdefault((row.values["form"], level1), []).append(row)
    headers = _headers(case)
    rows = []
    for (form, level1), members in groups.items():
        points = [r.values["points"] for r in members if "points" in r.values]
        header = headers.get(form)
        values = {"form": form, "level1": level1, "kind": indicator_kind(level1, members[0].values.get("level2")),
                  "form_kind": header.values.get("kind") if header is not None else None,
                  "printed_points": points_in(level1), "points_sum": sum(points, ZERO) if points else None}
        rows.append(_derived("form_groups", len(rows) + 1, values, members))
    return rows


def _method_direction(target: Target) -> str:
    """The direction of metric_results (rules/tables/targets.yaml) a form's target is read in."""
    if target.kind == DATE_KIND and target.direction in ("equal", "none"):
        return "at_most"  # "＝2023年12月": done by then, as "2023年12月底前"
    return target.direction if target.direction in ("at_most", "above", "below") else "at_least"


def form_metrics(case: Case) -> list[Fact]:
    """metric_results rows of the forms: each measurable indicator (metric = its code), and the
    funds' execution (metric A: target 全年预算数, value 全年执行数, in the form's amount unit; none
    when 全年预算数 is missing or not above 0, so that A cannot be assessed). The indicator's
    direction as the methods read it: ≤ is at_most, < below, > above (strict: the number itself
    does not meet it); ≥, = and no sign at_least; a date with = or no sign is a deadline, at_most
    (completion-timeliness reads only at_most)."""
    headers = _headers(case)
    rows = []
    for row in case.tables.get("form_indicators", []):
        target, actual = parsed(row)
        if not target.measurable:
            continue
        values = {"metric": row.values["code"], "text": f"{row.values.get('level3') or ''}（{target.text}）",
                  "direction": _method_direction(target),
                  "target": target.value, "unit": target.unit or NO_UNIT}
        # an actual in another unit (0.05万公里 against ≥50公里) is no value to compare: the row
        # cannot be scored, and the request names its cell (report/form_requests)
        if actual.kind == target.kind and actual.value is not None and actual.unit == target.unit:
            values.update(value=actual.value, value_unit=actual.unit or NO_UNIT)
        rows.append(_derived("metric_results", len(rows) + 1, values, [row]))
    for row in case.tables.get("form_funds", []):
        # nothing budgeted (0, or a negative slip) is no rate to score: A cannot be assessed,
        # never full marks because 0 spent reaches 0 planned
        if row.values["row_kind"] != "total" or not row.values.get("full_year_budget", ZERO) > ZERO:
            continue
        header = headers.get(row.values["form"])
        unit = header.values.get("amount_unit", "万元") if header is not None else "万元"
        values = {"metric": EXECUTION, "text": "预算执行率（全年执行数 / 全年预算数）", "direction": "at_least",
                  "target": row.values["full_year_budget"], "unit": unit}
        if "executed" in row.values:
            values.update(value=row.values["executed"], value_unit=unit)
        rows.append(_derived("metric_results", len(rows) + 1, values, [row]))
    return rows
