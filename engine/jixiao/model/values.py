"""Values facts hold beyond numbers and text: answers and observed dates."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

ANSWERS = ("yes", "no", "partial")


def is_iso_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD (2017-02-31 is not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, order=True)
class FactDate:
    """A date as observed: a day (2017-06-30) or only a month (2017-10).

    For comparisons a month stands for its last day: the latest the event can have
    happened, so a payment known only by month is never taken as earlier than it was.
    """

    latest: str
    text: str

    def __str__(self) -> str:
        return self.text


def day_before(text: str) -> str:
    return (datetime.date.fromisoformat(text) - datetime.timedelta(days=1)).isoformat()


def day_after(text: str) -> str:
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=1)).isoformat()



