"""User-facing input errors: every problem names where it is, what was found and what is allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .messages import Message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    found: object = None
    allowed: str | None = None
    zh: str | None = None  # the message in Chinese, where it has been written apart from `message`
    allowed_zh: str | None = None

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "zh") -> str:
        """The problem as one line: `file:line [column]: message; found …; allowed: …` ("en"),
        or in Chinese (“zh”): `file:line [column]：message；填写的是 …；可填：…`."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.key:
            parts.append(f"[{self.key}]")
        zh = lang == "zh"
        message = (self.zh or chinese_part(self.message)) if zh else self.message
        text = " ".join(parts) + Message("problem.said", {"message": message}).render(lang)
        if self.found is not None:
            text += Message("problem.found", {"found": repr(self.found)}).render(lang)
        allowed = (self.allowed_zh or self.allowed) if zh else self.allowed
        if allowed:
            text += Message("problem.allowed", {"allowed": allowed}).render(lang)
        return text

    @classmethod
    def said(cls, file, message: Message, *, line: int | None = None, key: str | None = None, found=None,
             allowed: Message | str | None = None) -> "Problem":
        """A problem whose message (and what is allowed) is a catalogue Message, said in both languages."""
        allowed_en, allowed_zh = (allowed.render("en"), allowed.render("zh")) if isinstance(allowed, Message) \
            else (allowed, None)
        return cls(str(file), message.render("en"), line, key, found, allowed_en, message.render("zh"), allowed_zh)


_CHINESE_FIRST = re.compile(r"^([^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s+(?=[A-Za-z(])")


def chinese_part(message: str) -> str:
    """The Chinese of a message written “中文 English” (逗号只能用作千位分隔符 a comma that …);
    the whole message otherwise."""
    match = _CHINESE_FIRST.match(message)
    return match[1].rstrip("：:，, ") if match else message


class InputError(Exception):
    """Bad input: carries every problem found, so a run reports them all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while a loader keeps going; raise them together at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file, message, *, line=None, key=None, found=None, allowed=None, zh=None, allowed_zh=None) -> None:
        """One problem. `message` and `allowed` are text, or a Message of the catalogue
        (jixiao.model.catalogue), said in both languages from there."""
        if isinstance(message, Message):
            message, zh = message.render("en"), message.render("zh")
        if isinstance(allowed, Message):
            allowed, allowed_zh = allowed.render("en"), allowed.render("zh")
        self.items.append(Problem(str(file), message, line, key, found, allowed, zh, allowed_zh))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to `name` (the same but for case, else a close spelling), or None."""
    options = [str(c) for c in candidates]
    same_but_case = [c for c in options if c.lower() == str(name).lower()]
    if same_but_case:
        return same_but_case[0]
    import difflib  # only when a name is wrong: imported here for start-up time

    close = difflib.get_close_matches(str(name), options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix naming the nearest candidate, or ''."""
    nearest = closest(name, candidates)
    return f" (did you mean {nearest!r}?)" if nearest is not None else ""


def meant(name: str, candidates: Iterable[str]) -> Message | str:
    """did_you_mean as a catalogue message, said in either language; '' without a candidate."""
    nearest = closest(name, candidates)
    return Message("rule.meant", {"name": repr(nearest)}) if nearest is not None else ""


class OutputError(InputError):
    """The results could not be written (a folder that may not be written, a full disk, a
    read-only --out): the user's to fix, so exit 2 like bad input; the previous results stay."""
