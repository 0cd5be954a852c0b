"""Message templates of the rule author's commands (`jixiao lint`, `jixiao test`, `jixiao new
rule`, `jixiao new scheme`), of the data-collection workbook (`jixiao template`) and of
reading what people type into it (Chinese dates, codes a scheme expects), Chinese and English
side by side (key -> (中文, English)). Part of the one catalogue (jixiao.model.catalogue),
which gathers them.
"""

from __future__ import annotations

DATES = {
    # Dates as people type them (jixiao/load/cells.py)
    "allowed.date_forms": ("日期，如 2024-01-31、2024年1月31日、2024/1/31、2024.1.31；只知月份时写 2024-01、2024年1月、"
                           "2024年1月底、2024/1 或 2024.1（按该月最后一天比较）",
                           "a date, e.g. 2024-01-31, 2024/1/31 or 2024.1.31 (the Chinese year-month-day form too); "
                           "when only the month is known 2024-01, 2024/1 or 2024.1 (compared as the month's last day)"),
    "cell.date_as_number": ("Excel 把它存成了数字：2024.10 会变成 2024.1（一月），无法分辨月份；请将单元格设为文本，或写 2024-10",
                            "Excel saved it as a number: 2024.10 becomes 2024.1 (January), so the month cannot be "
                            "told; format the cell as text, or write 2024-10"),
}

RULE_TESTS = {
    # A rule's example cases (jixiao/authoring/ruletests.py)
    "test.unfinished": ("规则测试尚未写完：仍有 TODO，请{what}", "the rule test is unfinished: a TODO is left; {what}"),
    "test.todo_name": ("将 TODO 换成该情形的名称（说明规则为何触发或不触发）",
                       "replace the TODO with the case's name (why the rule fires or does not)"),
    "test.todo_facts": ("将示例事实改为该情形的事实（违反规则的情形写违反的事实，符合的写符合的），再删去 TODO 注释",
                        "change the example facts to the case's (facts that break the rule where it fires, facts "
                        "that comply where it does not), then delete the TODO comment"),
    "test.todo_other": ("填写该行后删去 TODO", "fill in the line, then delete the TODO"),
}

TEST_FILES = {
    # What is wrong in a rule's example cases, <id>.test.yaml (jixiao/authoring/ruletests.py)
    "test_file.file_mapping": ("规则测试文件是一个映射，含 rule 和 cases", "a rule test file is a mapping with 'rule' and 'cases'"),
    "test_file.rule_beside": ("“rule”必须是同目录中规则文件的 id", "'rule' must name the rule file beside it"),
    "test_file.no_rule": ("本测试文件旁没有规则“{rule}”{meant}", "no rule '{rule}' beside this test file{meant}"),
    "test_file.no_cases": ("“cases”必须至少列出一个情形", "'cases' must list at least one case"),
    "test_file.with": ("“with”将规则的参数映射到取值，写法与评价方案末级指标所给的相同",
                  "'with' maps the rule's parameters to values, as a scheme leaf gives them"),
    "test_file.name_twice": ("另一个情形（第 {line} 行）已用此名称；每个情形用各自的名称",
                        "another case (line {line}) has this name; give each case its own"),
    "test_file.case_mapping": ("每个情形是一个映射，含 name、facts 和 expect", "each case is a mapping with name, facts and expect"),
    "test_file.facts": ("“facts”将表名映射到记录的列表", "'facts' maps table names to lists of records"),
    "test_file.year": ("year 必须是整数", "year must be a whole number"),
    "test_file.expect": ("“expect”给出 fires_on（以及 deduction、score）", "'expect' gives fires_on (and deduction, score)"),
    "test_file.fires_on": ("“fires_on”列出规则触发的事实的名称（不应触发时写 []）",
                      "'fires_on' lists the labels of the facts the rule fires on ([] when it must not fire)"),
    "test_file.cannot_assess": ("cannot_assess 为 true 或 false", "cannot_assess is true or false"),
    "test_file.number": ("必须是数字", "must be a number"),
    "test_file.scheme_without_rule": ("评价方案“{scheme}”未使用规则 {rule}；使用它的方案：{using}",
                                 "scheme '{scheme}' does not use rule {rule}; schemes that do: {using}"),
    "test_file.no_scheme": ("没有评价方案使用规则 {rule}：请将其加入 rules/schemes/<方案>.yaml 中某个末级指标的 rules",
                       "rule {rule} is used by 0 schemes; add it to a leaf's rules in rules/schemes/<scheme>.yaml"),
    "test_file.none": ("无", "none"),
    "test_file.weights_differ": ("规则 {rule} 被 {n} 个评价方案以不同权重使用：{shown}；请用 scheme 指明用哪一个（写在情形中，"
                            "或在文件开头写一次）",
                            "rule {rule} is used by {n} schemes with different weights: {shown}; say which with "
                            "'scheme' (in the case, or once at the top of the file)"),
    "test_file.scheme_weight": ("{scheme}（权重 {weight}）", "{scheme} (weight {weight})"),
    "test_file.method_weight": ("规则 {rule} 是计分方法：请给出代用末级指标的权重（weight: …，写在情形中或文件开头）",
                           "rule {rule} is a method: give the stand-in leaf's weight (weight: …, in the case or at "
                           "the top of the file)"),
    "test_file.precision": ("precision 是末级指标得分保留的小数位数", "precision is the number of decimal places of the leaf's score"),
    "test_file.precision_allowed": ("0 到 4 之间的整数", "a whole number from 0 to 4"),
}

