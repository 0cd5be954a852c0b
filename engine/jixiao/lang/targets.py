"""Targets and actual values as the self-evaluation form's cells write them (年度指标值, 实际完成值):
"≥50个", "≤90万元", "=100%", "100%", "≧95%", "2023年12月底前", "效果明显".

`parse_target` turns one into a `Target`: its direction (at_least ≥, at_most ≤, above > and
below < — strict, the number itself not reached —, equal =, or none written), its kind (quantitative, date, qualitative, blank, not_applicable), a number with
its unit (a percentage becomes a ratio, unit 比例) or a date (YYYYMMDD as a number, unit 日期,
so that "later than" is "greater than"). Nothing is guessed: text that is not a number with a
unit, or a date, is qualitative. The glyph variants seen on published forms are read as what
they stand for: ≧ (U+2267) and ≥, ≦ and ≤, ═ (U+2550) and ＝, full-width digits and signs.
Words read as the law reads them (民法典 第一千二百五十九条: “以上、以下、以内”包括本数，“不满、
超过”不包括本数): 不低于 / 不少于 / 达到 / 大于等于 and “X以上” are ≥, 不高于 / 不超过 / 不多于 /
小于等于 / 控制在 and “X以下 / X以内” ≤; 大于 / 高于 / 超过 / 多于 are >, 小于 / 低于 / 少于 / 不满 / 不足 <.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

RATIO = "比例"
DATE = "日期"
NO_UNIT = "无单位"  # a count written without a unit ("8755"): compared with an actual that names none either

_OPS = {"≥": "at_least", "≧": "at_least", ">=": "at_least", "＞＝": "at_least", "⩾": "at_least",
        "≤": "at_most", "≦": "at_most", "<=": "at_most", "⩽": "at_most",
        "=": "equal", "═": "equal", "＝": "equal", "==": "equal",
        ">": "above", "<": "below"}  # (＞ and ＜ are folded to > and < by normalize)
STRICT = {"above": "at_least", "below": "at_most"}  # a strict direction and the one it sharpens
_OP = re.compile(r"^(>=|<=|==|[≥≧⩾≤≦⩽=═＝><])\s*")
# longest first: 大于等于 is ≥, 大于 alone >
_WORD_OPS = (("大于等于", "at_least"), ("小于等于", "at_most"), ("不低于", "at_least"), ("不少于", "at_least"),
             ("达到", "at_least"), ("不高于", "at_most"), ("不超过", "at_most"), ("不多于", "at_most"),
             ("控制在", "at_most"), ("大于", "above"), ("高于", "above"), ("超过", "above"), ("多于", "above"),
             ("小于", "below"), ("低于", "below"), ("少于", "below"), ("不满", "below"), ("不足", "below"))
# written after the number ("50个以上", "90万元以内"): inclusive, as the law reads them
_SUFFIX_OPS = (("及以上", "at_least"), ("以上", "at_least"), ("及以下", "at_most"), ("以下", "at_most"),
               ("以内", "at_most"))
_NUMBER = re.compile(r"^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*(.*)$")
_PERCENT_UNITS = ("%", "％", "百分比", "百分之")
_DATE = re.compile(r"^(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*日)?\s*(底前|底之前|前|以前|之前|底|内|末)?$")
_DATE_ISO = re.compile(r"^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?\s*(前|以前|之前)?$")
_NOT_APPLICABLE = {"/", "／", "无", "不适用", "—", "-", "——", "－"}
# a unit is short and holds no verb or sentence: "个", "万元", "平方米", "人次", "元/㎡"
_UNIT = re.compile(r"^[^\s，。,;；:：0-9]{0,6}$")


@dataclass(frozen=True)
class Target:
    text: str
    kind: str  # quantitative | date | qualitative | blank | not_applicable
    direction: str = "none"  # at_least | at_most | above | below (strict) | equal | none (no sign written)
    value: Decimal | None = None
    unit: str = ""

    @property
    def measurable(self) -> bool:
        return self.kind in ("quantitative", "date")


@functools.lru_cache(maxsize=1 << 16)  # the same labels and cells, form after form
def normalize(text) -> str:
    """The cell's text with full-width forms folded (NFKC keeps ≥ ≤, folds ＝ ％ and digits),
    line breaks and inner spaces of a merged cell removed."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).replace("═", "=")
    return re.sub(r"\s+", "", folded)


