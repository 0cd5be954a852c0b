"""Labels for deductions as shown (at the scheme's precision, adding up), leaves that weigh
nothing (不计分), provisional years and the year-over-year table; merged into jixiao.report.labels
(kept apart from it so that moves of the other labels merge cleanly)."""

SHOWN_ZH = {
    "unscored": "不计分", "unscored_weight": "—", "cut_unscored": "不计分", "annex_cut": "{d}", "annex_no_cut": "未扣分", "d_comma": "，",
    "chart_provisional_note": "{years} 年总分为暂定（部分指标无法评价），未绘入图中。",
    "integrity_blocks_none": "这些数据未使任何指标无法评价，各指标照常评分。",
    "integrity_blocks_some": "因这些数据，指标 {leaves} 无法评价、未计入总分，其余指标照常评分。",
    "integrity_intro_plain": "以下 {n} 处基础数据前后不一致（每处至少有一项有误），请核对原始资料：",
    "implausible_intro_plain": "以下 {n} 处数据不可能成立，请核对更正：",
    "d_integrity_pointer_plain": "基础数据核对发现 {n} 处数据前后不一致或不可信（不扣分），详见附件 4。{blocks}",
    "scheme_basis": "评价方案《{scheme}》{leaf} {name}",
    "provenance_advice_sep": "；",
    "rounding_whole": "取整", "rounding_places": "保留{places}位小数", "place_words": ["零", "一", "两", "三", "四"],  # a scheme's precision
    # scores.csv's columns (the `total` and `raw_total` rows keep their codes in 指标代码)
    "csv_columns": ["指标代码", "指标名称", "级次", "上级指标", "权重", "得分", "扣分", "暂定", "计算得分", "折算得分", "说明"],
}
SHOWN_EN = {
    "unscored": "not scored", "unscored_weight": "—", "cut_unscored": "not scored", "annex_cut": "{d}",
    "annex_no_cut": "no deduction", "d_comma": "，",
    "chart_provisional_note": "The totals of {years} are provisional (some indicators could not be assessed) and are "
                              "not drawn.",
    "integrity_blocks_none": "No indicator is left unassessed by them: every indicator is scored as usual.",
    "integrity_blocks_some": "Because of them, {leaves} cannot be assessed and are left out of the total; the "
                             "other indicators are scored as usual.",
    "integrity_intro_plain": "{n} places where the facts disagree with each other (in each, at least one is wrong). "
                             "Please check the source documents:",
    "implausible_intro_plain": "{n} facts cannot be true. Please correct them:",
    "d_integrity_pointer_plain": "{n} places where the facts disagree or cannot be true (no deduction), see annex 4. "
                                 "{blocks}",
    "scheme_basis": "the evaluation scheme {scheme}, {leaf} {name}",
    "provenance_advice_sep": "; ",
    "rounding_whole": "to whole points", "rounding_places": "to {places} places", "place_words": ["0", "1", "2", "3", "4"],
    "csv_columns": ["id", "name", "level", "parent", "weight", "score", "deductions", "provisional", "computed",
                    "normalised", "note"],
}
SHOWN_FIXED = {  # the bilingual outputs (text summary, working paper, workbook)
    "text_no_cut": "未扣分 no deduction", "text_unscored": "不计分 not scored",
    "implausible_plain": "数据不可信 implausible facts: {n}（请核对更正 correct them）",
    "text_blocks_none": "  （均未使指标无法评价 no indicator is left unassessed by them）",
    # report.xlsx's 类型 column: findings.json's `kind` as people read it (a deduction only for 扣分)
    "kind_names": {"integrity": "数据核对 integrity", "implausible": "数据不可信 implausible",
                   "cannot_assess": "无法评价 cannot assess", "rule_gap": "规则缺口 rule gap",
                   "deduction": "扣分 deduction", "waived": "豁免 waived", "rectified": "已整改 rectified"},
}
SHOWN_TEXT_EN = {"text_no_cut": "no deduction", "text_unscored": "not scored",
                 "implausible_plain": "implausible facts: {n} (correct them)",
                 "text_blocks_none": "  (no indicator is left unassessed by them)"}
