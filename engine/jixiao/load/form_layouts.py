"""Form layouts (rules/forms/layouts/*.yaml): each variant of the self-evaluation form as data.
Every problem is reported at once, with the file and line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..model.forms import (FORM_KINDS, FUNDS_FIELDS, FUNDS_ROWS, GOAL_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS,
                           FormLayout)
from ..model.messages import Message
from ..model.problems import InputError, Problems
from .yaml_source import check_keys, line_of, load_mapping

_KEYS = {"layout", "name", "kind", "signature", "title", "header", "funds", "goals", "indicators", "total",
         "grade_beside_total", "deviation_rows", "notes"}


def load_layouts(directory: Path) -> tuple[FormLayout, ...]:
    """Every layout under `directory` (none when it does not exist). Raises InputError."""
    directory = Path(directory)
    if not directory.is_dir():
        return ()
    problems = Problems()
    layouts = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            layout = _load(path, problems)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if layout is not None:
            layouts.append(layout)
    problems.raise_if_any()
    return tuple(layouts)


def _labels(label, data, key, problems) -> tuple[str, ...]:
    value = data.get(key, [])
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.add(label, Message("layout.labels", {"key": key}), line=line_of(data, key), key=key, found=value)
        return ()
    return tuple(value)


def _fields(label, data, key, allowed, problems, prefix="") -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        problems.add(label, Message("layout.fields", {"key": prefix + key}), line=line_of(data, key), key=prefix + key)
        return {}
    check_keys(label, value, allowed, problems, prefix=f"{prefix}{key}.")
    bad = [k for k, v in value.items() if not isinstance(v, str) or not v]
    for k in bad:
        problems.add(label, Message("layout.label_text"), line=line_of(value, k), key=f"{prefix}{key}.{k}",
                     found=value[k])
    return {k: v for k, v in value.items() if k in allowed and k not in bad}


def _load(path: Path, problems: Problems) -> FormLayout | None:
    label = str(path)
    data = load_mapping(path, _KEYS, Message("yaml.what_layout"), problems)
    if data is None:
        return None
    if data.get("layout") != path.stem:
        problems.add(label, Message("layout.id_is_file_name"), line=line_of(data, "layout"), key="layout",
                     found=data.get("layout"), allowed=path.stem)
    if data.get("kind") not in FORM_KINDS:
        problems.add(label, Message("layout.kind"), line=line_of(data, "kind"), key="kind", found=data.get("kind"),
                     allowed=", ".join(FORM_KINDS))
    funds = data.get("funds", {}) or {}
    rows, weight = {}, None
    if isinstance(funds, dict):
        check_keys(label, funds, {"columns", "rows", "points"}, problems, prefix="funds.")
        raw_rows = funds.get("rows", {}) or {}
        check_keys(label, raw_rows, FUNDS_ROWS, problems, prefix="funds.rows.")
        rows = {k: _labels(label, raw_rows, k, problems) for k in raw_rows if k in FUNDS_ROWS}
        if "points" in funds:
            if isinstance(funds["points"], bool) or not isinstance(funds["points"], (int, float)):
                problems.add(label, Message("layout.points"), line=line_of(funds, "points"),
                             key="funds.points", found=funds["points"])
            else:
                weight = Decimal(str(funds["points"]))
    indicators = data.get("indicators", {})
    columns = _fields(label, indicators, "columns", INDICATOR_FIELDS, problems, "indicators.") \
        if isinstance(indicators, dict) else {}
    if "level3" not in columns or not {"target", "target_value"} & set(columns):
        problems.add(label, Message("layout.indicators"),
                     line=line_of(data, "indicators"), key="indicators.columns")
    return FormLayout(
        id=path.stem, name=str(data.get("name", "")), kind=str(data.get("kind")),
        signature=_labels(label, data, "signature", problems), title=_labels(label, data, "title", problems),
        header=_fields(label, data, "header", HEADER_FIELDS, problems),
        funds_columns=_fields(label, funds, "columns", FUNDS_FIELDS, problems, "funds.") if isinstance(funds, dict) else {},
        funds_rows=rows, funds_weight=weight, goals=_fields(label, data, "goals", GOAL_FIELDS, problems),
        indicator_columns=columns, total=_labels(label, data, "total", problems),
        grade_beside_total=data.get("grade_beside_total") is True,
        deviation_rows=_labels(label, data, "deviation_rows", problems), file=label)
