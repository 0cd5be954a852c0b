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

ZH = {
    "lang": "zh",
    # The full report (report/markdown.py)
    "title": "{project} 绩效评价报告", "generated": "案例 `{case}`，年度 {year}；评价方案《{scheme}》（`{id}`）。"
    "本报告由 jixiao 根据规则和事实生成。", "integrity": "数据核对（不扣分）",
    "integrity_intro": "以下 {n} 处基础数据前后不一致（每处至少有一项有误）：读取这些数据的指标无法评价、未计入总分，"
                       "其余指标不受影响。请核对原始资料：",
    "summary": "摘要", "conclusion": "一、评价结论", "analysis": "二、具体绩效分析",
    "problems": "三、存在的问题", "advice": "四、建议和改进措施", "requests": "五、资料清单（需补充的证据）",
    "requests_intro": "以下资料缺失，相关指标无法评价，补充后重新评价：", "annex": "附件：发现及证据",
    "gaps": "{n}、规则缺口（由规则作者补充）", "numbers": ["五", "六"],
    "gaps_intro": "以下指标在该年度（或其中的时段）没有在用的规则，无法评价。这是规则集的缺口：由规则作者补充规则"
                  "或核对规则的有效期，不需被评价单位提供资料。", "gap": "规则缺口",
    "requests_intro_implausible": "以下资料缺失或数据不可信，相关指标无法评价，补充或更正后重新评价：",
    "implausible_intro": "以下 {n} 处数据不可能成立，读取它们的指标无法评价、未计入总分，请核对更正：",
    "blocks": "无法评价：{leaves}",
    "levels": ["一级指标", "二级指标", "三级指标", "四级指标"], "weight": "权重", "score": "得分",
    "total": "合计", "provisional": "（暂定）", "no_problems": "未发现问题。", "none": "无。", "cut": "扣 {d} 分",
    "no_cut": "未扣分", "basis": "依据", "evidence": "证据", "params": "参数", "for": "针对", "from": "来源",
    "rule": "规则", "fact": "事实", "compared": "比较的值", "fired": "触发", "condition": "条件", "deductions": "扣分",
    "working": "得分计算", "period": "有效期（{year} 年内只判断 {column} 在此期间的事实）", "outside": "有效期外",
    "yes": "是", "no": "否", "findings_count": "共发现问题 {n} 项，扣分合计 {lost} 分。",
    "reference": "对照：评价报告中专家组评分为 {total} 分，等级“{grade}”（{source}）。上表得分由 jixiao 根据规则和事实计算。",
    "self_reported": "对照：自评表所填总分为 {total} 分{grade}（{source}）。上表得分由 jixiao 按表中的年度指标值、实际完成值和分值复算。",
    "self_reported_grade": "，等级“{grade}”",
    "sentence": "项目总体得分为 **{total}** 分，评价等级为“**{grade}**”。其中{parts}。",
    "part": "{name}类指标得 {score} 分，得分率为 {rate}", "sep": "；",
    "part_open": "{name}类指标已评价部分得 {score} 分（另有 {open} 分无法评价，得分率待定）",
    "part_none": "{name}类指标无法评价",
    "previous_unused": "{year} 年的资料未使用：{why}。本年发现的问题无法与上年比对。",
    "rectification": "上年问题整改情况（{before} 年 → {now} 年）", "indicator": "指标",
    "finding_before": "问题", "status": "状态",
    "statuses": {"rectified": "已整改", "repeated": "仍存在（上年已发现）", "new": "新发现",
                 "unassessed_before": "新发现（上年无法评价）", "unassessed_now": "本年无法评价，无法比对",
                 "not_compared": "无法与上年比对（上年资料未使用）"},
    "rectification_summary": "上年发现的问题中，已整改 {rectified} 项、仍存在 {repeated} 项；本年新发现 {new} 项，"
                             "另有 {unassessed_before} 项上年资料不足、无法比对。",
    "not_compared_summary": "本年 {n} 项发现无法与上年比对。",
    "unassessed_now_summary": "上年发现的问题中另有 {n} 项本年无法评价（资料不全或数据不可信），是否整改待定。",
    "chart_rates": "一级指标得分率", "chart_years": "历年总分",
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
}

