"""Message templates of reading fact files, Chinese and English side by side (key -> (中文, English)):
a cell that does not fit its column (jixiao/load/cells.py), a header or a row that is no record
(load/records.py), a table that does not fit its schema (load/validation.py) and a workbook's
cells that cannot be read as shown (load/workbook.py, load/sheet_xml.py). Part of the one
catalogue (jixiao.model.catalogue), which gathers them.
"""

from __future__ import annotations

PROBLEMS = {
    # How a problem is said around its message (jixiao.model.problems.Problem.render)
    "problem.said": ("：{message}", ": {message}"),
    "problem.found": ("；填写的是 {found}", "; found {found}"),
    "problem.allowed": ("；可填：{allowed}", "; allowed: {allowed}"),
    "problem.in_record": ("第 {index} 条记录：{message}", "record {index}: {message}"),
    # Places, counted as people count them
    "unit.line": ("行", "line"),
    "unit.row": ("行", "row"),
    "rows.line": ("第 {numbers} 行", "line {numbers}"),
    "rows.lines": ("第 {numbers} 行", "lines {numbers}"),
    "rows.row": ("第 {numbers} 行", "row {numbers}"),
    "rows.rows": ("第 {numbers} 行", "rows {numbers}"),
    "rows.record": ("第 {numbers} 条记录", "record {numbers}"),
    "rows.records": ("第 {numbers} 条记录", "records {numbers}"),
    "rows.more": ("{cells} 等 {more} 处", "{cells} and {more} more"),
    "rows.also": ("{message}（另有 {cells}）", "{message} (also {cells})"),
}

CELLS = {
    # A cell that does not fit its column (jixiao/load/cells.py)
    "cell.single_value": ("应为单个值，不是列表或映射", "a single value expected, found a list or mapping"),
    "cell.not_allowed": ("不是可填的值", "value not allowed"),
    "cell.text_expected": ("应为文字", "text expected"),
    "cell.not_answer": ("不是可填的回答", "not an answer"),
    "cell.whole_expected": ("应为整数", "whole number expected"),
    "cell.number_expected": ("应为数字", "number expected"),
    "cell.formula_uncomputed": ("应为数字，这是一个没有计算结果的公式（文件未经电子表格软件保存）：请在 Excel 或 WPS 中打开并保存，或直接填写数值",
                                "number expected, found a formula without a computed value (the file was not saved by a "
                                "spreadsheet): open and save it in Excel or WPS, or type the number"),
    "cell.out_of_range": ("数值超出范围", "number out of range"),
    "cell.date_expected": ("应为日期", "date expected"),
    "cell.no_such_date": ("没有这个日期", "no such date"),
    "cell.implausible_year": ("年份不合理：{year} 年", "implausible year {year}"),
    "cell.long_code": ("Excel 只保存 15 位有效数字：长编码被存为数字，末几位已丢失",
                       "a long code saved by Excel as a number: its last digits are lost"),
    "cell.comma": ("逗号只能用作千位分隔符：逗号只能每三位数字一个（16,104.72），小数点不能写成逗号",
                   "a comma that is not a thousands separator: commas only between groups of three digits "
                   "(16,104.72), and a decimal point, not a comma"),
    "cell.percent_row_unit": ("百分数只能填在单位为“{ratio}”的行：此行的单位是“{unit}”，请按此单位填写数字（如 {number}），"
                              "或将单位改为“{ratio}”",
                              "a percentage on a row whose unit is not {ratio}: this row's unit is “{unit}”; write the "
                              "number in that unit (e.g. {number}), or change the unit to {ratio}"),
    "cell.percent_elsewhere": ("百分数只能填在单位为“比例”的列：请按该列的单位填写数字",
                               "a percentage in a column that is not a ratio: write the number in the column's unit"),
    # What a column allows
    "allowed.text": ("文字", "text"),
    "allowed.answer": ("{words}（{codes}）", "{codes} ({words})"),
    "allowed.whole": ("整数，如 12", "a whole number, e.g. 12"),
    "allowed.number": ("数字，如 3064.72", "a number, e.g. 3064.72"),
    "allowed.ratio": ("0 到 1 之间的小数，如 0.9983，或百分数 99.83%", "a ratio from 0 to 1, e.g. 0.9983, or a percentage, 99.83%"),
    "allowed.date": ("日期 YYYY-MM-DD；只知月份时 YYYY-MM", "a date YYYY-MM-DD, or YYYY-MM when only the month is known"),
    "allowed.date_years": ("{date}，年份在 {first} 到 {last} 之间", "{date}, from {first} to {last}"),
    "allowed.below": ("绝对值小于 {limit} 的数", "a finite number below {limit}"),
    "allowed.one": ("一个{kind}", "one {kind} value"),
    "type.text": ("文字值", "text"),
    "type.answer": ("回答", "answer"),
    "type.integer": ("整数", "integer"),
    "type.number": ("数字", "number"),
    "type.date": ("日期", "date"),
    "allowed.as_text": ("请将该列设置为文本格式后重新录入", "format the column as Text, then type the values again"),
}

