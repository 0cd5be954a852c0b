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

from ..model.messages import Joined, Message
from ..model.tables import RATIO_UNIT, Column
from ..model.values import ANSWERS, FactDate
from ..model.vocabulary import ANSWER_TIER_WORDS, ANSWER_WORDS, TYPED_DATE

MAX_MAGNITUDE = Decimal("1e12")


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_DATE_TYPED = re.compile(TYPED_DATE)  # 2024年1月31日, 2024年1月, 2024年1月底, 2024/1/31, 2024.1 (vocabulary)


# How Excel shows (and saves to CSV) a number of 16 or more digits: 4.40190201307030E+17.
_EXCEL_LONG_NUMBER = re.compile(r"^[+-]?\d\.\d+E\+(?:1[5-9]|[2-9]\d)$", re.IGNORECASE)


LONG_NUMBER_HINT = Message("allowed.as_text")


class ValueProblem(ValueError):
    """A cell that does not fit its column: `message` says what is wrong and `allowed` what the
    column allows, catalogue messages (or, for `allowed`, the listed values as text). `str()`,
    `allowed` (English), `zh` and `allowed_zh` (Chinese) say them."""

    def __init__(self, message: Message, allowed: Message | str):
        super().__init__(message.render("en"))
        self.message, self.allowed_message = message, allowed
        self.zh = message.render("zh")
        self.allowed, self.allowed_zh = ((allowed.render("en"), allowed.render("zh")) if isinstance(allowed, Message)
                                         else (allowed, allowed))


SEEN_TEXTS = 1024  # per column: the texts whose values a parser keeps (a value that failed is never kept)


def allowed_listing(column: Column) -> str:
    """A column's allowed values as a message lists them: each code with the Chinese word people
    may type for it, rectified（已整改）, partial（部分整改）."""
    words = column.word_of
    return ", ".join(f"{a}（{words[a]}）" if a in words else str(a) for a in column.allowed)


@functools.lru_cache(maxsize=None)
def parser(column: Column) -> Callable:
    """The cell parser of one column, built once (it runs in the hot loop of loading facts): it
    returns a cell's typed value, or None for an empty cell, and raises ValueProblem."""
    convert = _CONVERTERS[column.type]
    if column.type == "number" and column.unit == RATIO_UNIT:
        convert = _ratio  # 99.83% is 0.9983 here, and only here
    allowed = column.allowed
    listing = allowed_listing(column)
    by_word = {word: code for code, word in column.words}  # 产出 -> output: what people type, as the code
    wanted = Message("allowed.one", {"kind": Message(f"type.{column.type}")})

    plain_text = column.type == "text"
    seen: dict[str, object] = {}  # text -> its value (immutable: str, int, Decimal, FactDate)

    def parse(raw):
        # answers, roles, dates, amounts repeat from row to row and case to case: a text seen
        # before is looked up first (only texts are kept, and no other value equals a text)
        try:
            value = seen.get(raw)
        except TypeError:  # a list or a mapping: refused below
            value = None
        if value is not None:
            return value
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            value = text if plain_text and "+" not in text else convert(text)
            if by_word and value not in allowed:
                value = by_word.get(value, value)
            if allowed and value not in allowed:
                raise ValueProblem(Message("cell.not_allowed"), listing)
            if len(seen) >= SEEN_TEXTS:
                seen.clear()
            seen[raw] = value
            return value
        elif raw is None:
            return None
        elif isinstance(raw, (list, dict)):
            raise ValueProblem(Message("cell.single_value"), wanted)
        else:
            value = convert(raw)
        if allowed and value not in allowed:
            raise ValueProblem(Message("cell.not_allowed"), listing)
        return value
    parse.seen = seen  # (read by load.validation's fast path: a text seen before, without a call)
    return parse


