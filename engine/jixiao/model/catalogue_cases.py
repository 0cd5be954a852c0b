"""Message templates of a case folder's own file, case.yaml (jixiao/load/case_manifest.py), and
of the commands that start a case or its next year or write a data-collection workbook
(jixiao/authoring/case_files.py, authoring/workbook_template.py), Chinese and English side by
side (key -> (中文, English)). Part of the one catalogue (jixiao.model.catalogue), which
gathers them.
"""

from __future__ import annotations

CASE_FILE = {
    "case.placeholder": ("{file} 第 {line} 行：{field} 仍是 `jixiao new case` 写下的占位内容“{value}”：请填写{what}",
                         "{file} line {line}: {field} still holds the placeholder `jixiao new case` wrote, “{value}”: "
                         "fill in {what}"),
    "case.placeholder_project": ("项目的正式名称（报告的标题和封面用它）", "the project's name (the reports' title and cover use it)"),
    "case.placeholder_other": ("该项的实际内容，或删去这一行", "what it really is, or delete the line"),
    "case.field_project": ("项目名称（project）", "project name (project)"),
    "case.field_unit": ("项目单位（unit）", "project unit (unit)"),
    "case.field_unit_short": ("项目单位简称（unit_short）", "project unit's short name (unit_short)"),
    "case.field_department": ("主管部门（department）", "department (department)"),
    "case.field_commissioned_by": ("委托方（commissioned_by）", "commissioned by (commissioned_by)"),
    "case.field_evaluator": ("评价机构（evaluator）", "evaluator (evaluator)"),
    "case.field_report": ("评价报告（report）", "report (report)"),
    "case.field_notes": ("备注（notes）", "notes (notes)"),
    "case.mapping": ("case.yaml 须为映射，包含 case、year、scheme、project", "case.yaml must be a mapping of case, year, scheme, project"),
    "case.must_be": ("必须是{kind}", "must be {kind}"),
    "case.kind_str": ("文字", "str"),
    "case.kind_int": ("整数", "int"),
    "case.id": ("案例 id 用于命名输出文件夹：只能由小写字母、数字和“-”“_”“.”组成",
                "the case id names output folders: lower-case letters, digits, '-', '_', '.'"),
    "case.id_allowed": ("例如 shanghai-single-window", "e.g. shanghai-single-window"),
    "case.sources": ("“sources”将每张表映射到其来源", "'sources' maps each table to where it comes from"),
    "case.source_text": ("来源须为文字：该表来自原始资料的何处", "a source is text: where in the source documents the table comes from"),
    "case.future_year": ("评价年度在未来（今年是 {year} 年）：其事实尚不可能被观察到",
                         "a case year after the current year ({year}): its facts cannot have been observed yet"),
    "case.implausible_year": ("年份不合理", "implausible year"),
    "case.year_range": ("{first}–{last}", "{first}–{last}"),
    "case.folder_year": ("年度与文件夹名称不符：case.yaml 写的是 {year} 年，文件夹却名为 {folder}：这些事实是哪一年的？请更正 `year` 或重命名文件夹",
                         "case.yaml says year {year}, but its folder is named {folder}: which year are these facts "
                         "of? Correct `year`, or rename the folder"),
    "case.folder_year_allowed": ("{folder}（文件夹的年度）", "{folder}, the folder's year"),
    "case.amount_unit": ("金额单位只能是{unit}：jixiao 以{unit}读取所有金额（各表、规则公式和报告）：请将金额换算为{unit}，"
                         "再写 amount_unit: {unit}（或不写该键）",
                         "jixiao reads every amount in {unit} (the tables, the rules' formulas and the reports): convert "
                         "the amounts to {unit}, then write amount_unit: {unit} (or leave the key out)"),
    "case.report_date_empty": ("为空：请填写报告日期，或不写该键", "empty: give the report's date, or leave the key out"),
    "case.report_before": ("报告日期早于评价年度（{year} 年）", "a report dated before the year it evaluates ({year})"),
    "case.report_before_allowed": ("{start} 至 {today} 之间的日期", "a date from {start} to {today}"),
    "case.report_future": ("报告日期在未来（今天是 {today}）", "a report date after today ({today})"),
    "case.report_future_allowed": ("不晚于 {today} 的日期", "a date up to {today}"),
    "case.twice": ("案例重复：{case} {year} 也由 {other} 声明；每个案例的每个年度一个文件夹：请修改其中一个的 `case` 或 `year`（是否复制了文件夹？）",
                   "case {case} {year} is also declared by {other}; each case and year is one folder: change `case` "
                   "or `year` in one of them (a copied folder?)"),
    "case.declared_year": ("年度与文件夹名称不符：写的是 {year} 年，文件夹却名为 {folder}",
                           "declares year {year}, but its folder is named {folder}"),
    "case.declares_nothing": ("没有声明案例（文字）和年度（数字）", "declares no case (text) and year (a number)"),
    "case.expert_score": ("expert_score 须为映射：total（专家评分）、grade、source",
                          "expert_score is a mapping: total (the experts' points), grade, source"),
    "case.expert_total": ("专家总分须为不小于 0 的分数", "the experts' total is a number of points, 0 or more"),
    # what the check finds wrong with a case beyond its files (jixiao/check/case.py)
    "case.unknown_scheme": ("未知的评价方案{meant}", "unknown scheme{meant}"),
    "case.fact_without_date": ("{table} 中的一条事实缺少 {column}（{title}），即确定其时间的日期：{rules} 只判断日期在 {year} 年"
                               "部分时段内的事实",
                               "a fact of {table} without {column} ({title}), the date that places it in time: {rules} "
                               "judge(s) only the facts dated in part of {year}"),
}

