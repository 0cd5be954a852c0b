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

AUTHORING_CATALOGUE: dict[str, tuple[str, str]] = {**DATES, **RULE_TESTS, **LINT, **NEW_RULE}
