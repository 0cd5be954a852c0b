"""Every output format jixiao renders, behind one interface, and the registry of them by name.

A format has a name, the file it is written to (None: only printed), whether it is binary, and
a renderer `render(subject, settings) -> str | bytes`. The subject is a case's CheckResult, or a
portfolio's summary (`PortfolioSummary`); the settings carry the language, the case's totals by
year for the chart, a user's template, and what the working paper is limited to.

`jixiao check --format`, the files `check` writes (report/files.py), `jixiao report`,
`jixiao explain` and the portfolio's files all go through `REGISTRY`. A new format is one module
with a renderer and one line below (or a `register(Format(...))` from anywhere, as the tests do).

The renderers are named by module path and imported when first used: start-up (every CLI
command builds its `--format` choices from here) must not pay for openpyxl or markdown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..model.messages import titles_only

CASE, PORTFOLIO = "case", "portfolio"  # what a format renders: a CheckResult, or a PortfolioSummary

# `jixiao check --outputs` names for a case's files (format names, and the short ones users type).
OUTPUT_ALIASES = {"md": "markdown", "markdown": "markdown", "html": "html", "xlsx": "xlsx", "docx": "docx",
                  "json": "json", "findings": "json", "scores": "scores", "csv": "scores"}


@dataclass(frozen=True)
class Template:
    """A report writer's template: a Markdown one's text, or a Word (.docx) one's bytes in
    `data`; and its path (named in errors; its stem names the files it fills)."""

    text: str
    path: str
    data: bytes = b""

    @property
    def is_word(self) -> bool:
        return Path(self.path).suffix.lower() == ".docx"

    @property
    def stem(self) -> str:
        return Path(self.path).stem


@dataclass(frozen=True)
class PortfolioSummary:
    """A portfolio as its files show it: one summary row per case (jixiao.portfolio.rows), the
    overview tables (jixiao.portfolio.pages.overview), and `titles`, {column: (Chinese, English)}
    of the family:… and kind:… columns (jixiao.portfolio.rows.column_titles; a column without one
    is shown by its code)."""

    rows: list[dict]
    tables: dict
    titles: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """How to render: `lang` ("zh" or "en") for the notes and headings of a format that has a
    language; `history`, the case's (year, total[, provisional]) for the chart of totals by year;
    `template`, a user's template; `rule` / `indicator`, what the working paper is limited to."""

    lang: str = "zh"
    history: tuple = ()
    template: Template | None = None
    rule: str | None = None
    indicator: str | None = None
    # Renderings shared by the formats of one set, done once (the HTML page is the Markdown's
    # text): {format name: (subject, rendering)}; see `rendered`.
    memo: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def stem(self) -> str:
        """The report files' name: report (Chinese), report.en, or the template's stem."""
        if self.template is not None:
            return self.template.stem
        return "report" if self.lang == "zh" else f"report.{self.lang}"


Renderer = Callable[[Any, Settings], "str | bytes"]


@dataclass(frozen=True)
class Format:
    """One output format. `renderer` is "module:function" (imported when first rendered) or a
    function, called as renderer(subject, settings). `file` may hold {report}, the settings'
    stem. `needs` names settings it cannot do without (a template): such a format is rendered
    only when asked for with them. `many` renders several cases at once (a JSON array); without
    it, they are printed one after another. `encoding` is how text is written to its file."""

    name: str
    renderer: str | Renderer
    file: str | None = None
    binary: bool = False
    subject: str = CASE
    needs: tuple[str, ...] = ()
    many: str | Callable | None = None
    encoding: str = "utf-8"
    titles_only: bool = False  # a report people read: columns and tables by their Chinese titles, no codes

    def render(self, subject, settings: Settings | None = None) -> str | bytes:
        settings = settings if settings is not None else Settings()
        missing = [name for name in self.needs if getattr(settings, name) is None]
        if missing:
            raise ValueError(f"format '{self.name}' needs {', '.join(missing)}")
        if self.titles_only:
            with titles_only():
                return _resolve(self.renderer)(subject, settings)
        return _resolve(self.renderer)(subject, settings)

    def render_many(self, subjects: list, settings: Settings | None = None) -> str:
        """Several cases as one document, for a format that has `many`. Raises ValueError otherwise."""
        if self.many is None:
            raise ValueError(f"format '{self.name}' renders one case at a time")
        return _resolve(self.many)(subjects, settings if settings is not None else Settings())

    def file_name(self, settings: Settings | None = None) -> str | None:
        if self.file is None:
            return None
        return self.file.format(report=(settings or Settings()).stem)

    def encode(self, content: str | bytes) -> bytes:
        return content if isinstance(content, bytes) else content.encode(self.encoding)