SCHEME_SCAFFOLD = {
    # `jixiao new scheme`'s leaves (jixiao/authoring/scheme_scaffold.py)
    "scaffold.leaf_spec": ("末级指标写作 ID:名称:权重:规则（多条规则用 + 连接）",
                           "a leaf is ID:NAME:WEIGHT:RULE (several rules joined by +)"),
    "scaffold.leaf_spec_example": ("例如 B1:预算执行率:10:budget-execution", "e.g. B1:Budget execution rate:10:budget-execution"),
    "scaffold.leaves_list": ("末级指标清单是一个列表：- {{id: B1, name: 预算执行率, weight: 10, rule: budget-execution}}",
                             "a list of leaves: - {{id: B1, name: Budget execution rate, weight: 10, rule: budget-execution}}"),
    "scaffold.leaves_file": ("末级指标清单应为 .csv 或 .yaml 文件", "a list of leaves is a .csv or .yaml file"),
    "scaffold.leaf_mapping": ("每个末级指标是一个映射，含 id、name、weight、rule", "each leaf is a mapping with id, name, weight, rule"),
    "scaffold.unknown_column": ("无法识别的列{meant}", "unknown column{meant}"),
    "scaffold.leaf_id": ("指标 id 由字母、数字、“_”或“.”组成", "an indicator id is letters, digits, '_' or '.'"),
    "scaffold.leaf_id_example": ("例如 B1", "e.g. B1"),
    "scaffold.leaf_name": ("每个指标都要有名称（name）", "every indicator has a name"),
    "scaffold.leaf_weight": ("权重（weight）是大于 0 的数", "the weight is a number above 0"),
    "scaffold.scheme_id": ("评价方案 id 由小写字母、数字和“-”组成", "a scheme id is lower-case letters, digits and '-'"),
    "scaffold.scheme_id_example": ("例如 renovation-self-check", "e.g. renovation-self-check"),
    "scaffold.scheme_exists": ("已有这个 id 的评价方案", "a scheme with this id exists already"),
    "scaffold.no_leaves": ("没有末级指标：请用 --leaf 选项或 --leaves 文件给出", "no leaves: give --leaf options or --leaves FILE"),
    "scaffold.leaf_twice": ("指标 id 重复（作为两个末级指标，或同时作为末级指标和上级指标）",
                            "indicator id used twice (as a leaf, or as a leaf and a parent)"),
    "scaffold.rule_fed": ("规则 {rule} 已为 {leaf} 扣分：其发现会被重复计算",
                          "rule {rule} feeds {leaf} already: its findings would count twice"),
}

