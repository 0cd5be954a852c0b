"""The labels of a run over many cases, Chinese and English with the same keys and parameters:
the portfolio's page and workbook (report/portfolio_pages.py), the lines a run prints (one per
case, report/summary.py) and a batch's summary (portfolio/pages.py). labels.get(lang)["portfolio"]
gives a language's. portfolio.csv keeps its machine columns (the codes below are its header).

A label that counts is {"one": …, "other": …} (English says 1 case, 2 cases; Chinese the same
either way): labels.counted(label, n) picks the form."""

from __future__ import annotations

SECTIONS = ("by_scheme", "grades", "by_family", "by_kind", "largest_gaps")  # the overview's tables, in order

PORTFOLIO_ZH = {
    "title": "项目组合评价汇总", "cases": "案例",
    "counts": {"one": "共 {cases} 个案例，其中 {failed} 个无法检查。", "other": "共 {cases} 个案例，其中 {failed} 个无法检查。"},
    "sheet_cases": "汇总", "sheet_overview": "概览", "yes": "是", "no": "否",
    # the case table's columns (portfolio.csv's header: the codes); a family's and a review rule's by their titles
    "columns": {"case": "案例", "year": "年度", "scheme": "评价方案", "total": "总分", "out_of": "满分", "grade": "等级", "provisional": "暂定",
                "self_reported": "自评得分", "recomputed": "复算得分", "gap": "差额（自评 − 复算）", "findings": "发现",
                "cannot_assess": "无法评价", "integrity": "数据核对", "error": "错误", "folder": "文件夹"},
    "family_column": "{title}", "kind_column": "表格审核：{title}",
    "overview_columns": {
        "scheme": "评价方案", "out_of": "满分", "cases": "案例", "provisional": "暂定", "mean": "平均", "min": "最低", "median": "中位数",
        "max": "最高", "grade": "等级", "share": "占比", "family": "规则类别", "kind": "表格问题类型（复核、审核规则）",
        "cases_with_findings": "有发现的案例", "findings": "发现", "case": "案例", "year": "年度", "self_reported": "自评得分",
        "recomputed": "复算得分", "gap": "差额（自评 − 复算）"},
    "overview_sections": {"by_scheme": "各评价方案总分（仅最终总分）", "grades": "等级分布", "by_family": "各规则类别的发现",
                          "by_kind": "自评表复核、绩效目标表审核发现（按问题类型）", "largest_gaps": "自评与复算差额最大的自评表（自评 − 复算）"},
    # what a run prints: a line per case, a batch's counts and overview
    "run_cases": {"one": "{n} 个案例：", "other": "{n} 个案例："},
    "batch_counts": {"one": "{n} 个案例：{checked} 个已检查，{failed} 个无法检查",
                     "other": "{n} 个案例：{checked} 个已检查，{failed} 个无法检查"},
    "case_line_findings": {"one": "{n} 项发现", "other": "{n} 项发现"}, "case_line_unassessed": "，{n} 项无法评价",
    "case_line_review": "绩效目标表审核（不计分）",
    "case_line_review_findings": {"one": "{n} 条审核意见", "other": "{n} 条审核意见"},
    "row_error": "{folder}：错误 {error}", "run_error": "错误：{n} 个问题，见下文",
    "overview_spread": "总分平均 {mean}，最低 {min}，中位数 {median}，最高 {max}", "overview_no_final": "没有最终总分",
    "overview_out_of": "（满分 {out_of}）",
    "overview_scheme": {"one": "{scheme}：{cases} 个案例（{provisional} 个暂定）；{spread}{grades}",
                        "other": "{scheme}：{cases} 个案例（{provisional} 个暂定）；{spread}{grades}"},
    "overview_families": "有发现的案例，按规则类别：{families}", "overview_kinds": "有发现的表（自评表、绩效目标表），按问题类型：{kinds}",
    "overview_gaps": "自评与复算差额最大的自评表（自评 − 复算）：{gaps}",
    "overview_gap": "{case} {year} {gap}（自评 {self_reported}，复算 {recomputed}{out_of}）", "list_sep": "，",
    "overview_gap_out_of": "，满分 {out_of}", "overview_grades": "；{grades}",
    "progress": "{done}/{total} 个案例",
}

PORTFOLIO_EN = {
    "title": "Portfolio", "cases": "Cases",
    "counts": {"one": "{cases} case; {failed} could not be checked.", "other": "{cases} cases; {failed} could not be checked."},
    "sheet_cases": "portfolio", "sheet_overview": "overview", "yes": "yes", "no": "no",
    "columns": {"case": "case", "year": "year", "scheme": "scheme", "total": "total", "out_of": "out of", "grade": "grade",
                "provisional": "provisional", "self_reported": "self-reported", "recomputed": "recomputed",
                "gap": "gap (self-reported − recomputed)", "findings": "findings", "cannot_assess": "cannot assess",
                "integrity": "integrity notes", "error": "error", "folder": "folder"},
    "family_column": "{title}", "kind_column": "form review: {title}",
    "overview_columns": {
        "scheme": "scheme", "out_of": "out of", "cases": "cases", "provisional": "provisional", "mean": "mean", "min": "min",
        "median": "median", "max": "max", "grade": "grade", "share": "share", "family": "rule family",
        "kind": "kind (review rule)", "cases_with_findings": "cases with findings", "findings": "findings",
        "case": "case", "year": "year", "self_reported": "self-reported", "recomputed": "recomputed",
        "gap": "gap (self-reported − recomputed)"},
    "overview_sections": {"by_scheme": "Totals by scheme (final totals only)", "grades": "Grades",
                          "by_family": "Findings by rule family",
                          "by_kind": "Findings on forms (self-evaluation, target-setting), by kind",
                          "largest_gaps": "Forms with the largest gaps (self-reported − recomputed)"},
    "run_cases": {"one": "{n} case:", "other": "{n} cases:"},
    "batch_counts": {"one": "{n} case: {checked} checked, {failed} could not be checked",
                     "other": "{n} cases: {checked} checked, {failed} could not be checked"},
    "case_line_findings": {"one": "{n} finding", "other": "{n} findings"}, "case_line_unassessed": ", {n} cannot assess",
    "case_line_review": "target-setting review (not scored)",
    "case_line_review_findings": {"one": "{n} review finding", "other": "{n} review findings"},
    "row_error": "{folder}: ERROR {error}", "run_error": "ERROR: {n} problem(s), see below",
    "overview_spread": "total mean {mean}, min {min}, median {median}, max {max}", "overview_no_final": "no final totals",
    "overview_out_of": " (out of {out_of})",
    "overview_scheme": {"one": "{scheme}: {cases} case ({provisional} provisional); {spread}{grades}",
                        "other": "{scheme}: {cases} cases ({provisional} provisional); {spread}{grades}"},
    "overview_families": "cases with findings, by rule family: {families}",
    "overview_kinds": "forms with findings (self-evaluation, target-setting), by kind: {kinds}",
    "overview_gaps": "self-evaluation forms, largest gaps (self-reported − recomputed): {gaps}",
    "overview_gap": "{case} {year} {gap} ({self_reported} vs {recomputed}{out_of})", "list_sep": ", ",
    "overview_gap_out_of": ", out of {out_of}", "overview_grades": "; {grades}",
    "progress": "{done}/{total} cases",
}
