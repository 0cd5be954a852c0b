"""Input vocabulary: the Chinese words jixiao reads in what people type, not messages it says.

Every message and label jixiao shows is in a catalogue (jixiao.model.catalogue,
jixiao.report.labels); the words here are the other way round: what an evaluator or a project
unit writes in a fact file or a workbook and jixiao understands (是 for yes, 合计 for a total
row, 注： for a note under a table, a date format Excel writes in Chinese). They are data
jixiao parses, so they stay Chinese whatever the language of the messages.
"""

from __future__ import annotations

import re

RATIO_UNIT = "比例"  # the unit of a ratio column (0–1; 99.83% is read there as 0.9983)
YES_NO_UNIT = "是否"  # a unit starting so (是否…) is a yes/no coded as 1/0
DURATION_UNITS = {"天": 1, "小时": 24, "分钟": 24 * 60}  # a duration column's unit: how many make a day
INSTRUCTIONS_SHEET = "说明"  # the data-collection workbook's instructions sheet: not a table, not read
AMOUNT_UNIT = "万元"  # the unit of every amount jixiao reads (case.yaml `amount_unit` may only say it)
# A self-evaluation form's own labels: its budget-execution row (the scheme's leaf A) and its total
FORM_EXECUTION_LABEL, FORM_TOTAL_LABEL = "预算执行率", "总分"
# Where a transcribed text stands in the report it was transcribed from: “（§三(二)1(2) A22）”,
# “(§四(二)2(2))”, “（报告 一(一)、一(二)）”. The body of a new report does not cite them (provenance).
SECTION_REF = re.compile(r"\s*[（(]\s*(?:§|报告\s)[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]")

# The answers as people write them in Chinese (an answer column: yes, no, partial, not_applicable)
ANSWER_WORDS = {"是": "yes", "否": "no", "部分": "partial", "不适用": "not_applicable"}

# A conclusion on a qualitative indicator in the national form's three tiers (财预〔2020〕10号 自评表:
# 达成 / 部分达成 / 未达成), as the workbook's instructions ask for it: read as the answer it is.
# Read only; what jixiao writes and offers (drop-down lists, texts) is ANSWER_WORDS'.
ANSWER_TIER_WORDS = {"达成": "yes", "部分达成": "partial", "未达成": "no"}

# The answers as finding texts say them (|yn): the same words
ANSWER_TEXT = {code: word for word, code in ANSWER_WORDS.items() if code != "not_applicable"}

# A row below a table's header that is no fact: a note (注：金额单位为万元…, 数据来源…) or a total
# (合计, 小计) left under the table as printed (jixiao/load/records.py).
NOTE_ROW = re.compile(r"^[\s*※#]*(?:(?:注释?|附注|说明|备注|(?:数据|资料)?来源|(?:金额|计量)?单位|制表人?|填表人?|填报人?|"
                      r"审核人?|编制人?|note|source|unit)\s*[0-9一二三四五六七八九十①-⑳()（）.、]*\s*[:：]"
                      r"|(?:数据|资料)来源于|(?:金额|计量)?单位(?:为|是))", re.IGNORECASE)
# A column people add to a sheet for remarks (备注): no table has one; a record's notes are its 依据
NOTE_HEADERS = frozenset({"备注", "附注", "备考", "说明", "注", "备注说明", "remark", "remarks", "note", "notes"})
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "共计", "总合计", "合计数", "total", "subtotal", "grandtotal", "sum"})

# Built-in date formats whose code depends on the locale and is not written in the file: their
# zh-CN forms (ECMA-376 Part 1, 18.8.30), as Excel shows a date in a Chinese workbook.
_MONTH, _DAY_OF_MONTH, _TIME = 'yyyy"年"m"月"', 'm"月"d"日"', 'h"时"mm"分"'
EAST_ASIAN_FORMATS = {27: _MONTH, 28: _DAY_OF_MONTH, 29: _DAY_OF_MONTH, 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
                      32: _TIME, 33: _TIME, 34: _TIME, 35: _TIME, 36: _MONTH, 50: _MONTH, 51: _DAY_OF_MONTH,
                      52: _MONTH, 53: _DAY_OF_MONTH, 54: _DAY_OF_MONTH, 55: _TIME, 56: _TIME, 57: _MONTH,
                      58: _DAY_OF_MONTH}

# The forms people type a date in besides ISO (2024-01-31, 2024-01), each unambiguous: 2024年1月31日
# (日 or 号), 2024年1月, 2024年1月底 / 2024年1月底前 (the month's last day, as a day), 2024/1/31, 2024/1,
# 2024.1.31, 2024.1, 2024-1-31. Groups: year; month and day (or 底) of the Chinese form; the
# separator, month and day of the others. A month alone is a month, as 2024-01 is (jixiao/load/cells.py).
TYPED_DATE = (r"^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底前?))?|([./-])(\d{1,2})"
              r"(?:\5(\d{1,2}))?)$")

# what `jixiao new case` writes in case.yaml for the user to replace: a text field still holding
# one of these marks is the scaffold's, not the project's (an integrity note says so)
PROJECT_PLACEHOLDER = "待填写项目名称 (the project's name, to fill in)"
PLACEHOLDER_MARKS = ("待填写", "to fill in")

# a form's columns as the form titles them (rules/tables/form_indicators.yaml), named in either
# language in a request for a value that cannot be read; a date as forms write it
FORM_TARGET_TITLE, FORM_ACTUAL_TITLE = "年度指标值", "实际完成值"
FORM_DATE_EXAMPLE = "2023年11月"
FORM_POINTS_LABEL = "分值（points）"  # the column, as the form reader's own problems name it
