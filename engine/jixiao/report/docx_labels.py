"""The labels of report.docx (report/docx*.py), Chinese and English, by key: part of
jixiao.report.labels' ZH and EN (merged there), kept in a module of their own so that each stays
small."""

DOCX_ZH = {
    "cover_title": "财政项目支出绩效评价报告", "cover_missing": "（未提供）",
    "cover_fields": [["project", "项目名称"], ["unit", "项目单位"], ["department", "主管部门"],
                     ["commissioned_by", "委托单位"], ["evaluator", "评价机构"]],
    "toc": "目  录", "toc_hint": "（打开文件后按 F9 或右键“更新域”，生成目录和页码）",
    "d_summary": "摘要", "d_overview": "（一）概述", "d_conclusion_short": "（二）评价结论",
    "d_findings_short": "（三）存在的问题和建议",
    "d_s1": "一、项目基本情况", "d_s1_1": "（一）概况", "d_s1_1_1": "1. 项目概况", "d_s1_1_2": "2. 预算资金及使用情况",
    "d_s1_2": "（二）绩效目标",
    "d_s2": "二、绩效评价工作情况", "d_s2_1": "（一）绩效评价目的", "d_s2_2": "（二）评价指标体系",
    "d_s2_3": "（三）评价方法", "d_s2_4": "（四）评价等级",
    "d_s3": "三、评价结论和绩效分析", "d_s3_1": "（一）评价结论", "d_s3_2": "（二）具体绩效分析",
    "d_s3_review": "（二）自评表复核意见", "d_s3_2_after_review": "（三）具体绩效分析",
    "d_review_caption": "表 3-2 {project}自评得分与复算得分对照表",
    "d_s3_target": "（二）绩效目标表审核意见", "d_target_caption": "表 3-2 {project}绩效目标表指标值与分值",
    "d_s4": "四、主要绩效及做法、存在的问题和建议", "d_s4_1": "（一）主要绩效及做法", "d_s4_2": "（二）存在的问题",
    "d_s4_3": "（三）建议和改进措施", "d_s5": "五、附件",
    "d_annex_system": "附件 1：绩效评价指标体系表", "d_annex_papers": "附件 2：指标工作底稿",
    "d_annex_requests": "附件 3：资料清单", "d_annex_integrity": "附件 4：数据核对", "d_annex_provenance": "附件 5：评价依据和出处",
    "d_profile": "{project}{unit}{department}。本次评价年度为 {year} 年。", "d_profile_unit": "由{unit}实施",
    "d_profile_department": "，主管部门为{department}",
    "d_budget_intro": "本项目预算构成如下表所示（单位：{unit}）：", "d_budget_columns": ["序号", "资金分类", "金额"],
    "d_budget_total": "合计", "d_budget_none": "基础数据中未提供预算构成。",
    "d_execution": "项目预算合计 {budget} {unit}，实际支出 {spent} {unit}，预算执行率为 {rate}。",
    "d_targets_intro": "项目设定的绩效目标如下：", "d_targets_none": "基础数据中未提供绩效目标。",
    "d_method_no_tables": "未提供",
    "d_purpose": "为了解{project}的绩效情况，加强资金使用和管理的规范性，提升资金使用效益，{by}{commissioned}对该项目进行绩效评价。",
    "d_purpose_by": "{evaluator}", "d_purpose_for": "接受{commissioned_by}委托，",
    "d_system": "本次评价采用《{scheme}》。指标体系共 {levels} 级，一级指标 {roots} 项（{names}），末级指标 {leaves} 项，"
                "满分 {max} 分。各末级指标的评价要点和评分标准见附件 1。",
    "d_method": "评价小组对照项目的管理办法、合同和绩效目标，逐项核查项目资料和基础数据（{tables}）；各末级指标按评分标准扣分，"
                "得分四舍五入{rounding}后逐级汇总。资料不全、数据前后不一致或不可信的指标不予评分，列入资料清单，总分相应注明“暂定”。",
    "d_target_system": "本次审核采用《{scheme}》，对象为项目的绩效目标表（{rows} 项指标，各有指标值和分值）。",
    "d_target_method": "评价小组对照《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）和"
                       "《项目支出绩效评价管理办法》（财预〔2020〕10号），逐项审核指标值是否可衡量、是否写明方向和计量单位，"
                       "产出指标是否涵盖数量、质量、时效和成本，分值是否与一级指标小计和总分一致，年度是否与本表一致；"
                       "表中没有实际完成值，不计分。",
    "d_target_grades": "本表为绩效目标表，不计分，不评定等级。",
    "d_grades": "评价等级按总分划分：{bands}。", "d_band": "{name}（{low} 分及以上{high}）", "d_band_high": "、低于 {high} 分",
    "d_band_sep": "；",
    "d_table_caption": "表 3-1 {project}绩效评价指标得分表", "d_weight": "权重", "d_score": "得分", "d_total": "合计",
    "d_good_intro": "经核查，以下指标未发现问题，得满分：", "d_good_part": "{name}类：{leaves}。",
    "d_good_none": "各项指标均有扣分。", "d_good_unscored": "本表为绩效目标表，不计分：各指标不扣分、不计得分，审核意见见下文。",
    "d_rec_for": "（针对 {about}）",
    "d_system_columns": ["指标", "权重", "评价要点", "评分标准"], "d_system_none": "无在用规则",
    "d_paper_columns": ["指标", "核查的事实（出处）", "扣分及得分"], "d_paper_fact": "{where}：{values}",
    "d_paper_fired": "（扣分）", "d_paper_found": "（发现问题）", "d_review_condition": "发现问题的条件：{condition}", "d_paper_full": "未扣分，得满分 {score} 分。", "d_count": "项数", "d_times": "{indicator}（{n} 项）", "d_paper_kept": "{working}，按评分规则计 {score} 分", "d_paper_condition": "扣分条件：{condition}", "d_paper_formula": "扣分标准：{formula}",
    "d_paper_deduction": "扣分：{working}", "d_paper_working": "得分：{working}", "d_paper_unscored": "不计分（权重为 0）：审核意见说明需要更正之处。", "d_paper_cannot": "无法评价：{why}",
    "d_requests_none": "无：各指标所需资料齐全。", "d_integrity_none": "各基础数据之间未发现不一致。",
    "d_chart_missing": "（本机未找到中文字体，图表未生成：请安装 fonts-noto-cjk 后重新生成报告。）",
    "d_figure": "图 {n} {title}", "d_file": "文件", "d_date": "{y} 年 {m} 月 {d} 日",
    "d_clean_sep": "；",
    "d_other_files": "另有规则、方案和表结构文件（{counts} 个），其 SHA-256 见 manifest.json。",
}

