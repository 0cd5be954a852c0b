"""Every message template jixiao renders from a key (jixiao.model.messages), Chinese and English
side by side: key -> (中文, English). The check layer's integrity notes and the load layer's
input problems are both said from here, so a wording is changed in one place and both
languages keep the same parameters (tests/test_messages.py checks that they do).

Parameters are named in braces; how each kind of parameter is said (a column by its title and
code, a value with its unit) is jixiao.model.messages'.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")

NOTES = {
    # Facts that disagree (check/integrity.py)
    "integrity.row_sum": ("第 {row} 行 {total} = {total_value}，但 {parts} = {sum}（相差 {difference}）",
                          "line {row}: {total} = {total_value}, but {parts} = {sum} (a difference of {difference})"),
    "integrity.subtotal": ("小计行“{item}”的 {column} = {declared}，但各项之和为 {computed}（相差 {difference}）",
                           "subtotal “{item}”: {column} = {declared}, but its items add up to {computed} "
                           "(a difference of {difference})"),
    "integrity.total": ("合计行“{item}”的 {column} = {declared}，但各项之和为 {computed}（相差 {difference}）",
                        "total “{item}”: {column} = {declared}, but its parts add up to {computed} "
                        "(a difference of {difference})"),
    "integrity.sum_equals": ("{table} {column} 合计 {computed}，与 {other_table} 中的 {other} = {declared} 不一致"
                             "（相差 {difference}）",
                             "{table}: {column} adds up to {computed}, but {other} in {other_table} = {declared} "
                             "(a difference of {difference})"),
    "integrity.joined_sum": ("{table} {column} 合计 {computed}（{joined}），与 {other_table} 中的 {other} = {declared} "
                             "不一致（相差 {difference}）",
                             "{table}: {column} adds up to {computed} ({joined}), but {other} in {other_table} = "
                             "{declared} (a difference of {difference})"),
    "integrity.equals": ("{column} = {value}", "{column} = {value}"),
    "integrity.shares": ("{group} = {value} 的 {column} 合计为 {total}%，不是 100%",
                         "{column} for {group} = {value} adds up to {total}%, not 100%"),
    "integrity.reference": ("{column} “{value}” 在 {table} 的 {to} 中找不到",
                            "{column} “{value}” is not among the {to} of {table}"),
    # Facts that cannot be true, or are incomplete (check/plausibility.py)
    "plausible.who": ("“{label}” ", "“{label}”: "),
    "plausible.who_derived": ("{table}（派生） ", "{table} (derived): "),
    "plausible.who_derived_label": ("{table}（派生）“{label}” ", "{table} (derived) “{label}”: "),
    "plausible.is": ("为 {value}", "is {value}"),
    "plausible.negative": ("{who}{said}，不能为负数", "{who}{said}, which cannot be negative"),
    "plausible.below": ("{who}{said}，不能小于 {limit}", "{who}{said}, which cannot be less than {limit}"),
    "plausible.above": ("{who}{said}，不能大于 {limit}", "{who}{said}, which cannot be more than {limit}"),
    "plausible.date_range": ("{who}{said} 不在 {year} 年评价的合理范围（{low}–{high} 年）内",
                             "{who}{said} is outside the years plausible for an evaluation of {year} ({low}–{high})"),
    "plausible.at_most": ("{who}{said} 超过 {limit}{less}{unless}", "{who}{said} exceeds {limit}{less}{unless}"),
    "plausible.at_most_less": ("（{columns}）", " ({columns})"),
    "plausible.at_most_unless": ("；如确为超额拨付，请在 {column} 列填 yes",
                                 "; if it was indeed paid over the limit, write yes in {column}"),
    "plausible.total": ("合计 {value}", "totals {value}"),
    "plausible.sum_at_most": ("{table} 的 {said} 超过 {other_table} 的 {other}",
                              "{table}: {said}, more than {other_table}'s {other}"),
    "plausible.dates_in_order": ("{who}{first} 晚于 {second}", "{who}{first} is later than {second}"),
    "plausible.not_before": ("{who}{said} 早于 {other_table} {other_who}{other}",
                             "{who}{said} is earlier than {other_table} {other_who}{other}"),
    "plausible.duration": ("{who}{said} 与 {start} 至 {end} 的 {days} 天（{length} {unit}）不符",
                           "{who}{said} does not match the {days} days ({length} {unit}) from {start} to {end}"),
    "plausible.term_ends": ("{who}{end} 与 {start} 起 {months} 不符（应在 {low} 至 {high} 之间）",
                            "{who}{end} does not fit {months} from {start} (it should be between {low} and {high})"),
    "plausible.term_ends_never": ("{who}{end} 与 {start} 起 {months} 不符（应在 公元 1–9999 年内，无此日期 之间）",
                                  "{who}{end} does not fit {months} from {start} (that term ends outside the years "
                                  "1–9999: no date fits it)"),
    "plausible.empty": ("却为空", "is empty"),
    "plausible.required_with": ("{who}{given} 已填写，{said}：记录不完整",
                                "{who}{given} given, but {said}: the record is incomplete"),
    "plausible.blank": ("（空）", "(empty)"),
    "plausible.equal": ("{who}{columns} 不一致{present}", "{who}{columns} differ{present}"),
    "plausible.equal_present": ("（{values} 不能相互比较）", " ({values} cannot be compared)"),
}

INPUT = {
    # Reading fact files (jixiao.load)
    "input.merged_header": ("表头单元格 {cells} 已合并：表头每一格只写一个列名，合并后除第一格外的列都没有列名",
                            "merged header cells {cells}: a header names one column per cell, and a merged range "
                            "leaves every column but its first without a name"),
    "input.merged_header_allowed": ("取消合并（开始 → 合并后居中 → 取消单元格合并），在每一格中分别填写列名",
                                    "unmerge the cells (Home → Merge & Center → Unmerge Cells) and write each "
                                    "column's name in its own cell"),
    "input.unknown_table": ("无法识别的基础数据表“{name}”：没有这个名称的表", "unknown fact table '{name}': no table has this name"),
    "input.unknown_table_meant": ("无法识别的基础数据表“{name}”（是否应为“{meant}”？）",
                                  "unknown fact table '{name}' (did you mean {meant}?)"),
    "input.source_unknown": ("“sources”中的表“{table}”不是已知的基础数据表", "'sources' names a table that does not exist: '{table}'"),
    "input.source_unknown_meant": ("“sources”中的表“{table}”不是已知的基础数据表（是否应为“{meant}”？）",
                                   "'sources' names a table that does not exist: '{table}' (did you mean {meant}?)"),
    "input.source_without_file": ("“sources”列出的表 {table} 没有对应的文件或工作表",
                                  "'sources' names a table with no file or sheet: {table}"),
    "input.source_without_file_renamed": ("“sources”列出的表 {table} 没有对应的文件或工作表；名称无法识别的文件或工作表："
                                          "{names}（是否改过名？）",
                                          "'sources' names a table with no file or sheet: {table}; the files or sheets "
                                          "named after no table: {names} (renamed?)"),
    "input.source_without_file_allowed": ("将工作表命名为“{title}”或“{code}”（文件命名为 {code}.csv 等），或从 sources 中删除该表",
                                          "a sheet named “{title}” or “{code}” (a file {code}.csv, …), or no "
                                          "entry for it in sources"),
    "input.empty_header_cell": ("表头单元格 {cell} 没有列名", "empty column name in header cell {cell}"),
}

CATALOGUE: dict[str, tuple[str, str]] = {**NOTES, **INPUT}