EN = {
    "lang": "en",
    "title": "{project}: performance evaluation report", "generated": "Case `{case}`, year {year}; scheme "
    "《{scheme}》 (`{id}`). Generated by jixiao from rules and facts.", "integrity": "Integrity of the facts (no deductions)",
    "integrity_intro": "{n} places where the facts disagree with each other (in each, at least one is wrong); the "
    "indicators that read them could not be assessed and are not counted in the total, the others are "
    "unaffected. Please check the source documents:", "summary": "Summary", "conclusion": "1. Conclusion",
    "analysis": "2. Analysis by indicator", "problems": "3. Problems found", "advice": "4. Recommendations",
    "requests": "5. Evidence to request", "requests_intro": "These facts are missing; the indicators that need "
    "them could not be assessed:", "annex": "Annex: findings and evidence",
    "gaps": "{n}. Gaps in the rule set (for the rule author)", "numbers": ["5", "6"],
    "gaps_intro": "No rule is in force for these indicators in the case year (or part of it), so they could "
                  "not be assessed. The rule set must be completed or its dates checked; the audited unit has "
                  "nothing to provide.", "gap": "Gap in the rule set",
    "requests_intro_implausible": "These facts are missing or cannot be true; the indicators that need them "
    "could not be assessed:",
    "implausible_intro": "{n} facts cannot be true; the indicators that read them could not be assessed and are "
    "not counted in the total. Please correct them:", "blocks": "cannot assess: {leaves}",
    "levels": ["Level 1", "Level 2", "Level 3", "Level 4"], "weight": "Weight", "score": "Score",
    "total": "Total", "provisional": " (provisional)", "no_problems": "No problems found.", "none": "None.",
    "cut": "−{d}", "no_cut": "no deduction", "basis": "Source", "evidence": "Evidence", "params": "Parameters",
    "for": "for", "from": "source", "rule": "Rule", "fact": "Fact", "compared": "Values compared", "fired": "Fired",
    "condition": "Condition", "deductions": "Deductions", "working": "Score",
    "period": "In force (in {year}, judges only the facts whose {column} is in this period)",
    "outside": "outside its period", "yes": "yes", "no": "no",
    "findings_count": "{n} problems found, {lost} points deducted.",
    "self_reported_grade": " ({grade})",
    "self_reported": "For comparison: the form gives itself {total}{grade} ({source}). The scores above are jixiao's, "
                     "recomputed from the form's targets, actual values and weights.",
    "reference": "For comparison: the evaluation report's expert panel scored {total} ({grade}) ({source}). "
    "The scores above are computed by jixiao from rules and facts.",
    "sentence": "The project scores **{total}** of {max}, grade **{grade}**. {parts}.",
    "part": "{name}: {score} ({rate})", "sep": "; ",
    "part_open": "{name}: {score} on what could be assessed ({open} points not assessable, rate open)",
    "part_none": "{name}: not assessable",
    "previous_unused": "Last year's folder ({year}) was not used: {why}. This year's findings cannot be compared "
                       "with last year's.",
    "rectification": "Last year's findings ({before} → {now})", "indicator": "Indicator",
    "finding_before": "Finding", "status": "Status",
    "statuses": {"rectified": "rectified", "repeated": "repeated", "new": "new",
                 "unassessed_before": "new (not assessable last year)",
                 "unassessed_now": "not assessable this year, not compared",
                 "not_compared": "not compared (last year's folder not used)"},
    "rectification_summary": "Of last year's findings, {rectified} rectified and {repeated} repeated; {new} new "
                             "this year, and {unassessed_before} that last year's facts could not assess.",
    "not_compared_summary": "{n} of this year's findings cannot be compared with last year's.",
    "unassessed_now_summary": " {n} of last year's findings could not be assessed this year (facts missing or "
                              "implausible): whether they were rectified is open.",
    "chart_rates": "Score rate by first-level indicator", "chart_years": "Total by year",
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
}

LANGUAGES = {"zh": ZH, "en": EN}


def get(lang: str = "zh") -> dict:
    """The labels of a language, "zh" or "en". Raises KeyError for another."""
    try:
        return LANGUAGES[lang]
    except KeyError:
        raise KeyError(f"no labels for language '{lang}'; known: {', '.join(LANGUAGES)}") from None