DOCX_EN = {
    "cover_title": "Performance evaluation report of a fiscal project", "cover_missing": "(not given)",
    "cover_fields": [["project", "Project"], ["unit", "Implementing unit"], ["department", "Supervising department"],
                     ["commissioned_by", "Commissioned by"], ["evaluator", "Evaluator"]],
    "toc": "Contents", "toc_hint": "(press F9 or right-click, Update Field, to build the contents and page numbers)",
    "d_summary": "Summary", "d_overview": "(1) Overview", "d_conclusion_short": "(2) Conclusion",
    "d_findings_short": "(3) Problems and recommendations",
    "d_s1": "1. The project", "d_s1_1": "(1) Overview", "d_s1_1_1": "1. The project", "d_s1_1_2": "2. Budget and its use",
    "d_s1_2": "(2) Performance targets",
    "d_s2": "2. The evaluation", "d_s2_1": "(1) Purpose", "d_s2_2": "(2) Indicator system", "d_s2_3": "(3) Method",
    "d_s2_4": "(4) Grades",
    "d_s3": "3. Conclusion and analysis", "d_s3_1": "(1) Conclusion", "d_s3_2": "(2) Analysis by indicator",
    "d_s3_review": "(2) Review of the self-evaluation form", "d_s3_2_after_review": "(3) Analysis by indicator",
    "d_review_caption": "Table 3-2 Self-reported and recomputed scores of {project}",
    "d_s3_target": "(2) Review of the target-setting form", "d_target_caption": "Table 3-2 Targets and weights of {project}",
    "d_s4": "4. Achievements, problems and recommendations", "d_s4_1": "(1) Achievements", "d_s4_2": "(2) Problems",
    "d_s4_3": "(3) Recommendations", "d_s5": "5. Annexes",
    "d_annex_system": "Annex 1: indicator system", "d_annex_papers": "Annex 2: working papers",
    "d_annex_requests": "Annex 3: evidence to request", "d_annex_integrity": "Annex 4: integrity of the facts",
    "d_annex_provenance": "Annex 5: sources and provenance",
    "d_profile": "{project}{unit}{department}. Year evaluated: {year}.", "d_profile_unit": " is implemented by {unit}",
    "d_profile_department": ", supervised by {department}",
    "d_budget_intro": "The budget ({unit}):", "d_budget_columns": ["No.", "Item", "Amount"], "d_budget_total": "Total",
    "d_budget_none": "The facts give no budget.",
    "d_execution": "Budget {budget} {unit}, spent {spent} {unit}: execution rate {rate}.",
    "d_targets_intro": "The project's performance targets:", "d_targets_none": "The facts give no performance targets.",
    "d_method_no_tables": "none given",
    "d_purpose": "To learn how {project} performed and to improve the management and use of its funds, the project was "
                 "evaluated{by}{commissioned}.",
    "d_purpose_by": " by {evaluator}", "d_purpose_for": ", commissioned by {commissioned_by}",
    "d_system": "The evaluation uses 《{scheme}》: {levels} levels, {roots} first-level indicators ({names}), {leaves} "
                "leaf indicators, {max} points. Annex 1 gives each leaf's checks and scoring standard.",
    "d_method": "The evaluators checked the project's documents and facts ({tables}) against its management rules, "
                "contracts and targets; each leaf is scored by its standard, rounded half up {rounding}, and summed. "
                "An indicator whose facts are missing, disagree or cannot be true is not scored: it is listed as "
                "evidence to request and the total is marked provisional.",
    "d_target_system": "The review uses 《{scheme}》 on the project's target-setting form ({rows} indicators, "
                       "each with its target and weight).",
    "d_target_method": "The evaluators reviewed each target against the Ministry of Finance's guidance on setting "
                       "targets (Caiyu [2021] No. 101) and its evaluation rules (Caiyu [2020] No. 10): whether it can be "
                       "measured, states its direction and unit, whether the outputs cover quantity, quality, time "
                       "and cost, whether the weights add up to the first-level subtotals and the total, and whether "
                       "the year is the form's. The form holds no actual values: nothing is scored.",
    "d_target_grades": "This is a target-setting form: it is not scored and not graded.",
    "d_grades": "Grades by total: {bands}.", "d_band": "{name} (from {low}{high})", "d_band_high": ", below {high}",
    "d_band_sep": "; ",
    "d_table_caption": "Table 3-1 Scores of {project}", "d_weight": "Weight", "d_score": "Score", "d_total": "Total",
    "d_good_intro": "These indicators were found without shortcomings, at full marks:",
    "d_good_part": "{name}: {leaves}.", "d_good_none": "Every indicator has a deduction.",
    "d_good_unscored": "A target-setting form is not scored: no indicator loses or keeps points; the review findings "
                       "follow.", "d_rec_for": " (for {about})",
    "d_system_columns": ["Indicator", "Weight", "Checks", "Scoring standard"], "d_system_none": "no rule in force",
    "d_paper_columns": ["Indicator", "Facts checked (where)", "Deductions and score"], "d_paper_fact": "{where}: {values}",
    "d_paper_fired": " (deducted)", "d_paper_found": " (problem found)", "d_review_condition": "Finds a problem when: {condition}", "d_paper_full": "No deduction: full marks, {score}.", "d_count": "Count", "d_times": "{indicator} ({n})", "d_paper_kept": "{working}; scored {score}", "d_paper_condition": "Deducts when: {condition}",
    "d_paper_formula": "Deduction: {formula}", "d_paper_deduction": "Deducted: {working}",
    "d_paper_working": "Score: {working}", "d_paper_unscored": "Not scored (weight 0): the findings say what to correct.", "d_paper_cannot": "Cannot assess: {why}",
    "d_requests_none": "None: the evidence every indicator needs is there.",
    "d_integrity_none": "The facts agree with each other.",
    "d_chart_missing": "(No CJK font on this machine: charts not drawn. Install fonts-noto-cjk and render again.)",
    "d_figure": "Figure {n} {title}", "d_file": "File", "d_date": "{y}-{m:02d}-{d:02d}",
    "d_clean_sep": "; ",
    "d_other_files": "The SHA-256 of the rule, scheme and table files ({counts}) are in manifest.json.",
}
