"""The words of the data jixiao writes, not labels of an output: a ratio's unit, a case's unit of
amounts, the rows of a form's funds block, the grade bands and the files the scaffolds write,
and last year's findings as next-year writes them into a case's Chinese fact table. They are
the same whatever --lang (they are data, read back as data); labels.DATA_WORDS is this one."""

from __future__ import annotations

DATA_WORDS = {
    "ratio_unit": "比例", "amount_unit": "万元",
    # the 其中 rows of a self-evaluation form's funds block, as the form names them
    "form_funds_rows": {"current_year": "本年财政拨款", "carry_over": "上年结转资金", "other": "其他资金"},
    # the grade bands `jixiao new scheme` writes (财预〔2020〕10号: 90 %, 80 %, 60 % of the maximum), highest first
    "national_grades": ("优", "良", "中", "差"),
    "scheme_grades": "grades:   # the national bands (财预〔2020〕10号): 90 %, 80 %, 60 % of the maximum",
    # what `jixiao new case` and `jixiao next-year` write into a case folder (authoring/case_files.py): the
    # workbook's file name, and last year's findings as rows of the Chinese fact table prior_findings
    "case_workbook": "基础数据表.xlsx",
    "prior_cut": "扣 {d} 分", "prior_raised_by": "jixiao {year} 年检查结果（规则 {rule}，指标 {indicator}）",
    "prior_evidence": "{year} 年 {indicator} {cut}",
    "prior_head": "# Last year's findings: jixiao's results of {year} (written by `jixiao next-year`). Fill in\n"
                  "# `rectification` of each: rectified, partial or not_rectified (整改情况：已整改、部分整改、未整改).\n",
    # an example value of a text column in a scaffold's example facts (authoring/examples.py)
    "example_text": "示例",
}

# The files the scaffolds write, as written (their {placeholders} filled in): the rule file and its
# test file (`jixiao new rule`, authoring/scaffold.py), a new case's case.yaml (`jixiao new case`,
# authoring/case_files.py). Their TODOs stand where the author writes Chinese data (a rule's title,
# its source, its finding; a case's project name); their comments are for the rule author.

RULE_FILE = """\
# Rule {rule_id}: one management rule, one file. Fill in every TODO, then run
#   jixiao lint      (is the rule well-formed?)
#   jixiao test      (do its example cases in {rule_id}{test_suffix} pass?)
# See docs/authoring.md for a walk-through.
id: {rule_id}
title: TODO 规则标题（一句话说明要求，例如：运维商应对补贴资金支出专账核算）
title_en: TODO the rule in English, one line
family: {family}                 # one of the families in rules/families.yaml
source:
  document: TODO 管理办法或合同的名称
  clause: TODO 条款原文或条款号
  report: TODO 评价报告中的章节（可选）
effective: {{from: {year}-01-01}}   # add `to: YYYY-MM-DD` when the rule stops applying
# Which indicator it deducts from is said by the scheme: {listed}
when:
  table: {table}            # the fact table the rule reads (rules/tables/{table}.yaml lists its fields)
  where: {where}   # TODO the condition under which the rule FIRES (a problem is found)
{requires}deduct:
  points: 1      # TODO a fixed number of points, or replace with `formula: weight / 2`
  per: rule      # rule: deduct once however many facts match; match: deduct for each matching fact
finding: TODO 发现的问题，可引用 {{labels}}（触发的事实）和 {{count}}（个数）   # with per: match, any field, e.g. {{field}}
recommendation:
  text: TODO 建议和改进措施
"""

# For a table whose targets state a direction (metric_results): the directions the rule reads
REQUIRES_LINE = """\
requires: {direction} == "at_least" and present(value)   # TODO the directions (方向) the rule reads, as in `where`: \
a target of another direction is then not assessed, never scored as if it read ≥
"""

RULE_TEST_FILE = """\
# Example cases for rule {rule_id}: small sets of facts and exactly what the rule must do.
# Every rule needs at least one case where it fires and one where it does not.
# `facts` gives rows of observed tables{derived}.
# `fires_on` lists the labels of the rows of {table} the rule fires on (its `label:` in
# rules/tables/{table}.yaml: {label}); `deduction` is the rule's total; `score` the leaf's
# score ({indicator} weighs {weight} in {scheme}).
rule: {rule_id}
scheme: {scheme}
cases:
  - name: TODO 规则应当触发的情形
    year: {year}
    facts:   # TODO facts that break the rule
{facts}
    expect: {{fires_on: {labels}, deduction: 1, score: {score}}}
  - name: TODO 规则不应触发的情形
    year: {year}
    facts:   # TODO facts that comply
{facts}
    expect: {{fires_on: [], deduction: 0, score: {weight}}}
"""

CASE_FILE_TEXT = """\
# The case: one project, one year (written by `jixiao new case`). Fill in `project` and, as known,
# unit (unit_short: its short name, as findings call it), department, evaluator (see README,
# case.yaml); then the workbook {workbook} beside this file: a sheet per fact table (说明 says how).
case: {case}
year: {year}
scheme: {scheme}
project: {project}
"""
