"""Every label jixiao's outputs show people, Chinese and English, in one place.

`get(lang)` gives the labels of a language ("zh" or "en"): the full report's headings and
sentences, and the notes every output carries (why a total is provisional, the evidence to
request, gaps in the rule set, where a fact stands). Both languages have the same keys
(tests/test_formats.py checks it). Rule texts and fact texts are not here: they are shown as
their authors wrote them.

Each language's pairs kept in modules of their own for size are reached from here: report.docx's
(docx_labels, merged into ZH / EN), the text summary's (text_labels: t["text"]), explain's
(paper_labels: t["paper"]) and a run over many cases' (portfolio_labels: t["portfolio"]).
`FIXED` (fixed_labels) holds the labels of the outputs that have no language to choose: the
workbooks' and the text summary's bilingual headings (中文 English, one beside the other, as
evaluators and finance staff read them), Word's font names, and what a run says beside the
files it writes. DATA_WORDS (data_labels) are words of the data jixiao writes, not labels.

Punctuation between a label and the text it introduces (：（）、；) stays in the renderers: it
sits beside authored Chinese text, and the English report keeps the typography it has.
"""

from __future__ import annotations

from .case_file_labels import CASE_FILES_EN, CASE_FILES_ZH
from .data_labels import DATA_WORDS  # noqa: F401  (the words of the data: labels.DATA_WORDS as before)
from .docx_labels import DOCX_EN, DOCX_ZH
from .fixed_labels import FIXED  # noqa: F401  (labels.FIXED: the outputs without a language)
from .paper_labels import PAPER_EN, PAPER_ZH
from .portfolio_labels import PORTFOLIO_EN, PORTFOLIO_ZH
from .text_labels import TEXT_EN, TEXT_ZH

