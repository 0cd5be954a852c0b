"""Exact agreement of an engine's findings with the plain-Python reference, as multisets of
(case_id, rule, entity) tuples: a finding missing, an extra one, or one found twice is a
disagreement."""

from __future__ import annotations

from collections import Counter


class Disagreement(AssertionError):
    """An engine's findings differ from the reference's."""


def check_agreement(engine: str, found: list[tuple], expected: list[tuple], shown: int = 5) -> None:
    """Raise Disagreement, naming the engine, how many findings are missing and extra, and the
    first `shown` of each (sorted), unless `found` equals `expected` as a multiset."""
    found_count, expected_count = Counter(found), Counter(expected)
    missing = sorted((expected_count - found_count).elements())
    extra = sorted((found_count - expected_count).elements())
    if missing or extra:
        raise Disagreement(f"{engine} disagrees with the plain-Python reference: {len(missing)} finding(s) missing "
                           f"{missing[:shown]}, {len(extra)} extra {extra[:shown]} "
                           f"({len(found)} found, {len(expected)} expected)")