def _text(raw) -> str:
    """Text; a long code that Excel turned into a number (its last digits lost) is refused."""
    if isinstance(raw, bool):
        raise ValueProblem(Message("cell.text_expected"), Message("allowed.text"))
    if isinstance(raw, float) and abs(raw) >= 1e15:
        raw = f"{raw:.14E}"
    text = str(raw).strip()
    if _EXCEL_LONG_NUMBER.match(text):
        raise ValueProblem(Message("cell.long_code"), LONG_NUMBER_HINT)
    return text


# The answers as people write them in Chinese (ANSWER_WORDS); one is read only where the answer type has it.
ANSWERS_ALLOWED = Message("allowed.answer", {
    "codes": ", ".join(ANSWERS),
    "words": Joined(tuple(word for word, code in ANSWER_WORDS.items() if code in ANSWERS), "、", ", ")})


def _answer(raw):
    value = raw.strip().lower() if isinstance(raw, str) else raw
    value = ANSWER_WORDS.get(value, ANSWER_TIER_WORDS.get(value, value))
    if value not in ANSWERS:
        raise ValueProblem(Message("cell.not_answer"), ANSWERS_ALLOWED)
    return value


# A number as people write it: digits, a decimal point, an exponent (as Excel saves a large number
# to CSV), and commas only as thousands separators, in groups of three after the first
# (16,104.72). Nothing else: Decimal() alone would also read 16_0 as 160 and "Infinity".
_WHOLE_PART = r"(?:\d+|(?!0)\d{1,3}(?:,\d{3})+)"
_WHOLE = re.compile(rf"[+-]?{_WHOLE_PART}")
_NUMBER = re.compile(rf"[+-]?(?:{_WHOLE_PART}(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
MAX_DIGITS = 15  # of a whole number: as many as Excel keeps

WHOLE_ALLOWED = Message("allowed.whole")
NUMBER_ALLOWED = Message("allowed.number")
COMMA = Message("cell.comma")
PERCENT_ELSEWHERE = Message("cell.percent_elsewhere")


def _integer(raw) -> int:
    if isinstance(raw, bool):
        raise ValueProblem(Message("cell.whole_expected"), WHOLE_ALLOWED)
    if isinstance(raw, int):
        return raw
    text = str(raw).strip()
    if not _WHOLE.fullmatch(text):
        raise ValueProblem(COMMA if "," in text and _WHOLE.fullmatch(text.replace(",", "")) else
                           Message("cell.whole_expected"), WHOLE_ALLOWED)
    digits = text.replace(",", "")
    if len(digits.lstrip("+-")) > MAX_DIGITS:
        raise ValueProblem(Message("cell.whole_expected"), WHOLE_ALLOWED)
    return int(digits)


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueProblem(Message("cell.number_expected"), NUMBER_ALLOWED)
    text = str(raw).strip()
    if text.startswith("="):  # a formula no spreadsheet computed (jixiao.load.form_book reads it as typed)
        raise ValueProblem(Message("cell.formula_uncomputed"), NUMBER_ALLOWED)
    if text.endswith(("%", "％")) and PERCENT.match(text) and _NUMBER.fullmatch(PERCENT.match(text)[1].strip()):
        raise ValueProblem(PERCENT_ELSEWHERE, NUMBER_ALLOWED)
    if not _NUMBER.fullmatch(text):
        raise ValueProblem(COMMA if "," in text and _NUMBER.fullmatch(text.replace(",", "")) else
                           Message("cell.number_expected"), NUMBER_ALLOWED)
    value = Decimal(text.replace(",", ""))
    if abs(value) >= MAX_MAGNITUDE:
        raise ValueProblem(Message("cell.out_of_range"), Message("allowed.below", {"limit": f"{MAX_MAGNITUDE:,.0f}"}))
    return value


PERCENT = re.compile(r"^(.*\S)\s*[%％]$")
RATIO_ALLOWED = Message("allowed.ratio")


def _ratio(raw) -> Decimal:
    """A number in a ratio column (比例): 0.9983, or the same written as a percentage, 99.83%."""
    match = PERCENT.match(raw.strip()) if isinstance(raw, str) else None
    try:
        return _number(raw) if match is None else _number(match[1]) / 100
    except ValueProblem as exc:  # what the column allows is a ratio, whatever was wrong with the text
        raise ValueProblem(exc.message if match is None else Message("cell.number_expected"), RATIO_ALLOWED) from None


DATE_ALLOWED = Message("allowed.date_forms")  # with examples of every form read
FIRST_YEAR, LAST_YEAR = 1900, 2100  # dates jixiao reads; plausibility narrows them around the case year


def _date(raw) -> FactDate:
    """A date as people type it (_DATE, _DATE_TYPED), said back in ISO form: 2024-01-31 for a
    day, 2024-01 for a month (compared as its last day). A number that looks like 2024.1 is
    refused: Excel keeps 2024.10 as 2024.1, so its month cannot be told."""
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool) and _DATE_TYPED.match(str(raw)):
        raise ValueProblem(Message("cell.date_as_number"), DATE_ALLOWED)
    text = str(raw).strip()
    match = _DATE.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), match[3]
    else:
        typed = _DATE_TYPED.match(text)
        if not typed:
            raise ValueProblem(Message("cell.date_expected"), DATE_ALLOWED)
        year, month = int(typed[1]), int(typed[2] or typed[6])
        day = typed[3] or typed[7]
        if typed[4] and 1 <= month <= 12:  # 月底: the month's last day
            day = str(calendar.mdays[month] + (month == 2 and calendar.isleap(year)))
    if not 1 <= month <= 12:
        raise ValueProblem(Message("cell.no_such_date"), DATE_ALLOWED)
    last = calendar.mdays[month] + (month == 2 and calendar.isleap(year))
    if day is not None and not 1 <= int(day) <= last:
        raise ValueProblem(Message("cell.no_such_date"), DATE_ALLOWED)
    if not FIRST_YEAR <= year <= LAST_YEAR:  # a real date, of a year no fact of a case can have
        raise ValueProblem(Message("cell.implausible_year", {"year": year}),
                           Message("allowed.date_years", {"date": DATE_ALLOWED, "first": FIRST_YEAR, "last": LAST_YEAR}))
    if day is None:
        return FactDate(f"{year:04d}-{month:02d}-{last:02d}", f"{year:04d}-{month:02d}")
    iso = f"{year:04d}-{month:02d}-{int(day):02d}"
    return FactDate(iso, iso)


