"""Finding texts: a rule's sentence with {field} placeholders filled from the facts, and
the formats it may ask for ({x|pct} a percentage by the one rule of jixiao.model.percents,
{x|n2} two decimals, {x|yn} 是/否/部分)."""

from __future__ import annotations

from decimal import Decimal

from ..model.messages import Message
from ..model.percents import number_text, percent_text
from ..model.rules import PLACEHOLDER
from ..model.vocabulary import ANSWER_TEXT

NOT_RECORDED = Message("text.not_recorded").render("zh")  # finding texts are Chinese, as their authors write them


def render_template(template: str, env: dict) -> str:
    """Fill {name} and {name|pct} / {name|n2} placeholders; no other code runs. Raises
    ValueError naming the placeholder when a value does not fit its format."""
    def fill(match) -> str:
        name, fmt = match.group(1).strip(), (match.group(2) or "").strip()
        if name not in env:
            return NOT_RECORDED  # an optional field left empty in the facts
        try:
            return format_value(env[name], fmt)
        except ValueError as exc:
            raise ValueError(f"placeholder {match.group(0)}: {exc}") from None
    return PLACEHOLDER.sub(fill, template)


def format_value(value, fmt: str = "") -> str:
    if fmt in ("pct", "n2") and not isinstance(value, Decimal):
        raise ValueError(f"format |{fmt} needs a number, found {value!r}")
    if isinstance(value, Decimal):
        if fmt == "pct":
            return percent_text(value)
        if fmt == "n2":
            return number_text(value)  # 2 decimals, never rounded onto a value it is not
        return format(value.normalize(), "f")
    if fmt == "yn":
        return ANSWER_TEXT.get(str(value), str(value))
    return str(value)