TABLES = {
    # A header, or a row that is no record (jixiao/load/records.py)
    "table.empty": ("空表：第一行应为表头（列名）", "empty: a header row is required"),
    "table.no_header": ("未找到表头：前几{unit}都不是表“{table}”的列名，第一行应为列名",
                        "no header row: none of the first {unit}s names a column of table '{table}'"),
    "table.header_below": ("表头似乎在{at}（列名 {shown}），其上方的{above}是标题行：请删除表头上方的{unit}（标题或单位行不会被读取）",
                           "the header seems to be {at} (it names {shown}), with {above} above it: delete the {unit}s "
                           "above the header (a title or a unit line there is not read)"),
    "table.empty_column_name": ("表头第 {column} 列没有列名", "empty column name in header (column {column})"),
    "table.named_twice": ("表头中该列出现两次", "column named twice in header"),
    "table.beyond": ("{rows}在表头的 {width} 列以外有数据：请在表头中写明列名，或删除这些数据",
                     "values beyond the header's {width} columns in {rows}: name their columns in the header row, "
                     "or delete them"),
    "table.short": ("{rows}只有 {count} 个单元格，表头有 {width} 列：缺少 {lacking}。每个单元格都要写出，空单元格写作两个逗号之间的空白（,,）",
                    "{rows} has {count} cells, the header {width}: missing {lacking}. Write every cell, an empty one "
                    "as nothing between two commas (,,)"),
    "table.short_many": ("{rows}只有 {count} 个单元格，表头有 {width} 列：缺少 {lacking}。每个单元格都要写出，空单元格写作两个逗号之间的空白（,,）",
                         "{rows} have {count} cells, the header {width}: missing {lacking}. Write every cell, an empty "
                         "one as nothing between two commas (,,)"),
    "table.cells": ("{count} 个单元格", "{count} cells"),
    "table.cells_allowed": ("{width} 个单元格，表头每列一个", "{width} cells, one per column of the header"),
    "table.header_again": ("{rows}重复了表头：下方是另一张表吗？每张表用一个文件或工作表，或删除该行",
                           "{rows} repeats the header: a second table under this one? Give each table its own file or "
                           "sheet, or delete the row"),
    "table.note_row": ("{rows}似乎是表格下方的注释行，不是一条记录：请删除（注释写在 case.yaml 的 notes 中，或写在某条记录的依据中）",
                       "{rows} seems to be a note under the table, not a row of facts: delete it (a note belongs in "
                       "case.yaml `notes`, or in a row's evidence)"),
    "table.total_row": ("{rows}似乎是合计行，不是一条记录：请删除（jixiao 自行合计；合计行若作为记录读取，所有数都会计算两次）",
                        "{rows} seems to be a total row, not a row of facts: delete it (jixiao adds up the rows "
                        "itself; a total read as a row would count everything twice)"),
    # A table against its schema (jixiao/load/validation.py)
    "table.meant_column": ("（是否应为 {name}？）", " (did you mean {name}?)"),
    "table.note_column": ("（备注请写在“{column}”列中，不要另加列）", " (write notes in the {column} column, not a column of their own)"),
    "table.unknown_column": ("表头中的列名无法识别{meant}", "unknown column in the header{meant}"),
    "table.missing_column": ("表头（{at}）缺少必填列", "required column is missing from the header ({at})"),
    "table.unknown_key": ("{rows}：列名无法识别{meant}", "{rows}: unknown column{meant}"),
    "table.missing_key": ("{rows}：缺少必填列", "{rows}: required column is missing"),
    "table.required_empty": ("必填项为空", "required value is empty"),
    "table.duplicate": ("与{other}重复（同一{key}只能填一次）", "duplicate {key} (also {other})"),
    "table.other_record": ("第 {index} 条记录（第 {line} 行）", "record {index}, line {line}"),
}

