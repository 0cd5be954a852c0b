"""The machine-readable result: exactly the keys case, year, scheme, total, provisional, grade,
indicators and findings (see README)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from ..check import Result


def _number(value: Decimal | None, places: str = "0.01") -> float | None:
    return None if value is None else float(value.quantize(Decimal(places), ROUND_HALF_UP))


def to_dict(result: Result) -> dict:
    statuses = {h.fingerprint: h.status for h in result.history}
    return {
        "case": result.case.case,
        "year": result.case.year,
        "scheme": result.scheme.id,
        "total": _number(result.scores.total),
        "provisional": result.scores.provisional,  # some indicator could not be assessed: total and grade wait
        "grade": result.scores.grade,
        "indicators": [
            {"id": row.id, "name": row.name, "weight": _number(row.weight), "score": _number(row.score),
             "parent": row.parent, "assessed": row.assessed}
            for row in result.scores.rows
        ],
        # Integrity notes on the facts come first; they deduct nothing.
        "findings": [*(_integrity(note, result) for note in result.integrity),
                     *(_cannot_assess(rule, result) for rule in result.cannot_assess),
                     *(_unruled(leaf, result) for leaf in result.unruled), *(
            {"rule": f.rule, "indicator": f.indicator,
             # Exact deductions feed the scores; shown here to 4 decimals.
             "deduction": _number(f.deduction, "0.0001"), "text": f.text,
             "recommendation": f.recommendation, "source": f.source, "evidence": list(f.evidence),
             "kind": "deduction", "fingerprint": f.fingerprint, "status": statuses.get(f.fingerprint, "new")}
            for f in result.findings),
            *(_rectified(item) for item in result.history if item.status == "rectified")],
    }


INTEGRITY_ADVICE = "核对原始资料，更正录入错误或说明差异原因后重新评价。"


def _integrity(note, result: Result) -> dict:
    schema_file = f"rules/tables/{note.table}.yaml"
    return {"rule": f"integrity:{note.check}", "indicator": None, "deduction": 0.0, "text": note.message,
            "recommendation": INTEGRITY_ADVICE, "source": f"数据核对 integrity check ({schema_file})",
            "evidence": note.evidence(), "kind": "integrity"}


def _cannot_assess(rule, result: Result) -> dict:
    return {"rule": rule.id, "indicator": rule.indicator, "deduction": None,
            "text": f"无法评价：缺少{rule.request}", "recommendation": f"请提供：{rule.request}",
            "source": rule.citation, "evidence": [], "kind": "cannot_assess"}


def _rectified(item) -> dict:
    return {"rule": item.rule, "indicator": item.indicator, "deduction": 0.0, "text": item.last_year,
            "recommendation": "", "source": "", "evidence": [], "kind": "rectified", "fingerprint": item.fingerprint,
            "status": "rectified"}


def _unruled(leaf: str, result: Result) -> dict:
    text = f"该年度（{result.case.year}）没有适用于此指标的规则"
    return {"rule": None, "indicator": leaf, "deduction": None, "text": f"无法评价：{text}",
            "recommendation": "核对规则的有效期，或补充适用于该年度的规则", "source": result.scheme.file,
            "evidence": [], "kind": "cannot_assess"}


def render(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
