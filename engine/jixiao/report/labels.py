"""Every label jixiao's outputs show people, Chinese and English, in one place.

`get(lang)` gives the labels of a language ("zh" or "en"): the full report's headings and
sentences, and the notes every output carries (why a total is provisional, the evidence to
request, gaps in the rule set, where a fact stands). Both languages have the same keys
(tests/test_formats.py checks it). Rule texts and fact texts are not here: they are shown as
their authors wrote them.

`FIXED` holds the labels of the outputs that have no language to choose: the text summary, the
working paper, the workbooks, the portfolio's pages and a run's summary lines. They are
bilingual by design (中文 English, one beside the other, as evaluators and finance staff read
them), or English in the lines a run prints as it goes.

Punctuation between a label and the text it introduces (：（）、；) stays in the renderers: it
sits beside authored Chinese text, and the English report keeps the typography it has.
"""

from __future__ import annotations

from .docx_labels import DOCX_EN, DOCX_ZH
from .paper_labels import PAPER_EN, PAPER_ZH
from .shown_labels import SHOWN_EN, SHOWN_FIXED, SHOWN_TEXT_EN, SHOWN_ZH
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
    "yes": "是", "no": "否", "findings_count": "共发现问题 {n} 项，扣分合计 {lost} 分。",
    "reference": "对照：专家组评分为 {total} 分，等级“{grade}”（{source}）。本报告的得分依据评分标准，由基础数据逐项计算。",
    "self_reported": "对照：自评表所填总分为 {total} 分{grade}（{source}）。本报告的得分按表中的年度指标值、实际完成值和分值逐项复算。",
    "self_reported_grade": "，按评价等级标准为“{grade}”", "printed_grade": "（表中填“{grade}”）",
    # The review sheet of a self-evaluation form (report/review.py)
    "review": "复核意见", "review_intro": "逐项对照自评表所填得分与按年度指标值、实际完成值和分值复算的得分；"
    "差额 = 自评得分 − 复算得分（正数表示自评偏高）。",
    "review_columns": ["编号", "指标", "分值", "自评得分", "复算得分", "差额"],
    "review_findings": "复核发现及更正要求", "review_none": "复核未发现问题。", "review_correct": "更正：",
    "review_where": "（位置：{where}）",
    "sentence": "项目总体得分为 **{total}** 分，评价等级为“**{grade}**”。其中{parts}。",
    # a provisional total: out of the points that could be assessed (report/common.py assessable_points)
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
    # The working paper's data (report/workpaper.py)
    "working_gap": "无法评价 cannot assess — 规则缺口, not counted in the total until the rule set covers it",
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
    # What `jixiao new case` and `jixiao next-year` say (authoring/case_files.py)
    "created": "已创建 {path}",
    "new_case_next": "下一步：在 {case} 中填写项目名称（project），在 {workbook} 中填写数据，然后运行 `jixiao check {folder}`",
    "next_year_written": "已写入 {folder}（{year} 年）：",
    "next_year_copied": "  {n} 个文件仍与 {year} 年的完全相同，请逐一更新：{files}",
    "next_year_retitled": "  {file} 第 {line} 行的名称已改为 {year} 年：{text}",
    "next_year_old_line": "  {file} 第 {line} 行仍写着 {year}：{text}",
    "next_year_old_lines": "  {file}：{n} 行仍写着 {year}",
    "next_year_prior": "  上年发现的问题：jixiao {year} 年检查结果中的 {n} 项发现已写入 {file}，请逐项填写整改情况（rectification）",
    "next_year_prior_workbook": "  {file} 中的上年发现问题（prior_findings）仍是复制的旧表：请按 jixiao {year} 年的检查结果替换",
    # The evaluator's sentences (report/prose.py) and the readable working papers (report/readable.py)
    "prose_checked": "评价要点：{what}。", "prose_found": "经核查，", "prose_sep": "；", "prose_clean": "经核查，未发现不符合要求的情况，",
    "prose_cut": "据此扣 {d} 分。", "prose_no_cut": "该问题不扣分。", "prose_full": "得满分 {score} 分。",
    "prose_score": "本指标得 {score} 分（满分 {weight} 分）。", "prose_gap": "{gap}，本指标无法评价，未计入总分。",
    "prose_cannot": "本指标无法评价，未计入总分：{why}。", "full_stop": "。",
    "annex_papers": "附件：指标工作底稿", "annex_provenance": "附件：评价依据和出处",
    "provenance_intro": "本报告的得分和发现依据评价方案 `{scheme}` 及下列规则、基础数据逐项核查得出（jixiao {version}）。",
    "provenance_source": "依据（含转录出处）", "provenance_advice": "建议的出处：", "provenance_advice_item": "建议 {n}：{source}",
    "provenance_files": "所用基础数据文件及其 SHA-256（与 manifest.json 一致）：",
    "wp_fact": "事实（出处）", "wp_fired": "是否扣分", "wp_missing": "（未记录）",
    "wp_names": {"weight": "权重", "count": "个数", "labels": "名单", "label": "名称", "min": "较小值", "max": "较大值",
                 "present": "有值", "missing": "缺失", "abs": "绝对值", "round": "取整"},
    "wp_operators": [(" and ", " 且 "), (" or ", " 或 "), (" not in ", " 不属于 "), (" in ", " 属于 "), ("==", "="),
                     ("!=", "≠"), (">=", "≥"), ("<=", "≤"), (" * ", " × "), (" / ", " ÷ "), (" if ", " 如果 "),
                     (" else ", " 否则 "), ("True", "是"), ("False", "否"), ('"yes"', '"是"'), ('"no"', '"否"'),
                     ('"partial"', '"部分"'), ("'yes'", "'是'"), ("'no'", "'否'"), ("'partial'", "'部分'")],
    "wp_unassessed": "无法评价，未计入总分",
    "wp_working": "得分 = 权重 {weight} − 扣分 {cuts} = {net}，限于 0 至权重之间，四舍五入{rounding}：{score}",
    "wp_more": "另有 {n} 条事实未列出（见基础数据）。",
    # The codes of the tables' coded columns (rules/tables: direction, kind, …) as the working papers show them
    "wp_codes": {"at_least": "≥（正向）", "at_most": "≤（反向）", "equal": "=", "none": "未写方向",
                 "increase": "较上年提高", "decrease": "较上年降低", "quantitative": "定量", "qualitative": "定性",
                 "date": "日期", "blank": "空白", "not_applicable": "不适用", "output": "产出", "benefit": "效益",
                 "satisfaction": "满意度", "outcome": "效果", "other": "其他"},
    "wp_params": "参数（{year}）", "wp_formula": "扣分标准",
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
    "findings_count": "{n} problems found, {lost} points deducted.",
    "self_reported_grade": " ({grade} by the grade bands)", "printed_grade": " (the form prints {grade})",
    "review": "Review of the self-evaluation form", "review_intro": "Each row's score as the form gives it, beside the score recomputed from its targets, actual values and weights; gap = self-reported − recomputed (positive: the form scores itself higher).",
    "review_columns": ["Code", "Indicator", "Weight", "Self-reported", "Recomputed", "Gap"],
    "review_findings": "Review findings and what to correct", "review_none": "The review found nothing to correct.",
    "review_correct": "To correct: ", "review_where": " (where: {where})",
    "self_reported": "For comparison: the form gives itself {total}{grade} ({source}). The scores in this report are "
                     "recomputed from the form's targets, actual values and weights.",
    "reference": "For comparison: the expert panel scored {total} ({grade}) ({source}). "
    "The scores in this report follow from the scoring standards applied to the facts, indicator by indicator.",
    "sentence": "The project scores **{total}** of {max}, grade **{grade}**. {parts}.",
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
    "working_gap": "无法评价 cannot assess — gap in the rule set, not counted in the total until the rule set covers it",
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
    # What `jixiao new case` and `jixiao next-year` say (authoring/case_files.py)
    "created": "created {path}",
    "new_case_next": "next: fill in the project's name (project) in {case} and the data in {workbook}; then run "
                     "`jixiao check {folder}`",
    "next_year_written": "wrote {folder} ({year}):",
    "next_year_copied": "  {n} file(s) still identical to {year}'s, to update one by one: {files}",
    "next_year_retitled": "  {file} line {line}: the title moved on to {year}: {text}",
    "next_year_old_line": "  {file} line {line} still names {year}: {text}",
    "next_year_old_lines": "  {file}: {n} line(s) still name {year}",
    "next_year_prior": "  last year's findings: the {n} finding(s) of jixiao's check of {year} written to {file}; "
                       "fill in each one's rectification",
    "next_year_prior_workbook": "  the prior findings (prior_findings) in {file} are last year's table, copied: replace "
                                "them with the findings of jixiao's check of {year}",
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
    "wp_fact": "Fact (where)", "wp_fired": "Deducted", "wp_missing": "(not recorded)",
    "wp_names": {"weight": "weight", "count": "count", "labels": "labels", "label": "label", "min": "min", "max": "max",
                 "present": "present", "missing": "missing", "abs": "abs", "round": "round"},
    "wp_operators": [(" and ", " and "), (" or ", " or "), (" not in ", " not in "), (" in ", " in "), ("==", "="),
                     ("!=", "≠"), (">=", "≥"), ("<=", "≤"), (" * ", " × "), (" / ", " ÷ "), (" if ", " if "),
                     (" else ", " else "), ("True", "yes"), ("False", "no"), ('"yes"', '"yes"'), ('"no"', '"no"'),
                     ('"partial"', '"partial"'), ("'yes'", "'yes'"), ("'no'", "'no'"), ("'partial'", "'partial'")],
    "wp_unassessed": "not assessed, not counted in the total",
    "wp_working": "score = weight {weight} − deductions {cuts} = {net}, kept within [0, weight], rounded half up "
                  "{rounding}: {score}",
    "wp_more": "{n} more facts not listed (see the facts).",
    "wp_codes": {"at_least": "≥ (higher is better)", "at_most": "≤ (lower is better)", "equal": "=",
                 "none": "no direction written", "increase": "up on last year", "decrease": "down on last year",
                 "quantitative": "quantitative", "qualitative": "qualitative", "date": "date", "blank": "blank",
                 "not_applicable": "not applicable", "output": "output", "benefit": "benefit",
                 "satisfaction": "satisfaction", "outcome": "outcome", "other": "other"},
    "wp_params": "Parameters ({year})", "wp_formula": "Deduction",
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


