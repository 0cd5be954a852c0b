"""The report's charts as PNG images, drawn with matplotlib in a CJK font: the score rate of each
first-level indicator, and the case's total by year. report.docx embeds them and report.html
shows the same images (as data: URIs), drawn once per case for both (`images`).

Without a CJK font on the machine the labels would print as empty boxes: no chart is drawn
then (`cjk_font()` is None) and the reports say so in words (labels' d_chart_missing) rather
than showing boxes. Debian's fonts-noto-cjk is what .ci/run installs.

matplotlib is imported when a chart is first drawn (it costs ~0.3 s): a check that writes no
report, and every command's start-up, do not pay for it.

At batch scale (issue 15 item 7) the chart of score rates is drawn by blitting: what every case
of a scheme shares (the indicators' labels, axes, ticks, title, the grey tracks, and the layout)
is drawn once per process and kept (`_RateCanvas`); a case draws only its bars and their values
over a copy of it, and the image is encoded with a fast PNG compression. That takes a case's
chart from ~130 ms to a few ms (Agg, no pyplot).
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model.percents import rate_text
from .labels import FIXED

# CJK families, preferred first: serif (宋/仿宋-like) for an official document, then sans.
CJK_FAMILIES = ("FangSong", FIXED["fonts"]["fangsong"], "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei",
                "AR PL UMing CN", "Droid Sans Fallback")
DPI = 150
PNG_LEVEL = 1  # zlib level of the PNG images: a tenth of the time of the default 6, ~10 % larger
INK, TRACK, BAR, WARN = "#1f2933", "#eef2f6", "#2f6f9f", "#b44d12"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first CJK font family matplotlib can use on this machine, or None."""
    from matplotlib import font_manager  # lazy: see the module's docstring

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in names), None)


def score_rates(rows, title: str, unassessed: str, provisional: str, not_applicable: str) -> bytes | None:
    """Horizontal bars: the score rate of each first-level indicator (rows: IndicatorScore);
    one not assessed says so instead of 0 %, one not applicable says that, one assessed in part
    is marked provisional; a rate is over what applies (IndicatorScore.rate). PNG
    bytes, or None without a CJK font."""
    font = cjk_font()
    if font is None:
        return None
    with _style(font):
        return _score_rates(rows, title, unassessed, provisional, not_applicable)


def rate_labels(rows, unassessed: str, provisional: str, not_applicable: str) -> list[tuple[str, float, str]]:
    """(label, rate in percent, the value as printed) of each first-level indicator: what the
    chart of score rates draws, and what its alternative text says."""
    partial = _partial_roots(rows)
    out = []
    for row in (r for r in rows if r.parent is None):
        rate = row.rate  # over what applies: an N/A leaf's weight is no loss
        text = (not_applicable if row.not_applicable is not None else unassessed if row.score is None
                else rate_text(rate) + (provisional if row.id in partial else ""))
        out.append((f"{row.id} {row.name}", float(rate) * 100, text))
    return out


def _score_rates(rows, title, unassessed, provisional, not_applicable) -> bytes:
    drawn = rate_labels(rows, unassessed, provisional, not_applicable)
    with _CANVAS_LOCK:  # a canvas is shared by the threads of a process (a Dask worker's)
        widest = (f"99.995%{provisional}", unassessed, not_applicable)  # what the values may say: laid out for
        canvas = _rate_canvas(tuple(label for label, _, _ in drawn), title, widest)
        return canvas.draw([rate for _, rate, _ in drawn], [text for _, _, text in drawn])


class _RateCanvas:
    """The chart of score rates for one list of labels and a title: everything but the bars and
    their values drawn once (the figure laid out as `tight` lays it out), kept as a background;
    `draw` puts a case's bars and values over a copy of it and returns the PNG."""

    def __init__(self, labels: tuple[str, ...], title: str, widest: tuple[str, ...]):
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # lazy: see the module's docstring

        figure, axes = _figure(height=0.7 + 0.55 * len(labels))
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, [100] * len(labels), color=TRACK, height=0.6)
        self.bars = list(axes.barh(positions, [0] * len(labels), color=BAR, height=0.6))
        longest = max(widest, key=lambda text: sum(2 if ord(c) > 0x2e80 else 1 for c in text))
        self.texts = [axes.text(101.5, y, longest, va="center", fontsize=9, color=INK) for y in positions]
        for artist in (*self.bars, *self.texts):
            artist.set_animated(True)  # left out of the background: drawn per case
        axes.set_yticks(positions, list(labels), fontsize=9)
        axes.set_xlim(0, 118)
        axes.set_xticks([0, 25, 50, 75, 100], ["0", "25%", "50%", "75%", "100%"], fontsize=8)
        axes.set_title(title, fontsize=11, color=INK, loc="left")
        self.figure, self.axes, self.canvas = figure, axes, FigureCanvasAgg(figure)
        self.canvas.draw()  # lays the figure out (tight) and draws the background
        figure.set_layout_engine("none")  # the layout is kept as it is
        self.background = self.canvas.copy_from_bbox(figure.bbox)

    def draw(self, rates: list[float], texts: list[str]) -> bytes:
        self.canvas.restore_region(self.background)
        for bar, rate in zip(self.bars, rates):
            bar.set_width(rate)
            self.axes.draw_artist(bar)
        for artist, text in zip(self.texts, texts):
            artist.set_text(text)
            self.axes.draw_artist(artist)
        return _encode(self.canvas)


_CANVAS_LOCK = threading.Lock()