def _resolve(renderer):
    """A renderer named "module:function" is looked up when called (so that a stand-in put on the
    module, as a test does, is the one used)."""
    if callable(renderer):
        return renderer
    module, _, name = renderer.partition(":")
    return getattr(importlib.import_module(module), name)


REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add (or replace) a format by its name; returns it."""
    REGISTRY[fmt.name] = fmt
    return fmt


# The formats, in the order their files are written and listed.
for _format in (
    Format("text", "jixiao.report.text:render"),
    Format("json", "jixiao.report.json:render", file="findings.json", many="jixiao.report.json:render_many"),
    Format("scores", "jixiao.report.scores:render", file="scores.csv", encoding="utf-8-sig"),  # BOM: for Excel
    Format("markdown", "jixiao.report.markdown:render", file="{report}.md", titles_only=True),
    Format("html", "jixiao.report.html:render", file="{report}.html", titles_only=True),
    Format("xlsx", "jixiao.report.xlsx:render", file="report.xlsx", binary=True, titles_only=True),
    Format("docx", "jixiao.report.docx:render", file="{report}.docx", binary=True, titles_only=True),
    Format("manifest", "jixiao.report.manifest:render", file="manifest.json"),
    Format("template", "jixiao.report.template:render", file="{report}.md", needs=("template",), titles_only=True),
    Format("docx-template", "jixiao.report.docx_template:render", file="{report}.docx", binary=True,
           needs=("template",), titles_only=True),
    Format("explain", "jixiao.report.explain:render"),
    Format("portfolio-csv", "jixiao.report.portfolio_pages:csv", file="portfolio.csv", subject=PORTFOLIO,
           encoding="utf-8-sig"),
    Format("portfolio-html", "jixiao.report.portfolio_pages:html", file="portfolio.html", subject=PORTFOLIO),
    Format("portfolio-xlsx", "jixiao.report.portfolio_pages:xlsx", file="portfolio.xlsx", subject=PORTFOLIO,
           binary=True),
):
    register(_format)


def get(name: str) -> Format:
    """The format of that name. Raises KeyError naming the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no output format '{name}'; known: {', '.join(REGISTRY)}") from None


def render(name: str, subject, settings: Settings | None = None) -> str | bytes:
    """Render `subject` in the format `name`."""
    return get(name).render(subject, settings)


def rendered(name: str, subject, settings: Settings) -> str | bytes:
    """`render`, done once per subject for these settings: a format built on another's rendering
    (the HTML page on the Markdown) takes it from there rather than rendering it again."""
    done = settings.memo.get(name)
    if done is None or done[0] is not subject:  # holding the subject: its id cannot be reused
        done = settings.memo[name] = (subject, render(name, subject, settings))
    return done[1]


def printable(subject: str = CASE) -> list[str]:
    """The formats that can be printed for a subject alone: `jixiao check --format` choices."""
    return [f.name for f in REGISTRY.values() if f.subject == subject and not f.binary and not f.needs]


def written(subject: str = CASE) -> list[Format]:
    """The formats written as a subject's set of files: a case's results folder, the portfolio's."""
    return [f for f in REGISTRY.values() if f.subject == subject and f.file is not None and not f.needs]


def files(formats: list[Format], subject, settings: Settings | None = None) -> dict[str, bytes]:
    """{file name: bytes} of these formats for one subject, every one rendered before any is
    written."""
    settings = settings if settings is not None else Settings()
    return {f.file_name(settings): f.encode(rendered(f.name, subject, settings)) for f in formats}
