"""One parser per column: the text people type (or the value a workbook holds) turned into a
typed value — text, answer, integer, number (Decimal), date (FactDate) — or refused with what
is allowed."""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from decimal import Decimal
from typing import Callable

from ..model.problems import chinese_part
from ..model.tables import RATIO_UNIT, Column
from ..model.values import ANSWERS, FactDate

MAX_MAGNITUDE = Decimal("1e12")


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


# How Excel shows (and saves to CSV) a number of 16 or more digits: 4.40190201307030E+17.
_EXCEL_LONG_NUMBER = re.compile(r"^[+-]?\d\.\d+E\+(?:1[5-9]|[2-9]\d)$", re.IGNORECASE)


LONG_NUMBER_HINT = "请将该列设置为文本格式后重新录入 (format the column as Text, then type the values again)"


class ValueProblem(ValueError):
    """A cell that does not fit its column; the message says what is allowed. `zh` and
    `allowed_zh` say the same in Chinese (a message already bilingual is kept as it is)."""

    def __init__(self, message: str, allowed: str):
        super().__init__(message)
        self.allowed = allowed
        self.zh = _ZH.get(message) or chinese_part(message)
        self.allowed_zh = _ZH.get(allowed, allowed)


SEEN_TEXTS = 1024  # per column: the texts whose values a parser keeps (a value that failed is never kept)


@functools.lru_cache(maxsize=None)
def parser(column: Column) -> Callable:
    """The cell parser of one column, built once (it runs in the hot loop of loading facts): it
    returns a cell's typed value, or None for an empty cell, and raises ValueProblem."""
    convert = _CONVERTERS[column.type]
    if column.type == "number" and column.unit == RATIO_UNIT:
        convert = _ratio  # 99.83% is 0.9983 here, and only here
    allowed = column.allowed
    listing = ", ".join(map(str, allowed))
    wanted = f"one {column.type} value"

    plain_text = column.type == "text"
    seen: dict[str, object] = {}  # text -> its value (immutable: str, int, Decimal, FactDate)

    def parse(raw):
        if isinstance(raw, str):
            if raw in seen:  # answers, roles, dates, amounts repeat from row to row and case to case
                return seen[raw]
            text = raw.strip()
            if not text:
                return None
            value = text if plain_text and "+" not in text else convert(text)
            if allowed and value not in allowed:
                raise ValueProblem("value not allowed", listing)
            if len(seen) >= SEEN_TEXTS:
                seen.clear()
            seen[raw] = value
            return value
        elif raw is None:
            return None
        elif isinstance(raw, (list, dict)):
            raise ValueProblem("a single value expected, found a list or mapping", wanted)
        else:
            value = convert(raw)
        if allowed and value not in allowed:
            raise ValueProblem("value not allowed", listing)
        return value
    return parse


def _text(raw) -> str:
    """Text; a long code that Excel turned into a number (its last digits lost) is refused."""
    if isinstance(raw, bool):
        raise ValueProblem("text expected", "text")
    if isinstance(raw, float) and abs(raw) >= 1e15:
        raw = f"{raw:.14E}"
    text = str(raw).strip()
    if _EXCEL_LONG_NUMBER.match(text):
        raise ValueProblem("Excel 只保存 15 位有效数字 a long code saved by Excel as a number: its last digits are "
                           "lost", LONG_NUMBER_HINT)
    return text


# The answers as people write them in Chinese; one is read only where the answer type has it.
ANSWER_WORDS = {"是": "yes", "否": "no", "部分": "partial", "不适用": "not_applicable"}
ANSWERS_ALLOWED = (", ".join(ANSWERS) + " (" +
                   ", ".join(word for word, code in ANSWER_WORDS.items() if code in ANSWERS) + ")")
ANSWERS_ALLOWED_ZH = ("、".join(word for word, code in ANSWER_WORDS.items() if code in ANSWERS) +
                      "（" + ", ".join(ANSWERS) + "）")


def _answer(raw):
    value = raw.strip().lower() if isinstance(raw, str) else raw
    value = ANSWER_WORDS.get(value, value)
    if value not in ANSWERS:
        raise ValueProblem("not an answer", ANSWERS_ALLOWED)
    return value