@functools.lru_cache(maxsize=1 << 16)  # each row's target and actual are read by several derived tables
def parse_target(text) -> Target:
    """One target or actual cell as a Target (see the module's docstring)."""
    raw = "" if text is None else str(text).strip()
    body = normalize(raw)
    if not body:
        return Target(raw, "blank")
    if body in _NOT_APPLICABLE:
        return Target(raw, "not_applicable")
    direction = "none"
    match = _OP.match(body)
    if match:
        direction, body = _OPS[match.group(1)], body[match.end():]
    else:
        for word, meaning in _WORD_OPS:
            if body.startswith(word):
                direction, body = meaning, body[len(word):]
                break
    if direction == "none":
        for word, meaning in _SUFFIX_OPS:
            if body.endswith(word) and _NUMBER.match(body[:-len(word)]):
                direction, body = meaning, body[:-len(word)]
                break
    date = _date(body)
    if date is not None:
        # "2023年12月底前" is a deadline: at most that day
        return Target(raw, "date", "at_most" if direction == "none" else direction, date, DATE)
    number = _NUMBER.match(body)
    if number:
        try:
            value = Decimal(number.group(1).replace(",", ""))
        except InvalidOperation:
            return Target(raw, "qualitative", direction)
        unit = number.group(2)
        for percent in _PERCENT_UNITS:
            if unit == percent:
                return Target(raw, "quantitative", direction, value / 100, RATIO)
        if _UNIT.match(unit):
            return Target(raw, "quantitative", direction, value, unit)
    return Target(raw, "qualitative", direction)


def _date(body: str) -> Decimal | None:
    """A deadline written as a date, as YYYYMMDD (the last day of a month or year given alone)."""
    match = _DATE.match(body) or _DATE_ISO.match(body)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else 12
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match.group(3)) if match.group(3) else last
    if not 1 <= day <= last:
        return None
    return Decimal(year * 10000 + month * 100 + day)


def with_unit(actual: Target, target: Target) -> Target:
    """An actual value written without a unit ("735" against "≥735人次") is in the target's unit."""
    if actual.kind == "quantitative" and not actual.unit and target.kind == "quantitative":
        return Target(actual.text, actual.kind, actual.direction, actual.value, target.unit)
    return actual


_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")


def years_named(text) -> set[int]:
    """The years a text names as “YYYY年” (2022年, 2022年度)."""
    return {int(y) for y in _YEAR.findall(normalize(text))}


# 一级 / 二级指标 as the forms name them, to the kind of indicator (the letter of its code)
_KINDS = (("满意", "satisfaction"), ("产出", "output"), ("效益", "benefit"), ("效果", "benefit"),
          ("数量", "output"), ("质量", "output"), ("时效", "output"), ("成本", "output"),
          ("经济", "benefit"), ("社会", "benefit"), ("生态", "benefit"), ("环境", "benefit"), ("可持续", "benefit"))
KIND_LETTERS = {"output": "B", "benefit": "C", "satisfaction": "D", "other": "E"}
KIND_NAMES = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标", "other": "其他指标"}


def indicator_kind(level1, level2) -> str:
    """output, benefit, satisfaction or other: by the 一级指标's words, else the 二级指标's (a form
    whose merged 一级 cell lost its text still names 数量指标 / 社会效益指标 …)."""
    for text in (normalize(level1), normalize(level2)):
        for word, kind in _KINDS:
            if word in text:
                return kind
    return "other"


_POINTS = re.compile(r"[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]")


def points_in(label) -> Decimal | None:
    """The points a 一级指标 label prints, e.g. 产出指标(50分) -> 50."""
    match = _POINTS.search(unicodedata.normalize("NFKC", str(label or "")))
    return Decimal(match.group(1)) if match else None
