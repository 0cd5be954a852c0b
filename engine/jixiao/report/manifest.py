"""manifest.json: what a result rests on. Its presence marks a results folder as jixiao's
(jixiao.disk.atomic.MARK)."""

from __future__ import annotations

import json

from ..model.results import CheckResult
from ..version import __version__
from .formats import Settings


def render(result: CheckResult, settings: Settings) -> str:
    """jixiao's version, the hash of every rule and fact file, and the files of the case folder
    that were skipped, with why."""
    data = {"jixiao": __version__, "case": result.case.case, "year": result.case.year,
            "scheme": result.scheme.id, "inputs": {kind: dict(files) for kind, files in result.inputs.items()},
            "skipped": result.case.skipped}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
