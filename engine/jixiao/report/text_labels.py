"""The text summary's labels (report/text.py), by language: the Chinese summary keeps its labels
bilingual (中文 English, as evaluators and finance staff read them), the English one
(`--lang en`) English; both are given by labels.get(lang)["text"], with the same keys and
parameters (tests/test_message_registry.py)."""

from __future__ import annotations

TEXT_EN = {
    "scheme": "scheme: {name} ({id})",
    "total": "total: {total} / {max}   grade: {grade}", "provisional": " (provisional)",
    "note": "note: {note}", "reference": "experts' score (report): {total}   grade: {grade}",
    "self_reported": "self-reported (form): {total}   grade: {grade}",
    "integrity": "integrity notes: {n} (no deductions; check these first)",
    "blocks": "  → cannot assess: {leaves}",
    "indicator": "indicator", "weight": "weight", "form_weight": "weight", "score": "score", "deducted": "(* leaf with deductions)",
    "findings": "findings: {n} ({lost} points lost)", "recommendation": "recommendation", "source": "source",
    "evidence": "evidence",
    "requests": "evidence to request: {n} (the indicators concerned cannot be assessed)",
    "gaps": "gaps in the rule set: {n} (the indicators concerned cannot be assessed; for the rule author, not "
            "evidence to request)",
    "normalisation_line": "not applicable: {note}", "waiver_line": "waiver: {waiver}",
    "waived_mark": " waived", "not_deducted": "{waiver}; not deducted",
    "leaves_sep": ", ",
    "form_legend": "(self: the form's own score; recomp: recomputed; gap = self − recomp, none against a score "
                   "not wholly assessed)",
    "form_total": "total", "gap": "gap", "printed_grade": " (the form prints {grade})", "recomputed": "recomp",
    "self_reported_gap": "   gap: {gap}", "self_score": "self",
    "total_none": "total: — (nothing could be assessed, out of {max})   grade: {grade}",
    "total_open": "total: {total} / {assessable} assessable ({open} points cannot be assessed, out of {max})   "
                  "grade: {grade} (provisional)",
    "text_no_cut": "no deduction", "text_unscored": "not scored", "implausible_plain": "implausible facts: {n} (correct them)",
    "text_blocks_none": "  (no indicator is left unassessed by them)",
    "target_total": "target-setting review: not scored (targets and weights, no actual values): no total, no grade",
    "target": "target", "target_weights": "weights in all", "target_findings": "review findings: {n}",
}

TEXT_ZH = {
    "scheme": "评价方案 scheme: {name} ({id})",
    "total": "总分 total: {total} / {max}   等级 grade: {grade}", "provisional": "（暂定 provisional）",
    "total_none": "总分 total: —（各指标均无法评价 nothing could be assessed，满分 out of {max}）   等级 grade: {grade}",
    "total_open": "总分 total: {total} / {assessable} 可评价分值 assessable（另 {open} 分无法评价 cannot be assessed，"
                  "满分 out of {max}）   等级 grade: {grade}（暂定 provisional）",
    "note": "注意 note: {note}", "reference": "专家评分 experts' score (report): {total}   等级 grade: {grade}",
    "self_reported": "自评得分 self-reported (form): {total}   等级 grade: {grade}",
    "printed_grade": "（表中填“{grade}” the form prints {grade}）", "self_reported_gap": "   差额 gap: {gap}",
    "self_score": "自评 self", "recomputed": "复算 recomp", "gap": "差额 gap", "form_total": "总分 total",
    "form_legend": "(自评 self: the form's own score; 复算 recomp: recomputed; 差额 gap = 自评 − 复算, none against "
                   "a score not wholly assessed)",
    "integrity": "数据核对 integrity notes: {n}（不扣分，请先核对 check these first）",
    "blocks": "  → 无法评价 cannot assess: {leaves}",
    "indicator": "指标 indicator", "weight": "权重", "form_weight": "分值", "score": "得分", "deducted": "(* 扣分指标 leaf with deductions)",
    "findings": "发现 findings: {n}（共失分 {lost}）", "recommendation": "建议", "source": "依据", "evidence": "证据",
    "requests": "资料清单 evidence to request: {n}（相关指标无法评价 cannot assess）",
    "gaps": "规则缺口 gaps in the rule set: {n}（相关指标无法评价；由规则作者补充规则，"
            "不需被评价单位提供资料 for the rule author, not evidence to request）",
    "normalisation_line": "不适用 not applicable: {note}", "waiver_line": "豁免 waiver: {waiver}",
    "waived_mark": " 豁免 waived", "not_deducted": "{waiver}；不扣分 not deducted",
    "leaves_sep": "、",
    # deductions as shown, leaves that weigh nothing, facts that cannot be true (bilingual, as the rest)
    "text_no_cut": "未扣分 no deduction", "text_unscored": "不计分 not scored",
    "implausible_plain": "数据不可信 implausible facts: {n}（请核对更正 correct them）",
    "text_blocks_none": "  （均未使指标无法评价 no indicator is left unassessed by them）",
    "target_total": "绩效目标表审核 target-setting review: 不计分（只有指标值和分值，没有实际完成值），无总分和等级 "
                    "not scored: no total, no grade",
    "target": "指标值 target", "target_weights": "分值合计 weights in all", "target_findings": "审核意见 review findings: {n}",
}
