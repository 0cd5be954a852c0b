"""Layouts of the self-evaluation form (项目支出绩效自评表) and its provincial variants, as data:
which labels identify a layout, where the header fields, the funds block, the goals and the
indicator rows are found. Loading them is jixiao.load.form_layouts; reading a sheet with one is
jixiao.load.form_sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FORM_KINDS = ("self_evaluation", "target_setting")
# the fields a layout may map, by block
HEADER_FIELDS = ("project", "department", "implementing_unit", "goal_expected")
FUNDS_FIELDS = ("initial_budget", "full_year_budget", "executed", "points", "rate", "score")
FUNDS_ROWS = ("total", "current_year", "carry_over", "other")
GOAL_FIELDS = ("expected", "actual")
INDICATOR_FIELDS = ("level1", "level2", "level3", "target", "target_op", "target_value", "target_unit",
                    "actual", "points", "score", "deviation")


@dataclass(frozen=True)
class FormLayout:
    id: str
    name: str
    kind: str
    signature: tuple[str, ...]  # labels every sheet of this layout holds
    title: tuple[str, ...]  # words the title holds (自评表)
    header: dict = field(default_factory=dict)  # field -> label
    funds_columns: dict = field(default_factory=dict)  # field -> column label
    funds_rows: dict = field(default_factory=dict)  # row kind -> (labels, …)
    funds_weight: Decimal | None = None  # the execution weight printed in the block's heading
    goals: dict = field(default_factory=dict)  # field -> column label
    indicator_columns: dict = field(default_factory=dict)  # field -> column label
    total: tuple[str, ...] = ()
    grade_beside_total: bool = False
    deviation_rows: tuple[str, ...] = ()
    file: str = ""
