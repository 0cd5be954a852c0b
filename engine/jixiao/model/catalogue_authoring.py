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

AUTHORING_CATALOGUE: dict[str, tuple[str, str]] = {**DATES}