AUTHORING = {
    "new.no_scheme": ("没有这个评价方案{meant}", "no such scheme{meant}"),
    "new.xlsx": ("模板文件名应以 .xlsx 结尾", "the workbook's name ends in .xlsx"),
    "new.xlsx_allowed": ("例如 {name}", "e.g. {name}"),
    "new.file_exists": ("文件已存在，jixiao 不会覆盖（它可能是已填写的工作簿）",
                        "the file exists: jixiao does not overwrite it (it may be a filled-in workbook)"),
    "new.file_exists_allowed": ("换一个文件名，或删除该文件", "a new file name, or delete the file"),
    "new.folder_exists": ("文件夹已存在，jixiao 不会覆盖", "the folder exists already: jixiao does not overwrite it"),
    "new.folder_exists_allowed": ("换一个案例 id 或年度，或移走该文件夹", "another case id or year, or move the folder away"),
    "new.no_case_file": ("缺少 case.yaml：每个案例文件夹都需要 case.yaml（case、year、scheme、project）",
                         "missing: every case folder needs a case.yaml (case, year, scheme, project)"),
    "new.no_year_line": ("找不到年度行 `year: YYYY`，无法转到下一年", "no line `year: YYYY` to move on to next year"),
    "new.year_line_allowed": ("一行 `year: {year}`", "a line `year: {year}`"),
}

COMMAND_LINE = {
    # What the command line says before the problems it lists (jixiao/cli/main.py)
    "cli.input_problem": ("jixiao: 输入中有 {count} 个问题，未做任何处理：", "jixiao: {count} problem in the input; nothing was done:"),
    "cli.input_problems": ("jixiao: 输入中有 {count} 个问题，未做任何处理：", "jixiao: {count} problems in the input; nothing was done:"),
    "cli.output_problem": ("jixiao: 写出结果时有 {count} 个问题，原有结果保持不变：",
                           "jixiao: {count} problem writing the results; the previous results were left as they were:"),
    "cli.output_problems": ("jixiao: 写出结果时有 {count} 个问题，原有结果保持不变：",
                            "jixiao: {count} problems writing the results; the previous results were left as they "
                            "were:"),
    # `jixiao synth` (jixiao/authoring/synth.py, form_synth.py)
    "synth.no_case": ("没有可变化的完整案例（含 case.yaml 和基础数据的文件夹）",
                      "no complete case to vary (a folder with case.yaml and facts)"),
    "synth.at_least_one": ("至少为 1", "must be at least 1"),
    "synth.unknown_layout": ("未知的表样", "unknown layout"),
}