LINT = {
    # `jixiao lint`'s warnings and last line (jixiao/authoring/lint.py)
    "lint.warning": ("警告：{file}：{message}", "warning: {file}: {message}"),
    "lint.no_tests": ("没有规则测试：请添加 {file}，写一个规则触发的情形和一个不触发的情形",
                      "no tests: add {file} with a case where the rule fires and one where it does not"),
    "lint.no_firing_case": ("没有规则触发的测试情形", "no case where the rule fires"),
    "lint.no_quiet_case": ("没有规则不触发的测试情形", "no case where the rule does not fire"),
    "lint.unused": ("没有评价方案使用该规则：请将其 id 加入 rules/schemes/<方案>.yaml 中某个末级指标的 `rules:`",
                    "no scheme uses this rule: add its id to the `rules:` of a leaf in rules/schemes/<scheme>.yaml"),
    "lint.no_clause": ("source 未引用条款：请写明规则依据 {document} 的哪一条或哪一段",
                       "source cites no clause: say which article or passage of {document} the rule encodes"),
    "lint.leaf_no_clause": ("末级指标 {leaf} 的 source 未引用条款：请写明依据 {document} 的哪一条或哪一段",
                            "leaf {leaf}'s source cites no clause: say which article or passage of {document} it "
                            "encodes"),
    "lint.no_label": ("没有 `label:` 说明规则测试和发现的问题如何称呼该表的行：请添加 `label: 列名`（如其主键），"
                      "每个案例只有一行的表写 `label: row`（{table}:1）",
                      "no `label:` says how rule tests and findings name its rows: add `label: COLUMN` (e.g. its "
                      "key), or `label: row` for a table of one row a case ({table}:1)"),
    "lint.gap": ("末级指标 {leaf} 在 {start} – {end} 没有有效的规则：该期间的案例无法评价它（规则缺口）",
                 "leaf {leaf} has no rule in force {start} – {end}: a case of that period cannot assess it "
                 "(rule gap)"),
    "lint.not_successor": ("末级指标 {leaf} 列出了 {rule}，却没有列出自 {start} 起取代它的 {new}",
                           "leaf {leaf} lists {rule} but not {new}, which replaces it from {start}"),
    "lint.summary": ("jixiao lint：{rules} 条规则、{schemes} 个评价方案、{tables} 张基础数据表、{cases} 个规则测试情形："
                     "没有错误，{warnings} {word}",
                     "jixiao lint: {rules} rules, {schemes} scheme(s), {tables} fact tables, {cases} rule test cases: "
                     "no errors, {warnings} {word}"),
    "lint.warnings": ("个警告", "warnings"),
    "lint.one_warning": ("个警告", "warning"),
    # `jixiao coverage` (jixiao/authoring/lint.py)
    "coverage.scheme": ("评价方案 {scheme}：{leaves} 个末级指标中 {covered} 个有规则",
                        "scheme {scheme}: {covered} of {leaves} leaves have rules"),
    "coverage.no_rule": ("没有规则", "NO RULE"),
    "coverage.tests": ("规则测试：{rules} 条规则中 {tested} 条既有触发的情形又有不触发的情形",
                       "rule tests: {tested} of {rules} rules have a firing and a non-firing case"),
    "coverage.cases": ("{firing} 个触发，{quiet} 个不触发", "{firing} firing, {quiet} non-firing"),
    "coverage.sources": ("引用的文件和条款：{documents} 个文件", "cited documents and clauses: {documents} documents"),
    "coverage.no_clause": ("（未引用条款）", "(no clause cited)"),
    # `jixiao test`'s lines (jixiao/authoring/lint.py, ruletests.py)
    "test.none": ("NONE  {rule} › 没有测试情形", "NONE  {rule} › no test cases"),
    "test.counts": ("{rules} 条规则的 {cases} 个情形；{untested} 条规则没有测试",
                    "{cases} case(s) of {rules} rule(s); {untested} rule(s) without tests"),
    "test.passed": ("{passed} 个通过，{failed} 个失败", "{passed} passed, {failed} failed"),
    "test.not_in_force": ("规则 {rule} 在 {year} 年不在有效期内", "rule {rule} is not in force in {year}"),
    "test.tables_missing": ("事实缺少规则 {rule} 读取的表：{tables}", "the facts need table(s) {tables}, which rule {rule} reads"),
    "test.cannot_assess": ("规则无法评价这些事实，而预期 cannot_assess: {expected}{why}",
                           "the rule cannot assess these facts, expected cannot_assess: {expected}{why}"),
    "test.can_assess": ("规则能够评价这些事实，而预期 cannot_assess: {expected}{why}",
                        "the rule can assess these facts, expected cannot_assess: {expected}{why}"),
    "test.why_implausible": ("（事实不可能成立：{notes}）", " (the facts cannot be true: {notes})"),
    "test.why_requires": ("（它需要：{needs}）", " (it requires: {needs})"),
    "test.fires_on": ("触发于 {fired}，预期 {expected}", "fires on {fired}, expected {expected}"),
    "test.deduction": ("扣分 {found}，预期 {expected}", "deduction {found}, expected {expected}"),
    "test.score": ("{leaf} 得分 {found}，预期 {expected}（权重 {weight}）", "{leaf} score {found}, expected {expected} (weight {weight})"),
    "test.no_rule": ("没有这个 id 的规则{meant}", "no rule with this id{meant}"),
}

