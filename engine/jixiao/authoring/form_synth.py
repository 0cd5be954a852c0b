"""Synthetic self-evaluation forms with realistic slips: `jixiao synth OUT_DIR --forms N`.

Each form is a 项目支出绩效自评表 as units fill it in (jixiao.authoring.form_draft; form_writer writes the
.xlsx): a project of one of a few sectors, its funds block (年度资金总额 and its 其中 rows), its
indicator rows with weights 产出 50 / 效益 30 / 满意度 10 and 预算执行率 10, targets with their
direction and unit, actual values, and scores that follow from them: the form, as written
without a slip, gets no finding of rules/form-review/ and its self-reported total is the
recomputed one. Most forms then carry one to three slips of the kinds published forms show
(issue 14; SLIPS below), each planted so that exactly its review rules report it; which slips a
form carries, and the rules that must report them, are listed in OUT_DIR/slips.csv.

The same seed writes the same forms.
"""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal

import yaml

from ..disk import atomic
from ..model.messages import Message
from ..model.problems import InputError, Problem
from ..report.files import csv_bytes
from ..version import __version__
from .form_draft import (REASONS, Form, Row, clean_form, executed_at, half_up, miss, number_text, printed,
                         target_text)
from .form_writer import WRITERS

LAYOUTS = ("national", "yunnan-split")
# slip -> the review rules (rules/form-review/) that report it; "weights" adds form-group-points
# when the form prints the 一级指标's points (产出指标(50分))
SLIPS = {
    "unmeasurable": ("form-unmeasurable-target",),
    "no_direction": ("form-target-without-direction",),
    "yes_no_percentage": ("form-yes-no-as-percentage",),
    "funds_rows": ("form-funds-rows-agree",),
    "weights": ("form-weights-add-up",),
    "misfiled": ("form-indicator-misfiled",),
    "outputs_met_funds_unspent": ("form-outputs-met-funds-unspent",),
    "execution_score": ("form-execution-score",),
    "rate_printed": ("form-execution-rate-printed",),
    "total_sum": ("form-total-is-sum",),
    "budget_cut": ("form-budget-cut-to-spending",),
    "out_of_proportion": ("form-score-follows-target",),
    "deducted_though_met": ("form-score-follows-target",),
    "full_marks_missed": ("form-full-marks-below-target", "form-score-follows-target"),
    "missed_no_reason": ("form-missed-target-no-reason",),
    "actual_copied": ("form-actual-copied-from-target",),
    "wrong_year": ("form-year-elsewhere",),
    "template_rows": ("form-template-rows",),
    "instructions": ("form-instructions-left",),
    "not_applicable_scored": ("form-not-applicable-scored",),
}
# slips that cannot be planted together: all outputs met with funds unspent needs no missed row
# explained and an execution far below 100 %
_APART = {"outputs_met_funds_unspent": {"budget_cut", "out_of_proportion", "full_marks_missed"}}
CLEAN_SHARE = 0.2  # forms written without a slip
MAX_SLIPS = 3

_UNMEASURABLE = ("效果明显", "明显改善", "良好", "有所提升", "显著提高")
_INSTRUCTIONS = "对照年度目标，说明年度目标完成情况（100字以内）"


def _free(form: Form, rnd: random.Random, test) -> Row | None:
    rows = [r for r in form.rows if not r.taken and test(r)]
    if not rows:
        return None
    row = rnd.choice(rows)
    row.taken = True
    return row