WORKBOOKS = {
    # A workbook's cells that cannot be read as shown (jixiao/load/workbook.py, sheet_xml.py)
    "workbook.encrypted": ("工作簿设有打开密码：jixiao 无法打开", "a password-protected workbook: jixiao cannot open it"),
    "workbook.encrypted_allowed": ("在 Excel 或 WPS 中取消打开密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后保存",
                                   "remove the password to open: File → Info → Protect Workbook → Encrypt with "
                                   "Password, clear it, and save"),
    "workbook.xls": ("旧版 Excel 97–2003 工作簿（.xls 或 WPS .et），不是 .xlsx：只是文件名以 .xlsx 结尾",
                     "an Excel 97–2003 workbook (.xls or WPS .et), not an .xlsx: only its name ends in .xlsx"),
    "workbook.xls_allowed": ("在 Excel 或 WPS 中打开，另存为 Excel 工作簿 (.xlsx)",
                             "open it in Excel or WPS and save it as an Excel Workbook, .xlsx"),
    "workbook.damaged": ("工作簿已损坏或不完整（.xlsx）：jixiao 无法读取",
                         "a damaged or incomplete Excel workbook (.xlsx): jixiao cannot read it"),
    "workbook.foreign": ("不是 Excel 工作簿（.xlsx）：文件是另一种内容（是否改过扩展名？）",
                         "not an Excel workbook (.xlsx): the file holds another kind of content (a renamed file?)"),
    "workbook.damaged_sheet": ("工作表已损坏：jixiao 无法读取其单元格", "a damaged sheet: jixiao cannot read its cells"),
    "workbook.save_again": ("在 Excel 或 WPS 中打开并另存为 .xlsx", "open the workbook in Excel or WPS and save it again as .xlsx"),
    "workbook.hidden_row": ("隐藏行：{rows}有表中看不到的值，jixiao 会读取它们",
                            "hidden rows: {rows} holds values the sheet does not show, which jixiao would read"),
    "workbook.filtered_row": ("筛选隐藏的行：{rows}有表中看不到的值，jixiao 会读取它们",
                              "rows hidden by a filter: {rows} holds values the sheet does not show, which jixiao "
                              "would read"),
    "workbook.hidden_rows": ("隐藏行：{rows}有表中看不到的值，jixiao 会读取它们",
                             "hidden rows: {rows} hold values the sheet does not show, which jixiao would read"),
    "workbook.filtered_rows": ("筛选隐藏的行：{rows}有表中看不到的值，jixiao 会读取它们",
                               "rows hidden by a filter: {rows} hold values the sheet does not show, which jixiao "
                               "would read"),
    "workbook.hidden_rows_allowed": ("清除筛选或取消隐藏后核对这些行，保留或删除",
                                     "clear the filter or unhide the rows, then check them: keep or delete them"),
    "workbook.hidden_column": ("隐藏列：该列有表中看不到的值，jixiao 会读取它们",
                               "a hidden column holding values the sheet does not show, which jixiao would read"),
    "workbook.hidden_column_allowed": ("取消隐藏后核对该列，保留或删除", "unhide the column, then check it: keep or delete it"),
    "workbook.no_value": ("公式没有计算结果", "a formula without a computed value"),
    "workbook.stale_formula": ("公式结果未经计算：该工作簿由不计算公式的程序写出（要求打开时重新计算），保存的结果可能只是占位值",
                               "a formula whose stored result may be a placeholder: the workbook was written by a "
                               "program that does not compute formulas (it asks to be recalculated on opening)"),
    "workbook.recalculate": ("在 Excel 或 WPS 中打开并保存该工作簿，使公式得到计算；或直接录入数值",
                             "open and save the workbook in Excel or WPS so that its formulas are computed, or type "
                             "the values"),
    # A self-evaluation form's sheets (load/form_cells.py, load/form_sheet.py)
    "form.error_value": ("Excel 错误值：该单元格没有显示数值", "an Excel error value: the cell shows no value"),
    "form.error_value_allowed": ("录入的数值，或能算出结果的公式", "a value typed in, or a formula that computes"),
    "form.unknown_layout": ("无法识别的表样：最接近的表样 {id}（{name}）需要标签 {labels}，本工作表中没有",
                            "a form of unknown layout: the nearest layout, {id} ({name}), needs the labels {labels}, "
                            "which the sheet does not hold"),
    "form.unknown_layout_allowed": ("rules/forms/layouts/ 中的表样：{layouts}；或将此表样写成表样文件（docs/authoring.md）",
                                    "a layout of rules/forms/layouts/: {layouts}; or describe this one as a layout "
                                    "file (docs/authoring.md)"),
    "form.no_form_sheet": ("本工作簿中没有一张工作表是自评表或绩效目标表（工作表：{sheets}），也没有以基础数据表命名的工作表",
                           "no sheet of this workbook holds a self-evaluation or target-setting form (sheets: "
                           "{sheets}), nor is any sheet named as a fact table"),
    "form.no_form_sheet_allowed": ("本方案从表中读取：工作簿中应有一张自评表或绩效目标表，其前 {rows} 行的标题含 {words} 之一",
                                   "this scheme is read from forms: a sheet of the workbook holds a form whose title, "
                                   "in its first {rows} rows, holds one of {words}"),
    "form.sheet_empty": ("“{sheet}”（空白）", "'{sheet}' (empty)"),
    "form.not_form_table": ("“{name}”不是自评表的数据：本方案从自评表或绩效目标表读取",
                            "'{name}' is not a form's data: this scheme is read from self-evaluation or "
                            "target-setting forms"),
    "form.not_form_table_allowed": ("自评表或绩效目标表工作簿（.xlsx）；或以 CSV / YAML 提供其各表：{tables}",
                                    "a workbook (.xlsx) holding the form; or its tables as CSV / YAML: {tables}"),
    "form.merged_value": ("本行{column}所在的单元格与 {anchor} 合并为一个单元格，其中的数只能读作 {anchor} 的值，本行的{column}无从读取",
                          "this row's {column} cell is merged into one cell with {anchor}: its number reads as "
                          "{anchor}'s only, and this row's {column} cannot be read"),
    "form.merged_value_allowed": ("取消合并，每个指标行各填自己的分值和得分",
                                  "unmerge the cells: each indicator row gives its own points and score"),
    # A self-evaluation form's scheme (check/forms.py)
    "form.one_per_folder": ("方案 {scheme} 逐表计分：文件夹中应只有一张自评表；找到的自评表：{found}",
                            "scheme {scheme} scores one form a folder; forms found: {found}"),
    "form.one_per_folder_allowed": ("每个工作簿一张自评表：多个工作簿的文件夹会把每个工作簿作为单独的案例检查",
                                    "one form per workbook: a folder of several workbooks checks each as its own case"),
    "form.not_target_setting": ("方案 {scheme} 审核绩效目标表：本表是自评表", "scheme {scheme} reviews target-setting forms: this is a self-evaluation form"),
    "form.no_target_setting_scheme": ("方案 {scheme} 不审核绩效目标表（方案文件中没有 target_setting）",
                                      "scheme {scheme} reviews no target-setting form (its file names no target_setting)"),
    "form.no_forms": ("无", "none"),
    "form.no_method": ("没有为 {kind} 类的自评表行指定计分方法", "no method for form rows of kind {kind}"),
    "form.not_applicable_row": ("自评表年度指标值为“{target}”：不考核该指标，按适用指标得分折算为百分制（财预〔2020〕10号）",
                                "the form's target is “{target}” (not applicable): the indicator is dropped and the "
                                "total rescaled to 100 (Ministry of Finance, Caiyu [2020] No. 10)"),
    "form.not_applicable_where": ("{file} 第 {line} 行", "{file} row {line}"),
    "form.negative_points": ("分值为负数：各行分值是复算总分的权重，不能小于 0",
                             "negative points: each row's points are a weight of the recomputed total, never below 0"),
    "form.negative_points_allowed": ("0 或正数（该行的分值）", "0 or more (the row's points)"),
    "form.unweighted_leaf": ("未列分值的绩效指标", "performance indicators without points"),
    "workbook.error_value": ("Excel 错误值", "an Excel error value"),
    "workbook.error_value_allowed": ("更正公式或录入数值", "correct the formula or type the value"),
    "workbook.long_number": ("Excel 只保存 15 位有效数字：超过 15 位的数字被存为数字，末几位已丢失（18 位编码会变成 …000）",
                             "a number with more than 15 digits, stored by Excel as a number: its last digits are "
                             "lost (an 18-digit code becomes …000)"),
    "workbook.formatted_number": ("文本列中的数字经数字格式显示：显示的文字不是保存的值",
                                  "a number shown through a number format in a text column: the text shown is not "
                                  "what is stored"),
    "workbook.date_in_text": ("Excel 把该单元格存为日期，而该列是文本列", "Excel stored this cell as a date, in a text column"),
    "workbook.partial_date": ("日期缺少年份或月份：Excel 保存的是录入时的年份",
                              "a date shown without its year or month: Excel stores the year it was typed in"),
    "workbook.partial_date_allowed": ("录入完整日期 YYYY-MM-DD，或只知月份时 YYYY-MM", "type the full date"),
    "workbook.hidden_by_format": ("数字格式隐藏了该值（;;;）：表中看不到它",
                                  "a value its number format does not show (;;;): no one sees it in the sheet"),
    "workbook.hidden_by_format_allowed": ("将单元格格式设为“常规”后核对该值", "format the cell as General, then check the value"),
    "workbook.hidden_day": ("日期显示为月份，但存有具体日期：表中显示月份，单元格存的是看不到的某一天",
                            "a date shown as a month that holds a day other than the 1st: the sheet shows the month, "
                            "the cell a day no one sees"),
    "workbook.hidden_day_allowed": ("将单元格格式设为 yyyy-mm-dd 显示完整日期，或只知月份时录入该月的 1 日",
                                    "format the cell as yyyy-mm-dd to show the day, or type the 1st of the month when "
                                    "only the month is known"),
    "workbook.merged": ("合并单元格：只有合并区域的第一格有值", "merged cells: only the first cell of a merged range holds the value"),
    "workbook.merged_allowed": ("取消合并后逐格填写", "unmerge the cells and fill in every one"),
}