ALLOWED = {"text": Message("allowed.text"), "answer": ANSWERS_ALLOWED, "integer": WHOLE_ALLOWED, "number": NUMBER_ALLOWED,
           "date": DATE_ALLOWED}  # what a column of each type allows, as problems say it (catalogue messages)
_CONVERTERS = {"text": _text, "answer": _answer, "integer": _integer, "number": _number, "date": _date}


def allowed_in(column: Column) -> Message:
    """What a column of its type allows, as a problem says it: a ratio column (unit 比例) a ratio
    or a percentage, not any number."""
    if column.type == "number" and column.unit == RATIO_UNIT:
        return RATIO_ALLOWED
    return ALLOWED[column.type]


def ratio_parser(column: Column) -> Callable:
    """The parser of a number column without a unit of its own on a row whose unit is 比例 (an
    outcome's value): as the column's, but a percentage is read (99.83% as 0.9983)."""
    if column.type != "number" or column.unit:
        return parser(column)
    return parser(dataclasses.replace(column, unit=RATIO_UNIT))


_PARSERS: dict[int, tuple] = {}  # id(schema) -> (schema, its parsers): schemas live as long as the rules


def parsers_for(schema) -> dict[str, Callable]:
    """Each column's cell parser of a table schema, built once per schema."""
    entry = _PARSERS.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = _PARSERS[id(schema)] = (schema, {name: parser(column) for name, column in schema.columns.items()})
    return entry[1]