ZH = {
    "lang": "zh",
    # The full report (report/markdown.py)
    "title": "{project} 绩效评价报告", "generated": "评价年度 {year}；评价方案《{scheme}》。", "integrity": "数据核对（不扣分）",
    "summary": "摘要", "conclusion": "一、评价结论", "analysis": "二、具体绩效分析",
    "problems": "三、存在的问题", "advice": "四、建议和改进措施", "requests": "五、资料清单（需补充的证据）",
    "requests_intro": "以下资料缺失，相关指标无法评价，补充后重新评价：", "annex": "附件：发现及证据",
    "gaps": "{n}、规则缺口（由规则作者补充）", "numbers": ["五", "六"],
    "gaps_intro": "以下指标在该年度（或其中的时段）没有在用的规则，无法评价。这是规则集的缺口：由规则作者补充规则"
                  "或核对规则的有效期，不需被评价单位提供资料。", "gap": "规则缺口",
    "requests_intro_implausible": "以下资料缺失或数据不可信，相关指标无法评价，补充或更正后重新评价：",
    "blocks": "无法评价：{leaves}",
    "levels": ["一级指标", "二级指标", "三级指标", "四级指标"], "weight": "权重", "score": "得分",
    "total": "合计", "grade": "等级", "provisional": "（暂定）", "provisional_open": "（暂定；{open} 分无法评价）",
    "no_problems": "未发现问题。", "none": "无。", "cut": "扣 {d} 分",
    "no_cut": "未扣分", "basis": "依据", "evidence": "证据", "params": "参数", "for": "针对", "from": "来源",
    "rule": "规则", "fact": "事实", "compared": "比较的值", "fired": "触发", "condition": "条件", "deductions": "扣分",
    "working": "得分计算", "period": "有效期（{year} 年内只判断 {column} 在此期间的事实）", "outside": "有效期外",
    "yes": "是", "no": "否",
    "findings_count": {"one": "共发现问题 {n} 项，扣分合计 {lost} 分。", "other": "共发现问题 {n} 项，扣分合计 {lost} 分。"},
    "reference": "对照：专家组评分为 {total} 分，等级“{grade}”（{source}）。本报告的得分依据评分标准，由基础数据逐项计算。",
    "self_reported": "对照：自评表所填总分为 {total} 分{grade}（{source}）。本报告的得分按表中的年度指标值、实际完成值和分值逐项复算。",
    "self_reported_grade": "，按评价等级标准为“{grade}”", "printed_grade": "（表中填“{grade}”）",
    # The review sheet of a self-evaluation form (report/review.py)
    "review": "复核意见", "review_intro": "逐项对照自评表所填得分与按年度指标值、实际完成值和分值复算的得分；"
    "差额 = 自评得分 − 复算得分（正数表示自评偏高）。",
    "review_columns": ["编号", "指标", "分值", "自评得分", "复算得分", "差额"],
    "review_findings": "复核发现及更正要求", "review_none": "复核未发现问题。", "review_correct": "更正：",
    "review_where": "（位置：{where}）",
    # a target-setting form (绩效目标表): reviewed, not scored (report/review.py)
    "target_review": "绩效目标表审核意见",
    "target_intro": "本表为绩效目标表：只有指标值和分值，没有实际完成值，不计分、不评级。以下逐项列出指标值和分值，"
    "审核意见说明目标设置中需要更正之处。",
    "target_columns": ["编号", "指标", "分值", "指标值"], "target_total": "分值合计",
    "target_line": "绩效目标表审核：不计分，无总分和等级；审核意见 {n} 条。",
    "target_conclusion": "本表为绩效目标表，只有指标值和分值，没有实际完成值：只审核目标设置，不计分，无总分和等级。",
    "target_findings_count": {"one": "共提出审核意见 {n} 条。", "other": "共提出审核意见 {n} 条。"},
    "target_findings": "审核意见及更正要求",
    "sentence": "项目总体得分为 **{total}** 分{out_of}，评价等级为“**{grade}**”。其中{parts}。",
    "out_of": "（满分 {max} 分）",
    # a provisional total: out of the points that could be assessed (report/common.py assessable_points)
    "sentence_none": "各指标均无法评价，未得出总分（满分 {max} 分），评价等级为“**{grade}**”。其中{parts}。",
    "sentence_open": "项目可评价的 {assessable} 分中得 **{total}** 分，另有 {open} 分无法评价（满分 {max} 分），"
                     "总分暂定；评价等级暂定为“**{grade}**”。其中{parts}。",
    "part": "{name}类指标得 {score} 分，得分率为 {rate}", "sep": "；",
    "part_open": "{name}类指标已评价部分得 {score} 分（另有 {open} 分无法评价，得分率待定）",
    "part_none": "{name}类指标无法评价",
    "part_unscored": "{name}权重为 0", "prose_unscored": "该指标不计分（权重为 0）。",
    "previous_unused": "{year} 年的资料未使用：{why}。本年发现的问题无法与上年比对。",
    "rectification": "上年问题整改情况（{before} 年 → {now} 年）", "indicator": "指标",
    "finding_before": "问题", "status": "状态",
    "statuses": {"rectified": "已整改", "repeated": "仍存在（上年已发现）", "new": "新发现",
                 "unassessed_before": "上年未评价，无法比对", "unassessed_now": "本年无法评价，是否整改待定",
                 "not_compared": "无法与上年比对（上年资料未使用）"},
    "history_summary": "上表共 {total} 项：{parts}。", "history_sep": "；",
    "history_parts": {"rectified": "上年发现的问题已整改 {n} 项", "repeated": "上年发现的问题仍存在 {n} 项",
                      "unassessed_now": "上年发现的问题本年无法评价、是否整改待定 {n} 项",
                      "new": "本年新发现 {n} 项",
                      "unassessed_before": "本年发现、所属指标上年未评价（上年资料不足）因而无法比对 {n} 项",
                      "not_compared": "本年发现、上年资料未使用因而无法比对 {n} 项"},
    "chart_rates": "一级指标得分率", "chart_years": "历年总分", "chart_alt": "{title}：{words}",
    # Notes every output carries (report/common.py)
    "cannot_assess": "无法评价",
    "place": "{file} 第 {lines} 行", "place_lines": "{file} 第 {lines} 行", "runs_sep": "、", "places_sep": "；",
    "place_cells": "{file} {cells}",
    "note_where": "{message}（{where}）", "notes_sep": "；",
    "implausible_reason": "数据不可信，请核对更正：{notes}",
    "provisional_note": "{parts}无法评价，未计入总分；总分和等级待{until}后确定",
    "provisional_part": "{n} 项指标（{points} 分）因{why}", "provisional_parts_sep": "、",
    "provisional_why": {"missing": "资料不全", "implausible": "数据不可信", "gap": "规则缺口"},
    # What the total waits for, by the reasons present (in the order missing, implausible, gap).
    "provisional_until": {
        ("missing",): "补充资料", ("implausible",): "核对更正数据", ("gap",): "规则补充",
        ("missing", "implausible"): "补充资料、核对更正数据", ("missing", "gap"): "补充资料和规则",
        ("implausible", "gap"): "补充规则、核对更正数据", ("missing", "implausible", "gap"): "补充资料和规则、核对更正数据"},
    "gap_text": "{year} 年{when}没有在用的规则（{where} {listed}）", "gap_whole_year": "全年",
    "gap_periods": " {periods} ", "gap_periods_sep": "、", "gap_listed": "列出 {rules}", "gap_none_listed": "未列出规则",
    "gap_rule": "{rule}：{start} – {end}", "gap_rule_open": "{rule}：{start} 起", "gap_rules_sep": "、",
    "gap_advice": "由规则作者补充适用于该时段的规则，或核对规则的有效期；不需被评价单位提供资料",
    # The working paper's lines shared by explain and the report's annex (report/workpaper.py)
    "working_gap": "无法评价（规则缺口），规则补充前不计入总分", "working_missing": "无法评价（缺少资料），补充资料前不计入总分",
    "wp_implausible_value": "（数据不可信）", "wp_missing_value": "（缺失）", "wp_derived_where": "[{table}，来自 {places}]",
    "wp_once": "整条规则扣一次", "wp_per_fact": "针对 {label}", "wp_deduction_line": "{formula} = {deduction}（{scope}{waived}）",
    "wp_leaf_working": "权重 {weight} − 扣分（{parts}）= {net} → 限于 0 至 {weight} 之间，四舍五入{to} → {score}",
    "wp_to_whole": "取整", "wp_to_places": "保留 {places} 位小数", "wp_adjusted": " → {adjustment} → {score}",
    # findings.json's texts (report/json.py)
    "integrity_advice": "核对原始资料，更正录入错误或说明差异原因后重新评价。",
    "implausible_advice": "核对原始资料，更正录入错误后重新评价；读取该数据的指标在此之前无法评价。",
    "cannot_assess_implausible": "无法评价：数据不可信——{notes}", "correct": "请核对更正：{notes}",
    "cannot_assess_missing": "无法评价：缺少{request}", "provide": "请提供：{request}",
    "gap_finding": "规则缺口：{gap}",
    # The evaluation team's judgement: not applicable, adjustments, waivers (report/common.py, report/markdown.py)
    "not_applicable": "不适用", "na_reason": "{reason}（依据：{evidence}）", "na_children": "下级指标均不适用",
    "na_note": "不适用：{why}", "ids_sep": "、",
    "normalisation": {"rescale": "按百分制折算", "redistribute": "权重按比例分配给同级指标"},
    "normalisation_note": "{n} 项指标不适用（{ids}，共 {weight} 分），不计入总分；适用指标得分 {raw} / {applicable}，"
                          "{how}后总分 {total} / {max}，等级按折算后总分确定",
    "adjusted": "（调整）", "adjustment": "评价组调整 {given}：{reason}（{by}，{date}）", "adjustment_to": "定为 {score}",
    "adjusted_note": "{adjustment}；计算得分 {computed}", "row_notes_sep": "；",
    "waiver": "豁免：{approver} 批准，{reason}（至 {expires}）",
    "waiver_expired": "已过期，未豁免：{approver} 批准，{reason}（至 {expires}）",
    "waiver_text": "规则 {rule} {waiver}", "waived_note": "规则 {rule} {waiver}，不扣 {d} 分",
    "normalised": "折算得分", "note": "说明", "raw_total": "适用指标合计（折算前）",
    "waived_cut": "豁免，不扣分（本应扣 {d} 分）", "waivers": "规则豁免：{waivers}。", "waivers_sep": "；",
    "part_na": "{name}类指标不适用",
    # ... and in the working paper's computation (report/workpaper.py)
    "working_na": "不适用 — {why}；不计入总分，总分按适用指标折算", "working_waived": "（豁免，本应扣 {d}）",
    "working_normalised": " → 折算为权重 {weight}：{score}", "deduction_waived": "；豁免，不扣分：{waiver}",
    # What a check says on stderr beside its results (report/summary.py)
    "case_not_checked": "{n} 个问题，该案例未评价：",
    "unchanged_files": "{folder}：{n} 个文件与上年（{year} 年）的完全相同，是否尚未更新？{files}",
    "unchanged_sheets": "{folder}：{n} 个工作表的数据与上年（{year} 年）的逐行相同，是否尚未更新？{sheets}",
    # The evaluator's sentences (report/prose.py) and the readable working papers (report/readable.py)
    "prose_checked": "评价要点：{what}。", "prose_found": "经核查，", "prose_sep": "；", "prose_clean": "经核查，未发现不符合要求的情况，",
    "prose_cut": "据此扣 {d} 分。", "prose_no_cut": "该问题不扣分。", "prose_full": "得满分 {score} 分。",
    "prose_score": "本指标得 {score} 分（满分 {weight} 分）。", "prose_gap": "{gap}，本指标无法评价，未计入总分。",
    "prose_cannot": "本指标无法评价，未计入总分：{why}。", "full_stop": "。",
    "annex_papers": "附件：指标工作底稿", "annex_provenance": "附件：评价依据和出处",
    "provenance_intro": "本报告的得分和发现依据评价方案 `{scheme}` 及下列规则、基础数据逐项核查得出（jixiao {version}）。",
    "provenance_source": "依据（含转录出处）", "provenance_advice": "建议的出处：", "provenance_advice_item": "建议 {n}：{source}",
    "provenance_files": "所用基础数据文件及其 SHA-256（与 manifest.json 一致）：",
    "wp_fact": "事实（出处）", "wp_label_sep": "，", "wp_fired": "是否扣分", "wp_found": "是否发现问题", "wp_missing": "（未记录）",
    "wp_names": {"weight": "权重", "count": "个数", "labels": "名单", "label": "名称", "min": "较小值", "max": "较大值",
                 "present": "有值", "missing": "缺失", "abs": "绝对值", "round": "取整"},
    "wp_operators": [(" and ", " 且 "), (" or ", " 或 "), (" not in ", " 不属于 "), (" in ", " 属于 "), ("==", "="),
                     ("!=", "≠"), (">=", "≥"), ("<=", "≤"), (" * ", " × "), (" / ", " ÷ "), (" if ", " 如果 "),
                     (" else ", " 否则 "), ("True", "是"), ("False", "否"), ('"yes"', '"是"'), ('"no"', '"否"'),
                     ('"partial"', '"部分"'), ("'yes'", "'是'"), ("'no'", "'否'"), ("'partial'", "'部分'")],
    "wp_unassessed": "无法评价，未计入总分", "wp_unscored": "不计分（权重为 0）：审核意见说明需要更正之处。",
    "wp_working": "得分 = 权重 {weight} − 扣分 {cuts} = {net}，限于 0 至权重之间，四舍五入{rounding}：{score}",
    "wp_more": {"one": "另有 {n} 条事实未列出（见基础数据）。", "other": "另有 {n} 条事实未列出（见基础数据）。"},
    # The codes of the tables' coded columns (rules/tables: direction, kind, …) as the working papers show them
    "wp_codes": {"at_least": "≥（正向）", "at_most": "≤（反向）", "above": ">（正向，不含本数）", "below": "<（反向，不含本数）", "equal": "=", "none": "未写方向",
                 "increase": "较上年提高", "decrease": "较上年降低", "quantitative": "定量", "qualitative": "定性",
                 "date": "日期", "blank": "空白", "not_applicable": "不适用", "output": "产出", "benefit": "效益",
                 "satisfaction": "满意度", "outcome": "效果", "other": "其他"},
    "wp_params": "参数（{year}）", "wp_formula": "扣分标准",
    # Deductions as shown (at the scheme's precision, adding up), leaves that weigh nothing (不计分), provisional
    # years, notes naming the leaves they block, each case's own basis, scores.csv's columns
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

EN = {
    "lang": "en",
    "title": "{project}: performance evaluation report", "generated": "Year evaluated: {year}; scheme "
    "《{scheme}》.", "integrity": "Integrity of the facts (no deductions)",
    "summary": "Summary", "conclusion": "1. Conclusion",
    "analysis": "2. Analysis by indicator", "problems": "3. Problems found", "advice": "4. Recommendations",
    "requests": "5. Evidence to request", "requests_intro": "These facts are missing; the indicators that need "
    "them could not be assessed:", "annex": "Annex: findings and evidence",
    "gaps": "{n}. Gaps in the rule set (for the rule author)", "numbers": ["5", "6"],
    "gaps_intro": "No rule is in force for these indicators in the case year (or part of it), so they could "
                  "not be assessed. The rule set must be completed or its dates checked; the audited unit has "
                  "nothing to provide.", "gap": "Gap in the rule set",
    "requests_intro_implausible": "These facts are missing or cannot be true; the indicators that need them "
    "could not be assessed:",
    "blocks": "cannot assess: {leaves}",
    "levels": ["Level 1", "Level 2", "Level 3", "Level 4"], "weight": "Weight", "score": "Score",
    "total": "Total", "grade": "Grade", "provisional": " (provisional)",
    "provisional_open": " (provisional; {open} points cannot be assessed)", "no_problems": "No problems found.", "none": "None.",
    "cut": "−{d}", "no_cut": "no deduction", "basis": "Source", "evidence": "Evidence", "params": "Parameters",
    "for": "for", "from": "source", "rule": "Rule", "fact": "Fact", "compared": "Values compared", "fired": "Fired",
    "condition": "Condition", "deductions": "Deductions", "working": "Score",
    "period": "In force (in {year}, judges only the facts whose {column} is in this period)",
    "outside": "outside its period", "yes": "yes", "no": "no",
    "findings_count": {"one": "{n} problem found, {lost} points deducted.",
                       "other": "{n} problems found, {lost} points deducted."},
    "self_reported_grade": " ({grade} by the grade bands)", "printed_grade": " (the form prints {grade})",
    "review": "Review of the self-evaluation form", "review_intro": "Each row's score as the form gives it, beside the score recomputed from its targets, actual values and weights; gap = self-reported − recomputed (positive: the form scores itself higher).",
    "review_columns": ["Code", "Indicator", "Weight", "Self-reported", "Recomputed", "Gap"],
    "review_findings": "Review findings and what to correct", "review_none": "The review found nothing to correct.",
    "review_correct": "To correct: ", "review_where": " (where: {where})",
    "target_review": "Review of the target-setting form",
    "target_intro": "This is a target-setting form: targets and weights, no actual values, so nothing is scored and "
    "there is no grade. Each row's target and weight follow; the review findings say what to correct in the targets.",
    "target_columns": ["Code", "Indicator", "Weight", "Target"], "target_total": "Weights in all",
    "target_line": "Target-setting review: not scored, no total and no grade; {n} review finding(s).",
    "target_conclusion": "This is a target-setting form: targets and weights, no actual values. Its targets are "
    "reviewed; nothing is scored, and there is no total and no grade.",
    "target_findings_count": {"one": "{n} review finding.", "other": "{n} review findings."},
    "target_findings": "Review findings and what to correct",
    "self_reported": "For comparison: the form gives itself {total}{grade} ({source}). The scores in this report are "
                     "recomputed from the form's targets, actual values and weights.",
    "reference": "For comparison: the expert panel scored {total} ({grade}) ({source}). "
    "The scores in this report follow from the scoring standards applied to the facts, indicator by indicator.",
    "sentence": "The project scores **{total}** of {max}, grade **{grade}**. {parts}.", "out_of": " of {max}",
    "sentence_none": "No indicator could be assessed: there is no total (out of {max}); grade **{grade}**. {parts}.",
    "sentence_open": "The project scores **{total}** of the {assessable} points that could be assessed; {open} more "
                     "cannot be assessed (out of {max}), so the total is provisional; grade so far **{grade}**. {parts}.",
    "part": "{name}: {score} ({rate})", "sep": "; ",
    "part_open": "{name}: {score} on what could be assessed ({open} points not assessable, rate open)",
    "part_none": "{name}: not assessable",
    "part_unscored": "{name}: weight 0", "prose_unscored": "Not scored (weight 0).",
    "previous_unused": "Last year's folder ({year}) was not used: {why}. This year's findings cannot be compared "
                       "with last year's.",
    "rectification": "Last year's findings ({before} → {now})", "indicator": "Indicator",
    "finding_before": "Finding", "status": "Status",
    "statuses": {"rectified": "rectified", "repeated": "repeated", "new": "new",
                 "unassessed_before": "not assessed last year, not compared",
                 "unassessed_now": "not assessable this year, rectification open",
                 "not_compared": "not compared (last year's folder not used)"},
    "history_summary": "The table lists {total}: {parts}.", "history_sep": "; ",
    "history_parts": {"rectified": "{n} of last year's findings rectified", "repeated": "{n} repeated",
                      "unassessed_now": "{n} of last year's not assessable this year (rectification open)",
                      "new": "{n} new this year",
                      "unassessed_before": "{n} found this year on indicators not assessed last year (not compared)",
                      "not_compared": "{n} found this year, not compared (last year's folder not used)"},
    "chart_rates": "Score rate by first-level indicator", "chart_years": "Total by year",
    "chart_alt": "{title}: {words}",
    "cannot_assess": "cannot assess",
    "place": "{file} line {lines}", "place_lines": "{file} lines {lines}", "runs_sep": ", ", "places_sep": "; ",
    "place_cells": "{file} {cells}",
    "note_where": "{message} ({where})", "notes_sep": "; ",
    "implausible_reason": "Facts that cannot be true, to be corrected: {notes}",
    "provisional_note": "Not assessed and not counted in the total: {parts}; the total and grade are final only "
                        "once {until}",
    "provisional_part": "{n} indicator(s) worth {points} points {why}", "provisional_parts_sep": ", ",
    "provisional_why": {"missing": "for want of evidence", "implausible": "whose facts cannot be true",
                        "gap": "for a gap in the rule set"},
    "provisional_until": {
        ("missing",): "the evidence is provided", ("implausible",): "the facts are corrected",
        ("gap",): "the rule set is completed",
        ("missing", "implausible"): "the evidence is provided and the facts corrected",
        ("missing", "gap"): "the evidence and the rules are provided",
        ("implausible", "gap"): "the rules are provided and the facts corrected",
        ("missing", "implausible", "gap"): "the evidence and the rules are provided and the facts corrected"},
    "gap_text": "{year}: no rule in force {when} ({where} {listed})", "gap_whole_year": "in the whole year",
    "gap_periods": "during {periods}", "gap_periods_sep": ", ", "gap_listed": "lists {rules}",
    "gap_none_listed": "lists no rule", "gap_rule": "{rule}: {start} – {end}", "gap_rule_open": "{rule}: from {start}",
    "gap_rules_sep": ", ",
    "gap_advice": "For the rule author: add a rule in force for this period, or check the rules' dates; the "
                  "audited unit has nothing to provide",
    "working_gap": "cannot assess — gap in the rule set, not counted in the total until the rule set covers it",
    "working_missing": "cannot assess — not counted in the total until the evidence is provided",
    "wp_implausible_value": " (implausible)", "wp_missing_value": "(missing)", "wp_derived_where": "[{table}, from {places}]",
    "wp_once": "once for the rule", "wp_per_fact": "for {label}", "wp_deduction_line": "{formula} = {deduction} ({scope}{waived})",
    "wp_leaf_working": "weight {weight} − deductions ({parts}) = {net} → within [0, {weight}], rounded half up{to} → {score}",
    "wp_to_whole": " to whole points", "wp_to_places": " to {places} decimals", "wp_adjusted": " → {adjustment} → {score}",
    "integrity_advice": "Check the source documents; correct the entry, or explain the difference, and evaluate again.",
    "implausible_advice": "Check the source documents, correct the entry and evaluate again; until then the "
                          "indicators that read it cannot be assessed.",
    "cannot_assess_implausible": "Cannot assess: facts that cannot be true — {notes}",
    "correct": "Please correct: {notes}",
    "cannot_assess_missing": "Cannot assess: missing {request}", "provide": "Please provide: {request}",
    "gap_finding": "Gap in the rule set: {gap}",
    # The evaluation team's judgement
    "not_applicable": "not applicable", "na_reason": "{reason} (evidence: {evidence})",
    "na_children": "none of its indicators applies", "na_note": "Not applicable: {why}", "ids_sep": ", ",
    "normalisation": {"rescale": "rescaled to the maximum",
                      "redistribute": "their weight shared among their siblings in proportion"},
    "normalisation_note": "{n} indicator(s) not applicable ({ids}, {weight} points), not counted; the applicable "
                          "indicators score {raw} of {applicable}, {how}: total {total} of {max}, graded on it",
    "adjusted": " (adjusted)", "adjustment": "Adjusted by the evaluation team {given}: {reason} ({by}, {date})",
    "adjustment_to": "to {score}", "adjusted_note": "{adjustment}; computed score {computed}", "row_notes_sep": "; ",
    "waiver": "Waived: approved by {approver}, {reason} (until {expires})",
    "waiver_expired": "Expired, not waived: approved by {approver}, {reason} (until {expires})",
    "waiver_text": "Rule {rule}: {waiver}", "waived_note": "Rule {rule}: {waiver}; {d} not deducted",
    "normalised": "Normalised", "note": "Note", "raw_total": "Applicable indicators (before normalising)",
    "waived_cut": "waived, no deduction (would be −{d})", "waivers": "Waived rules: {waivers}.", "waivers_sep": "; ",
    "part_na": "{name}: not applicable",
    "working_na": "not applicable — {why}; not counted in the total, which is normalised",
    "working_waived": " (waived: {d})", "working_normalised": " → normalised to weight {weight}: {score}",
    "deduction_waived": "; waived, not deducted: {waiver}",
    # What a check says on stderr beside its results (report/summary.py)
    "case_not_checked": "{n} problem(s); this case was not checked:",
    "unchanged_files": "{folder}: {n} file(s) byte-identical to last year's ({year}), not updated yet? {files}",
    "unchanged_sheets": "{folder}: {n} sheet(s) holding last year's ({year}) rows, row for row, not updated yet? {sheets}",
    "prose_checked": "Checked: {what}. ", "prose_found": "Found: ", "prose_sep": "; ", "prose_clean": "No shortcoming was found; ",
    "prose_cut": " Deduction: {d}.", "prose_no_cut": " No deduction for this.", "prose_full": "full marks, {score}.",
    "prose_score": " Score: {score} of {weight}.", "prose_gap": "{gap}; not assessed, not counted in the total. ",
    "prose_cannot": "Not assessed, not counted in the total: {why}. ", "full_stop": ".",
    "annex_papers": "Annex: working papers", "annex_provenance": "Annex: sources and provenance",
    "provenance_intro": "The scores and findings follow from scheme `{scheme}`, the rules below and the facts, "
                        "checked indicator by indicator (jixiao {version}).",
    "provenance_source": "Source (and where it was transcribed from)", "provenance_advice": "Sources of the recommendations:",
    "provenance_advice_item": "Recommendation {n}: {source}",
    "provenance_files": "The fact files used, with their SHA-256 (as in manifest.json):",
    "wp_fact": "Fact (where)", "wp_label_sep": ", ", "wp_fired": "Deducted", "wp_found": "Problem found", "wp_missing": "(not recorded)",
    "wp_names": {"weight": "weight", "count": "count", "labels": "labels", "label": "label", "min": "min", "max": "max",
                 "present": "present", "missing": "missing", "abs": "abs", "round": "round"},
    "wp_operators": [(" and ", " and "), (" or ", " or "), (" not in ", " not in "), (" in ", " in "), ("==", "="),
                     ("!=", "≠"), (">=", "≥"), ("<=", "≤"), (" * ", " × "), (" / ", " ÷ "), (" if ", " if "),
                     (" else ", " else "), ("True", "yes"), ("False", "no"), ('"yes"', '"yes"'), ('"no"', '"no"'),
                     ('"partial"', '"partial"'), ("'yes'", "'yes'"), ("'no'", "'no'"), ("'partial'", "'partial'")],
    "wp_unassessed": "not assessed, not counted in the total",
    "wp_unscored": "not scored (weight 0): the findings say what to correct.",
    "wp_working": "score = weight {weight} − deductions {cuts} = {net}, kept within [0, weight], rounded half up "
                  "{rounding}: {score}",
    "wp_more": {"one": "{n} more fact not listed (see the facts).", "other": "{n} more facts not listed (see the facts)."},
    "wp_codes": {"at_least": "≥ (higher is better)", "at_most": "≤ (lower is better)", "above": "> (strictly more)", "below": "< (strictly less)", "equal": "=",
                 "none": "no direction written", "increase": "up on last year", "decrease": "down on last year",
                 "quantitative": "quantitative", "qualitative": "qualitative", "date": "date", "blank": "blank",
                 "not_applicable": "not applicable", "output": "output", "benefit": "benefit",
                 "satisfaction": "satisfaction", "outcome": "outcome", "other": "other"},
    "wp_params": "Parameters ({year})", "wp_formula": "Deduction",
    # Deductions as shown (at the scheme's precision, adding up), leaves that weigh nothing (不计分), provisional
    # years, notes naming the leaves they block, each case's own basis, scores.csv's columns
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

ZH.update(DOCX_ZH)  # report.docx's own labels, kept in their module for size
EN.update(DOCX_EN)

LANGUAGES = {"zh": ZH, "en": EN}


def get(lang: str = "zh") -> dict:
    """The labels of a language, "zh" or "en". Raises KeyError for another."""
    try:
        return LANGUAGES[lang]
    except KeyError:
        raise KeyError(f"no labels for language '{lang}'; known: {', '.join(LANGUAGES)}") from None



ZH["text"], EN["text"] = TEXT_ZH, TEXT_EN
ZH["case_files"], EN["case_files"] = CASE_FILES_ZH, CASE_FILES_EN
ZH["paper"], EN["paper"] = PAPER_ZH, PAPER_EN
ZH["portfolio"], EN["portfolio"] = PORTFOLIO_ZH, PORTFOLIO_EN


def counted(label, n: int) -> str:
    """A label that counts ({"one": …, "other": …}: 1 case, 2 cases) in its form for `n`; any
    other label as it is."""
    return (label["one"] if n == 1 else label["other"]) if isinstance(label, dict) else label