def _plant(form: Form, slip: str, rnd: random.Random) -> bool:
    """Plant one slip; False when the form has no row it fits (then it is not planted)."""
    quantity = (lambda r: r.unit != "date")
    if slip == "unmeasurable":
        row = _free(form, rnd, lambda r: r.kind == "benefit")
        if row is None:
            return False
        row.target_text, row.actual_text = rnd.choice(_UNMEASURABLE), "已达到预期效果"
        row.score, row.deviation = Decimal(row.points), None
    elif slip == "no_direction":
        row = _free(form, rnd, lambda r: quantity(r) and r.direction == "at_least")
        if row is None:
            return False
        row.target_text = f"{number_text(row.target)}{row.unit}"
    elif slip == "yes_no_percentage":
        row = _free(form, rnd, lambda r: r.kind == "output" and r.unit == "%")
        if row is None:
            return False
        row.level3, row.target_text, row.actual_text = "项目是否按计划实施", "≥100%", "100%"
        row.score, row.deviation = Decimal(row.points), None
    elif slip == "funds_rows":
        form.overrides["parts_budget_extra"] = Decimal(rnd.choice(("5", "10", "12.5", "-3")))
    elif slip == "weights":
        row = _free(form, rnd, lambda r: r.met and r.score == r.points)
        if row is None:
            return False
        extra = rnd.choice((5, 10))
        row.points += extra
        row.score = Decimal(row.points)
        if form.printed_points:
            form.rules.add("form-group-points")
    elif slip == "misfiled":
        if rnd.random() < 0.5:
            row = _free(form, rnd, lambda r: r.kind == "output" and r.met and r.level2 != "成本指标")
            if row is None:
                return False
            row.level3, row.unit, row.target, row.actual = "资金支付完成率", "%", Decimal(95), Decimal(100)
        else:
            row = _free(form, rnd, lambda r: r.kind == "benefit")
            if row is None:
                return False
            row.level3, row.unit, row.target, row.actual = "受益对象满意度", "%", Decimal(90), Decimal(93)
        row.direction, row.score, row.deviation = "at_least", Decimal(row.points), None
    elif slip == "outputs_met_funds_unspent":
        for row in form.rows:  # every target met, so that no reason is wanted
            if not row.met:
                row.actual, row.score, row.deviation = row.target, Decimal(row.points), None
        form.executed = executed_at(form, rnd, 0.5, 0.8)
        form.overrides["no_reasons"] = True
    elif slip == "execution_score":
        form.overrides["execution_score_delta"] = Decimal(-2)
    elif slip == "rate_printed":
        form.overrides["rate_delta"] = Decimal(rnd.choice(("-0.05", "-0.1", "0.03")))
    elif slip == "total_sum":
        form.overrides["total_delta"] = Decimal(rnd.choice(("1", "2", "-1", "5")))
    elif slip == "budget_cut":
        form.budget = form.executed
        form.initial_budget = half_up(form.executed / Decimal(str(rnd.uniform(0.6, 0.85))))
    elif slip in ("out_of_proportion", "full_marks_missed", "missed_no_reason"):
        quiet = form.overrides.get("no_reasons")
        row = _free(form, rnd, lambda r: not r.met and (r.kind != "output" or not quiet)) \
            or _free(form, rnd, lambda r: quantity(r) and r.direction == "at_least" and r.met
                     and r.score == r.points and (r.kind != "output" or not quiet))
        if row is None:
            return False
        if row.met or (slip == "full_marks_missed" and row.actual / row.target > Decimal("0.85")):
            miss(row, rnd, rnd.choice(REASONS), Decimal(rnd.choice(("0.8", "0.85"))))
        if slip == "out_of_proportion":
            row.score = max(Decimal(0), half_up(row.score / 2, Decimal(1)) - 1)
        elif slip == "full_marks_missed":
            row.score = Decimal(row.points)
        else:
            row.deviation = None
    elif slip == "deducted_though_met":
        row = _free(form, rnd, lambda r: r.met and r.score == r.points)
        if row is None:
            return False
        row.score = Decimal(row.points - rnd.choice((1, 2, 3)))
    elif slip == "actual_copied":
        row = _free(form, rnd, lambda r: quantity(r) and r.met and r.score == r.points)
        if row is None:
            return False
        row.actual = row.target
        row.actual_text = target_text(form, row)
    elif slip == "wrong_year":
        row = _free(form, rnd, quantity)
        if row is None:
            return False
        row.level3 = f"{form.year - 1}年{row.level3}"
    elif slip == "template_rows":
        form.placeholders.append(rnd.randrange(len(form.rows)))
    elif slip == "instructions":
        form.goal_actual = _INSTRUCTIONS
    elif slip == "not_applicable_scored":
        row = _free(form, rnd, lambda r: r.kind == "benefit")
        if row is None:
            return False
        row.target_text = row.actual_text = "/"
        row.score, row.deviation = Decimal(row.points), None
    else:
        raise ValueError(slip)
    form.slips.append(slip)
    form.rules.update(SLIPS[slip])
    return True


def synth_form(rnd: random.Random, year: int | None = None, slips: int | None = None) -> Form:
    """One form: clean, or (1 − CLEAN_SHARE of them, or `slips` when given) with 1–3 slips."""
    form = clean_form(rnd, year)
    count = slips if slips is not None else (0 if rnd.random() < CLEAN_SHARE else rnd.randint(1, MAX_SLIPS))
    wanted = rnd.sample(list(SLIPS), count)
    # all outputs met first: the slips planted after it leave the output rows met
    wanted.sort(key=lambda k: k != "outputs_met_funds_unspent")
    for slip in wanted:
        if any(slip in _APART.get(other, ()) or other in _APART.get(slip, ()) for other in form.slips):
            continue
        _plant(form, slip, rnd)
    return form