def _rate_canvas(labels: tuple[str, ...], title: str, widest: tuple[str, ...]) -> _RateCanvas:
    """The kept canvas for these labels and title, laid out to hold the widest of the values
    `widest` (a few per process: one per scheme and language)."""
    key = (cjk_font(), labels, title, widest)
    canvas = _CANVASES.get(key)
    if canvas is None:
        if len(_CANVASES) >= 16:
            _CANVASES.pop(next(iter(_CANVASES)))
        with _style(key[0]):
            canvas = _CANVASES[key] = _RateCanvas(labels, title, widest)
    return canvas


_CANVASES: dict[tuple, _RateCanvas] = {}


def _encode(canvas) -> bytes:
    """The canvas's pixels as PNG (no timestamp or software name: the same chart, the same bytes)."""
    from PIL import Image  # lazy: see the module's docstring (Pillow comes with matplotlib)

    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.save(out, format="png", compress_level=PNG_LEVEL, dpi=(DPI, DPI))
    return out.getvalue()


def totals_by_year(points, title: str, provisional_label: str, maximum: Decimal = Decimal(100)) -> bytes | None:
    """Vertical bars: the case's total by year, [(year, total[, provisional])], out of the
    scheme's maximum. PNG bytes, or None without a CJK font (or with fewer than two years)."""
    font = cjk_font()
    points = sorted(points)
    if font is None or len(points) < 2:
        return None
    with _style(font):
        return _totals(points, title, provisional_label, maximum)


def _totals(points, title, provisional_label, maximum) -> bytes:
    figure, axes = _figure(height=2.6)
    years = [str(p[0]) for p in points]
    totals = [float(p[1]) for p in points]
    axes.bar(years, totals, color=BAR, width=0.5)
    for x, (year, total, *rest) in enumerate(points):
        mark = provisional_label if rest and rest[0] else ""
        axes.text(x, float(total) + float(maximum) * 0.02, f"{total}{mark}", ha="center", fontsize=9, color=INK)
    axes.set_ylim(0, float(maximum) * 1.12)
    axes.set_title(title, fontsize=11, color=INK, loc="left")
    return _png(figure)


def _partial_roots(rows) -> set[str]:
    parents = {r.id: r.parent for r in rows}

    def root_of(row_id):
        while parents.get(row_id) is not None:
            row_id = parents[row_id]
        return row_id

    return {root_of(r.id) for r in rows if r.is_leaf and not r.assessed}


def _style(font: str):
    """matplotlib's settings for one chart (restored after it): the CJK family first, then
    matplotlib's default for what it lacks."""
    import matplotlib  # lazy: see the module's docstring

    return matplotlib.rc_context({"font.family": [font, "DejaVu Sans"], "svg.hashsalt": "jixiao"})


def _figure(height: float):
    from matplotlib.figure import Figure  # lazy: see the module's docstring; no pyplot: no global state

    figure = Figure(figsize=(6.4, height), dpi=DPI)
    axes = figure.add_subplot()
    figure.set_layout_engine("tight")
    for artist in ("top", "right"):
        axes.spines[artist].set_visible(False)
    axes.tick_params(colors=INK)
    return figure, axes


def _png(figure) -> bytes:
    """The figure as PNG; no timestamp or software name in it, so the same chart is the same bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": PNG_LEVEL})
    return out.getvalue()


@dataclass(frozen=True)
class Chart:
    """One chart as the reports show it: its title, the PNG, and in words what it draws (the
    HTML page's alternative text)."""

    title: str
    png: bytes
    words: str


def images(result, t: dict, settings) -> list[Chart] | None:
    """The charts of this result, [score rates, totals by year (with two years or more of
    settings.history)], or None when no CJK font can draw them. Drawn once per result and
    settings (kept in settings.memo): report.docx and report.html embed the same PNG bytes."""
    done = settings.memo.get("charts")
    if done is not None and done[0] is result:
        return done[1]
    drawn = _images(result, t, settings)
    settings.memo["charts"] = (result, drawn)
    return drawn


def _images(result, t: dict, settings) -> list[Chart] | None:
    rows = result.scores.rows
    rates = score_rates(rows, t["chart_rates"], t["cannot_assess"], t["provisional"], t["not_applicable"])
    if rates is None:
        return None
    sep = t["sep"]
    charts = [Chart(t["chart_rates"], rates,
                    sep.join(f"{label} {text}" for label, _, text in rate_labels(rows, t["cannot_assess"],
                                                                                 t["provisional"],
                                                                                 t["not_applicable"])))]
    final, _ = final_years(settings.history)
    years = totals_by_year(final, t["chart_years"], t["provisional"], result.scheme.max)
    if years is not None:
        charts.append(Chart(t["chart_years"], years, sep.join(f"{p[0]} {p[1]}" for p in final)))
    return charts


def final_years(history) -> tuple[list, list[int]]:
    """The case's totals by year, [(year, total[, provisional])], split: the final ones, sorted,
    as the chart of totals by year draws them, and the years whose total is provisional (some
    indicator could not be assessed: not a score to compare), which it leaves out."""
    points = sorted(history)
    final = [p for p in points if not (len(p) > 2 and p[2])]
    return final, [p[0] for p in points if len(p) > 2 and p[2]]


def years_note(settings, t: dict) -> str:
    """What the reports say under the charts when a year's total was left out of the chart of
    totals by year for being provisional; '' when none was (or there is no such chart)."""
    _, provisional = final_years(settings.history)
    if len(settings.history) < 2 or not provisional:
        return ""
    return t["chart_provisional_note"].format(years=t["ids_sep"].join(str(y) for y in provisional))
