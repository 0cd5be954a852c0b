"""A ratio (比例, 0–1) as people read it: a percentage, by one rule for every text the tool writes
(finding texts, messages, working papers, reports, the portfolio pages).

The rule:

- exact when it can be: a ratio whose percentage has at most 2 decimals is written as it is, with
  trailing zeros dropped as Chinese reports write it: 0.98 → 98%, 0.995 → 99.5%, 0.9983 → 99.83%;
- else rounded half up to 2 decimals: 0.998349 → 99.83%, 2/3 → 66.67%;
- never rounded onto a round percentage it is not. A figure with no decimals or one (100%, 99.9%,
  95%: what targets and caps are written as) is always exact; when rounding to 2 decimals would
  end in 0 (99.995 → 100.00, 99.895 → 99.90), the next decimals are shown until the last one is
  not 0: 0.99995 → 99.995%, 1.00004 → 100.004%, 0.99895 → 99.895%, 0.0000001 → 0.00001%.

Why more decimals rather than “<100%” or “≈100%”: the figure stays a number a reader can compare
and recompute (and that parses back), it is on the right side of every round value at once (a
target of 100% below, a strict cap of 100% above, a target of 99.9%), it reads the same in Chinese
and English, and evaluation reports write such figures themselves (可用率 99.905%). A shown figure
of 2 decimals may be rounded (by less than 0.005); one of 0 or 1 decimal never is.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

_PLACES = 2  # decimals of a percentage as people write them
RATE_PLACES = 1  # a score rate's or a share's: score tables and overviews write 94.4%, 12.3%


def percent_figure(ratio: Decimal | int, places: int = _PLACES) -> str:
    """The percentage of a ratio as a figure without its sign: 0.9983 → "99.83", 0.98 → "98",
    0.99995 → "99.995" (see the module's doc for the rule). `ratio`: a Decimal or int in 比例 (1 is
    100 %; any sign and size); `places`: the decimals a rounded figure keeps (2; a score rate 1).
    Raises ValueError for a value that is not a finite number."""
    if isinstance(ratio, bool) or not isinstance(ratio, (Decimal, int)):
        raise ValueError(f"a ratio must be a number, found {ratio!r}")
    ratio = Decimal(ratio)
    if not ratio.is_finite():
        raise ValueError(f"a ratio must be a finite number, found {ratio}")
    if ratio == 0:
        return "0"
    with localcontext() as context:  # exact: never rounded by the context's 28 digits
        context.prec = len(ratio.as_tuple().digits) + 4
        return format(_guarded(ratio.scaleb(2).normalize(), places), "f")


def _guarded(exact: Decimal, places: int) -> Decimal:
    """`exact` (normalized) as it is when it has at most `places` decimals, else rounded half up
    to `places`, or to as many more as keep the last one from being 0 (never a rounder value
    than it is)."""
    decimals = -exact.as_tuple().exponent
    for kept in range(places, decimals):
        shown = exact.quantize(Decimal(1).scaleb(-kept), ROUND_HALF_UP)
        if shown.as_tuple().digits[-1] != 0:  # not on a rounder value than its places say
            return shown
    return exact


def number_text(value: Decimal | int, places: int = 2) -> str:
    """A computed number at `places` decimals, trailing zeros kept ({x|n2}: 95.5 → "95.50"), by the
    same guard: never rounded onto a value it is not, 89.996 → "89.996", not "90.00" (beside a
    band of 90 分, "90.00" would read as reaching it). Raises ValueError for what is not a finite
    number."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)) or not Decimal(value).is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    value = Decimal(value)
    with localcontext() as context:
        context.prec = len(value.as_tuple().digits) + places + 4
        shown = _guarded(value.normalize(), places) if value else Decimal(0)
        if -shown.as_tuple().exponent < places:
            shown = shown.quantize(Decimal(1).scaleb(-places))
        return format(shown, "f")


def percent_text(ratio: Decimal | int) -> str:
    """A ratio as a percentage with its sign: 0.9983 → "99.83%", 0.98 → "98%", 0.99995 → "99.995%".
    Raises ValueError as `percent_figure`."""
    return f"{percent_figure(ratio)}%"


def rate_text(ratio: Decimal | int) -> str:
    """A proportion no target is compared with — a score rate (得分率), a share of cases — as a
    percentage at one decimal, by the same rule: 47.2 / 50 → "94.4%", 18 / 20 → "90%", and never
    a round value it is not, 19.99 / 20 → "99.95%" (not 100.0%). Raises ValueError as
    `percent_figure`."""
    return f"{percent_figure(ratio, RATE_PLACES)}%"


def ratio_as_shown(ratio: Decimal | int) -> str:
    """The ratio itself at the decimals its percentage shows (2 more): 0.9983 → "0.9983",
    0.998349 → "0.9983", 0.99995 → "0.99995", 1 → "1"; what a message writes before the
    percentage, 0.9983（99.83%）, so that the two never disagree."""
    return format(Decimal(percent_figure(ratio)).scaleb(-2).normalize(), "f")