NEW_RULE = {
    # `jixiao new rule` (jixiao/authoring/scaffold.py)
    "new_rule.created": ("已创建 {path}", "created {path}"),
    "new_rule.rule_add": ("将 {rule} 加入 {file} 中 {leaf} 的 rules；", "add {rule} to the rules of {leaf} in {file}; "),
    "new_rule.rule_next": ("下一步：填写两个文件中的每个 TODO；{add}然后运行 `jixiao lint` 和 `jixiao test`",
                      "next: fill in every TODO in both files; {add}then run `jixiao lint` and `jixiao test`"),
    "new_rule.rule_id": ("规则 id 只能由小写字母、数字和“-”组成", "rule id must be lower-case letters, digits and '-'"),
    "new_rule.rule_id_allowed": ("例如 service-report-metrics", "e.g. service-report-metrics"),
    "new_rule.unknown_family": ("未知的规则类别{meant}", "unknown rule family{meant}"),
    "new_rule.unknown_scheme": ("未知的评价方案{meant}", "unknown scheme{meant}"),
    "new_rule.not_a_leaf": ("不是 {scheme} 的末级指标", "not a leaf of {scheme}"),
    "new_rule.not_a_leaf_allowed": ("末级指标的 id，如 B342（jixiao coverage 列出全部）",
                               "a leaf id, e.g. B342 (jixiao coverage lists them)"),
    "new_rule.listed_elsewhere": ("{scheme} 将 {rule} 列在末级指标 {leaf} 上", "{scheme} lists {rule} on leaf {leaf}"),
    "new_rule.unknown_table": ("未知的基础数据表{meant}", "unknown fact table{meant}"),
    "new_rule.rule_exists": ("已有这个 id 的规则", "a rule with this id exists already"),
    "new_rule.instance_id": ("{scheme} 的末级指标 {leaf} 以这个 id 应用 {method}：规则文件会与之重名",
                        "leaf {leaf} of {scheme} applies {method} under this id: a rule file would take its name"),
    "new_rule.another_id": ("另一个 id", "another id"),
    "new_rule.file_exists": ("文件已存在，未覆盖", "exists already; not overwritten"),
}

