"""Messages people read, kept as a key and its parameters and rendered in Chinese or English.

A `Message` is what a note or a problem says, before it is said in a language: a key of the
catalogue (jixiao/model/catalogue.py, the one place message templates live, Chinese and
English side by side) and the values it names. Rendering fills the language's template; a
parameter renders itself in that language too:

- text and numbers as they are (a Decimal as written, 16520.00);
- `Named`: a table or column by the title people know and its code, 实际拨付金额（paid_amount）
  (English: 实际拨付金额 (paid_amount)), with its unit where one is given;
- `Value`: a value with its unit, 16520 万元, a ratio also as a percent, 0.9983（99.83%）
  (jixiao/model/percents.py: the one rule for percentages);
- `Said`: a column and what is said of it, 实际拨付金额（paid_amount）为 16520 万元;
- `Joined`: several parameters, joined the language's way (、 or “, ”);
- another `Message`: a fragment said in the same language.

`plain()` gives the parameters as JSON data (a column by its code, a value as a number), for
outputs that keep the key and parameters beside the text.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping

from .catalogue import CATALOGUE, LANGUAGES
from .percents import percent_text, ratio_as_shown
from .tables import RATIO_UNIT
from .vocabulary import YES_NO_UNIT

_BRACKETS = {"zh": ("（", "，", "）"), "en": (" (", ", ", ")")}
_TITLES_ONLY = contextvars.ContextVar("jixiao_titles_only", default=False)


@contextmanager
def titles_only():
    """Within it, a `Named` with a title is said by its title (and unit) alone, 主运维计划数（万元）:
    for the reports people read (report.md / .html / .docx / .xlsx); the text summary, the
    working paper and findings.json keep the codes, which the fact files' headers use."""
    token = _TITLES_ONLY.set(True)
    try:
        yield
    finally:
        _TITLES_ONLY.reset(token)


@dataclass(frozen=True)
class Named:
    """A table or column as messages name it: its Chinese title with the code (and unit)
    alongside, 实际拨付金额（paid_amount，万元）; the code alone when there is no title."""

    code: str
    title: str = ""
    unit: str = ""

    def render(self, lang: str) -> str:
        if not self.title:
            return self.code
        opening, comma, closing = _BRACKETS[lang]
        inside = (self.unit,) if _TITLES_ONLY.get() else (self.code, self.unit)
        inside = comma.join(p for p in inside if p)
        return f"{self.title}{opening}{inside}{closing}" if inside else self.title

    def plain(self):
        return self.code


@dataclass(frozen=True)
class Code(Named):
    """A column in a list of the names allowed: its title with its code in Chinese,
    批次编号（tranche）, its code alone in English (what a user writing in English types)."""

    def render(self, lang: str) -> str:
        return self.code if lang == "en" else super().render(lang)


@dataclass(frozen=True)
class Value:
    """A value with its unit as people read it: 16520 万元; a ratio (比例) also as a percent,
    0.9983（99.83%）, never rounded onto a round value it is not, 0.99995（99.995%）
    (jixiao.model.percents); a yes/no coded as 1/0 (是否… units) as the number alone."""

    value: object
    unit: str = ""

    def render(self, lang: str) -> str:
        value, unit = self.value, self.unit
        if unit == RATIO_UNIT and isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            opening, _, closing = _BRACKETS[lang]  # the ratio at the places its percentage shows
            return f"{ratio_as_shown(value)}{opening}{percent_text(value)}{closing}"
        if isinstance(value, Decimal):
            shown = value.quantize(Decimal("0.0001"), ROUND_HALF_UP) if value.as_tuple().exponent < -4 else value
            text = format(shown.normalize(), "f")
        else:
            text = str(value)
        if unit.startswith(YES_NO_UNIT):
            return text
        return f"{text} {unit}" if unit else text

    def plain(self):
        return _plain(self.value)


@dataclass(frozen=True)
class Said:
    """A column and what is said of it: its name, then the text (no space after a closing
    bracket in Chinese): 实际拨付金额（paid_amount）为 5, paid_amount 为 5."""

    name: object  # Named, or a text naming it (a check's own title)
    text: object

    def render(self, lang: str) -> str:
        name = render_param(self.name, lang)
        return f"{name}{'' if name.endswith('）') else ' '}{render_param(self.text, lang)}"

    def plain(self):
        return {"column": plain_param(self.name), "value": plain_param(self.text)}


@dataclass(frozen=True)
class Joined:
    """Several parameters said one after another, with the language's separator."""

    items: tuple
    zh: str = "、"
    en: str = ", "

    def render(self, lang: str) -> str:
        return (self.zh if lang == "zh" else self.en).join(render_param(item, lang) for item in self.items)

    @classmethod
    def by(cls, items, key: str) -> "Joined":
        """`items` joined by the separator a catalogue key gives in each language (" 或 ", " or ")."""
        return cls(tuple(items), *CATALOGUE[key])

    def plain(self):
        return [plain_param(item) for item in self.items]


@dataclass(frozen=True)
class Message:
    """What a note or problem says: a catalogue key and its parameters (see the module's doc)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        if self.key not in CATALOGUE:
            raise KeyError(f"no message '{self.key}' in the catalogue")

    def render(self, lang: str = "zh") -> str:
        """The message in a language, "zh" or "en". Raises KeyError for another."""
        if lang not in LANGUAGES:
            raise KeyError(f"no messages in language '{lang}'; known: {', '.join(LANGUAGES)}")
        template = CATALOGUE[self.key][LANGUAGES.index(lang)]
        return template.format(**{name: render_param(value, lang) for name, value in self.params.items()})

    def plain(self) -> dict:
        """The key and its parameters as JSON data."""
        return {"key": self.key, "params": {name: plain_param(value) for name, value in self.params.items()}}

    def __str__(self) -> str:
        return self.render("zh")


def render_param(value, lang: str) -> str:
    if isinstance(value, (Named, Value, Said, Joined, Message)):
        return value.render(lang)
    if callable(getattr(value, "render", None)):  # a Problem (jixiao.model.problems) quoted in a message
        return value.render(lang)
    return "" if value is None else str(value)


def plain_param(value):
    if isinstance(value, Message):
        return value.plain()
    if isinstance(value, (Named, Value, Said, Joined)):
        return value.plain()
    return _plain(value)


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if value is None or isinstance(value, (int, str, float)) else str(value)