FOLDERS = {
    # A case folder and its files (jixiao/load/case_folder.py)
    "folder.none": ("没有这个文件夹", "no such folder"),
    "folder.no_case_file": ("缺少 case.yaml：每个案例文件夹都需要 case.yaml（case、year、scheme、project）",
                            "missing: every case folder needs a case.yaml (case, year, scheme, project)"),
    "folder.not_fact_file": ("不是事实文件", "not a fact file"),
    "folder.save_as_xlsx": ("{suffixes}：另存为 Excel 工作簿 (.xlsx)", "{suffixes}: save it as an Excel Workbook, .xlsx"),
    "folder.hidden_sheet": ("隐藏工作表：jixiao 会读取一张在 Excel 中看不到的表；请取消隐藏（右键单击工作表标签 → 取消隐藏）后核对，保留或删除",
                            "a hidden sheet: jixiao would read a table no one sees in Excel; unhide it (right-click a "
                            "sheet tab → Unhide) and check it: keep or delete it"),
    "folder.very_hidden_sheet": ("深度隐藏的工作表（Excel 菜单无法取消隐藏）：jixiao 会读取一张看不到的表；请把需要的工作表复制到新工作簿（.xlsx）",
                                 "a very hidden sheet (Excel's menus cannot unhide it): jixiao would read a table no "
                                 "one sees; copy the sheets you mean into a new workbook (.xlsx)"),
    "folder.hidden_and_unknown": ("{why}；且{unknown}", "{why}; and its name is no table's: {unknown}"),
    "folder.table_twice": ("表“{title}”（{name}）出现两次", "table '{name}' ({title}) is given twice"),
    "folder.form_twice": ("表“{form}”出现两次", "form '{form}' is given twice"),
    "file.encoding": ("文本编码无法识别", "text in an unknown encoding"),
    "file.encoding_allowed": ("UTF-8（带或不带 BOM）或 GBK", "UTF-8 (with or without BOM) or GBK"),
    "file.csv": ("不是有效的 CSV：{error}", "not valid CSV: {error}"),
    "file.yaml_records": ("YAML 事实文件须为记录的列表（或一条记录）", "a YAML fact file is a list of records (or one record)"),
    "file.yaml_record": ("每一项须为一条记录（键: 值）", "each item must be a record (key: value)"),
    "folder.records": ("facts.{name} 须为记录的列表", "facts.{name} must be a list of records"),
}

INPUT_CATALOGUE = {**FOLDERS, **PROBLEMS, **CELLS, **TABLES, **WORKBOOKS}