RUNS = {
    # A run over several years of a case (check/runs.py): earlier years not used, and why
    "run.not_used": ("{folder}：{year} 年无法检查，未用于逐年比对：{problem}",
                     "{folder}: {year} could not be checked, so it is not used for year-over-year: {problem}"),
    "run.not_used_more": ("{folder}：{year} 年无法检查，未用于逐年比对：{problem}（另有 {more} 个问题：`jixiao check {folder}` 会全部列出）",
                          "{folder}: {year} could not be checked, so it is not used for year-over-year: {problem} "
                          "(and {more} more problem(s): `jixiao check {folder}` lists them all)"),
    "run.unreadable_last_year": ("其文件夹（或可能是它的文件夹）无法读取或检查",
                                 "its folder, or one that may be it, could not be read or checked"),
    "run.uncompared": ("{folder}：未与上年（{year}）比对：{why}；本年发现的状态为 not_compared，而不是 new",
                       "{folder}: not compared with last year ({year}): {why}; this year's findings have the status "
                       "not_compared, not new"),
    "run.foreign": ("{folder}/case.yaml 写的是另一个案例 {other}（本案例 {case}）",
                    "{folder}/case.yaml names another case, {other} (this case: {case})"),
}

TEMPLATES_AND_FOLDERS = {
    # explain --indicator, a user's report template (report/template.py, docx_template.py), a portfolio's folder
    "explain.not_a_leaf": ("不是方案 {scheme} 的末级指标{meant}", "not a leaf of {scheme}{meant}"),
    "template.not_utf8": ("无法读取模板：不是 UTF-8 文本", "cannot read the template: not UTF-8 text"),
    "template.not_docx": ("不是 Word .docx 文档（{kind}）", "not a Word .docx document ({kind})"),
    "template.docx_allowed": ("由 Word 或 LibreOffice 保存的 .docx 文件", "a .docx file saved by Word or LibreOffice"),
    "template.syntax": ("占位符语法错误：{error}", "placeholder syntax: {error}"),
    "template.unknown": ("无法识别的占位符“{name}”{meant}", "unknown placeholder '{name}'{meant}"),
    "template.unknown_allowed": ("无法识别的占位符“{name}”{meant}；可用：{allowed}",
                                 "unknown placeholder '{name}'{meant}; allowed: {allowed}"),
    "template.empty": ("占位符为空", "empty placeholder"),
    "template.one_argument": ("“{name}”需要一个参数，例如 {example}", "'{name}' takes one argument, e.g. {example}"),
    "template.no_leaf": ("方案 {scheme} 中没有末级指标“{name}”{meant}", "no leaf indicator '{name}' in {scheme}{meant}"),
    "template.no_family": ("没有规则类别“{name}”{meant}", "no rule family '{name}'{meant}"),
    "template.no_metric": ("没有数值“{name}”{meant}；可用：total、grade、findings 或 <指标>.score / .weight / .rate",
                           "no metric '{name}'{meant}; allowed: total, grade, findings, or <indicator>.score / "
                           ".weight / .rate"),
    "portfolio.no_case": ("此处及其下级文件夹中没有案例文件夹（含 case.yaml）",
                          "no case folder (with case.yaml) here or below"),
    "portfolio.folder_skipped": ("{problem}；其中的案例均未检查", "{problem}; any case in it was not checked"),
    "portfolio.worker_died": ("检查此案例时工作进程退出（规则引擎崩溃或系统内存不足）；其余案例已检查",
                              "the worker process died while checking this case (a crash in the rule engine, or the "
                              "system ran out of memory); the other cases were checked"),
    "portfolio.workers_not_started": ("工作进程未能启动", "the worker processes could not start"),
    "portfolio.dask_failed": ("Dask 工作进程检查此案例失败：{error}", "the Dask worker failed on this case: {error}"),
}

CASES_CATALOGUE = {**CASE_FILE, **AUTHORING, **COMMAND_LINE, **RUNS, **TEMPLATES_AND_FOLDERS}