# A number as people write it: digits, a decimal point, an exponent (as Excel saves a large number
# to CSV), and commas only as thousands separators, in groups of three after the first
# (16,104.72). Nothing else: Decimal() alone would also read 16_0 as 160 and "Infinity".
_WHOLE_PART = r"(?:\d+|(?!0)\d{1,3}(?:,\d{3})+)"
_WHOLE = re.compile(rf"[+-]?{_WHOLE_PART}")
_NUMBER = re.compile(rf"[+-]?(?:{_WHOLE_PART}(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
MAX_DIGITS = 15  # of a whole number: as many as Excel keeps

WHOLE_ALLOWED = "a whole number, e.g. 12"
NUMBER_ALLOWED = "a number, e.g. 3064.72"
COMMA = ("逗号只能用作千位分隔符 a comma that is not a thousands separator: commas only between groups of three "
         "digits (16,104.72), and a decimal point, not a comma")


PERCENT_ELSEWHERE = ("百分数只能填在单位为“比例”的列 a percentage in a column that is not a ratio (比例): write the "
                     "number in the column's unit")


def _integer(raw) -> int:
    if isinstance(raw, bool):
        raise ValueProblem("whole number expected", WHOLE_ALLOWED)
    if isinstance(raw, int):
        return raw
    text = str(raw).strip()
    if not _WHOLE.fullmatch(text):
        raise ValueProblem(COMMA if "," in text and _WHOLE.fullmatch(text.replace(",", "")) else
                           "whole number expected", WHOLE_ALLOWED)
    digits = text.replace(",", "")
    if len(digits.lstrip("+-")) > MAX_DIGITS:
        raise ValueProblem("whole number expected", WHOLE_ALLOWED)
    return int(digits)


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueProblem("number expected", NUMBER_ALLOWED)
    text = str(raw).strip()
    if text.endswith(("%", "％")) and PERCENT.match(text) and _NUMBER.fullmatch(PERCENT.match(text)[1].strip()):
        raise ValueProblem(PERCENT_ELSEWHERE, NUMBER_ALLOWED)
    if not _NUMBER.fullmatch(text):
        raise ValueProblem(COMMA if "," in text and _NUMBER.fullmatch(text.replace(",", "")) else "number expected",
                           NUMBER_ALLOWED)
    value = Decimal(text.replace(",", ""))
    if abs(value) >= MAX_MAGNITUDE:
        raise ValueProblem("number out of range", f"a finite number below {MAX_MAGNITUDE:,.0f}")
    return value


PERCENT = re.compile(r"^(.*\S)\s*[%％]$")
RATIO_ALLOWED = "a ratio from 0 to 1, e.g. 0.9983, or a percentage, 99.83%"


def _ratio(raw) -> Decimal:
    """A number in a ratio column (比例): 0.9983, or the same written as a percentage, 99.83%."""
    match = PERCENT.match(raw.strip()) if isinstance(raw, str) else None
    try:
        return _number(raw) if match is None else _number(match[1]) / 100
    except ValueProblem as exc:  # what the column allows is a ratio, whatever was wrong with the text
        raise ValueProblem(str(exc) if match is None else "number expected", RATIO_ALLOWED) from None


DATE_ALLOWED = "a date YYYY-MM-DD, or YYYY-MM when only the month is known"
FIRST_YEAR, LAST_YEAR = 1900, 2100  # dates jixiao reads; plausibility narrows them around the case year


def _date(raw) -> FactDate:
    text = str(raw).strip()
    match = _DATE.match(text)
    if not match:
        raise ValueProblem("date expected", DATE_ALLOWED)
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not 1 <= month <= 12:
        raise ValueProblem("no such date", DATE_ALLOWED)
    last = calendar.mdays[month] + (month == 2 and calendar.isleap(year))
    if day is not None and not 1 <= int(day) <= last:
        raise ValueProblem("no such date", DATE_ALLOWED)
    if not FIRST_YEAR <= year <= LAST_YEAR:  # a real date, of a year no fact of a case can have
        raise ValueProblem(f"年份不合理 implausible year {year}", f"{DATE_ALLOWED}, from {FIRST_YEAR} to {LAST_YEAR}")
    if day is None:
        return FactDate(f"{year:04d}-{month:02d}-{last:02d}", text)
    return FactDate(text, text)


ALLOWED = {"text": "text", "answer": ANSWERS_ALLOWED, "integer": WHOLE_ALLOWED, "number": NUMBER_ALLOWED,
           "date": DATE_ALLOWED}  # what a column of each type allows, as problems say it
_CONVERTERS = {"text": _text, "answer": _answer, "integer": _integer, "number": _number, "date": _date}


def allowed_in(column: Column, lang: str = "en") -> str:
    """What a column of its type allows, as a problem says it: a ratio column (unit 比例) a ratio
    or a percentage, not any number."""
    if column.type == "number" and column.unit == RATIO_UNIT:
        return RATIO_ALLOWED if lang == "en" else _ZH[RATIO_ALLOWED]
    return (ALLOWED if lang == "en" else ALLOWED_ZH)[column.type]


def ratio_parser(column: Column) -> Callable:
    """The parser of a number column without a unit of its own on a row whose unit is 比例 (an
    outcome's value): as the column's, but a percentage is read (99.83% as 0.9983)."""
    if column.type != "number" or column.unit:
        return parser(column)
    return parser(dataclasses.replace(column, unit=RATIO_UNIT))


ALLOWED_ZH = {"text": "文字", "answer": ANSWERS_ALLOWED_ZH, "integer": "整数，如 12", "number": "数字，如 3064.72",
              "date": "日期 YYYY-MM-DD；只知月份时 YYYY-MM"}
_ZH = {"a single value expected, found a list or mapping": "应为单个值，不是列表或映射", "value not allowed": "不是可填的值",
       "text expected": "应为文字", "not an answer": "不是可填的回答", "whole number expected": "应为整数",
       "number expected": "应为数字", "number out of range": "数值超出范围", "date expected": "应为日期",
       "no such date": "没有这个日期", "one text value": "一个文字值", "one number value": "一个数字",
       "one integer value": "一个整数", "one date value": "一个日期", "one answer value": "一个回答",
       **{ALLOWED[kind]: ALLOWED_ZH[kind] for kind in ALLOWED},
       RATIO_ALLOWED: "0 到 1 之间的小数，如 0.9983，或百分数 99.83%"}


_PARSERS: dict[int, tuple] = {}  # id(schema) -> (schema, its parsers): schemas live as long as the rules


def parsers_for(schema) -> dict[str, Callable]:
    """Each column's cell parser of a table schema, built once per schema."""
    entry = _PARSERS.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = _PARSERS[id(schema)] = (schema, {name: parser(column) for name, column in schema.columns.items()})
    return entry[1]