def form_bytes(form: Form, layout: str) -> bytes:
    """The .xlsx of a form in `layout` (national or yunnan-split)."""
    data = printed(form)
    if layout == "yunnan-split":
        for row in data["indicators"]:
            row["target"] = _split_target(row.get("target"))
        data["grade_printed"] = None
    return WRITERS[layout](data, "").to_bytes()


def _split_target(text):
    """A target as the Yunnan copy splits it: 指标性质 (the sign), 指标值, 度量单位."""
    if text is None:
        return {}
    sign = text[0] if text[:1] in ("≥", "≤", "=") else None
    body = text[1:] if sign else text
    digits = len(body) - len(body.lstrip("0123456789."))
    if not digits or "年" in body:
        return {"op": sign, "value": body}
    return {"op": sign, "value": body[:digits], "unit": body[digits:] or None}


def synth_forms(out_dir, forms: int, seed: int, per_folder: int = 1, layout: str = "national") -> list[dict]:
    """Write `forms` synthetic forms under `out_dir` (replaced as a whole, as synth does): one case
    folder per form (synth-form-00001/<year>/form.xlsx with its case.yaml), or `per_folder` forms
    to a folder (synth-forms-00001/<year>/form-00001.xlsx …, one year a folder); `layout`
    national, yunnan-split or mixed. Writes slips.csv (folder, form, layout, slips, rules).
    Returns its rows. Raises InputError for fewer than one form or an unknown layout."""
    if forms < 1:
        raise InputError([Problem.said("--forms", Message("synth.at_least_one"), found=forms)])
    if per_folder < 1:
        raise InputError([Problem.said("--per-folder", Message("synth.at_least_one"), found=per_folder)])
    if layout not in (*LAYOUTS, "mixed"):
        raise InputError([Problem.said("--layout", Message("synth.unknown_layout"), found=layout,
                                       allowed=", ".join((*LAYOUTS, "mixed")))])
    rnd = random.Random(seed)
    rows = []
    mark = {"jixiao": __version__, "written_by": "jixiao synth", "forms": forms, "seed": seed}
    with atomic.replacing(out_dir, whole=True, owned=True, fsync=False, option="OUT_DIR") as stage:
        for start in range(0, forms, per_folder):
            count = min(per_folder, forms - start)
            year = rnd.randint(2019, 2024)
            if per_folder == 1:
                folder, names = f"synth-form-{start + 1:05d}/{year}", ["form"]
            else:
                folder = f"synth-forms-{start // per_folder + 1:05d}/{year}"
                names = [f"form-{start + i + 1:05d}" for i in range(count)]
            projects = []
            for name in names:
                form = synth_form(rnd, year)
                chosen = layout if layout != "mixed" else rnd.choice(LAYOUTS)
                stage.write(f"{folder}/{name}.xlsx", form_bytes(form, chosen))
                projects.append(form.project)
                rows.append({"folder": folder, "form": name, "layout": chosen, "project": form.project,
                             "slips": ";".join(form.slips), "rules": ";".join(sorted(form.rules))})
            case = folder.split("/")[0]
            manifest = {"case": case, "year": year, "scheme": "self-evaluation",
                        "project": projects[0] if len(projects) == 1 else f"{len(projects)} 张自评表（{projects[0]} 等）",
                        "sources": {t: f"jixiao synth --forms（seed {seed}）：合成的自评表，不是真实数据"
                                    for t in ("form_header", "form_funds", "form_indicators")}}
            stage.write(f"{folder}/case.yaml", yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False).encode())
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["folder", "form", "layout", "project", "slips", "rules"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        stage.write("slips.csv", csv_bytes(buffer.getvalue()))
        stage.write_mark(mark)
    return rows


def synth_form_lines(rows: list[dict], out_dir, seed: int) -> list[str]:
    """What `jixiao synth --forms` says: how many forms, in how many folders, how many carry slips."""
    folders = len({row["folder"] for row in rows})
    slipped = sum(1 for row in rows if row["slips"])
    return [f"wrote {len(rows)} self-evaluation forms in {folders} case folders under {out_dir} (seed {seed}); "
            f"{slipped} carry slips, listed with the rules that must report them in {out_dir}/slips.csv"]
