"""manifest.json: what a result rests on. Its presence marks a results folder as jixiao's
(jixiao.disk.atomic.MARK)."""

from __future__ import annotations

import json

from ..model.results import CheckResult
from ..version import __version__
from .formats import Settings


def manifest(result: CheckResult) -> dict:
    """What the result rests on: jixiao's version, the hash of every rule and fact file, and the
    files of the case folder that were skipped, with why in Chinese (manifest.json; the list of
    the files written is added as they are written: jixiao.disk.atomic)."""
    return {"jixiao": __version__, "case": result.case.case, "year": result.case.year,
            "scheme": result.scheme.id, "inputs": {kind: dict(files) for kind, files in result.inputs.items()},
            "skipped": {name: why.render("zh") for name, why in result.case.skipped.items()}}


def render(result: CheckResult, settings: Settings) -> str:
    """manifest.json's content as `--format manifest` prints it (without the written files)."""
    return json.dumps(manifest(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
