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

AUTHORING_CATALOGUE: dict[str, tuple[str, str]] = {**DATES, **RULE_TESTS}
