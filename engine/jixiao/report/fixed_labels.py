"""The labels of the outputs that have no language to choose (labels.FIXED): the working
papers' and the workbooks' bilingual headings (中文 English, one beside the other, as evaluators
and finance staff read them), Word's font names, and what a run says beside the files it writes.
The outputs with a language take theirs from labels.ZH / labels.EN (get(lang))."""

from __future__ import annotations

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
    # report.xlsx and scores.csv (report/xlsx.py, report/scores.py)
    "sheet_scores": "评分表 scores", "sheet_findings": "发现 findings",
    "sheet_review": "复核意见 review",
    "review_columns": ["编号 code", "指标 indicator", "分值 weight", "自评得分 self-reported", "复算得分 recomputed",
                       "差额 gap (self-reported − recomputed)"],
    "target_columns": ["编号 code", "指标 indicator", "分值 weight", "指标值 target"],
    "target_total": "分值合计 weights in all",
    "review_finding_columns": ["规则 rule", "问题 finding", "更正 what to correct", "依据 source", "位置 where"],
    "score_columns": ["指标 id", "名称 name", "上级 parent", "权重 weight", "得分 score"],
    "finding_columns": ["类型 kind", "规则 rule", "指标 indicator", "扣分 deduction", "问题 finding",
                        "建议 recommendation", "依据 source", "证据 evidence"],
    "total_row": "总分 total", "grade_row": "等级 grade", "note_row": "注意 note", "provisional_cell": "暂定 provisional",
    "provisional_open_cell": "暂定 provisional：{open} 分无法评价 cannot be assessed",
    "assessable_row": "可评价分值 assessable",
    "integrity_source": "数据核对 integrity check ({file})",
    # What a run says beside its files (report/summary.py, cli/case_commands.py); its summary lines are
    # portfolio_labels' (by language)
    "written": "已写入 written: {files}",
    "outputs_unknown": "unknown output '{name}' / 未知的输出文件类型 '{name}'",
    "outputs_none": "no output named / 未指定输出文件",
    "outputs_allowed": "; allowed / 可选: {allowed}",
    "outputs_close": "; did you mean '{name}'? / 是否为 '{name}'？",
    "removed": "已删除 removed {files}, which `jixiao report` had made from the previous results; run it again to "
               "make them from these", "skipped": "已跳过 skipped {n} file(s), not fact files:",
    # The evaluation team's judgement in the outputs without a language (text, workbook, scores.csv)
    "raw_total_row": "适用指标合计（折算前）raw total",
    "judged_columns": ["折算得分 normalised", "说明 note"], "na_row": "不适用 not applicable",
    # report.xlsx's 类型 column: findings.json's `kind` as people read it (a deduction only for 扣分)
    "kind_names": {"integrity": "数据核对 integrity", "implausible": "数据不可信 implausible",
                   "cannot_assess": "无法评价 cannot assess", "rule_gap": "规则缺口 rule gap",
                   "deduction": "扣分 deduction", "waived": "豁免 waived", "rectified": "已整改 rectified",
                   # a finding of a leaf that weighs nothing (a form's review): what to correct, no points
                   "review": "审核意见（不计分）review, not scored"},
}