# Words of the data, not labels: the unit the table schemas give ratios, and a case's default unit of amounts.
DATA_WORDS = {"ratio_unit": "比例", "amount_unit": "万元",
              # the 其中 rows of a self-evaluation form's funds block, as the form names them
              "form_funds_rows": {"current_year": "本年财政拨款", "carry_over": "上年结转资金", "other": "其他资金"}}

FIXED = {
    # Font names as Word shows them (report/docx_style.py, report/figures.py): the East-Asian font of
    # each style, and each one's other names for a machine that lacks it.
    "fonts": {"fangsong": "仿宋", "heiti": "黑体", "kaiti": "楷体", "xiaobiaosong": "方正小标宋简体", "song": "宋体"},
    "font_alt_names": {"仿宋": "FangSong,仿宋_GB2312,FangSong_GB2312,STFangsong,Noto Serif CJK SC",
                       "黑体": "SimHei,STHeiti,Noto Sans CJK SC", "楷体": "KaiTi,楷体_GB2312,STKaiti,Noto Serif CJK SC",
                       "方正小标宋简体": "FZXiaoBiaoSong-B05S,SimSun,宋体,Noto Serif CJK SC",
                       "宋体": "SimSun,STSong,Noto Serif CJK SC"},
    # The text summary's labels are text_labels' (TEXT_ZH, TEXT_EN); its mark of a provisional total is also report.xlsx's
    "provisional": "（暂定 provisional）",
    # The working paper's lines shared with the report's annex (report/workpaper.py); explain's own
    # labels, by language, are paper_labels'
    "implausible_value": "（数据不可信 implausible）", "missing_value": "(missing)",
    "derived_where": "[{table}, from {places}]", "once": "once for the rule", "per_fact": "for {label}",
    "working": "weight {weight} − deductions ({parts}) = {net} → within [0, {weight}], rounded half up{to} → {score}",
    "to_whole": " to whole points 取整", "to_places": " to {places} decimals",  # a scheme's precision: not 2
    "working_missing": "无法评价 cannot assess — not counted in the total until the evidence is provided",
    # report.xlsx and scores.csv (report/xlsx.py, report/scores.py)
    "sheet_scores": "评分表 scores", "sheet_findings": "发现 findings",
    "sheet_review": "复核意见 review",
    "review_columns": ["编号 code", "指标 indicator", "分值 weight", "自评得分 self-reported", "复算得分 recomputed",
                       "差额 gap (self-reported − recomputed)"],
    "review_finding_columns": ["规则 rule", "问题 finding", "更正 what to correct", "依据 source", "位置 where"],
    "score_columns": ["指标 id", "名称 name", "上级 parent", "权重 weight", "得分 score"],
    "finding_columns": ["类型 kind", "规则 rule", "指标 indicator", "扣分 deduction", "问题 finding",
                        "建议 recommendation", "依据 source", "证据 evidence"],
    "total_row": "总分 total", "grade_row": "等级 grade", "note_row": "注意 note", "provisional_cell": "暂定 provisional",
    "provisional_open_cell": "暂定 provisional：{open} 分无法评价 cannot be assessed",
    "assessable_row": "可评价分值 assessable",
    "integrity_source": "数据核对 integrity check ({file})",
    # The portfolio's page and workbook (report/portfolio_pages.py, portfolio/pages.py)
    "portfolio_title": "项目组合评价汇总 portfolio",
    "portfolio_counts": "{cases} 个案例 cases；{failed} 个无法检查 could not be checked。",
    "portfolio_cases": "案例 cases", "sheet_portfolio": "汇总 portfolio", "sheet_overview": "概览 overview",
    "overview_columns": {
        "scheme": "方案 scheme", "cases": "案例 cases", "provisional": "暂定 provisional", "mean": "平均 mean",
        "min": "最低 min", "median": "中位数 median", "max": "最高 max", "grade": "等级 grade", "share": "占比 share",
        "family": "规则类别 family", "kind": "自评表问题类型 kind (review rule)", "cases_with_findings": "有发现的案例 cases with findings",
        "findings": "发现 findings", "case": "案例 case", "year": "年度 year", "self_reported": "自评得分 self-reported",
        "recomputed": "复算得分 recomputed", "gap": "差额 gap (self-reported − recomputed)"},
    "overview_sections": {"by_scheme": "总分 totals by scheme (final totals only)", "grades": "等级分布 grades",
                          "by_family": "发现 findings by rule family",
                          "by_kind": "自评表复核发现 findings on self-evaluation forms, by kind",
                          "largest_gaps": "自评与复算差额最大的自评表 forms with the largest gaps (self-reported − recomputed)"},
    # A run's summary lines (report/summary.py, portfolio/pages.py) and what the command line says (cli/case_commands.py)
    "written": "已写入 written: {files}",
    "outputs_unknown": "unknown output '{name}' / 未知的输出文件类型 '{name}'",
    "outputs_none": "no output named / 未指定输出文件",
    "outputs_allowed": "; allowed / 可选: {allowed}",
    "outputs_close": "; did you mean '{name}'? / 是否为 '{name}'？",
    "removed": "已删除 removed {files}, which `jixiao report` had made from the previous results; run it again to "
               "make them from these", "skipped": "已跳过 skipped {n} file(s), not fact files:",
    "case_line_findings": "{n} findings", "case_line_unassessed": ", {n} cannot assess",
    "row_error": "{folder}: ERROR {error}", "run_cases": "{n} cases:",
    "batch_counts": "{n} cases: {checked} checked, {failed} could not be checked",
    "run_error": "ERROR: {n} problem(s), see below",
    "overview_spread": "total mean {mean}, min {min}, median {median}, max {max}",
    "overview_no_final": "no final totals",
    "overview_scheme": "{scheme}: {cases} cases ({provisional} provisional); {spread}; {grades}",
    "overview_families": "cases with findings, by rule family: {families}",
    "overview_kinds": "self-evaluation forms with findings, by kind: {kinds}",
    "overview_gaps": "self-evaluation forms, largest gaps (self-reported − recomputed): {gaps}",
    "overview_gap": "{case} {year} {gap} ({self_reported} vs {recomputed})",
    # The evaluation team's judgement in the outputs without a language (text, working paper, workbook, scores.csv)
    "working_adjusted": " → {adjustment} → {score}",
    "raw_total_row": "适用指标合计（折算前）raw total",
    "judged_columns": ["折算得分 normalised", "说明 note"], "na_row": "不适用 not applicable",
}

ZH.update(SHOWN_ZH)
EN.update(SHOWN_EN)
FIXED.update(SHOWN_FIXED)
TEXT_ZH = {**TEXT_ZH, **{key: SHOWN_FIXED[key] for key in SHOWN_TEXT_EN}}  # the Chinese summary's are bilingual
TEXT_EN = {**TEXT_EN, **SHOWN_TEXT_EN}
ZH["text"], EN["text"] = TEXT_ZH, TEXT_EN
ZH["paper"], EN["paper"] = PAPER_ZH, PAPER_EN
