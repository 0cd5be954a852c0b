"""The machine-readable result: exactly the keys case, year, scheme, total, grade,
indicators and findings (see README)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from ..check import Result


def _number(value: Decimal, places: str = "0.01") -> float:
    return float(value.quantize(Decimal(places), ROUND_HALF_UP))


def to_dict(result: Result) -> dict:
    return {
        "case": result.case.case,
        "year": result.case.year,
        "scheme": result.scheme.id,
        "total": _number(result.scores.total),
        "grade": result.scores.grade,
        "indicators": [
            {"id": row.id, "name": row.name, "weight": _number(row.weight), "score": _number(row.score),
             "parent": row.parent}
            for row in result.scores.rows
        ],
        # Integrity notes on the facts come first; they deduct nothing.
        "findings": [*(_integrity(note, result) for note in result.integrity), *(
            {"rule": f.rule, "indicator": f.indicator,
             # Exact deductions feed the scores; shown here to 4 decimals.
             "deduction": _number(f.deduction, "0.0001"), "text": f.text,
             "recommendation": f.recommendation, "source": f.source, "evidence": list(f.evidence),
             "kind": "deduction"}
            for f in result.findings)],
    }


INTEGRITY_ADVICE = "核对原始资料，更正录入错误或说明差异原因后重新评价。"


def _integrity(note, result: Result) -> dict:
    schema_file = f"rules/tables/{note.table}.yaml"
    return {"rule": f"integrity:{note.check}", "indicator": None, "deduction": 0.0, "text": note.message,
            "recommendation": INTEGRITY_ADVICE, "source": f"数据核对 integrity check ({schema_file})",
            "evidence": note.evidence(), "kind": "integrity"}


def render(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
