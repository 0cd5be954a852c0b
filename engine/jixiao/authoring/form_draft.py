"""A self-evaluation form as units fill it in, before it is written (jixiao.authoring.form_synth):
a project of one of a few sectors, its funds (年初预算数, 全年预算数, 全年执行数, the share carried
over), its indicator rows with weights 产出 50 / 效益 30 / 满意度 10 and 预算执行率 10, targets with
direction and unit, actual values, and scores that follow from them; `printed` gives every value
as the form prints it, with the changes a slip made (`Form.overrides`, a row's printed texts).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

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
REASONS = ("受天气影响部分工程延后实施，下年度加快进度。", "部分对象资格复核未完成，已纳入下年度计划。",
            "实际需求低于预期，下年度据实编制预算。", "项目启动较晚，已督促实施单位按计划推进。")

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


def number_text(value: Decimal) -> str:
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
            miss(row, rnd, reason=rnd.choice(REASONS))
    initial = half_up(Decimal(str(rnd.uniform(20, 900))))
    budget = initial if rnd.random() < 0.6 else half_up(initial * Decimal(str(rnd.uniform(1.05, 1.3))))
    form = Form(year, f"{county}{project}", f"{county}{department}", f"{county}{unit}", printed, rows, initial,
                budget, budget, Decimal(0) if rnd.random() < 0.5 else Decimal(rnd.choice(("0.1", "0.2", "0.3"))))
    form.executed = executed_at(form, rnd, 0.9, 1.0)
    return form


def miss(row: Row, rnd: random.Random, reason: str | None, share: Decimal | None = None) -> None:
    """Make an at-least row miss its target by a share whose score is exact (points × share)."""
    share = share or Decimal(rnd.choice(("0.8", "0.85", "0.9", "0.92", "0.95")))
    row.actual = row.target * share
    row.score = row.points * share
    row.deviation = reason


def executed_at(form: Form, rnd: random.Random, low: float, high: float) -> Decimal:
    """An executed amount at a rate in [low, high] whose score 10 × rate is not exactly half a
    cent (rounded half up, it would differ from the methods' 10 − deduction by a cent)."""
    while True:
        executed = min(form.budget, half_up(form.budget * Decimal(str(rnd.uniform(low, high)))))
        exact = Decimal(1000) * executed / form.budget
        if exact % 1 != Decimal("0.5"):
            return executed


def target_text(form: Form, row: Row) -> str:
    if row.target_text is not None:
        return row.target_text
    if row.unit == "date":
        return f"{form.year}年{int(row.target)}月底前"
    sign = "≥" if row.direction == "at_least" else "≤"
    return f"{sign}{number_text(row.target)}{row.unit}"


def actual_text(form: Form, row: Row) -> str:
    if row.actual_text is not None:
        return row.actual_text
    if row.unit == "date":
        return f"{form.year}年{int(row.actual)}月"
    return f"{number_text(row.actual)}{row.unit}"


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
    rate_text = f"{number_text(half_up(100 * (rate + form.overrides.get('rate_delta', Decimal(0)))))}%"
    funds = [{"row": "年度资金总额", "initial_budget": form.initial_budget, "full_year_budget": form.budget,
              "executed": form.executed, "weight": 10, "rate": rate_text, "score": score}, *parts]
    indicators = []
    for index, row in enumerate(form.rows):
        indicators.append({"level1": row.level1, "level2": row.level2, "level3": row.level3,
                           "target": target_text(form, row), "actual": actual_text(form, row),
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
    return number_text(value) if isinstance(value, Decimal) else value