CODES = {
    # A row whose code the scheme does not look for (jixiao/check/codes.py)
    "codes.unknown": ("{table}：{column} 填的是“{found}”，不是评价方案要读取的代码，该行不会被任何规则读取；"
                      "方案要读取的代码：{allowed}；尚缺：{missing}{meant}",
                      "{table}: {column} is “{found}”, a code the scheme does not look for, so no rule reads the row; "
                      "the codes it looks for: {allowed}; still missing: {missing}{meant}"),
    "codes.meant": ("（是否应为 {code}，即“{name}”？）", " (did you mean {code}, {name}?)"),
}

WORKBOOK = {
    # The data-collection workbook (jixiao/authoring/workbook_template.py): its instructions sheet
    "workbook.title": ("基础数据表 填写说明", "Data-collection workbook: how to fill it in"),
    "workbook.scheme": ("评价方案：{name}（{id}）", "Scheme: {name} ({id})"),
    "workbook.year": ("　年度：{year}", "  year: {year}"),
    "workbook.project": ("项目：{project}（{case} {year}）", "Project: {project} ({case} {year})"),
    "workbook.unit": ("　项目单位：{unit}", "  project unit: {unit}"),
    "workbook.how": ("一、如何填写", "1. How to fill it in"),
    "workbook.general_1": ("每个工作表是一张基础数据表，第一行是表头（列名），请从第二行起每行填写一条记录，不要修改表头。",
                           "Each sheet is one fact table; its first row is the header (the column names): write one "
                           "record a row from the second row on, and leave the header as it is."),
    "workbook.general_2": ("列名前带 {mark} 且底色为橙色的是必填列；其他列有数据时填写。",
                           "Columns whose name starts with {mark} on an orange ground are required; fill in the others "
                           "when there is data."),
    "workbook.general_3": ("将鼠标停在表头单元格上可查看该列的说明：含义、单位、可填的值和示例。",
                           "Rest the mouse on a header cell to read the column's note: its meaning, unit, the values "
                           "allowed and an example."),
    "workbook.general_4": ("金额一律以“{unit}”为单位，不要换算成元；数字直接填写，可带千位分隔符（16,104.72）。",
                           "Amounts are in {unit} (ten thousand yuan), never converted to yuan; write numbers as they "
                           "are, with thousands separators if you like (16,104.72)."),
    "workbook.general_5": ("比例（单位为“{ratio}”的列）填 0 到 1 之间的小数，或百分数（如 99.83%）。",
                           "A ratio (a column whose unit is {ratio}) is a decimal from 0 to 1, or a percentage (99.83%)."),
    "workbook.general_6": ("日期填写为 2017-06-30（也可写 2017年6月30日、2017/6/30）；只知道月份时填写 2017-06 或 2017年6月"
                           "（按该月最后一天比较）。",
                           "Dates are written 2017-06-30 (or 2017/6/30, or the Chinese year-month-day form); when only "
                           "the month is known, 2017-06 (compared as the month's last day)."),
    "workbook.general_7": ("是否类问题和有固定选项的列从下拉列表中选择（如 {words}）。",
                           "Yes/no questions and columns with fixed options are chosen from the drop-down list "
                           "(e.g. {words}: yes / no / partial)."),
    "workbook.general_8": ("请勿在表头上方加标题行，勿在表格下方加合计行或注释行，勿合并单元格，勿隐藏行、列或工作表。",
                           "Add no title row above the header, no total or note row under the table; merge no cells; "
                           "hide no row, column or sheet."),
    "workbook.general_9": ("不适用或暂无资料的表可留空（只保留表头），原因写在 case.yaml 的备注（notes）中；"
                           "评价时该表相关指标将列为“无法评价”。",
                           "A table that does not apply or has no data yet may stay empty (the header only), with why "
                           "in case.yaml's notes; its indicators will be listed as not assessable."),
    "workbook.general_10": ("代码列（如指标代码）只能填本说明“三、应填写的代码”所列的代码，可从下拉列表中选择；"
                            "每个代码一行，其他代码不会被评价读取。",
                            "A code column (such as the indicator code) takes only the codes listed under 3 below, "
                            "chosen from its drop-down list: one row per code; other codes are read by no rule."),
    "workbook.tables": ("二、各表内容（工作表名称 — 填写什么 — 必填列 — 向谁索取 / 依据）",
                        "2. The tables (sheet — what it holds — required columns — whom to ask / evidence)"),
    "workbook.head_sheet": ("工作表", "Sheet"),
    "workbook.head_content": ("内容", "Content"),
    "workbook.head_code": ("表代码", "Table code"),
    "workbook.head_required": ("必填列", "Required columns"),
    "workbook.head_needs": ("需提供的资料（向项目单位或主管部门索取）", "Evidence to provide (ask the project unit or its department)"),
    "workbook.source": ("（出处：{source}）", " (source: {source})"),
    "workbook.ask_unit": ("向{unit}索取", "ask {unit}"),
    "workbook.ask_default": ("向项目单位索取", "ask the project unit"),
    "workbook.asks_more": ("；等", "; …"),
    "workbook.asks_sep": ("；", "; "),
    "workbook.list_sep": ("、", ", "),
    "workbook.needs_codes": ("{title}：{column}每个代码一行：{codes}",
                             "{title}: one row for each {column}: {codes}"),
    "workbook.needs_for": ("{title}：用于评价 {leaves}", "{title}: for {leaves}"),
    "workbook.codes": ("三、应填写的代码（代码列的下拉列表取自此处；右侧为该代码对应的指标）",
                       "3. The codes to write (the code columns' drop-down lists come from here; beside each, its indicator)"),
    "workbook.head_column": ("列", "Column"),
    "workbook.head_value": ("代码", "Code"),
    "workbook.head_leaf": ("指标", "Indicator"),
    "workbook.code_item": ("{code}（{name}）", "{code} ({name})"),
    # A column's note (its header cell's comment) and drop-down list
    "workbook.required": ("　必填", "  required"),
    "workbook.c_unit": ("单位：{unit}", "Unit: {unit}"),
    "workbook.c_allowed": ("可填：{allowed}", "Allowed: {allowed}"),
    "workbook.c_answer": ("{words}（从下拉列表选择）", "{words} (yes / no / partial, from the drop-down list)"),
    "workbook.c_date": ("日期 2017-06-30 或 2017年6月30日；只知月份时 2017-06 或 2017年6月",
                        "a date 2017-06-30; 2017-06 when only the month is known"),
    "workbook.c_integer": ("整数", "a whole number"),
    "workbook.c_text": ("文字", "text"),
    "workbook.c_ratio": ("0 到 1 之间的小数或百分数（99.83%）", "a decimal from 0 to 1, or a percentage (99.83%)"),
    "workbook.c_number": ("数字", "a number"),
    "workbook.c_choices": ("{choices}（从下拉列表选择）", "{choices} (from the drop-down list)"),
    "workbook.c_codes": ("本方案要读取的代码（每个一行，从下拉列表选择）：{codes}",
                         "the codes this scheme reads (one row each, from the drop-down list): {codes}"),
    "workbook.c_reference": ("“{sheet}”表“{column}”列中已填的编号之一（从下拉列表选择）",
                             "one of the codes in the “{column}” column of the “{sheet}” sheet (from the drop-down list)"),
    "workbook.c_reference_case": ("；本案例现有：{codes}", "; this case has: {codes}"),
    "workbook.c_example": ("示例：{example}", "Example: {example}"),
    "workbook.c_description": ("说明：{description}", "Note: {description}"),
    "workbook.e_text": ("（文字）", "(text)"),
    "workbook.e_ratio": ("0.4 或 40%", "0.4 or 40%"),
    "workbook.pick_title": ("请从下拉列表中选择", "Choose from the drop-down list"),
    "workbook.pick": ("可填：{choices}", "Allowed: {choices}"),
}

AUTHORING_CATALOGUE: dict[str, tuple[str, str]] = {**WORKBOOK, **CODES, **DATES, **RULE_TESTS, **TEST_FILES, **LINT,
                                                   **NEW_RULE, **SCHEME_SCAFFOLD}
