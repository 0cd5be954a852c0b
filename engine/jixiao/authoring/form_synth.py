"""Synthetic self-evaluation forms with realistic slips: `jixiao synth OUT_DIR --forms N`.

Each form is a 项目支出绩效自评表 as units fill it in (jixiao.authoring.form_writer writes the
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
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import yaml

from ..disk import atomic
from ..model.problems import InputError, Problem
from ..report.files import csv_bytes
from ..version import __version__
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

TWO = Decimal("0.01")
_COUNTIES = ("永宁县", "安平县", "清河县", "临江县", "青山县", "德化县", "平阳县", "长宁县", "云溪县", "新丰县")
# sector: (project, department, unit, outputs, benefits, satisfaction); a row is
# (二级指标, 三级指标, unit or "%" or "date", low, high, direction)
_SECTORS = (
    ("农村饮水安全巩固提升工程", "水利局", "农村供水服务中心",
     [("数量指标", "新建供水管网长度", "公里", 20, 200, "at_least"),
      ("数量指标", "新建集中供水工程", "处", 3, 30, "at_least"),
      ("质量指标", "工程验收合格率", "%", 95, 100, "at_least"),
      ("时效指标", "工程完工时间", "date", 9, 12, "at_most"),
      ("成本指标", "每公里管网建设成本", "万元", 5, 30, "at_most")],
     [("社会效益指标", "农村集中供水率", "%", 85, 98, "at_least"),
      ("社会效益指标", "受益人口", "人", 2000, 30000, "at_least"),
      ("可持续影响指标", "工程设计使用年限", "年", 15, 30, "at_least")],
     [("服务对象满意度指标", "受益群众满意度", "%", 85, 95, "at_least")]),
    ("城乡居民医疗救助资金", "医疗保障局", "医疗保险服务中心",
     [("数量指标", "救助人次", "人次", 500, 9000, "at_least"),
      ("数量指标", "资助参保人数", "人", 1000, 20000, "at_least"),
      ("质量指标", "救助对象识别准确率", "%", 95, 100, "at_least"),
      ("时效指标", "救助资金发放时间", "date", 6, 12, "at_most"),
      ("成本指标", "人均救助标准", "元", 300, 3000, "at_most")],
     [("社会效益指标", "困难群众政策范围内住院费用报销比例", "%", 70, 90, "at_least"),
      ("社会效益指标", "因病致贫返贫户数下降", "户", 10, 200, "at_least"),
      ("可持续影响指标", "医疗救助制度覆盖率", "%", 95, 100, "at_least")],
     [("服务对象满意度指标", "救助对象满意度", "%", 85, 95, "at_least")]),
    ("农村公路养护工程", "交通运输局", "公路事务中心",
     [("数量指标", "养护里程", "公里", 50, 600, "at_least"),
      ("数量指标", "危桥改造", "座", 2, 20, "at_least"),
      ("质量指标", "优良路率", "%", 75, 90, "at_least"),
      ("时效指标", "养护任务完成时间", "date", 10, 12, "at_most"),
      ("成本指标", "每公里养护成本", "万元", 1, 5, "at_most")],
     [("社会效益指标", "群众出行时间缩短", "分钟", 5, 30, "at_least"),
      ("经济效益指标", "沿线农产品运输量", "万吨", 1, 50, "at_least"),
      ("可持续影响指标", "路况技术状况指数", "分", 80, 90, "at_least")],
     [("服务对象满意度指标", "沿线群众满意度", "%", 85, 95, "at_least")]),
    ("学生营养改善计划", "教育体育局", "学生资助管理中心",
     [("数量指标", "受益学生人数", "人", 1000, 30000, "at_least"),
      ("数量指标", "供餐学校", "所", 10, 120, "at_least"),
      ("质量指标", "食品安全抽检合格率", "%", 98, 100, "at_least"),
      ("时效指标", "补助资金拨付时间", "date", 6, 12, "at_most"),
      ("成本指标", "每生每天膳食补助标准", "元", 4, 6, "at_most")],
     [("社会效益指标", "学生营养健康状况改善率", "%", 60, 90, "at_least"),
      ("社会效益指标", "学生在校就餐率", "%", 85, 99, "at_least"),
      ("可持续影响指标", "营养改善长效机制覆盖学校", "所", 10, 120, "at_least")],
     [("服务对象满意度指标", "学生家长满意度", "%", 85, 95, "at_least")]),
)
_REASONS = ("受天气影响部分工程延后实施，下年度加快进度。", "部分对象资格复核未完成，已纳入下年度计划。",
            "实际需求低于预期，下年度据实编制预算。", "项目启动较晚，已督促实施单位按计划推进。")
_UNMEASURABLE = ("效果明显", "明显改善", "良好", "有所提升", "显著提高")
_INSTRUCTIONS = "对照年度目标，说明年度目标完成情况（100字以内）"


@dataclass
class Row:
    level1: str
    level2: str
    level3: str
    kind: str  # output | benefit | satisfaction
    unit: str  # a unit, "%" or "date"
    direction: str  # at_least | at_most
    target: Decimal  # the target value (a month for a date: the last day of month `target`)
    actual: Decimal
    points: int
    score: Decimal
    deviation: str | None = None
    target_text: str | None = None  # as printed, when a slip set it
    actual_text: str | None = None
    taken: bool = False  # a slip changed it: no other slip touches it

    @property
    def met(self) -> bool:
        return self.actual <= self.target if self.direction == "at_most" else self.actual >= self.target


@dataclass
class Form:
    year: int
    project: str
    department: str
    unit: str
    printed_points: bool  # the 一级指标 labels print their points: 产出指标（50分）
    rows: list[Row]
    initial_budget: Decimal
    budget: Decimal
    executed: Decimal
    carry_share: Decimal  # the share of each amount that is 上年结转资金
    goal_actual: str = "已按计划完成年度绩效目标。"
    overrides: dict = field(default_factory=dict)  # printed values a slip changed: rate, score, total, parts
    slips: list[str] = field(default_factory=list)
    rules: set = field(default_factory=set)
    placeholders: list[int] = field(default_factory=list)  # a template row left in after row i


def half_up(value: Decimal, places: Decimal = TWO) -> Decimal:
    return value.quantize(places, ROUND_HALF_UP)


def _text(value: Decimal) -> str:
    """A number as a person types it: no trailing zeros."""
    text = f"{value.normalize():f}"
    return text


def _value(rnd: random.Random, low, high, unit: str) -> Decimal:
    if unit in ("%", "分"):
        return Decimal(rnd.randint(low, high))
    if high <= 10:
        return half_up(Decimal(str(rnd.uniform(low, high))), Decimal("0.1"))
    return Decimal(rnd.randint(low, high))


def _weights(rnd: random.Random, total: int, parts: int) -> list[int]:
    """`total` points in `parts` multiples of 5, each at least 5."""
    units = [1] * parts
    for _ in range(total // 5 - parts):
        units[rnd.randrange(parts)] += 1
    return [5 * u for u in units]


def clean_form(rnd: random.Random, year: int | None = None) -> Form:
    """A form filled in without a slip: targets with direction and unit, most met, a missed one
    scored in proportion with its reason; the execution rate at least 90 %."""
    project, department, unit, outputs, benefits, satisfaction = rnd.choice(_SECTORS)
    county = rnd.choice(_COUNTIES)
    year = year or rnd.randint(2019, 2024)
    printed = rnd.random() < 0.5
    rows = []
    for level1, specs, count, total, kind in (("产出指标", outputs, rnd.randint(4, 5), 50, "output"),
                                              ("效益指标", benefits, 3, 30, "benefit"),
                                              ("满意度指标", satisfaction, 1, 10, "satisfaction")):
        chosen = sorted(rnd.sample(range(len(specs)), count))
        if kind == "output" and len(specs) - 1 not in chosen:  # a cost indicator: 财预〔2021〕101号
            chosen[-1] = len(specs) - 1
        label = f"{level1}（{total}分）" if printed else level1
        for spec_index, points in zip(chosen, _weights(rnd, total, count)):
            level2, name, unit_, low, high, direction = specs[spec_index]
            target = Decimal(rnd.randint(low, high)) if unit_ == "date" else _value(rnd, low, high, unit_)
            actual = target
            if unit_ != "date" and direction == "at_least" and rnd.random() < 0.6:
                places = Decimal("0.1") if unit_ == "%" or target != target.to_integral() else Decimal(1)
                actual = max(target, half_up(target * Decimal(str(rnd.uniform(1.0, 1.15))), places))
                if unit_ == "%":
                    actual = min(actual, Decimal(100))
            elif unit_ == "date":
                actual = Decimal(rnd.randint(max(1, int(target) - 3), int(target)))
            elif direction == "at_most":
                actual = half_up(target * Decimal(str(rnd.uniform(0.9, 1.0))), TWO)
            rows.append(Row(label, level2, name, kind, unit_, direction, target, actual, points, Decimal(points)))
    for row in rows:
        if row.unit != "date" and row.direction == "at_least" and rnd.random() < 0.15:
            _miss(row, rnd, reason=rnd.choice(_REASONS))
    initial = half_up(Decimal(str(rnd.uniform(20, 900))))
    budget = initial if rnd.random() < 0.6 else half_up(initial * Decimal(str(rnd.uniform(1.05, 1.3))))
    form = Form(year, f"{county}{project}", f"{county}{department}", f"{county}{unit}", printed, rows, initial,
                budget, budget, Decimal(0) if rnd.random() < 0.5 else Decimal(rnd.choice(("0.1", "0.2", "0.3"))))
    form.executed = _executed(form, rnd, 0.9, 1.0)
    return form


def _miss(row: Row, rnd: random.Random, reason: str | None, share: Decimal | None = None) -> None:
    """Make an at-least row miss its target by a share whose score is exact (points × share)."""
    share = share or Decimal(rnd.choice(("0.8", "0.85", "0.9", "0.92", "0.95")))
    row.actual = row.target * share
    row.score = row.points * share
    row.deviation = reason


def _executed(form: Form, rnd: random.Random, low: float, high: float) -> Decimal:
    """An executed amount at a rate in [low, high] whose score 10 × rate is not exactly half a
    cent (rounded half up, it would differ from the methods' 10 − deduction by a cent)."""
    while True:
        executed = min(form.budget, half_up(form.budget * Decimal(str(rnd.uniform(low, high)))))
        exact = Decimal(1000) * executed / form.budget
        if exact % 1 != Decimal("0.5"):
            return executed


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
        row.target_text = f"{_text(row.target)}{row.unit}"
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
        form.executed = _executed(form, rnd, 0.5, 0.8)
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
            _miss(row, rnd, rnd.choice(_REASONS), Decimal(rnd.choice(("0.8", "0.85"))))
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
        row.actual_text = _target_text(form, row)
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


def _target_text(form: Form, row: Row) -> str:
    if row.target_text is not None:
        return row.target_text
    if row.unit == "date":
        return f"{form.year}年{int(row.target)}月底前"
    sign = "≥" if row.direction == "at_least" else "≤"
    return f"{sign}{_text(row.target)}{row.unit}"


def _actual_text(form: Form, row: Row) -> str:
    if row.actual_text is not None:
        return row.actual_text
    if row.unit == "date":
        return f"{form.year}年{int(row.actual)}月"
    return f"{_text(row.actual)}{row.unit}"


def printed(form: Form) -> dict:
    """The form as form_writer takes it (the transcriptions' shape), every printed value."""
    rate = form.executed / form.budget
    score = half_up(10 * rate)
    parts = []
    share = form.carry_share
    for label, portion in (("本年财政拨款", 1 - share), ("上年结转资金", share), ("其他资金", Decimal(0))):
        parts.append({"row": label, **{key: half_up(amount * portion) for key, amount in
                                       (("initial_budget", form.initial_budget), ("full_year_budget", form.budget),
                                        ("executed", form.executed))}})
    for key, amount in (("initial_budget", form.initial_budget), ("full_year_budget", form.budget),
                        ("executed", form.executed)):
        parts[0][key] = amount - sum((p[key] for p in parts[1:]), Decimal(0))  # the parts add up exactly
    parts[0]["full_year_budget"] += form.overrides.get("parts_budget_extra", Decimal(0))
    score += form.overrides.get("execution_score_delta", Decimal(0))
    score = max(score, Decimal(0))
    rate_text = f"{_text(half_up(100 * (rate + form.overrides.get('rate_delta', Decimal(0)))))}%"
    funds = [{"row": "年度资金总额", "initial_budget": form.initial_budget, "full_year_budget": form.budget,
              "executed": form.executed, "weight": 10, "rate": rate_text, "score": score}, *parts]
    indicators = []
    for index, row in enumerate(form.rows):
        indicators.append({"level1": row.level1, "level2": row.level2, "level3": row.level3,
                           "target": _target_text(form, row), "actual": _actual_text(form, row),
                           "weight": row.points, "score": row.score, "deviation": row.deviation})
        for _ in range(form.placeholders.count(index)):
            indicators.append({"level1": row.level1, "level2": row.level2, "level3": "指标2："})
    total = score + sum((row.score for row in form.rows), Decimal(0)) + form.overrides.get("total_delta", Decimal(0))
    return {"year": form.year, "project": form.project, "department": form.department, "unit": form.unit,
            "funds": [{k: _cell(v) for k, v in row.items()} for row in funds],
            "goals": {"expected": "按计划完成项目建设任务，资金使用规范，服务对象满意。", "actual": form.goal_actual},
            "indicators": [{k: _cell(v) for k, v in row.items()} for row in indicators], "total": _cell(total),
            "grade_printed": None}


def _cell(value):
    return _text(value) if isinstance(value, Decimal) else value


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
        raise InputError([Problem("--forms", "must be at least 1", found=forms)])
    if per_folder < 1:
        raise InputError([Problem("--per-folder", "must be at least 1", found=per_folder)])
    if layout not in (*LAYOUTS, "mixed"):
        raise InputError([Problem("--layout", "unknown layout", found=layout, allowed=", ".join((*LAYOUTS, "mixed")))])
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