FIXED = {
    # The text summary (report/text.py)
    "scheme": "评价方案 scheme: {name} ({id})",
    "total": "总分 total: {total} / {max}   等级 grade: {grade}", "provisional": "（暂定 provisional）",
    "note": "注意 note: {note}", "reference": "专家评分 experts' score (report): {total}   等级 grade: {grade}",
    "self_reported": "自评得分 self-reported (form): {total}   等级 grade: {grade}",
    "integrity": "数据核对 integrity notes: {n}（不扣分，请先核对 check these first）",
    "implausible": "数据不可信 implausible facts: {n}（读取它们的指标无法评价 the indicators that read them cannot be assessed）",
    "blocks": "  → 无法评价 cannot assess: {leaves}",
    "indicator": "指标 indicator", "weight": "权重", "score": "得分", "deducted": "(* 扣分指标 leaf with deductions)",
    "findings": "发现 findings: {n}（共失分 {lost}）", "recommendation": "建议", "source": "依据", "evidence": "证据",
    "requests": "资料清单 evidence to request: {n}（相关指标无法评价 cannot assess）",
    "gaps": "规则缺口 gaps in the rule set: {n}（相关指标无法评价；由规则作者补充规则，"
            "不需被评价单位提供资料 for the rule author, not evidence to request）",
    # The working paper (report/explain.py, report/workpaper.py)
    "paper": "指标工作底稿 working paper — {case} {year}, 评价方案 {scheme}",
    "paper_leaf": "{id} {name}  权重 weight {weight} → 得分 score {score}",
    "paper_gap": "规则缺口 gap in the rule set: {gap}", "paper_rule": "规则 rule {id}: {title}",
    "paper_source": "依据 source: {citation}", "paper_in_force": "有效期 in force: {start} – {end}",
    "paper_condition": "条件 condition ({table}): {source}",
    "paper_joined_condition": "条件 condition — 多表联合 rows of several tables, joined on equal values:",
    "paper_any_row": " (any row 任一行)", "paper_own_table": "（本规则的事实 the rule's own table）",
    "paper_alias_absent": "{alias}: 不存在 no row of {table}{where}, joined as below",
    "paper_alias": "{alias}: 一行 a row of {table}{where}{own}", "paper_join": "连接 join: {join}",
    "paper_joined": "联合匹配 joined matches: {n}", "paper_params": "参数 params ({year}): {values}",
    "paper_period": "仅适用于 judges only facts with {column} in {period}（{year} 年内的部分有效期）",
    "paper_fired": "触发 fired: {n} of {count} facts", "paper_not_fired": "未触发 did not fire: {n} of {count} facts",
    "paper_implausible": "无法评价 cannot assess: it reads facts that cannot be true",
    "paper_cannot": "无法评价 cannot assess: no fact satisfies requires: {needed}", "paper_any": "some fact of {table}",
    "paper_request": "请提供 evidence to request: {request}",
    "paper_outside": "  (outside the rule's period 不在有效期内)", "paper_more": "… {n} more facts",
    "paper_deduction": "扣分 deduction: {working}", "paper_score": "得分 score: {working}",
    "implausible_value": "（数据不可信 implausible）", "missing_value": "(missing)",
    "derived_where": "[{table}, from {places}]", "once": "once for the rule", "per_fact": "for {label}",
    "working": "weight {weight} − deductions ({parts}) = {net} → within [0, {weight}], rounded half up{to} → {score}",
    "to_whole": " to whole points 取整", "to_places": " to {places} decimals",  # a scheme's precision: not 2
    "working_missing": "无法评价 cannot assess — not counted in the total until the evidence is provided",
    # report.xlsx and scores.csv (report/xlsx.py, report/scores.py)
    "sheet_scores": "评分表 scores", "sheet_findings": "发现 findings",
    "score_columns": ["指标 id", "名称 name", "上级 parent", "权重 weight", "得分 score"],
    "finding_columns": ["类型 kind", "规则 rule", "指标 indicator", "扣分 deduction", "问题 finding",
                        "建议 recommendation", "依据 source", "证据 evidence"],
    "total_row": "总分 total", "grade_row": "等级 grade", "note_row": "注意 note", "provisional_cell": "暂定 provisional",
    "integrity_source": "数据核对 integrity check ({file})",
    # The portfolio's page and workbook (report/portfolio_pages.py, portfolio/pages.py)
    "portfolio_title": "项目组合评价汇总 portfolio",
    "portfolio_counts": "{cases} 个案例 cases；{failed} 个无法检查 could not be checked。",
    "portfolio_cases": "案例 cases", "sheet_portfolio": "汇总 portfolio", "sheet_overview": "概览 overview",
    "overview_columns": {
        "scheme": "方案 scheme", "cases": "案例 cases", "provisional": "暂定 provisional", "mean": "平均 mean",
        "min": "最低 min", "median": "中位数 median", "max": "最高 max", "grade": "等级 grade", "share": "占比 share",
        "family": "规则类别 family", "cases_with_findings": "有发现的案例 cases with findings",
        "findings": "发现 findings"},
    "overview_sections": {"by_scheme": "总分 totals by scheme (final totals only)", "grades": "等级分布 grades",
                          "by_family": "发现 findings by rule family"},
    # A run's summary lines (report/summary.py, portfolio/pages.py) and what the command line says (cli/case_commands.py)
    "written": "已写入 written: {files}",
    "removed": "已删除 removed {files}, which `jixiao report` had made from the previous results; run it again to "
               "make them from these", "skipped": "已跳过 skipped {n} file(s), not fact files:",
    "case_line_findings": "{n} findings", "case_line_unassessed": ", {n} cannot assess",
    "row_error": "{folder}: ERROR {error}", "run_cases": "{n} cases:",
    "run_error": "ERROR: {n} problem(s), see below",
    "overview_spread": "total mean {mean}, min {min}, median {median}, max {max}",
    "overview_no_final": "no final totals",
    "overview_scheme": "{scheme}: {cases} cases ({provisional} provisional); {spread}; {grades}",
    "overview_families": "cases with findings, by rule family: {families}",
}
