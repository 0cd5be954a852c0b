"""One parser per column: the text people type (or the value a workbook holds) turned into a
typed value — text, answer, integer, number (Decimal), date (FactDate) — or refused with what
is allowed."""

from __future__ import annotations

import calendar
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Callable

from ..model.tables import Column
from ..model.values import ANSWERS, FactDate

MAX_MAGNITUDE = Decimal("1e12")


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


# How Excel shows (and saves to CSV) a number of 16 or more digits: 4.40190201307030E+17.
_EXCEL_LONG_NUMBER = re.compile(r"^[+-]?\d\.\d+E\+(?:1[5-9]|[2-9]\d)$", re.IGNORECASE)


LONG_NUMBER_HINT = "请将该列设置为文本格式后重新录入 (format the column as Text, then type the values again)"


class ValueProblem(ValueError):
    """A cell that does not fit its column; the message says what is allowed."""

    def __init__(self, message: str, allowed: str):
        super().__init__(message)
        self.allowed = allowed


@functools.lru_cache(maxsize=None)
def parser(column: Column) -> Callable:
    """The cell parser of one column, built once (it runs in the hot loop of loading facts): it
    returns a cell's typed value, or None for an empty cell, and raises ValueProblem."""
    convert = _CONVERTERS[column.type]
    allowed = column.allowed
    listing = ", ".join(map(str, allowed))
    wanted = f"one {column.type} value"

    plain_text = column.type == "text"

    def parse(raw):
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            value = text if plain_text and "+" not in text else convert(text)
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


def _answer(raw):
    value = raw.strip().lower() if isinstance(raw, str) else raw
    if value not in ANSWERS:
        raise ValueProblem("not an answer", ", ".join(ANSWERS))
    return value


def _integer(raw) -> int:
    if isinstance(raw, bool):
        raise ValueProblem("whole number expected", "a whole number, e.g. 12")
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().replace(",", "")
    if not re.fullmatch(r"[+-]?\d{1,15}", text):
        raise ValueProblem("whole number expected", "a whole number, e.g. 12")
    return int(text)


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueProblem("number expected", "a number, e.g. 3064.72")
    text = str(raw).strip().replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueProblem("number expected", "a number, e.g. 3064.72") from None
    if not value.is_finite() or abs(value) >= MAX_MAGNITUDE:
        raise ValueProblem("number out of range", f"a finite number below {MAX_MAGNITUDE:,.0f}")
    return value


def _date(raw) -> FactDate:
    text = str(raw).strip()
    match = _DATE.match(text)
    allowed = "a date YYYY-MM-DD, or YYYY-MM when only the month is known"
    if not match:
        raise ValueProblem("date expected", allowed)
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        raise ValueProblem("no such date", allowed)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return FactDate(f"{year:04d}-{month:02d}-{last:02d}", text)
    if not 1 <= int(day) <= last:
        raise ValueProblem("no such date", allowed)
    return FactDate(text, text)


_CONVERTERS = {"text": _text, "answer": _answer, "integer": _integer, "number": _number, "date": _date}


_PARSERS: dict[int, tuple] = {}  # id(schema) -> (schema, its parsers): schemas live as long as the rules


def parsers_for(schema) -> dict[str, Callable]:
    """Each column's cell parser of a table schema, built once per schema."""
    entry = _PARSERS.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = _PARSERS[id(schema)] = (schema, {name: parser(column) for name, column in schema.columns.items()})
    return entry[1]
